/// Finds where a character of a YAML scalar's value is written in the file, so that an error
/// inside an embedded expression points at the policy file's own line and column.
///
/// The scalar's style is read from the character at its start: a quote, a block indicator
/// (`|`, `>`) or anything else for a plain scalar. The walk then replays how YAML turns the
/// written text into the value:
/// - quoted scalars skip their opening quote and count an escape (`\n`, `\x41`, `\u00e9`, `''`)
///   as the one character it stands for;
/// - a line break inside a flow scalar or a folded block (`>`) folds into one space, and a run of
///   breaks with blank lines between into one newline per blank line; the indentation of
///   continuation lines and the spaces before a break are not part of the value;
/// - a literal block (`|`) keeps every line break; its indentation is that of its first non-blank
///   line.
///
/// Approximations, all rare in policies: an escaped line break in a double-quoted scalar, the
/// more-indented lines of a folded block (whose breaks YAML keeps), and an explicit indentation
/// indicator (`|2`) are not modelled, so positions after them may be off by a few columns.
/// Positions never leave the scalar's first line when the text cannot be followed.
enum ScalarPosition {
    private enum Style {
        case plain, singleQuoted, doubleQuoted, literal, folded

        var isBlock: Bool { self == .literal || self == .folded }
    }

    /// The 1-based line and column of the value's character at `offset` (in Unicode scalars), for
    /// a scalar that starts at `line`, `column` of `lines`. An offset at the end of the value gives
    /// the position just after its last character.
    static func locate(
        offset: Int, scalarLine line: Int, scalarColumn column: Int, lines: [[Unicode.Scalar]]
    ) -> (line: Int, column: Int) {
        guard line >= 1, line <= lines.count, column >= 1, column <= lines[line - 1].count else {
            return (line, column)
        }
        let style: Style
        switch lines[line - 1][column - 1] {
        case "\"": style = .doubleQuoted
        case "'": style = .singleQuoted
        case "|": style = .literal
        case ">": style = .folded
        default: style = .plain
        }
        var remaining = max(0, offset)
        var after = (line: line, column: column)
        var started = false
        var pendingBreaks = 0
        var lineIndex = style.isBlock ? line : line - 1
        let indent = style.isBlock ? blockIndent(lines, from: lineIndex) : 0

        while lineIndex < lines.count {
            let text = lines[lineIndex]
            var from: Int
            var to = text.count
            if !style.isBlock && !started {
                from = style == .plain ? column - 1 : column
            } else if style.isBlock {
                let leading = text.prefix { $0 == " " }.count
                if leading >= text.count || text.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    from = to
                } else if leading < indent {
                    break  // the block ended
                } else {
                    from = indent
                }
            } else {
                from = text.firstIndex { $0 != " " && $0 != "\t" } ?? to
            }
            if !style.isBlock {
                while to > from, text[to - 1] == " " || text[to - 1] == "\t" { to -= 1 }
            }
            let isContent = from < to || (!style.isBlock && !started)
            guard isContent else {
                pendingBreaks += 1
                lineIndex += 1
                continue
            }
            if started || style.isBlock {
                let joined: Int
                if !started {
                    joined = pendingBreaks
                } else if style == .literal {
                    joined = pendingBreaks + 1
                } else {
                    joined = max(1, pendingBreaks)
                }
                if remaining < joined { return after }
                remaining -= joined
            }
            pendingBreaks = 0
            started = true
            var index = from
            while index < to {
                if remaining == 0 { return (lineIndex + 1, index + 1) }
                index += width(of: text, at: index, end: to, style: style)
                remaining -= 1
            }
            after = (lineIndex + 1, to + 1)
            if remaining == 0 { return after }
            lineIndex += 1
        }
        return after
    }

    /// How many written characters stand for one character of the value at `index`.
    private static func width(of text: [Unicode.Scalar], at index: Int, end: Int, style: Style) -> Int {
        switch style {
        case .doubleQuoted where text[index] == "\\" && index + 1 < end:
            switch text[index + 1] {
            case "x": return 4
            case "u": return 6
            case "U": return 10
            default: return 2
            }
        case .singleQuoted where text[index] == "'" && index + 1 < end && text[index + 1] == "'":
            return 2
        default:
            return 1
        }
    }

    /// The indentation of a block scalar: the leading spaces of its first non-blank line.
    private static func blockIndent(_ lines: [[Unicode.Scalar]], from start: Int) -> Int {
        for text in lines[min(start, lines.count)...] where text.contains(where: { $0 != " " && $0 != "\t" }) {
            return text.prefix { $0 == " " }.count
        }
        return 0
    }
}
