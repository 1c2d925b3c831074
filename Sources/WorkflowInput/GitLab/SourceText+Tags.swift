import PolicyModel

extension SourceText {
    /// Whether the value whose node starts at `span` is written with the application tag `tag`
    /// (`!reference`). The located tree keeps no tags, so the source is read: a tagged node's
    /// position is that of its tag.
    func isTagged(_ tag: String, at span: Span) -> Bool {
        let start = offset(line: Int(span.line), column: Int(span.column))
        guard start < bytes.count else { return false }
        return bytes[start...].starts(with: tag.utf8)
    }

    /// The text of a plain (unquoted) scalar that starts at `span`, as written: up to the end of
    /// the line, a comment, or a flow collection's `,`, `]` or `}`. Numbers and booleans lose
    /// their spelling when typed (`3.10` is `3.1`); this gives it back. `nil` when the source
    /// there is quoted or empty.
    func plainScalar(at span: Span) -> String? {
        let start = offset(line: Int(span.line), column: Int(span.column))
        guard start < bytes.count, bytes[start] != UInt8(ascii: "'"), bytes[start] != UInt8(ascii: "\"") else {
            return nil
        }
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: ",")
                || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
            {
                break
            }
            if byte == UInt8(ascii: "#"), end > start, bytes[end - 1] == UInt8(ascii: " ") { break }
            end += 1
        }
        let text = String(decoding: bytes[start..<end], as: UTF8.self).trimmingSpaces
        return text.isEmpty ? nil : text
    }
}
