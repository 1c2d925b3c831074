/// A map key: CEL allows int, uint, bool and string keys. Numerically equal int and uint
/// keys are the same key (CEL's heterogeneous equality), so `{1: x}[1u]` finds `x`.
public enum MapKey: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case string(String)

    public static func == (lhs: MapKey, rhs: MapKey) -> Bool {
        switch (lhs, rhs) {
        case (.bool(let a), .bool(let b)): return a == b
        // Strings are equal when their code points are (not by canonical equivalence).
        case (.string(let a), .string(let b)): return a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
        case (.int(let a), .int(let b)): return a == b
        case (.uint(let a), .uint(let b)): return a == b
        case (.int(let a), .uint(let b)), (.uint(let b), .int(let a)): return a >= 0 && UInt64(a) == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .bool(let value):
            hasher.combine(0)
            hasher.combine(value)
        case .string(let value):
            hasher.combine(1)
            var copy = value
            copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .int(let value):
            // Non-negative ints hash like the equal uint.
            hasher.combine(2)
            if value >= 0 { hasher.combine(UInt64(value)) } else { hasher.combine(value) }
        case .uint(let value):
            hasher.combine(2)
            hasher.combine(value)
        }
    }

    /// The key for a value, if the value can be one (a double with an integral value looks up
    /// the equal int or uint key).
    public init?(_ value: Value) {
        switch value {
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .uint(let u): self = .uint(u)
        case .string(let s): self = .string(s)
        default: return nil
        }
    }

    public var value: Value {
        switch self {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .uint(let u): return .uint(u)
        case .string(let s): return .string(s)
        }
    }

    public var description: String {
        switch self {
        case .bool(let b): return String(b)
        case .int(let i): return String(i)
        case .uint(let u): return "\(u)u"
        case .string(let s): return "\"\(s)\""
        }
    }
}

/// A CEL map that keeps its entries in insertion order (for stable output) with hashed lookup.
public struct MapValue: Sendable {
    public private(set) var keys: [MapKey] = []
    private var storage: [MapKey: Value] = [:]

    public init() {}

    /// Builds a map; a repeated key is reported by returning `nil`.
    public init?(entries: [(MapKey, Value)]) {
        keys.reserveCapacity(entries.count)
        storage.reserveCapacity(entries.count)
        for (key, value) in entries {
            guard storage.updateValue(value, forKey: key) == nil else { return nil }
            keys.append(key)
        }
    }

    public var count: Int { keys.count }

    public subscript(key: MapKey) -> Value? { storage[key] }

    /// Looks a value up by any CEL value, applying numeric key equality for doubles.
    public func lookup(_ value: Value) -> Value? {
        if let key = MapKey(value) { return storage[key] }
        if case .double(let d) = value, d.rounded(.towardZero) == d {
            if d >= -9.223372036854775808e18 && d < 9.223372036854775808e18, let found = storage[.int(Int64(d))] {
                return found
            }
            if d >= 0 && d < 1.8446744073709551616e19 { return storage[.uint(UInt64(d))] }
        }
        return nil
    }

    /// Sets a key, keeping its original position if it was already there.
    public mutating func set(_ key: MapKey, _ value: Value) {
        if storage.updateValue(value, forKey: key) == nil { keys.append(key) }
    }

    public var entries: [(key: MapKey, value: Value)] { keys.map { ($0, storage[$0] ?? .null) } }
}
