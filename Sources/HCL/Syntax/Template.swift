/// A template: literal text mixed with interpolations and `if` / `for` directives. Strip
/// markers (`~`) and the indentation rule of `<<-` heredocs are already applied to the
/// literal parts, and `$${` / `%%{` (and, in quoted templates, backslash escapes) are
/// decoded, so each literal part holds exactly the text it contributes.
public struct Template: Sendable, Hashable {
    /// How the template was written.
    public enum Form: Sendable, Hashable {
        /// `"..."`
        case quoted
        /// `<<MARKER` or, with `indented`, `<<-MARKER`.
        case heredoc(marker: String, indented: Bool)
        /// A whole input read as a template, such as a string in the JSON syntax.
        case standalone
    }

    /// One piece of a template.
    public indirect enum Part: Sendable, Hashable {
        case literal(String, SourceRange)
        /// `${ expression }`
        case interpolation(Expression, SourceRange)
        /// `%{ if condition }...%{ else }...%{ endif }`; `whenFalse` is nil without `else`.
        case ifDirective(condition: Expression, whenTrue: [Part], whenFalse: [Part]?, SourceRange)
        /// `%{ for key, value in collection }...%{ endfor }`
        case forDirective(
            keyVariable: String?, valueVariable: String, collection: Expression, body: [Part], SourceRange)

        /// From the part's first character to its last (a directive's range covers its
        /// opening and closing markers).
        public var range: SourceRange {
            switch self {
            case .literal(_, let range), .interpolation(_, let range), .ifDirective(_, _, _, let range),
                .forDirective(_, _, _, _, let range):
                return range
            }
        }
    }

    /// Quoted, heredoc or standalone.
    public var form: Form
    /// Never two literals in a row.
    public var parts: [Part]

    /// A template from its parts.
    public init(form: Form, parts: [Part]) {
        self.form = form
        self.parts = parts
    }

    /// The expression of a template that is nothing but one interpolation (`"${var.tags}"`):
    /// HCL evaluates such a template to the expression's value itself, not to a string.
    public var unwrapped: Expression? {
        guard parts.count == 1, case .interpolation(let expression, _) = parts[0] else { return nil }
        return expression
    }
}
