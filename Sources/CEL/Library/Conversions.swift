extension Library {
    /// Conversions between types: `int()`, `uint()`, `double()`, `string()`, `bytes()`, `bool()`,
    /// `timestamp()` and `duration()`. A conversion that loses range or reads bad text is an error.
    static let conversions = Library(
        name: "conversions",
        functions: [
            Function(
                "int", doc: "Converts to int: doubles truncate toward zero, timestamps give Unix seconds.",
                overloads: [
                    .global("int64_to_int64", [.int], returns: .int) { args in args[0] },
                    .global("uint64_to_int64", [.uint], returns: .int) { args in
                        guard case .uint(let u) = args[0] else { return .noSuchOverload }
                        guard let i = Int64(exactly: u) else { return Converting.rangeError("int", String(u) + "u") }
                        return .int(i)
                    },
                    .global("double_to_int64", [.double], returns: .int) { args in
                        guard case .double(let d) = args[0] else { return .noSuchOverload }
                        // Int64.max is not a double; the nearest one, 2^63, is already out of range.
                        guard d > -9.223372036854775808e18, d < 9.223372036854775808e18 else {
                            return Converting.rangeError("int", DoubleText.format(d))
                        }
                        return .int(Int64(d.rounded(.towardZero)))
                    },
                    .global("string_to_int64", [.string], returns: .int) { args in
                        guard case .string(let s) = args[0] else { return .noSuchOverload }
                        guard Converting.isDecimal(s, signed: true), let i = Int64(s) else {
                            return Converting.textError("int", s)
                        }
                        return .int(i)
                    },
                    .global("timestamp_to_int64", [.timestamp], returns: .int) { args in
                        guard case .timestamp(let t) = args[0] else { return .noSuchOverload }
                        return .int(t.seconds)
                    },
                ]),
            Function(
                "uint", doc: "Converts to uint: doubles truncate toward zero; negative values are errors.",
                overloads: [
                    .global("uint64_to_uint64", [.uint], returns: .uint) { args in args[0] },
                    .global("int64_to_uint64", [.int], returns: .uint) { args in
                        guard case .int(let i) = args[0] else { return .noSuchOverload }
                        guard let u = UInt64(exactly: i) else { return Converting.rangeError("uint", String(i)) }
                        return .uint(u)
                    },
                    .global("double_to_uint64", [.double], returns: .uint) { args in
                        guard case .double(let d) = args[0] else { return .noSuchOverload }
                        guard d >= 0, d < 1.8446744073709551616e19 else {
                            return Converting.rangeError("uint", DoubleText.format(d))
                        }
                        return .uint(UInt64(d.rounded(.towardZero)))
                    },
                    .global("string_to_uint64", [.string], returns: .uint) { args in
                        guard case .string(let s) = args[0] else { return .noSuchOverload }
                        guard Converting.isDecimal(s, signed: false), let u = UInt64(s) else {
                            return Converting.textError("uint", s)
                        }
                        return .uint(u)
                    },
                ]),
            Function(
                "double", doc: "Converts to double; text may use exponents, \"NaN\", \"inf\" and \"-inf\".",
                overloads: [
                    .global("double_to_double", [.double], returns: .double) { args in args[0] },
                    .global("int64_to_double", [.int], returns: .double) { args in
                        guard case .int(let i) = args[0] else { return .noSuchOverload }
                        return .double(Double(i))
                    },
                    .global("uint64_to_double", [.uint], returns: .double) { args in
                        guard case .uint(let u) = args[0] else { return .noSuchOverload }
                        return .double(Double(u))
                    },
                    .global("string_to_double", [.string], returns: .double) { args in
                        guard case .string(let s) = args[0] else { return .noSuchOverload }
                        return DoubleText.parse(s).map(Value.double) ?? Converting.textError("double", s)
                    },
                ]),
            Function(
                "string", doc: "Converts to string; bytes must be valid UTF-8.",
                overloads: [
                    .global("string_to_string", [.string], returns: .string) { args in args[0] },
                    .global("int64_to_string", [.int], returns: .string) { args in
                        guard case .int(let i) = args[0] else { return .noSuchOverload }
                        return .string(String(i))
                    },
                    .global("uint64_to_string", [.uint], returns: .string) { args in
                        guard case .uint(let u) = args[0] else { return .noSuchOverload }
                        return .string(String(u))
                    },
                    .global("double_to_string", [.double], returns: .string) { args in
                        guard case .double(let d) = args[0] else { return .noSuchOverload }
                        return .string(DoubleText.format(d))
                    },
                    .global("bool_to_string", [.bool], returns: .string) { args in
                        guard case .bool(let b) = args[0] else { return .noSuchOverload }
                        return .string(b ? "true" : "false")
                    },
                    .global("bytes_to_string", [.bytes], returns: .string) { args in
                        guard case .bytes(let b) = args[0] else { return .noSuchOverload }
                        guard let s = Converting.validUTF8(b) else {
                            return .error("invalid UTF-8 in bytes, cannot convert to string")
                        }
                        return .string(s)
                    },
                    .global("timestamp_to_string", [.timestamp], returns: .string) { args in
                        guard case .timestamp(let t) = args[0] else { return .noSuchOverload }
                        return .string(t.rfc3339)
                    },
                    .global("duration_to_string", [.duration], returns: .string) { args in
                        guard case .duration(let d) = args[0] else { return .noSuchOverload }
                        return .string(d.secondsText)
                    },
                ]),
            Function(
                "bytes", doc: "Converts to bytes: a string gives its UTF-8 encoding.",
                overloads: [
                    .global("bytes_to_bytes", [.bytes], returns: .bytes) { args in args[0] },
                    .global("string_to_bytes", [.string], returns: .bytes) { args in
                        guard case .string(let s) = args[0] else { return .noSuchOverload }
                        return .bytes(Array(s.utf8))
                    },
                ]),
            Function(
                "bool",
                doc: "Converts to bool from \"true\", \"false\", \"t\", \"f\", \"1\", \"0\" and their "
                    + "upper-case and capitalised forms.",
                overloads: [
                    .global("bool_to_bool", [.bool], returns: .bool) { args in args[0] },
                    .global("string_to_bool", [.string], returns: .bool) { args in
                        guard case .string(let s) = args[0] else { return .noSuchOverload }
                        switch s {
                        case "true", "TRUE", "True", "t", "1": return .bool(true)
                        case "false", "FALSE", "False", "f", "0": return .bool(false)
                        default: return Converting.textError("bool", s)
                        }
                    },
                ]),
            Function(
                "timestamp", doc: "Converts RFC 3339 text (with any offset) or Unix seconds to a timestamp.",
                overloads: [
                    .global("timestamp_to_timestamp", [.timestamp], returns: .timestamp) { args in args[0] },
                    .global("string_to_timestamp", [.string], returns: .timestamp) { args in
                        guard case .string(let s) = args[0] else { return .noSuchOverload }
                        switch Timestamp.parse(s) {
                        case .valid(let t): return .timestamp(t)
                        case .outOfRange: return .error("timestamp out of range: \"\(s)\"")
                        case .malformed: return .error("invalid timestamp \"\(s)\"")
                        }
                    },
                    .global("int64_to_timestamp", [.int], returns: .timestamp) { args in
                        guard case .int(let i) = args[0] else { return .noSuchOverload }
                        guard let t = Timestamp(seconds: i, nanos: 0) else {
                            return .error("timestamp out of range: \(i) seconds")
                        }
                        return .timestamp(t)
                    },
                ]),
            Function(
                "duration", doc: "Converts text such as \"1h2m3.5s\", \"-1.5s\" or \"100ms\" to a duration.",
                overloads: [
                    .global("duration_to_duration", [.duration], returns: .duration) { args in args[0] },
                    .global("string_to_duration", [.string], returns: .duration) { args in
                        guard case .string(let s) = args[0] else { return .noSuchOverload }
                        switch CELDuration.parse(s) {
                        case .valid(let d): return .duration(d)
                        case .outOfRange: return .error("duration out of range: \"\(s)\"")
                        case .malformed: return .error("invalid duration \"\(s)\"")
                        }
                    },
                ]),
        ])
}

/// Error text and input checks shared by the conversions.
private enum Converting {
    static func rangeError(_ target: String, _ value: String) -> Value {
        .error("range error: \(value) does not fit in \(target)")
    }

    static func textError(_ target: String, _ text: String) -> Value {
        .error("type conversion error: cannot convert \"\(text)\" to \(target)")
    }

    /// Plain decimal digits, with an optional sign when `signed`: what Go's `strconv`
    /// accepts in base 10, and stricter than Swift's integer initialisers are.
    static func isDecimal(_ text: String, signed: Bool) -> Bool {
        var digits = text.utf8[...]
        if signed, let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            digits = digits.dropFirst()
        }
        return !digits.isEmpty && digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The string the bytes encode, or `nil` when they are not valid UTF-8.
    static func validUTF8(_ bytes: [UInt8]) -> String? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return String(decoding: bytes, as: UTF8.self)
            case .error: return nil
            }
        }
    }
}

/// Doubles as text, the way CEL's reference implementation writes and reads them.
enum DoubleText {
    /// The shortest digits that read back as the same double, in plain notation when the
    /// decimal exponent is from -4 to 5 and in `e` notation otherwise (`123.456`, `1e+06`,
    /// `-0.0045`, `1.5e-07`); `+Inf`, `-Inf`, `NaN`. This is Go's `%g`, which cel-go uses.
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0" }
        let (digits, pointPosition) = shortestDigits(value.magnitude)
        let exponent = pointPosition - 1
        if exponent < -4 || exponent >= 6 {
            var text = sign + String(digits[0])
            if digits.count > 1 { text += "." + String(digits[1...]) }
            let exponentDigits = String(exponent.magnitude)
            text += (exponent < 0 ? "e-" : "e+") + (exponentDigits.count < 2 ? "0" : "") + exponentDigits
            return text
        }
        if pointPosition <= 0 {
            return sign + "0." + String(repeating: "0", count: -pointPosition) + String(digits)
        }
        if pointPosition >= digits.count {
            return sign + String(digits) + String(repeating: "0", count: pointPosition - digits.count)
        }
        return sign + String(digits[..<pointPosition]) + "." + String(digits[pointPosition...])
    }

    /// The shortest round-tripping significant digits of a positive finite double (no leading
    /// or trailing zeros) and where the decimal point goes: the value is 0.DIGITS × 10^position.
    static func shortestDigits(_ value: Double) -> (digits: [Character], pointPosition: Int) {
        // Swift's description already holds the shortest digits, as `123.456`, `1e-05` or `1.5e+16`.
        let text = value.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts.first ?? ""
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = Array(pieces.first ?? "")
        let fraction = pieces.count > 1 ? Array(pieces[1]) : []
        var digits = whole + fraction
        var pointPosition = whole.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits.isEmpty ? ["0"] : digits, pointPosition)
    }

    /// Reads a decimal double with an optional sign and exponent, or `NaN`, `inf`, `infinity`
    /// in any case with an optional sign. A finite number too large for a double is `nil`.
    static func parse(_ text: String) -> Double? {
        var body = Substring(text)
        if let first = body.first, first == "+" || first == "-" { body = body.dropFirst() }
        switch body.lowercased() {
        case "nan": return body.count == text.count ? Double.nan : nil
        case "inf", "infinity": return text.hasPrefix("-") ? -Double.infinity : Double.infinity
        default: break
        }
        guard isDecimalFloat(body), let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// `digits [. digits] [e [sign] digits]` with at least one mantissa digit.
    private static func isDecimalFloat(_ text: Substring) -> Bool {
        var bytes = text.utf8[...]
        func skipDigits() -> Int {
            var count = 0
            while let byte = bytes.first, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                bytes = bytes.dropFirst()
                count += 1
            }
            return count
        }
        var mantissaDigits = skipDigits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            mantissaDigits += skipDigits()
        }
        guard mantissaDigits > 0 else { return false }
        if let byte = bytes.first, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                bytes = bytes.dropFirst()
            }
            guard skipDigits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
