import HCL
import PolicyModel

/// The declarations of one module: every `.tf` and `.tf.json` file of a directory, read together
/// as Terraform reads them. Nothing is evaluated here.
public struct ModuleConfig: Sendable {
    /// An expression and the file it is written in.
    public struct Located: Sendable {
        public var expression: Expression
        public var file: String

        public init(expression: Expression, file: String) {
            self.expression = expression
            self.file = file
        }
    }

    public struct Variable: Sendable {
        public var name: String
        public var defaultValue: Located?
        public var file: String
        public var range: SourceRange
    }

    /// A `resource` or `data` block — or, as policies see them, a `module` call or a `provider`
    /// configuration, whose settings (a module's source, a provider's credentials) are guarded too.
    public struct ResourceBlock: Sendable {
        public enum Mode: Sendable { case managed, data, module, provider }
        public var mode: Mode
        /// The resource type; `module` for a module call, the provider name for a provider.
        public var type: String
        /// The resource name; the call's name; a provider's `alias`, or `""`.
        public var name: String
        public var block: Block
        public var file: String

        /// `aws_s3_bucket.logs`, `data.aws_iam_policy_document.read`, `module.network`,
        /// `provider.aws` or `provider.aws.west`.
        public var address: String {
            switch mode {
            case .managed: return "\(type).\(name)"
            case .data: return "data.\(type).\(name)"
            case .module: return "module.\(name)"
            case .provider: return name.isEmpty ? "provider.\(type)" : "provider.\(type).\(name)"
            }
        }

        /// The type policies match: `aws_s3_bucket`, `data.aws_iam_policy_document`, `module`,
        /// `provider.aws`.
        public var policyType: String {
            switch mode {
            case .managed, .module: return type
            case .data: return "data.\(type)"
            case .provider: return "provider.\(type)"
            }
        }
    }

    public struct ModuleCall: Sendable {
        public var name: String
        public var source: String?
        public var block: Block
        public var file: String
    }

    public var directory: String
    public var files: [String] = []
    public var variables: [String: Variable] = [:]
    public var locals: [String: Located] = [:]
    public var resources: [ResourceBlock] = []
    public var moduleCalls: [String: ModuleCall] = [:]
    /// `provider` blocks, in the order written.
    public var providers: [ResourceBlock] = []
    public var outputs: [String: Located] = [:]
    /// Problems found while reading: syntax errors, duplicate declarations.
    public var diagnostics: [Diagnostic] = []

    public init(directory: String) {
        self.directory = directory
    }

    /// Adds the declarations of one parsed file; duplicates are reported, the first kept.
    mutating func add(_ body: Body, file: String) {
        files.append(file)
        for block in body.blocks {
            let labels = block.labelValues
            switch block.type {
            case "variable":
                guard let name = labels.first else { continue }
                if variables[name] != nil {
                    duplicate("variable", name, block, file)
                    continue
                }
                let value = block.body.attribute("default").map { Located(expression: $0.value, file: file) }
                variables[name] = Variable(name: name, defaultValue: value, file: file, range: block.range)
            case "locals":
                for attribute in block.body.attributes {
                    if locals[attribute.name] != nil {
                        diagnostics.append(
                            Diagnostic(
                                .error, "duplicate local value \"\(attribute.name)\"",
                                at: Self.location(file, attribute.nameRange)))
                        continue
                    }
                    locals[attribute.name] = Located(expression: attribute.value, file: file)
                }
            case "resource", "data":
                guard labels.count == 2 else { continue }
                let mode: ResourceBlock.Mode = block.type == "data" ? .data : .managed
                let resource = ResourceBlock(mode: mode, type: labels[0], name: labels[1], block: block, file: file)
                if resources.contains(where: { $0.address == resource.address }) {
                    duplicate(block.type, resource.address, block, file)
                    continue
                }
                resources.append(resource)
            case "module":
                guard let name = labels.first else { continue }
                if moduleCalls[name] != nil {
                    duplicate("module", name, block, file)
                    continue
                }
                var source: String?
                if let attribute = block.body.attribute("source") { source = Self.constantString(attribute.value) }
                moduleCalls[name] = ModuleCall(name: name, source: source, block: block, file: file)
            case "provider":
                guard let name = labels.first else { continue }
                var alias = ""
                if let attribute = block.body.attribute("alias") { alias = Self.constantString(attribute.value) ?? "" }
                providers.append(ResourceBlock(mode: .provider, type: name, name: alias, block: block, file: file))
            case "output":
                guard let name = labels.first, let value = block.body.attribute("value") else { continue }
                outputs[name] = Located(expression: value.value, file: file)
            default:
                continue
            }
        }
    }

    /// The text of a string written without interpolations.
    static func constantString(_ expression: Expression) -> String? {
        switch expression {
        case .literal(.string(let text), _): return text
        case .template(let template, _):
            if template.parts.isEmpty { return "" }
            if template.parts.count == 1, case .literal(let text, _) = template.parts[0] { return text }
            return nil
        default: return nil
        }
    }

    private mutating func duplicate(_ what: String, _ name: String, _ block: Block, _ file: String) {
        diagnostics.append(
            Diagnostic(.error, "duplicate \(what) \"\(name)\"", at: Self.location(file, block.typeRange)))
    }

    static func location(_ file: String, _ range: SourceRange) -> Location {
        Location(
            file: file, line: range.start.line, column: range.start.column, endLine: range.end.line,
            endColumn: range.end.column)
    }
}
