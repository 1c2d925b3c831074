/// The kinds of token the lexer produces. Template literals and the markers around
/// interpolations and directives are tokens too: the lexer tracks which of the three
/// sub-languages (structure and expressions, quoted templates, heredocs) it is in.
enum TokenKind: UInt8, Sendable {
    case identifier
    case number

    case plus, minus, star, slash, percent
    case and, or, bang
    case equal, notEqual, less, greater, lessEqual, greaterEqual
    /// `=`
    case assign
    /// `=>`
    case fatArrow
    case colon, doubleColon, question, dot, ellipsis, comma
    /// `~`, a strip marker next to `${`, `%{` or the closing `}`.
    case tilde
    case openBrace, closeBrace, openBracket, closeBracket, openParen, closeParen

    /// A line break, or a line comment (which ends one).
    case newline

    /// `"` opening and closing a quoted template.
    case openQuote, closeQuote
    /// `<<EOT` or `<<-EOT` with its line break.
    case openHeredoc
    /// The heredoc's closing marker line (without leading spaces and the line break).
    case closeHeredoc
    /// Literal text inside a template, still escaped (escapes are decoded by the parser, which
    /// knows whether the template is quoted).
    case literal
    /// `${`
    case interpolation
    /// `%{`
    case directive
    /// The `}` that ends an interpolation or a directive.
    case sequenceEnd

    /// Input that is no token; the lexer has already reported it.
    case invalid
    case end

    /// How the token reads in an error message.
    var spelling: String {
        switch self {
        case .identifier: return "name"
        case .number: return "number"
        case .plus: return "\"+\""
        case .minus: return "\"-\""
        case .star: return "\"*\""
        case .slash: return "\"/\""
        case .percent: return "\"%\""
        case .and: return "\"&&\""
        case .or: return "\"||\""
        case .bang: return "\"!\""
        case .equal: return "\"==\""
        case .notEqual: return "\"!=\""
        case .less: return "\"<\""
        case .greater: return "\">\""
        case .lessEqual: return "\"<=\""
        case .greaterEqual: return "\">=\""
        case .assign: return "\"=\""
        case .fatArrow: return "\"=>\""
        case .colon: return "\":\""
        case .doubleColon: return "\"::\""
        case .question: return "\"?\""
        case .dot: return "\".\""
        case .ellipsis: return "\"...\""
        case .comma: return "\",\""
        case .tilde: return "\"~\""
        case .openBrace: return "\"{\""
        case .closeBrace, .sequenceEnd: return "\"}\""
        case .openBracket: return "\"[\""
        case .closeBracket: return "\"]\""
        case .openParen: return "\"(\""
        case .closeParen: return "\")\""
        case .newline: return "newline"
        case .openQuote: return "string"
        case .closeQuote: return "end of string"
        case .openHeredoc: return "heredoc"
        case .closeHeredoc: return "end of heredoc"
        case .literal: return "text"
        case .interpolation: return "\"${\""
        case .directive: return "\"%{\""
        case .invalid: return "invalid character"
        case .end: return "end of file"
        }
    }
}

/// One token: its kind, where its bytes are in the buffer being lexed (`lower..<upper`), and
/// where it is in the source file. The two differ only for a template inside a JSON string,
/// whose buffer is the decoded string.
struct Token: Sendable {
    var kind: TokenKind
    var lower: Int32
    var upper: Int32
    var start: Position
    var end: Position

    var range: SourceRange { SourceRange(start: start, end: end) }
}
