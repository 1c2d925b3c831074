/// JSON as Terraform's `jsonencode` writes it and `jsondecode` reads it.
///
/// Writing: object keys in byte order, no white space, numbers without exponent or needless
/// fraction, and the escapes Go's encoder uses (`<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`,
/// so the text can sit inside HTML). Reading: strict RFC 8259 with nesting limited to
/// `maximumDepth`; a repeated key in one object is an error, as in Terraform.
enum JSONText {
    /// The deepest nesting of arrays and objects `decode` accepts.
    static let maximumDepth = 256

    /// The value as JSON; an error for unknowns and for infinite numbers.
    static func encode(_ value: TerraformValue) -> Result<String, FunctionError> {
        var output = ""
        do throws(FunctionError) {
            try write(value, to: &output)
        } catch {
            return .failure(error)
        }
        return .success(output)
    }

    private static func write(_ value: TerraformValue, to output: inout String) throws(FunctionError) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number):
            guard number.isFinite else { throw FunctionError("cannot encode \(Conversion.text(number)) as JSON") }
            output += Conversion.text(number)
        case .string(let text): output += quote(text)
        case .list(let items):
            output += "["
            for (position, item) in items.enumerated() {
                if position > 0 { output += "," }
                try write(item, to: &output)
            }
            output += "]"
        case .object(let object):
            output += "{"
            let entries = object.entries.sorted { Conversion.bytewiseLess($0.key, $1.key) }
            for (position, entry) in entries.enumerated() {
                if position > 0 { output += "," }
                output += quote(entry.key) + ":"
                try write(entry.value, to: &output)
            }
            output += "}"
        case .unknown:
            throw FunctionError("cannot encode an unknown value as JSON")
        }
    }

    /// A JSON string literal with Go's escapes.
    static func quote(_ text: String) -> String {
        let hex = Array("0123456789abcdef")
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                let value = Int(scalar.value)
                output += "\\u" + String((0..<4).reversed().map { hex[(value >> ($0 * 4)) & 0xF] })
            default:
                if scalar.value < 0x20 {
                    let value = Int(scalar.value)
                    output += "\\u00" + String(hex[value >> 4]) + String(hex[value & 0xF])
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }

    /// The value `text` denotes, or an error naming the byte offset of the problem.
    static func decode(_ text: String) -> Result<TerraformValue, FunctionError> {
        var reader = Reader(bytes: Array(text.utf8))
        do throws(FunctionError) {
            reader.skipSpace()
            let value = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.position == reader.bytes.count else { throw reader.failure("extra text after the value") }
            return .success(value)
        } catch {
            return .failure(error)
        }
    }

    /// A cursor over the JSON text.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        func failure(_ message: String) -> FunctionError {
            FunctionError("invalid JSON at offset \(position): \(message)")
        }

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func value(depth: Int) throws(FunctionError) -> TerraformValue {
            guard position < bytes.count else { throw failure("unexpected end of text") }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                guard depth < maximumDepth else { throw failure("nesting deeper than \(maximumDepth)") }
                return try object(depth: depth + 1)
            case UInt8(ascii: "["):
                guard depth < maximumDepth else { throw failure("nesting deeper than \(maximumDepth)") }
                return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw failure("unexpected character")
            }
        }

        private mutating func literal(_ word: String, _ result: TerraformValue) throws(FunctionError) -> TerraformValue
        {
            let expected = Array(word.utf8)
            guard bytes.count - position >= expected.count,
                Array(bytes[position..<position + expected.count]) == expected
            else { throw failure("unexpected character") }
            position += expected.count
            return result
        }

        private mutating func object(depth: Int) throws(FunctionError) -> TerraformValue {
            position += 1
            var entries: [(String, TerraformValue)] = []
            var seen = Set<String>()
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(ObjectValue())
            }
            while true {
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw failure("expected a string key")
                }
                let key = try string()
                guard seen.insert(key).inserted else { throw failure("duplicate key \"\(key)\"") }
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                    throw failure("expected \":\"")
                }
                position += 1
                skipSpace()
                entries.append((key, try value(depth: depth)))
                skipSpace()
                guard position < bytes.count else { throw failure("unexpected end of text") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    return .object(entries)
                } else {
                    throw failure("expected \",\" or \"}\"")
                }
            }
        }

        private mutating func array(depth: Int) throws(FunctionError) -> TerraformValue {
            position += 1
            var items: [TerraformValue] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .list(items)
            }
            while true {
                skipSpace()
                items.append(try value(depth: depth))
                skipSpace()
                guard position < bytes.count else { throw failure("unexpected end of text") }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                } else if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    return .list(items)
                } else {
                    throw failure("expected \",\" or \"]\"")
                }
            }
        }

        private mutating func number() throws(FunctionError) -> TerraformValue {
            let start = position
            func digits() -> Int {
                let first = position
                while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                    position += 1
                }
                return position - first
            }
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            let integerStart = position
            guard digits() > 0 else { throw failure("expected a digit") }
            if bytes[integerStart] == UInt8(ascii: "0"), position - integerStart > 1 {
                throw failure("leading zero in a number")
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard digits() > 0 else { throw failure("expected a digit after \".\"") }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")
                {
                    position += 1
                }
                guard digits() > 0 else { throw failure("expected a digit in the exponent") }
            }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            guard let number = Double(text), number.isFinite else { throw failure("number out of range") }
            return .number(number)
        }

        mutating func string() throws(FunctionError) -> String {
            position += 1
            var scalars = String.UnicodeScalarView()
            var runStart = position
            func flush() {
                if runStart < position {
                    scalars.append(
                        contentsOf: String(decoding: bytes[runStart..<position], as: UTF8.self).unicodeScalars)
                }
            }
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") {
                    flush()
                    position += 1
                    return String(scalars)
                }
                if byte < 0x20 { throw failure("control character in a string") }
                if byte != UInt8(ascii: "\\") {
                    position += 1
                    continue
                }
                flush()
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hexQuad()
                    if (0xD800..<0xDC00).contains(code), bytes.count - position >= 6,
                        bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
                    {
                        let save = position
                        position += 2
                        let low = try hexQuad()
                        if (0xDC00..<0xE000).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            position = save
                        }
                    }
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default:
                    throw failure("invalid escape")
                }
                runStart = position
            }
            throw failure("unterminated string")
        }

        private mutating func hexQuad() throws(FunctionError) -> UInt32 {
            guard bytes.count - position >= 4 else { throw failure("short \\u escape") }
            var code: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = Self.hexValue(bytes[position]) else { throw failure("invalid \\u escape") }
                code = code << 4 | digit
                position += 1
            }
            return code
        }

        static func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
    }
}
