/// A parsed configuration file: its body (with whatever could be read when there were
/// errors) and its errors.
///
/// ```swift
/// let file = ConfigFile.parse(source, path: "main.tf")
/// for error in file.diagnostics { print(error) }      // path:line:column: error: ..., line, caret
/// for block in file.body.blocks(ofType: "resource") { print(block.labelValues) }
/// ```
public struct ConfigFile: Sendable, Hashable {
    /// The file's name as the caller gave it; errors carry it.
    public var path: String
    /// Everything that parsed. After an error the parser skips to the next line or block, so
    /// the body holds the items around a broken one.
    public var body: Body
    /// The errors, in source order; empty when the file is valid.
    public var diagnostics: Diagnostics

    /// A parsed file from its parts.
    public init(path: String, body: Body, diagnostics: Diagnostics) {
        self.path = path
        self.body = body
        self.diagnostics = diagnostics
    }

    /// Whether anything was wrong.
    public var hasErrors: Bool { !diagnostics.isEmpty }

    /// The body of a valid file; the errors otherwise.
    public func validBody() throws(Diagnostics) -> Body {
        guard diagnostics.isEmpty else { throw diagnostics }
        return body
    }

    /// Parses a file in the native syntax (`.tf`, `.hcl`).
    public static func parse(_ source: String, path: String = "", options: ParseOptions = ParseOptions()) -> ConfigFile
    {
        parse(utf8: Array(source.utf8), path: path, options: options)
    }

    /// Parses a file in the native syntax from its bytes, which must be UTF-8 (anything else is
    /// reported at the first offending byte).
    public static func parse(utf8 bytes: [UInt8], path: String = "", options: ParseOptions = ParseOptions())
        -> ConfigFile
    {
        let (body, errors) = Parser.parseFile(bytes, path: path, options: options)
        return ConfigFile(path: path, body: body, diagnostics: Diagnostics(errors))
    }
}

extension Expression {
    /// Parses a standalone expression in the native syntax (line breaks inside it are
    /// ignored), such as a `-var` value or a REPL line.
    public static func parse(
        _ source: String, path: String = "", options: ParseOptions = ParseOptions()
    ) throws(Diagnostics) -> Expression {
        let (expression, errors) = Parser.parseExpression(Array(source.utf8), path: path, options: options)
        guard let expression, errors.isEmpty else { throw Diagnostics(errors) }
        return expression
    }

    /// Parses a standalone template: all of `source` is template text, with `${...}` and
    /// `%{...}` sequences (and no backslash escapes). Text alone gives a string literal.
    public static func parseTemplate(
        _ source: String, path: String = "", options: ParseOptions = ParseOptions()
    ) throws(Diagnostics) -> Expression {
        let bytes = Array(source.utf8)
        let (expression, errors) = Parser.parseStandaloneTemplate(
            bytes, source: SourceText(path: path, bytes: bytes), options: options)
        guard let expression, errors.isEmpty else { throw Diagnostics(errors) }
        return expression
    }
}
