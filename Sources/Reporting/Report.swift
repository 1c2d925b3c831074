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

/// The outcome of one scan, as the reporters render it.
public struct Report: Sendable {
    /// Every finding, sorted, whatever its status; `openFindings` are what the scan reports and
    /// what `--fail-on` looks at.
    public var findings: [Finding]
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
        durationMilliseconds: Int = 0, policyInfo: [String: ReportPolicyInfo] = [:], fileKinds: [String: String] = [:]
    ) {
        // Sorted in place, and only when they are not in order already (a scan sorts each file's
        // findings where they are made): tens of thousands of findings are neither copied nor
        // compared n log n times.
        self.findings = findings
        if !Self.isSorted(self.findings) { self.findings.sort() }
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

    private static func isSorted(_ findings: [Finding]) -> Bool {
        var position = 1
        while position < findings.count {
            if findings[position] < findings[position - 1] { return false }
            position += 1
        }
        return true
    }

    /// The findings nothing waives: the ones reporters list and that can fail a scan.
    public var openFindings: [Finding] { findings.filter { $0.status == .open } }

    /// The number of open findings of each severity.
    public var countsBySeverity: [Severity: Int] {
        var counts: [Severity: Int] = [:]
        // By index, reading two fields: a loop over the findings would copy each one.
        for index in findings.indices where findings[index].status == .open {
            counts[findings[index].severity, default: 0] += 1
        }
        return counts
    }

    /// How many findings have each status.
    public func count(_ status: Finding.Status) -> Int {
        var count = 0
        for index in findings.indices where findings[index].status == status { count += 1 }
        return count
    }

    public var errorCount: Int { diagnostics.count { $0.level == .error } }
    public var warningCount: Int { diagnostics.count { $0.level == .warning } }
}
