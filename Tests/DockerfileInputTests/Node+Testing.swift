import DockerfileInput
import PolicyModel

/// Reading the model in tests.
extension Node {
    /// The item at `index` of a sequence.
    subscript(index: Int) -> Node? {
        guard case .sequence(let items) = content, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The items of a sequence.
    var items: [Node]? {
        guard case .sequence(let items) = content else { return nil }
        return items
    }

    /// The keys of a mapping, in order.
    var keys: [String]? {
        guard case .mapping(let entries) = content else { return nil }
        return entries.compactMap(\.key.string)
    }

    var integer: Int? {
        guard case .int(let value) = content else { return nil }
        return Int(value)
    }

    var boolean: Bool? {
        guard case .bool(let value) = content else { return nil }
        return value
    }

    var isNull: Bool {
        if case .null = content { return true }
        return false
    }

    /// The strings of a sequence of strings.
    var strings: [String]? { items?.compactMap(\.string) }

    /// Start line and column.
    var start: [Int] { [Int(span.line), Int(span.column)] }

    /// Start and end, as `[line, column, endLine, endColumn]`.
    var range: [Int] { [Int(span.line), Int(span.column), Int(span.endLine), Int(span.endColumn)] }
}

/// The model of `text` and the diagnostics.
func model(_ text: String, file: String = "Dockerfile") -> (content: Node, diagnostics: [Diagnostic]) {
    let result = DockerfileParser.parse(text, file: file)
    return (result.resources[0].content, result.diagnostics)
}

/// The instructions of `text`, and the diagnostics.
func instructions(_ text: String) -> (items: [Node], diagnostics: [Diagnostic]) {
    let (content, diagnostics) = model(text)
    return (content["instructions"]?.items ?? [], diagnostics)
}

/// Diagnostics as `line:column: level: message`.
func described(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.location.line):\($0.location.column): \($0.level.rawValue): \($0.message)" }
}
