/// Splits CEL source into tokens. Offsets count Unicode scalars from the start of the source.
struct Lexer {
    enum Kind: Equatable {
        case identifier(String)
        /// A backquoted field name, allowed only after `.`.
        case quotedIdentifier(String)
        case int(Int64)
        /// An integer literal one past Int64.max, valid only right after unary minus.
        case intMinMagnitude
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        case punctuation(String)
        case end
    }

    struct Token {
        var kind: Kind
        var offset: Int
    }

    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package",
        "namespace", "return", "var", "void", "while",
    ]

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        position + ahead < scalars.count ? scalars[position + ahead] : nil
    }

    /// All tokens, ending with `.end`.
    mutating func tokenize() throws(CompileError.Located) -> [Token] {
        var tokens: [Token] = []
        while true {
            skipSpaceAndComments()
            let start = position
            guard let scalar = peek() else {
                tokens.append(Token(kind: .end, offset: position))
                return tokens
            }
            tokens.append(Token(kind: try next(scalar), offset: start))
        }
    }

    private mutating func skipSpaceAndComments() {
        while let scalar = peek() {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}" {
                position += 1
            } else if scalar == "/" && peek(1) == "/" {
                while let c = peek(), c != "\n" { position += 1 }
            } else {
                return
            }
        }
    }

    private static func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
        s == "_" || ("a"..."z").contains(s) || ("A"..."Z").contains(s)
    }

    private static func isDigit(_ s: Unicode.Scalar?) -> Bool {
        guard let s else { return false }
        return ("0"..."9").contains(s)
    }

    private mutating func next(_ scalar: Unicode.Scalar) throws(CompileError.Located) -> Kind {
        let start = position
        if Self.isIdentifierStart(scalar) {
            var name = ""
            while let c = peek(), Self.isIdentifierStart(c) || Self.isDigit(c) {
                name.unicodeScalars.append(c)
                position += 1
            }
            // String and bytes prefixes: r, R, b, B and their pairs.
            let lower = name.lowercased()
            if ["r", "b", "rb", "br"].contains(lower), let quote = peek(), quote == "'" || quote == "\"" {
                return try stringLiteral(raw: lower.contains("r"), bytes: lower.contains("b"), start: start)
            }
            return .identifier(name)
        }
        if Self.isDigit(scalar) || (scalar == "." && Self.isDigit(peek(1))) {
            return try number(start: start)
        }
        if scalar == "'" || scalar == "\"" {
            return try stringLiteral(raw: false, bytes: false, start: start)
        }
        if scalar == "`" {
            // A quoted field name: m.`content-type`.
            position += 1
            var name = ""
            while let c = peek(), c != "`" {
                guard
                    c.properties.isASCIIHexDigit || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
                        || "_-./ ".unicodeScalars.contains(c)
                else {
                    throw CompileError.Located(message: "invalid character in quoted identifier", offset: position)
                }
                name.unicodeScalars.append(c)
                position += 1
            }
            guard peek() == "`", !name.isEmpty else {
                throw CompileError.Located(message: "unterminated quoted identifier", offset: start)
            }
            position += 1
            return .quotedIdentifier(name)
        }
        // `.?`, `[?` and `{?` stay two tokens: the parser reads them as optional forms.
        for operatorText in ["==", "!=", "<=", ">=", "&&", "||"] {
            if matches(operatorText) {
                position += operatorText.unicodeScalars.count
                return .punctuation(operatorText)
            }
        }
        if "+-*/%!<>?:.,[](){}".unicodeScalars.contains(scalar) {
            position += 1
            return .punctuation(String(scalar))
        }
        throw CompileError.Located(message: "unexpected character '\(scalar.escaped(asASCII: false))'", offset: start)
    }

    private func matches(_ text: String) -> Bool {
        var index = position
        for scalar in text.unicodeScalars {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
        }
        return true
    }

    // MARK: Numbers

    private mutating func number(start: Int) throws(CompileError.Located) -> Kind {
        if peek() == "0", let x = peek(1), x == "x" || x == "X" {
            position += 2
            var digits = ""
            while let c = peek(), c.properties.isASCIIHexDigit {
                digits.unicodeScalars.append(c)
                position += 1
            }
            guard !digits.isEmpty else {
                throw CompileError.Located(message: "invalid hexadecimal literal", offset: start)
            }
            if let u = peek(), u == "u" || u == "U" {
                position += 1
                guard let value = UInt64(digits, radix: 16) else {
                    throw CompileError.Located(message: "uint literal out of range", offset: start)
                }
                return .uint(value)
            }
            guard let value = Int64(digits, radix: 16) else {
                throw CompileError.Located(message: "int literal out of range", offset: start)
            }
            return .int(value)
        }
        var text = ""
        var isDouble = false
        while Self.isDigit(peek()) {
            text.unicodeScalars.append(scalars[position])
            position += 1
        }
        if peek() == ".", Self.isDigit(peek(1)) {
            isDouble = true
            text.append(".")
            position += 1
            while Self.isDigit(peek()) {
                text.unicodeScalars.append(scalars[position])
                position += 1
            }
        }
        if let e = peek(), e == "e" || e == "E" {
            var ahead = 1
            if let sign = peek(1), sign == "+" || sign == "-" { ahead = 2 }
            if Self.isDigit(peek(ahead)) {
                isDouble = true
                text.append("e")
                if ahead == 2, let sign = peek(1) { text.unicodeScalars.append(sign) }
                position += ahead
                while Self.isDigit(peek()) {
                    text.unicodeScalars.append(scalars[position])
                    position += 1
                }
            }
        }
        if isDouble {
            if text.hasPrefix(".") { text = "0" + text }
            guard let value = Double(text) else {
                throw CompileError.Located(message: "invalid double literal", offset: start)
            }
            return .double(value)
        }
        if let u = peek(), u == "u" || u == "U" {
            position += 1
            guard let value = UInt64(text) else {
                throw CompileError.Located(message: "uint literal out of range", offset: start)
            }
            return .uint(value)
        }
        if let value = Int64(text) { return .int(value) }
        if text == "9223372036854775808" { return .intMinMagnitude }
        throw CompileError.Located(message: "int literal out of range", offset: start)
    }

    // MARK: Strings

    private mutating func stringLiteral(raw: Bool, bytes: Bool, start: Int) throws(CompileError.Located) -> Kind {
        guard let quote = peek() else { throw CompileError.Located(message: "unterminated string", offset: start) }
        let triple = peek(1) == quote && peek(2) == quote
        position += triple ? 3 : 1
        var output: [UInt8] = []
        func appendScalar(_ scalar: Unicode.Scalar) {
            output.append(contentsOf: String(Character(scalar)).utf8)
        }
        while true {
            guard let c = peek() else {
                throw CompileError.Located(message: "unterminated string literal", offset: start)
            }
            if c == quote && (!triple || (peek(1) == quote && peek(2) == quote)) {
                position += triple ? 3 : 1
                break
            }
            if !triple && (c == "\n" || c == "\r") {
                throw CompileError.Located(
                    message: "unterminated string literal (newline in a single-quoted string)",
                    offset: start)
            }
            if c == "\\" && !raw {
                let escapeStart = position
                position += 1
                guard let e = peek() else {
                    throw CompileError.Located(message: "unterminated escape sequence", offset: escapeStart)
                }
                position += 1
                switch e {
                case "a": output.append(0x07)
                case "b": output.append(0x08)
                case "f": output.append(0x0C)
                case "n": output.append(0x0A)
                case "r": output.append(0x0D)
                case "t": output.append(0x09)
                case "v": output.append(0x0B)
                case "\\", "'", "\"", "`", "?": output.append(UInt8(e.value))
                case "x", "X":
                    let value = try hexDigits(2, escapeStart: escapeStart)
                    if bytes {
                        output.append(UInt8(value))
                    } else {
                        guard let scalar = Unicode.Scalar(value) else {
                            throw CompileError.Located(message: "invalid escape", offset: escapeStart)
                        }
                        appendScalar(scalar)
                    }
                case "u", "U":
                    if bytes {
                        throw CompileError.Located(
                            message: "\\\(e) escape is not allowed in bytes literals",
                            offset: escapeStart)
                    }
                    let value = try hexDigits(e == "u" ? 4 : 8, escapeStart: escapeStart)
                    guard let scalar = Unicode.Scalar(value) else {
                        throw CompileError.Located(
                            message: "invalid Unicode escape (not a scalar value)",
                            offset: escapeStart)
                    }
                    appendScalar(scalar)
                case "0"..."3":
                    var value = e.value - 48
                    for _ in 0..<2 {
                        guard let d = peek(), ("0"..."7").contains(d) else {
                            throw CompileError.Located(message: "invalid octal escape", offset: escapeStart)
                        }
                        value = value * 8 + (d.value - 48)
                        position += 1
                    }
                    if bytes {
                        output.append(UInt8(value))
                    } else if let scalar = Unicode.Scalar(value) {
                        appendScalar(scalar)
                    }
                default:
                    throw CompileError.Located(message: "invalid escape sequence '\\\(e)'", offset: escapeStart)
                }
                continue
            }
            appendScalar(c)
            position += 1
        }
        if bytes { return .bytes(output) }
        return .string(String(decoding: output, as: UTF8.self))
    }

    private mutating func hexDigits(_ count: Int, escapeStart: Int) throws(CompileError.Located) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let d = peek(), d.properties.isASCIIHexDigit, let digit = UInt32(String(d), radix: 16) else {
                throw CompileError.Located(message: "invalid hexadecimal escape", offset: escapeStart)
            }
            value = value &* 16 &+ digit
            position += 1
        }
        return value
    }
}
