import CEL
import PolicyModel

/// The Terraform resources of a scan by module instance and type: what `module.referrers(…)`,
/// `module.references(…)` and `module.resources(…)` search. Built once per scan.
public final class TerraformIndex: Sendable {
    struct Entry: Sendable {
        /// The address without the instance key, with the module path.
        var configAddress: String
        var references: Set<String>
        var value: Value
    }

    /// Module instance → type → entries.
    let modules: [String: [String: [Entry]]]

    public init(_ resources: [(Resource, Value)]) {
        var modules: [String: [String: [Entry]]] = [:]
        for (resource, value) in resources where resource.inputKind == "terraform" {
            let entry = Entry(
                configAddress: Self.configAddress(resource), references: Set(resource.references), value: value)
            modules[Self.moduleKey(resource), default: [:]][resource.type, default: []].append(entry)
        }
        self.modules = modules
    }

    /// The module instance: `TerraformReader` names it by the root module's directory and the
    /// instance's address, so the modules of different roots stay apart.
    static func moduleKey(_ resource: Resource) -> String {
        resource.namespace ?? ""
    }

    /// `module.x.aws_s3_bucket.logs` for `module.x.aws_s3_bucket.logs[0]`.
    static func configAddress(_ resource: Resource) -> String {
        var identity = Substring(resource.identity)
        if identity.hasSuffix("]"), let open = identity.lastIndex(of: "[") { identity = identity[..<open] }
        return String(identity)
    }
}

/// What a policy on a Terraform resource sees of the rest of its module, bound as `module`:
/// `module.referrers('aws_s3_bucket_public_access_block')` (the resources of that type that refer
/// to this one), `module.references('aws_kms_key')` (those this one refers to) and
/// `module.resources('aws_cloudtrail')` (all of that type in the module instance). Each is a list
/// of the resources' attributes, as `object` would be for them.
struct TerraformModuleContext: OpaqueValue {
    static let typeName = "terraform.Module"

    typealias Index = TerraformIndex

    let index: Index
    let moduleKey: String
    let configAddress: String
    let references: Set<String>

    init(index: Index, resource: Resource) {
        self.index = index
        moduleKey = Index.moduleKey(resource)
        configAddress = Index.configAddress(resource)
        references = Set(resource.references)
    }

    var typeName: String { Self.typeName }
    func isEqual(to other: any OpaqueValue) -> Bool { false }
    var description: String { "terraform.Module(\(configAddress))" }

    func resources(ofType type: String) -> [Index.Entry] {
        index.modules[moduleKey]?[type] ?? []
    }

    func referrers(ofType type: String) -> Value {
        .list(resources(ofType: type).filter { $0.references.contains(configAddress) }.map(\.value))
    }

    func references(ofType type: String) -> Value {
        .list(resources(ofType: type).filter { references.contains($0.configAddress) }.map(\.value))
    }
}

extension Library {
    /// `module.referrers(type)`, `module.references(type)`, `module.resources(type)`: see
    /// `TerraformModuleContext`.
    static let terraformModule = Library(
        name: "terraform-module",
        functions: [
            moduleFunction(
                "referrers", "The resources of this type in the module that refer to this resource.",
                { $0.referrers(ofType: $1) }),
            moduleFunction(
                "references", "The resources of this type in the module that this resource refers to.",
                { $0.references(ofType: $1) }),
            moduleFunction(
                "resources", "Every resource of this type in the module instance.",
                { .list($0.resources(ofType: $1).map(\.value)) }),
        ])

    private static func moduleFunction(
        _ name: String, _ doc: String, _ body: @escaping @Sendable (TerraformModuleContext, String) -> Value
    ) -> Function {
        Function(
            name, doc: doc,
            overloads: [
                .member(
                    "module_\(name)_string", [.opaque(TerraformModuleContext.typeName), .string], returns: .list(.dyn)
                ) { args in
                    guard case .opaque(let opaque) = args[0], let context = opaque as? TerraformModuleContext,
                        case .string(let type) = args[1]
                    else { return .noSuchOverload }
                    return body(context, type)
                }
            ])
    }
}
