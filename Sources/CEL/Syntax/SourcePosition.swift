/// A place in an expression's source: 1-based line and column (columns count Unicode scalars),
/// worked out from an offset in scalars, with the line's text for a caret excerpt. Compile
/// errors and evaluation errors (`EvalError.offset`) are both located this way.
public struct SourcePosition: Sendable, Hashable {
    public var line = 1
    public var column = 1
    /// The text of that line.
    public var lineText: String

    public init(source: String, offset: Int) {
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
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        lineText = line - 1 < lines.count ? String(lines[line - 1]) : ""
    }

    /// The line and a caret under the column (tabs kept, so the caret lines up).
    public var caretExcerpt: String {
        var padding = ""
        for (index, scalar) in lineText.unicodeScalars.enumerated() where index < column - 1 {
            padding.append(scalar == "\t" ? "\t" : " ")
        }
        return lineText + "\n" + padding + "^"
    }
}
