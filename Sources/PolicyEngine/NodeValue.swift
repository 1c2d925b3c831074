import CEL
import PolicyModel

/// Turns a located `Node` tree into the CEL `Value` that policies read: mappings become maps with
/// string, int or bool keys, sequences lists, scalars the matching CEL scalar.
///
/// A mapping entry whose value is null is left out, as the Kubernetes API server leaves out a
/// field written `securityContext:` or `securityContext: null` when it decodes an object (and as
/// Terraform treats an attribute set to null as unset): `has(x.securityContext)` is false for
/// both, and a policy need not guard against a null where the schema has an object.
///
/// A YAML alias is one shared node written once but read wherever it is used, so a few hundred
/// bytes of aliases of aliases can stand for billions of values; models share subtrees too (a
/// Dockerfile's instructions appear in `instructions` and in their stage). A shared list or
/// mapping is one array storage, so its value is made once and reused (and shares its storage in
/// turn); every use is still counted, and the conversion gives up once the count passes a limit.
public enum NodeValue {
    /// Most nodes one conversion visits before it gives up.
    public static let defaultLimit = 10_000_000

    /// The value of `node`, or `.error` when a mapping key is not a string, int or bool, or when
    /// more than `limit` nodes would be visited.
    public static func value(of node: Node, limit: Int = defaultLimit) -> Value {
        var budget = limit
        var made = Made()
        let value = convert(node, budget: &budget, made: &made)
        guard budget >= 0 else { return .error("the document expands to more than \(limit) values") }
        return value
    }

    /// The values of the lists and mappings converted so far, by the address of their array's
    /// storage (alive, and so unique, for the whole conversion), with what each cost the budget.
    private struct Made {
        var values: [Int: (value: Value, cost: Int)] = [:]
    }

    /// Stops (with an error value) as soon as `budget` runs out.
    private static func convert(_ node: Node, budget: inout Int, made: inout Made) -> Value {
        budget -= 1
        guard budget >= 0 else { return .error("too many values") }
        let storage: Int
        switch node.content {
        case .sequence(let items) where items.count > 1:
            storage = items.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
        case .mapping(let entries) where entries.count > 1:
            storage = entries.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) }
        default:
            return convertContent(node, budget: &budget, made: &made)
        }
        if let known = made.values[storage] {
            budget -= known.cost
            guard budget >= 0 else { return .error("too many values") }
            return known.value
        }
        let before = budget
        let value = convertContent(node, budget: &budget, made: &made)
        made.values[storage] = (value, before - budget)
        return value
    }

    private static func convertContent(_ node: Node, budget: inout Int, made: inout Made) -> Value {
        switch node.content {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .int(let value): return .int(value)
        case .double(let value): return .double(value)
        case .string(let value): return .string(value)
        case .unknown: return .unknown
        case .sequence(let items):
            var values: [Value] = []
            values.reserveCapacity(items.count)
            for item in items {
                let value = convert(item, budget: &budget, made: &made)
                if value.isError { return value }
                values.append(value)
            }
            return .list(values)
        case .mapping(let entries):
            var keys: [MapKey] = []
            var values: [Value] = []
            keys.reserveCapacity(entries.count)
            values.reserveCapacity(entries.count)
            for entry in entries {
                let key: MapKey
                switch entry.key.content {
                case .string(let name): key = .string(name)
                case .int(let number): key = .int(number)
                case .bool(let flag): key = .bool(flag)
                default:
                    let (line, column) = entry.key.location
                    return .error("mapping key at \(line):\(column) is not a string, integer or boolean")
                }
                if case .null = entry.value.content {
                    budget -= 1
                    continue
                }
                let value = convert(entry.value, budget: &budget, made: &made)
                if value.isError { return value }
                keys.append(key)
                values.append(value)
            }
            return .map(MapValue(keys: keys, values: values))
        }
    }
}
