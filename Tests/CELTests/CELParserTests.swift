import Testing

@testable import CEL

/// Parse and check errors: the message, and the line, column and caret a policy author sees.
struct CELParserTests {
    struct Rejected: Sendable, CustomTestStringConvertible {
        var source: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { source }
    }

    static let environment = Environment(
        variables: ["object": .dyn, "request": .dyn], libraries: Library.standardLibraries)

    static let rejected: [Rejected] = [
        Rejected(source: "1 +", line: 1, column: 4, message: "unexpected end of expression"),
        Rejected(
            source: "object.spec.\n  containers.all(c, c.name = 'x')", line: 2, column: 28,
            message: "unexpected character '='"),
        Rejected(source: "'unterminated", line: 1, column: 1, message: "unterminated string literal"),
        Rejected(source: "a.b(", line: 1, column: 5, message: "unexpected end of expression"),
        Rejected(source: "objct.spec", line: 1, column: 1, message: "undeclared reference to 'objct'"),
        Rejected(
            source: "object.spec.containers.al(c, true)", line: 1, column: 24,
            message: "undeclared reference to 'al'"),
        Rejected(
            source: "size(object, 1)", line: 1, column: 1,
            message: "no matching overload: function 'size' does not take 2 arguments"),
        Rejected(source: "has(object)", line: 1, column: 1, message: "invalid argument to has() macro"),
        Rejected(
            source: "object.all(1, true)", line: 1, column: 12,
            message: "all() macro: the variable must be a simple name"),
        Rejected(source: "9223372036854775808", line: 1, column: 1, message: "int literal out of range"),
        Rejected(source: "18446744073709551616u", line: 1, column: 1, message: "uint literal out of range"),
        Rejected(source: "'\\q'", line: 1, column: 2, message: "invalid escape sequence '\\q'"),
        Rejected(source: "b'\\u00ff'", line: 1, column: 3, message: "\\u escape is not allowed in bytes literals"),
        Rejected(source: "while", line: 1, column: 1, message: "reserved identifier 'while'"),
        Rejected(
            source: "object.metadata.name.matches('(?=x)')", line: 1, column: 30,
            message: "invalid regular expression: lookaround assertions are not supported (at byte 0 of the pattern)"),
        Rejected(source: "1 # 2", line: 1, column: 3, message: "unexpected character '#'"),
        Rejected(
            source: "Pod{name: 'x'}", line: 1, column: 1,
            message:
                "message construction 'Pod{...}' is not supported: Palisade evaluates JSON-shaped data, not protobuf messages"
        ),
    ]

    @Test(arguments: rejected)
    func compileErrorReportsPosition(_ expected: Rejected) {
        let error = #expect(throws: CompileError.self) { try Self.environment.compile(expected.source) }
        #expect(error?.message == expected.message)
        #expect(error?.line == expected.line)
        #expect(error?.column == expected.column)
    }

    @Test func caretExcerptPointsAtTheColumn() {
        let error = #expect(throws: CompileError.self) {
            try Self.environment.compile("object.metadata.name == \n  requst.name")
        }
        #expect(error?.description == "2:3: undeclared reference to 'requst'\n  requst.name\n  ^")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        for source in [
            String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000),
            String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000),
            String(repeating: "-", count: 100_000) + "1",
            "1" + String(repeating: " + 1", count: 100_000),
            "a" + String(repeating: ".b", count: 100_000),
            String(repeating: "true ? 1 : ", count: 20_000) + "2",
        ] {
            let error = #expect(throws: CompileError.self) {
                try Environment(variables: ["a": .dyn], libraries: Library.standardLibraries).compile(source)
            }
            #expect(error?.message == "expression nests more than 250 levels deep")
        }
    }

    @Test func nestingWithinTheLimitCompiles() throws {
        let source = String(repeating: "(", count: 32) + "1" + String(repeating: ")", count: 32)
        #expect(try Self.environment.compile(source).evaluate([:]).celEquals(.int(1)))
        let sum = "1" + String(repeating: " + 1", count: 100)
        #expect(try Self.environment.compile(sum).evaluate([:]).celEquals(.int(101)))
    }

    @Test func literalsOfEveryForm() throws {
        let cases: [(String, Value)] = [
            ("0x1F", .int(31)), ("42u", .uint(42)), ("0xFFu", .uint(255)), ("-9223372036854775808", .int(.min)),
            ("1.5e3", .double(1500)), (".5", .double(0.5)), ("'a\\tb'", .string("a\tb")),
            ("\"\\u00e9\\U0001F600\"", .string("é😀")), ("r'\\n'", .string("\\n")), ("'''a\nb'''", .string("a\nb")),
            ("b'\\xff\\000'", .bytes([0xFF, 0])), ("'\\101'", .string("A")), ("null", .null),
        ]
        for (source, expected) in cases {
            let value = try Self.environment.compile(source).evaluate([:])
            #expect(value.celEquals(expected), "\(source) gave \(value)")
        }
    }
}
