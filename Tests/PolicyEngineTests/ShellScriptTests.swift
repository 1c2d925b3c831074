import Testing

@testable import PolicyEngine

struct ShellScriptTests {
    @Test func aCommandKnowsWhatItsOutputIsPipedInto() {
        let commands = ShellScript("echo \"$TOKEN\" | docker login --password-stdin\nenv | sort\necho done").commands
        #expect(commands.map(\.program) == ["echo", "docker", "", "sort", "echo"])
        #expect(commands.map(\.pipedTo) == ["docker", "", "sort", "", ""])
        #expect(commands.map(\.pipedFrom) == ["", "echo", "", "", ""])
    }

    @Test func outputSentToAFileIsRedirectedButStandardErrorIsNot() {
        let script = """
            echo "$NPM_TOKEN" > .npmrc
            echo a >> log.txt
            echo b 1>out
            echo c >&2
            echo d 2>/dev/null
            echo e > /dev/null
            echo f
            """
        #expect(ShellScript(script).commands.map(\.redirected) == [true, true, true, false, false, true, false])
    }
}
