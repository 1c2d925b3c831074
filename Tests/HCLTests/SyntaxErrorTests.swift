import HCL
import Testing

/// Errors: each points at the offending token with its line and column and says what was
/// expected; the parser recovers so that one file reports several; nesting is bounded.
struct SyntaxErrorTests {
    struct Rejected: Sendable, CustomTestStringConvertible {
        var source: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { source.debugDescription }
    }

    static let rejected: [Rejected] = [
        // Attributes and blocks.
        Rejected(source: "a = \n", line: 1, column: 5, message: "expected an expression but found newline"),
        Rejected(source: "a =", line: 1, column: 4, message: "expected an expression but found end of file"),
        Rejected(source: "a = 1 +\n  2\n", line: 1, column: 8, message: "expected an expression but found newline"),
        Rejected(
            source: "a = 1 b = 2\n", line: 1, column: 7,
            message: "expected a line break after the value of \"a\" but found \"b\""),
        Rejected(
            source: "a = 1\nb = 2\na = 3\n", line: 3, column: 1,
            message: "attribute \"a\" is already defined at line 1, column 1"),
        Rejected(source: "= 1\n", line: 1, column: 1, message: "expected an attribute or a block but found \"=\""),
        Rejected(
            source: "a : 1\n", line: 1, column: 3,
            message: "expected \"=\" or a block's \"{\" after \"a\" but found \":\""),
        Rejected(source: "}\n", line: 1, column: 1, message: "unexpected \"}\": no block is open"),
        Rejected(
            source: "resource \"a\" \"b\" {\n  x = 1\n", line: 1, column: 18,
            message: "unclosed block \"resource\": its \"{\" has no matching \"}\""),
        Rejected(
            source: "block x 1 {}\n", line: 1, column: 9,
            message: "expected a label or \"{\" in the header of block \"block\" but found \"1\""),
        Rejected(
            source: "resource \"a\" \"${x}\" {}\n", line: 1, column: 14,
            message: "a block label cannot contain interpolations or directives"),
        Rejected(
            source: "foo { a = 1 b = 2 }\n", line: 1, column: 13,
            message: "a block on one line must close with \"}\" right after its attribute, but found \"b\""),
        Rejected(
            source: "foo { bar {} }\n", line: 1, column: 7,
            message: "a block on one line can hold only one attribute; put nested blocks on lines of their own"),
        Rejected(
            source: "foo { = }\n", line: 1, column: 7,
            message: "expected a line break or \"}\" after \"{\" but found \"=\""),
        Rejected(
            source: "foo {\n}}\n", line: 2, column: 2,
            message: "expected a line break after the \"}\" that closes block \"foo\" but found \"}\""),
        Rejected(
            source: "foo {} bar {}\n", line: 1, column: 8,
            message: "expected a line break after the \"}\" that closes block \"foo\" but found \"bar\""),

        // Expressions.
        Rejected(
            source: "a = f(1 2)\n", line: 1, column: 9,
            message: "expected \",\" or \")\" in the arguments of \"f\" but found \"2\""),
        Rejected(
            source: "a = f(x..., y)\n", line: 1, column: 11,
            message: "expected \")\" after \"...\": only the last argument can be expanded, but found \",\""),
        Rejected(
            source: "a = [1 2]\n", line: 1, column: 8, message: "expected \",\" or \"]\" in the tuple but found \"2\""),
        Rejected(
            source: "a = {b = 1 c = 2}\n", line: 1, column: 12,
            message: "expected \",\", a line break or \"}\" after the object item but found \"c\""),
        Rejected(
            source: "a = {b c}\n", line: 1, column: 8,
            message: "expected \"=\" or \":\" after the object key but found \"c\""),
        Rejected(
            source: "a = {var.name = 1}\n", line: 1, column: 6,
            message:
                "ambiguous object key \"var.name\": write (var.name) for the value it refers to, or \"var.name\" for a name with dots"
        ),
        Rejected(
            source: "a = x ? 1\n", line: 1, column: 10,
            message: "expected \":\" in the conditional expression but found newline"),
        Rejected(source: "a = (1 + 2\n", line: 2, column: 1, message: "expected \")\" but found end of file"),
        Rejected(
            source: "a = x[1\n", line: 2, column: 1, message: "expected \"]\" to close the index but found end of file"),
        Rejected(
            source: "a = x.\n", line: 1, column: 7, message: "expected an attribute name after \".\" but found newline"),
        Rejected(
            source: "a = x.\"y\"\n", line: 1, column: 7,
            message: "expected an attribute name after \".\" but found string"),
        Rejected(
            source: "a = x.0.1\n", line: 1, column: 7,
            message: "an index after \".\" must be a whole number; write [0.1] or chain [i][j] instead"),
        Rejected(source: "a = [*]\n", line: 1, column: 6, message: "expected an expression but found \"*\""),
        Rejected(
            source: "a = provider::(1)\n", line: 1, column: 15, message: "expected a name after \"::\" but found \"(\""),
        Rejected(
            source: "a = provider::aws::fn\n", line: 1, column: 22,
            message: "expected \"(\" after the function name \"provider::aws::fn\" but found newline"),
        Rejected(
            source: "a = [for x in xs x]\n", line: 1, column: 18,
            message: "expected \":\" after the collection of \"for\" but found \"x\""),
        Rejected(
            source: "a = [for x xs : x]\n", line: 1, column: 12,
            message: "expected \"in\" after the variables of \"for\" but found \"xs\""),
        Rejected(
            source: "a = [for 1 in xs : x]\n", line: 1, column: 10,
            message: "expected a variable name after \"for\" but found \"1\""),
        Rejected(
            source: "a = {for k, v in m : k v}\n", line: 1, column: 24,
            message: "expected \"=>\" after the key of an object \"for\" but found \"v\""),
        Rejected(
            source: "a = [for x in xs : x if x y]\n", line: 1, column: 27,
            message: "expected \"]\" to close the \"for\" expression but found \"y\""),
        Rejected(
            source: "a = [for, 1]\n", line: 1, column: 9,
            message: "expected a variable name after \"for\" but found \",\""),

        // Strings, templates and heredocs.
        Rejected(
            source: "a = \"abc\n", line: 1, column: 5,
            message:
                "unterminated string: a quoted string ends on the line it starts (use \"\\n\" or a heredoc for more lines)"
        ),
        Rejected(
            source: "a = \"abc", line: 1, column: 5,
            message:
                "unterminated string: a quoted string ends on the line it starts (use \"\\n\" or a heredoc for more lines)"
        ),
        Rejected(
            source: "a = \"\\q\"\n", line: 1, column: 6,
            message: "invalid escape \"\\q\"; a quoted string allows \\n, \\r, \\t, \\\", \\\\, \\uNNNN and \\UNNNNNNNN"
        ),
        Rejected(
            source: "a = \"x\\u12\"\n", line: 1, column: 7,
            message: "invalid escape \"\\u12\": \"\\u\" takes 4 hexadecimal digits"),
        Rejected(
            source: "a = \"\\UFFFFFFFF\"\n", line: 1, column: 6,
            message: "invalid escape \"\\UFFFFFFFF\": not a Unicode scalar value"),
        Rejected(
            source: "a = \"\\uD800\"\n", line: 1, column: 6,
            message: "invalid escape \"\\uD800\": not a Unicode scalar value"),
        Rejected(
            source: "a = \"${x\"\n", line: 1, column: 9,
            message: "expected \"}\" to close the interpolation but found string"),
        Rejected(
            source: "a = \"${x y}\"\n", line: 1, column: 10,
            message: "expected \"}\" to close the interpolation but found \"y\""),
        Rejected(
            source: "a = \"${a: b}\"\n", line: 1, column: 9,
            message: "expected \"}\" to close the interpolation but found \":\""),
        Rejected(
            source: "a = \"%{ iff x }y%{ endif }\"\n", line: 1, column: 9,
            message: "unknown template directive \"iff\"; expected if, else, endif, for or endfor"),
        Rejected(
            source: "a = \"%{ if x }y\"\n", line: 1, column: 6,
            message: "the \"if\" directive has no matching \"endif\""),
        Rejected(
            source: "a = \"%{ for x in y }z\"\n", line: 1, column: 6,
            message: "the \"for\" directive has no matching \"endfor\""),
        Rejected(
            source: "a = \"%{ endif }\"\n", line: 1, column: 6,
            message: "unexpected \"endif\" directive: no \"if\" is open"),
        Rejected(
            source: "a = \"%{ else }\"\n", line: 1, column: 6,
            message: "unexpected \"else\" directive: no \"if\" is open"),
        Rejected(
            source: "a = \"%{ for x in y }%{ endif }%{ endfor }\"\n", line: 1, column: 21,
            message: "unexpected \"endif\" directive: no \"if\" is open"),
        Rejected(
            source: "a = \"%{if x}a%{else}b%{else}c%{endif}\"\n", line: 1, column: 22,
            message: "unexpected second \"else\" for the \"if\" at line 1, column 6"),
        Rejected(
            source: "a = \"%{ for }\"\n", line: 1, column: 13,
            message: "expected a variable name after \"for\" but found \"}\""),
        Rejected(
            source: "a = \"%{ 1 }\"\n", line: 1, column: 9,
            message: "expected a directive keyword (if, else, endif, for, endfor) but found \"1\""),
        Rejected(
            source: "a = <<EOT\nhello\n", line: 1, column: 5, message: "unterminated heredoc: no line \"EOT\" closes it"
        ),
        Rejected(
            source: "a = <<EOT hello\nEOT\n", line: 1, column: 5,
            message: "a heredoc marker must be followed by a line break"),

        // Characters.
        Rejected(source: "a = 1 & 2\n", line: 1, column: 7, message: "unexpected character \"&\""),
        Rejected(source: "a = 1 | 2\n", line: 1, column: 7, message: "unexpected character \"|\""),
        Rejected(source: "a = @x\n", line: 1, column: 5, message: "unexpected character \"@\""),
        Rejected(source: "a = 1\r2\n", line: 1, column: 6, message: "unexpected character U+000D"),
        Rejected(source: "a =\u{A0}1\n", line: 1, column: 4, message: "unexpected character U+00A0"),
        Rejected(source: "a = 1 → 2\n", line: 1, column: 7, message: "unexpected character \"→\""),
        Rejected(source: "a = $x\n", line: 1, column: 5, message: "unexpected character \"$\""),
        Rejected(source: "\u{FEFF}a = 1\n", line: 1, column: 1, message: "a byte order mark is not allowed"),
        Rejected(
            source: "a = 1\n/* never closed\n", line: 2, column: 1,
            message: "unterminated comment: \"/*\" has no matching \"*/\""),
    ]

    @Test(arguments: rejected)
    func errorReportsPositionAndExpectation(_ expected: Rejected) throws {
        let file = ConfigFile.parse(expected.source, path: "main.tf")
        let error = try #require(file.diagnostics.first, "no error for \(expected.source.debugDescription)")
        #expect(error.message == expected.message)
        #expect(error.line == expected.line)
        #expect(error.column == expected.column)
        #expect(error.path == "main.tf")
    }

    @Test func renderedErrorsShowTheLineAndACaret() {
        let file = ConfigFile.parse("resource \"aws_s3_bucket\" \"b\" {\n  acl = \"private\n}\n", path: "s3.tf")
        #expect(
            file.diagnostics.first?.description == """
                s3.tf:2:9: error: unterminated string: a quoted string ends on the line it starts (use "\\n" or a heredoc for more lines)
                  acl = "private
                        ^
                """)

        let tabs = ConfigFile.parse("locals {\n\tx = [1, 2\n\t\ty]\n}\n", path: "locals.tf")
        #expect(
            tabs.diagnostics.first?.description == """
                locals.tf:3:3: error: expected "," or "]" in the tuple but found "y"
                \t\ty]
                \t\t^
                """)

        let wide = ConfigFile.parse("name = \"日本\" + @\n")
        #expect(
            wide.diagnostics.first?.description == """
                1:15: error: unexpected character "@"
                name = "日本" + @
                              ^
                """)
    }

    @Test func invalidUTF8IsAnErrorAtItsByte() {
        var bytes = Array("a = \"ok\"\nb = \"x".utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Array("y\"\n# comment \u{0}".utf8))
        bytes.append(0xC0)
        bytes.append(0x80)
        bytes.append(contentsOf: Array("\n".utf8))
        let file = ConfigFile.parse(utf8: bytes, path: "bad.tf")
        #expect(
            file.diagnostics.map(\.summary) == [
                "bad.tf:2:7: error: invalid UTF-8", "bad.tf:3:12: error: invalid UTF-8",
            ])
        #expect(file.body.attribute("a") != nil)
    }

    @Test func overlongAndSurrogateEncodingsAreRejected() {
        for sequence: [UInt8] in [
            [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80],
        ] {
            let file = ConfigFile.parse(utf8: Array("a = \"".utf8) + sequence + Array("\"\n".utf8))
            #expect(file.diagnostics.first?.message == "invalid UTF-8", "\(sequence)")
            #expect(file.diagnostics.first?.column == 6)
        }
    }

    @Test func oneFileReportsSeveralErrorsAndKeepsTheRest() {
        let source = """
            a = 1 +
            b = 2
            resource "x" "y" {
              c = [1 2]
              d = 4
              nested {
                e = "\\q"
                f = (
              }
              g = 7
            }
            h = 8
            = 9
            i = 10
            """
        let file = ConfigFile.parse(source, path: "many.tf")
        #expect(
            file.diagnostics.map(\.summary) == [
                "many.tf:1:8: error: expected an expression but found newline",
                "many.tf:4:10: error: expected \",\" or \"]\" in the tuple but found \"2\"",
                "many.tf:7:10: error: invalid escape \"\\q\"; a quoted string allows \\n, \\r, \\t, \\\", \\\\, \\uNNNN and \\UNNNNNNNN",
                "many.tf:9:3: error: expected an expression but found \"}\"",
                "many.tf:13:1: error: expected an attribute or a block but found \"=\"",
            ])
        #expect(file.body.attributes.map(\.name) == ["b", "h", "i"])
        let resource = file.body.blocks.first
        #expect(resource?.body.attributes.map(\.name) == ["d", "g"])
        #expect(resource?.body.blocks.first?.body.attributes.map(\.name) == ["e"])
    }

    @Test func errorsStopAtTheLimit() {
        let source = String(repeating: "a = [\n", count: 1) + String(repeating: "= x\n", count: 500)
        let file = ConfigFile.parse("ok = 1\n" + String(repeating: "= x\n", count: 500) + source)
        #expect(file.diagnostics.count == 101)
        #expect(file.diagnostics.last?.message == "too many errors; the rest of the input was not read")
        let limited = ConfigFile.parse(String(repeating: "= x\n", count: 50), options: ParseOptions(maxErrors: 5))
        #expect(limited.diagnostics.count == 6)
    }

    // MARK: Nesting

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = 100_000
        let sources: [String] = [
            "a = " + String(repeating: "(", count: deep) + "1" + String(repeating: ")", count: deep),
            "a = " + String(repeating: "[", count: deep) + String(repeating: "]", count: deep),
            "a = " + String(repeating: "{a = ", count: deep) + "1" + String(repeating: "}", count: deep),
            "a = " + String(repeating: "f(", count: deep) + String(repeating: ")", count: deep),
            "a = " + String(repeating: "-", count: deep) + "x",
            "a = " + String(repeating: "!", count: deep) + "x",
            "a = 1" + String(repeating: " + 1", count: deep),
            "a = x" + String(repeating: ".y", count: deep),
            "a = x" + String(repeating: "[0]", count: deep),
            "a = x" + String(repeating: "[*].y", count: deep),
            "a = " + String(repeating: "c ? 1 : ", count: deep) + "2",
            "a = " + String(repeating: "\"${", count: deep) + String(repeating: "}\"", count: deep),
            "a = \"" + String(repeating: "%{ if x }", count: deep) + String(repeating: "%{ endif }", count: deep)
                + "\"",
            "a = " + String(repeating: "[for x in ", count: deep) + "y" + String(repeating: " : x]", count: deep),
            String(repeating: "b {\n", count: deep) + String(repeating: "}\n", count: deep),
        ]
        for source in sources {
            let file = ConfigFile.parse(source)
            #expect(
                file.diagnostics.first?.message == "nesting is too deep: more than 256 levels",
                "\(source.prefix(20)): \(file.diagnostics.first?.summary ?? "no error")")
        }
    }

    @Test func nestingErrorPointsAtTheFirstLevelTooMany() {
        let file = ConfigFile.parse(
            "a = " + String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300))
        #expect(file.diagnostics.first?.column == 261)
        let blocks = ConfigFile.parse(String(repeating: "b {\n", count: 300) + String(repeating: "}\n", count: 300))
        #expect(blocks.diagnostics.first?.line == 257)
        #expect(blocks.diagnostics.first?.column == 3)
    }

    @Test func nestingWithinTheLimitParses() throws {
        let parentheses = String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)
        #expect(try Expression.parse(parentheses).description.hasSuffix("1" + String(repeating: ")", count: 200)))
        let blocks = String(repeating: "b {\n", count: 200) + "x = 1\n" + String(repeating: "}\n", count: 200)
        #expect(ConfigFile.parse(blocks).diagnostics.isEmpty)
        let sum = "a = 1" + String(repeating: " + 1", count: 200)
        #expect(ConfigFile.parse(sum).diagnostics.isEmpty)
        let limited = ConfigFile.parse("a = [[[1]]]", options: ParseOptions(maxDepth: 3))
        #expect(limited.diagnostics.first?.message == "nesting is too deep: more than 3 levels")
    }
}
