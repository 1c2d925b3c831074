/// Which properties of a body in the JSON syntax are blocks, and how many labels each takes.
///
/// In the native syntax a block looks different from an attribute; in JSON both are object
/// properties, so reading a `.tf.json` file needs to know, at each level, which names are
/// block types. A property that names a block type with N labels holds N levels of nested
/// objects whose keys are the labels, then the block body (an object, or an array of objects
/// for several blocks with the same labels). Any other property is an attribute.
///
/// Give the block types either per nesting level (`init(levels:)`) or as a function of the
/// enclosing blocks (`init(_:)`), which can look at a resource's type label to know its nested
/// blocks. `terraform` holds Terraform's own block types.
public struct JSONSchema: Sendable {
    /// A block that encloses the body being read: its type and labels.
    public struct Scope: Sendable, Hashable {
        /// The block type.
        public var type: String
        /// The block labels, outermost first.
        public var labels: [String]

        /// A scope from a block type and its labels.
        public init(type: String, labels: [String]) {
            self.type = type
            self.labels = labels
        }
    }

    /// Given the enclosing blocks (outermost first; empty at the top of the file) and a
    /// property name, the number of labels if the property is a block type, nil if it is an
    /// attribute.
    public typealias Resolver = @Sendable (_ enclosing: [Scope], _ name: String) -> Int?

    private let resolver: Resolver

    /// A schema that asks `resolver` about every property.
    public init(_ resolver: @escaping Resolver) {
        self.resolver = resolver
    }

    /// Block types by nesting level: `levels[0]` maps the block types allowed at the top of
    /// the file to their label counts, `levels[1]` those inside any of them, and so on. Past
    /// the last level every property is an attribute.
    public init(levels: [[String: Int]]) {
        self.init { enclosing, name in
            enclosing.count < levels.count ? levels[enclosing.count][name] : nil
        }
    }

    /// Every property is an attribute (a body with no blocks, such as `locals`).
    public static let attributesOnly = JSONSchema { _, _ in nil }

    /// The number of labels of block type `name` inside `enclosing`, or nil for an attribute.
    public func labelCount(forBlock name: String, in enclosing: [Scope]) -> Int? {
        resolver(enclosing, name)
    }

    /// Terraform's own block types. At the top of a file:
    ///
    /// | type | labels |
    /// |---|---|
    /// | `resource`, `data`, `ephemeral` | 2 (type, name) |
    /// | `module`, `variable`, `output`, `provider`, `check` | 1 (name) |
    /// | `locals`, `terraform`, `moved`, `import`, `removed` | 0 |
    ///
    /// Nested, where Terraform itself defines them: in `terraform`, `required_providers` (0),
    /// `backend` (1), `cloud` (0, holding `workspaces`) and `provider_meta` (1); in `resource`,
    /// `data`, `ephemeral` and `removed`, `lifecycle` (0, holding `precondition` and
    /// `postcondition`), `provisioner` (1, holding `connection`), `connection` (0) and, at any
    /// depth, `dynamic` (1, holding `content`); in `variable`, `validation`; in `output`,
    /// `precondition`; in `check`, `data` (2) and `assert`. Blocks that a provider defines
    /// inside a resource (`ingress`, `versioning`...) are unknown here and read as attributes
    /// whose values are objects; pass a resolver that knows the provider's schema to read them
    /// as blocks.
    public static let terraform = JSONSchema { enclosing, name in
        guard let outer = enclosing.first else {
            switch name {
            case "resource", "data", "ephemeral": return 2
            case "module", "variable", "output", "provider", "check": return 1
            case "locals", "terraform", "moved", "import", "removed": return 0
            default: return nil
            }
        }
        let inner = enclosing[enclosing.count - 1].type
        switch outer.type {
        case "terraform":
            if enclosing.count == 1 {
                switch name {
                case "required_providers", "cloud": return 0
                case "backend", "provider_meta": return 1
                default: return nil
                }
            }
            return inner == "cloud" && enclosing.count == 2 && name == "workspaces" ? 0 : nil
        case "resource", "data", "ephemeral", "removed":
            if name == "dynamic" { return 1 }
            if name == "content", inner == "dynamic" { return 0 }
            if enclosing.count == 1 {
                switch name {
                case "lifecycle", "connection": return 0
                case "provisioner": return 1
                default: return nil
                }
            }
            if enclosing.count == 2 {
                if inner == "lifecycle", name == "precondition" || name == "postcondition" { return 0 }
                if inner == "provisioner", name == "connection" { return 0 }
            }
            return nil
        case "variable":
            return enclosing.count == 1 && name == "validation" ? 0 : nil
        case "output":
            return enclosing.count == 1 && name == "precondition" ? 0 : nil
        case "check":
            guard enclosing.count == 1 else { return nil }
            switch name {
            case "data": return 2
            case "assert": return 0
            default: return nil
            }
        default:
            return nil
        }
    }
}
