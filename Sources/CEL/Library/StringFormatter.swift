/// `string.format(list)` as cel-go's strings extension does it: `%%` is a percent sign, and each
/// other clause `%[.precision]verb` takes the next list element. Verbs: `s` (any value, lists
/// and maps included), `d` (integers and doubles), `f` and `e` (numbers, precision default 6,
/// rounded half to even on the exact binary value), `b`, `o`, `x`, `X`.
enum StringFormatter {
    /// Larger precisions are rejected, so that a clause cannot ask for an enormous string.
    static let maxPrecision = 100

    struct Failure: Error {
        var message: String
    }

    static func format(_ template: String, _ values: [Value]) -> Value {
        let scalars = Array(template.unicodeScalars)
        var result = ""
        var position = 0
        var argumentIndex = 0
        while position < scalars.count {
            let scalar = scalars[position]
            guard scalar == "%" else {
                result.unicodeScalars.append(scalar)
                position += 1
                continue
            }
            if position + 1 < scalars.count && scalars[position + 1] == "%" {
                result += "%"
                position += 2
                continue
            }
            guard argumentIndex < values.count else { return .error("index \(argumentIndex) out of range") }
            position += 1
            guard position < scalars.count else { return .error("unexpected end of string") }
            var precision: Int?
            if scalars[position] == "." {
                position += 1
                var digits = ""
                while position < scalars.count, ("0"..."9").contains(scalars[position]) {
                    digits.unicodeScalars.append(scalars[position])
                    position += 1
                }
                guard position < scalars.count else {
                    return clauseError("error while parsing precision: could not find end of precision specifier")
                }
                guard let number = Int(digits) else {
                    return clauseError("error while parsing precision: invalid precision \"\(digits)\"")
                }
                guard number <= maxPrecision else {
                    return clauseError(
                        "error while parsing precision: precision \(number) exceeds maximum allowed precision "
                            + "\(maxPrecision)")
                }
                precision = number
            }
            let verb = scalars[position]
            position += 1
            let value = values[argumentIndex]
            argumentIndex += 1
            do throws(Failure) {
                switch verb {
                case "s": result += try string(value)
                case "d": result += try decimal(value)
                case "f": result += try fixed(value, precision: precision ?? 6)
                case "e": result += try scientific(value, precision: precision ?? 6)
                case "b": result += try binary(value)
                case "o": result += try octal(value)
                case "x": result += try hex(value, uppercase: false)
                case "X": result += try hex(value, uppercase: true)
                default:
                    return clauseError("unrecognized formatting clause \"\(Character(verb))\"")
                }
            } catch {
                return .error("error during formatting: \(error.message)")
            }
        }
        return .string(result)
    }

    private static func clauseError(_ message: String) -> Value {
        .error("could not parse formatting clause: \(message)")
    }

    private static func typeName(_ value: Value) -> String { value.celType.runtimeName }

    // MARK: Clauses

    /// The `%s` text of a value; lists and maps recursively, map entries sorted by key text.
    static func string(_ value: Value) throws(Failure) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return shortestText(d)
        case .string(let s): return s
        case .bytes(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .timestamp(let t): return t.rfc3339
        case .duration(let d):
            // As cel-go: the duration converted to a double number of seconds.
            return shortestText(Double(d.seconds) + Double(d.nanos) / 1e9) + "s"
        case .type(let t): return t.runtimeName
        case .list(let elements):
            var parts: [String] = []
            parts.reserveCapacity(elements.count)
            for element in elements { parts.append(try string(element)) }
            return "[" + parts.joined(separator: ", ") + "]"
        case .map(let map):
            var entries: [(key: String, value: String, index: Int)] = []
            for (index, entry) in map.entries.enumerated() {
                entries.append((try string(entry.key.value), try string(entry.value), index))
            }
            // Byte order of the key text, as Go compares strings; insertion order breaks ties.
            entries.sort { left, right in
                if left.key == right.key { return left.index < right.index }
                return left.key.utf8.lexicographicallyPrecedes(right.key.utf8)
            }
            return "{" + entries.map { $0.key + ": " + $0.value }.joined(separator: ", ") + "}"
        default:
            throw Failure(
                message: "string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, "
                    + "types, durations, and timestamps, was given \(typeName(value))")
        }
    }

    static func decimal(_ value: Value) throws(Failure) -> String {
        switch value {
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .double(let d): return shortestText(d)
        default:
            throw Failure(message: "decimal clause can only be used on integers, was given \(typeName(value))")
        }
    }

    private static func number(_ value: Value) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .uint(let u): return Double(u)
        case .double(let d): return d
        default: return nil
        }
    }

    static func fixed(_ value: Value, precision: Int) throws(Failure) -> String {
        guard let number = number(value) else {
            throw Failure(message: "fixed-point clause can only be used on doubles, was given \(typeName(value))")
        }
        if let special = specialText(number) { return special }
        return ExactDecimal(number).fixed(precision: precision)
    }

    static func scientific(_ value: Value, precision: Int) throws(Failure) -> String {
        guard let number = number(value) else {
            throw Failure(message: "scientific clause can only be used on doubles, was given \(typeName(value))")
        }
        if let special = specialText(number) { return special }
        return ExactDecimal(number).scientific(precision: precision)
    }

    static func binary(_ value: Value) throws(Failure) -> String {
        switch value {
        case .bool(let b): return b ? "1" : "0"
        case .int(let i): return String(i, radix: 2)
        case .uint(let u): return String(u, radix: 2)
        default:
            throw Failure(
                message: "only integers and bools can be formatted as binary, was given \(typeName(value))")
        }
    }

    static func octal(_ value: Value) throws(Failure) -> String {
        switch value {
        case .int(let i): return String(i, radix: 8)
        case .uint(let u): return String(u, radix: 8)
        default:
            throw Failure(message: "octal clause can only be used on integers, was given \(typeName(value))")
        }
    }

    static func hex(_ value: Value, uppercase: Bool) throws(Failure) -> String {
        switch value {
        case .int(let i): return String(i, radix: 16, uppercase: uppercase)
        case .uint(let u): return String(u, radix: 16, uppercase: uppercase)
        case .string(let s): return hexBytes(Array(s.utf8), uppercase: uppercase)
        case .bytes(let bytes): return hexBytes(bytes, uppercase: uppercase)
        default:
            throw Failure(
                message: "only integers, byte buffers, and strings can be formatted as hex, was given "
                    + typeName(value))
        }
    }

    private static func hexBytes(_ bytes: [UInt8], uppercase: Bool) -> String {
        let digits: [Character] = Array(uppercase ? "0123456789ABCDEF" : "0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }

    // MARK: Numbers

    private static func specialText(_ number: Double) -> String? {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return nil
    }

    /// The shortest digits that read back as the same double, laid out without an exponent
    /// (Go's `FormatFloat(x, 'f', -1, 64)`): `1`, `0.00001`, `1e+16` as `10000000000000000`.
    static func shortestText(_ number: Double) -> String {
        if let special = specialText(number) { return special }
        let sign = number.sign == .minus ? "-" : ""
        // Swift's description gives the shortest round-tripping digits, perhaps with an exponent.
        let text = number.magnitude.description
        let parts = text.split(separator: "e", maxSplits: 1)
        var exponent = 0
        if parts.count == 2, let value = Int(parts[1]) { exponent = value }
        let mantissa = parts.first ?? ""
        var digits: [Character] = []
        var pointPosition: Int?
        for character in mantissa {
            if character == "." {
                pointPosition = digits.count
            } else {
                digits.append(character)
            }
        }
        // The value is 0.<digits> × 10^integerDigits.
        var integerDigits = (pointPosition ?? digits.count) + exponent
        while let first = digits.first, first == "0" {
            digits.removeFirst()
            integerDigits -= 1
        }
        while let last = digits.last, last == "0" { digits.removeLast() }
        if digits.isEmpty { return sign + "0" }
        if integerDigits <= 0 {
            return sign + "0." + String(repeating: "0", count: -integerDigits) + String(digits)
        }
        if integerDigits >= digits.count {
            return sign + String(digits) + String(repeating: "0", count: integerDigits - digits.count)
        }
        return sign + String(digits[..<integerDigits]) + "." + String(digits[integerDigits...])
    }
}

/// The exact decimal expansion of a finite double, for rounding to a number of digits the way
/// Go's `%f` and `%e` do: half to even, decided on the exact binary value.
private struct ExactDecimal {
    let negative: Bool
    /// ASCII digits of the magnitude with `fractionDigits` of them after the decimal point;
    /// `["0"]` for zero. No leading zeros otherwise.
    var digits: [UInt8]
    var fractionDigits: Int

    init(_ number: Double) {
        negative = number.sign == .minus
        let magnitude = number.magnitude
        var significand: UInt64
        var exponent: Int
        if magnitude.exponentBitPattern == 0 {
            significand = magnitude.significandBitPattern
            exponent = -1074
        } else {
            significand = magnitude.significandBitPattern | (1 << 52)
            exponent = Int(magnitude.exponentBitPattern) - 1075
        }
        if significand == 0 {
            digits = [UInt8(ascii: "0")]
            fractionDigits = 0
            return
        }
        while exponent < 0 && significand & 1 == 0 {
            significand >>= 1
            exponent += 1
        }
        var value = BigNumber(significand)
        if exponent >= 0 {
            value.shiftLeft(exponent)
            fractionDigits = 0
        } else {
            // m × 2^-k = m × 5^k / 10^k.
            var remaining = -exponent
            while remaining > 0 {
                let step = min(remaining, 13)  // 5^13 < 2^32
                var factor: UInt32 = 1
                for _ in 0..<step { factor *= 5 }
                value.multiply(by: factor)
                remaining -= step
            }
            fractionDigits = -exponent
        }
        digits = value.decimalDigits()
    }

    /// Whether dropping `digits[kept...]` rounds the kept digits up (half to even).
    private func roundsUp(keeping kept: Int) -> Bool {
        guard kept < digits.count else { return false }
        let first = digits[kept]
        if first != UInt8(ascii: "5") { return first > UInt8(ascii: "5") }
        if digits[(kept + 1)...].contains(where: { $0 != UInt8(ascii: "0") }) { return true }
        guard kept > 0 else { return false }
        return (digits[kept - 1] - UInt8(ascii: "0")) % 2 == 1
    }

    /// Adds one unit in the last place; returns whether a new leading digit appeared.
    private static func increment(_ digits: inout [UInt8]) -> Bool {
        var index = digits.count - 1
        while index >= 0 {
            if digits[index] == UInt8(ascii: "9") {
                digits[index] = UInt8(ascii: "0")
                index -= 1
            } else {
                digits[index] += 1
                return false
            }
        }
        digits.insert(UInt8(ascii: "1"), at: 0)
        return true
    }

    /// `[-]ddd.ddd` with exactly `precision` fraction digits (no point when it is zero).
    func fixed(precision: Int) -> String {
        var digits = self.digits
        var fraction = fractionDigits
        if digits.count <= fraction {
            digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: fraction + 1 - digits.count), at: 0)
        }
        if fraction > precision {
            let padded = ExactDecimal(negative: negative, digits: digits, fractionDigits: fraction)
            let kept = digits.count - (fraction - precision)
            let up = padded.roundsUp(keeping: kept)
            digits.removeLast(digits.count - kept)
            if up { _ = Self.increment(&digits) }
            fraction = precision
        } else {
            digits += repeatElement(UInt8(ascii: "0"), count: precision - fraction)
            fraction = precision
        }
        let integerCount = digits.count - fraction
        var text = negative ? "-" : ""
        text += String(decoding: digits[..<integerCount], as: UTF8.self)
        if fraction > 0 { text += "." + String(decoding: digits[integerCount...], as: UTF8.self) }
        return text
    }

    /// `[-]d.ddde±dd` with `precision` digits after the point (no point when it is zero).
    func scientific(precision: Int) -> String {
        var digits = self.digits
        var exponent = digits.count - fractionDigits - 1
        if digits == [UInt8(ascii: "0")] { exponent = 0 }
        let wanted = precision + 1
        if digits.count > wanted {
            let up = roundsUp(keeping: wanted)
            digits.removeLast(digits.count - wanted)
            if up && Self.increment(&digits) {
                digits.removeLast()
                exponent += 1
            }
        } else {
            digits += repeatElement(UInt8(ascii: "0"), count: wanted - digits.count)
        }
        var text = negative ? "-" : ""
        text += String(decoding: digits[..<1], as: UTF8.self)
        if precision > 0 { text += "." + String(decoding: digits[1...], as: UTF8.self) }
        let magnitude = exponent.magnitude
        text += (exponent < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + String(magnitude)
        return text
    }

    private init(negative: Bool, digits: [UInt8], fractionDigits: Int) {
        self.negative = negative
        self.digits = digits
        self.fractionDigits = fractionDigits
    }
}

/// An unsigned integer of any size, with just the operations exact decimal expansion needs.
private struct BigNumber {
    /// Little-endian 32-bit limbs.
    private var limbs: [UInt32]

    init(_ value: UInt64) {
        limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
        trim()
    }

    private mutating func trim() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    mutating func multiply(by factor: UInt32) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(truncatingIfNeeded: product)
            carry = product >> 32
        }
        if carry > 0 { limbs.append(UInt32(carry)) }
    }

    mutating func shiftLeft(_ bits: Int) {
        guard bits > 0, !limbs.isEmpty else { return }
        let whole = bits / 32
        let part = bits % 32
        if part > 0 {
            var carry: UInt32 = 0
            for index in limbs.indices {
                let limb = limbs[index]
                limbs[index] = (limb << part) | carry
                carry = limb >> (32 - part)
            }
            if carry > 0 { limbs.append(carry) }
        }
        limbs.insert(contentsOf: repeatElement(0, count: whole), at: 0)
    }

    /// Divides in place by a small divisor and returns the remainder.
    private mutating func divide(by divisor: UInt32) -> UInt32 {
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            let current = (remainder << 32) | UInt64(limbs[index])
            limbs[index] = UInt32(current / UInt64(divisor))
            remainder = current % UInt64(divisor)
        }
        trim()
        return UInt32(remainder)
    }

    /// Decimal ASCII digits, most significant first; `["0"]` for zero.
    func decimalDigits() -> [UInt8] {
        var value = self
        var chunks: [UInt32] = []
        while !value.limbs.isEmpty { chunks.append(value.divide(by: 1_000_000_000)) }
        guard let top = chunks.last else { return [UInt8(ascii: "0")] }
        var digits = Array(String(top).utf8)
        for chunk in chunks.dropLast().reversed() {
            let text = Array(String(chunk).utf8)
            digits += repeatElement(UInt8(ascii: "0"), count: 9 - text.count)
            digits += text
        }
        return digits
    }
}
