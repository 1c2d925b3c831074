/// A message about the input or the configuration rather than about the policies' verdict:
/// a file that does not parse, a policy that does not load, a template that needs rendering.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Level: String, Sendable, Hashable, Codable {
        case error
        case warning
        case notice
    }

    public var level: Level
    public var message: String
    public var location: Location

    public init(_ level: Level, _ message: String, at location: Location) {
        self.level = level
        self.message = message
        self.location = location
    }

    /// `path:line:column: level: message`, then — when the source is given — the line itself
    /// and a caret under the column.
    public func rendered(source: String? = nil) -> String {
        var text = "\(location): \(level.rawValue): \(message)"
        if let source, let excerpt = Self.excerpt(source, line: location.line, column: location.column) {
            text += "\n" + excerpt
        }
        return text
    }

    /// The line `line` of `source` and a caret under `column` (tabs kept so the caret lines up).
    public static func excerpt(_ source: String, line: Int, column: Int) -> String? {
        guard line >= 1 else { return nil }
        var current = 1
        var lineText: Substring?
        var start = source.startIndex
        var index = source.startIndex
        while index < source.endIndex {
            if source[index] == "\n" {
                if current == line {
                    lineText = source[start..<index]
                    break
                }
                current += 1
                start = source.index(after: index)
            }
            index = source.index(after: index)
        }
        if lineText == nil && current == line { lineText = source[start...] }
        guard var text = lineText else { return nil }
        if text.hasSuffix("\r") { text = text.dropLast() }
        var padding = ""
        for (offset, scalar) in text.unicodeScalars.enumerated() where offset < column - 1 {
            padding.append(scalar == "\t" ? "\t" : " ")
        }
        return String(text) + "\n" + padding + "^"
    }
}
