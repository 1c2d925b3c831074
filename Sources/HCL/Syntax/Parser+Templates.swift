extension Parser {
    /// How a template's literal text is written, which decides its escapes.
    enum TemplateFlavor {
        /// `"..."`: backslash escapes, `$${` and `%%{`.
        case quoted
        /// Heredocs and standalone templates: only `$${` and `%%{`.
        case raw
    }

    /// A template piece before `if` / `for` directives are matched into a tree.
    fileprivate enum Piece {
        case literal(String, SourceRange)
        case interpolation(Expression, SourceRange)
        case ifOpen(Expression, SourceRange)
        case elseMarker(SourceRange)
        case endIf(SourceRange)
        case forOpen(key: String?, value: String, collection: Expression, SourceRange)
        case endFor(SourceRange)
    }

    // MARK: The three forms

    /// `"..."`, at its opening quote.
    mutating func parseQuotedTemplate() throws(Failure) -> Expression {
        let open = current
        index += 1
        // Most strings are text alone: no pieces to collect and no tree to build.
        if tokens[index].kind == .closeQuote {
            index += 1
            return .literal(.string(""), open.range.through(tokens[index - 1].range))
        }
        if tokens[index].kind == .literal, tokens[index + 1].kind == .closeQuote {
            let text = decodeLiteral(tokens[index], flavor: .quoted)
            index += 2
            return .literal(.string(text), open.range.through(tokens[index - 1].range))
        }
        let (pieces, close) = try collectPieces(until: .closeQuote, flavor: .quoted, opener: open)
        let parts = try buildParts(pieces)
        return Self.templateExpression(parts, form: .quoted, range: open.range.through(close.range))
    }

    /// `<<EOT` or `<<-EOT`, at the introduction.
    mutating func parseHeredoc() throws(Failure) -> Expression {
        let open = current
        index += 1
        var cursor = Int(open.lower) + 2
        let indented = cursor < buffer.count && buffer[cursor] == UInt8(ascii: "-")
        if indented { cursor += 1 }
        var markerEnd = cursor
        while markerEnd < Int(open.upper), buffer[markerEnd] != 0x0A, buffer[markerEnd] != 0x0D { markerEnd += 1 }
        let marker = String(decoding: buffer[cursor..<markerEnd], as: UTF8.self)
        var (pieces, close) = try collectPieces(until: .closeHeredoc, flavor: .raw, opener: open, marker: marker)
        if indented { Self.removeCommonIndentation(&pieces) }
        let parts = try buildParts(pieces)
        return Self.templateExpression(
            parts, form: .heredoc(marker: marker, indented: indented), range: open.range.through(close.range))
    }

    /// The whole input as a template.
    mutating func parseStandaloneTemplate() throws(Failure) -> Expression {
        let first = tokens[0]
        let (pieces, end) = try collectPieces(until: .end, flavor: .raw, opener: first)
        let parts = try buildParts(pieces)
        return Self.templateExpression(parts, form: .standalone, range: first.range.through(end.range))
    }

    /// A string literal when the template is only text, otherwise a template.
    private static func templateExpression(_ parts: [Template.Part], form: Template.Form, range: SourceRange)
        -> Expression
    {
        if parts.isEmpty { return .literal(.string(""), range) }
        if parts.count == 1, case .literal(let text, _) = parts[0] { return .literal(.string(text), range) }
        return .template(Template(form: form, parts: parts), range)
    }

    // MARK: Pieces

    /// Reads literal text, interpolations and directive markers up to the `end` token, applying
    /// strip markers as it goes (`${~` and `%{~` trim trailing white space from the text
    /// before; `~}` trims leading white space from the text after).
    private mutating func collectPieces(
        until end: TokenKind, flavor: TemplateFlavor, opener: Token, marker: String = ""
    ) throws(Failure) -> ([Piece], Token) {
        var pieces: [Piece] = []
        var trimNext = false
        while true {
            let token = tokens[index]
            let trimThis = trimNext
            trimNext = false
            switch token.kind {
            case end:
                index += 1
                return (pieces, token)
            case .literal:
                index += 1
                var text = decodeLiteral(token, flavor: flavor)
                if trimThis { text = Self.trimmingLeadingWhiteSpace(text) }
                pieces.append(.literal(text, token.range))
            case .interpolation, .directive:
                index += 1
                if tokens[index].kind == .tilde {
                    index += 1
                    if case .literal(let text, let range)? = pieces.last {
                        pieces[pieces.count - 1] = .literal(Self.trimmingTrailingWhiteSpace(text), range)
                    }
                }
                pushNewlines(false)
                let piece = try token.kind == .interpolation ? parseInterpolation(token) : parseDirective(token)
                if current.kind == .tilde {
                    index += 1
                    trimNext = true
                }
                let close = current
                guard close.kind == .sequenceEnd else {
                    if close.kind == .invalid { throw failSilently() }
                    let what = token.kind == .interpolation ? "interpolation" : "directive"
                    throw fail("expected \"}\" to close the \(what) but found \(describe(close))", at: close.range)
                }
                index += 1
                popNewlines()
                pieces.append(piece.with(range: token.range.through(close.range)))
            case .invalid:
                throw failSilently()
            default:
                switch end {
                case .closeQuote:
                    throw fail(
                        "unterminated string: a quoted string ends on the line it starts (use \"\\n\" or a heredoc for more lines)",
                        at: opener.range)
                case .closeHeredoc:
                    throw fail("unterminated heredoc: no line \"\(marker)\" closes it", at: opener.range)
                default:
                    throw fail("unexpected \(describe(token)) in the template", at: token.range)
                }
            }
        }
    }

    private mutating func parseInterpolation(_ open: Token) throws(Failure) -> Piece {
        .interpolation(try parseExpression(), open.range)
    }

    /// The keyword and arguments of a `%{ ... }` directive.
    private mutating func parseDirective(_ open: Token) throws(Failure) -> Piece {
        let keyword = current
        if isWord(keyword, "if") {
            index += 1
            return .ifOpen(try parseExpression(), open.range)
        }
        if isWord(keyword, "else") {
            index += 1
            return .elseMarker(open.range)
        }
        if isWord(keyword, "endif") {
            index += 1
            return .endIf(open.range)
        }
        if isWord(keyword, "endfor") {
            index += 1
            return .endFor(open.range)
        }
        if isWord(keyword, "for") {
            index += 1
            let (key, value) = try parseForVariables()
            return .forOpen(key: key, value: value, collection: try parseExpression(), open.range)
        }
        if keyword.kind == .identifier {
            throw fail(
                "unknown template directive \"\(text(keyword))\"; expected if, else, endif, for or endfor",
                at: keyword.range)
        }
        throw fail(
            "expected a directive keyword (if, else, endif, for, endfor) but found \(describe(keyword))",
            at: keyword.range)
    }

    // MARK: Literal text

    /// The text of a literal token with its escapes decoded; a bad escape is reported (the
    /// parse goes on) and kept as written.
    private mutating func decodeLiteral(_ token: Token, flavor: TemplateFlavor) -> String {
        let lower = Int(token.lower)
        let upper = Int(token.upper)
        var plain = true
        for offset in lower..<upper {
            let byte = buffer[offset]
            if byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%")
                || (flavor == .quoted && byte == UInt8(ascii: "\\"))
            {
                plain = false
                break
            }
        }
        if plain { return String(decoding: buffer[lower..<upper], as: UTF8.self) }

        var output: [UInt8] = []
        output.reserveCapacity(upper - lower)
        var offset = lower
        while offset < upper {
            let byte = buffer[offset]
            if (byte == UInt8(ascii: "$") || byte == UInt8(ascii: "%")), offset + 2 < upper,
                buffer[offset + 1] == byte, buffer[offset + 2] == UInt8(ascii: "{")
            {
                output.append(byte)
                output.append(UInt8(ascii: "{"))
                offset += 3
                continue
            }
            guard flavor == .quoted, byte == UInt8(ascii: "\\") else {
                output.append(byte)
                offset += 1
                continue
            }
            offset = decodeEscape(at: offset, upper: upper, in: token, into: &output)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes the escape whose backslash is at `start`, appending its text; returns the offset
    /// after it.
    private mutating func decodeEscape(at start: Int, upper: Int, in token: Token, into output: inout [UInt8]) -> Int {
        guard start + 1 < upper else {
            record(
                "a backslash at the end of a string must be escaped as \"\\\\\"",
                at: rangeInside(token, start, start + 1))
            output.append(UInt8(ascii: "\\"))
            return start + 1
        }
        let letter = buffer[start + 1]
        switch letter {
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = letter == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            var digits = 0
            while digits < count, start + 2 + digits < upper, let digit = Self.hexValue(buffer[start + 2 + digits]) {
                value = value << 4 | digit
                digits += 1
            }
            let end = start + 2 + digits
            let written = String(decoding: buffer[start..<end], as: UTF8.self)
            guard digits == count else {
                record(
                    "invalid escape \"\(written)\": \"\\\(Character(Unicode.Scalar(letter)))\" takes \(count) hexadecimal digits",
                    at: rangeInside(token, start, end))
                output.append(contentsOf: buffer[start..<end])
                return end
            }
            guard let scalar = Unicode.Scalar(value) else {
                record("invalid escape \"\(written)\": not a Unicode scalar value", at: rangeInside(token, start, end))
                output.append(contentsOf: buffer[start..<end])
                return end
            }
            output.append(contentsOf: String(Character(scalar)).utf8)
            return end
        default:
            var end = start + 2
            while end < upper, buffer[end] & 0xC0 == 0x80 { end += 1 }
            let written = String(decoding: buffer[start..<end], as: UTF8.self)
            record(
                "invalid escape \"\(written)\"; a quoted string allows \\n, \\r, \\t, \\\", \\\\, \\uNNNN and \\UNNNNNNNN",
                at: rangeInside(token, start, end))
            output.append(contentsOf: buffer[start..<end])
            return end
        }
        return start + 2
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// The source range of buffer offsets `lower..<upper` inside `token`.
    func rangeInside(_ token: Token, _ lower: Int, _ upper: Int) -> SourceRange {
        SourceRange(start: positionInside(token, lower), end: positionInside(token, upper))
    }

    /// The source position of a buffer offset inside `token`: from the position table when
    /// there is one, otherwise counted from the token's start.
    func positionInside(_ token: Token, _ target: Int) -> Position {
        if let table { return table[min(max(target, 0), table.count - 1)] }
        var line = token.start.line
        var column = token.start.column
        var offset = Int(token.lower)
        while offset < target, offset < buffer.count {
            if buffer[offset] == 0x0A {
                line += 1
                column = 1
            } else if buffer[offset] & 0xC0 != 0x80 {
                column += 1
            }
            offset += 1
        }
        return Position(offset: token.start.offset + (target - Int(token.lower)), line: line, column: column)
    }

    // MARK: White space

    private static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    static func trimmingLeadingWhiteSpace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhiteSpace($0) }) else { return "" }
        return String(scalars[first...])
    }

    static func trimmingTrailingWhiteSpace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let last = scalars.lastIndex(where: { !isWhiteSpace($0) }) else { return "" }
        return String(scalars[...last])
    }

    /// The `<<-` rule: the smallest indentation of the lines (blank lines aside; a line that
    /// starts with an interpolation or directive counts as unindented) is removed from the
    /// start of every line. It applies to the text as written, so interpolated values never
    /// change it.
    private static func removeCommonIndentation(_ pieces: inout [Piece]) {
        var smallest = Int.max
        var lineStart = true
        var indented: [Int] = []
        for (position, piece) in pieces.enumerated() {
            if lineStart {
                lineStart = false
                if case .literal(let text, _) = piece {
                    let scalars = text.unicodeScalars
                    let leading = scalars.prefix(while: isWhiteSpace).count
                    let blank = leading == scalars.count && text.hasSuffix("\n")
                    if !blank {
                        smallest = min(smallest, leading)
                        indented.append(position)
                    }
                } else {
                    smallest = 0
                }
            }
            if case .literal(let text, _) = piece, text.hasSuffix("\n") { lineStart = true }
        }
        guard smallest > 0, smallest != Int.max else { return }
        for position in indented {
            guard case .literal(let text, let range) = pieces[position] else { continue }
            let scalars = text.unicodeScalars
            let cut = scalars.index(scalars.startIndex, offsetBy: smallest)
            let removedBytes = String(scalars[..<cut]).utf8.count
            let start = Position(
                offset: range.start.offset + removedBytes, line: range.start.line, column: range.start.column + smallest
            )
            pieces[position] = .literal(String(scalars[cut...]), SourceRange(start: start, end: range.end))
        }
    }

    // MARK: The tree

    /// Matches `if` / `else` / `endif` and `for` / `endfor` into nested parts, joining
    /// adjacent literals. Works with an explicit stack, and counts each open directive as a
    /// level of nesting.
    private mutating func buildParts(_ pieces: [Piece]) throws(Failure) -> [Template.Part] {
        struct Frame {
            var opener: Piece?
            var parts: [Template.Part] = []
            var thenParts: [Template.Part]?
            var elseRange: SourceRange?
            /// Literal text not yet added to `parts`: adjacent literals are joined here, in
            /// place, so a heredoc of many lines costs linear time.
            var text = ""
            var textRange: SourceRange?

            mutating func append(_ part: Template.Part) {
                if case .literal(let more, let range) = part {
                    text += more
                    textRange = textRange.map { $0.through(range) } ?? range
                    return
                }
                flush()
                parts.append(part)
            }

            mutating func flush() {
                guard let range = textRange else { return }
                parts.append(.literal(text, range))
                text = ""
                textRange = nil
            }
        }
        var stack = [Frame()]
        let startDepth = depth
        defer { depth = startDepth }

        for piece in pieces {
            switch piece {
            case .literal(let text, let range):
                stack[stack.count - 1].append(.literal(text, range))
            case .interpolation(let expression, let range):
                stack[stack.count - 1].append(.interpolation(expression, range))
            case .ifOpen(_, let range), .forOpen(_, _, _, let range):
                try enter(range)
                stack.append(Frame(opener: piece))
            case .elseMarker(let range):
                guard case .ifOpen(_, let ifRange)? = stack[stack.count - 1].opener else {
                    throw fail("unexpected \"else\" directive: no \"if\" is open", at: range)
                }
                guard stack[stack.count - 1].thenParts == nil else {
                    throw fail(
                        "unexpected second \"else\" for the \"if\" at line \(ifRange.start.line), column \(ifRange.start.column)",
                        at: range)
                }
                stack[stack.count - 1].flush()
                stack[stack.count - 1].thenParts = stack[stack.count - 1].parts
                stack[stack.count - 1].parts = []
                stack[stack.count - 1].elseRange = range
            case .endIf(let range):
                guard case .ifOpen(let condition, let ifRange)? = stack[stack.count - 1].opener else {
                    throw fail("unexpected \"endif\" directive: no \"if\" is open", at: range)
                }
                var frame = stack.removeLast()
                frame.flush()
                depth -= 1
                let part: Template.Part
                if let thenParts = frame.thenParts {
                    part = .ifDirective(
                        condition: condition, whenTrue: thenParts, whenFalse: frame.parts, ifRange.through(range))
                } else {
                    part = .ifDirective(
                        condition: condition, whenTrue: frame.parts, whenFalse: nil, ifRange.through(range))
                }
                stack[stack.count - 1].append(part)
            case .endFor(let range):
                guard case .forOpen(let key, let value, let collection, let forRange)? = stack[stack.count - 1].opener
                else {
                    throw fail("unexpected \"endfor\" directive: no \"for\" is open", at: range)
                }
                var frame = stack.removeLast()
                frame.flush()
                depth -= 1
                stack[stack.count - 1].append(
                    .forDirective(
                        keyVariable: key, valueVariable: value, collection: collection, body: frame.parts,
                        forRange.through(range)))
            }
        }
        if stack.count > 1, let opener = stack[stack.count - 1].opener {
            switch opener {
            case .forOpen(_, _, _, let range):
                throw fail("the \"for\" directive has no matching \"endfor\"", at: range)
            case .ifOpen(_, let range):
                throw fail("the \"if\" directive has no matching \"endif\"", at: range)
            default:
                break
            }
        }
        stack[0].flush()
        return stack[0].parts
    }
}

extension Parser.Piece {
    /// The same piece with its range widened to the whole `${ ... }` or `%{ ... }` sequence.
    fileprivate func with(range: SourceRange) -> Parser.Piece {
        switch self {
        case .literal(let text, _): return .literal(text, range)
        case .interpolation(let expression, _): return .interpolation(expression, range)
        case .ifOpen(let condition, _): return .ifOpen(condition, range)
        case .elseMarker: return .elseMarker(range)
        case .endIf: return .endIf(range)
        case .forOpen(let key, let value, let collection, _):
            return .forOpen(key: key, value: value, collection: collection, range)
        case .endFor: return .endFor(range)
        }
    }
}
