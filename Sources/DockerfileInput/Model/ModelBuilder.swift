import PolicyModel

/// Builds the located model of one Dockerfile — the `content` of its resource — from its
/// instructions, in order. Every value is a `Node` located at the text it comes from; a value
/// worked out from several places (a reference after substitution, arguments joined from
/// continuation lines) is located at the whole text it was worked out from, and an absent value is
/// `null` located at its instruction. The content is a mapping with these keys:
///
/// ```
/// directives:   {syntax: "docker/dockerfile:1", escape: "`", check: "skip=all"}   # only those written
/// stages:       [<stage>…]           # one per FROM, in order
/// finalStage:   <stage> | null       # the last stage again, for policies about the image built
/// instructions: [<instruction>…]     # every instruction of the file, FROM included, in order
/// ```
///
/// A stage:
///
/// ```
/// index: 0
/// name: "builder" | null             # lower-cased, as the builder compares names
/// final: true | false                # whether it is the last stage
/// base: <image>                      # what its FROM starts from
/// ancestors: [2, 0]                  # the earlier stages it is built on, nearest first
/// instructions: [<instruction>…]     # the instructions after its FROM, up to the next FROM
/// user: "app" | null                 # the user of its last USER instruction
/// ```
///
/// `ancestors` follows `base.stage` back: a stage's image starts as its ancestors' image, so a
/// `USER` or `HEALTHCHECK` set in one of them still holds in it. Each index is located where it is
/// named, the first at this stage's `FROM`.
///
/// An image (the `base` of a stage, and the extra fields of a `FROM` instruction):
///
/// ```
/// reference: "python:3.12-slim"      # after build-argument substitution
/// written: "python:${PY}-slim"       # as written
/// registry: "ghcr.io" | null         # null: Docker Hub
/// repository: "python"               # as written: Docker Hub short names stay short (no library/)
/// tag: "3.12-slim" | null
/// digest: "sha256:…" | null
/// platform: "linux/amd64" | null     # the --platform flag, substituted like the reference
/// stage: 0 | null                    # the earlier stage it names (by name, or by index)
/// scratch: true | false              # FROM scratch
/// resolved: true | false             # false when a build argument only the build knows is used
/// ```
///
/// Arguments are the `ARG`s before the first `FROM` and the builder's platform arguments
/// (`TARGETPLATFORM`…). When one of them has no default, `resolved` is `false`, `reference` keeps
/// the unknown part as written (`${BASE}:1.2`), and `registry`, `repository`, `tag` and `digest`
/// are `null` rather than guessed; so are they for `scratch` and for a stage. An argument that is
/// not declared is empty, as in the builder (with a warning).
///
/// An instruction:
///
/// ```
/// keyword: "RUN"                     # upper-cased
/// stage: 0                           # the stage it belongs to; -1 before the first FROM
/// line: 12                           # the line it starts on
/// flags: {mount: ["type=cache,target=/root/.cache"], chown: "app", link: true}
/// form: "shell" | "exec"
/// arguments: "apt-get update && apt-get install -y curl"
/// exec: ["python", "app.py"]         # the exec form's items; [] for the shell form
/// heredocs: [{delimiter: "EOF", body: "…\n", expand: true}]
/// script: "apt-get update && …"      # RUN only: what the shell runs, for shellCommands (below)
/// ```
///
/// - `flags`: `mount` and `exclude`, which may be repeated, are always lists of strings; every other
///   flag is a string (the last one written, with a warning when repeated), except that a flag
///   written without `=value` (`--link`), or a boolean flag (`link`, `parents`, `keep-git-dir`)
///   set to `true` or `false`, is a boolean. Quotes are removed from values.
/// - `arguments`: for the shell form, the text after the flags as the shell sees it — continuation
///   lines joined, comment lines inside them left out, heredoc bodies not included; for the exec
///   form, its items joined by spaces. An instruction with invalid JSON (or JSON that is not an
///   array of strings) is in the shell form, as the builder reads it.
/// - `script` (RUN): the exec form's items quoted as one command line (`['sh', '-c', 'x']` reads
///   as `sh -c x`); the shell form's text followed by the bodies of the heredocs a shell reads
///   (`RUN <<EOF`, `RUN bash <<EOF`; not `RUN python3 <<EOF`), so that `shellCommands(item.script)`
///   gives every command the RUN runs.
/// - `heredocs`: for `RUN`, `COPY` and `ADD` in the shell form. `body` is the lines up to the
///   delimiter, each ending in `\n` (without their leading tabs for `<<-`); `expand` is `false` when
///   the delimiter is quoted.
///
/// Fields that some keywords always have:
///
/// ```
/// ENV, ARG, LABEL: pairs: [{key: "A", value: "b" | null}]   # null: an ARG without default
/// EXPOSE:          ports: [{port: 8000, end: 8010, protocol: "tcp", written: "8000-8010/tcp"}]
/// USER:            user: "app", group: "staff" | null
/// HEALTHCHECK:     none: true | false
/// FROM:            the image fields above, and name: "builder" | null
///                  # the image's `stage` is called baseStage here: `stage` is the one FROM starts
/// ADD, COPY:       sources: ["src/", "<<EOF"], destination: "/app/"
/// ONBUILD:         trigger: <instruction> | null          # the instruction to run later
/// ```
///
/// - `pairs`: keys and values with quotes and escapes removed; variables in them are not expanded.
///   `ENV A b c` (the legacy form) is one pair with the value `b c`.
/// - `ports`: `end` equals `port` for a single port; `port` and `end` are `null` when the port is
///   not a number (`$PORT`). The protocol is lower-cased and `tcp` when not written.
/// - `sources`: heredoc sources as written (`<<EOF`), others with quotes removed.
/// - `HEALTHCHECK CMD …`: `form`, `arguments` and `exec` describe the command after `CMD`.
struct ModelBuilder {
    /// The parts of a stage known so far.
    private struct Stage {
        var name: Node
        var base: [(String, Node)]
        /// Where its `FROM` keyword is.
        var keywordSpan: Span
        /// From its `FROM` to the end of its last instruction.
        var span: Span
        var instructions: [Node] = []
        var user: Node?
    }

    /// A heredoc with its body.
    struct Heredoc {
        var marker: HeredocMarker
        var body: LineReader.HeredocBody
    }

    /// The instruction keywords the builder knows.
    static let keywords: Set<String> = [
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER",
        "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    ]

    /// The build arguments the builder itself sets, which only the build knows.
    static let platformArguments = [
        "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", "TARGETPLATFORM", "TARGETOS", "TARGETARCH",
        "TARGETVARIANT",
    ]

    let file: String
    var escape: Unicode.Scalar = "\\"
    private(set) var diagnostics: [Diagnostic] = []
    /// The build arguments a `FROM` can use: those declared before the first `FROM`.
    var arguments: [String: Binding]
    private var stages: [Stage] = []
    /// Each stage name and the index of the stage that took it first.
    private var stageNames: [String: Int] = [:]
    private var instructions: [Node] = []

    init(file: String) {
        self.file = file
        arguments = Dictionary(uniqueKeysWithValues: Self.platformArguments.map { ($0, Binding.unknown) })
    }

    /// Reports a problem at `span`.
    mutating func report(_ level: Diagnostic.Level, _ message: String, at span: Span) {
        diagnostics.append(
            Diagnostic(
                level, message,
                at: Location(
                    file: file, line: Int(span.line), column: Int(span.column), endLine: Int(span.endLine),
                    endColumn: Int(span.endColumn))))
    }

    /// The index of the current stage; -1 before the first `FROM`.
    var currentStage: Int { stages.count - 1 }

    /// Adds an instruction that has been built to the file's list and, when `toStage`, to the
    /// current stage's.
    mutating func append(_ instruction: Node, toStage: Bool) {
        instructions.append(instruction)
        guard toStage, !stages.isEmpty else { return }
        stages[stages.count - 1].instructions.append(instruction)
        stages[stages.count - 1].span = covering(stages[stages.count - 1].span, instruction.span)
    }

    /// Starts a stage for a `FROM` instruction.
    mutating func startStage(name: Node, base: [(String, Node)], keywordSpan: Span, span: Span) {
        stages.append(Stage(name: name, base: base, keywordSpan: keywordSpan, span: span))
    }

    /// Records the stage name `name` for the stage being started. A name already taken keeps naming
    /// its first stage and is not reported here: BuildKit leaves it to a build check
    /// (`DuplicateStageName`), and Palisade to the policy `docker-stage-alias-unique`.
    mutating func claimStageName(_ name: String) {
        if stageNames[name] == nil { stageNames[name] = stages.count }
    }

    /// The earlier stage that `reference` names, by name or by index.
    func stage(named reference: String) -> Int? {
        if let named = stageNames[reference.lowercased()], named < stages.count { return named }
        if !reference.isEmpty, reference.unicodeScalars.allSatisfy(\.isASCIIDigit), let index = Int(reference),
            index < stages.count
        {
            return index
        }
        return nil
    }

    /// Records `user` as the user of the current stage.
    mutating func setUser(_ user: Node) {
        guard !stages.isEmpty else { return }
        stages[stages.count - 1].user = user
    }

    /// The model, as described on the type.
    func content(directives: [LineReader.Directive], span: Span) -> Node {
        let directiveNode = Node.fields(
            directives.map { ($0.name, Node.text($0.value, at: $0.span)) },
            at: directives.isEmpty
                ? Span(line: Int(span.line), column: Int(span.column))
                : covering(directives[0].span, directives[directives.count - 1].span))
        var stageNodes: [Node] = []
        var ancestors: [[Node]] = []
        for (index, stage) in stages.enumerated() {
            // A stage built on an earlier one has that one's ancestors after it.
            var own: [Node] = []
            if let base = stage.base.first(where: { $0.0 == "stage" })?.1, case .int(let value) = base.content,
                let earlier = Int(exactly: value), ancestors.indices.contains(earlier)
            {
                own = [base] + ancestors[earlier]
            }
            ancestors.append(own)
            let baseSpan = stage.base.first(where: { $0.0 == "written" })?.1.span ?? stage.keywordSpan
            let instructionsSpan =
                stage.instructions.isEmpty
                ? stage.keywordSpan
                : covering(stage.instructions[0].span, stage.instructions[stage.instructions.count - 1].span)
            stageNodes.append(
                .fields(
                    [
                        ("index", .integer(index, at: stage.keywordSpan)),
                        ("name", stage.name),
                        ("final", .boolean(index == stages.count - 1, at: stage.keywordSpan)),
                        ("base", .fields(stage.base, at: baseSpan)),
                        ("ancestors", .list(own, at: baseSpan)),
                        ("instructions", .list(stage.instructions, at: instructionsSpan)),
                        ("user", stage.user ?? .absent(at: stage.keywordSpan)),
                    ], at: stage.span))
        }
        let stagesSpan = stageNodes.isEmpty ? span : covering(stageNodes[0].span, stageNodes[stageNodes.count - 1].span)
        let instructionsSpan =
            instructions.isEmpty
            ? span : covering(instructions[0].span, instructions[instructions.count - 1].span)
        return .fields(
            [
                ("directives", directiveNode),
                ("stages", .list(stageNodes, at: stagesSpan)),
                ("finalStage", stageNodes.last ?? .absent(at: span)),
                ("instructions", .list(instructions, at: instructionsSpan)),
            ], at: span)
    }
}

/// The span from the start of `first` to the end of `last`.
func covering(_ first: Span, _ last: Span) -> Span {
    Span(
        line: Int(first.line), column: Int(first.column), endLine: Int(last.endLine), endColumn: Int(last.endColumn))
}
