/// An expression of the HCL expression language, as written: nothing is evaluated or
/// simplified except that `-` before a number literal is folded into the literal, as the
/// reference implementation does. Every node carries its source range.
public indirect enum Expression: Sendable, Hashable {
    /// A number (its exact text), a string without template sequences, `true`, `false` or `null`.
    case literal(Literal, SourceRange)
    /// A quoted string, heredoc or standalone template with at least one interpolation or
    /// directive.
    case template(Template, SourceRange)
    /// A name looked up in scope: the root of a traversal such as `var.region`.
    case variable(String, SourceRange)
    /// `operand.name`.
    case attribute(Expression, name: String, SourceRange)
    /// `operand[key]`, and the legacy `operand.0`, whose key is the number literal.
    case index(Expression, key: Expression, SourceRange)
    /// `source.*.name` or `source[*].name[0]`: `each` is applied to every element, which it
    /// refers to as `splatItem`.
    case splat(Splat, SourceRange)
    /// The element a splat's `each` expression is applied to (its range is the splat operator).
    case splatItem(SourceRange)
    /// `[a, b, c]`.
    case tuple([Expression], SourceRange)
    /// `{ key = value, ... }`.
    case object([ObjectItem], SourceRange)
    /// `name(arguments)` or `provider::ns::name(arguments)`.
    case call(FunctionCall, SourceRange)
    /// `[for ...]` or `{for ...}`.
    case forExpression(ForExpression, SourceRange)
    /// `condition ? whenTrue : whenFalse`.
    case conditional(condition: Expression, whenTrue: Expression, whenFalse: Expression, SourceRange)
    /// `!operand` or `-operand`.
    case unary(UnaryOperator, Expression, SourceRange)
    /// `left op right`.
    case binary(BinaryOperator, Expression, Expression, SourceRange)
    /// `(inner)`: kept, because it changes the meaning of an object key (`{(name) = 1}`).
    case parenthesized(Expression, SourceRange)

    /// Where the expression is written.
    public var range: SourceRange {
        switch self {
        case .literal(_, let range), .template(_, let range), .variable(_, let range), .attribute(_, _, let range),
            .index(_, _, let range), .splat(_, let range), .splatItem(let range), .tuple(_, let range),
            .object(_, let range), .call(_, let range), .forExpression(_, let range),
            .conditional(_, _, _, let range), .unary(_, _, let range), .binary(_, _, _, let range),
            .parenthesized(_, let range):
            return range
        }
    }
}
