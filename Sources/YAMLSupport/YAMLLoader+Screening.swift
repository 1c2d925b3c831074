import PolicyModel

/// Checks made on the raw input before the YAML parser sees it.
extension YAMLLoader {
    static func screen(_ text: String, file: String, limits: Limits) -> ParseError? {
        let utf8 = text.utf8
        if let problem = checkSize(utf8.count, file: file, limits: limits) { return problem }
        let bytes = Array(utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            findNUL(buffer, file: file) ?? findComplexKey(buffer, file: file)
        }
    }

    private static func findComplexKey(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> ParseError? {
        guard let offset = complexKeyBesideAliases(bytes) else { return nil }
        return ParseError(
            "a mapping key that is a collection or an alias is not accepted in a stream that uses aliases",
            at: location(ofOffset: offset, in: bytes, file: file))
    }

    static func screen(bytes: [UInt8], file: String, limits: Limits) -> ParseError? {
        if let problem = checkSize(bytes.count, file: file, limits: limits) { return problem }
        return bytes.withUnsafeBufferPointer { buffer in
            if let problem = findNUL(buffer, file: file) { return problem }
            if let offset = firstInvalidUTF8(buffer) {
                return ParseError("invalid UTF-8", at: location(ofOffset: offset, in: buffer, file: file))
            }
            return findComplexKey(buffer, file: file)
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

extension YAMLLoader {
    /// Where a stream that uses aliases also has a mapping key that is a collection or an alias,
    /// or `nil`. Whatever compares such keys whole (to find duplicates, to print or hash them)
    /// walks shared subtrees once per use, so an alias bomb in a key would take exponential time
    /// before any of our limits could step in. The scan is textual and cautious: `? ` opening a line (after indentation or `- `),
    /// `*alias :`, and `]`/`}` followed by `: ` count as such keys; any `*name` after a space,
    /// `[`, `{`, `,` or a line start counts as an alias. Both are rare in configuration files.
    static func complexKeyBesideAliases(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var firstComplexKey: Int?
        var sawAlias = false
        var lineStart = true
        var index = 0
        let count = bytes.count
        func isSpace(_ offset: Int) -> Bool {
            offset >= count || bytes[offset] == 0x20 || bytes[offset] == 0x0A || bytes[offset] == 0x0D
                || bytes[offset] == 0x09
        }
        func isAnchorCharacter(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F
        }
        /// After optional blanks, a `:` that ends a key.
        func keyColonFollows(_ offset: Int) -> Bool {
            var next = offset
            while next < count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
            return next < count && bytes[next] == UInt8(ascii: ":") && isSpace(next + 1)
        }
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                lineStart = true
            case 0x20, 0x09,
                UInt8(ascii: "-") where lineStart:
                break
            case UInt8(ascii: "?") where lineStart && isSpace(index + 1):
                firstComplexKey = firstComplexKey ?? index
                lineStart = false
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if keyColonFollows(index + 1) { firstComplexKey = firstComplexKey ?? index }
                lineStart = false
            case UInt8(ascii: "*"):
                let before = index == 0 ? 0x20 : bytes[index - 1]
                if [0x20, 0x09, 0x0A, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ",")].contains(before),
                    index + 1 < count, isAnchorCharacter(bytes[index + 1])
                {
                    sawAlias = true
                    var end = index + 1
                    while end < count, isAnchorCharacter(bytes[end]) { end += 1 }
                    if keyColonFollows(end) { firstComplexKey = firstComplexKey ?? index }
                    index = end
                    lineStart = false
                    continue
                }
                lineStart = false
            default:
                lineStart = false
            }
            if sawAlias, let offset = firstComplexKey { return offset }
            index += 1
        }
        return nil
    }
}
