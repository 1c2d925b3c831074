/// Recursive-descent parser for the CEL grammar, with macro expansion. Recursion is bounded:
/// an expression nested deeper than `maxDepth` (parentheses, operator chains, calls, lists…)
/// is a compile error, never a stack overflow.
struct Parser {
    private var tokens: [Lexer.Token]
    private var index = 0
    private let maxDepth: Int
    private let expandMacros: Bool
    private var depth = 0

    typealias Located = CompileError.Located

    static func parse(_ source: String, maxDepth: Int = 250, macros: Bool = true) throws(CompileError) -> Expr {
        do throws(Located) {
            var lexer = Lexer(source)
            var parser = Parser(tokens: try lexer.tokenize(), maxDepth: maxDepth, expandMacros: macros)
            let expression = try parser.parseExpression()
            guard case .end = parser.current.kind else {
                throw Located(message: "unexpected \(parser.describe(parser.current))", offset: parser.current.offset)
            }
            return expression
        } catch {
            throw CompileError(error, source: source)
        }
    }

    private init(tokens: [Lexer.Token], maxDepth: Int, expandMacros: Bool) {
        self.tokens = tokens
        self.maxDepth = maxDepth
        self.expandMacros = expandMacros
    }

    // MARK: Tokens

    private var current: Lexer.Token { tokens[index] }

    private func describe(_ token: Lexer.Token) -> String {
        switch token.kind {
        case .end: return "end of expression"
        case .identifier(let name): return "'\(name)'"
        case .punctuation(let text): return "'\(text)'"
        default: return "literal"
        }
    }

    private func isPunctuation(_ text: String, ahead: Int = 0) -> Bool {
        let position = min(index + ahead, tokens.count - 1)
        if case .punctuation(let value) = tokens[position].kind { return value == text }
        return false
    }

    private mutating func accept(_ text: String) -> Bool {
        if isPunctuation(text) {
            index += 1
            return true
        }
        return false
    }

    private mutating func expect(_ text: String) throws(Located) {
        guard accept(text) else {
            throw Located(message: "expected '\(text)' but found \(describe(current))", offset: current.offset)
        }
    }

    private mutating func enter(_ offset: Int) throws(Located) {
        depth += 1
        if depth > maxDepth {
            throw Located(message: "expression nests more than \(maxDepth) levels deep", offset: offset)
        }
    }

    // MARK: Grammar

    /// Expr = ConditionalOr ["?" ConditionalOr ":" Expr]
    private mutating func parseExpression() throws(Located) -> Expr {
        let start = current.offset
        try enter(start)
        defer { depth -= 1 }
        let condition = try parseBinary(level: 0)
        guard isPunctuation("?") else { return condition }
        let questionOffset = current.offset
        index += 1
        let whenTrue = try parseBinary(level: 0)
        try expect(":")
        let whenFalse = try parseExpression()
        return .call(
            function: "_?_:_", target: nil, arguments: [condition, whenTrue, whenFalse], offset: questionOffset)
    }

    private static let levels: [[String: String]] = [
        ["||": "_||_"],
        ["&&": "_&&_"],
        ["==": "_==_", "!=": "_!=_", "<": "_<_", "<=": "_<=_", ">": "_>_", ">=": "_>=_", "in": "@in"],
        ["+": "_+_", "-": "_-_"],
        ["*": "_*_", "/": "_/_", "%": "_%_"],
    ]

    /// Left-associative binary levels; each operator in a chain counts as a level of nesting.
    private mutating func parseBinary(level: Int) throws(Located) -> Expr {
        if level == Self.levels.count { return try parseUnary() }
        var left = try parseBinary(level: level + 1)
        var chain = 0
        while true {
            let operatorToken = current
            var name: String?
            switch operatorToken.kind {
            case .punctuation(let text): name = Self.levels[level][text]
            case .identifier("in"): name = Self.levels[level]["in"]
            default: name = nil
            }
            guard let function = name else { break }
            index += 1
            chain += 1
            try enter(operatorToken.offset)
            let right = try parseBinary(level: level + 1)
            left = .call(function: function, target: nil, arguments: [left, right], offset: operatorToken.offset)
        }
        depth -= chain
        return left
    }

    private mutating func parseUnary() throws(Located) -> Expr {
        let start = current.offset
        if isPunctuation("!") || isPunctuation("-") {
            var operators: [(String, Int)] = []
            while isPunctuation("!") || isPunctuation("-") {
                if case .punctuation(let text) = current.kind { operators.append((text, current.offset)) }
                index += 1
            }
            try enter(start)
            defer { depth -= 1 }
            // `-9223372036854775808` and negative literals fold into the constant.
            var operand: Expr
            if operators.last?.0 == "-", case .intMinMagnitude = current.kind {
                index += 1
                operand = .literal(.int(Int64.min), offset: start)
                operators.removeLast()
                operand = try parseMemberSuffixes(operand)
            } else {
                operand = try parseMember()
            }
            if operators.count > maxDepth {
                throw Located(message: "expression nests more than \(maxDepth) levels deep", offset: start)
            }
            for (text, offset) in operators.reversed() {
                operand = .call(function: text == "!" ? "!_" : "-_", target: nil, arguments: [operand], offset: offset)
            }
            return operand
        }
        return try parseMember()
    }

    private mutating func parseMember() throws(Located) -> Expr {
        if case .intMinMagnitude = current.kind {
            throw Located(message: "int literal out of range", offset: current.offset)
        }
        return try parseMemberSuffixes(try parsePrimary())
    }

    private mutating func parseMemberSuffixes(_ base: Expr) throws(Located) -> Expr {
        var expression = base
        var chain = 0
        defer { depth -= chain }
        while true {
            let offset = current.offset
            if isPunctuation(".") {
                index += 1
                chain += 1
                try enter(offset)
                let optional = accept("?")
                let name: String
                var quoted = false
                switch current.kind {
                case .identifier(let identifier): name = identifier
                case .quotedIdentifier(let identifier):
                    name = identifier
                    quoted = true
                default:
                    throw Located(message: "expected a field or method name after '.'", offset: current.offset)
                }
                let nameOffset = current.offset
                index += 1
                if !optional && !quoted && isPunctuation("(") {
                    index += 1
                    let arguments = try parseArguments(closing: ")")
                    expression = try makeCall(name, target: expression, arguments: arguments, offset: nameOffset)
                } else {
                    expression = .select(expression, field: name, testOnly: false, optional: optional, offset: offset)
                }
            } else if isPunctuation("[") {
                index += 1
                chain += 1
                try enter(offset)
                let optional = accept("?")
                let key = try parseExpression()
                try expect("]")
                expression = .call(
                    function: optional ? "_[?_]" : "_[_]", target: nil, arguments: [expression, key], offset: offset)
            } else if isPunctuation("{"), let typeName = Self.qualifiedName(expression) {
                index += 1
                chain += 1
                try enter(offset)
                expression = .message(type: typeName, fields: try parseMessageFields(), offset: expression.offset)
            } else {
                return expression
            }
        }
    }

    /// `a.b.c` as a dotted name, for message construction.
    private static func qualifiedName(_ expression: Expr) -> String? {
        switch expression {
        case .identifier(let name, _): return name
        case .select(let operand, let field, false, false, _): return qualifiedName(operand).map { $0 + "." + field }
        default: return nil
        }
    }

    private mutating func parsePrimary() throws(Located) -> Expr {
        let token = current
        switch token.kind {
        case .int(let value):
            index += 1
            return .literal(.int(value), offset: token.offset)
        case .uint(let value):
            index += 1
            return .literal(.uint(value), offset: token.offset)
        case .double(let value):
            index += 1
            return .literal(.double(value), offset: token.offset)
        case .string(let value):
            index += 1
            return .literal(.string(value), offset: token.offset)
        case .bytes(let value):
            index += 1
            return .literal(.bytes(value), offset: token.offset)
        case .identifier(let name):
            index += 1
            switch name {
            case "true": return .literal(.bool(true), offset: token.offset)
            case "false": return .literal(.bool(false), offset: token.offset)
            case "null": return .literal(.null, offset: token.offset)
            case "in": throw Located(message: "unexpected 'in'", offset: token.offset)
            default: break
            }
            if Lexer.reserved.contains(name) {
                throw Located(message: "reserved identifier '\(name)'", offset: token.offset)
            }
            if isPunctuation("(") {
                index += 1
                let arguments = try parseArguments(closing: ")")
                return try makeCall(name, target: nil, arguments: arguments, offset: token.offset)
            }
            return .identifier(name, offset: token.offset)
        case .punctuation("."):
            // A leading dot names an identifier from the root scope: `.a.b`.
            index += 1
            guard case .identifier(let name) = current.kind, !Lexer.reserved.contains(name) else {
                throw Located(message: "expected an identifier after '.'", offset: current.offset)
            }
            let nameOffset = current.offset
            index += 1
            if isPunctuation("(") {
                index += 1
                let arguments = try parseArguments(closing: ")")
                return try makeCall(name, target: nil, arguments: arguments, offset: nameOffset)
            }
            // The leading dot stays in the name: it resolves from the root, past loop variables.
            return .identifier("." + name, offset: token.offset)
        case .punctuation("("):
            index += 1
            let inner = try parseExpression()
            try expect(")")
            return inner
        case .punctuation("["):
            index += 1
            try enter(token.offset)
            defer { depth -= 1 }
            var elements: [Expr] = []
            var optionals: Set<Int> = []
            while !isPunctuation("]") {
                if accept("?") { optionals.insert(elements.count) }
                elements.append(try parseExpression())
                if !accept(",") { break }
            }
            try expect("]")
            return .list(elements, optionalIndices: optionals, offset: token.offset)
        case .punctuation("{"):
            index += 1
            try enter(token.offset)
            defer { depth -= 1 }
            var entries: [Expr.MapEntry] = []
            while !isPunctuation("}") {
                let optional = accept("?")
                let key = try parseExpression()
                try expect(":")
                let value = try parseExpression()
                entries.append(Expr.MapEntry(key: key, value: value, optional: optional))
                if !accept(",") { break }
            }
            try expect("}")
            return .map(entries, offset: token.offset)
        case .end:
            throw Located(message: "unexpected end of expression", offset: token.offset)
        default:
            throw Located(message: "unexpected \(describe(token))", offset: token.offset)
        }
    }

    private mutating func parseArguments(closing: String) throws(Located) -> [Expr] {
        var arguments: [Expr] = []
        while !isPunctuation(closing) {
            arguments.append(try parseExpression())
            if !accept(",") { break }
        }
        try expect(closing)
        return arguments
    }

    private mutating func parseMessageFields() throws(Located) -> [Expr.MessageField] {
        var fields: [Expr.MessageField] = []
        while !isPunctuation("}") {
            let optional = accept("?")
            guard case .identifier(let name) = current.kind else {
                throw Located(message: "expected a field name", offset: current.offset)
            }
            index += 1
            try expect(":")
            fields.append(Expr.MessageField(name: name, value: try parseExpression(), optional: optional))
            if !accept(",") { break }
        }
        try expect("}")
        return fields
    }

    // MARK: Macros

    private func makeCall(_ name: String, target: Expr?, arguments: [Expr], offset: Int) throws(Located) -> Expr {
        if expandMacros, let expanded = try Macros.expand(name, target: target, arguments: arguments, offset: offset) {
            return expanded
        }
        return .call(function: name, target: target, arguments: arguments, offset: offset)
    }
}
