/// One `${{ }}` expression of GitHub Actions as a tree: literals, contexts and the property,
/// index and filter (`.*`) steps taken from them, `!`, the comparison and logical operators, and
/// function calls. Every node carries the UTF-8 byte range it was read from, relative to the text
/// given to the parser.
public indirect enum WorkflowExpression: Sendable, Equatable {
    /// The comparison and logical operators, from the loosest binding to the tightest.
    public enum BinaryOperator: String, Sendable, Equatable {
        case or = "||"
        case and = "&&"
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
    }

    case null(ByteRange)
    case bool(Bool, ByteRange)
    case number(Double, ByteRange)
    case string(String, ByteRange)
    /// A context by name: `github`, `env`, `secrets`, `steps`, `matrix`, `inputs`…
    case context(String, ByteRange)
    /// `base.name`.
    case property(WorkflowExpression, String, ByteRange)
    /// `base[index]`.
    case index(WorkflowExpression, WorkflowExpression, ByteRange)
    /// `base.*`: every element or property value of `base`.
    case filter(WorkflowExpression, ByteRange)
    case not(WorkflowExpression, ByteRange)
    case binary(BinaryOperator, WorkflowExpression, WorkflowExpression, ByteRange)
    /// `name(arguments)`; the name as written (GitHub matches it without regard to case).
    case call(String, [WorkflowExpression], ByteRange)

    /// Where the node was read from.
    public var range: ByteRange {
        switch self {
        case .null(let range), .bool(_, let range), .number(_, let range), .string(_, let range),
            .context(_, let range), .property(_, _, let range), .index(_, _, let range), .filter(_, let range),
            .not(_, let range), .binary(_, _, _, let range), .call(_, _, let range):
            return range
        }
    }

    /// The context paths the expression reads, lower-cased and dotted, in the order written:
    /// `github.event.issue.title`; `github.event.commits.*.message` for a filter or an index that
    /// is not a literal; `steps.build.outputs.tag` for `steps['build'].outputs.tag`. A path
    /// read inside a function call's arguments is included (its value can reach the result).
    public var contextPaths: [String] {
        var paths: [String] = []
        collectPaths(into: &paths)
        return paths
    }

    private func collectPaths(into paths: inout [String]) {
        if let path = self.path {
            paths.append(path)
            collectIndexPaths(into: &paths)
            return
        }
        switch self {
        case .null, .bool, .number, .string, .context: return
        case .property(let base, _, _), .filter(let base, _), .not(let base, _): base.collectPaths(into: &paths)
        case .index(let base, let index, _):
            base.collectPaths(into: &paths)
            index.collectPaths(into: &paths)
        case .binary(_, let left, let right, _):
            left.collectPaths(into: &paths)
            right.collectPaths(into: &paths)
        case .call(_, let arguments, _):
            for argument in arguments { argument.collectPaths(into: &paths) }
        }
    }

    /// The contexts read by the indexes along a chain (`matrix.key` in `github.event[matrix.key]`).
    private func collectIndexPaths(into paths: inout [String]) {
        switch self {
        case .property(let base, _, _), .filter(let base, _): base.collectIndexPaths(into: &paths)
        case .index(let base, let index, _):
            base.collectIndexPaths(into: &paths)
            index.collectPaths(into: &paths)
        default: return
        }
    }

    /// The dotted path of a chain of steps from a context, or `nil` when the chain starts
    /// elsewhere (a function's result, a literal).
    var path: String? {
        switch self {
        case .context(let name, _): return name.lowercased()
        case .property(let base, let name, _): return base.path.map { $0 + "." + name.lowercased() }
        case .filter(let base, _): return base.path.map { $0 + ".*" }
        case .index(let base, let index, _):
            guard let prefix = base.path else { return nil }
            if case .string(let key, _) = index { return prefix + "." + key.lowercased() }
            return prefix + ".*"
        default: return nil
        }
    }
}

/// A half-open range of UTF-8 byte offsets.
public struct ByteRange: Sendable, Equatable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = end
    }

    public var description: String { "\(start)..<\(end)" }
}

extension WorkflowExpression {
    /// Calls `body` with this node and then every node below it, in the order written.
    public func visit(_ body: (WorkflowExpression) -> Void) {
        body(self)
        switch self {
        case .null, .bool, .number, .string, .context: return
        case .property(let base, _, _), .filter(let base, _), .not(let base, _): base.visit(body)
        case .index(let base, let index, _):
            base.visit(body)
            index.visit(body)
        case .binary(_, let left, let right, _):
            left.visit(body)
            right.visit(body)
        case .call(_, let arguments, _):
            for argument in arguments { argument.visit(body) }
        }
    }
}
