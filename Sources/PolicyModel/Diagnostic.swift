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
    /// For many excerpts of one text, make a `SourceLines` once instead.
    public static func excerpt(_ source: String, line: Int, column: Int) -> String? {
        SourceLines(source).excerpt(line: line, column: column)
    }
}
