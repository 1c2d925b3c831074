import PolicyModel

/// A POSIX shell script split into simple commands, as far as a policy needs to see them: which
/// program each command runs with which arguments, what pipes into it, and what runs inside its
/// command substitutions. It does not run or expand anything: `$VAR` stays as written, quotes are
/// removed as the shell would remove them.
///
/// Understood: quoting (`'…'`, `"…"`, `\`), comments, line continuations, the operators
/// `; & && || | |&` and newlines, subshells and groups, the reserved words that open and close
/// compound commands (`if … then … fi`, `while … do … done`, `!`), redirections (dropped, with
/// their targets), here-documents (their bodies skipped), and `$( )`, `` ` ` ``, `<( )`, `>( )`
/// substitutions (kept inside the word, and their commands read too). Used for `RUN` in
/// Dockerfiles, `run:` in GitHub Actions and `script:` in GitLab CI.
public struct ShellScript: Sendable {
    /// One simple command.
    public struct Command: Sendable, Equatable {
        /// The words after quote removal, redirections left out.
        public var words: [String]
        /// The program run: the first word after variable assignments (`A=b cmd`) and the
        /// wrappers `sudo`, `env`, `exec`, `command`, `nohup`, `time`, `nice`, `xargs` (and
        /// their options); the base name of a path (`/usr/bin/curl` → `curl`). Empty when the
        /// command only assigns variables.
        public var program: String
        /// The words after the program.
        public var arguments: [String]
        /// The program of the command that pipes into this one (`curl … | sh` gives `sh` the
        /// value `curl`), else empty.
        public var pipedFrom: String
        /// The programs run inside this command's substitutions (`sh -c "$(curl …)"` → `curl`).
        public var substituted: [String]
        /// Its redirections, operator and target as written without quotes: `>> $GITHUB_ENV`,
        /// `2> /dev/null`, `< /dev/tcp/host/80` (here-documents as `<< EOF`).
        public var redirections: [String]
        /// Whether `sudo` (or `doas`) runs it.
        public var elevated: Bool
        /// The files its output redirections write to (`> f`, `>> "$F"`, `>| f`), quotes removed
        /// and variables left as written; a descriptor copied with `>&2` or closed with `>&-` is none.
        public var writes: [String]
        /// The 1-based line of the script where it starts.
        public var line: Int
        /// The program this command pipes into (`echo "$T" | docker login` gives `echo` the
        /// value `docker`), else empty.
        public var pipedTo = ""
        /// Whether its standard output goes somewhere other than the terminal or log: a file or
        /// `/dev/null` (`> f`, `>> f`, `1> f`, `>| f`); `>&2` and `2> f` do not count.
        public var redirected = false
        /// The shell whose `-c` script holds this command (`sh -c "curl … | sh"` gives `curl` and
        /// the inner `sh` the value `sh`); empty for a command of the script itself.
        public var via = ""

        /// The variables it sets, in the order written. A word that is also one of the
        /// arguments counts only for the programs that take assignments as arguments.
        public var assignments: [Assignment] {
            var found: [Assignment] = []
            // Asked only of a command with a word that looks like one (most have none).
            var takesAssignments: Bool?
            for word in words where word.utf8.contains(UInt8(ascii: "=")) {
                guard let equals = word.firstIndex(of: "="), Self.isName(word[..<equals]) else { continue }
                if takesAssignments == nil { takesAssignments = Self.setters.contains(program) }
                guard takesAssignments == true || !arguments.contains(word) else { continue }
                found.append(
                    Assignment(name: String(word[..<equals]), value: String(word[word.index(after: equals)...])))
            }
            return found
        }

        /// The programs whose arguments may be assignments.
        private static let setters: Set<String> = ["export", "env", "declare", "typeset", "readonly", "local"]

        /// `[A-Za-z_][A-Za-z0-9_]*`.
        private static func isName(_ text: Substring) -> Bool {
            guard let first = text.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
            return text.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) }
        }

        private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    }

    public private(set) var commands: [Command] = []

    /// A variable a command sets: `NAME=value` before the program (`A=b cmd`, or after `env`), or
    /// as an argument of `export`, `env`, `declare`, `typeset`, `readonly` or `local`.
    public struct Assignment: Sendable, Equatable {
        public var name: String
        public var value: String
    }

    /// Most commands read from one script.
    public static let maxCommands = 100_000

    public init(_ text: String) {
        self.init(text, depth: 0)
    }

    private init(_ text: String, depth: Int) {
        var reader = Reader(text.scalarArray, depth: depth)
        reader.run()
        commands = reader.commands
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        let depth: Int
        var index = 0
        var line = 1
        var commands: [Command] = []
        /// The index of the last command of this script itself (not of a `-c` script it runs).
        var lastOuter: Int?
        var words: [String] = []
        var substitutions: [String] = []
        var redirections: [String] = []
        var commandLine = 1
        var pipedFrom = ""
        /// The output redirection targets of the command being read.
        var writes: [String] = []
        /// Whether the last command finished is piped into the next one.
        var piping = false
        /// Whether the command being read sends its standard output away from the log.
        var outputRedirected = false
        /// Here-document delimiters waiting for the end of the line, with whether tabs are stripped.
        var pendingHeredocs: [(delimiter: String, stripTabs: Bool)] = []

        init(_ scalars: [Unicode.Scalar], depth: Int) {
            self.scalars = scalars
            self.depth = depth
        }

        var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
        func peek(_ offset: Int) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }

        mutating func run() {
            while let scalar = current, commands.count < ShellScript.maxCommands {
                switch scalar {
                case " ", "\t", "\r":
                    index += 1
                case "\n":
                    index += 1
                    line += 1
                    finish(piped: false)
                    skipHeredocBodies()
                case "#":
                    while let next = current, next != "\n" { index += 1 }
                case "\\" where peek(1) == "\n":
                    index += 2
                    line += 1
                case ";", "(", ")":
                    index += 1
                    finish(piped: false)
                case "&":
                    index += current == "&" && peek(1) == "&" ? 2 : 1
                    finish(piped: false)
                case "|":
                    if peek(1) == "|" {
                        index += 2
                        finish(piped: false)
                    } else {
                        index += peek(1) == "&" ? 2 : 1
                        finish(piped: true)
                    }
                case ">", "<":
                    if peek(1) == "(" {
                        words.append(readWord())
                    } else {
                        redirection()
                    }
                default:
                    let word = readWord()
                    // A digit-only word right before a redirection is its file descriptor.
                    if let next = current, next == ">" || next == "<", !word.isEmpty,
                        word.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }), peek(1) != "("
                    {
                        redirection(descriptor: word)
                    } else {
                        words.append(word)
                    }
                }
            }
            finish(piped: false)
        }

        /// Reads a redirection operator and drops its target; `<<` starts a here-document.
        /// `descriptor` is the file descriptor written before the operator (`2` in `2>`), if any.
        mutating func redirection(descriptor: String = "") {
            var op = ""
            while let scalar = current,
                scalar == ">" || scalar == "<" || scalar == "&" || scalar == "|" || scalar == "-"
            {
                // `>&` and `<&` take a descriptor or a word; `-` only after `<<`.
                if scalar == "-" && op != "<<" { break }
                if scalar == "|" && op != ">" { break }
                if scalar == "&" && !(op == ">" || op == "<") { break }
                op.unicodeScalars.append(scalar)
                index += 1
            }
            while let scalar = current, scalar == " " || scalar == "\t" { index += 1 }
            guard let next = current, next != "\n", next != ";", next != "|", next != "&" else { return }
            let target = readWord()
            redirections.append(op + " " + target)
            if op == "<<" || op == "<<-" {
                pendingHeredocs.append((target, op == "<<-"))
            }
            let copiesDescriptor =
                op.hasSuffix("&") && (target == "-" || target.unicodeScalars.allSatisfy { ("0"..."9").contains($0) })
            if op.contains(">"), !copiesDescriptor, !target.isEmpty { writes.append(target) }
            let toLog = ["1", "2", "/dev/stdout", "/dev/stderr", "/dev/tty"].contains(target)
            if op.hasPrefix(">"), descriptor.isEmpty || descriptor == "1", !toLog { outputRedirected = true }
        }

        mutating func skipHeredocBodies() {
            let heredocs = pendingHeredocs
            pendingHeredocs.removeAll()
            for heredoc in heredocs {
                while current != nil {
                    var text = ""
                    while let scalar = current, scalar != "\n" {
                        text.unicodeScalars.append(scalar)
                        index += 1
                    }
                    if current == "\n" {
                        index += 1
                        line += 1
                    }
                    let body = heredoc.stripTabs ? String(text.drop { $0 == "\t" }) : text
                    if body == heredoc.delimiter || body.trimmingSuffix("\r") == heredoc.delimiter { break }
                }
            }
        }

        /// One word, quotes removed; substitutions kept as written (and their commands noted).
        mutating func readWord() -> String {
            // Made as UTF-8 bytes and turned into a string once: appending scalars to a string
            // one by one cost more than reading the script.
            var word: [UInt8] = []
            while let scalar = current {
                switch scalar {
                case " ", "\t", "\n", "\r", ";", "&", "|", "(", ")":
                    return String(decoding: word, as: UTF8.self)
                case ">", "<":
                    guard peek(1) == "(" else { return String(decoding: word, as: UTF8.self) }
                    Self.append(&word, scalar)
                    index += 1
                    word += substitution(open: "(", close: ")").utf8
                case "'":
                    index += 1
                    while let next = current, next != "'" {
                        if next == "\n" { line += 1 }
                        Self.append(&word, next)
                        index += 1
                    }
                    index += 1
                case "\"":
                    index += 1
                    while let next = current, next != "\"" {
                        if next == "\\", let escaped = peek(1), "$`\"\\\n".unicodeScalars.contains(escaped) {
                            if escaped != "\n" { Self.append(&word, escaped) } else { line += 1 }
                            index += 2
                        } else if next == "$", peek(1) == "(" {
                            Self.append(&word, next)
                            index += 1
                            word += substitution(open: "(", close: ")").utf8
                        } else if next == "`" {
                            word += backquoted().utf8
                        } else {
                            if next == "\n" { line += 1 }
                            Self.append(&word, next)
                            index += 1
                        }
                    }
                    index += 1
                case "\\":
                    if let escaped = peek(1) {
                        if escaped == "\n" {
                            line += 1
                        } else {
                            Self.append(&word, escaped)
                        }
                    }
                    index += 2
                case "$" where peek(1) == "(" || peek(1) == "{":
                    Self.append(&word, scalar)
                    index += 1
                    if current == "(" {
                        word += substitution(open: "(", close: ")").utf8
                    } else {
                        word += substitution(open: "{", close: "}", commands: false).utf8
                    }
                case "`":
                    word += backquoted().utf8
                default:
                    Self.append(&word, scalar)
                    index += 1
                }
            }
            return String(decoding: word, as: UTF8.self)
        }

        /// Appends `scalar` to `bytes` as UTF-8.
        private static func append(_ bytes: inout [UInt8], _ scalar: Unicode.Scalar) {
            if scalar.value < 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                bytes.append(contentsOf: scalar.utf8)
            }
        }

        /// The text from `open` to its matching `close`, both included; with `commands`, the
        /// programs inside are noted for the current command.
        mutating func substitution(open: Unicode.Scalar, close: Unicode.Scalar, commands: Bool = true) -> String {
            var bytes: [UInt8] = []
            var nesting = 0
            var quote: Unicode.Scalar?
            while let scalar = current {
                Self.append(&bytes, scalar)
                index += 1
                if scalar == "\n" { line += 1 }
                if let open = quote {
                    if scalar == open { quote = nil }
                    continue
                }
                if scalar == "'" || scalar == "\"" {
                    quote = scalar
                } else if scalar == open {
                    nesting += 1
                } else if scalar == close {
                    nesting -= 1
                    if nesting == 0 { break }
                }
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if commands, text.unicodeScalars.count >= 2 {
                note(String(text.unicodeScalars.dropFirst().dropLast()))
            }
            return text
        }

        mutating func backquoted() -> String {
            index += 1
            var bytes: [UInt8] = []
            while let scalar = current, scalar != "`" {
                if scalar == "\n" { line += 1 }
                Self.append(&bytes, scalar)
                index += 1
            }
            index += 1
            let inner = String(decoding: bytes, as: UTF8.self)
            note(inner)
            return "`" + inner + "`"
        }

        /// Notes the programs of a substitution's script (nested no deeper than eight levels).
        mutating func note(_ script: String) {
            guard depth < 8 else { return }
            for command in ShellScript(script, depth: depth + 1).commands {
                if !command.program.isEmpty { substitutions.append(command.program) }
                substitutions += command.substituted
            }
        }

        /// Ends the current command; `piped` when a `|` follows it.
        /// Words that open or close a compound command rather than name a program.
        static func isReserved(_ word: String) -> Bool {
            // Short words compare as values, without hashing: this runs for every command.
            switch word {
            case "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "case", "esac", "!", "{",
                "}", "in":
                return true
            default:
                return false
            }
        }

        mutating func finish(piped: Bool) {
            // A loop's or a case's header (`for f in *.txt`) runs no program.
            if let first = words.first, first == "for" || first == "case" || first == "select" { words.removeAll() }
            while let first = words.first, Self.isReserved(first) { words.removeFirst() }
            if words.count == 1, words[0] == "}" { words.removeAll() }
            guard !words.isEmpty else {
                substitutions.removeAll()
                redirections.removeAll()
                writes.removeAll()
                commandLine = line
                return
            }
            var command = Command(
                words: words, program: "", arguments: [], pipedFrom: pipedFrom, substituted: substitutions,
                redirections: redirections, elevated: false, writes: writes, line: commandLine,
                redirected: outputRedirected)
            Self.findProgram(&command)
            if piping, let last = lastOuter { commands[last].pipedTo = command.program }
            commands.append(command)
            lastOuter = commands.count - 1
            // A shell handed a script with -c runs it: its commands are read too, after this one.
            if depth < 8, let script = Self.inlineScript(of: command) {
                for var inner in ShellScript(script, depth: depth + 1).commands
                where commands.count < ShellScript.maxCommands {
                    inner.line = command.line
                    if inner.via.isEmpty { inner.via = command.program }
                    commands.append(inner)
                }
            }
            pipedFrom = piped ? command.program : ""
            piping = piped
            outputRedirected = false
            words.removeAll()
            substitutions.removeAll()
            redirections.removeAll()
            writes.removeAll()
            commandLine = line
        }

        /// The shells whose `-c` scripts are read as part of the script.
        static func isShell(_ program: String) -> Bool {
            switch program {
            case "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh": return true
            default: return false
            }
        }

        /// The script a shell command runs from its `-c` option (`bash -eo pipefail -c 'a && b'`),
        /// or `nil` when it runs none (a script file, standard input).
        static func inlineScript(of command: Command) -> String? {
            guard isShell(command.program) else { return nil }
            var found = false
            var arguments = command.arguments[...]
            while let argument = arguments.popFirst() {
                if argument == "-o" || argument == "+o" {
                    _ = arguments.popFirst()
                } else if argument.hasPrefix("-") && !argument.hasPrefix("--") {
                    if argument.contains("c") { found = true }
                    // `-eo pipefail`: a cluster ending in o takes the option's name next.
                    if argument.hasSuffix("o") { _ = arguments.popFirst() }
                } else if argument.hasPrefix("--") || argument.hasPrefix("+") {
                    continue
                } else {
                    return found ? argument : nil
                }
            }
            return nil
        }

        /// The last `/`-separated part of `word` that is not empty (`/usr/bin/curl` → `curl`,
        /// `tools/` → `tools`), or `word` when it has none.
        static func baseName(_ word: String) -> String {
            guard let slash = word.utf8.lastIndex(of: UInt8(ascii: "/")) else { return word }
            let after = word.utf8.index(after: slash)
            if after != word.utf8.endIndex { return String(word[after...]) }
            return String(word.split(separator: "/").last ?? Substring(word))
        }

        static func findProgram(_ command: inout Command) {
            var position = 0
            let words = command.words
            func isAssignment(_ word: String) -> Bool {
                guard word.utf8.contains(UInt8(ascii: "=")), let equals = word.firstIndex(of: "="),
                    equals != word.startIndex
                else { return false }
                return word[..<equals].allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
                    && !(word.first?.isNumber ?? true)
            }
            while position < words.count {
                let word = words[position]
                if isAssignment(word) {
                    position += 1
                    continue
                }
                // A path's base name; a program that is itself a substitution stays as written.
                let name = word.hasPrefix("$") ? word : Self.baseName(word)
                switch name {
                case "sudo", "doas":
                    command.elevated = true
                    position += 1
                    // Options, and the values of those that take one.
                    while position < words.count, words[position].hasPrefix("-") {
                        let option = words[position]
                        position += 1
                        if ["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"].contains(option) { position += 1 }
                    }
                case "command" where position + 1 < words.count && ["-v", "-V"].contains(words[position + 1]):
                    // `command -v jq` asks where jq is; it runs nothing.
                    command.program = name
                    command.arguments = Array(words[(position + 1)...])
                    return
                case "env", "exec", "command", "nohup", "time", "nice", "xargs", "stdbuf", "timeout":
                    position += 1
                    while position < words.count, words[position].hasPrefix("-") || isAssignment(words[position]) {
                        position += 1
                    }
                    // `timeout 5 cmd`: the duration.
                    if name == "timeout", position < words.count, words[position].first?.isNumber == true {
                        position += 1
                    }
                default:
                    command.program = name
                    command.arguments = Array(words[(position + 1)...])
                    return
                }
            }
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

extension ShellScript {
    /// The operands among a command's arguments, as a command that parses its options the
    /// POSIX way sees them: a word starting with `-` is an option (`-` alone is an operand), and
    /// one of `optionsWithValue` takes the next word as its value (`--opt=value` and `-ovalue`
    /// carry theirs within the word); after `--`, every word is an operand.
    /// `operands(["install", "-y", "-o", "Dpkg::Options=x", "curl"], optionsWithValue: ["-o"])` is
    /// `["install", "curl"]`.
    static func operands(_ arguments: [String], optionsWithValue: [String]) -> [String] {
        var operands: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            let utf8 = word.utf8
            guard utf8.count > 1, utf8.first == UInt8(ascii: "-") else {
                operands.append(word)
                continue
            }
            if utf8.count == 2 && utf8.last == UInt8(ascii: "-") {
                operands += arguments[index...]
                break
            }
            if optionsWithValue.contains(where: { $0.utf8.elementsEqual(utf8) }) { index += 1 }
        }
        return operands
    }
}
