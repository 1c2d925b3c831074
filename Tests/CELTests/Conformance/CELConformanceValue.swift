import CEL

/// The tagged VALUE encoding of the conformance data (`{"int": "1"}`, `{"map": [[K, V]]}`, ...)
/// read into `Value`, and the comparison the suite asks for. The decoding is written out here,
/// apart from the engine, so that a bug in a CEL conversion cannot also bend the expectations.
enum CELConformanceValue {
    struct DecodeError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads one tagged VALUE.
    static func decode(_ tagged: Value) throws(DecodeError) -> Value {
        guard case .map(let object) = tagged, object.count == 1, case .string(let tag) = object.keys[0],
            let payload = object[object.keys[0]]
        else { throw DecodeError(description: "not a tagged value: \(tagged)") }
        switch (tag, payload) {
        case ("null", _): return .null
        case ("bool", .bool(let flag)): return .bool(flag)
        case ("int", .string(let text)):
            guard let value = Int64(text) else { break }
            return .int(value)
        case ("uint", .string(let text)):
            guard let value = UInt64(text) else { break }
            return .uint(value)
        case ("double", .int(let value)): return .double(Double(value))
        case ("double", .double(let value)): return .double(value)
        case ("double", .string(let text)):
            switch text {
            case "NaN": return .double(.nan)
            case "Infinity": return .double(.infinity)
            case "-Infinity": return .double(-.infinity)
            case "-0": return .double(-0.0)
            default: break
            }
        case ("string", .string(let text)): return .string(text)
        case ("bytes_b64", .string(let text)):
            guard let bytes = base64Decoded(text) else { break }
            return .bytes(bytes)
        case ("list", .list(let elements)):
            var values: [Value] = []
            for element in elements { values.append(try decode(element)) }
            return .list(values)
        case ("map", .list(let pairs)):
            var map = MapValue()
            for pair in pairs {
                guard case .list(let parts) = pair, parts.count == 2, let key = MapKey(try decode(parts[0])) else {
                    throw DecodeError(description: "bad map entry \(pair)")
                }
                map.set(key, try decode(parts[1]))
            }
            return .map(map)
        case ("type", .string(let name)): return .type(typeNamed(name))
        case ("timestamp", .string(let text)):
            guard let timestamp = timestamp(text) else { break }
            return .timestamp(timestamp)
        case ("duration", .string(let text)):
            guard let duration = duration(text) else { break }
            return .duration(duration)
        default:
            break
        }
        throw DecodeError(description: "cannot read \(tagged) as a CEL value")
    }

    /// Type values compare by name, so a name without a `CELType` of its own is kept as an
    /// opaque type of that name.
    static func typeNamed(_ name: String) -> CELType {
        let known: [CELType] = [
            .null, .bool, .int, .uint, .double, .string, .bytes, .list(.dyn), .map(.dyn, .dyn), .timestamp,
            .duration, .type(nil), .optional(.dyn), .dyn,
        ]
        return known.first { $0.runtimeName == name } ?? .opaque(name)
    }

    // MARK: Comparison

    /// How an actual result relates to the expected value.
    enum Agreement: Equatable {
        /// Equal, kinds included.
        case same
        /// Equal under CEL's `==`, but some number has another kind (`1` for `1u`, `2.0` for `2`).
        case equalAcrossNumericKinds
        case different
    }

    /// CEL equality with the suite's two relaxations (map entries in any order, an expected NaN
    /// matching any NaN) and type values compared by name.
    static func compare(expected: Value, actual: Value) -> Agreement {
        if agree(expected, actual, sameKinds: true) { return .same }
        return agree(expected, actual, sameKinds: false) ? .equalAcrossNumericKinds : .different
    }

    private static func agree(_ expected: Value, _ actual: Value, sameKinds: Bool) -> Bool {
        switch (expected, actual) {
        case (.double(let wanted), .double(let got)) where wanted.isNaN:
            return got.isNaN
        case (.list(let wanted), .list(let got)):
            guard wanted.count == got.count else { return false }
            return zip(wanted, got).allSatisfy { agree($0, $1, sameKinds: sameKinds) }
        case (.map(let wanted), .map(let got)):
            guard wanted.count == got.count else { return false }
            for (key, value) in wanted.entries {
                guard let found = got[key], agree(value, found, sameKinds: sameKinds) else { return false }
                if sameKinds, let actualKey = got.keys.first(where: { $0 == key }),
                    kind(actualKey.value) != kind(key.value)
                {
                    return false
                }
            }
            return true
        case (.type(let wanted), .type(let got)):
            return wanted.runtimeName == got.runtimeName
        case (.optional(let wanted), .optional(let got)):
            switch (wanted, got) {
            case (nil, nil): return true
            case (let wanted?, let got?): return agree(wanted, got, sameKinds: sameKinds)
            default: return false
            }
        default:
            if sameKinds && kind(expected) != kind(actual) { return false }
            return expected.celEquals(actual)
        }
    }

    private static func kind(_ value: Value) -> String { value.celType.runtimeName }

    // MARK: Scalars

    /// Standard base64 with padding.
    static func base64Decoded(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        for scalar in text.unicodeScalars {
            let digit: UInt32
            switch scalar {
            case "A"..."Z": digit = scalar.value - 65
            case "a"..."z": digit = scalar.value - 97 + 26
            case "0"..."9": digit = scalar.value - 48 + 52
            case "+": digit = 62
            case "/": digit = 63
            case "=":
                padding += 1
                continue
            default: return nil
            }
            guard padding == 0 else { return nil }
            accumulator = accumulator << 6 | digit
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        guard text.unicodeScalars.count % 4 == 0 else { return nil }
        return bytes
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z`, as the data writes timestamps (always UTC).
    static func timestamp(_ text: String) -> Timestamp? {
        let characters = Array(text.utf8)
        guard characters.count >= 20, characters.last == UInt8(ascii: "Z") else { return nil }
        func number(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= characters.count else { return nil }
            var value: Int64 = 0
            for byte in characters[from..<from + count] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        var nanos: Int64 = 0
        if characters[19] == UInt8(ascii: ".") {
            let digits = characters.count - 21
            guard digits >= 1 && digits <= 9, let fraction = number(20, digits) else { return nil }
            nanos = fraction
            for _ in digits..<9 { nanos *= 10 }
        }
        // Days from 1970-01-01 in the proleptic Gregorian calendar, counting years from March.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Timestamp(seconds: days * 86_400 + hour * 3_600 + minute * 60 + second, nanos: Int32(nanos))
    }

    /// `[-]SECONDS[.FRACTION]s`, as the data writes durations.
    static func duration(_ text: String) -> CELDuration? {
        guard text.hasSuffix("s") else { return nil }
        var body = Substring(text.dropLast())
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let seconds = Int64(parts[0]) else { return nil }
        var nanos: Int64 = 0
        if parts.count == 2 {
            guard (1...9).contains(parts[1].count), let fraction = Int64(parts[1]) else { return nil }
            nanos = fraction
            for _ in parts[1].count..<9 { nanos *= 10 }
        }
        return CELDuration(seconds: negative ? -seconds : seconds, nanos: negative ? -nanos : nanos)
    }
}
