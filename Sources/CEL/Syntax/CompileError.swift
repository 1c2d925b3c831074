/// An expression that does not parse or does not check: the message and where, with the source
/// line and a caret under the column when printed.
public struct CompileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// 1-based line and column (columns count Unicode scalars).
    public var line: Int
    public var column: Int
    /// Offset in Unicode scalars from the start of the expression.
    public var offset: Int
    public var source: String

    /// An error found while reading, before line and column are worked out.
    struct Located: Error {
        var message: String
        var offset: Int
    }

    init(_ located: Located, source: String) {
        self.init(message: located.message, offset: located.offset, source: source)
    }

    init(message: String, offset: Int, source: String) {
        self.message = message
        self.offset = offset
        self.source = source
        let position = SourcePosition(source: source, offset: offset)
        line = position.line
        column = position.column
    }

    /// The offending line and a caret under the column.
    public var caretExcerpt: String { SourcePosition(source: source, offset: offset).caretExcerpt }

    /// `line:column: message`, then the excerpt.
    public var description: String { "\(line):\(column): \(message)\n\(caretExcerpt)" }
}
