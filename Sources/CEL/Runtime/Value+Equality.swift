/// The outcome of comparing two CEL values that have an order.
public enum ValueOrdering: Int, Sendable, Hashable {
    case less = -1
    case equal = 0
    case greater = 1

    /// The ordering of two `Comparable` values.
    static func of<T: Comparable>(_ lhs: T, _ rhs: T) -> ValueOrdering {
        lhs < rhs ? .less : (lhs == rhs ? .equal : .greater)
    }
}

extension Value {
    /// CEL's `==`. Numbers compare by value across int, uint and double, with the same rules as
    /// `celCompare` (NaN equals nothing); lists and maps compare element by element; values of unrelated
    /// kinds are simply unequal. Never an error.
    public func celEquals(_ other: Value) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)):
            // By code points: Swift's `==` would treat canonically equivalent strings as equal.
            return MapKey.sameBytes(a, b)
        case (.bytes(let a), .bytes(let b)): return a == b
        case (.int, .int), (.int, .uint), (.int, .double), (.uint, .int), (.uint, .uint), (.uint, .double),
            (.double, .int), (.double, .uint), (.double, .double):
            return Value.numericOrder(self, other) == .equal
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            for index in a.indices where !a[index].celEquals(b[index]) { return false }
            return true
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a.entries {
                guard let found = b[key], value.celEquals(found) else { return false }
            }
            return true
        case (.timestamp(let a), .timestamp(let b)): return a == b
        case (.duration(let a), .duration(let b)): return a == b
        case (.type(let a), .type(let b)): return a.runtimeName == b.runtimeName
        case (.optional(let a), .optional(let b)):
            switch (a, b) {
            case (nil, nil): return true
            case (let x?, let y?): return x.celEquals(y)
            default: return false
            }
        case (.opaque(let a), .opaque(let b)): return a.typeName == b.typeName && a.isEqual(to: b)
        default: return false
        }
    }

    /// CEL's ordering for `<`, `<=`, `>`, `>=`: numbers across int, uint and double (int against
    /// uint exactly; against a double, see `compareInt`), strings by Unicode code points, bytes
    /// lexicographically, `false < true`, timestamps and durations in time order. `nil` when the
    /// values have no order (different kinds, a NaN, or a kind without ordering).
    public func celCompare(_ other: Value) -> ValueOrdering? {
        switch (self, other) {
        case (.int, .int), (.int, .uint), (.int, .double), (.uint, .int), (.uint, .uint), (.uint, .double),
            (.double, .int), (.double, .uint), (.double, .double):
            return Value.numericOrder(self, other)
        case (.string(let a), .string(let b)):
            // Swift's String `<` compares canonically equivalent forms; CEL orders by scalars.
            return Value.lexicographic(a.unicodeScalars.lazy.map(\.value), b.unicodeScalars.lazy.map(\.value))
        case (.bytes(let a), .bytes(let b)): return Value.lexicographic(a, b)
        case (.bool(let a), .bool(let b)): return a == b ? .equal : (b ? .less : .greater)
        case (.timestamp(let a), .timestamp(let b)): return .of(a, b)
        case (.duration(let a), .duration(let b)): return .of(a, b)
        default: return nil
        }
    }

    private static func lexicographic<S: Sequence>(_ a: S, _ b: S) -> ValueOrdering
    where S.Element: Comparable {
        var left = a.makeIterator()
        var right = b.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return .equal
            case (nil, _): return .less
            case (_, nil): return .greater
            case (let x?, let y?):
                if x != y { return x < y ? .less : .greater }
            }
        }
    }

    /// Ordering of two numbers (int, uint or double); `nil` for a NaN or non-numbers.
    static func numericOrder(_ lhs: Value, _ rhs: Value) -> ValueOrdering? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return .of(a, b)
        case (.uint(let a), .uint(let b)): return .of(a, b)
        case (.double(let a), .double(let b)):
            if a.isNaN || b.isNaN { return nil }
            return .of(a, b)
        case (.int(let a), .uint(let b)): return a < 0 ? .less : .of(UInt64(a), b)
        case (.uint(let a), .int(let b)): return b < 0 ? .greater : .of(a, UInt64(b))
        case (.int(let a), .double(let b)): return compareInt(a, b)
        case (.double(let a), .int(let b)): return compareInt(b, a).map(\.reversed)
        case (.uint(let a), .double(let b)): return compareUInt(a, b)
        case (.double(let a), .uint(let b)): return compareUInt(b, a).map(\.reversed)
        default: return nil
        }
    }

    /// Compares an Int64 with a double as the conformance suite requires (and cel-go does): the
    /// int is rounded to the nearest double, so `9223372036854775807 < 9223372036854775808.0`
    /// is false and `9007199254740993 == 9007199254740992.0` is true. A double beyond Int64's
    /// range still orders outside every int.
    private static func compareInt(_ a: Int64, _ b: Double) -> ValueOrdering? {
        b.isNaN ? nil : .of(Double(a), b)
    }

    /// Compares a UInt64 with a double the same way, by rounding the uint to a double.
    private static func compareUInt(_ a: UInt64, _ b: Double) -> ValueOrdering? {
        b.isNaN ? nil : .of(Double(a), b)
    }
}

extension ValueOrdering {
    /// The ordering with the operands swapped.
    var reversed: ValueOrdering {
        switch self {
        case .less: return .greater
        case .equal: return .equal
        case .greater: return .less
        }
    }
}
