/// One object that policies are evaluated against: a Kubernetes object, a Terraform resource, a
/// workflow job. The input that read it fills in its kind, type and identity; `content` is the
/// object exactly as written, every value located in `file`.
public struct Resource: Sendable {
    /// Which input read it: `kubernetes`, `terraform`, `github-actions`…; policies select on it.
    public var inputKind: String
    /// The resource type within its input: `Deployment`, `aws_s3_bucket`.
    public var type: String
    public var name: String?
    /// The namespace as written, for inputs that have namespaces; `nil` when none is written.
    public var namespace: String?
    /// A logical address that stays the same when lines move (`Deployment/prod/web`); findings'
    /// fingerprints are built from it.
    public var identity: String
    public var file: String
    /// Where the object starts and ends in `file`.
    public var span: Span
    public var content: Node
    /// What the resource refers to, for inputs where resources refer to one another: for Terraform,
    /// the addresses (without instance keys, with the module path) of the resources of its module
    /// that its configuration names, such as `aws_s3_bucket.logs`.
    public var references: [String] = []

    public init(
        inputKind: String, type: String, name: String?, namespace: String?, identity: String, file: String,
        span: Span, content: Node
    ) {
        self.inputKind = inputKind
        self.type = type
        self.name = name
        self.namespace = namespace
        self.identity = identity
        self.file = file
        self.span = span
        self.content = content
    }

    /// Where the object starts, for findings about the object as a whole.
    public var location: Location {
        Location(
            file: file, line: Int(span.line), column: Int(span.column), endLine: Int(span.endLine),
            endColumn: Int(span.endColumn))
    }
}
