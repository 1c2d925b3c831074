/// A parsed CEL expression. Every node remembers where it starts in the source (an offset in
/// Unicode scalars), so that compile and evaluation errors can point at it. Macros are already
/// expanded: `all`, `exists`, `map`… are `comprehension` nodes, `has(a.b)` is a test-only select.
public indirect enum Expr: Sendable {
    case literal(Value, offset: Int)
    case identifier(String, offset: Int)
    /// `operand.field`; `testOnly` is `has(operand.field)`; `optional` is `operand.?field`.
    case select(Expr, field: String, testOnly: Bool, optional: Bool, offset: Int)
    /// A function or operator call; `target` is the receiver of a member call.
    case call(function: String, target: Expr?, arguments: [Expr], offset: Int)
    /// `[a, ?b]`: `optionalIndices` mark `?`-prefixed elements.
    case list([Expr], optionalIndices: Set<Int>, offset: Int)
    case map([MapEntry], offset: Int)
    /// `Name{field: value}`: parsed so that such input gets a clear error; never evaluated here.
    case message(type: String, fields: [MessageField], offset: Int)
    case comprehension(Comprehension, offset: Int)
    /// `cel.bind(name, value, body)`.
    case bind(name: String, value: Expr, body: Expr, offset: Int)

    public struct MapEntry: Sendable {
        public var key: Expr
        public var value: Expr
        public var optional: Bool
    }

    public struct MessageField: Sendable {
        public var name: String
        public var value: Expr
        public var optional: Bool
    }

    /// The loop every macro expands into (the shape used by the reference implementations):
    /// `accumulator = initial; for (index, value) in range { if !condition break; accumulator = step }; result`.
    public struct Comprehension: Sendable {
        /// The first loop variable (the element for lists, the key for maps, or the index
        /// with two variables).
        public var variable: String
        /// The second variable of a two-variable comprehension (the value), if any.
        public var secondVariable: String?
        public var range: Expr
        public var accumulator: String
        public var initial: Expr
        public var condition: Expr
        public var step: Expr
        public var result: Expr
    }

    public var offset: Int {
        switch self {
        case .literal(_, let offset), .identifier(_, let offset), .select(_, _, _, _, let offset),
            .call(_, _, _, let offset), .list(_, _, let offset), .map(_, let offset), .message(_, _, let offset),
            .comprehension(_, let offset), .bind(_, _, _, let offset):
            return offset
        }
    }
}

/// The name of the hidden accumulator variable macros use; it cannot clash with user names.
let accumulatorName = "@result"
