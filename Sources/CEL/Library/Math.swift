extension Library {
    /// The math extension library of cel-go (all versions): `math.greatest` and `math.least`
    /// over mixed int, uint and double arguments or a list of them, rounding, `abs`, `sign`,
    /// the floating-point class tests, `sqrt` and the bitwise operations.
    public static let math = Library(
        name: "math",
        functions: [
            Function(
                "math.greatest",
                doc: "The greatest of the numeric arguments, or of the elements of one list of numbers.",
                overloads: MathExtension.extremumOverloads(prefix: "math_greatest", greatest: true)),
            Function(
                "math.least",
                doc: "The least of the numeric arguments, or of the elements of one list of numbers.",
                overloads: MathExtension.extremumOverloads(prefix: "math_least", greatest: false)),
            Function(
                "math.ceil", doc: "Rounds a double up to a whole number.",
                overloads: [MathExtension.rounding("math_ceil_double", .up)]),
            Function(
                "math.floor", doc: "Rounds a double down to a whole number.",
                overloads: [MathExtension.rounding("math_floor_double", .down)]),
            Function(
                "math.round", doc: "Rounds a double to the nearest whole number, halves away from zero.",
                overloads: [MathExtension.rounding("math_round_double", .toNearestOrAwayFromZero)]),
            Function(
                "math.trunc", doc: "Drops the fractional part of a double.",
                overloads: [MathExtension.rounding("math_trunc_double", .towardZero)]),
            Function(
                "math.abs",
                doc: "The absolute value of a number; an error for the smallest int, whose magnitude is not an int.",
                overloads: [
                    .global("math_abs_int", [.int], returns: .int) { args in
                        guard case .int(let value) = args[0] else { return .noSuchOverload }
                        guard value != .min else { return .error("overflow") }
                        return .int(value < 0 ? -value : value)
                    },
                    .global("math_abs_uint", [.uint], returns: .uint) { args in
                        guard case .uint(let value) = args[0] else { return .noSuchOverload }
                        return .uint(value)
                    },
                    .global("math_abs_double", [.double], returns: .double) { args in
                        guard case .double(let value) = args[0] else { return .noSuchOverload }
                        return .double(value.magnitude)
                    },
                ]),
            Function(
                "math.sign",
                doc: "-1, 0 or 1 in the type of the argument; a double zero or NaN is returned as it is.",
                overloads: [
                    .global("math_sign_int", [.int], returns: .int) { args in
                        guard case .int(let value) = args[0] else { return .noSuchOverload }
                        return .int(value.signum())
                    },
                    .global("math_sign_uint", [.uint], returns: .uint) { args in
                        guard case .uint(let value) = args[0] else { return .noSuchOverload }
                        return .uint(value == 0 ? 0 : 1)
                    },
                    .global("math_sign_double", [.double], returns: .double) { args in
                        guard case .double(let value) = args[0] else { return .noSuchOverload }
                        if value > 0 { return .double(1) }
                        if value < 0 { return .double(-1) }
                        return .double(value)
                    },
                ]),
            Function(
                "math.isInf", doc: "Whether a double is positive or negative infinity.",
                overloads: [MathExtension.test("math_is_inf_double") { $0.isInfinite }]),
            Function(
                "math.isNaN", doc: "Whether a double is NaN.",
                overloads: [MathExtension.test("math_is_nan_double") { $0.isNaN }]),
            Function(
                "math.isFinite", doc: "Whether a double is neither infinite nor NaN.",
                overloads: [MathExtension.test("math_is_finite_double") { $0.isFinite }]),
            Function(
                "math.sqrt", doc: "The square root of a number, as a double (NaN for a negative number).",
                overloads: [
                    .global("math_sqrt_int", [.int], returns: .double) { args in
                        guard case .int(let value) = args[0] else { return .noSuchOverload }
                        return .double(Double(value).squareRoot())
                    },
                    .global("math_sqrt_uint", [.uint], returns: .double) { args in
                        guard case .uint(let value) = args[0] else { return .noSuchOverload }
                        return .double(Double(value).squareRoot())
                    },
                    .global("math_sqrt_double", [.double], returns: .double) { args in
                        guard case .double(let value) = args[0] else { return .noSuchOverload }
                        return .double(value.squareRoot())
                    },
                ]),
            Function(
                "math.bitAnd", doc: "Bitwise AND of two ints or two uints.",
                overloads: MathExtension.bitwise("math_bit_and", &, &)),
            Function(
                "math.bitOr", doc: "Bitwise OR of two ints or two uints.",
                overloads: MathExtension.bitwise("math_bit_or", |, |)),
            Function(
                "math.bitXor", doc: "Bitwise exclusive OR of two ints or two uints.",
                overloads: MathExtension.bitwise("math_bit_xor", ^, ^)),
            Function(
                "math.bitNot", doc: "Bitwise complement of an int or a uint.",
                overloads: [
                    .global("math_bit_not_int", [.int], returns: .int) { args in
                        guard case .int(let value) = args[0] else { return .noSuchOverload }
                        return .int(~value)
                    },
                    .global("math_bit_not_uint", [.uint], returns: .uint) { args in
                        guard case .uint(let value) = args[0] else { return .noSuchOverload }
                        return .uint(~value)
                    },
                ]),
            Function(
                "math.bitShiftLeft",
                doc: "Shifts the bits of an int or uint left; shifts of 64 or more give 0, negative shifts are errors.",
                overloads: MathExtension.shifts("math_bit_shift_left", left: true)),
            Function(
                "math.bitShiftRight",
                doc: "Shifts the bits of an int or uint right, filling with zeros (an int's sign is not kept).",
                overloads: MathExtension.shifts("math_bit_shift_right", left: false)),
        ])
}

/// The implementations of the math extension functions.
enum MathExtension {
    private static let numericTypes: [(name: String, type: CELType)] = [
        ("int", .int), ("uint", .uint), ("double", .double),
    ]

    /// Overloads of `math.greatest` / `math.least`: one number, one list of numbers, and two
    /// or three numbers of any numeric types. More arguments need a variadic call (see the
    /// library notes); the implementation itself takes any count.
    static func extremumOverloads(prefix: String, greatest: Bool) -> [Overload] {
        var overloads: [Overload] = []
        let implementation: @Sendable (Arguments) -> Value = { args in
            if args.count == 1, case .list(let elements) = args[0] {
                guard !elements.isEmpty else {
                    return .error("\(greatest ? "math.greatest" : "math.least")(list) argument must not be empty")
                }
                return extremum(elements, greatest: greatest)
            }
            return extremum(args.all, greatest: greatest)
        }
        for (name, type) in numericTypes {
            overloads.append(.global("\(prefix)_\(name)", [type], returns: type, implementation))
        }
        for (name, type) in numericTypes {
            overloads.append(.global("\(prefix)_list_\(name)", [.list(type)], returns: type, implementation))
        }
        overloads.append(.global("\(prefix)_list_dyn", [.list(.dyn)], returns: .dyn, implementation))
        for (first, firstType) in numericTypes {
            for (second, secondType) in numericTypes {
                let result: CELType = first == second ? firstType : .dyn
                overloads.append(
                    .global("\(prefix)_\(first)_\(second)", [firstType, secondType], returns: result, implementation))
            }
        }
        for (first, firstType) in numericTypes {
            for (second, secondType) in numericTypes {
                for (third, thirdType) in numericTypes {
                    let result: CELType = first == second && second == third ? firstType : .dyn
                    overloads.append(
                        .global(
                            "\(prefix)_\(first)_\(second)_\(third)", [firstType, secondType, thirdType],
                            returns: result, implementation))
                }
            }
        }
        return overloads
    }

    /// The greatest or least number, the first one among equals. Any non-number is an error.
    static func extremum(_ values: [Value], greatest: Bool) -> Value {
        var best: Value?
        for value in values {
            switch value {
            case .int, .uint, .double: break
            case .error: return value
            default: return .noSuchOverload
            }
            guard let current = best else {
                best = value
                continue
            }
            // A NaN is not ordered against anything and never replaces the current choice.
            if let order = value.celCompare(current), order == (greatest ? .greater : .less) { best = value }
        }
        return best ?? .noSuchOverload
    }

    static func rounding(_ id: String, _ rule: FloatingPointRoundingRule) -> Overload {
        .global(id, [.double], returns: .double) { args in
            guard case .double(let value) = args[0] else { return .noSuchOverload }
            return .double(value.rounded(rule))
        }
    }

    static func test(_ id: String, _ predicate: @escaping @Sendable (Double) -> Bool) -> Overload {
        .global(id, [.double], returns: .bool) { args in
            guard case .double(let value) = args[0] else { return .noSuchOverload }
            return .bool(predicate(value))
        }
    }

    static func bitwise(
        _ prefix: String, _ intOperation: @escaping @Sendable (Int64, Int64) -> Int64,
        _ uintOperation: @escaping @Sendable (UInt64, UInt64) -> UInt64
    ) -> [Overload] {
        [
            .global("\(prefix)_int_int", [.int, .int], returns: .int) { args in
                guard case .int(let a) = args[0], case .int(let b) = args[1] else { return .noSuchOverload }
                return .int(intOperation(a, b))
            },
            .global("\(prefix)_uint_uint", [.uint, .uint], returns: .uint) { args in
                guard case .uint(let a) = args[0], case .uint(let b) = args[1] else { return .noSuchOverload }
                return .uint(uintOperation(a, b))
            },
        ]
    }

    /// Logical shifts (zeros come in on either side, for ints too), as cel-go does them.
    static func shifts(_ prefix: String, left: Bool) -> [Overload] {
        let shift: @Sendable (UInt64, Int64) -> UInt64 = { bits, count in
            guard count < 64 else { return 0 }
            return left ? bits << UInt64(count) : bits >> UInt64(count)
        }
        return [
            .global("\(prefix)_int_int", [.int, .int], returns: .int) { args in
                guard case .int(let value) = args[0], case .int(let count) = args[1] else { return .noSuchOverload }
                guard count >= 0 else { return .error("negative offset") }
                return .int(Int64(bitPattern: shift(UInt64(bitPattern: value), count)))
            },
            .global("\(prefix)_uint_int", [.uint, .int], returns: .uint) { args in
                guard case .uint(let value) = args[0], case .int(let count) = args[1] else { return .noSuchOverload }
                guard count >= 0 else { return .error("negative offset") }
                return .uint(shift(value, count))
            },
        ]
    }
}
