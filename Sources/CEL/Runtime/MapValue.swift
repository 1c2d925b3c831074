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
        /// Each string key's length and first sixteen bytes (`FieldSignature`): a field look-up
        /// compares these, and touches a key only when it is longer than sixteen bytes.
        @exclusivity(unchecked) var fieldSignatures: [FieldSignature] = []
        @exclusivity(unchecked) var index: [MapKey: Int]?

        init() {}

        init(keys: [MapKey], values: [Value], fieldSignatures: [FieldSignature], index: [MapKey: Int]?) {
            self.keys = keys
            self.values = values
            self.fieldSignatures = fieldSignatures
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
            fieldSignatures.append(FieldSignature(key))
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
        let signatures = keys.map(FieldSignature.init)
        var distinct = keys.count <= MapValue.linearLimit
        if distinct {
            search: for later in keys.indices {
                for earlier in 0..<later where signatures[earlier] == signatures[later] && keys[earlier] == keys[later]
                {
                    distinct = false
                    break search
                }
            }
        }
        if distinct {
            storage = Storage(keys: keys, values: values, fieldSignatures: signatures, index: nil)
        } else {
            storage = Storage()
            for (key, value) in zip(keys, values) { set(key, value) }
        }
    }

    /// A map of `layout`'s keys and `values`, one per key in that order. The layout's arrays are
    /// shared, not copied: a map of a known shape costs its values and one object.
    public init(layout: MapLayout, values: [Value]) {
        precondition(layout.keys.count == values.count, "one value per key")
        storage = Storage(keys: layout.keys, values: values, fieldSignatures: layout.signatures, index: layout.index)
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
        value(forField: name, signature: FieldSignature(name))
    }

    /// The same, for a selection whose name's signature was worked out when it was compiled.
    func value(forField field: FieldName) -> Value? {
        value(forField: field.text, signature: field.signature)
    }

    private func value(forField name: String, signature: FieldSignature) -> Value? {
        let storage = self.storage
        if storage.index != nil { return self[.string(name)] }
        let position = storage.fieldSignatures.withUnsafeBufferPointer { signatures -> Int? in
            for position in signatures.indices where signatures[position] == signature {
                // Up to sixteen bytes, the signature is the whole name.
                if signature.length <= 16 { return position }
                if case .string(let key) = storage.keys[position], MapKey.sameBytes(key, name) { return position }
            }
            return nil
        }
        return position.map { storage.values[$0] }
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
                keys: storage.keys, values: storage.values, fieldSignatures: storage.fieldSignatures,
                index: storage.index)
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
                keys: storage.keys, values: storage.values, fieldSignatures: storage.fieldSignatures,
                index: storage.index)
        }
        storage.values[position] = value
    }

    /// Removes every entry. A map that shares its storage with no other value keeps it, and
    /// the room it had: for a caller that fills the same map again and again.
    public mutating func removeAll() {
        guard isKnownUniquelyReferenced(&storage) else {
            storage = Storage()
            return
        }
        storage.keys.removeAll(keepingCapacity: true)
        storage.values.removeAll(keepingCapacity: true)
        storage.fieldSignatures.removeAll(keepingCapacity: true)
        storage.index = nil
    }

    public var entries: [(key: MapKey, value: Value)] {
        Array(zip(storage.keys, storage.values)).map { (key: $0.0, value: $0.1) }
    }
}

/// The keys of maps that all have the same ones, in the same order (a map literal with constant
/// keys, a library function's records), with what look-ups need of them worked out once.
public struct MapLayout: Sendable {
    let keys: [MapKey]
    let signatures: [FieldSignature]
    let index: [MapKey: Int]?

    /// The layout of `keys`, or `nil` when one of them is repeated.
    public init?(_ keys: [MapKey]) {
        let signatures = keys.map(FieldSignature.init)
        var index: [MapKey: Int] = [:]
        index.reserveCapacity(keys.count)
        for (position, key) in keys.enumerated() {
            guard index.updateValue(position, forKey: key) == nil else { return nil }
        }
        self.keys = keys
        self.signatures = signatures
        self.index = keys.count > MapValue.linearLimit ? index : nil
    }

    /// The layout of keys a program writes out, which must be distinct (a repeated one stops it).
    public init(fixed keys: [MapKey]) {
        guard let layout = MapLayout(keys) else { preconditionFailure("a map layout's keys must be distinct") }
        self = layout
    }

    public var count: Int { keys.count }

    /// The same layout in storage of its own, for a thread that builds maps on its own core
    /// (see `Program.independentCopy()`).
    public func independentCopy() -> MapLayout {
        // The keys are distinct already, so the copy is made without the check.
        MapLayout(keys: keys.map(\.independentCopy), signatures: signatures.map { $0 }, index: index.map { $0 })
    }

    private init(keys: [MapKey], signatures: [FieldSignature], index: [MapKey: Int]?) {
        self.keys = keys
        self.signatures = signatures
        self.index = index
    }
}

/// What a field look-up compares first: a string key's UTF-8 length and its first sixteen bytes
/// (zero-padded), which for most field names is the whole name; other keys have length -1.
/// Comparing two of these costs three integer comparisons and touches neither string.
struct FieldSignature: Equatable, Sendable {
    let length: Int
    let head: UInt64
    let tail: UInt64

    init(_ key: MapKey) {
        if case .string(let text) = key {
            self.init(text)
        } else {
            self.init(length: -1, head: 0, tail: 0)
        }
    }

    private init(length: Int, head: UInt64, tail: UInt64) {
        self.length = length
        self.head = head
        self.tail = tail
    }

    init(_ text: String) {
        let made = text.utf8.withContiguousStorageIfAvailable { FieldSignature(bytes: $0) }
        if let made {
            self = made
        } else {
            self = FieldSignature(bytes: Array(text.utf8))
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            if let base = bytes.baseAddress, let target = raw.baseAddress {
                memcpy(target, base, min(16, bytes.count))
            }
        }
        self.init(length: bytes.count, head: words.0, tail: words.1)
    }

    private init(bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { FieldSignature(bytes: $0) }
    }
}
