extension JSONInstance {
    /// Why a text is not JSON: the message and the byte offset where reading stopped.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var offset: Int
        public var message: String

        public var description: String { "byte \(offset): \(message)" }
    }

    /// Reads `text` as one JSON value (RFC 8259), strictly: no trailing commas, comments, lone
    /// surrogates, control characters in strings, leading zeros, or duplicate member names, and
    /// nothing but white space after the value. Nesting deeper than `maximumDepth` is refused.
    public static func parse(_ text: String, maximumDepth: Int = 512) throws(ParseError) -> JSONInstance {
        var reader = Reader(bytes: Array(text.utf8), maximumDepth: maximumDepth)
        reader.skipWhiteSpace()
        let value = try reader.value(depth: 0)
        reader.skipWhiteSpace()
        guard reader.offset == reader.bytes.count else { throw reader.error("unexpected text after the value") }
        return value
    }

    private struct Reader {
        let bytes: [UInt8]
        let maximumDepth: Int
        var offset = 0

        init(bytes: [UInt8], maximumDepth: Int) {
            self.bytes = bytes
            self.maximumDepth = maximumDepth
        }

        func error(_ message: String) -> ParseError { ParseError(offset: offset, message: message) }

        var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

        mutating func skipWhiteSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { offset += 1 }
        }

        mutating func expect(_ literal: String) throws(ParseError) {
            for byte in literal.utf8 {
                guard current == byte else { throw error("expected \"\(literal)\"") }
                offset += 1
            }
        }

        mutating func value(depth: Int) throws(ParseError) -> JSONInstance {
            guard let byte = current else { throw error("unexpected end of text") }
            switch byte {
            case UInt8(ascii: "n"):
                try expect("null")
                return .null
            case UInt8(ascii: "t"):
                try expect("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expect("false")
                return .bool(false)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                guard depth < maximumDepth else { throw error("nesting deeper than \(maximumDepth)") }
                return try array(depth: depth + 1)
            case UInt8(ascii: "{"):
                guard depth < maximumDepth else { throw error("nesting deeper than \(maximumDepth)") }
                return try object(depth: depth + 1)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            default: throw error("unexpected character")
            }
        }

        mutating func array(depth: Int) throws(ParseError) -> JSONInstance {
            offset += 1
            var elements: [JSONInstance] = []
            skipWhiteSpace()
            if current == UInt8(ascii: "]") {
                offset += 1
                return .array(elements)
            }
            while true {
                skipWhiteSpace()
                elements.append(try value(depth: depth))
                skipWhiteSpace()
                switch current {
                case UInt8(ascii: ","): offset += 1
                case UInt8(ascii: "]"):
                    offset += 1
                    return .array(elements)
                default: throw error("expected \",\" or \"]\" in an array")
                }
            }
        }

        mutating func object(depth: Int) throws(ParseError) -> JSONInstance {
            offset += 1
            var members: [String: JSONInstance] = [:]
            skipWhiteSpace()
            if current == UInt8(ascii: "}") {
                offset += 1
                return .object(members)
            }
            while true {
                skipWhiteSpace()
                guard current == UInt8(ascii: "\"") else { throw error("expected a member name") }
                let nameOffset = offset
                let name = try string()
                guard members[name] == nil else {
                    throw ParseError(offset: nameOffset, message: "duplicate member name \"\(name)\"")
                }
                skipWhiteSpace()
                guard current == UInt8(ascii: ":") else { throw error("expected \":\" after a member name") }
                offset += 1
                skipWhiteSpace()
                members[name] = try value(depth: depth)
                skipWhiteSpace()
                switch current {
                case UInt8(ascii: ","): offset += 1
                case UInt8(ascii: "}"):
                    offset += 1
                    return .object(members)
                default: throw error("expected \",\" or \"}\" in an object")
                }
            }
        }

        mutating func string() throws(ParseError) -> String {
            offset += 1
            var scalars = String.UnicodeScalarView()
            var run = offset  // start of the bytes not yet copied
            func flush(_ reader: Reader, to end: Int, into scalars: inout String.UnicodeScalarView) throws(ParseError) {
                guard run < end else { return }
                guard let text = String(validating: reader.bytes[run..<end], as: UTF8.self) else {
                    throw ParseError(offset: run, message: "invalid UTF-8 in a string")
                }
                scalars.append(contentsOf: text.unicodeScalars)
            }
            while true {
                guard let byte = current else { throw error("unterminated string") }
                switch byte {
                case UInt8(ascii: "\""):
                    try flush(self, to: offset, into: &scalars)
                    offset += 1
                    return String(scalars)
                case UInt8(ascii: "\\"):
                    try flush(self, to: offset, into: &scalars)
                    offset += 1
                    scalars.append(try escape())
                    run = offset
                case 0..<0x20: throw error("control character in a string")
                default: offset += 1
                }
            }
        }

        mutating func escape() throws(ParseError) -> Unicode.Scalar {
            guard let byte = current else { throw error("unterminated escape") }
            offset += 1
            switch byte {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                let unit = try hexUnit()
                if (0xD800...0xDBFF).contains(unit) {
                    guard current == UInt8(ascii: "\\") else { throw error("lone high surrogate") }
                    offset += 1
                    guard current == UInt8(ascii: "u") else { throw error("lone high surrogate") }
                    offset += 1
                    let low = try hexUnit()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("lone high surrogate") }
                    let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    guard let scalar = Unicode.Scalar(value) else { throw error("invalid surrogate pair") }
                    return scalar
                }
                guard let scalar = Unicode.Scalar(unit) else { throw error("lone low surrogate") }
                return scalar
            default: throw error("unknown escape")
            }
        }

        mutating func hexUnit() throws(ParseError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let byte = current else { throw error("unterminated \\u escape") }
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw error("expected four hex digits after \\u")
                }
                value = value << 4 | digit
                offset += 1
            }
            return value
        }

        mutating func number() throws(ParseError) -> JSONInstance {
            let start = offset
            var isInteger = true
            if current == UInt8(ascii: "-") { offset += 1 }
            if current == UInt8(ascii: "0") {
                offset += 1
            } else {
                guard try digits() > 0 else { throw error("expected a digit") }
            }
            if current == UInt8(ascii: ".") {
                offset += 1
                isInteger = false
                guard try digits() > 0 else { throw error("expected a digit after \".\"") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                offset += 1
                isInteger = false
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
                guard try digits() > 0 else { throw error("expected a digit in the exponent") }
            }
            let text = String(decoding: bytes[start..<offset], as: UTF8.self)
            if isInteger, let value = Int(text) { return .integer(value) }
            guard let value = Double(text), value.isFinite else {
                throw ParseError(offset: start, message: "number out of range")
            }
            return .number(value)
        }

        /// Skips decimal digits and returns how many there were.
        mutating func digits() throws(ParseError) -> Int {
            let start = offset
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { offset += 1 }
            return offset - start
        }
    }
}
