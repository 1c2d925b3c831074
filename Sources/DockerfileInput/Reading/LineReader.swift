import PolicyModel

/// Reads a Dockerfile's physical lines into instructions the way BuildKit's parser does: parser
/// directives at the top, comment and blank lines skipped, lines ending in the escape character
/// continued, and heredoc bodies read on request.
///
/// Lines end at `\n`, and a `\r` before it is not part of the line, so CRLF files read the same as
/// LF files. A byte-order mark at the start is skipped and not counted in columns. Every step looks
/// at each scalar a bounded number of times, so the work is linear in the size of the text.
struct LineReader {
    /// A parser directive as written.
    struct Directive {
        /// The name, lower-cased: `syntax`, `escape` or `check`.
        var name: String
        var value: String
        /// Where the value is written.
        var span: Span
    }

    /// A heredoc body read up to its delimiter line.
    struct HeredocBody {
        /// The body lines, each ending in `\n`; for `<<-`, without their leading tabs.
        var text: String
        /// From the first body line to the end of the last; a point at the line after the
        /// instruction when the body is empty.
        var span: Span
        /// Whether the delimiter line was found before the end of the file.
        var terminated: Bool
    }

    private let scalars: [Unicode.Scalar]
    /// The scalars of each line, without its line break.
    private let lines: [Range<Int>]
    /// The index in `lines` of the next line to read.
    private var next = 0
    private var directivesDone = false
    /// The escape character: `\` unless an `escape` directive says `` ` ``.
    private(set) var escape: Unicode.Scalar = "\\"
    private(set) var directives: [Directive] = []
    /// Problems with the directives, located by line and column.
    private(set) var problems: [(message: String, span: Span)] = []

    init(_ text: String) {
        let scalars = text.scalarArray
        var lines: [Range<Int>] = []
        var start = scalars.first == "\u{FEFF}" ? 1 : 0
        var index = start
        while index < scalars.count {
            if scalars[index] == "\n" {
                let end = index > start && scalars[index - 1] == "\r" ? index - 1 : index
                lines.append(start..<end)
                start = index + 1
            }
            index += 1
        }
        if start < scalars.count {
            let end = scalars[scalars.count - 1] == "\r" ? scalars.count - 1 : scalars.count
            lines.append(start..<max(start, end))
        }
        self.scalars = scalars
        self.lines = lines
    }

    /// How many lines the text has.
    var lineCount: Int { lines.count }

    /// The column just after the last scalar of `line` (1-based).
    func endColumn(ofLine line: Int) -> Int {
        guard line >= 1, line <= lines.count else { return 1 }
        return lines[line - 1].count + 1
    }

    /// The next instruction's text, or `nil` at the end of the file.
    mutating func nextInstruction() -> LogicalLine? {
        while next < lines.count {
            let number = next + 1
            let range = lines[next]
            next += 1
            let start = firstNonBlank(in: range)
            if !directivesDone { readDirective(start..<range.upperBound, line: number, lineStart: range.lowerBound) }
            if start == range.upperBound || scalars[start] == "#" { continue }
            var line = LogicalLine(firstLine: number)
            var (end, continued) = trimmingContinuation(start..<range.upperBound)
            line.append(scalars[start..<end], line: number, column: start - range.lowerBound + 1)
            line.lastLineEndColumn = range.count + 1
            while continued && next < lines.count {
                let continuation = lines[next]
                let continuationNumber = next + 1
                next += 1
                let first = firstNonBlank(in: continuation)
                // Comment lines and blank lines inside an instruction are left out; the
                // instruction goes on after them.
                if first == continuation.upperBound || scalars[first] == "#" { continue }
                (end, continued) = trimmingContinuation(continuation)
                line.append(scalars[continuation.lowerBound..<end], line: continuationNumber, column: 1)
                line.lastLine = continuationNumber
                line.lastLineEndColumn = continuation.count + 1
            }
            return line
        }
        return nil
    }

    /// Reads a heredoc body from the next line up to the line that is exactly `delimiter` (after
    /// its leading tabs when `stripTabs`, as `<<-` asks).
    mutating func readHeredoc(delimiter: String, stripTabs: Bool) -> HeredocBody {
        let pattern = delimiter.scalarArray
        var body: [Unicode.Scalar] = []
        let firstLine = next + 1
        var lastBodyLine = 0
        var lastBodyEnd = 1
        var terminated = false
        while next < lines.count {
            let range = lines[next]
            next += 1
            var start = range.lowerBound
            if stripTabs {
                while start < range.upperBound && scalars[start] == "\t" { start += 1 }
            }
            if scalars[start..<range.upperBound].elementsEqual(pattern) {
                terminated = true
                break
            }
            body.append(contentsOf: scalars[start..<range.upperBound])
            body.append("\n")
            lastBodyLine = next
            lastBodyEnd = range.count + 1
        }
        let span =
            lastBodyLine == 0
            ? Span(line: firstLine, column: 1)
            : Span(line: firstLine, column: 1, endLine: lastBodyLine, endColumn: lastBodyEnd)
        return HeredocBody(text: String(scalars: body[...]), span: span, terminated: terminated)
    }

    /// The line number of the last line read so far.
    var lastLineRead: Int { next }

    /// The first scalar of `range` that is not a space or tab (or the end).
    private func firstNonBlank(in range: Range<Int>) -> Int {
        var index = range.lowerBound
        while index < range.upperBound && isBlank(scalars[index]) { index += 1 }
        return index
    }

    /// `range` without an escape character (and the blanks after it) at its end, and whether there
    /// was one: a line that ends so goes on on the next line.
    private func trimmingContinuation(_ range: Range<Int>) -> (end: Int, continued: Bool) {
        var index = range.upperBound
        while index > range.lowerBound && (scalars[index - 1] == " " || scalars[index - 1] == "\t") { index -= 1 }
        if index > range.lowerBound && scalars[index - 1] == escape { return (index - 1, true) }
        return (range.upperBound, false)
    }

    /// Reads `# name=value` as a parser directive while directives may still come: only before the
    /// first instruction, blank line or other comment. A directive with an unknown name is a comment
    /// and ends the directives, as the Dockerfile reference says.
    private mutating func readDirective(_ range: Range<Int>, line: Int, lineStart: Int) {
        guard let (name, value) = directiveParts(range) else {
            directivesDone = true
            return
        }
        let key = String(scalars: scalars[name]).lowercased()
        guard key == "syntax" || key == "escape" || key == "check" else {
            directivesDone = true
            return
        }
        let text = String(scalars: scalars[value])
        let span = Span(
            line: line, column: value.lowerBound - lineStart + 1, endColumn: value.upperBound - lineStart + 1)
        if directives.contains(where: { $0.name == key }) {
            problems.append(("parser directive \"\(key)\" is given more than once; the first one is used", span))
            return
        }
        if key == "escape" {
            guard text == "\\" || text == "`" else {
                problems.append(("escape character \"\(text)\" is not \\ or `; \\ is used", span))
                return
            }
            escape = text == "`" ? "`" : "\\"
        }
        directives.append(Directive(name: key, value: text, span: span))
    }

    /// The name and value of `#[ \t]*name[ \t]*=[ \t]*value[ \t]*`, with a name of a letter then
    /// letters or digits and a value that is not empty.
    private func directiveParts(_ range: Range<Int>) -> (name: Range<Int>, value: Range<Int>)? {
        var index = range.lowerBound
        guard index < range.upperBound, scalars[index] == "#" else { return nil }
        index += 1
        func skipBlanks() {
            while index < range.upperBound && (scalars[index] == " " || scalars[index] == "\t") { index += 1 }
        }
        skipBlanks()
        let nameStart = index
        guard index < range.upperBound, scalars[index].isASCIILetter else { return nil }
        while index < range.upperBound && (scalars[index].isASCIILetter || scalars[index].isASCIIDigit) { index += 1 }
        let name = nameStart..<index
        skipBlanks()
        guard index < range.upperBound, scalars[index] == "=" else { return nil }
        index += 1
        skipBlanks()
        var end = range.upperBound
        while end > index && (scalars[end - 1] == " " || scalars[end - 1] == "\t") { end -= 1 }
        guard end > index else { return nil }
        return (name, index..<end)
    }
}

/// Whether `scalar` separates words the way Go's `unicode.IsSpace` does.
func isBlank(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case " ", "\t", "\r", "\n", "\u{0B}", "\u{0C}": return true
    default: return scalar.value >= 0x80 && scalar.properties.isWhitespace
    }
}

extension Unicode.Scalar {
    /// `A`–`Z` or `a`–`z`.
    var isASCIILetter: Bool { (value >= 65 && value <= 90) || (value >= 97 && value <= 122) }
    /// `0`–`9`.
    var isASCIIDigit: Bool { value >= 48 && value <= 57 }
}
