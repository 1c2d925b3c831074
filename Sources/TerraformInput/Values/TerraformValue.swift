/// A value as Terraform computes it from a configuration: what an attribute, a variable, a local or
/// a function result evaluates to.
///
/// Lists, tuples and sets are all `.list` (a set is a list without duplicates, in the order
/// Terraform would give); maps and objects are both `.object`, whose keys are kept sorted as
/// Terraform sorts them. `.unknown` stands for a value known only at apply time — a data source's
/// result, a computed attribute such as `id` or `arn`, an unset variable, a remote module's
/// output: operations on it give `.unknown` again, so a policy can tell "not known yet" from
/// "wrong".
public enum TerraformValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([TerraformValue])
    case object(ObjectValue)
    case unknown

    /// A map or object from its entries; a later entry replaces an earlier one with the same key.
    public static func object(_ entries: [(String, TerraformValue)]) -> TerraformValue {
        .object(ObjectValue(entries))
    }

    public var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }

    /// Whether the value or anything inside it is unknown.
    public var containsUnknown: Bool {
        switch self {
        case .unknown: return true
        case .list(let items): return items.contains { $0.containsUnknown }
        case .object(let object): return object.values.contains { $0.containsUnknown }
        case .null, .bool, .number, .string: return false
        }
    }

    /// The name Terraform's messages use for the value's type.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .list: return "list"
        case .object: return "object"
        case .unknown: return "unknown"
        }
    }

    /// The text of a string, or of a number or bool converted as Terraform converts them to
    /// strings (`1`, `1.5`, `true`); `nil` for other values.
    public var stringValue: String? {
        switch self {
        case .string(let text): return text
        case .number(let number): return TerraformValue.format(number)
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    /// A number written without a fractional part when it has none (`3`, not `3.0`).
    public static func format(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
            return String(Int64(number))
        }
        return String(number)
    }
}

/// The entries of a map or object, sorted by key.
public struct ObjectValue: Sendable, Hashable {
    public private(set) var keys: [String]
    public private(set) var values: [TerraformValue]
    /// Whether keys that are absent are unknown rather than missing: a resource's attributes
    /// (what the configuration does not set, the provider computes) and a data source's results.
    public var isOpen = false

    public init() {
        keys = []
        values = []
    }

    /// Entries in any order; a later entry replaces an earlier one with the same key.
    public init(_ entries: [(String, TerraformValue)]) {
        var latest: [String: TerraformValue] = [:]
        for (key, value) in entries { latest[key] = value }
        keys = latest.keys.sorted()
        values = keys.map { latest[$0] ?? .null }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public subscript(key: String) -> TerraformValue? {
        guard let index = index(of: key) else { return nil }
        return values[index]
    }

    /// The entries in key order.
    public var entries: [(key: String, value: TerraformValue)] {
        Array(zip(keys, values)).map { (key: $0.0, value: $0.1) }
    }

    /// Sets `key` to `value`, keeping the keys sorted.
    public mutating func set(_ key: String, _ value: TerraformValue) {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        if low < keys.count, keys[low] == key {
            values[low] = value
        } else {
            keys.insert(key, at: low)
            values.insert(value, at: low)
        }
    }

    private func index(of key: String) -> Int? {
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == key ? low : nil
    }
}
