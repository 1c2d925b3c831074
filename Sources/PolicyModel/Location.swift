/// Where something is in an input file: 1-based line and column (columns count Unicode scalars,
/// as Yams does), optionally to an end position. Paths are relative to the scanned root.
public struct Location: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var endLine: Int?
    public var endColumn: Int?

    public init(file: String, line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
    }

    /// `path:line:column`, the form editors make clickable.
    public var description: String { "\(file):\(line):\(column)" }

    /// Ordered by file, then line, then column: the order findings are reported in.
    public static func < (lhs: Location, rhs: Location) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}
