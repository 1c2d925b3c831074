import CEL
import PolicyModel

/// A guardrail policy as its YAML document declares it, with every CEL expression already compiled:
/// a loaded policy is ready to evaluate. `PolicyLoader` builds it and checks every field on the
/// way, so the values here are known to be valid.
///
/// A validation's expression is true when the resource complies, as in Kubernetes'
/// ValidatingAdmissionPolicy.
public struct Policy: Sendable {
    /// What a failing validation does by default; configuration may override it per scope.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// Findings fail the scan (and the admission request).
        case enforce
        /// Findings are reported but do not fail.
        case warn
        /// Findings are recorded only.
        case audit
    }

    /// A CEL expression as written in the policy, its compiled program and where it is written.
    public struct Expression: Sendable {
        public var source: String
        public var program: Program
        /// The position of the YAML scalar that holds the expression.
        public var location: Location

        public init(source: String, program: Program, location: Location) {
            self.source = source
            self.program = program
            self.location = location
        }
    }

    /// A named expression: a variable or a match condition.
    public struct NamedExpression: Sendable {
        public var name: String
        public var expression: Expression

        public init(name: String, expression: Expression) {
            self.name = name
            self.expression = expression
        }
    }

    /// Which resources the policy looks at. Every part that is given must hold; an empty list or
    /// mapping does not restrict.
    public struct Match: Sendable {
        /// Resource types (`Deployment`, `aws_s3_bucket`).
        public var resources: [String]
        /// Namespaces, for inputs that have them.
        public var namespaces: [String]
        /// Labels the resource must carry, with these values.
        public var labels: [String: String]
        /// Further conditions, each true for a resource the policy applies to (`matchConditions`).
        public var conditions: [NamedExpression]

        public init(
            resources: [String] = [], namespaces: [String] = [], labels: [String: String] = [:],
            conditions: [NamedExpression] = []
        ) {
            self.resources = resources
            self.namespaces = namespaces
            self.labels = labels
            self.conditions = conditions
        }
    }

    /// One check: `expression` is true when the resource (or the `each` item) complies.
    public struct Validation: Sendable {
        public var expression: Expression
        /// A fixed message for a finding.
        public var message: String?
        /// An expression giving the message, evaluated when the validation fails.
        public var messageExpression: Expression?
        /// The value whose position a finding reports; by default the `each` item, else the resource.
        public var at: Expression?
        /// The status reason an API server answers a denial with (`Invalid`, `Forbidden`…), for
        /// an imported policy that names one.
        public var reason: String?

        public init(
            expression: Expression, message: String? = nil, messageExpression: Expression? = nil,
            at: Expression? = nil, reason: String? = nil
        ) {
            self.expression = expression
            self.message = message
            self.messageExpression = messageExpression
            self.at = at
            self.reason = reason
        }
    }

    /// A test the policy carries in its own document: an input and the expected verdict.
    public struct Test: Sendable {
        public enum Expectation: String, Sendable, CaseIterable {
            /// No finding of this policy.
            case pass
            /// At least one finding (exactly `findings` when given).
            case fail
        }

        public var name: String
        public var expect: Expectation
        /// The exact number of findings a `fail` test must give, when written.
        public var findings: Int?
        /// A manifest file, relative to the policy file's folder.
        public var file: String?
        /// An inline manifest (or a list of them), located in the policy file.
        public var object: Node?
        /// Where the test is written.
        public var location: Location

        public init(
            name: String, expect: Expectation, findings: Int? = nil, file: String? = nil, object: Node? = nil,
            location: Location
        ) {
            self.name = name
            self.expect = expect
            self.findings = findings
            self.file = file
            self.object = object
            self.location = location
        }
    }

    /// The inputs a policy may name in `kinds`.
    public static let knownKinds = [
        "terraform", "terraform-plan", "kubernetes", "github-actions", "gitlab-ci", "dockerfile", "secrets",
    ]

    /// Kebab-case, what users type in ignores and exceptions (`k8s-privileged-container`).
    public var id: String
    public var title: String
    public var description: String?
    public var severity: Severity
    /// The inputs the policy applies to, each one of `knownKinds`.
    public var kinds: [String]
    public var match: Match
    /// Evaluated in order, read as `variables.<name>`: once per resource, but for those that
    /// read `item` (and those after them that read `variables`), which are evaluated once per
    /// `each` item, before its validations. See `itemVariableIndices`.
    public var variables: [NamedExpression]
    /// When set, the validations run once per element of its value, bound to `item`.
    public var each: Expression?
    /// For an `each` written `<list>.filter(x, <condition>)`: the list, and the condition as a
    /// program of `item`. The validations then run on the elements the condition keeps, and
    /// findings are located in the list as written.
    public var eachFilter: EachFilter?

    /// See `eachFilter`.
    public struct EachFilter: Sendable {
        public var list: Expression
        public var condition: Program

        public init(list: Expression, condition: Program) {
            self.list = list
            self.condition = condition
        }
    }
    /// Words of which the source file of a resource must hold one for the policy to find anything
    /// there, lowercased: a file holding none is not evaluated. See `KeywordText` for how a file is
    /// read, and docs/POLICIES.md ("Keywords").
    public var keywords: [String] = []
    public var validations: [Validation]
    public var remediation: String?
    public var references: [String]
    /// Control ids by framework (`cis-kubernetes`, `soc2`, `iso27001`, `pci-dss`, `nist-800-53`…).
    public var frameworks: [String: [String]]
    /// The same check in other tools: Checkov ids, zizmor audits, gitleaks rules.
    public var equivalents: [String]
    public var mode: Mode
    /// Former ids, still honoured in ignores and exceptions.
    public var aliases: [String]
    /// Tests written in the policy document (`palisade policy test` runs them with the fixtures).
    public var tests: [Test] = []
    public var deprecated: Bool
    /// The policy file, as given to the loader.
    public var file: String
    /// Where the policy's document starts in `file`.
    public var location: Location
    /// How a cluster applies the policy, for one read from a ValidatingAdmissionPolicy (with one of
    /// its bindings) or a Kyverno ValidatingPolicy; `nil` for Palisade's own policies.
    public var admission: Admission?

    public init(
        id: String, title: String, description: String? = nil, severity: Severity, kinds: [String],
        match: Match = Match(), variables: [NamedExpression] = [], each: Expression? = nil,
        validations: [Validation], remediation: String? = nil, references: [String] = [],
        frameworks: [String: [String]] = [:], equivalents: [String] = [], mode: Mode = .enforce,
        aliases: [String] = [], deprecated: Bool = false, file: String, location: Location,
        admission: Admission? = nil
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.severity = severity
        self.kinds = kinds
        self.match = match
        self.variables = variables
        self.each = each
        self.validations = validations
        self.remediation = remediation
        self.references = references
        self.frameworks = frameworks
        self.equivalents = equivalents
        self.mode = mode
        self.aliases = aliases
        self.deprecated = deprecated
        self.file = file
        self.location = location
        self.admission = admission
    }
}

extension Policy {
    /// The positions in `variables` of those evaluated once per `each` item: a variable that reads
    /// `item`, and any later one that reads `variables` (it may read one of those).
    public var itemVariableIndices: [Int] {
        guard each != nil else { return [] }
        var perItem: [Int] = []
        for (index, variable) in variables.enumerated() {
            let read = variable.expression.program.variablesRead
            if read.contains("item") || (!perItem.isEmpty && read.contains("variables")) { perItem.append(index) }
        }
        return perItem
    }

    /// The policy with programs that share no storage with this one's, for a thread of its own
    /// (see `Program.independentCopy()`). Imported admission policies are shared as they are.
    public func independentCopy() -> Policy {
        var copy = self
        copy.match.conditions = match.conditions.map { $0.independentCopy() }
        copy.variables = variables.map { $0.independentCopy() }
        copy.each = each?.independentCopy()
        copy.eachFilter = eachFilter.map {
            EachFilter(list: $0.list.independentCopy(), condition: $0.condition.independentCopy())
        }
        copy.validations = validations.map { validation in
            var validation = validation
            validation.expression = validation.expression.independentCopy()
            validation.messageExpression = validation.messageExpression?.independentCopy()
            validation.at = validation.at?.independentCopy()
            return validation
        }
        return copy
    }
}

extension Policy.Expression {
    func independentCopy() -> Policy.Expression {
        Policy.Expression(source: source, program: program.independentCopy(), location: location)
    }
}

extension Policy.NamedExpression {
    func independentCopy() -> Policy.NamedExpression {
        var copy = self
        copy.expression = expression.independentCopy()
        return copy
    }
}
