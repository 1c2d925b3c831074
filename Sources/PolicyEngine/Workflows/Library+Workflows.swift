import CEL
import WorkflowInput

extension Library {
    /// What CI policies would find tedious in plain CEL:
    ///
    /// - `shellCommands(script)`: the simple commands of a shell script (`run:`, `script:`,
    ///   a Dockerfile `RUN`), each `{words, program, arguments, pipedFrom, pipedTo, substituted,
    ///   redirections, writes, redirected, elevated, via, line}` as `ShellScript.Command` describes
    ///   (the commands of a `sh -c` script included, after the shell), so
    ///   that `curl … | sh`, `sudo` or an unpinned `pip install` is found as a command rather than
    ///   as a substring.
    /// - `isAttackerControlled(path)`: whether a context path (`github.event.issue.title`, as an
    ///   expression's `contexts` lists them) reads a value that whoever opens an issue, a pull
    ///   request or a comment chooses (`GitHubContexts`).
    static let workflows = Library(
        name: "workflows",
        functions: [
            Function(
                "shellCommands", doc: "The simple commands of a shell script.",
                overloads: [
                    .global("shellcommands_string", [.string], returns: .list(.map(.string, .dyn))) { args in
                        guard case .string(let script) = args[0] else { return .noSuchOverload }
                        return .list(ShellScript(script).commands.map(Self.value(of:)))
                    }
                ]),
            Function(
                "isAttackerControlled", doc: "Whether a workflow context path reads a value outsiders choose.",
                overloads: [
                    .global("isattackercontrolled_string", [.string], returns: .bool) { args in
                        guard case .string(let path) = args[0] else { return .noSuchOverload }
                        return .bool(GitHubContexts.isAttackerControlled(path))
                    }
                ]),
        ])

    private static func value(of command: ShellScript.Command) -> Value {
        var map = MapValue()
        map.set(.string("words"), .list(command.words.map { .string($0) }))
        map.set(.string("program"), .string(command.program))
        map.set(.string("arguments"), .list(command.arguments.map { .string($0) }))
        map.set(.string("pipedFrom"), .string(command.pipedFrom))
        map.set(.string("pipedTo"), .string(command.pipedTo))
        map.set(.string("substituted"), .list(command.substituted.map { .string($0) }))
        map.set(.string("redirections"), .list(command.redirections.map { .string($0) }))
        map.set(.string("elevated"), .bool(command.elevated))
        map.set(.string("writes"), .list(command.writes.map { .string($0) }))
        map.set(.string("redirected"), .bool(command.redirected))
        map.set(.string("via"), .string(command.via))
        map.set(.string("line"), .int(Int64(command.line)))
        return .map(map)
    }
}
