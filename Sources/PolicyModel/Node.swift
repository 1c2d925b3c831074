/// A document tree — from YAML, JSON or any other input — in which every value remembers where it
/// was written, so that a finding can point at the offending line rather than only at the
/// resource. Values are immutable and `Sendable`; children are copy-on-write arrays, so a subtree
/// that occurs twice (a YAML alias) is stored once.
public struct Node: Sendable {
    public enum Content: Sendable {
        case null
        case bool(Bool)
        case int(Int64)
        case double(Double)
        case string(String)
        case sequence([Node])
        /// Entries in document order.
        case mapping([Entry])
        /// A value that is written but cannot be known before it is applied: a Terraform attribute
        /// set from a data source or from another resource's computed `id`. Policies see it as
        /// CEL's unknown, and a validation that depends on it is neither a pass nor a finding.
        case unknown
    }

    public struct Entry: Sendable {
        public var key: Node
        public var value: Node

        public init(key: Node, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public var content: Content
    /// Where the value starts and ends in its file.
    public var span: Span

    public init(_ content: Content, span: Span) {
        self.content = content
        self.span = span
    }

    /// The value of `key` in a mapping with string keys.
    public subscript(key: String) -> Node? {
        guard case .mapping(let entries) = content else { return nil }
        for entry in entries {
            if case .string(let name) = entry.key.content, name == key { return entry.value }
        }
        return nil
    }

    /// The text of a string scalar.
    public var string: String? {
        if case .string(let text) = content { return text }
        return nil
    }

    public var location: (line: Int, column: Int) { (Int(span.line), Int(span.column)) }

    /// The full location in `file`.
    public func location(in file: String) -> Location {
        Location(
            file: file, line: Int(span.line), column: Int(span.column), endLine: Int(span.endLine),
            endColumn: Int(span.endColumn))
    }
}

/// A compact start and end position (1-based lines and columns; columns in Unicode scalars).
/// Sixteen bytes, since every node of every document carries one.
public struct Span: Sendable, Hashable {
    public var line: Int32
    public var column: Int32
    public var endLine: Int32
    public var endColumn: Int32

    public init(line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil) {
        self.line = Int32(clamping: line)
        self.column = Int32(clamping: column)
        self.endLine = Int32(clamping: endLine ?? line)
        self.endColumn = Int32(clamping: endColumn ?? column)
    }
}
