import Testing

@testable import PolicyEngine

struct ShellScriptTests {
    /// One script line and the `writes` of each command it holds.
    struct WritesCase: Sendable, CustomTestStringConvertible {
        var script: String
        var writes: [[String]]
        var testDescription: String { script }
    }

    static let writesCases: [WritesCase] = [
        WritesCase(script: "echo \"A=$B\" >> $GITHUB_ENV", writes: [["$GITHUB_ENV"]]),
        WritesCase(script: "echo x >>\"$GITHUB_PATH\"", writes: [["$GITHUB_PATH"]]),
        WritesCase(script: "printf '%s' \"$v\" > '${OUT}' 2>&1", writes: [["${OUT}"]]),
        WritesCase(script: "make 2> errors.log >&2", writes: [["errors.log"]]),
        WritesCase(script: "exec 3>&- ; date >| now.txt", writes: [[], ["now.txt"]]),
        WritesCase(script: "cat < in.txt | tee -a out.txt", writes: [[], []]),
        WritesCase(script: "cat <<EOF > notes\nbody > not-a-file\nEOF\nls", writes: [["notes"], []]),
        WritesCase(script: "echo \"$(date > inner.txt)\" > outer.txt", writes: [["outer.txt"]]),
    ]

    @Test(arguments: writesCases)
    func outputRedirectionTargetsAreKeptPerCommand(_ example: WritesCase) {
        #expect(ShellScript(example.script).commands.map(\.writes) == example.writes)
    }

    @Test func redirectionTargetsAreNotArguments() throws {
        let command = try #require(ShellScript("echo \"A=$B\" >> \"$GITHUB_ENV\"").commands.first)
        #expect(command.program == "echo")
        #expect(command.arguments == ["A=$B"])
        #expect(command.writes == ["$GITHUB_ENV"])
    }
}
