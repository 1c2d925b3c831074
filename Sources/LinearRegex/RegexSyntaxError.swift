/// A pattern that RE2 syntax does not allow, or that exceeds a size limit.
/// `offset` is a byte offset into the pattern's UTF-8.
public struct RegexSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var pattern: String
    public var offset: Int
    public var reason: String

    public init(pattern: String, offset: Int, reason: String) {
        self.pattern = pattern
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "offset \(offset): \(reason)" }

    /// The pattern with a caret under the offending position, for terminal output.
    /// The caret's column counts scalars up to the byte offset (tabs kept as tabs).
    public var caretExcerpt: String {
        let bytes = Array(pattern.utf8)
        let cut = min(max(offset, 0), bytes.count)
        let prefix = String(decoding: bytes[..<cut], as: UTF8.self)
        var padding = ""
        for scalar in prefix.unicodeScalars { padding.append(scalar == "\t" ? "\t" : " ") }
        let printable = pattern.unicodeScalars.map { $0 == "\n" ? " " : String($0) }.joined()
        return printable + "\n" + padding + "^"
    }
}
