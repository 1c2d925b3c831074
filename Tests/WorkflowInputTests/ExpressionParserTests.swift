import Testing

@testable import WorkflowInput

struct ExpressionParserTests {
    static func parse(_ text: String) throws -> WorkflowExpression {
        try ExpressionParser.parse(text).get()
    }

    static func error(_ text: String) -> ExpressionError? {
        if case .failure(let error) = ExpressionParser.parse(text) { return error }
        return nil
    }

    @Test func operatorsBindAsGitHubDocumentsThem() throws {
        let expression = try Self.parse("!cancelled() && a == 'x' || b < 2")
        guard case .binary(.or, let left, let right, _) = expression else {
            Issue.record("|| binds loosest: \(expression)")
            return
        }
        guard case .binary(.and, .not(.call("cancelled", [], _), _), .binary(.equal, _, _, _), _) = left else {
            Issue.record("&& groups ! and ==: \(left)")
            return
        }
        guard case .binary(.less, .context("b", _), .number(2, _), _) = right else {
            Issue.record("< compares b and 2: \(right)")
            return
        }
    }

    @Test func literalsOfEveryKind() throws {
        #expect(try Self.parse("null") == .null(ByteRange(0, 4)))
        #expect(try Self.parse("TRUE") == .bool(true, ByteRange(0, 4)))
        #expect(try Self.parse("'it''s'") == .string("it's", ByteRange(0, 7)))
        #expect(try Self.parse("0xff") == .number(255, ByteRange(0, 4)))
        #expect(try Self.parse("-2.5e3") == .number(-2500, ByteRange(0, 6)))
        #expect(try Self.parse("  42  ") == .number(42, ByteRange(2, 4)))
    }

    @Test func contextPathsFollowPropertiesIndexesAndFilters() throws {
        let expression = try Self.parse(
            "format('{0} {1}', github.event.issue.title, steps['build-image'].outputs.TAG) || "
                + "join(github.event.commits.*.message) || github.event[matrix.key]")
        #expect(
            expression.contextPaths == [
                "github.event.issue.title", "steps.build-image.outputs.tag", "github.event.commits.*.message",
                "github.event.*", "matrix.key",
            ])
    }

    @Test func malformedExpressionsReportWhere() {
        #expect(Self.error("")?.message == "empty expression")
        #expect(
            Self.error("github.")?.message == "expected a property name or * after '.', found the end of the expression"
        )
        #expect(Self.error("a[0")?.range == ByteRange(3, 4))
        #expect(Self.error("'open")?.message == "unterminated string")
        #expect(
            Self.error("contains(a, b")?.message.hasPrefix("expected ',' or ')' in the arguments of contains") == true)
        #expect(Self.error("a b")?.range == ByteRange(2, 3))
        #expect(Self.error("1.2.3")?.message == "malformed number 1.2.3")
    }

    @Test func deepNestingIsRefusedNotFollowedToTheBottom() {
        let deep = String(repeating: "(", count: 10_000) + "a" + String(repeating: ")", count: 10_000)
        #expect(Self.error(deep)?.message == "the expression nests more than 64 levels deep")
        let nots = String(repeating: "!", count: 10_000) + "a"
        #expect(Self.error(nots) != nil)
        #expect((try? Self.parse(String(repeating: "(", count: 20) + "a" + String(repeating: ")", count: 20))) != nil)
    }
}

struct ExpressionTemplateTests {
    @Test func expressionsAreFoundInTextWithTheirRanges() {
        let template = ExpressionTemplate("echo \"${{ github.head_ref }}\" > ${{ runner.temp }}/ref")
        #expect(template.errors.isEmpty)
        #expect(template.contextPaths == ["github.head_ref", "runner.temp"])
        guard case .expression(let first, let range)? = template.parts.dropFirst().first else {
            Issue.record("the second part is the first expression: \(template.parts)")
            return
        }
        #expect(range == ByteRange(6, 28))
        #expect(first.range == ByteRange(10, 25), "ranges are relative to the whole value")
        #expect(template.parts.last == .text("/ref"))
    }

    @Test func closingBracesInsideAStringDoNotEndTheExpression() {
        let template = ExpressionTemplate("${{ format('}}{0}', github.actor) }}")
        #expect(template.errors.isEmpty, "\(template.errors)")
        #expect(template.contextPaths == ["github.actor"])
    }

    @Test func anUnclosedOrBrokenExpressionIsAnErrorAndTheRestIsStillRead() {
        let unclosed = ExpressionTemplate("ok ${{ github.sha }} then ${{ github.ref")
        #expect(unclosed.contextPaths == ["github.sha"])
        #expect(unclosed.errors == [ExpressionError("'${{' is not closed by '}}'", ByteRange(26, 40))])
        let broken = ExpressionTemplate("${{ a == }} and ${{ env.X }}")
        #expect(broken.contextPaths == ["env.x"])
        #expect(broken.errors.first?.range.start == 9)
    }
}
