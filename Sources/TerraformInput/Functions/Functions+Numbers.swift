#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension Functions {
    /// Functions over numbers: `abs`, `ceil`, `floor`, `log`, `pow`, `signum`, `min`, `max`,
    /// `sum`, `parseint`.
    static let numbers: [BuiltinFunction] = [
        BuiltinFunction("abs", arguments: 1) { call in .number(abs(try call.number(0))) },
        BuiltinFunction("ceil", arguments: 1) { call in .number(try call.number(0).rounded(.up)) },
        BuiltinFunction("floor", arguments: 1) { call in .number(try call.number(0).rounded(.down)) },
        BuiltinFunction("signum", arguments: 1) { call in
            let number = try call.number(0)
            return .number(number > 0 ? 1 : (number < 0 ? -1 : 0))
        },
        BuiltinFunction("log", arguments: 2) { call in
            .number(naturalLogarithm(try call.number(0)) / naturalLogarithm(try call.number(1)))
        },
        BuiltinFunction("pow", arguments: 2) { call in
            .number(power(try call.number(0), try call.number(1)))
        },
        BuiltinFunction("min", arity: 1...Int.max) { call in
            var result = try call.number(0)
            for index in 1..<call.count { result = min(result, try call.number(index)) }
            return .number(result)
        },
        BuiltinFunction("max", arity: 1...Int.max) { call in
            var result = try call.number(0)
            for index in 1..<call.count { result = max(result, try call.number(index)) }
            return .number(result)
        },
        BuiltinFunction("sum", arguments: 1) { call in
            let numbers = try call.numberList(0)
            guard !numbers.isEmpty else { throw call.error("cannot sum an empty list") }
            return .number(numbers.reduce(0, +))
        },
        BuiltinFunction("parseint", arguments: 2) { call in
            let text = try call.string(0)
            let base = try call.integer(1)
            guard (2...62).contains(base) else { throw call.error("the base must be between 2 and 62, got \(base)") }
            guard let number = parseInteger(text, base: base) else {
                throw call.error("cannot parse \"\(text)\" as a base \(base) integer")
            }
            return .number(number)
        },
    ]

    /// An integer in `base`: an optional sign, then digits `0-9`, `a-z`, `A-Z` (letters of either
    /// case up to base 36; above it lower case is 10–35 and upper case 36–61, as Go reads them).
    static func parseInteger(_ text: String, base: Int) -> Double? {
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        guard !scalars.isEmpty else { return nil }
        var value = 0.0
        for scalar in scalars {
            let digit: Int
            switch scalar {
            case "0"..."9": digit = Int(scalar.value) - 48
            case "a"..."z": digit = Int(scalar.value) - 97 + 10
            case "A"..."Z": digit = Int(scalar.value) - 65 + (base <= 36 ? 10 : 36)
            default: return nil
            }
            guard digit < base else { return nil }
            value = value * Double(base) + Double(digit)
        }
        return negative ? -value : value
    }
}

/// The C library's natural logarithm, named apart from the `log` function table entry.
private func naturalLogarithm(_ value: Double) -> Double { log(value) }

/// The C library's power function.
private func power(_ base: Double, _ exponent: Double) -> Double { pow(base, exponent) }
