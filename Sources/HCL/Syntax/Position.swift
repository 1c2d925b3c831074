/// A place in a source file: the byte offset from the start of the file (in UTF-8), and the
/// 1-based line and column. Columns count Unicode scalars, so a tab or an "é" is one column.
///
/// The three numbers are stored in 32 bits each, because every node of a syntax tree holds
/// several positions; inputs are therefore limited to 2 GiB (larger ones are refused with an
/// error, never truncated).
public struct Position: Sendable, Hashable, Comparable, CustomStringConvertible {
    private var storedOffset: Int32
    private var storedLine: Int32
    private var storedColumn: Int32

    /// Bytes from the start of the file.
    public var offset: Int { Int(storedOffset) }
    /// 1-based line number.
    public var line: Int { Int(storedLine) }
    /// 1-based column, in Unicode scalars.
    public var column: Int { Int(storedColumn) }

    /// A position from its byte offset, 1-based line and 1-based column.
    public init(offset: Int, line: Int, column: Int) {
        storedOffset = Int32(truncatingIfNeeded: offset)
        storedLine = Int32(truncatingIfNeeded: line)
        storedColumn = Int32(truncatingIfNeeded: column)
    }

    /// The start of a file.
    public static let start = Position(offset: 0, line: 1, column: 1)

    /// Positions order by their offset.
    public static func < (lhs: Position, rhs: Position) -> Bool { lhs.storedOffset < rhs.storedOffset }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}

/// A stretch of source text: from `start` up to, not including, `end`.
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// The first character.
    public var start: Position
    /// The position just after the last character.
    public var end: Position

    /// The range from `start` up to `end`.
    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }

    /// An empty range at one position.
    public init(at position: Position) {
        self.init(start: position, end: position)
    }

    /// From the start of this range to the end of `other`.
    public func through(_ other: SourceRange) -> SourceRange {
        SourceRange(start: start, end: other.end)
    }

    /// `line:column-line:column`.
    public var description: String { "\(start)-\(end)" }
}
