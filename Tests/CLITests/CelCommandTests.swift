import ArgumentParser
import CEL
import Foundation
import Reporting
import Testing

@testable import CLI

/// End-to-end runs of `palisade cel eval`, as a policy author runs it.
struct CelCommandTests {
    @Test func readmeExampleFindsThePrivilegedContainer() throws {
        let result = try PalisadeProcess.run([
            "cel", "eval",
            "object.spec.template.spec.containers.filter(c, has(c.securityContext) && c.securityContext.privileged).map(c, c.name)",
            "--input", PalisadeProcess.repository("examples/cel/deployment.yaml"),
        ])
        #expect(result.status == 0)
        #expect(result.stdout == "[\"app\"]\ntype: list(string)\n")
        #expect(result.stderr.isEmpty)
    }

    /// An expression and the two lines `--output text` prints for it.
    struct TextCase: Sendable, CustomTestStringConvertible {
        var expression: String
        var value: String
        var type: String
        var testDescription: String { expression }
    }

    static let textCases: [TextCase] = [
        TextCase(expression: "1 + 2", value: "3", type: "int"),
        TextCase(expression: "7u", value: "7u", type: "uint"),
        TextCase(expression: "2.0 * 3.0", value: "6.0", type: "double"),
        TextCase(expression: "1 > 2", value: "false", type: "bool"),
        TextCase(expression: "'a\\tb' + \"\\\"\"", value: #""a\tb\"""#, type: "string"),
        TextCase(expression: "b'\\x00ab'", value: #"b"\x00ab""#, type: "bytes"),
        TextCase(expression: "null", value: "null", type: "null_type"),
        TextCase(expression: "[1, 2].map(x, x * 2)", value: "[2, 4]", type: "list(int)"),
        TextCase(expression: "[1, 'a']", value: "[1, \"a\"]", type: "list(dyn)"),
        TextCase(expression: "[]", value: "[]", type: "list(dyn)"),
        TextCase(expression: "{'a': [1], 'b': []}", value: #"{"a": [1], "b": []}"#, type: "map(string, list(int))"),
        TextCase(
            expression: "timestamp('2024-01-01T00:00:00Z') + duration('1.5s')",
            value: "timestamp(\"2024-01-01T00:00:01.5Z\")", type: "timestamp"),
        TextCase(expression: "duration('90m')", value: "duration(\"5400s\")", type: "duration"),
        TextCase(expression: "type(1)", value: "int", type: "type(int)"),
        TextCase(expression: "optional.of('x')", value: "optional.of(\"x\")", type: "optional_type(string)"),
        TextCase(expression: "optional.none()", value: "optional.none()", type: "optional_type(dyn)"),
        TextCase(expression: "ip('10.0.0.1')", value: "10.0.0.1", type: "net.IP"),
    ]

    @Test(arguments: textCases)
    func textOutputIsLiteralThenType(_ test: TextCase) throws {
        let result = try PalisadeProcess.run(["cel", "eval", test.expression])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(test.value)\ntype: \(test.type)\n")
    }

    @Test func jsonOutputKeepsNumericKindsApart() throws {
        let result = try PalisadeProcess.run([
            "cel", "eval", "--output", "json",
            "{'i': 1, 'u': 1u, 'd': 1.0, 'n': double('NaN'), 'z': -0.0, 'b': b'\\xff', 's': 'q\"\\n', 'l': [null, true]}",
        ])
        #expect(result.status == 0)
        #expect(
            result.stdout
                == #"{"map": [[{"string": "i"}, {"int": "1"}], [{"string": "u"}, {"uint": "1"}], "#
                + #"[{"string": "d"}, {"double": 1.0}], [{"string": "n"}, {"double": "NaN"}], "#
                + #"[{"string": "z"}, {"double": "-0"}], [{"string": "b"}, {"bytes_b64": "/w=="}], "#
                + #"[{"string": "s"}, {"string": "q\"\n"}], [{"string": "l"}, {"list": [{"null": true}, {"bool": true}]}]]}"#
                + "\n")
    }

    @Test func jsonOutputOfTimeValuesAndTypes() throws {
        let result = try PalisadeProcess.run([
            "cel", "eval", "--output", "json",
            "[timestamp('2009-02-13T23:31:30Z'), duration('-1.5s'), type('a'), optional.none(), optional.of(2)]",
        ])
        #expect(
            result.stdout
                == #"{"list": [{"timestamp": "2009-02-13T23:31:30Z"}, {"duration": "-1.5s"}, {"type": "string"}, "#
                + #"{"optional": null}, {"optional": {"int": "2"}}]}"# + "\n")
    }

    @Test func varBindsJSONAndWinsOverInput() throws {
        let file = try temporaryFile("vars.json", #"{"replicas": 3, "name": "web", "ratio": 2.5}"#)
        let result = try PalisadeProcess.run([
            "cel", "eval", "[replicas, name, ratio, extra]", "--input", file, "--var", "name=\"api\"",
            "--var", "extra={\"k\": [1e2]}",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "[3, \"api\", 2.5, {\"k\": [100.0]}]\ntype: list(dyn)\n")
    }

    @Test func yamlInputFollowsTheCoreSchema() throws {
        let file = try temporaryFile(
            "vars.yaml",
            """
            flags: [yes, no, on, true, False]
            numbers: [010, 0x1F, 1.5, 1e3, .inf, "12"]
            empty: ~
            when: 2024-01-01
            base: &base {a: 1, b: 2}
            merged:
              <<: *base
              b: 3
            """)
        let result = try PalisadeProcess.run(["cel", "eval", "[flags, numbers, empty, when, merged]", "--input", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout
                == #"[["yes", "no", "on", true, false], [10, 31, 1.5, 1000.0, double("Infinity"), "12"], null, "#
                + #""2024-01-01", {"b": 3, "a": 1}]"# + "\ntype: list(dyn)\n")
    }

    @Test func standardInputIsSniffedForJSONOrYAML() throws {
        let json = try PalisadeProcess.run(["cel", "eval", "n + 1", "--input", "-"], stdin: #"{"n": 1}"#)
        #expect(json.stdout == "2\ntype: int\n")
        let yaml = try PalisadeProcess.run(["cel", "eval", "n + 1", "--input", "-"], stdin: "n: 2\n")
        #expect(yaml.stdout == "3\ntype: int\n")
    }

    @Test func aliasesAreSharedNotExpanded() throws {
        var lines = [#"a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]"#]
        for (name, previous) in zip(
            ["b", "c", "d", "e", "f", "g", "h", "i"], ["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            lines.append(
                "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
        }
        let file = try temporaryFile("laughs.yaml", lines.joined(separator: "\n"))
        let result = try PalisadeProcess.run(["cel", "eval", "size(i)", "--input", file])
        #expect(result.status == 0)
        #expect(result.stdout == "9\ntype: int\n")
    }

    @Test func evaluationErrorExitsOneWithPosition() throws {
        let result = try PalisadeProcess.run(["cel", "eval", "x / 0", "--var", "x=1"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "<expr>:1:3: error: divide by zero\nx / 0\n  ^\n")
    }

    @Test func costLimitStopsTheEvaluation() throws {
        let result = try PalisadeProcess.run([
            "cel", "eval", "[1, 2, 3].map(x, [1, 2, 3].map(y, x * y))", "--cost-limit", "5",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cost limit exceeded"))
    }

    @Test func compileErrorExitsTwoWithCaret() throws {
        let syntax = try PalisadeProcess.run(["cel", "eval", "1 +\n  (2"])
        #expect(syntax.status == 2)
        #expect(syntax.stderr == "<expr>:2:5: error: expected ')' but found end of expression\n  (2\n    ^\n")
        let undeclared = try PalisadeProcess.run(["cel", "eval", "replicas > 1", "--var", "replica=3"])
        #expect(undeclared.status == 2)
        #expect(undeclared.stderr == "<expr>:1:1: error: undeclared reference to 'replicas'\nreplicas > 1\n^\n")
    }

    @Test func unreadableInputsExitTwo() throws {
        let notJSON = try PalisadeProcess.run(["cel", "eval", "name", "--var", "name=web"])
        #expect(notJSON.status == 2)
        #expect(
            notJSON.stderr
                == "<var name>:1:1: error: unexpected word 'web' (a JSON string is written in double quotes)\nweb\n^\n")

        let noEquals = try PalisadeProcess.run(["cel", "eval", "1", "--var", "name"])
        #expect(noEquals.status == 2)
        #expect(noEquals.stderr == "palisade cel eval: error: --var \"name\": expected NAME=JSON\n")

        let duplicate = try temporaryFile("duplicate.json", "{\n  \"a\": 1,\n  \"a\": 2\n}")
        let badFile = try PalisadeProcess.run(["cel", "eval", "a", "--input", duplicate])
        #expect(badFile.status == 2)
        #expect(badFile.stderr == "\(duplicate):3:3: error: duplicate key \"a\"\n  \"a\": 2\n  ^\n")

        let list = try temporaryFile("list.json", "[1]")
        let notObject = try PalisadeProcess.run(["cel", "eval", "1", "--input", list])
        #expect(notObject.status == 2)
        #expect(
            notObject.stderr
                == "\(list): error: the document must be an object whose keys are variable names, not a list\n")

        let missing = try PalisadeProcess.run(["cel", "eval", "1", "--input", "/nonexistent/vars.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("palisade cel eval: error: cannot read \"/nonexistent/vars.json\""))

        let badYAML = try temporaryFile("bad.yaml", "a: [1, 2\nb: 3\n")
        let yaml = try PalisadeProcess.run(["cel", "eval", "a", "--input", badYAML])
        #expect(yaml.status == 2)
        #expect(yaml.stderr.hasPrefix("\(badYAML):2:2: error: parser:"))

        let zero = try PalisadeProcess.run(["cel", "eval", "1", "--cost-limit", "0"])
        #expect(zero.status == 2)
        #expect(zero.stderr == "palisade cel eval: error: --cost-limit must be at least 1, got 0\n")
    }

    @Test func optionsParse() throws {
        let parsed = try Palisade.parseAsRoot([
            "cel", "eval", "a + b", "--var", "a=1", "--var", "b=2", "--input", "x.yaml", "--cost-limit", "10",
            "--output", "json",
        ])
        let command = try #require(parsed as? Palisade.CelCommand.EvalCommand)
        #expect(command.expression == "a + b")
        #expect(command.variables == ["a=1", "b=2"])
        #expect(command.input == "x.yaml")
        #expect(command.costLimit == 10)
        #expect(command.output == .json)
        #expect(throws: (any Error).self) { try Palisade.parseAsRoot(["cel", "eval", "1", "--output", "xml"]) }
    }

    @Test(arguments: [["cel", "--help"], ["cel", "eval", "--help"]])
    func helpMatchesSnapshot(_ arguments: [String]) throws {
        let result = try PalisadeProcess.run(arguments)
        #expect(result.status == 0)
        let name = arguments.joined(separator: "-").replacingOccurrences(of: "--", with: "") + ".txt"
        try assertSnapshot(result.stdout, named: name)
    }

    /// Writes `contents` to a fresh temporary directory and returns the path.
    private func temporaryFile(_ name: String, _ contents: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "palisade-cel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }
}

/// The output encodings, without a process.
struct CelValueFormatTests {
    @Test func base64MatchesTheStandardAlphabetWithPadding() {
        #expect(Base64.encode([]) == "")
        #expect(Base64.encode(Array("f".utf8)) == "Zg==")
        #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
        #expect(Base64.encode(Array("foo".utf8)) == "Zm9v")
        #expect(Base64.encode([0x00, 0xFF, 0xFE, 0x3E, 0x3F]) == "AP/+Pj8=")
    }

    @Test func jsonStringsEscapeControlsAndSeparators() {
        var text = ""
        JSONText.writeString("a\"\\\n\u{1}\u{7F}\u{2028}é", to: &text)
        #expect(text == #""a\"\\\n\u0001\u007f\u2028é""#)
    }

    @Test func taggedJSONReadsBackAsTheSameDocument() throws {
        let value = Value.list([.int(Int64.min), .uint(UInt64.max), .double(1e-7), .string("x"), .null])
        let json = CelValueFormat.taggedJSON(value)
        #expect(throws: Never.self) { try Value(json: json) }
        #expect(
            json == #"{"list": [{"int": "-9223372036854775808"}, {"uint": "18446744073709551615"}, "#
                + #"{"double": 1e-07}, {"string": "x"}, {"null": true}]}"#)
    }
}
