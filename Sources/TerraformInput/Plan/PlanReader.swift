import HCL
import PolicyModel

/// Reads the JSON of a saved plan (`terraform show -json plan.out`) into resources, the same
/// resources an HCL scan gives, so the same policies apply.
///
/// - Resources come from `planned_values` (`root_module` and its `child_modules`, nested), each
///   with its address (`module.network.aws_subnet.private[0]`) and its planned `values`.
/// - What the plan marks in `resource_changes[].change.after_unknown` is unknown, as in an HCL
///   scan: known only when the plan is applied.
/// - References come from `configuration` (each expression's `references`), so policies that
///   follow them (`module.referrers(…)`) work on plans too.
///
/// Every value is located in the plan file. Resources that the plan deletes are not in
/// `planned_values`, and so are not checked.
public enum PlanReader {
    /// The input kind plan files are reported under; their resources are `terraform` resources.
    public static let inputKind = "terraform-plan"

    /// Whether `bytes` look like plan JSON: an object with `format_version` and `planned_values`
    /// or `resource_changes` near its start.
    public static func looksLikePlan(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self)
        return head.contains("\"format_version\"")
            && (head.contains("\"planned_values\"") || head.contains("\"resource_changes\"")
                || head.contains("\"terraform_version\""))
    }

    public static func parse(bytes: [UInt8], file: String) -> (resources: [Resource], diagnostics: [Diagnostic]) {
        let document: JSONValue
        do throws(Diagnostics) {
            document = try JSONValue.parse(utf8: bytes, path: file)
        } catch {
            return ([], error.errors.map(ModuleLoader.diagnostic))
        }
        guard case .object(let members, _) = document else {
            return (
                [], [Diagnostic(.error, "a plan must be a JSON object", at: Location(file: file, line: 1, column: 1))]
            )
        }
        var unknowns: [String: JSONValue] = [:]
        if case .array(let changes, _)? = member(members, "resource_changes") {
            for change in changes {
                guard case .object(let fields, _) = change, case .string(let address, _)? = member(fields, "address"),
                    case .object(let changeFields, _)? = member(fields, "change"),
                    let afterUnknown = member(changeFields, "after_unknown")
                else { continue }
                unknowns[address] = afterUnknown
            }
        }
        var references: [String: [String]] = [:]
        if case .object(let configuration, _)? = member(members, "configuration"),
            let root = member(configuration, "root_module")
        {
            collectReferences(root, module: "", into: &references)
        }
        var resources: [Resource] = []
        if case .object(let planned, _)? = member(members, "planned_values"), let root = member(planned, "root_module")
        {
            collectResources(root, file: file, unknowns: unknowns, references: references, into: &resources)
        }
        return (resources, [])
    }

    static func member(_ members: [JSONValue.Member], _ key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    private static func collectResources(
        _ module: JSONValue, file: String, unknowns: [String: JSONValue], references: [String: [String]],
        into resources: inout [Resource]
    ) {
        guard case .object(let fields, _) = module else { return }
        let moduleAddress: String? = {
            if case .string(let address, _)? = member(fields, "address") { return address }
            return nil
        }()
        if case .array(let items, _)? = member(fields, "resources") {
            for item in items {
                guard case .object(let resource, let range) = item,
                    case .string(let address, _)? = member(resource, "address"),
                    case .string(let type, _)? = member(resource, "type"),
                    case .string(let name, _)? = member(resource, "name")
                else { continue }
                var mode = "managed"
                if case .string(let written, _)? = member(resource, "mode") { mode = written }
                let values = member(resource, "values") ?? .object([], range)
                let content = located(values, unknown: unknowns[address])
                let configAddress = Self.configAddress(address)
                var found = Resource(
                    inputKind: TerraformReader.inputKind, type: mode == "data" ? "data.\(type)" : type, name: name,
                    namespace: file + (moduleAddress.map { " " + $0 } ?? ""), identity: address,
                    file: file, span: ModuleInstance.span(range), content: content)
                let prefix = moduleAddress.map { $0 + "." } ?? ""
                let written = Self.withoutModuleKeys(configAddress)
                found.references = (references[written] ?? []).map { prefix + $0 }
                resources.append(found)
            }
        }
        if case .array(let children, _)? = member(fields, "child_modules") {
            for child in children {
                collectResources(child, file: file, unknowns: unknowns, references: references, into: &resources)
            }
        }
    }

    /// `module.a[0].aws_s3_bucket.x[1]` → `module.a[0].aws_s3_bucket.x` (the last instance key off).
    static func configAddress(_ address: String) -> String {
        guard address.hasSuffix("]"), let open = address.lastIndex(of: "[") else { return address }
        return String(address[..<open])
    }

    /// `module.a[0].module.b["k"].aws_s3_bucket.x` → `module.a.module.b.aws_s3_bucket.x`.
    static func withoutModuleKeys(_ address: String) -> String {
        var result = ""
        var depth = 0
        for character in address {
            if character == "[" { depth += 1 }
            if depth == 0 { result.append(character) }
            if character == "]" { depth = max(0, depth - 1) }
        }
        return result
    }

    /// From `configuration`: for each resource (`module.a.aws_x.y`, module keys left out) the
    /// resources of its own module that its expressions reference (`aws_s3_bucket.logs`).
    private static func collectReferences(
        _ module: JSONValue, module prefix: String, into references: inout [String: [String]]
    ) {
        guard case .object(let fields, _) = module else { return }
        if case .array(let items, _)? = member(fields, "resources") {
            for item in items {
                guard case .object(let resource, _) = item, case .string(let address, _)? = member(resource, "address")
                else { continue }
                var found: Set<String> = []
                if let expressions = member(resource, "expressions") {
                    collectReferenceStrings(expressions, into: &found)
                }
                references[prefix + address] = found.sorted()
            }
        }
        if case .object(let calls, _)? = member(fields, "module_calls") {
            for call in calls {
                guard case .object(let callFields, _) = call.value, let child = member(callFields, "module") else {
                    continue
                }
                collectReferences(child, module: prefix + "module.\(call.key).", into: &references)
            }
        }
    }

    /// Every `references` entry naming a resource (`aws_s3_bucket.logs.id` → `aws_s3_bucket.logs`).
    private static func collectReferenceStrings(_ value: JSONValue, into found: inout Set<String>) {
        switch value {
        case .object(let members, _):
            for member in members {
                if member.key == "references", case .array(let items, _) = member.value {
                    for case .string(let reference, _) in items {
                        let parts = withoutModuleKeys(reference).split(separator: ".")
                        guard parts.count >= 2 else { continue }
                        let root = String(parts[0])
                        if ["var", "local", "module", "path", "terraform", "count", "each", "self"].contains(root) {
                            continue
                        }
                        if root == "data" {
                            if parts.count >= 3 { found.insert("data.\(parts[1]).\(parts[2])") }
                        } else {
                            found.insert("\(parts[0]).\(parts[1])")
                        }
                    }
                } else {
                    collectReferenceStrings(member.value, into: &found)
                }
            }
        case .array(let items, _):
            for item in items { collectReferenceStrings(item, into: &found) }
        default:
            return
        }
    }

    /// A planned value as a located tree; where `unknown` (the matching part of `after_unknown`)
    /// is `true`, the value is unknown.
    static func located(_ value: JSONValue, unknown: JSONValue?) -> Node {
        let span = ModuleInstance.span(value.range)
        if case .bool(true, _)? = unknown { return Node(.unknown, span: span) }
        switch value {
        case .null: return Node(.null, span: span)
        case .bool(let flag, _): return Node(.bool(flag), span: span)
        case .string(let text, _): return Node(.string(text), span: span)
        case .number(let text, _):
            if let integer = Int64(text) { return Node(.int(integer), span: span) }
            return Node(.double(Double(text) ?? 0), span: span)
        case .array(let items, _):
            var unknownItems: [JSONValue] = []
            if case .array(let marks, _)? = unknown { unknownItems = marks }
            return Node(
                .sequence(
                    items.enumerated().map {
                        located($0.element, unknown: $0.offset < unknownItems.count ? unknownItems[$0.offset] : nil)
                    }),
                span: span)
        case .object(let members, _):
            var marks: [JSONValue.Member] = []
            if case .object(let written, _)? = unknown { marks = written }
            var entries = members.map { member in
                Node.Entry(
                    key: Node(.string(member.key), span: ModuleInstance.span(member.keyRange)),
                    value: located(member.value, unknown: Self.member(marks, member.key)))
            }
            // Attributes only after_unknown names are computed ones the plan leaves out of values.
            for mark in marks where !members.contains(where: { $0.key == mark.key }) {
                if case .bool(true, _) = mark.value {
                    entries.append(
                        Node.Entry(key: Node(.string(mark.key), span: span), value: Node(.unknown, span: span)))
                }
            }
            return Node(.mapping(entries), span: span)
        }
    }
}
