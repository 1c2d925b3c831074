import PolicyModel

/// Checks made on the raw input before the YAML parser sees it.
extension YAMLLoader {
    static func screen(_ text: String, file: String, limits: Limits) -> ParseError? {
        let utf8 = text.utf8
        if let problem = checkSize(utf8.count, file: file, limits: limits) { return problem }
        let bytes = Array(utf8)
        return bytes.withUnsafeBufferPointer { findNUL($0, file: file) }
    }

    static func screen(bytes: [UInt8], file: String, limits: Limits) -> ParseError? {
        if let problem = checkSize(bytes.count, file: file, limits: limits) { return problem }
        return bytes.withUnsafeBufferPointer { buffer in
            if let problem = findNUL(buffer, file: file) { return problem }
            guard let offset = firstInvalidUTF8(buffer) else { return nil }
            return ParseError("invalid UTF-8", at: location(ofOffset: offset, in: buffer, file: file))
        }
    }

    private static func checkSize(_ count: Int, file: String, limits: Limits) -> ParseError? {
        guard count > limits.maxBytes else { return nil }
        return ParseError(
            "the file is larger than the \(limits.maxBytes) bytes a YAML input may have",
            at: Location(file: file, line: 1, column: 1))
    }

    private static func findNUL(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> ParseError? {
        guard let offset = bytes.firstIndex(of: 0) else { return nil }
        return ParseError("binary file", at: location(ofOffset: offset, in: bytes, file: file))
    }

    /// Line and column (in Unicode scalars, as Yams counts) of the byte at `offset`.
    static func location(ofOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String) -> Location {
        var line = 1
        var column = 1
        for byte in bytes[..<min(offset, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return Location(file: file, line: line, column: column)
    }

    /// Where the first byte sequence that is not well-formed UTF-8 starts (overlong forms,
    /// surrogates and code points past U+10FFFF included).
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var second: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                second = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                second = 0x80...0x9F
            case 0xF0:
                length = 4
                second = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                second = 0x80...0x8F
            default: return index
            }
            guard index + length <= count, second.contains(bytes[index + 1]) else { return index }
            for continuation in bytes[(index + 2)..<(index + length)] where continuation & 0xC0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }
}
