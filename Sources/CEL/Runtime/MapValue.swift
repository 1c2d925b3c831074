#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        case (.string(let a), .string(let b)): return sameBytes(a, b)
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

    /// Whether two strings have the same UTF-8 bytes (CEL compares code points; Swift's `==`
    /// would also equate canonically equivalent strings).
    @inline(__always)
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        let left = a.utf8
        let right = b.utf8
        guard left.count == right.count else { return false }
        // Native strings are contiguous UTF-8: compare the bytes in place, without retaining
        // either (policy texts are shared by every core, so a retain would contend).
        if let equal = left.withContiguousStorageIfAvailable({ l in
            right.withContiguousStorageIfAvailable { r in
                guard let lp = l.baseAddress, let rp = r.baseAddress else { return true }
                return memcmp(lp, rp, l.count) == 0
            }
        }), let equal {
            return equal
        }
        // Small strings (up to 15 bytes) live in the value itself.
        return left.elementsEqual(right)
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

/// A CEL map that keeps its entries in insertion order (for stable output). Small maps — most
/// objects in Kubernetes manifests — are searched linearly, which beats hashing for a handful of
/// keys; larger ones get a hash index. The entries live in one shared, copy-on-write storage
/// object, so passing a map around costs one reference count.
public struct MapValue: Sendable {
    private final class Storage: @unchecked Sendable {
        // @unchecked Sendable, and no run-time exclusivity checks: a Storage is changed only
        // through `MapValue`'s mutating methods, once `isKnownUniquelyReferenced` shows that no
        // other value shares it. The checks cost a twentieth of a Dockerfile scan (every field
        // selection reads these properties).
        @exclusivity(unchecked) var keys: [MapKey] = []
        @exclusivity(unchecked) var values: [Value] = []
        /// UTF-8 length of each string key (-1 for other keys): a field look-up compares
        /// lengths first and touches a key only when its length fits.
        @exclusivity(unchecked) var fieldLengths: [Int] = []
        @exclusivity(unchecked) var index: [MapKey: Int]?

        init() {}

        init(keys: [MapKey], values: [Value], fieldLengths: [Int], index: [MapKey: Int]?) {
            self.keys = keys
            self.values = values
            self.fieldLengths = fieldLengths
            self.index = index
        }

        func position(of key: MapKey) -> Int? {
            if let index { return index[key] }
            for position in keys.indices where keys[position] == key { return position }
            return nil
        }

        func append(_ key: MapKey, _ value: Value) {
            keys.append(key)
            values.append(value)
            if case .string(let text) = key { fieldLengths.append(text.utf8.count) } else { fieldLengths.append(-1) }
            if index != nil {
                index?[key] = keys.count - 1
            } else if keys.count > MapValue.linearLimit {
                var built: [MapKey: Int] = [:]
                built.reserveCapacity(keys.count * 2)
                for (position, key) in keys.enumerated() { built[key] = position }
                index = built
            }
        }
    }

    /// Maps with more keys than this get a hash index. Below it a search compares the lengths of
    /// the string keys first, which beats hashing the name (a document's objects, a Dockerfile
    /// instruction's twenty-odd fields).
    static let linearLimit = 32

    private var storage: Storage

    public init() { storage = Storage() }

    /// A map of `keys` and `values` in that order, made in one step. A repeated key keeps its
    /// first place and its last value, as `set` gives.
    public init(keys: [MapKey], values: [Value]) {
        precondition(keys.count == values.count, "one value per key")
        let lengths = keys.map { key -> Int in
            if case .string(let text) = key { return text.utf8.count }
            return -1
        }
        var distinct = keys.count <= MapValue.linearLimit
        if distinct {
            search: for later in keys.indices {
                for earlier in 0..<later where lengths[earlier] == lengths[later] && keys[earlier] == keys[later] {
                    distinct = false
                    break search
                }
            }
        }
        if distinct {
            storage = Storage(keys: keys, values: values, fieldLengths: lengths, index: nil)
        } else {
            storage = Storage()
            for (key, value) in zip(keys, values) { set(key, value) }
        }
    }

    /// Builds a map; a repeated key is reported by returning `nil`.
    public init?(entries: [(MapKey, Value)]) {
        storage = Storage()
        storage.keys.reserveCapacity(entries.count)
        storage.values.reserveCapacity(entries.count)
        for (key, value) in entries {
            guard storage.position(of: key) == nil else { return nil }
            storage.append(key, value)
        }
    }

    public var keys: [MapKey] { storage.keys }

    public var count: Int { storage.keys.count }

    public subscript(key: MapKey) -> Value? {
        guard let position = storage.position(of: key) else { return nil }
        return storage.values[position]
    }

    /// The value of a string key (field selection), without building a `MapKey`.
    public func value(forField name: String) -> Value? {
        let storage = self.storage
        if storage.index != nil { return self[.string(name)] }
        let length = name.utf8.count
        let lengths = storage.fieldLengths
        for position in lengths.indices where lengths[position] == length {
            if case .string(let key) = storage.keys[position], MapKey.sameBytes(key, name) {
                return storage.values[position]
            }
        }
        return nil
    }

    /// Looks a value up by any CEL value, applying numeric key equality for doubles.
    public func lookup(_ value: Value) -> Value? {
        if let key = MapKey(value) { return self[key] }
        if case .double(let d) = value, d.rounded(.towardZero) == d {
            if d >= -9.223372036854775808e18 && d < 9.223372036854775808e18, let found = self[.int(Int64(d))] {
                return found
            }
            if d >= 0 && d < 1.8446744073709551616e19 { return self[.uint(UInt64(d))] }
        }
        return nil
    }

    /// Sets a key, keeping its original position if it was already there.
    public mutating func set(_ key: MapKey, _ value: Value) {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(
                keys: storage.keys, values: storage.values, fieldLengths: storage.fieldLengths, index: storage.index)
        }
        if let position = storage.position(of: key) {
            storage.values[position] = value
        } else {
            storage.append(key, value)
        }
    }

    /// Replaces the value of the key at `position` (keys keep the order they were first set in):
    /// for a caller that sets the same keys over and over, without looking each one up.
    public mutating func replaceValue(at position: Int, with value: Value) {
        if !isKnownUniquelyReferenced(&storage) {
            storage = Storage(
                keys: storage.keys, values: storage.values, fieldLengths: storage.fieldLengths, index: storage.index)
        }
        storage.values[position] = value
    }

    public var entries: [(key: MapKey, value: Value)] {
        Array(zip(storage.keys, storage.values)).map { (key: $0.0, value: $0.1) }
    }
}
