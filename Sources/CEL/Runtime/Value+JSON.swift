/// A JSON text that could not be read: what is wrong and where.
public struct JSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// 1-based line and column; columns count Unicode scalars, as `CompileError`'s do.
    public var line: Int
    public var column: Int
    /// Offset in bytes from the start of the UTF-8 text.
    public var offset: Int

    public init(message: String, line: Int, column: Int, offset: Int) {
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `line:column: message`.
    public var description: String { "\(line):\(column): \(message)" }
}

/// Reading JSON (RFC 8259) into the JSON-derived document model that policies see:
///
/// - an object becomes a `.map` with string keys, in document order; a key that appears twice
///   is an error (readers disagree on which copy wins, and a policy must see what was meant);
/// - an array becomes a `.list`;
/// - a number without fraction or exponent becomes an `.int`; one that does not fit in Int64
///   becomes the nearest `.double`, as it would in any JSON reader built on doubles; every
///   other number is a `.double`, and one too large for a double is an error;
/// - strings decode every JSON escape, surrogate pairs included; a lone surrogate, an
///   unescaped control character or invalid UTF-8 is an error;
/// - `true`, `false` and `null` become `.bool` and `.null`.
///
/// The reader is strict: no comments, trailing commas, single quotes, `NaN` or leading zeros.
/// A UTF-8 byte-order mark at the very start is skipped. Nesting deeper than `maxNesting`
/// arrays and objects is an error; the reader keeps its own stack, so no input can overflow
/// the thread's stack.
extension Value {
    /// The default nesting limit for `init(json:)`.
    public static let defaultJSONNesting = 512

    /// Reads one JSON document.
    public init(json text: String, maxNesting: Int = Value.defaultJSONNesting) throws(JSONError) {
        var text = text
        let result: Result<Value, JSONError> = text.withUTF8 { bytes in
            var reader = JSONReader(bytes, maxNesting: maxNesting)
            do throws(JSONError) { return .success(try reader.readDocument()) } catch { return .failure(error) }
        }
        self = try result.get()
    }

    /// Reads one JSON document from UTF-8 bytes.
    public init(json bytes: [UInt8], maxNesting: Int = Value.defaultJSONNesting) throws(JSONError) {
        let result: Result<Value, JSONError> = bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(buffer, maxNesting: maxNesting)
            do throws(JSONError) { return .success(try reader.readDocument()) } catch { return .failure(error) }
        }
        self = try result.get()
    }

    /// Reads one JSON document from UTF-8 bytes in memory (a mapped file, for instance).
    public init(json bytes: UnsafeBufferPointer<UInt8>, maxNesting: Int = Value.defaultJSONNesting)
        throws(JSONError)
    {
        var reader = JSONReader(bytes, maxNesting: maxNesting)
        self = try reader.readDocument()
    }
}

/// The reader behind `Value(json:)`. Containers being filled live on an explicit stack.
private struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxNesting: Int
    private var position = 0

    /// An array or object that is still open.
    private struct Frame {
        var isObject: Bool
        var elements: [Value] = []
        /// An object's entries so far; the map is built once the object closes, in one go.
        var entries: [(MapKey, Value)] = []
        /// Where each key starts, for a duplicate-key error.
        var keyOffsets: [Int] = []
        /// The key whose value is being read.
        var key = ""
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>, maxNesting: Int) {
        self.bytes = bytes
        self.maxNesting = maxNesting
    }

    // MARK: Errors

    private func error(_ message: String, at offset: Int? = nil) -> JSONError {
        let offset = min(offset ?? position, bytes.count)
        var line = 1
        var column = 1
        for index in 0..<offset {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Count each scalar once: continuation bytes do not start one.
                column += 1
            }
        }
        return JSONError(message: message, line: line, column: column, offset: offset)
    }

    /// What stands at the current position, for messages.
    private func found() -> String {
        guard position < bytes.count else { return "end of input" }
        let byte = bytes[position]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        if byte < 0x80 { return "control character U+\(Self.hex(UInt32(byte), width: 4))" }
        if case .scalar(let scalar, _) = decodeScalar(at: position) {
            return "'\(Character(scalar))' (U+\(Self.hex(scalar.value, width: 4)))"
        }
        return "invalid UTF-8 byte 0x\(Self.hex(UInt32(byte), width: 2))"
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    // MARK: Structure

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    mutating func readDocument() throws(JSONError) -> Value {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { position = 3 }
        let value = try readValue()
        skipWhitespace()
        guard position == bytes.count else { throw error("unexpected \(found()) after the JSON value") }
        return value
    }

    /// Reads a whole value, nested containers included, without recursion.
    private mutating func readValue() throws(JSONError) -> Value {
        var stack: [Frame] = []
        while true {
            // Read the start of a value: a scalar, an empty container, or the opening of a
            // container whose first element comes next.
            skipWhitespace()
            var value: Value
            guard position < bytes.count else { throw error("expected a value, found end of input") }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                try open(&stack)
                skipWhitespace()
                if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    stack.removeLast()
                    value = .map(MapValue())
                } else {
                    try readKey(into: &stack[stack.count - 1])
                    continue
                }
            case UInt8(ascii: "["):
                try open(&stack)
                stack[stack.count - 1].isObject = false
                skipWhitespace()
                if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    stack.removeLast()
                    value = .list([])
                } else {
                    continue
                }
            case UInt8(ascii: "\""):
                value = .string(try readString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = try readNumber()
            default:
                value = try readWord()
            }

            // Hand the finished value to the innermost open container; close containers
            // whose last element it was.
            while true {
                guard !stack.isEmpty else { return value }
                let top = stack.count - 1
                if stack[top].isObject {
                    stack[top].entries.append((.string(stack[top].key), value))
                } else {
                    stack[top].elements.append(value)
                }
                skipWhitespace()
                let closing = stack[top].isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard position < bytes.count else {
                    throw error("expected ',' or '\(Character(Unicode.Scalar(closing)))', found end of input")
                }
                let byte = bytes[position]
                if byte == UInt8(ascii: ",") {
                    position += 1
                    if stack[top].isObject {
                        skipWhitespace()
                        try readKey(into: &stack[top])
                    }
                    break
                }
                guard byte == closing else {
                    throw error("expected ',' or '\(Character(Unicode.Scalar(closing)))', found \(found())")
                }
                position += 1
                let frame = stack.removeLast()
                value = frame.isObject ? .map(try map(frame)) : .list(frame.elements)
            }
        }
    }

    /// Consumes `{` or `[` and opens a frame (an object until told otherwise).
    private mutating func open(_ stack: inout [Frame]) throws(JSONError) {
        guard stack.count < maxNesting else {
            throw error("arrays and objects nest more than \(maxNesting) levels deep")
        }
        position += 1
        stack.append(Frame(isObject: true))
    }

    /// The map of a closed object; a key that appears twice is an error at its second place.
    private func map(_ frame: Frame) throws(JSONError) -> MapValue {
        if let map = MapValue(entries: frame.entries) { return map }
        var seen: Set<MapKey> = []
        for (index, (key, _)) in frame.entries.enumerated() where !seen.insert(key).inserted {
            if case .string(let name) = key { throw error("duplicate key \"\(name)\"", at: frame.keyOffsets[index]) }
        }
        return MapValue()
    }

    /// Reads `"key" :` into the frame.
    private mutating func readKey(into frame: inout Frame) throws(JSONError) {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw error("expected a string key, found \(found())")
        }
        frame.keyOffsets.append(position)
        frame.key = try readString()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            throw error("expected ':' after the key, found \(found())")
        }
        position += 1
    }

    // MARK: Scalars

    /// `true`, `false`, `null`, or a helpful error for any other bare word.
    private mutating func readWord() throws(JSONError) -> Value {
        let start = position
        while position < bytes.count, Self.isWordByte(bytes[position]) { position += 1 }
        guard position > start else { throw error("expected a value, found \(found())") }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default:
            throw error("unexpected word '\(word)' (a JSON string is written in double quotes)", at: start)
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    private func isDigit(_ index: Int) -> Bool {
        index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")
    }

    private mutating func readNumber() throws(JSONError) -> Value {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard isDigit(position) else { throw error("expected a digit after '-', found \(found())") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if isDigit(position) { throw error("a number may not have leading zeros", at: start) }
        } else {
            while isDigit(position) { position += 1 }
        }
        var isInteger = true
        if position < bytes.count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard isDigit(position) else { throw error("expected a digit after '.', found \(found())") }
            while isDigit(position) { position += 1 }
            isInteger = false
        }
        if position < bytes.count && (bytes[position] | 0x20) == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-"))
            {
                position += 1
            }
            guard isDigit(position) else { throw error("expected a digit in the exponent, found \(found())") }
            while isDigit(position) { position += 1 }
            isInteger = false
        }
        let text = UnsafeBufferPointer(rebasing: bytes[start..<position])
        if isInteger, let integer = Self.int64(text) { return .int(integer) }
        // Swift's Double(String) is correctly rounded; it gives infinity for huge values.
        guard let double = Double(String(decoding: text, as: UTF8.self)), double.isFinite else {
            throw error("number is too large for a double", at: start)
        }
        return .double(double)
    }

    /// The value of an optionally negative run of digits, `nil` when it does not fit in Int64.
    private static func int64(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        let negative = text[0] == UInt8(ascii: "-")
        // Accumulate downwards: Int64.min has no positive counterpart.
        var value: Int64 = 0
        for byte in text[(negative ? 1 : 0)...] {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times10.subtractingReportingOverflow(Int64(byte &- UInt8(ascii: "0")))
            if overflow1 || overflow2 { return nil }
            value = next
        }
        if negative { return value }
        return value == Int64.min ? nil : -value
    }

    private mutating func readString() throws(JSONError) -> String {
        let quote = position
        position += 1
        var segmentStart = position
        var decoded: String?
        while true {
            guard position < bytes.count else { throw error("unterminated string", at: quote) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let segment = String(
                    decoding: UnsafeBufferPointer(rebasing: bytes[segmentStart..<position]), as: UTF8.self)
                position += 1
                guard var text = decoded else { return segment }
                text += segment
                return text
            }
            if byte == UInt8(ascii: "\\") {
                var text = decoded ?? ""
                text += String(decoding: UnsafeBufferPointer(rebasing: bytes[segmentStart..<position]), as: UTF8.self)
                text.unicodeScalars.append(try readEscape())
                decoded = text
                segmentStart = position
                continue
            }
            if byte < 0x20 {
                throw error("\(found()) must be escaped in a string")
            }
            if byte < 0x80 {
                position += 1
                continue
            }
            switch decodeScalar(at: position) {
            case .scalar(_, let length): position += length
            case .invalid: throw error("invalid UTF-8 in a string")
            }
        }
    }

    /// Reads the escape at the backslash.
    private mutating func readEscape() throws(JSONError) -> Unicode.Scalar {
        let start = position
        position += 1
        guard position < bytes.count else { throw error("unterminated string") }
        let letter = bytes[position]
        position += 1
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try readHex4(escapeStart: start)
            switch unit {
            case 0xD800...0xDBFF:
                // A high surrogate must be followed by an escaped low surrogate.
                let lowStart = position
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw error("unpaired surrogate \\u\(Self.hex(unit, width: 4))", at: start) }
                position += 2
                let low = try readHex4(escapeStart: lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error("unpaired surrogate \\u\(Self.hex(unit, width: 4))", at: start)
                }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
            case 0xDC00...0xDFFF:
                throw error("unpaired surrogate \\u\(Self.hex(unit, width: 4))", at: start)
            default:
                return Unicode.Scalar(unit)!
            }
        default:
            let shown = letter >= 0x20 && letter < 0x7F ? "'\\\(Character(Unicode.Scalar(letter)))'" : "'\\'"
            throw error("invalid escape \(shown) in a string", at: start)
        }
    }

    private mutating func readHex4(escapeStart: Int) throws(JSONError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard position < bytes.count else { throw error("\\u needs four hex digits", at: escapeStart) }
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("\\u needs four hex digits", at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private enum Decoded {
        case scalar(Unicode.Scalar, length: Int)
        case invalid
    }

    /// Decodes the multi-byte UTF-8 sequence at `index`, rejecting overlong forms, surrogates
    /// and values beyond U+10FFFF.
    private func decodeScalar(at index: Int) -> Decoded {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF:
            length = 2
            value = UInt32(lead & 0x1F)
        case 0xE0...0xEF:
            length = 3
            value = UInt32(lead & 0x0F)
        case 0xF0...0xF4:
            length = 4
            value = UInt32(lead & 0x07)
        default:
            return .invalid
        }
        guard index + length <= bytes.count else { return .invalid }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return .invalid }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        switch length {
        case 3 where value < 0x800 || (0xD800...0xDFFF).contains(value): return .invalid
        case 4 where value < 0x10000 || value > 0x10FFFF: return .invalid
        default: break
        }
        guard let scalar = Unicode.Scalar(value) else { return .invalid }
        return .scalar(scalar, length: length)
    }
}
