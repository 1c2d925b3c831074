/// One problem found while reading a file: where it is, what is wrong, and the line it is on,
/// so that it prints as `path:line:column: error: message` followed by the line and a caret
/// under the column.
public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as the caller named it (may be empty).
    public var path: String
    /// What the error points at; `range.start` is the reported line and column.
    public var range: SourceRange
    /// Lower-case, no final period, offending names in double quotes.
    public var message: String
    /// The text of the line `range.start` is on, without its line break. A very long line is
    /// shortened to the part around the error.
    public var lineText: String
    /// Where the caret goes in `lineText` (1-based, in Unicode scalars): the column, unless the
    /// line was shortened.
    var excerptColumn: Int

    /// An error whose caret goes under `range.start.column` of `lineText`.
    public init(path: String, range: SourceRange, message: String, lineText: String) {
        self.init(path: path, range: range, message: message, lineText: lineText, excerptColumn: range.start.column)
    }

    init(path: String, range: SourceRange, message: String, lineText: String, excerptColumn: Int) {
        self.path = path
        self.range = range
        self.message = message
        self.lineText = lineText
        self.excerptColumn = excerptColumn
    }

    /// 1-based line of the error.
    public var line: Int { range.start.line }
    /// 1-based column of the error, in Unicode scalars.
    public var column: Int { range.start.column }

    /// The offending line and a caret under the column (tabs kept, so the caret lines up).
    public var caretExcerpt: String {
        var padding = ""
        for (index, scalar) in lineText.unicodeScalars.enumerated() where index < excerptColumn - 1 {
            padding.unicodeScalars.append(scalar == "\t" ? "\t" : " ")
        }
        return lineText + "\n" + padding + "^"
    }

    /// `path:line:column: error: message`, without the excerpt.
    public var summary: String {
        let place = path.isEmpty ? "\(line):\(column)" : "\(path):\(line):\(column)"
        return "\(place): error: \(message)"
    }

    /// The summary, then the excerpt.
    public var description: String { summary + "\n" + caretExcerpt }
}
