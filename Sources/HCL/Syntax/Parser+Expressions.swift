extension Parser {
    typealias Splat = Expression.Splat

    // MARK: Operators

    /// `Expression = Binary ("?" Expression ":" Expression)?`
    mutating func parseExpression() throws(Failure) -> Expression {
        try enter(current.range)
        defer { depth -= 1 }
        let condition = try parseBinary(minimum: 1)
        guard current.kind == .question else { return condition }
        index += 1
        let whenTrue = try parseExpression()
        let colon = current
        guard colon.kind == .colon else {
            throw fail("expected \":\" in the conditional expression but found \(describe(colon))", at: colon.range)
        }
        index += 1
        let whenFalse = try parseExpression()
        return .conditional(
            condition: condition, whenTrue: whenTrue, whenFalse: whenFalse, condition.range.through(whenFalse.range))
    }

    private static func binaryOperator(_ kind: TokenKind) -> Expression.BinaryOperator? {
        switch kind {
        case .or: return .or
        case .and: return .and
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .greater: return .greater
        case .lessEqual: return .lessEqual
        case .greaterEqual: return .greaterEqual
        case .plus: return .add
        case .minus: return .subtract
        case .star: return .multiply
        case .slash: return .divide
        case .percent: return .modulo
        default: return nil
        }
    }

    /// Precedence climbing over the binary operators: left-associative, higher precedence
    /// binds tighter. Each operator of a chain counts as a level of nesting, since the tree
    /// it builds is that deep.
    private mutating func parseBinary(minimum: Int) throws(Failure) -> Expression {
        var left = try parseUnary()
        var chain = 0
        defer { depth -= chain }
        while let operation = Self.binaryOperator(current.kind), operation.precedence >= minimum {
            let token = current
            index += 1
            try enter(token.range)
            chain += 1
            let right = try parseBinary(minimum: operation.precedence + 1)
            left = .binary(operation, left, right, left.range.through(right.range))
        }
        return left
    }

    /// `("!" | "-") Unary | Term`. `-` directly before a number literal is folded into it.
    private mutating func parseUnary() throws(Failure) -> Expression {
        let token = current
        guard token.kind == .bang || token.kind == .minus else {
            return try parsePostfix(try parsePrimary(), splat: nil)
        }
        index += 1
        try enter(token.range)
        defer { depth -= 1 }
        if token.kind == .minus, current.kind == .number {
            let number = current
            let after = tokens[lookahead(1)].kind
            if after != .dot, after != .openBracket {
                index += 1
                return .literal(.number("-" + text(number)), token.range.through(number.range))
            }
        }
        let operand = try parseUnary()
        return .unary(token.kind == .bang ? .not : .negate, operand, token.range.through(operand.range))
    }

    // MARK: Traversals and splats

    /// Attribute access, indexes (and legacy `.0` indexes) and splats after a term.
    ///
    /// Inside a splat (`splat` set), the steps belong to the splat's `each` expression: after
    /// `.*` only attribute names do, after `[*]` any steps do, and the splat ends where they end.
    private mutating func parsePostfix(_ base: Expression, splat: Splat.Kind?) throws(Failure) -> Expression {
        var expression = base
        var chain = 0
        defer { depth -= chain }
        steps: while true {
            let token = current
            switch token.kind {
            case .dot:
                let nextIndex = lookahead(1)
                let next = tokens[nextIndex]
                switch next.kind {
                case .identifier:
                    index = nextIndex + 1
                    try enter(next.range)
                    chain += 1
                    expression = .attribute(expression, name: text(next), expression.range.through(next.range))
                case .number:
                    if splat == .attributes { break steps }
                    let digits = text(next)
                    guard digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                        throw fail(
                            "an index after \".\" must be a whole number; write [\(digits)] or chain [i][j] instead",
                            at: next.range)
                    }
                    index = nextIndex + 1
                    try enter(next.range)
                    chain += 1
                    expression = .index(
                        expression, key: .literal(.number(digits), next.range), expression.range.through(next.range))
                case .star:
                    if splat != nil { break steps }
                    index = nextIndex + 1
                    try enter(token.range)
                    chain += 1
                    let each = try parsePostfix(.splatItem(token.range.through(next.range)), splat: .attributes)
                    expression = .splat(
                        Splat(source: expression, each: each, kind: .attributes), expression.range.through(each.range))
                case .invalid:
                    throw failSilently()
                default:
                    throw fail("expected an attribute name after \".\" but found \(describe(next))", at: next.range)
                }
            case .openBracket:
                if splat == .attributes { break steps }
                let starIndex = lookahead(1)
                let closeIndex = lookahead(2)
                if tokens[starIndex].kind == .star, tokens[closeIndex].kind == .closeBracket {
                    index = closeIndex + 1
                    try enter(token.range)
                    chain += 1
                    let each = try parsePostfix(.splatItem(token.range.through(tokens[closeIndex].range)), splat: .full)
                    expression = .splat(
                        Splat(source: expression, each: each, kind: .full), expression.range.through(each.range))
                } else {
                    index += 1
                    try enter(token.range)
                    chain += 1
                    pushNewlines(false)
                    let key = try parseExpression()
                    let close = current
                    guard close.kind == .closeBracket else {
                        throw fail("expected \"]\" to close the index but found \(describe(close))", at: close.range)
                    }
                    index += 1
                    popNewlines()
                    expression = .index(expression, key: key, expression.range.through(close.range))
                }
            default:
                break steps
            }
        }
        return expression
    }

    // MARK: Terms

    private mutating func parsePrimary() throws(Failure) -> Expression {
        let token = current
        switch token.kind {
        case .number:
            index += 1
            return .literal(.number(text(token)), token.range)
        case .identifier:
            index += 1
            if isWord(token, "true") { return .literal(.bool(true), token.range) }
            if isWord(token, "false") { return .literal(.bool(false), token.range) }
            if isWord(token, "null") { return .literal(.null, token.range) }
            let next = current
            if next.kind == .openParen {
                return try parseCall(name: text(token), nameRange: token.range)
            }
            if next.kind == .doubleColon {
                return try parseNamespacedCall(first: token)
            }
            return .variable(text(token), token.range)
        case .openQuote:
            return try parseQuotedTemplate()
        case .openHeredoc:
            return try parseHeredoc()
        case .openBracket:
            return try parseTuple()
        case .openBrace:
            return try parseObject()
        case .openParen:
            index += 1
            pushNewlines(false)
            let inner = try parseExpression()
            let close = current
            guard close.kind == .closeParen else {
                throw fail("expected \")\" but found \(describe(close))", at: close.range)
            }
            index += 1
            popNewlines()
            return .parenthesized(inner, token.range.through(close.range))
        case .invalid:
            throw failSilently()
        default:
            throw fail("expected an expression but found \(describe(token))", at: token.range)
        }
    }

    /// `name::name::...::name(arguments)`: a function in a namespace, such as a provider's.
    private mutating func parseNamespacedCall(first: Token) throws(Failure) -> Expression {
        var name = text(first)
        var last = first
        while current.kind == .doubleColon {
            index += 1
            let part = current
            guard part.kind == .identifier else {
                throw fail("expected a name after \"::\" but found \(describe(part))", at: part.range)
            }
            index += 1
            name += "::" + text(part)
            last = part
        }
        let open = current
        guard open.kind == .openParen else {
            throw fail("expected \"(\" after the function name \"\(name)\" but found \(describe(open))", at: open.range)
        }
        return try parseCall(name: name, nameRange: first.range.through(last.range))
    }

    /// The arguments of a call, from `(` to `)`; the last may be followed by `...`.
    private mutating func parseCall(name: String, nameRange: SourceRange) throws(Failure) -> Expression {
        index += 1
        pushNewlines(false)
        var arguments: [Expression] = []
        var expands = false
        while current.kind != .closeParen {
            arguments.append(try parseExpression())
            let token = current
            if token.kind == .ellipsis {
                index += 1
                expands = true
                let close = current
                guard close.kind == .closeParen else {
                    throw fail(
                        "expected \")\" after \"...\": only the last argument can be expanded, but found \(describe(close))",
                        at: close.range)
                }
                break
            }
            if token.kind == .comma {
                index += 1
                continue
            }
            if token.kind == .closeParen { break }
            if token.kind == .invalid { throw failSilently() }
            throw fail(
                "expected \",\" or \")\" in the arguments of \"\(name)\" but found \(describe(token))", at: token.range)
        }
        let close = current
        index += 1
        popNewlines()
        let call = Expression.FunctionCall(
            name: name, nameRange: nameRange, arguments: arguments, expandsFinalArgument: expands)
        return .call(call, nameRange.through(close.range))
    }

    // MARK: Collections

    /// `[a, b, ...]` or `[for ...]`.
    private mutating func parseTuple() throws(Failure) -> Expression {
        let open = current
        index += 1
        pushNewlines(false)
        if isWord(current, "for") {
            let result = try parseFor(open: open, object: false)
            popNewlines()
            return result
        }
        var elements: [Expression] = []
        while current.kind != .closeBracket {
            elements.append(try parseExpression())
            let token = current
            if token.kind == .comma {
                index += 1
                continue
            }
            if token.kind == .closeBracket { break }
            if token.kind == .invalid { throw failSilently() }
            throw fail("expected \",\" or \"]\" in the tuple but found \(describe(token))", at: token.range)
        }
        let close = current
        index += 1
        popNewlines()
        return .tuple(elements, open.range.through(close.range))
    }

    /// `{ key = value, ... }` (items separated by commas or line breaks) or `{for ...}`.
    private mutating func parseObject() throws(Failure) -> Expression {
        let open = current
        index += 1
        pushNewlines(true)
        while current.kind == .newline { index += 1 }
        if isWord(current, "for") {
            pushNewlines(false)
            let result = try parseFor(open: open, object: true)
            popNewlines()
            popNewlines()
            return result
        }
        var items: [Expression.ObjectItem] = []
        while true {
            while current.kind == .newline { index += 1 }
            if current.kind == .closeBrace { break }
            let key = try parseObjectKey()
            let separator = current
            guard separator.kind == .assign || separator.kind == .colon else {
                if separator.kind == .invalid { throw failSilently() }
                throw fail(
                    "expected \"=\" or \":\" after the object key but found \(describe(separator))", at: separator.range
                )
            }
            index += 1
            let value = try parseExpression()
            items.append(Expression.ObjectItem(key: key, value: value, range: key.range.through(value.range)))
            let token = current
            switch token.kind {
            case .comma, .newline: index += 1
            case .closeBrace: break
            case .invalid: throw failSilently()
            default:
                throw fail(
                    "expected \",\", a line break or \"}\" after the object item but found \(describe(token))",
                    at: token.range)
            }
        }
        let close = current
        index += 1
        popNewlines()
        return .object(items, open.range.through(close.range))
    }

    /// A bare name followed by `=` or `:` is the literal key; anything else is an expression,
    /// except a reference such as `var.name`, which is ambiguous (a name with dots, or the
    /// value it refers to?) and must be written in parentheses or in quotes.
    private mutating func parseObjectKey() throws(Failure) -> Expression.ObjectKey {
        let token = current
        if token.kind == .identifier {
            let next = tokens[lookahead(1)].kind
            if next == .assign || next == .colon {
                index += 1
                return .name(text(token), token.range)
            }
        }
        let start = token
        let key = try parseExpression()
        if Self.isReference(key) {
            let written = String(
                decoding: buffer[Int(start.lower)..<Int(tokens[max(index - 1, 0)].upper)], as: UTF8.self)
            throw fail(
                "ambiguous object key \"\(written)\": write (\(written)) for the value it refers to, or \"\(written)\" for a name with dots",
                at: key.range)
        }
        return .expression(key)
    }

    /// Whether an expression is a traversal from a variable (`a.b`, `a[0]`), not in parentheses.
    private static func isReference(_ expression: Expression) -> Bool {
        var node = expression
        var steps = 0
        while true {
            switch node {
            case .attribute(let operand, _, _), .index(let operand, _, _):
                node = operand
                steps += 1
            case .variable:
                return steps > 0
            default:
                return false
            }
        }
    }

    /// `k, v in` (or `v in`) after `for`, in an expression or a template directive: the key and
    /// value variable names. Leaves the parser at the collection.
    mutating func parseForVariables() throws(Failure) -> (key: String?, value: String) {
        let first = current
        guard first.kind == .identifier else {
            throw fail("expected a variable name after \"for\" but found \(describe(first))", at: first.range)
        }
        index += 1
        var key: String?
        var value = text(first)
        if current.kind == .comma {
            index += 1
            let second = current
            guard second.kind == .identifier else {
                throw fail(
                    "expected a second variable name after \",\" but found \(describe(second))", at: second.range)
            }
            index += 1
            key = value
            value = text(second)
        }
        let inToken = current
        guard isWord(inToken, "in") else {
            throw fail(
                "expected \"in\" after the variables of \"for\" but found \(describe(inToken))", at: inToken.range)
        }
        index += 1
        return (key, value)
    }

    /// `for k, v in collection : value if condition` up to and including the closing bracket
    /// or brace; `open` is the opening one.
    private mutating func parseFor(open: Token, object: Bool) throws(Failure) -> Expression {
        index += 1
        let (keyVariable, valueVariable) = try parseForVariables()
        let collection = try parseExpression()
        let colon = current
        guard colon.kind == .colon else {
            throw fail("expected \":\" after the collection of \"for\" but found \(describe(colon))", at: colon.range)
        }
        index += 1
        var key: Expression?
        if object {
            key = try parseExpression()
            let arrow = current
            guard arrow.kind == .fatArrow else {
                throw fail(
                    "expected \"=>\" after the key of an object \"for\" but found \(describe(arrow))", at: arrow.range)
            }
            index += 1
        }
        let value = try parseExpression()
        var grouping = false
        if object, current.kind == .ellipsis {
            index += 1
            grouping = true
        }
        var condition: Expression?
        if isWord(current, "if") {
            index += 1
            condition = try parseExpression()
        }
        let close = current
        guard close.kind == (object ? .closeBrace : .closeBracket) else {
            let expected = object ? "\"}\"" : "\"]\""
            throw fail(
                "expected \(expected) to close the \"for\" expression but found \(describe(close))", at: close.range)
        }
        index += 1
        let clause = Expression.ForExpression(
            keyVariable: keyVariable, valueVariable: valueVariable, collection: collection, key: key, value: value,
            grouping: grouping, condition: condition)
        return .forExpression(clause, open.range.through(close.range))
    }
}
