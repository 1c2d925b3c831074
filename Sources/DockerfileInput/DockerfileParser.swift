import PolicyModel

/// Reads Dockerfiles (and Containerfiles) into one located resource per file, as BuildKit's
/// parser reads them: parser directives, comments, line continuations with the escape character,
/// the exec and shell forms, heredocs, build arguments in `FROM`, and stages.
///
/// Problems are diagnostics located at their line and column, and reading goes on after them: an
/// unknown instruction is a warning and is left out of the model; an instruction before the first
/// `FROM` other than `ARG`, a `FROM` without an image and an unterminated heredoc are errors. A stage
/// name used twice is left to policies, as BuildKit leaves it to its build checks. The model is
/// described on `ModelBuilder`.
public enum DockerfileParser {
    /// The `inputKind` of every resource this parser returns.
    public static let inputKind = "dockerfile"

    /// Most instructions read from one file; the rest of a longer file is not read.
    public static let maxInstructions = 100_000

    /// Whether `path` names a Dockerfile, by its base name: `Dockerfile`, `Containerfile`,
    /// `Dockerfile.<anything>`, `<anything>.Dockerfile`, `<anything>.dockerfile` or
    /// `<anything>.Containerfile`. The names are case-sensitive, as BuildKit's are. A BuildKit ignore
    /// file beside a Dockerfile (`Dockerfile.dockerignore`) is not a Dockerfile.
    public static func isDockerfile(path: String) -> Bool {
        let name = baseName(path)
        if name == "Dockerfile" || name == "Containerfile" { return true }
        if name.hasSuffix(".dockerignore") { return false }
        if name.hasPrefix("Dockerfile."), name.count > "Dockerfile.".count { return true }
        for suffix in [".Dockerfile", ".dockerfile", ".Containerfile"] where name.hasSuffix(suffix) {
            if name.count > suffix.count { return true }
        }
        return false
    }

    /// The resource for the Dockerfile `text` read from `file`, and the problems found in it.
    public static func parse(_ text: String, file: String) -> (resources: [Resource], diagnostics: [Diagnostic]) {
        var reader = LineReader(text)
        var builder = ModelBuilder(file: file)
        var read = 0
        while let line = reader.nextInstruction() {
            builder.escape = reader.escape
            guard read < maxInstructions else {
                builder.report(
                    .error, "more than \(maxInstructions) instructions; the rest of the file is not read",
                    at: line.span(0..<0))
                break
            }
            read += 1
            builder.add(line, reader: &reader)
        }
        let lastLine = max(1, reader.lineCount)
        let span = Span(line: 1, column: 1, endLine: lastLine, endColumn: reader.endColumn(ofLine: lastLine))
        let name = baseName(file)
        let resource = Resource(
            inputKind: inputKind, type: "dockerfile", name: name, namespace: nil, identity: file, file: file,
            span: span, content: builder.content(directives: reader.directives, span: span))
        var diagnostics = reader.problems.map { problem in
            Diagnostic(
                .error, problem.message,
                at: Location(
                    file: file, line: Int(problem.span.line), column: Int(problem.span.column),
                    endLine: Int(problem.span.endLine), endColumn: Int(problem.span.endColumn)))
        }
        diagnostics += builder.diagnostics
        return ([resource], diagnostics)
    }

    /// The last component of a `/`-separated path.
    private static func baseName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
