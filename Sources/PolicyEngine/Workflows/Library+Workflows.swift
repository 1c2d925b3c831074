import CEL
import WorkflowInput

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Library {
    /// What CI policies would find tedious in plain CEL:
    ///
    /// - `shellCommands(script)`: the simple commands of a shell script (`run:`, `script:`,
    ///   a Dockerfile `RUN`), each `{words, program, arguments, pipedFrom, pipedTo, substituted,
    ///   redirections, writes, redirected, elevated, via, line, assignments}` (`assignments` the
    ///   variables it sets, `{name, value}`) as `ShellScript.Command` describes
    ///   (the commands of a `sh -c` script included, after the shell), so
    ///   that `curl … | sh`, `sudo` or an unpinned `pip install` is found as a command rather than
    ///   as a substring.
    /// - `operands(arguments, optionsWithValue)`: the words of a command's arguments that are
    ///   neither options nor the values of options (`ShellScript.operands`): what `apt-get
    ///   install -o X=1 curl git` installs.
    /// - `isAttackerControlled(path)`: whether a context path (`github.event.issue.title`, as an
    ///   expression's `contexts` lists them) reads a value that whoever opens an issue, a pull
    ///   request or a comment chooses (`GitHubContexts`).
    /// - `contextControl(path)`: `outsider` for those, `writer` for values chosen by whoever pushes
    ///   a branch or tag or runs or calls the workflow (`github.ref_name`, `inputs.*`), else `""`.
    static let workflows = Library(
        name: "workflows",
        functions: [
            Function(
                "shellCommands", doc: "The simple commands of a shell script.",
                overloads: [
                    .global("shellcommands_string", [.string], returns: .list(.map(.string, .dyn))) { args in
                        guard case .string(let script) = args[0] else { return .noSuchOverload }
                        return ShellCommandCache.commands(of: script)
                    }
                ]),
            Function(
                "operands", doc: "The arguments of a command that are neither options nor option values.",
                overloads: [
                    .global("operands_list_list", [.list(.string), .list(.string)], returns: .list(.string)) {
                        args in
                        guard case .list(let words) = args[0], case .list(let withValue) = args[1] else {
                            return .noSuchOverload
                        }
                        var texts: [String] = []
                        texts.reserveCapacity(words.count)
                        for word in words {
                            guard case .string(let text) = word else {
                                return .error(EvalError("operands: the arguments must be strings"))
                            }
                            texts.append(text)
                        }
                        var options: [String] = []
                        for option in withValue {
                            guard case .string(let text) = option else {
                                return .error(EvalError("operands: the options must be strings"))
                            }
                            options.append(text)
                        }
                        return .list(ShellScript.operands(texts, optionsWithValue: options).map { .string($0) })
                    }
                ]),
            Function(
                "contextControl", doc: "Who chooses a workflow context's value: outsider, writer or nobody.",
                overloads: [
                    .global("contextcontrol_string", [.string], returns: .string) { args in
                        guard case .string(let path) = args[0] else { return .noSuchOverload }
                        return .string(GitHubContexts.control(path))
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

    /// The fields of a command's value, in order.
    static let commandLayout = MapLayout(
        fixed: [
            "words", "program", "arguments", "pipedFrom", "pipedTo", "substituted", "redirections", "elevated",
            "writes", "redirected", "via", "line", "assignments",
        ].map { MapKey.string($0) })
    static let assignmentLayout = MapLayout(fixed: [.string("name"), .string("value")])

    fileprivate static func value(
        of command: ShellScript.Command, layout: MapLayout, assignmentLayout: MapLayout
    ) -> Value {
        func strings(_ list: [String]) -> Value { .list(list.map { .string($0) }) }
        let assignments = command.assignments.map { assignment in
            Value.map(
                MapValue(layout: assignmentLayout, values: [.string(assignment.name), .string(assignment.value)]))
        }
        return .map(
            MapValue(
                layout: layout,
                values: [
                    strings(command.words), .string(command.program), strings(command.arguments),
                    .string(command.pipedFrom), .string(command.pipedTo), strings(command.substituted),
                    strings(command.redirections), .bool(command.elevated), strings(command.writes),
                    .bool(command.redirected), .string(command.via), .int(Int64(command.line)), .list(assignments),
                ]))
    }
}

/// The commands of the scripts of the resources being scanned: every CI policy that looks at a
/// `run:` or a `RUN` asks for the same script's commands, so each script is split once per
/// resource rather than once per policy. The cache belongs to the thread that evaluates (no lock,
/// nothing shared between cores) and is emptied whenever a `Scanner.scan` begins, so nothing is
/// carried from one file to the next; it is also bounded.
enum ShellCommandCache {
    private final class Entries {
        /// Scripts of up to 15 bytes, which live in the string itself, by their text.
        var values: [String: Value] = [:]
        /// Longer scripts by the address of their bytes: every policy reads a script from the
        /// same converted value, so its string is the same storage each time, found without
        /// hashing its text. An entry keeps its string, so the storage cannot be reused meanwhile.
        /// (Two equal scripts in different storage are split twice, which is only slower.)
        var byAddress: [UInt: (script: String, value: Value)] = [:]
        /// The layouts of the commands' values, in storage of this thread's own: every map made
        /// from a layout retains its arrays, which would be contended if shared by every core.
        let layouts = (
            command: Library.commandLayout.independentCopy(), assignment: Library.assignmentLayout.independentCopy()
        )
    }

    private static let capacity = 4096

    /// The calling thread's entries, made on first use and freed with the thread.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { releaseThreadEntries($0) }
        return key
    }()

    private static var entries: Entries {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<Entries>.fromOpaque(pointer).takeUnretainedValue()
        }
        let made = Entries()
        pthread_setspecific(key, Unmanaged.passRetained(made).toOpaque())
        return made
    }

    /// Forgets the calling thread's scripts: a scan of new resources begins.
    static func reset() {
        guard let pointer = pthread_getspecific(key) else { return }
        let entries = Unmanaged<Entries>.fromOpaque(pointer).takeUnretainedValue()
        entries.values.removeAll(keepingCapacity: true)
        entries.byAddress.removeAll(keepingCapacity: true)
    }

    static func commands(of script: String) -> Value {
        let entries = Self.entries
        // A string longer than 15 bytes has storage of its own, whose bytes do not move.
        let address =
            script.utf8.count > 15
            ? script.utf8.withContiguousStorageIfAvailable { bytes in
                bytes.baseAddress.map { UInt(bitPattern: $0) }
            } ?? nil : nil
        if let address {
            if let cached = entries.byAddress[address], cached.script.utf8.count == script.utf8.count {
                return cached.value
            }
        } else if let cached = entries.values[script] {
            return cached
        }
        let layouts = entries.layouts
        let value = Value.list(
            ShellScript(script).commands.map {
                Library.value(of: $0, layout: layouts.command, assignmentLayout: layouts.assignment)
            })
        if entries.values.count + entries.byAddress.count >= capacity {
            entries.values.removeAll(keepingCapacity: true)
            entries.byAddress.removeAll(keepingCapacity: true)
        }
        // A long script is kept by its address only: its text is not hashed.
        if let address { entries.byAddress[address] = (script, value) } else { entries.values[script] = value }
        return value
    }
}

/// Frees a thread's script cache when the thread ends.
private func releaseThreadEntries(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<AnyObject>.fromOpaque(pointer).release()
}
