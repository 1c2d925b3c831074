/// A strict JSON reader (RFC 8259) that keeps the source range of every value, the order of
/// object members, duplicate keys and the exact text of numbers: what the HCL JSON syntax
/// needs and a general-purpose decoder does not keep. Nesting is bounded, invalid UTF-8 and
/// unescaped control characters are errors with their position.
struct JSONReader {
    /// The first error, with where it is.
    struct Failure: Error {
        var message: String
        var range: SourceRange
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var index = 0
    private var depth = 0
    private var trackedIndex = 0
    private var line = 1
    private var column = 1

    static func read(_ bytes: [UInt8], maxDepth: Int) throws(Failure) -> JSONValue {
        guard bytes.count < Int(Int32.max) else {
            throw Failure(message: "the input is larger than 2 GiB", range: SourceRange(at: .start))
        }
        let result: Result<JSONValue, Failure> = bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(bytes: buffer, maxDepth: maxDepth)
            do throws(Failure) {
                reader.skipSpace()
                let value = try reader.readValue()
                reader.skipSpace()
                if reader.index < buffer.count {
                    throw reader.failure("unexpected \(reader.describeNext()) after the JSON value", reader.index)
                }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    // MARK: Positions

    /// The position of byte `target`; calls come in increasing order, so lines and columns
    /// are counted in one pass.
    private mutating func position(_ target: Int) -> Position {
        if target < trackedIndex {
            trackedIndex = 0
            line = 1
            column = 1
        }
        while trackedIndex < target {
            let byte = bytes[trackedIndex]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            trackedIndex += 1
        }
        return Position(offset: target, line: line, column: column)
    }

    private mutating func range(_ lower: Int, _ upper: Int) -> SourceRange {
        let start = position(lower)
        return SourceRange(start: start, end: position(upper))
    }

    private mutating func failure(_ message: String, _ at: Int, length: Int = 1) -> Failure {
        Failure(message: message, range: range(at, min(at + length, bytes.count)))
    }

    /// The next character, for messages.
    private func describeNext() -> String {
        guard index < bytes.count else { return "end of input" }
        if let (value, _) = UTF8Decoding.decode(bytes, at: index) {
            return "character \(UTF8Decoding.describe(value))"
        }
        return "invalid UTF-8"
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    // MARK: Values

    private mutating func readValue() throws(Failure) -> JSONValue {
        guard index < bytes.count else { throw failure("expected a JSON value but found end of input", index) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""):
            let start = index
            let text = try readString()
            return .string(text, range(start, index))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try readNumber()
        case UInt8(ascii: "t"): return .bool(true, try readWord("true"))
        case UInt8(ascii: "f"): return .bool(false, try readWord("false"))
        case UInt8(ascii: "n"): return .null(try readWord("null"))
        default:
            throw failure("expected a JSON value but found \(describeNext())", index)
        }
    }

    private mutating func enter(_ at: Int) throws(Failure) {
        guard depth < maxDepth else {
            throw failure("nesting is too deep: more than \(maxDepth) levels", at)
        }
        depth += 1
    }

    private mutating func readObject() throws(Failure) -> JSONValue {
        let start = index
        try enter(start)
        let startPosition = position(start)
        index += 1
        var members: [JSONValue.Member] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object(members, SourceRange(start: startPosition, end: position(index)))
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw failure("expected a string key in the object but found \(describeNext())", index)
            }
            let keyStart = index
            let key = try readString()
            let keyRange = range(keyStart, index)
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                let hint =
                    index < bytes.count && bytes[index] == UInt8(ascii: "=") ? " (JSON uses \":\", not \"=\")" : ""
                throw failure("expected \":\" after the key \"\(key)\" but found \(describeNext())\(hint)", index)
            }
            index += 1
            skipSpace()
            let value = try readValue()
            members.append(JSONValue.Member(key: key, keyRange: keyRange, value: value))
            skipSpace()
            guard index < bytes.count else {
                throw failure("unclosed object: expected \",\" or \"}\" but found end of input", start)
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    throw failure("a trailing comma is not allowed in JSON", index)
                }
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(members, SourceRange(start: startPosition, end: position(index)))
            }
            throw failure("expected \",\" or \"}\" in the object but found \(describeNext())", index)
        }
    }

    private mutating func readArray() throws(Failure) -> JSONValue {
        let start = index
        try enter(start)
        let startPosition = position(start)
        index += 1
        var elements: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array(elements, SourceRange(start: startPosition, end: position(index)))
        }
        while true {
            skipSpace()
            elements.append(try readValue())
            skipSpace()
            guard index < bytes.count else {
                throw failure("unclosed array: expected \",\" or \"]\" but found end of input", start)
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    throw failure("a trailing comma is not allowed in JSON", index)
                }
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(elements, SourceRange(start: startPosition, end: position(index)))
            }
            throw failure("expected \",\" or \"]\" in the array but found \(describeNext())", index)
        }
    }

    private mutating func readWord(_ word: StaticString) throws(Failure) -> SourceRange {
        let start = index
        let length = word.utf8CodeUnitCount
        let matches = word.withUTF8Buffer { expected in
            guard start + length <= bytes.count else { return false }
            for offset in 0..<length where bytes[start + offset] != expected[offset] { return false }
            return true
        }
        guard matches else { throw failure("expected a JSON value but found \(describeNext())", start) }
        index += length
        return range(start, index)
    }

    /// `-? (0 | [1-9][0-9]*) ("." [0-9]+)? ([eE] [+-]? [0-9]+)?`, kept as text.
    private mutating func readNumber() throws(Failure) -> JSONValue {
        let start = index
        func isDigit(_ at: Int) -> Bool { at < bytes.count && bytes[at] >= 0x30 && bytes[at] <= 0x39 }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { throw failure("invalid number: a digit must follow \"-\"", start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if isDigit(index) { throw failure("invalid number: leading zeros are not allowed", start) }
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { throw failure("invalid number: a digit must follow \".\"", start) }
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard isDigit(index) else { throw failure("invalid number: the exponent needs digits", start) }
            while isDigit(index) { index += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        return .number(text, range(start, index))
    }

    /// A string from its opening quote; `index` ends after the closing quote.
    private mutating func readString() throws(Failure) -> String {
        let start = index
        index += 1
        let contentStart = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[contentStart..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            try checkCharacter(byte)
        }
        var output = Array(UnsafeBufferPointer(rebasing: bytes[contentStart..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: output, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                try readEscape(into: &output)
                continue
            }
            let before = index
            try checkCharacter(byte)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[before..<index]))
        }
        throw failure("unterminated string", start)
    }

    /// Checks the character at `index` (whose first byte is `byte`) and steps over it.
    private mutating func checkCharacter(_ byte: UInt8) throws(Failure) {
        if byte < 0x20 {
            let what =
                byte == 0x0A
                ? "a line break"
                : "control character U+00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            throw failure("\(what) must be escaped in a JSON string", index)
        }
        if byte < 0x80 {
            index += 1
            return
        }
        guard let (_, length) = UTF8Decoding.decode(bytes, at: index) else {
            throw failure("invalid UTF-8", index)
        }
        index += length
    }

    /// A backslash escape at `index`, appended decoded.
    private mutating func readEscape(into output: inout [UInt8]) throws(Failure) {
        let start = index
        guard index + 1 < bytes.count else { throw failure("unterminated string", start) }
        let letter = bytes[index + 1]
        index += 2
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(letter)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var value = try readHex(escapeStart: start)
            if (0xD800...0xDBFF).contains(value) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw failure("unpaired surrogate in a \\u escape", start, length: 6) }
                index += 2
                let low = try readHex(escapeStart: index - 2)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw failure("unpaired surrogate in a \\u escape", start, length: 6)
                }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw failure("unpaired surrogate in a \\u escape", start, length: 6)
            }
            output.append(contentsOf: String(Character(scalar)).utf8)
        default:
            throw failure("invalid escape in a JSON string", start, length: 2)
        }
    }

    private mutating func readHex(escapeStart: Int) throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw failure("\\u takes 4 hexadecimal digits", escapeStart, length: 2) }
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
            default: throw failure("\\u takes 4 hexadecimal digits", escapeStart, length: 2)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    // MARK: Strings as templates

    /// The decoded content of the (valid) JSON string whose quotes span `range` in `bytes`,
    /// and the source position of each decoded byte (and of the end), so that a template
    /// parsed from the decoded text reports positions in the file.
    static func decodeWithPositions(_ bytes: [UInt8], range: SourceRange) -> (decoded: [UInt8], table: [Position]) {
        var decoded: [UInt8] = []
        var table: [Position] = []
        var offset = range.start.offset + 1
        var column = range.start.column + 1
        let line = range.start.line
        let end = max(offset, range.end.offset - 1)
        decoded.reserveCapacity(end - offset)
        table.reserveCapacity(end - offset + 1)
        func emit(_ piece: [UInt8], at position: Position) {
            for _ in piece { table.append(position) }
            decoded.append(contentsOf: piece)
        }
        while offset < end {
            let position = Position(offset: offset, line: line, column: column)
            let byte = bytes[offset]
            if byte != UInt8(ascii: "\\") {
                var length = 1
                if byte >= 0x80 {
                    length = 2
                    if byte >= 0xE0 { length = 3 }
                    if byte >= 0xF0 { length = 4 }
                }
                length = min(length, end - offset)
                for step in 0..<length {
                    table.append(Position(offset: offset + step, line: line, column: column))
                }
                decoded.append(contentsOf: bytes[offset..<(offset + length)])
                offset += length
                column += 1
                continue
            }
            // An escape: every decoded byte maps to the backslash.
            let letter = offset + 1 < end ? bytes[offset + 1] : 0
            var length = 2
            var piece: [UInt8]
            switch letter {
            case UInt8(ascii: "b"): piece = [0x08]
            case UInt8(ascii: "f"): piece = [0x0C]
            case UInt8(ascii: "n"): piece = [0x0A]
            case UInt8(ascii: "r"): piece = [0x0D]
            case UInt8(ascii: "t"): piece = [0x09]
            case UInt8(ascii: "u"):
                var value = hex(bytes, offset + 2, end)
                length = 6
                if (0xD800...0xDBFF).contains(value), offset + 12 <= end {
                    let low = hex(bytes, offset + 8, end)
                    value = 0x10000 + ((value - 0xD800) << 10) + (low &- 0xDC00)
                    length = 12
                }
                piece = Unicode.Scalar(value).map { Array(String(Character($0)).utf8) } ?? []
            default: piece = [letter]
            }
            emit(piece, at: position)
            offset += length
            column += length
        }
        table.append(Position(offset: offset, line: line, column: column))
        return (decoded, table)
    }

    private static func hex(_ bytes: [UInt8], _ start: Int, _ end: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in start..<min(start + 4, end) {
            let byte = bytes[offset]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
            default: digit = 0
            }
            value = value << 4 | digit
        }
        return value
    }
}
