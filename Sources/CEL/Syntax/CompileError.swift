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
        var line = 1
        var column = 1
        var index = 0
        for scalar in source.unicodeScalars {
            if index == offset { break }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        self.line = line
        self.column = column
    }

    /// The offending line and a caret under the column.
    public var caretExcerpt: String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard line - 1 < lines.count else { return "" }
        let text = lines[line - 1]
        var padding = ""
        for (index, scalar) in text.unicodeScalars.enumerated() where index < column - 1 {
            padding.append(scalar == "\t" ? "\t" : " ")
        }
        return String(text) + "\n" + padding + "^"
    }

    /// `line:column: message`, then the excerpt.
    public var description: String { "\(line):\(column): \(message)\n\(caretExcerpt)" }
}
