extension Library {
    /// Arithmetic, logical not, equality, ordering, indexing and membership: the functions
    /// that CEL's operators are calls to (`_+_`, `!_`, `_==_`, `_<_`, `_[_]`, `@in`, …).
    static let operators = Library(
        name: "operators",
        functions: [
            Function(
                "_+_", doc: "Adds numbers, concatenates strings, bytes and lists, and shifts timestamps.",
                overloads: [
                    .global("add_int64", [.int, .int], returns: .int) { args in
                        guard case .int(let a) = args[0], case .int(let b) = args[1] else { return .noSuchOverload }
                        return CheckedArithmetic.checked(a.addingReportingOverflow(b))
                    },
                    .global("add_uint64", [.uint, .uint], returns: .uint) { args in
                        guard case .uint(let a) = args[0], case .uint(let b) = args[1] else { return .noSuchOverload }
                        return CheckedArithmetic.checked(a.addingReportingOverflow(b))
                    },
                    .global("add_double", [.double, .double], returns: .double) { args in
                        guard case .double(let a) = args[0], case .double(let b) = args[1] else {
                            return .noSuchOverload
                        }
                        return .double(a + b)
                    },
                    .global("add_string", [.string, .string], returns: .string) { args in
                        guard case .string(let a) = args[0], case .string(let b) = args[1] else {
                            return .noSuchOverload
                        }
                        return .string(a + b)
                    },
                    .global("add_bytes", [.bytes, .bytes], returns: .bytes) { args in
                        guard case .bytes(let a) = args[0], case .bytes(let b) = args[1] else { return .noSuchOverload }
                        return .bytes(a + b)
                    },
                    .global(
                        "add_list", [.list(.parameter("A")), .list(.parameter("A"))], returns: .list(.parameter("A"))
                    ) { args in
                        guard case .list(let a) = args[0], case .list(let b) = args[1] else { return .noSuchOverload }
                        return .list(a + b)
                    },
                    .global("add_timestamp_duration", [.timestamp, .duration], returns: .timestamp) { args in
                        guard case .timestamp(let t) = args[0], case .duration(let d) = args[1] else {
                            return .noSuchOverload
                        }
                        return CheckedArithmetic.shift(t, by: d.nanoseconds)
                    },
                    .global("add_duration_timestamp", [.duration, .timestamp], returns: .timestamp) { args in
                        guard case .duration(let d) = args[0], case .timestamp(let t) = args[1] else {
                            return .noSuchOverload
                        }
                        return CheckedArithmetic.shift(t, by: d.nanoseconds)
                    },
                    .global("add_duration_duration", [.duration, .duration], returns: .duration) { args in
                        guard case .duration(let a) = args[0], case .duration(let b) = args[1] else {
                            return .noSuchOverload
                        }
                        return CheckedArithmetic.duration(a.nanoseconds + b.nanoseconds)
                    },
                ]),
            Function(
                "_-_", doc: "Subtracts numbers and durations.",
                overloads: [
                    .global("subtract_int64", [.int, .int], returns: .int) { args in
                        guard case .int(let a) = args[0], case .int(let b) = args[1] else { return .noSuchOverload }
                        return CheckedArithmetic.checked(a.subtractingReportingOverflow(b))
                    },
                    .global("subtract_uint64", [.uint, .uint], returns: .uint) { args in
                        guard case .uint(let a) = args[0], case .uint(let b) = args[1] else { return .noSuchOverload }
                        return CheckedArithmetic.checked(a.subtractingReportingOverflow(b))
                    },
                    .global("subtract_double", [.double, .double], returns: .double) { args in
                        guard case .double(let a) = args[0], case .double(let b) = args[1] else {
                            return .noSuchOverload
                        }
                        return .double(a - b)
                    },
                    .global("subtract_duration_duration", [.duration, .duration], returns: .duration) { args in
                        guard case .duration(let a) = args[0], case .duration(let b) = args[1] else {
                            return .noSuchOverload
                        }
                        return CheckedArithmetic.duration(a.nanoseconds - b.nanoseconds)
                    },
                ]),
            Function(
                "_*_", doc: "Multiplies numbers.",
                overloads: [
                    .global("multiply_int64", [.int, .int], returns: .int) { args in
                        guard case .int(let a) = args[0], case .int(let b) = args[1] else { return .noSuchOverload }
                        return CheckedArithmetic.checked(a.multipliedReportingOverflow(by: b))
                    },
                    .global("multiply_uint64", [.uint, .uint], returns: .uint) { args in
                        guard case .uint(let a) = args[0], case .uint(let b) = args[1] else { return .noSuchOverload }
                        return CheckedArithmetic.checked(a.multipliedReportingOverflow(by: b))
                    },
                    .global("multiply_double", [.double, .double], returns: .double) { args in
                        guard case .double(let a) = args[0], case .double(let b) = args[1] else {
                            return .noSuchOverload
                        }
                        return .double(a * b)
                    },
                ]),
            Function(
                "_/_", doc: "Divides numbers; integer division truncates toward zero.",
                overloads: [
                    .global("divide_int64", [.int, .int], returns: .int) { args in
                        guard case .int(let a) = args[0], case .int(let b) = args[1] else { return .noSuchOverload }
                        guard b != 0 else { return .error(CheckedArithmetic.divideByZero) }
                        return CheckedArithmetic.checked(a.dividedReportingOverflow(by: b))
                    },
                    .global("divide_uint64", [.uint, .uint], returns: .uint) { args in
                        guard case .uint(let a) = args[0], case .uint(let b) = args[1] else { return .noSuchOverload }
                        guard b != 0 else { return .error(CheckedArithmetic.divideByZero) }
                        return .uint(a / b)
                    },
                    .global("divide_double", [.double, .double], returns: .double) { args in
                        guard case .double(let a) = args[0], case .double(let b) = args[1] else {
                            return .noSuchOverload
                        }
                        return .double(a / b)
                    },
                ]),
            Function(
                "_%_", doc: "The remainder of integer division; it takes the sign of the dividend.",
                overloads: [
                    .global("modulo_int64", [.int, .int], returns: .int) { args in
                        guard case .int(let a) = args[0], case .int(let b) = args[1] else { return .noSuchOverload }
                        guard b != 0 else { return .error(CheckedArithmetic.moduloByZero) }
                        return CheckedArithmetic.checked(a.remainderReportingOverflow(dividingBy: b))
                    },
                    .global("modulo_uint64", [.uint, .uint], returns: .uint) { args in
                        guard case .uint(let a) = args[0], case .uint(let b) = args[1] else { return .noSuchOverload }
                        guard b != 0 else { return .error(CheckedArithmetic.moduloByZero) }
                        return .uint(a % b)
                    },
                ]),
            Function(
                "-_", doc: "Negates a number.",
                overloads: [
                    .global("negate_int64", [.int], returns: .int) { args in
                        guard case .int(let a) = args[0] else { return .noSuchOverload }
                        return CheckedArithmetic.checked(Int64(0).subtractingReportingOverflow(a))
                    },
                    .global("negate_double", [.double], returns: .double) { args in
                        guard case .double(let a) = args[0] else { return .noSuchOverload }
                        return .double(-a)
                    },
                ]),
            Function(
                "!_", doc: "Logical negation.",
                overloads: [
                    .global("logical_not", [.bool], returns: .bool) { args in
                        guard case .bool(let a) = args[0] else { return .noSuchOverload }
                        return .bool(!a)
                    }
                ]),
            Function(
                "_==_", doc: "Equality; numbers compare by value across int, uint and double.",
                overloads: [
                    .global("equals", [.parameter("A"), .parameter("A")], returns: .bool) { args in
                        .bool(args[0].celEquals(args[1]))
                    }
                ]),
            Function(
                "_!=_", doc: "Inequality, the negation of `==`.",
                overloads: [
                    .global("not_equals", [.parameter("A"), .parameter("A")], returns: .bool) { args in
                        .bool(!args[0].celEquals(args[1]))
                    }
                ]),
            Function("_<_", doc: "Less than.", overloads: Ordering.overloads(prefix: "less") { $0 == .less }),
            Function(
                "_<=_", doc: "Less than or equal.",
                overloads: Ordering.overloads(prefix: "less_equals") { $0 != .greater }),
            Function("_>_", doc: "Greater than.", overloads: Ordering.overloads(prefix: "greater") { $0 == .greater }),
            Function(
                "_>=_", doc: "Greater than or equal.",
                overloads: Ordering.overloads(prefix: "greater_equals") { $0 != .less }),
            Function(
                "_[_]", doc: "A list element by index, or a map value by key.",
                overloads: [
                    .global("index_list", [.list(.parameter("A")), .int], returns: .parameter("A")) { args in
                        guard case .list(let list) = args[0], case .int(let index) = args[1] else {
                            return .noSuchOverload
                        }
                        return Indexing.element(list, index)
                    },
                    .global("index_list_uint64", [.list(.parameter("A")), .uint], returns: .parameter("A")) { args in
                        guard case .list(let list) = args[0], case .uint(let index) = args[1] else {
                            return .noSuchOverload
                        }
                        guard index <= UInt64(Int64.max) else { return Indexing.outOfBounds(String(index)) }
                        return Indexing.element(list, Int64(index))
                    },
                    .global("index_list_double", [.list(.parameter("A")), .double], returns: .parameter("A")) { args in
                        guard case .list(let list) = args[0], case .double(let index) = args[1] else {
                            return .noSuchOverload
                        }
                        guard let whole = Int64(exactly: index) else {
                            return .error("invalid list index: \(index) is not an integer")
                        }
                        return Indexing.element(list, whole)
                    },
                    .global(
                        "index_map", [.map(.parameter("K"), .parameter("V")), .parameter("K")], returns: .parameter("V")
                    ) { args in
                        guard case .map(let map) = args[0] else { return .noSuchOverload }
                        return map.lookup(args[1]) ?? .error("no such key: \(Indexing.describeKey(args[1]))")
                    },
                ]),
            Function(
                "@in", doc: "Whether a value is an element of a list, or a key of a map.",
                overloads: [
                    .global("in_list", [.parameter("A"), .list(.parameter("A"))], returns: .bool) { args in
                        guard case .list(let list) = args[1] else { return .noSuchOverload }
                        let needle = args[0]
                        return .bool(list.contains { $0.celEquals(needle) })
                    },
                    .global(
                        "in_map", [.parameter("A"), .map(.parameter("A"), .parameter("B"))], returns: .bool
                    ) { args in
                        guard case .map(let map) = args[1] else { return .noSuchOverload }
                        return .bool(map.lookup(args[0]) != nil)
                    },
                ]),
        ])
}

/// Checked integer and time arithmetic shared by the operator overloads.
enum CheckedArithmetic {
    static let overflow = EvalError("return error for overflow")
    static let divideByZero = EvalError("divide by zero")
    static let moduloByZero = EvalError("modulus by zero")

    static func checked(_ result: (partialValue: Int64, overflow: Bool)) -> Value {
        result.overflow ? .error(overflow) : .int(result.partialValue)
    }

    static func checked(_ result: (partialValue: UInt64, overflow: Bool)) -> Value {
        result.overflow ? .error(overflow) : .uint(result.partialValue)
    }

    /// A timestamp moved by a signed count of nanoseconds, or a range error.
    static func shift(_ timestamp: Timestamp, by nanoseconds: Int128) -> Value {
        guard let moved = Timestamp(totalNanoseconds: timestamp.totalNanoseconds + nanoseconds) else {
            return .error("timestamp out of range")
        }
        return .timestamp(moved)
    }

    /// A duration of a count of nanoseconds, or a range error.
    static func duration(_ nanoseconds: Int128) -> Value {
        guard let duration = CELDuration(checkedNanoseconds: nanoseconds) else {
            return .error("duration out of range")
        }
        return .duration(duration)
    }
}

/// The overloads of one ordering operator: every ordered type with itself, and every pair of
/// numeric types. A comparison involving NaN is false.
private enum Ordering {
    /// Overload id suffix and parameter types of each ordered pair, as cel-go names them.
    static let pairs: [(suffix: String, left: CELType, right: CELType)] = [
        ("bool", .bool, .bool),
        ("int64", .int, .int),
        ("int64_uint64", .int, .uint),
        ("int64_double", .int, .double),
        ("uint64", .uint, .uint),
        ("uint64_int64", .uint, .int),
        ("uint64_double", .uint, .double),
        ("double", .double, .double),
        ("double_int64", .double, .int),
        ("double_uint64", .double, .uint),
        ("string", .string, .string),
        ("bytes", .bytes, .bytes),
        ("timestamp", .timestamp, .timestamp),
        ("duration", .duration, .duration),
    ]

    static func overloads(prefix: String, _ holds: @escaping @Sendable (ValueOrdering) -> Bool) -> [Overload] {
        pairs.map { pair in
            .global(prefix + "_" + pair.suffix, [pair.left, pair.right], returns: .bool) { args in
                guard let order = args[0].celCompare(args[1]) else { return .bool(false) }
                return .bool(holds(order))
            }
        }
    }
}

/// List indexing and error text for indexing.
private enum Indexing {
    static func element(_ list: [Value], _ index: Int64) -> Value {
        guard index >= 0, index < Int64(list.count) else { return outOfBounds(String(index)) }
        return list[Int(index)]
    }

    static func outOfBounds(_ index: String) -> Value {
        .error("index out of bounds: \(index)")
    }

    /// A key as it would be written in CEL, for error messages.
    static func describeKey(_ key: Value) -> String {
        switch key {
        case .double(let d): return String(d)
        case .null: return "null"
        default:
            if let mapKey = MapKey(key) { return mapKey.description }
            return key.celType.description
        }
    }
}
