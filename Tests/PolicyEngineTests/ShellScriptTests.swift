import CEL
import Testing

@testable import PolicyEngine

struct ShellScriptTests {
    static func programs(_ script: String) -> [String] { ShellScript(script).commands.map(\.program) }

    @Test func operatorsNewlinesAndContinuationsSeparateCommands() {
        let script = """
            apt-get update && apt-get install -y \\
                curl git; echo done
            make || exit 1 & wait
            """
        let commands = ShellScript(script).commands
        #expect(commands.map(\.program) == ["apt-get", "apt-get", "echo", "make", "exit", "wait"])
        #expect(commands[1].arguments == ["install", "-y", "curl", "git"])
        #expect(commands.map(\.line) == [1, 1, 2, 3, 3, 3])
    }

    @Test func pipesRecordWhatFeedsEachCommand() {
        let commands = ShellScript("curl -fsSL https://x.example/i.sh | sudo -E bash -s -- --yes | tee log").commands
        #expect(commands.map(\.program) == ["curl", "bash", "tee"])
        #expect(commands.map(\.pipedFrom) == ["", "curl", "bash"])
        #expect(commands[1].elevated)
        #expect(commands[1].arguments == ["-s", "--", "--yes"])
    }

    @Test func quotesAreRemovedAndOperatorsInsideThemAreText() {
        let commands = ShellScript(#"echo "a && b" 'c | d' e\ f "x\"y""#).commands
        #expect(commands.count == 1)
        #expect(commands[0].words == ["echo", "a && b", "c | d", "e f", #"x"y"#])
    }

    @Test func substitutionsStayInTheirWordAndTheirProgramsAreNoted() {
        let commands = ShellScript(#"sh -c "$(curl -fsSL https://get.example)"; bash <(wget -qO- https://x)"#).commands
        // The -c script is the substitution's output: a command whose program is not known.
        #expect(commands.map(\.program) == ["sh", "$(curl -fsSL https://get.example)", "bash"])
        #expect(commands[0].substituted == ["curl"])
        #expect(commands[0].arguments == ["-c", "$(curl -fsSL https://get.example)"])
        #expect(commands[2].substituted == ["wget"])
        #expect(ShellScript("echo `uname -a`").commands.first?.substituted == ["uname"])
    }

    @Test func wrappersAssignmentsAndPathsAreLookedThrough() {
        #expect(Self.programs("DEBIAN_FRONTEND=noninteractive sudo -u root env A=1 /usr/bin/pip install x") == ["pip"])
        #expect(Self.programs("timeout 30 nohup ./run.sh") == ["run.sh"])
        #expect(Self.programs("A=1 B=2") == [""])
    }

    @Test func assignmentsAreThoseBeforeTheProgramAndThoseOfExportLikePrograms() {
        func assignments(_ script: String) -> [[String]] {
            ShellScript(script).commands.map { $0.assignments.map { "\($0.name)=\($0.value)" } }
        }
        #expect(assignments("PIP_TRUSTED_HOST=x A_1=a=b pip install y") == [["PIP_TRUSTED_HOST=x", "A_1=a=b"]])
        #expect(
            assignments("export GIT_SSL_NO_VERIFY=1 B=; env NODE_TLS_REJECT_UNAUTHORIZED=0 node app.js")
                == [["GIT_SSL_NO_VERIFY=1", "B="], ["NODE_TLS_REJECT_UNAUTHORIZED=0"]])
        // An argument that looks like one is not an assignment, nor is a word starting with a digit.
        #expect(assignments("make CFLAGS=-O2 1X=y =z") == [[]])
        #expect(assignments("declare -x Y=2; readonly Z=3; local W=4") == [["Y=2"], ["Z=3"], ["W=4"]])
    }

    @Test func compoundCommandsRedirectionsCommentsAndHeredocs() {
        let script = """
            # install
            if ! command -v jq >/dev/null 2>&1; then
              for f in a b; do echo "$f" > out.txt; done
            fi
            cat <<'EOF' > config
            curl http://not-a-command | sh
            EOF
            python3 - <<-PY
            \tprint(1)
            \tPY
            ls # a trailing comment | sh
            """
        #expect(Self.programs(script) == ["command", "echo", "cat", "python3", "ls"])
        let echo = ShellScript(script).commands[1]
        #expect(echo.arguments == ["$f"])
        #expect(echo.redirections == ["> out.txt"])
        #expect(ShellScript(script).commands[0].redirections == ["> /dev/null", ">& 1"])
        #expect(ShellScript(#"echo "A=$B" >> "$GITHUB_ENV""#).commands.first?.redirections == [">> $GITHUB_ENV"])
    }

    @Test func hostileInputStaysBounded() {
        let deep = String(repeating: "$(", count: 5_000) + "x" + String(repeating: ")", count: 5_000)
        #expect(ShellScript("echo " + deep).commands.count == 1)
        let many = String(repeating: "a;", count: 200_000)
        #expect(ShellScript(many).commands.count == ShellScript.maxCommands)
        #expect(ShellScript("echo 'unterminated").commands.first?.words == ["echo", "unterminated"])
    }

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

    @Test func scriptsHandedToAShellWithDashCAreReadToo() {
        let commands = ShellScript(#"bash -eo pipefail -c "curl -fsSL https://x.example | sh" && sh ./local.sh"#)
            .commands
        #expect(commands.map(\.program) == ["bash", "curl", "sh", "sh"])
        #expect(commands.map(\.via) == ["", "bash", "bash", ""])
        #expect(commands[2].pipedFrom == "curl")
        // The outer pipeline is not confused by the inner commands.
        let piped = ShellScript(#"sh -c 'echo hi' | tee log"#).commands
        #expect(piped.map(\.program) == ["sh", "echo", "tee"])
        #expect(piped[0].pipedTo == "tee")
        #expect(piped[2].pipedFrom == "sh")
    }

    /// `operands(arguments, optionsWithValue)`: what a command's options leave, as the command reads them.
    @Test func operandsLeaveOutOptionsAndTheirValues() {
        let apt = ["install", "-y", "--no-install-recommends", "-o", "Dpkg::Options::=--force-confold", "curl", "git"]
        #expect(ShellScript.operands(apt, optionsWithValue: ["-o"]) == ["install", "curl", "git"])
        // A value within the word takes no other; `-` alone is an operand; after `--` every word is.
        #expect(
            ShellScript.operands(
                ["add", "--virtual=.deps", "gcc", "-", "-t", ".tmp", "musl-dev", "--", "-odd", "-t", "x"],
                optionsWithValue: ["-t", "--virtual"]) == ["add", "gcc", "-", "musl-dev", "-odd", "-t", "x"])
        // An option that takes a value at the end takes nothing.
        #expect(
            ShellScript.operands(["install", "requests", "-r"], optionsWithValue: ["-r"]) == ["install", "requests"])
        #expect(ShellScript.operands([], optionsWithValue: ["-r"]).isEmpty)
    }

    @Test func operandsInCEL() throws {
        func evaluate(_ source: String) throws -> Value {
            try PolicyReader.environment.compile(source).evaluate([:])
        }
        #expect(
            try evaluate("operands(['install', '-o', 'X=1', 'curl'], ['-o'])").celEquals(
                .list([.string("install"), .string("curl")])))
        #expect(try evaluate("operands([], [])").celEquals(.list([])))
        #expect(try evaluate("operands(dyn(['a', 1]), [])").isError)
    }
}
