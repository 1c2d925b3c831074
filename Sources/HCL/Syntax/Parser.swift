/// Recursive-descent parser for the HCL native syntax: the structure (bodies, attributes,
/// blocks) here, expressions in `Parser+Expressions.swift`, templates in
/// `Parser+Templates.swift`.
///
/// Errors do not stop the parse. An error inside an attribute or a block header is recorded,
/// the parser skips to the end of that item (the next line break outside any bracket, or the
/// `}` that closes the enclosing block) and goes on, so one file reports several errors. Nesting
/// is bounded by `ParseOptions.maxDepth`, so no input can overflow the stack.
struct Parser {
    /// Thrown to abandon the current item; the error it stands for is already recorded.
    struct Failure: Error {}

    /// Bytes the tokens point into (the file, or a decoded JSON string).
    let buffer: [UInt8]
    /// The file, for quoting lines in errors.
    let source: SourceText
    let tokens: [Token]
    /// Source positions of buffer indexes, when the buffer is a decoded JSON string.
    let table: [Position]?
    let options: ParseOptions

    var index = 0
    /// Current nesting of blocks, expressions and directives.
    var depth = 0
    var errors: [SyntaxError] = []
    /// Set once `options.maxErrors` is reached: nothing more is parsed.
    var stopped = false

    /// Whether line breaks are tokens where the parser is now (in bodies and objects), or
    /// ignored like spaces (inside parentheses, brackets, interpolations, `for` headers).
    var newlinesMatter = true
    var newlineStack: [Bool] = []

    /// Whether the end of input inside an unclosed block was already reported (by the
    /// innermost block).
    private var reportedUnclosedBlock = false

    init(
        buffer: [UInt8], source: SourceText, tokens: [Token], table: [Position]? = nil, options: ParseOptions,
        depth: Int = 0
    ) {
        self.buffer = buffer
        self.source = source
        self.tokens = tokens
        self.table = table
        self.options = options
        self.depth = depth
    }

    // MARK: Entry points

    /// Parses a whole configuration file.
    static func parseFile(_ bytes: [UInt8], path: String, options: ParseOptions) -> (Body, [SyntaxError]) {
        let source = SourceText(path: path, bytes: bytes)
        guard bytes.count < Int(Int32.max) else {
            let error = source.error("the file is larger than 2 GiB", at: SourceRange(at: .start))
            return (Body(range: SourceRange(at: .start)), [error])
        }
        let (tokens, problems) = Lexer.tokenize(bytes, root: .structure, maxProblems: options.maxErrors)
        var parser = Parser(buffer: bytes, source: source, tokens: tokens, options: options)
        parser.addProblems(problems)
        let body = parser.stopped ? Body(range: SourceRange(at: .start)) : parser.parseFileBody()
        return (body, parser.sortedErrors)
    }

    /// Parses one expression (line breaks inside it are ignored).
    static func parseExpression(_ bytes: [UInt8], path: String, options: ParseOptions) -> (Expression?, [SyntaxError]) {
        let source = SourceText(path: path, bytes: bytes)
        guard bytes.count < Int(Int32.max) else {
            return (nil, [source.error("the input is larger than 2 GiB", at: SourceRange(at: .start))])
        }
        let (tokens, problems) = Lexer.tokenize(bytes, root: .structure, maxProblems: options.maxErrors)
        var parser = Parser(buffer: bytes, source: source, tokens: tokens, options: options)
        parser.addProblems(problems)
        guard !parser.stopped else { return (nil, parser.sortedErrors) }
        parser.pushNewlines(false)
        do throws(Failure) {
            let expression = try parser.parseExpression()
            let next = parser.current
            if next.kind != .end {
                throw parser.fail(
                    "expected the end of the expression but found \(parser.describe(next))", at: next.range)
            }
            return (parser.errors.isEmpty ? expression : nil, parser.sortedErrors)
        } catch {
            return (nil, parser.sortedErrors)
        }
    }

    /// Parses a standalone template held in `bytes`, whose first byte is at `base` in `source`
    /// (or whose bytes' positions are listed in `table`).
    static func parseStandaloneTemplate(
        _ bytes: [UInt8], source: SourceText, base: Position = .start, table: [Position]? = nil,
        options: ParseOptions, depth: Int = 0
    ) -> (Expression?, [SyntaxError]) {
        guard bytes.count < Int(Int32.max) else {
            return (nil, [source.error("the input is larger than 2 GiB", at: SourceRange(at: base))])
        }
        let (tokens, problems) = Lexer.tokenize(
            bytes, root: .template, base: base, table: table, maxProblems: options.maxErrors)
        var parser = Parser(buffer: bytes, source: source, tokens: tokens, table: table, options: options, depth: depth)
        parser.addProblems(problems)
        guard !parser.stopped else { return (nil, parser.sortedErrors) }
        do throws(Failure) {
            let expression = try parser.parseStandaloneTemplate()
            return (parser.errors.isEmpty ? expression : nil, parser.sortedErrors)
        } catch {
            return (nil, parser.sortedErrors)
        }
    }

    // MARK: Errors

    /// Errors in source order (the lexer's and the parser's are found in two passes).
    var sortedErrors: [SyntaxError] {
        errors.enumerated().sorted { lhs, rhs in
            let left = lhs.element.range.start.offset
            let right = rhs.element.range.start.offset
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
    }

    mutating func addProblems(_ problems: [Lexer.Problem]) {
        for problem in problems where !stopped {
            record(problem.message, at: problem.range)
        }
    }

    /// Records an error, and stops the parse once there are `maxErrors` of them.
    mutating func record(_ message: String, at range: SourceRange) {
        guard !stopped else { return }
        errors.append(source.error(message, at: range))
        if errors.count >= options.maxErrors {
            errors.append(source.error("too many errors; the rest of the input was not read", at: range))
            stopped = true
        }
    }

    /// Records an error and returns the failure to throw.
    mutating func fail(_ message: String, at range: SourceRange) -> Failure {
        record(message, at: range)
        return Failure()
    }

    /// The failure for an `.invalid` token, which the lexer has already reported.
    func failSilently() -> Failure { Failure() }

    /// How a token reads in a message: a name or number quoted, anything else by its kind.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .identifier, .number:
            let text = self.text(token)
            let shown = text.unicodeScalars.count > 40 ? String(text.unicodeScalars.prefix(40)) + "…" : text
            return "\"\(shown)\""
        default:
            return token.kind.spelling
        }
    }

    // MARK: Tokens

    /// The current token; line breaks are skipped where they do not matter.
    var current: Token {
        mutating get {
            if !newlinesMatter {
                while tokens[index].kind == .newline { index += 1 }
            }
            return tokens[index]
        }
    }

    /// The index of the token `ahead` places after the current one, skipping line breaks
    /// where they do not matter.
    mutating func lookahead(_ ahead: Int) -> Int {
        _ = current
        var position = index
        var remaining = ahead
        while remaining > 0, position < tokens.count - 1 {
            position += 1
            if newlinesMatter || tokens[position].kind != .newline { remaining -= 1 }
        }
        return position
    }

    mutating func pushNewlines(_ matter: Bool) {
        newlineStack.append(newlinesMatter)
        newlinesMatter = matter
    }

    mutating func popNewlines() {
        newlinesMatter = newlineStack.popLast() ?? true
    }

    /// The token's text, decoded from the buffer.
    func text(_ token: Token) -> String {
        String(decoding: buffer[Int(token.lower)..<Int(token.upper)], as: UTF8.self)
    }

    /// Whether the token is the name `word`.
    func isWord(_ token: Token, _ word: StaticString) -> Bool {
        guard token.kind == .identifier else { return false }
        let length = Int(token.upper - token.lower)
        guard length == word.utf8CodeUnitCount else { return false }
        let start = Int(token.lower)
        return word.withUTF8Buffer { bytes in
            for offset in 0..<length where buffer[start + offset] != bytes[offset] { return false }
            return true
        }
    }

    /// Enters one level of nesting, failing past the limit.
    mutating func enter(_ range: SourceRange) throws(Failure) {
        guard depth < options.maxDepth else {
            throw fail("nesting is too deep: more than \(options.maxDepth) levels", at: range)
        }
        depth += 1
    }

    // MARK: Bodies

    private mutating func parseFileBody() -> Body {
        let (attributes, blocks) = parseBodyItems(block: nil)
        let end = tokens[tokens.count - 1].end
        return Body(attributes: attributes, blocks: blocks, range: SourceRange(start: .start, end: end))
    }

    /// Attributes and blocks up to the end of input or, inside a block, up to (not past) the
    /// closing brace. `block` is the enclosing block's type and opening brace.
    private mutating func parseBodyItems(block: (type: String, open: Token)?) -> ([Attribute], [Block]) {
        var attributes: [Attribute] = []
        var blocks: [Block] = []
        // Names already defined, for reporting a second definition: a scan of `attributes`
        // while the body is small, an index once it grows.
        var nameIndex: [String: Position] = [:]
        while !stopped {
            let token = current
            switch token.kind {
            case .newline:
                index += 1
            case .end:
                if let block, !reportedUnclosedBlock {
                    reportedUnclosedBlock = true
                    record("unclosed block \"\(block.type)\": its \"{\" has no matching \"}\"", at: block.open.range)
                }
                return (attributes, blocks)
            case .closeBrace:
                if block != nil { return (attributes, blocks) }
                record("unexpected \"}\": no block is open", at: token.range)
                index += 1
            default:
                let start = index
                let saved = (depth, newlineStack.count, newlinesMatter)
                do throws(Failure) {
                    switch try parseItem() {
                    case .attribute(let attribute):
                        if let first = Self.firstDefinition(of: attribute.name, in: attributes, index: &nameIndex) {
                            record(
                                "attribute \"\(attribute.name)\" is already defined at line \(first.line), column \(first.column)",
                                at: attribute.nameRange)
                        } else {
                            if !nameIndex.isEmpty { nameIndex[attribute.name] = attribute.nameRange.start }
                            attributes.append(attribute)
                        }
                    case .block(let block):
                        blocks.append(block)
                    }
                } catch {
                    depth = saved.0
                    newlineStack.removeLast(newlineStack.count - saved.1)
                    newlinesMatter = saved.2
                    recover(from: start)
                }
            }
        }
        return (attributes, blocks)
    }

    /// Where `name` is first defined among `attributes`, if it is. Small bodies are scanned;
    /// from 16 attributes on, `index` is filled and used instead.
    private static func firstDefinition(
        of name: String, in attributes: [Attribute], index: inout [String: Position]
    ) -> Position? {
        if attributes.count < 16 {
            return attributes.first { $0.name == name }?.nameRange.start
        }
        if index.isEmpty {
            for attribute in attributes { index[attribute.name] = attribute.nameRange.start }
        }
        return index[name]
    }

    private enum Item {
        case attribute(Attribute)
        case block(Block)
    }

    private mutating func parseItem() throws(Failure) -> Item {
        let nameToken = current
        guard nameToken.kind == .identifier else {
            if nameToken.kind == .invalid { throw failSilently() }
            throw fail("expected an attribute or a block but found \(describe(nameToken))", at: nameToken.range)
        }
        index += 1
        let name = text(nameToken)
        let next = current
        switch next.kind {
        case .assign:
            index += 1
            let value = try parseExpression()
            endLine(after: "the value of \"\(name)\"")
            return .attribute(
                Attribute(
                    name: name, value: value, nameRange: nameToken.range, range: nameToken.range.through(value.range)))
        case .identifier, .openQuote, .openBrace:
            return .block(try parseBlock(type: name, typeToken: nameToken))
        case .invalid:
            throw failSilently()
        default:
            throw fail(
                "expected \"=\" or a block's \"{\" after \"\(name)\" but found \(describe(next))", at: next.range)
        }
    }

    /// A block, from its labels to the line break after its closing brace.
    private mutating func parseBlock(type: String, typeToken: Token) throws(Failure) -> Block {
        var labels: [Block.Label] = []
        while true {
            let token = current
            switch token.kind {
            case .identifier:
                index += 1
                labels.append(Block.Label(value: text(token), quoted: false, range: token.range))
                continue
            case .openQuote:
                labels.append(try parseQuotedLabel())
                continue
            case .openBrace:
                break
            case .invalid:
                throw failSilently()
            default:
                throw fail(
                    "expected a label or \"{\" in the header of block \"\(type)\" but found \(describe(token))",
                    at: token.range)
            }
            break
        }
        let open = current
        index += 1
        try enter(open.range)
        defer { depth -= 1 }

        var attributes: [Attribute] = []
        var blocks: [Block] = []
        let close: Token
        if current.kind == .newline {
            (attributes, blocks) = parseBodyItems(block: (type, open))
            close = current
            if close.kind == .closeBrace { index += 1 }
        } else {
            // A block on one line holds nothing, or one attribute.
            let first = current
            if first.kind == .identifier, tokens[lookahead(1)].kind == .assign {
                index = lookahead(1) + 1
                let value = try parseExpression()
                attributes.append(
                    Attribute(
                        name: text(first), value: value, nameRange: first.range, range: first.range.through(value.range)
                    ))
                guard current.kind == .closeBrace else {
                    let token = current
                    throw fail(
                        "a block on one line must close with \"}\" right after its attribute, but found \(describe(token))",
                        at: token.range)
                }
            } else if first.kind == .identifier {
                throw fail(
                    "a block on one line can hold only one attribute; put nested blocks on lines of their own",
                    at: first.range)
            } else if first.kind != .closeBrace {
                if first.kind == .invalid { throw failSilently() }
                throw fail("expected a line break or \"}\" after \"{\" but found \(describe(first))", at: first.range)
            }
            close = current
            index += 1
        }
        let body = Body(attributes: attributes, blocks: blocks, range: open.range.through(close.range))
        let block = Block(
            type: type, labels: labels, body: body, typeRange: typeToken.range,
            range: typeToken.range.through(close.range))
        if close.kind == .closeBrace { endLine(after: "the \"}\" that closes block \"\(type)\"") }
        return block
    }

    /// A quoted block label: a string without interpolations or directives.
    private mutating func parseQuotedLabel() throws(Failure) -> Block.Label {
        let label = try parseQuotedTemplate()
        guard case .literal(.string(let value), let range) = label else {
            throw fail("a block label cannot contain interpolations or directives", at: label.range)
        }
        return Block.Label(value: value, quoted: true, range: range)
    }

    /// After an attribute or a block: a line break or the end of input. Anything else is
    /// reported and the rest of the line skipped; the item itself is kept.
    private mutating func endLine(after what: @autoclosure () -> String) {
        let token = current
        switch token.kind {
        case .newline: index += 1
        case .end: break
        default:
            if token.kind != .invalid {
                record("expected a line break after \(what()) but found \(describe(token))", at: token.range)
            }
            recover(from: index)
        }
    }

    /// Skips the rest of a broken item: to the next line break outside the brackets the item
    /// opened (consumed), or to the `}` that closes the enclosing block (left for it). A `}`
    /// that matches no `{` the item opened belongs to the enclosing block, even while other
    /// brackets are still open.
    private mutating func recover(from start: Int) {
        // The closers still expected, innermost last, and how many of each kind are on the
        // stack (so that a closer nothing expects costs no search).
        var expected: [TokenKind] = []
        var counts: [TokenKind: Int] = [:]
        func track(_ kind: TokenKind) {
            if let closer = Self.closer(of: kind) {
                expected.append(closer)
                counts[closer, default: 0] += 1
            } else if counts[kind, default: 0] > 0, let match = expected.lastIndex(of: kind) {
                for dropped in expected[match...] { counts[dropped, default: 0] -= 1 }
                expected.removeSubrange(match...)
            }
        }
        for position in start..<index {
            track(tokens[position].kind)
        }
        while true {
            let kind = tokens[index].kind
            if kind == .end { return }
            if kind == .newline, expected.isEmpty {
                index += 1
                return
            }
            if kind == .closeBrace, counts[.closeBrace, default: 0] == 0 { return }
            track(kind)
            index += 1
        }
    }

    private static func closer(of kind: TokenKind) -> TokenKind? {
        switch kind {
        case .openBrace: return .closeBrace
        case .openBracket: return .closeBracket
        case .openParen: return .closeParen
        case .openQuote: return .closeQuote
        case .openHeredoc: return .closeHeredoc
        case .interpolation, .directive: return .sequenceEnd
        default: return nil
        }
    }
}
