/// Splits HCL source into tokens, in one pass over the bytes.
///
/// The lexer keeps a stack of modes, because the native syntax nests three sub-languages:
/// structure and expressions (`normal`), quoted templates, and heredocs. A `"` or a heredoc
/// introduction pushes a template mode; `${` and `%{` inside a template push `normal` again,
/// and the `}` that balances them (counting the braces of objects in between) pops it. So the
/// parser receives template text, interpolation markers and expression tokens already told
/// apart.
///
/// The lexer reports only errors about characters: invalid UTF-8, characters that belong to no
/// token, an unterminated `/*` comment, a byte order mark, a heredoc marker not followed by a
/// line break. Structural problems (an unterminated string or heredoc, an unclosed brace) are
/// left to the parser, which knows what was open.
struct Lexer {
    /// What the whole input is.
    enum Root {
        /// A configuration file or an expression.
        case structure
        /// A standalone template, such as a string in the JSON syntax.
        case template
    }

    /// An error about characters, with where it is.
    struct Problem {
        var message: String
        var range: SourceRange
    }

    private enum Mode {
        /// Structure and expressions; `braces` counts the `{` of objects and blocks opened in
        /// this mode and not yet closed.
        case normal(braces: Int)
        case quoted
        /// `marker` is where the marker's bytes are; `lineStart` is true at the start of each
        /// line, where the closing marker may appear.
        case heredoc(markerLower: Int, markerUpper: Int, lineStart: Bool)
        /// A standalone template: literal text to the end of the input.
        case bare
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var modes: [Mode]
    private var tokens: [Token] = []
    /// Character errors as buffer offsets; turned into positions at the end, in order, so that
    /// reporting one never sends position tracking back to the start.
    private var pending: [(message: String, lower: Int, upper: Int)] = []
    private let maxProblems: Int

    // Position tracking: either a table for every buffer index (a JSON string with escapes,
    // whose decoded bytes are not where the source has them), or counted as the lexer goes.
    private let table: [Position]?
    private let base: Position
    private var trackedIndex = 0
    private var trackedLine: Int
    private var trackedColumn: Int

    /// The tokens of `bytes`, ending with `.end`, and the character errors found.
    ///
    /// `base` is the source position of the first byte. `table`, when given, holds the source
    /// position of every buffer index from 0 to `bytes.count` inclusive and takes precedence.
    ///
    /// At most `maxProblems` character errors are kept (the first ones).
    static func tokenize(
        _ bytes: [UInt8], root: Root, base: Position = .start, table: [Position]? = nil, maxProblems: Int = 100
    ) -> (tokens: [Token], problems: [Problem]) {
        bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(buffer, root: root, base: base, table: table, maxProblems: maxProblems)
            lexer.run()
            return (lexer.tokens, lexer.locatedProblems())
        }
    }

    private init(
        _ bytes: UnsafeBufferPointer<UInt8>, root: Root, base: Position, table: [Position]?, maxProblems: Int
    ) {
        self.bytes = bytes
        self.base = base
        self.table = table
        self.maxProblems = maxProblems
        trackedLine = base.line
        trackedColumn = base.column
        modes = [root == .structure ? .normal(braces: 0) : .bare]
        tokens.reserveCapacity(bytes.count / 4 + 16)
    }

    // MARK: Positions

    /// The source position of buffer index `target`. Calls come in increasing order, so
    /// counting lines and columns as we go costs one pass in all.
    private mutating func position(_ target: Int) -> Position {
        if let table {
            return table[min(max(target, 0), table.count - 1)]
        }
        if target < trackedIndex {
            trackedIndex = 0
            trackedLine = base.line
            trackedColumn = base.column
        }
        var line = trackedLine
        var column = trackedColumn
        var cursor = trackedIndex
        while cursor < target {
            let byte = bytes[cursor]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            cursor += 1
        }
        trackedIndex = cursor
        trackedLine = line
        trackedColumn = column
        return Position(offset: base.offset + target, line: line, column: column)
    }

    private mutating func emit(_ kind: TokenKind, _ lower: Int, _ upper: Int) {
        let start = position(lower)
        let end = position(upper)
        tokens.append(Token(kind: kind, lower: Int32(lower), upper: Int32(upper), start: start, end: end))
    }

    private mutating func report(_ message: String, _ lower: Int, _ upper: Int) {
        guard pending.count < maxProblems else { return }
        pending.append((message, lower, min(upper, bytes.count)))
    }

    /// The character errors with their positions, in source order (one more counting pass,
    /// after the tokens).
    private mutating func locatedProblems() -> [Problem] {
        guard !pending.isEmpty else { return [] }
        trackedIndex = 0
        trackedLine = base.line
        trackedColumn = base.column
        var problems: [Problem] = []
        for problem in pending.sorted(by: { $0.lower < $1.lower }) {
            let start = position(problem.lower)
            problems.append(
                Problem(message: problem.message, range: SourceRange(start: start, end: position(problem.upper))))
        }
        return problems
    }

    private func byte(_ at: Int) -> UInt8? {
        at < bytes.count ? bytes[at] : nil
    }

    // MARK: Driver

    private mutating func run() {
        while index < bytes.count {
            guard let mode = modes.last else { break }
            switch mode {
            case .normal(let braces): lexNormal(braces: braces)
            case .quoted: lexQuoted()
            case .heredoc(let lower, let upper, let lineStart):
                lexHeredoc(markerLower: lower, markerUpper: upper, lineStart: lineStart)
            case .bare: lexTemplateText(stopAtLineEnd: false)
            }
        }
        emit(.end, bytes.count, bytes.count)
    }

    private mutating func setTop(_ mode: Mode) {
        modes[modes.count - 1] = mode
    }

    // MARK: Structure and expressions

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F
    }

    private static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
    }

    private static func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= 0x30 && byte <= 0x39
    }

    /// One token (or a run of spaces, or a comment) in `normal` mode.
    private mutating func lexNormal(braces: Int) {
        let start = index
        let first = bytes[index]
        switch first {
        case 0x20, 0x09:
            index += 1
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        case 0x0A:
            index += 1
            emit(.newline, start, index)
        case 0x0D:
            if byte(index + 1) == 0x0A {
                index += 2
                emit(.newline, start, index)
            } else {
                unexpected(0x0D, length: 1)
            }
        case UInt8(ascii: "#"):
            lineComment()
        case UInt8(ascii: "/"):
            switch byte(index + 1) {
            case UInt8(ascii: "/"): lineComment()
            case UInt8(ascii: "*"): blockComment()
            default: single(.slash)
            }
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            identifier()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            number()
        case UInt8(ascii: "\""):
            single(.openQuote)
            modes.append(.quoted)
        case UInt8(ascii: "<"):
            if byte(index + 1) == UInt8(ascii: "<"), heredocIntroduction() {
                return
            }
            if byte(index + 1) == UInt8(ascii: "=") { double(.lessEqual) } else { single(.less) }
        case UInt8(ascii: ">"):
            if byte(index + 1) == UInt8(ascii: "=") { double(.greaterEqual) } else { single(.greater) }
        case UInt8(ascii: "="):
            switch byte(index + 1) {
            case UInt8(ascii: "="): double(.equal)
            case UInt8(ascii: ">"): double(.fatArrow)
            default: single(.assign)
            }
        case UInt8(ascii: "!"):
            if byte(index + 1) == UInt8(ascii: "=") { double(.notEqual) } else { single(.bang) }
        case UInt8(ascii: "&"):
            if byte(index + 1) == UInt8(ascii: "&") { double(.and) } else { unexpected(first, length: 1) }
        case UInt8(ascii: "|"):
            if byte(index + 1) == UInt8(ascii: "|") { double(.or) } else { unexpected(first, length: 1) }
        case UInt8(ascii: ":"):
            if byte(index + 1) == UInt8(ascii: ":") { double(.doubleColon) } else { single(.colon) }
        case UInt8(ascii: "."):
            if byte(index + 1) == UInt8(ascii: "."), byte(index + 2) == UInt8(ascii: ".") {
                index += 3
                emit(.ellipsis, start, index)
            } else {
                single(.dot)
            }
        case UInt8(ascii: "+"): single(.plus)
        case UInt8(ascii: "-"): single(.minus)
        case UInt8(ascii: "*"): single(.star)
        case UInt8(ascii: "%"): single(.percent)
        case UInt8(ascii: "?"): single(.question)
        case UInt8(ascii: ","): single(.comma)
        case UInt8(ascii: "~"): single(.tilde)
        case UInt8(ascii: "["): single(.openBracket)
        case UInt8(ascii: "]"): single(.closeBracket)
        case UInt8(ascii: "("): single(.openParen)
        case UInt8(ascii: ")"): single(.closeParen)
        case UInt8(ascii: "{"):
            single(.openBrace)
            setTop(.normal(braces: braces + 1))
        case UInt8(ascii: "}"):
            if braces > 0 {
                single(.closeBrace)
                setTop(.normal(braces: braces - 1))
            } else if modes.count > 1 {
                single(.sequenceEnd)
                modes.removeLast()
            } else {
                single(.closeBrace)
            }
        case 0x80...:
            guard let (value, length) = UTF8Decoding.decode(bytes, at: index) else {
                invalidUTF8()
                emit(.invalid, start, index)
                return
            }
            if value == 0xFEFF {
                report("a byte order mark is not allowed", index, index + length)
                index += length
            } else if let scalar = Unicode.Scalar(value), scalar.properties.isIDStart {
                identifier()
            } else {
                unexpected(value, length: length)
            }
        default:
            unexpected(UInt32(first), length: 1)
        }
    }

    private mutating func single(_ kind: TokenKind) {
        index += 1
        emit(kind, index - 1, index)
    }

    private mutating func double(_ kind: TokenKind) {
        index += 2
        emit(kind, index - 2, index)
    }

    private mutating func unexpected<Value: BinaryInteger>(_ value: Value, length: Int) {
        report("unexpected character \(UTF8Decoding.describe(UInt32(value)))", index, index + length)
        index += length
        emit(.invalid, index - length, index)
    }

    /// Reports the invalid byte at `index` and steps over it and the continuation bytes after
    /// it, so that one broken sequence is one error.
    private mutating func invalidUTF8() {
        let start = index
        index += 1
        while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
        report("invalid UTF-8", start, index)
    }

    /// `Identifier = ID_Start (ID_Continue | '-')*`, with `_` also allowed first.
    private mutating func identifier() {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                guard Self.isIdentifierContinue(byte) else { break }
                index += 1
            } else {
                guard let (value, length) = UTF8Decoding.decode(bytes, at: index),
                    let scalar = Unicode.Scalar(value), scalar.properties.isIDContinue
                else { break }
                index += length
            }
        }
        if index == start { index += 1 }
        emit(.identifier, start, index)
    }

    /// `decimal+ ("." decimal+)? (("e" | "E") ("+" | "-")? decimal+)?`: a dot or an exponent
    /// mark belongs to the number only when digits follow it.
    private mutating func number() {
        let start = index
        while Self.isDigit(byte(index)) { index += 1 }
        if byte(index) == UInt8(ascii: "."), Self.isDigit(byte(index + 1)) {
            index += 1
            while Self.isDigit(byte(index)) { index += 1 }
        }
        if let mark = byte(index), mark == UInt8(ascii: "e") || mark == UInt8(ascii: "E") {
            var digits = index + 1
            if let sign = byte(digits), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { digits += 1 }
            if Self.isDigit(byte(digits)) {
                index = digits
                while Self.isDigit(byte(index)) { index += 1 }
            }
        }
        emit(.number, start, index)
    }

    /// `#` or `//` to the end of the line: one newline token covering the comment and the break.
    private mutating func lineComment() {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                index += 1
                break
            }
            if byte < 0x80 {
                index += 1
            } else if let (_, length) = UTF8Decoding.decode(bytes, at: index) {
                index += length
            } else {
                invalidUTF8()
            }
        }
        emit(.newline, start, index)
    }

    /// `/* ... */`: skipped like spaces.
    private mutating func blockComment() {
        let start = index
        index += 2
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "*"), self.byte(index + 1) == UInt8(ascii: "/") {
                index += 2
                return
            }
            if byte < 0x80 {
                index += 1
            } else if let (_, length) = UTF8Decoding.decode(bytes, at: index) {
                index += length
            } else {
                invalidUTF8()
            }
        }
        report("unterminated comment: \"/*\" has no matching \"*/\"", start, start + 2)
    }

    /// `<<EOT` or `<<-EOT` and its line break. Returns false (consuming nothing) when the
    /// text is not a heredoc introduction.
    private mutating func heredocIntroduction() -> Bool {
        let start = index
        var cursor = index + 2
        if byte(cursor) == UInt8(ascii: "-") { cursor += 1 }
        guard let first = byte(cursor), Self.isIdentifierStart(first) else { return false }
        let markerLower = cursor
        while let next = byte(cursor), Self.isIdentifierContinue(next) { cursor += 1 }
        let markerUpper = cursor
        if byte(cursor) == 0x0A {
            cursor += 1
        } else if byte(cursor) == 0x0D, byte(cursor + 1) == 0x0A {
            cursor += 2
        } else {
            report("a heredoc marker must be followed by a line break", start, markerUpper)
            index = markerUpper
            emit(.invalid, start, markerUpper)
            return true
        }
        index = cursor
        emit(.openHeredoc, start, cursor)
        modes.append(.heredoc(markerLower: markerLower, markerUpper: markerUpper, lineStart: true))
        return true
    }

    // MARK: Templates

    /// Literal text of a quoted template, then what ends it: the closing quote, `${`, `%{`,
    /// or a line break or the end of input (an unterminated string: the mode is dropped and
    /// the parser reports it).
    private mutating func lexQuoted() {
        let start = index
        scan: while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""), 0x0A:
                break scan
            case 0x0D where self.byte(index + 1) == 0x0A:
                break scan
            case UInt8(ascii: "\\"):
                index += 1
                if let next = self.byte(index), next < 0x80, next != 0x0A, next != 0x0D { index += 1 }
            case UInt8(ascii: "$"), UInt8(ascii: "%"):
                if self.byte(index + 1) == UInt8(ascii: "{") { break scan }
                if self.byte(index + 1) == byte, self.byte(index + 2) == UInt8(ascii: "{") {
                    index += 3
                } else {
                    index += 1
                }
            case 0x80...:
                if let (_, length) = UTF8Decoding.decode(bytes, at: index) {
                    index += length
                } else {
                    invalidUTF8()
                }
            default:
                index += 1
            }
        }
        if index > start { emit(.literal, start, index) }
        guard index < bytes.count else {
            modes.removeLast()
            return
        }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            single(.closeQuote)
            modes.removeLast()
        case UInt8(ascii: "$"):
            double(.interpolation)
            modes.append(.normal(braces: 0))
        case UInt8(ascii: "%"):
            double(.directive)
            modes.append(.normal(braces: 0))
        default:
            modes.removeLast()
        }
    }

    /// At the start of a heredoc line, the closing marker (after optional spaces or tabs, then
    /// a line break or the end of input); otherwise template text to the end of the line.
    private mutating func lexHeredoc(markerLower: Int, markerUpper: Int, lineStart: Bool) {
        if lineStart {
            var cursor = index
            while let byte = byte(cursor), byte == 0x20 || byte == 0x09 { cursor += 1 }
            let length = markerUpper - markerLower
            var matches = cursor + length <= bytes.count
            var offset = 0
            while matches, offset < length {
                matches = bytes[cursor + offset] == bytes[markerLower + offset]
                offset += 1
            }
            if matches {
                let after = cursor + length
                if after == bytes.count || bytes[after] == 0x0A
                    || (bytes[after] == 0x0D && byte(after + 1) == 0x0A)
                {
                    index = after
                    emit(.closeHeredoc, cursor, after)
                    modes.removeLast()
                    return
                }
            }
            setTop(.heredoc(markerLower: markerLower, markerUpper: markerUpper, lineStart: false))
        }
        if lexTemplateText(stopAtLineEnd: true) {
            setTop(.heredoc(markerLower: markerLower, markerUpper: markerUpper, lineStart: true))
        }
    }

    /// Template text of a heredoc line (through its line break, when `stopAtLineEnd`) or of a
    /// standalone template, then `${` or `%{` if that is what stopped it. Returns true when the
    /// text ended with a line break.
    @discardableResult
    private mutating func lexTemplateText(stopAtLineEnd: Bool) -> Bool {
        let start = index
        var endedLine = false
        scan: while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                index += 1
                if stopAtLineEnd {
                    endedLine = true
                    break scan
                }
            case UInt8(ascii: "$"), UInt8(ascii: "%"):
                if self.byte(index + 1) == UInt8(ascii: "{") { break scan }
                if self.byte(index + 1) == byte, self.byte(index + 2) == UInt8(ascii: "{") {
                    index += 3
                } else {
                    index += 1
                }
            case 0x80...:
                if let (_, length) = UTF8Decoding.decode(bytes, at: index) {
                    index += length
                } else {
                    invalidUTF8()
                }
            default:
                index += 1
            }
        }
        if index > start { emit(.literal, start, index) }
        if endedLine || index >= bytes.count { return endedLine }
        if bytes[index] == UInt8(ascii: "$") {
            double(.interpolation)
        } else {
            double(.directive)
        }
        modes.append(.normal(braces: 0))
        return false
    }
}
