import PolicyModel

/// One instruction's text as the builder reads it: its physical lines joined, with the escape
/// character that continued each line and the comment and blank lines between them left out.
///
/// Every offset (in Unicode scalars) maps back to the line and column it was written at, so that
/// any word cut out of the joined text can be located in the file.
struct LogicalLine {
    /// A run of the joined text copied from one physical line.
    struct Segment {
        /// Where the run starts in `scalars`.
        var offset: Int
        /// The physical line, 1-based.
        var line: Int
        /// The column of the run's first scalar, 1-based.
        var column: Int
    }

    /// The joined text.
    private(set) var scalars: [Unicode.Scalar] = []
    private(set) var segments: [Segment] = []
    /// The physical line the instruction starts on.
    let firstLine: Int
    /// The last physical line read for the instruction (its last continuation line, or the end of
    /// its last heredoc once those are read).
    var lastLine: Int
    /// The column just after the last scalar of `lastLine`.
    var lastLineEndColumn: Int

    init(firstLine: Int) {
        self.firstLine = firstLine
        self.lastLine = firstLine
        self.lastLineEndColumn = 1
    }

    /// Adds `run`, written on `line` from `column` on.
    mutating func append(_ run: ArraySlice<Unicode.Scalar>, line: Int, column: Int) {
        guard !run.isEmpty else { return }
        segments.append(Segment(offset: scalars.count, line: line, column: column))
        scalars.append(contentsOf: run)
    }

    /// The line and column of the scalar at `offset`; an offset at the end is just after the last
    /// scalar.
    func position(_ offset: Int) -> (line: Int, column: Int) {
        guard !segments.isEmpty else { return (firstLine, 1) }
        // The last segment that starts at or before `offset`.
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].offset <= offset { low = middle } else { high = middle - 1 }
        }
        let segment = segments[low]
        return (segment.line, segment.column + max(0, offset - segment.offset))
    }

    /// The span of the text at `range`: from its first scalar to just after its last; an empty
    /// range is a point.
    func span(_ range: Range<Int>) -> Span {
        let start = position(range.lowerBound)
        guard range.upperBound > range.lowerBound else { return Span(line: start.line, column: start.column) }
        let last = position(range.upperBound - 1)
        return Span(line: start.line, column: start.column, endLine: last.line, endColumn: last.column + 1)
    }

    /// The text at `range`.
    func text(_ range: Range<Int>) -> String {
        String(scalars: scalars[range])
    }

    /// Whether `needle` (ASCII) occurs in the joined text.
    func contains(_ needle: String) -> Bool {
        let pattern = needle.scalarArray
        guard let first = pattern.first, scalars.count >= pattern.count else { return false }
        var index = 0
        while index + pattern.count <= scalars.count {
            if scalars[index] == first && scalars[index..<(index + pattern.count)].elementsEqual(pattern) {
                return true
            }
            index += 1
        }
        return false
    }
}
