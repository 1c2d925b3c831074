import HCL
import Testing

/// Expressions of the native syntax: each source paired with the printed tree
/// (`Expression.description`), which makes precedence, grouping and every node kind visible.
struct ExpressionParserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var section: String
        var source: String
        var printed: String
        var testDescription: String { "\(section): \(source)" }
    }

    static let cases: [Case] = [
        // Literals: numbers keep their exact text; `-` before a number folds into it.
        Case(section: "literal", source: "42", printed: "42"),
        Case(
            section: "literal", source: "3.14159265358979323846264338327950288",
            printed: "3.14159265358979323846264338327950288"),
        Case(section: "literal", source: "1e10", printed: "1e10"),
        Case(section: "literal", source: "2.5E-3", printed: "2.5E-3"),
        Case(section: "literal", source: "-7", printed: "-7"),
        Case(section: "literal", source: "- 7.50", printed: "-7.50"),
        Case(section: "literal", source: "true", printed: "true"),
        Case(section: "literal", source: "false", printed: "false"),
        Case(section: "literal", source: "null", printed: "null"),
        Case(section: "literal", source: #""hello""#, printed: #""hello""#),
        Case(section: "literal", source: #""""#, printed: #""""#),

        // Escapes in quoted strings.
        Case(section: "escape", source: #""a\nb\tc\rd""#, printed: #""a\nb\tc\rd""#),
        Case(section: "escape", source: #""say \"hi\" \\ bye""#, printed: #""say \"hi\" \\ bye""#),
        Case(section: "escape", source: #""caf\u00e9 \U0001F600""#, printed: "\"café 😀\""),
        Case(section: "escape", source: #""cost: $${price} and %%{tag}""#, printed: #""cost: ${price} and %{tag}""#),
        Case(section: "escape", source: #""$$ and %% alone""#, printed: #""$$ and %% alone""#),
        Case(section: "escape", source: #""100% done, $5""#, printed: #""100% done, $5""#),

        // Variables and traversals.
        Case(section: "traversal", source: "var.region", printed: "var.region"),
        Case(section: "traversal", source: "aws_s3_bucket.logs.arn", printed: "aws_s3_bucket.logs.arn"),
        Case(section: "traversal", source: "local.subnets[0].id", printed: "local.subnets[0].id"),
        Case(section: "traversal", source: #"var.tags["Name"]"#, printed: #"var.tags["Name"]"#),
        Case(section: "traversal", source: "var.list.0.name", printed: "var.list[0].name"),
        Case(
            section: "traversal", source: "module.vpc.private_subnets[count.index]",
            printed: "module.vpc.private_subnets[count.index]"),
        Case(section: "traversal", source: "a[b[c]]", printed: "a[b[c]]"),
        Case(section: "traversal", source: "each.value.if", printed: "each.value.if"),
        Case(section: "traversal", source: "x.for.in", printed: "x.for.in"),
        Case(section: "traversal", source: "dash-ed.name-2", printed: "dash-ed.name-2"),
        Case(section: "traversal", source: "ünïcode.名前", printed: "ünïcode.名前"),
        Case(section: "traversal", source: "[1, 2][0]", printed: "[1, 2][0]"),
        Case(section: "traversal", source: "a[\n  0\n]", printed: "a[0]"),

        // Splats.
        Case(section: "splat", source: "aws_instance.web.*.id", printed: "(splat. aws_instance.web @.id)"),
        Case(section: "splat", source: "aws_instance.web[*].id", printed: "(splat[] aws_instance.web @.id)"),
        Case(section: "splat", source: "list.*.a.b[0]", printed: "(splat. list @.a.b)[0]"),
        Case(section: "splat", source: "list[*].a.b[0]", printed: "(splat[] list @.a.b[0])"),
        Case(section: "splat", source: "list[*]", printed: "(splat[] list @)"),
        Case(section: "splat", source: "list.*", printed: "(splat. list @)"),
        Case(section: "splat", source: "a[*].b[*].c", printed: "(splat[] a (splat[] @.b @.c))"),
        Case(section: "splat", source: "var.rules[*][\"port\"]", printed: #"(splat[] var.rules @["port"])"#),

        // Collections.
        Case(section: "tuple", source: "[]", printed: "[]"),
        Case(section: "tuple", source: "[1, \"two\", three]", printed: #"[1, "two", three]"#),
        Case(section: "tuple", source: "[\n  1,\n  2,\n]", printed: "[1, 2]"),
        Case(section: "tuple", source: "[[1], [2, [3]]]", printed: "[[1], [2, [3]]]"),
        Case(section: "object", source: "{}", printed: "{}"),
        Case(section: "object", source: "{a = 1, b: 2}", printed: "{a = 1, b = 2}"),
        Case(section: "object", source: "{\n  a = 1\n  b = 2\n}", printed: "{a = 1, b = 2}"),
        Case(section: "object", source: "{\n  a = 1,\n\n  b = 2,\n}", printed: "{a = 1, b = 2}"),
        Case(
            section: "object", source: #"{"Name" = "web", "kubernetes.io/role" = 1}"#,
            printed: #"{"Name" = "web", "kubernetes.io/role" = 1}"#),
        Case(section: "object", source: "{(var.key) = 1}", printed: "{(var.key) = 1}"),
        Case(
            section: "object", source: #"{"${var.prefix}-name" = 1}"#,
            printed: #"{template[${var.prefix}, "-name"] = 1}"#),
        Case(section: "object", source: "{for_each = 1, if = 2}", printed: "{for_each = 1, if = 2}"),
        Case(section: "object", source: "{a = {b = [1, {c = 2}]}}", printed: "{a = {b = [1, {c = 2}]}}"),
        Case(section: "object", source: "{1 = \"one\"}", printed: #"{1 = "one"}"#),
        Case(
            section: "object", source: "{ a = 1 # note\n  // other\n  b = 2 /* inline */ }", printed: "{a = 1, b = 2}"),

        // Function calls.
        Case(section: "call", source: "length(var.list)", printed: "length(var.list)"),
        Case(section: "call", source: "max()", printed: "max()"),
        Case(section: "call", source: "max(1, 2, 3,)", printed: "max(1, 2, 3)"),
        Case(section: "call", source: "max(var.numbers...)", printed: "max(var.numbers...)"),
        Case(section: "call", source: "concat(a, b, var.rest...)", printed: "concat(a, b, var.rest...)"),
        Case(
            section: "call", source: "merge(\n  local.tags,\n  { Name = \"x\" }\n)",
            printed: #"merge(local.tags, {Name = "x"})"#),
        Case(
            section: "call", source: "provider::aws::arn_parse(var.arn)", printed: "provider::aws::arn_parse(var.arn)"),
        Case(section: "call", source: "core::length([])", printed: "core::length([])"),
        Case(section: "call", source: "lower(upper(trimspace(x)))", printed: "lower(upper(trimspace(x)))"),
        Case(section: "call", source: "f(x)[0].y", printed: "f(x)[0].y"),

        // for expressions.
        Case(section: "for", source: "[for s in var.list : upper(s)]", printed: "[for s in var.list : upper(s)]"),
        Case(section: "for", source: "[for i, v in xs : v if i < 2]", printed: "[for i, v in xs : v if (i < 2)]"),
        Case(section: "for", source: "{for k, v in var.map : k => v}", printed: "{for k, v in var.map : k => v}"),
        Case(
            section: "for", source: "{for s in var.users : s.role => s.name...}",
            printed: "{for s in var.users : s.role => s.name...}"),
        Case(
            section: "for", source: "{for k, v in m : upper(k) => v... if v != null}",
            printed: "{for k, v in m : upper(k) => v... if (v != null)}"),
        Case(section: "for", source: "{\n  for k, v in m :\n  k => v\n}", printed: "{for k, v in m : k => v}"),
        Case(section: "for", source: "[\n  for x in xs :\n    x\n]", printed: "[for x in xs : x]"),
        Case(section: "for", source: "[for x in a ? b : c : x]", printed: "[for x in (a ? b : c) : x]"),
        Case(section: "for", source: "[(for), 1]", printed: "[(for), 1]"),

        // Conditionals, unary operators and precedence.
        Case(section: "conditional", source: "a ? b : c", printed: "(a ? b : c)"),
        Case(section: "conditional", source: "a ? b : c ? d : e", printed: "(a ? b : (c ? d : e))"),
        Case(section: "conditional", source: "a ? b ? c : d : e", printed: "(a ? (b ? c : d) : e)"),
        Case(section: "conditional", source: "x == 1 || y ? \"a\" : \"b\"", printed: #"(((x == 1) || y) ? "a" : "b")"#),
        Case(section: "unary", source: "!a", printed: "(!a)"),
        Case(section: "unary", source: "!!a", printed: "(!(!a))"),
        Case(section: "unary", source: "-a", printed: "(-a)"),
        Case(section: "unary", source: "-a.b", printed: "(-a.b)"),
        Case(section: "unary", source: "--1", printed: "(--1)"),
        Case(section: "unary", source: "!a == b", printed: "((!a) == b)"),
        Case(section: "unary", source: "-x * y", printed: "((-x) * y)"),
        Case(section: "precedence", source: "1 + 2 * 3", printed: "(1 + (2 * 3))"),
        Case(section: "precedence", source: "(1 + 2) * 3", printed: "(((1 + 2)) * 3)"),
        Case(section: "precedence", source: "a - b - c", printed: "((a - b) - c)"),
        Case(section: "precedence", source: "a / b * c % d", printed: "(((a / b) * c) % d)"),
        Case(section: "precedence", source: "a || b && c", printed: "(a || (b && c))"),
        Case(section: "precedence", source: "a && b || c && d", printed: "((a && b) || (c && d))"),
        Case(section: "precedence", source: "a == b != c", printed: "((a == b) != c)"),
        Case(section: "precedence", source: "a < b == c > d", printed: "((a < b) == (c > d))"),
        Case(section: "precedence", source: "a <= b + 1 && c >= d * 2", printed: "((a <= (b + 1)) && (c >= (d * 2)))"),
        Case(section: "precedence", source: "a + b < c || !d", printed: "(((a + b) < c) || (!d))"),
        Case(section: "precedence", source: "1 - -2", printed: "(1 - -2)"),
        Case(
            section: "precedence", source: "a % 2 == 0 ? \"even\" : \"odd\"",
            printed: #"(((a % 2) == 0) ? "even" : "odd")"#),
        Case(section: "precedence", source: "(\n  a\n  + b\n)", printed: "((a + b))"),

        // Templates in expressions.
        Case(
            section: "template", source: #""Hello, ${var.name}!""#, printed: #"template["Hello, ", ${var.name}, "!"]"#),
        Case(section: "template", source: #""${var.tags}""#, printed: "template[${var.tags}]"),
        Case(section: "template", source: #""${a}${b}""#, printed: "template[${a}, ${b}]"),
        Case(section: "template", source: #""${ {a = "}"}.a }""#, printed: #"template[${{a = "}"}.a}]"#),
        Case(section: "template", source: #""${"inner ${x}"}""#, printed: #"template[${template["inner ", ${x}]}]"#),
        Case(section: "template", source: "\"${\n  x\n}\"", printed: "template[${x}]"),
    ]

    @Test(arguments: cases)
    func parsesToTheExpectedTree(_ example: Case) throws {
        let expression = try Expression.parse(example.source)
        #expect(expression.description == example.printed)
    }

    @Test func literalsKeepTheirValueAndKind() throws {
        #expect(try Expression.parse("0.1") == .literal(.number("0.1"), range(1, 1, 0, 1, 4, 3)))
        guard case .literal(.string(let text), _) = try Expression.parse(#""tab\there""#) else {
            Issue.record("expected a string literal")
            return
        }
        #expect(text == "tab\there")
    }

    @Test func rangesCoverEachNode() throws {
        let expression = try Expression.parse("a.b + f(1, \"x\")")
        guard case .binary(.add, let left, let right, let whole) = expression else {
            Issue.record("expected a sum, got \(expression)")
            return
        }
        #expect(whole == range(1, 1, 0, 1, 16, 15))
        #expect(left.range == range(1, 1, 0, 1, 4, 3))
        guard case .call(let call, let callRange) = right else {
            Issue.record("expected a call")
            return
        }
        #expect(callRange == range(1, 7, 6, 1, 16, 15))
        #expect(call.nameRange == range(1, 7, 6, 1, 8, 7))
        #expect(call.arguments.map(\.range) == [range(1, 9, 8, 1, 10, 9), range(1, 12, 11, 1, 15, 14)])
    }

    @Test func columnsCountScalarsAndOffsetsCountBytes() throws {
        let expression = try Expression.parse("\"é\" + ü")
        guard case .binary(_, let left, let right, _) = expression else {
            Issue.record("expected a sum")
            return
        }
        #expect(left.range == range(1, 1, 0, 1, 4, 4))
        #expect(right.range == range(1, 7, 7, 1, 8, 9))
    }

    @Test func namespacedFunctionsSplitTheirName() throws {
        guard case .call(let call, _) = try Expression.parse("provider::aws::arn_parse(x)") else {
            Issue.record("expected a call")
            return
        }
        #expect(call.namespace == "provider::aws")
        #expect(call.baseName == "arn_parse")
        guard case .call(let plain, _) = try Expression.parse("length(x)") else {
            Issue.record("expected a call")
            return
        }
        #expect(plain.namespace == nil)
        #expect(plain.baseName == "length")
    }

    @Test func operatorTableMatchesTheSpecification() {
        let levels = Dictionary(grouping: Expression.BinaryOperator.allCases, by: \.precedence)
            .mapValues { $0.map(\.rawValue).sorted() }
        #expect(levels[1] == ["||"])
        #expect(levels[2] == ["&&"])
        #expect(levels[3] == ["!=", "=="])
        #expect(levels[4] == ["<", "<=", ">", ">="])
        #expect(levels[5] == ["+", "-"])
        #expect(levels[6] == ["%", "*", "/"])
    }
}

/// A range from (line, column, offset) to (line, column, offset).
func range(
    _ startLine: Int, _ startColumn: Int, _ startOffset: Int, _ endLine: Int, _ endColumn: Int, _ endOffset: Int
) -> SourceRange {
    SourceRange(
        start: Position(offset: startOffset, line: startLine, column: startColumn),
        end: Position(offset: endOffset, line: endLine, column: endColumn))
}
