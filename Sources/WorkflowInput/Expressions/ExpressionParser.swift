/// Reads the expression language of GitHub Actions (the text between `${{` and `}}`, or an
/// `if:` condition) into a `WorkflowExpression`.
///
/// Grammar, loosest first: `||`, `&&`, `==` `!=`, `<` `<=` `>` `>=`, prefix `!`, then postfix
/// `.name`, `.*` and `[index]` on a primary: a literal (`null`, `true`, `false`, a number — decimal,
/// hexadecimal, with exponent — or a single-quoted string where `''` is a quote), a context name,
/// a call `name(arguments)`, or a parenthesised expression. Names may hold letters, digits, `_`
/// and `-` (`steps.build-image.outputs`). Nesting is bounded, so hostile input costs linear time
/// and bounded stack.
public struct ExpressionParser: Sendable {
    /// Deepest nesting of parentheses, calls, indexes and operators accepted.
    public static let depthLimit = 64

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    private init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The tree of `text`, or the first error with its byte range.
    public static func parse(_ text: String) -> Result<WorkflowExpression, ExpressionError> {
        var parser = ExpressionParser(text)
        do throws(ExpressionError) {
            parser.skipSpace()
            guard parser.position < parser.bytes.count else {
                throw ExpressionError("empty expression", ByteRange(0, parser.bytes.count))
            }
            let expression = try parser.parseOr()
            parser.skipSpace()
            if parser.position < parser.bytes.count {
                throw ExpressionError(
                    "unexpected \(parser.describeHere()) after a complete expression",
                    ByteRange(parser.position, parser.position + 1))
            }
            return .success(expression)
        } catch {
            return .failure(error)
        }
    }

    // MARK: Operators

    private mutating func parseOr() throws(ExpressionError) -> WorkflowExpression {
        try nested { (parser: inout ExpressionParser) throws(ExpressionError) in
            var left = try parser.parseAnd()
            while parser.take("||") {
                let right = try parser.parseAnd()
                left = .binary(.or, left, right, ByteRange(left.range.start, right.range.end))
            }
            return left
        }
    }

    private mutating func parseAnd() throws(ExpressionError) -> WorkflowExpression {
        var left = try parseEquality()
        while take("&&") {
            let right = try parseEquality()
            left = .binary(.and, left, right, ByteRange(left.range.start, right.range.end))
        }
        return left
    }

    private mutating func parseEquality() throws(ExpressionError) -> WorkflowExpression {
        var left = try parseComparison()
        while true {
            let op: WorkflowExpression.BinaryOperator
            if take("==") {
                op = .equal
            } else if take("!=") {
                op = .notEqual
            } else {
                return left
            }
            let right = try parseComparison()
            left = .binary(op, left, right, ByteRange(left.range.start, right.range.end))
        }
    }

    private mutating func parseComparison() throws(ExpressionError) -> WorkflowExpression {
        var left = try parseUnary()
        while true {
            let op: WorkflowExpression.BinaryOperator
            if take("<=") {
                op = .lessOrEqual
            } else if take(">=") {
                op = .greaterOrEqual
            } else if take("<") {
                op = .less
            } else if take(">") {
                op = .greater
            } else {
                return left
            }
            let right = try parseUnary()
            left = .binary(op, left, right, ByteRange(left.range.start, right.range.end))
        }
    }

    private mutating func parseUnary() throws(ExpressionError) -> WorkflowExpression {
        skipSpace()
        let start = position
        if peek() == UInt8(ascii: "!"), peek(1) != UInt8(ascii: "=") {
            position += 1
            let operand = try nested { (parser: inout ExpressionParser) throws(ExpressionError) in
                try parser.parseUnary()
            }
            return .not(operand, ByteRange(start, operand.range.end))
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(ExpressionError) -> WorkflowExpression {
        var base = try parsePrimary()
        while true {
            skipSpace()
            let start = base.range.start
            if peek() == UInt8(ascii: ".") {
                position += 1
                skipSpace()
                if peek() == UInt8(ascii: "*") {
                    position += 1
                    base = .filter(base, ByteRange(start, position))
                    continue
                }
                guard let name = readName() else {
                    throw ExpressionError(
                        "expected a property name or * after '.', found \(describeHere())",
                        ByteRange(position, position + 1))
                }
                base = .property(base, name, ByteRange(start, position))
            } else if peek() == UInt8(ascii: "[") {
                position += 1
                let index = try nested { (parser: inout ExpressionParser) throws(ExpressionError) in
                    try parser.parseOr()
                }
                guard take("]") else {
                    throw ExpressionError(
                        "expected ']' to close the index, found \(describeHere())", ByteRange(position, position + 1))
                }
                base = .index(base, index, ByteRange(start, position))
            } else {
                return base
            }
        }
    }

    private mutating func parsePrimary() throws(ExpressionError) -> WorkflowExpression {
        skipSpace()
        let start = position
        guard let byte = peek() else {
            throw ExpressionError("the expression ends where a value was expected", ByteRange(position, position))
        }
        if byte == UInt8(ascii: "(") {
            position += 1
            let inner = try nested { (parser: inout ExpressionParser) throws(ExpressionError) in
                try parser.parseOr()
            }
            guard take(")") else {
                throw ExpressionError(
                    "expected ')' to close the parenthesis opened at \(start), found \(describeHere())",
                    ByteRange(position, position + 1))
            }
            return inner
        }
        if byte == UInt8(ascii: "'") { return try readString() }
        if Self.isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || (byte == UInt8(ascii: ".") && peek(1).map(Self.isDigit) == true)
        {
            return try readNumber()
        }
        guard let name = readName() else {
            throw ExpressionError("unexpected \(describeHere())", ByteRange(position, position + 1))
        }
        let range = ByteRange(start, position)
        skipSpace()
        if peek() == UInt8(ascii: "(") {
            position += 1
            var arguments: [WorkflowExpression] = []
            skipSpace()
            if !take(")") {
                repeat {
                    let argument = try nested { (parser: inout ExpressionParser) throws(ExpressionError) in
                        try parser.parseOr()
                    }
                    arguments.append(argument)
                } while take(",")
                guard take(")") else {
                    throw ExpressionError(
                        "expected ',' or ')' in the arguments of \(name), found \(describeHere())",
                        ByteRange(position, position + 1))
                }
            }
            return .call(name, arguments, ByteRange(start, position))
        }
        switch name.lowercased() {
        case "true": return .bool(true, range)
        case "false": return .bool(false, range)
        case "null": return .null(range)
        case "nan": return .number(.nan, range)
        case "infinity": return .number(.infinity, range)
        default: return .context(name, range)
        }
    }

    // MARK: Tokens

    private mutating func readString() throws(ExpressionError) -> WorkflowExpression {
        let start = position
        position += 1
        var text: [UInt8] = []
        while let byte = peek() {
            position += 1
            if byte == UInt8(ascii: "'") {
                if peek() == UInt8(ascii: "'") {
                    text.append(byte)
                    position += 1
                    continue
                }
                return .string(String(decoding: text, as: UTF8.self), ByteRange(start, position))
            }
            text.append(byte)
        }
        throw ExpressionError("unterminated string", ByteRange(start, position))
    }

    private mutating func readNumber() throws(ExpressionError) -> WorkflowExpression {
        let start = position
        while let byte = peek(),
            Self.isDigit(byte) || Self.isLetter(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+")
        {
            // A sign is part of the number only at its start or right after an exponent.
            if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") {
                let previous = position > start ? bytes[position - 1] : nil
                guard position == start || previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else { break }
            }
            position += 1
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        var digits = Substring(text)
        var sign = 1.0
        if let first = digits.first, first == "-" || first == "+" {
            sign = first == "-" ? -1 : 1
            digits = digits.dropFirst()
        }
        let value: Double?
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            value = UInt64(digits.dropFirst(2), radix: 16).map { Double($0) }
        } else if digits.allSatisfy({ $0.isASCII && ($0.isNumber || "eE.+-".contains($0)) }) {
            value = Double(digits)
        } else {
            value = nil
        }
        guard let value else { throw ExpressionError("malformed number \(text)", ByteRange(start, position)) }
        return .number(sign * value, ByteRange(start, position))
    }

    private mutating func readName() -> String? {
        guard let first = peek(), Self.isLetter(first) || first == UInt8(ascii: "_") else { return nil }
        let start = position
        while let byte = peek(),
            Self.isLetter(byte) || Self.isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        {
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func take(_ token: StaticString) -> Bool {
        skipSpace()
        let count = token.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let matches = token.withUTF8Buffer { buffer in
            (0..<count).allSatisfy { bytes[position + $0] == buffer[$0] }
        }
        if matches { position += count }
        return matches
    }

    private mutating func skipSpace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { position += 1 }
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    private func describeHere() -> String {
        guard let byte = peek() else { return "the end of the expression" }
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    private mutating func nested(
        _ body: (inout ExpressionParser) throws(ExpressionError) -> WorkflowExpression
    ) throws(ExpressionError) -> WorkflowExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.depthLimit else {
            throw ExpressionError(
                "the expression nests more than \(Self.depthLimit) levels deep", ByteRange(position, position + 1))
        }
        return try body(&self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
