/// A workflow value with `${{ }}` expressions in it (`run: echo "${{ github.head_ref }}"`), split
/// into literal text and parsed expressions. Byte ranges are relative to the whole value.
public struct ExpressionTemplate: Sendable, Equatable {
    public enum Part: Sendable, Equatable {
        case text(String)
        /// An expression and the range of its `${{ … }}` in the value.
        case expression(WorkflowExpression, ByteRange)
    }

    public var parts: [Part] = []
    /// Expressions that do not parse, and a `${{` without its `}}`; the rest is still read.
    public var errors: [ExpressionError] = []

    /// Every expression of the value.
    public var expressions: [WorkflowExpression] {
        parts.compactMap {
            if case .expression(let expression, _) = $0 { return expression }
            return nil
        }
    }

    /// The context paths every expression of the value reads (`WorkflowExpression.contextPaths`).
    public var contextPaths: [String] { expressions.flatMap(\.contextPaths) }

    /// Splits `text`. An expression ends at the first `}}` outside a string literal.
    public init(_ text: String) {
        let bytes = Array(text.utf8)
        var literalStart = 0
        var index = 0
        while index + 2 < bytes.count {
            guard bytes[index] == UInt8(ascii: "$"), bytes[index + 1] == UInt8(ascii: "{"),
                bytes[index + 2] == UInt8(ascii: "{")
            else {
                index += 1
                continue
            }
            let open = index
            var cursor = index + 3
            var inString = false
            var close: Int?
            while cursor < bytes.count {
                let byte = bytes[cursor]
                if byte == UInt8(ascii: "'") {
                    inString.toggle()
                } else if !inString, byte == UInt8(ascii: "}"), cursor + 1 < bytes.count,
                    bytes[cursor + 1] == UInt8(ascii: "}")
                {
                    close = cursor
                    break
                }
                cursor += 1
            }
            if open > literalStart {
                parts.append(.text(String(decoding: bytes[literalStart..<open], as: UTF8.self)))
            }
            guard let close else {
                errors.append(ExpressionError("'${{' is not closed by '}}'", ByteRange(open, bytes.count)))
                literalStart = bytes.count
                break
            }
            let inner = String(decoding: bytes[(open + 3)..<close], as: UTF8.self)
            switch ExpressionParser.parse(inner) {
            case .success(let expression):
                parts.append(.expression(expression.shifted(by: open + 3), ByteRange(open, close + 2)))
            case .failure(let error):
                errors.append(
                    ExpressionError(
                        error.message, ByteRange(error.range.start + open + 3, error.range.end + open + 3)))
            }
            index = close + 2
            literalStart = index
        }
        if literalStart < bytes.count {
            parts.append(.text(String(decoding: bytes[literalStart...], as: UTF8.self)))
        }
    }
}

extension WorkflowExpression {
    /// The same tree with every range moved `offset` bytes on.
    func shifted(by offset: Int) -> WorkflowExpression {
        func move(_ range: ByteRange) -> ByteRange { ByteRange(range.start + offset, range.end + offset) }
        switch self {
        case .null(let range): return .null(move(range))
        case .bool(let value, let range): return .bool(value, move(range))
        case .number(let value, let range): return .number(value, move(range))
        case .string(let value, let range): return .string(value, move(range))
        case .context(let name, let range): return .context(name, move(range))
        case .property(let base, let name, let range): return .property(base.shifted(by: offset), name, move(range))
        case .index(let base, let index, let range):
            return .index(base.shifted(by: offset), index.shifted(by: offset), move(range))
        case .filter(let base, let range): return .filter(base.shifted(by: offset), move(range))
        case .not(let operand, let range): return .not(operand.shifted(by: offset), move(range))
        case .binary(let op, let left, let right, let range):
            return .binary(op, left.shifted(by: offset), right.shifted(by: offset), move(range))
        case .call(let name, let arguments, let range):
            return .call(name, arguments.map { $0.shifted(by: offset) }, move(range))
        }
    }
}
