/// A text with the start of each line found once, so that showing the line of each of a million
/// findings in a large file costs the length of those lines, not of the file each time.
public struct SourceLines: Sendable {
    public let text: String
    /// The UTF-8 offset where each line starts; line 1 starts at 0.
    private let starts: [Int]

    public init(_ text: String) {
        self.text = text
        var starts = [0]
        var offset = 0
        for byte in text.utf8 {
            offset += 1
            if byte == UInt8(ascii: "\n") { starts.append(offset) }
        }
        self.starts = starts
    }

    /// Line `line` (1-based) without its line break, or `nil` past the end.
    public func line(_ line: Int) -> Substring? {
        guard line >= 1, line <= starts.count else { return nil }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: starts[line - 1])
        var end = line < starts.count ? utf8.index(utf8.startIndex, offsetBy: starts[line] - 1) : utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
        return Substring(utf8[start..<end])
    }

    /// The most characters of a line an excerpt shows: of a longer line (a minified bundle's can
    /// be megabytes), the stretch around the column, its cuts marked with `…`.
    public static let excerptWidth = 160

    /// Line `line` and a caret under `column` (tabs kept so the caret lines up).
    public func excerpt(line: Int, column: Int) -> String? {
        guard let text = self.line(line) else { return nil }
        var shown = text.unicodeScalars[...]
        var caret = column - 1
        var prefix = ""
        var suffix = ""
        if text.utf8.count > Self.excerptWidth {
            let scalars = Array(text.unicodeScalars)
            if scalars.count > Self.excerptWidth {
                let start = max(0, min(caret - Self.excerptWidth / 3, scalars.count - Self.excerptWidth))
                let end = min(scalars.count, start + Self.excerptWidth)
                var window = String.UnicodeScalarView()
                window.append(contentsOf: scalars[start..<end])
                shown = window[...]
                caret -= start
                if start > 0 { prefix = "…" }
                if end < scalars.count { suffix = "…" }
            }
        }
        var padding = prefix.isEmpty ? "" : " "
        for (offset, scalar) in shown.enumerated() where offset < caret {
            padding.append(scalar == "\t" ? "\t" : " ")
        }
        return prefix + String(shown) + suffix + "\n" + padding + "^"
    }
}
