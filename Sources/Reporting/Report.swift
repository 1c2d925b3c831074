import PolicyModel

/// What a reporter needs to know about a policy beyond what its findings carry: the fields of the
/// JSON and SARIF reports that come from the policy document. The caller builds it from its
/// `Policy` values, so this target depends on the model only.
public struct ReportPolicyInfo: Sendable, Hashable {
    public var title: String?
    /// What the policy checks and why it matters, in a few sentences.
    public var description: String?
    /// The policy's severity, for policies that ran without a finding; a finding carries its own.
    public var severity: Severity?
    public var equivalents: [String]
    /// Compliance framework → control ids (`cis-kubernetes: ["5.2.1"]`).
    public var frameworks: [String: [String]]
    public var remediation: String?
    /// Links to documentation about the risk, most useful first.
    public var references: [String]

    public init(
        title: String? = nil, description: String? = nil, severity: Severity? = nil, equivalents: [String] = [],
        frameworks: [String: [String]] = [:], remediation: String? = nil, references: [String] = []
    ) {
        self.title = title
        self.description = description
        self.severity = severity
        self.equivalents = equivalents
        self.frameworks = frameworks
        self.remediation = remediation
        self.references = references
    }
}

/// A finding that an inline `palisade:ignore` comment or an exception set aside. It is not one of
/// the report's `findings`, so it neither fails the scan nor shows in the usual outputs; a reporter
/// that can mark findings as suppressed may write it when asked to.
public struct SuppressedFinding: Sendable, Hashable {
    /// What set the finding aside.
    public enum Kind: String, Sendable, Hashable {
        /// A `# palisade:ignore[<policy-id>] <reason>` comment in the scanned file.
        case inline
        /// An entry of the exceptions file, kept outside the scanned file.
        case exception
    }

    public var finding: Finding
    public var kind: Kind
    /// The reason given with the comment or the exception.
    public var justification: String

    public init(_ finding: Finding, kind: Kind, justification: String) {
        self.finding = finding
        self.kind = kind
        self.justification = justification
    }
}

/// The outcome of one scan, as the reporters render it.
public struct Report: Sendable {
    /// The open findings, sorted: what the scan reports and what `--fail-on` looks at.
    public var findings: [Finding]
    /// Findings set aside by a suppression comment or an exception, sorted by their finding.
    public var suppressed: [SuppressedFinding]
    /// Input and configuration problems (files that do not parse, policies that do not load) and
    /// evaluation warnings.
    public var diagnostics: [Diagnostic]
    /// How many input files were read.
    public var files: Int
    public var resources: Int
    public var policies: Int
    public var durationMilliseconds: Int
    /// Policy id → what the JSON report takes from the policy.
    public var policyInfo: [String: ReportPolicyInfo]
    /// File → the input that read it (`kubernetes`), reported as each finding's `kind`.
    public var fileKinds: [String: String]

    public init(
        findings: [Finding], diagnostics: [Diagnostic] = [], files: Int, resources: Int = 0, policies: Int = 0,
        durationMilliseconds: Int = 0, policyInfo: [String: ReportPolicyInfo] = [:], fileKinds: [String: String] = [:],
        suppressed: [SuppressedFinding] = []
    ) {
        self.findings = findings.sorted()
        self.suppressed = suppressed.sorted { $0.finding < $1.finding }
        // Stable, so diagnostics at one position keep the order they were given in.
        self.diagnostics = diagnostics.enumerated().sorted { left, right in
            let (l, r) = (left.element.location, right.element.location)
            return (l.file, l.line, l.column, left.offset) < (r.file, r.line, r.column, right.offset)
        }.map(\.element)
        self.files = files
        self.resources = resources
        self.policies = policies
        self.durationMilliseconds = durationMilliseconds
        self.policyInfo = policyInfo
        self.fileKinds = fileKinds
    }

    /// The number of findings of each severity.
    public var countsBySeverity: [Severity: Int] {
        var counts: [Severity: Int] = [:]
        for finding in findings { counts[finding.severity, default: 0] += 1 }
        return counts
    }

    public var errorCount: Int { diagnostics.count { $0.level == .error } }
    public var warningCount: Int { diagnostics.count { $0.level == .warning } }
}
