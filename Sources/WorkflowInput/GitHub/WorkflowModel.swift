import PolicyModel

/// Builds what policies see of one workflow or action: the document as written plus these views,
/// each value located where it is written.
///
/// - `events`: every trigger as a map from event name to its configuration, whichever form `on:`
///   takes (`on: push`, `on: [push, pull_request]`, or a map); an event named without
///   configuration maps to `{}`. Each event's value is located at its name. Actions have none.
/// - `jobList`: the jobs in order, each as written plus `id` (its key), `runners` (the labels of
///   `runs-on`, from a string, a list or `{group, labels}`), `selfHosted` (a `self-hosted` label),
///   `steps` (as in `steps` below; `[]` when none) and `action` (the reusable workflow its `uses:`
///   calls, as `ActionReference.node`; absent when none).
/// - `steps`: every step of every job (an action's `runs.steps`), each as written plus `job` (the
///   job's id; absent in an action), `index` (its place in the job) and `action` (what its `uses:`
///   names; absent when none).
/// - `expressions`: every `${{ }}` expression in a value, and every `if:` condition of a job or
///   step (written with or without `${{ }}`), each `{text, contexts, calls, comparisons, field,
///   path, job, step, uses, template, whole}`: `contexts` are the context paths it reads
///   (`github.event.issue.title`, `*` for an index or filter), `calls` the functions it calls
///   (`{name, arguments: [{kind, value}]}`, names lower-cased, `kind` one of `string number bool
///   null context call other`), `comparisons` its `==`/`!=` between a context and a string or
///   number (`{context, operator, value, kind}`: the value as text, `kind` `string` or `number`), `field` where it is inside its step, job or file
///   (`run`, `with.script`, `env.TITLE`, `if`), `path` the whole path (`jobs.build.steps[2].run`),
///   `job` and `step` the job id and step index (absent outside a job or step),
///   `uses` the step's or job's `uses:` (else ""), `template` whether it is written in `${{ }}`,
///   and `whole` whether it is the entire value (an `if:` with any other text is always true).
struct WorkflowModel {
    let file: String
    let source: SourceText
    var diagnostics: [Diagnostic] = []
    /// Nodes visited while collecting expressions; a YAML alias may make a small file stand for
    /// a huge tree, so the walk stops at `budget` and says so.
    private var budget = 1_000_000
    private var expressions: [Node] = []

    static let maxSteps = 100_000

    init(file: String, source: SourceText) {
        self.file = file
        self.source = source
    }

    /// The document with the views added (replacing any keys of the same names).
    mutating func build(_ document: Node, isAction: Bool) -> Node {
        guard case .mapping(var entries) = document.content else { return document }
        let at = Span(line: Int(document.span.line), column: Int(document.span.column))
        var steps: [Node] = []
        var jobs: [Node] = []
        if isAction {
            if case .sequence(let items)? = document["runs"]?["steps"]?.content {
                steps = augmentedSteps(items, job: nil)
            }
        } else if case .mapping(let written)? = document["jobs"]?.content {
            for entry in written {
                let job = augmentedJob(id: entry.key, entry.value)
                jobs.append(job)
                if case .sequence(let jobSteps)? = job["steps"]?.content, steps.count < Self.maxSteps {
                    steps += jobSteps
                }
            }
        }
        collect(document, path: [], scope: Scope())
        let views: [(String, Node)] = [
            ("events", events(document["on"], at: at)),
            ("jobList", Node(.sequence(jobs), span: document["jobs"]?.span ?? at)),
            ("steps", Node(.sequence(steps), span: at)),
            ("expressions", Node(.sequence(expressions), span: at)),
        ]
        entries.removeAll { entry in views.contains { $0.0 == entry.key.string } }
        for (name, value) in views { entries.append(Node.Entry(key: Node(.string(name), span: at), value: value)) }
        return Node(.mapping(entries), span: document.span)
    }

    // MARK: Triggers

    private func events(_ on: Node?, at: Span) -> Node {
        guard let on else { return Node(.mapping([]), span: at) }
        func empty(_ key: Node) -> Node { Node(.mapping([]), span: key.span) }
        switch on.content {
        case .string:
            return Node(.mapping([Node.Entry(key: on, value: empty(on))]), span: on.span)
        case .sequence(let items):
            return Node(
                .mapping(items.filter { $0.string != nil }.map { Node.Entry(key: $0, value: empty($0)) }), span: on.span
            )
        case .mapping(let written):
            return Node(
                .mapping(
                    written.map { entry in
                        switch entry.value.content {
                        // Located at the event's name, which a finding about the trigger names.
                        case .mapping:
                            return Node.Entry(key: entry.key, value: Node(entry.value.content, span: entry.key.span))
                        default: return Node.Entry(key: entry.key, value: empty(entry.key))
                        }
                    }), span: on.span)
        default:
            return Node(.mapping([]), span: on.span)
        }
    }

    // MARK: Jobs and steps

    private mutating func augmentedJob(id: Node, _ job: Node) -> Node {
        guard case .mapping(var entries) = job.content else { return job }
        let at = Span(line: Int(job.span.line), column: Int(job.span.column))
        var runners: [Node] = []
        if let runsOn = job["runs-on"] {
            switch runsOn.content {
            case .string: runners = [runsOn]
            case .sequence(let items): runners = items.filter { $0.string != nil }
            case .mapping:
                switch runsOn["labels"]?.content {
                case .string?: runners = runsOn["labels"].map { [$0] } ?? []
                case .sequence(let items)?: runners = items.filter { $0.string != nil }
                default: break
                }
            default: break
            }
        }
        let selfHosted = runners.contains { $0.string?.lowercased() == "self-hosted" }
        var steps: [Node] = []
        if case .sequence(let items)? = job["steps"]?.content { steps = augmentedSteps(items, job: id) }
        let uses = job["uses"]
        let action = uses.flatMap(actionReference)
        var views: [(String, Node)] = [
            ("id", id), ("runners", Node(.sequence(runners), span: job["runs-on"]?.span ?? at)),
            ("selfHosted", Node(.bool(selfHosted), span: job["runs-on"]?.span ?? at)),
            ("steps", Node(.sequence(steps), span: job["steps"]?.span ?? at)),
        ]
        if let action { views.append(("action", action)) }
        entries.removeAll { entry in views.contains { $0.0 == entry.key.string } }
        for (name, value) in views { entries.append(Node.Entry(key: Node(.string(name), span: at), value: value)) }
        return Node(.mapping(entries), span: job.span)
    }

    /// What a `uses:` value names, with the version its comment gives (`@<sha> # v6.0.2`).
    private func actionReference(_ node: Node) -> Node? {
        guard let text = node.string else { return nil }
        return ActionReference(text, comment: source.comment(onLineOf: node.span))?.node(at: node.span)
    }

    private mutating func augmentedSteps(_ items: [Node], job: Node?) -> [Node] {
        var steps: [Node] = []
        for (index, step) in items.prefix(Self.maxSteps).enumerated() {
            guard case .mapping(var entries) = step.content else {
                diagnostics.append(
                    Diagnostic(.error, "a step is a mapping with `run:` or `uses:`", at: step.location(in: file)))
                continue
            }
            let at = Span(line: Int(step.span.line), column: Int(step.span.column))
            let uses = step["uses"]
            let action = uses.flatMap(actionReference)
            var views: [(String, Node)] = [("index", Node(.int(Int64(index)), span: at))]
            if let job { views.append(("job", job)) }
            if let action { views.append(("action", action)) }
            entries.removeAll { entry in views.contains { $0.0 == entry.key.string } }
            for (name, value) in views {
                entries.append(Node.Entry(key: Node(.string(name), span: at), value: value))
            }
            steps.append(Node(.mapping(entries), span: step.span))
        }
        return steps
    }

    // MARK: Expressions

    /// Where a value sits: its job and step, and the `uses:` of that step (or job).
    private struct Scope {
        var job: Node?
        var step: Int?
        var uses = ""
        /// How many path components lead to the step (or job, or file) the value is in.
        var depth = 0
    }

    private enum Component {
        case key(String)
        case index(Int)
    }

    private mutating func collect(_ node: Node, path: [Component], scope: Scope) {
        guard budget > 0 else { return }
        budget -= 1
        if budget == 0 {
            diagnostics.append(
                Diagnostic(
                    .warning, "the document is too large to look at every expression (over a million values)",
                    at: node.location(in: file)))
            return
        }
        switch node.content {
        case .mapping(let entries):
            var scope = scope
            // A job: `jobs.<id>`; a step: `jobs.<id>.steps[n]` or `runs.steps[n]`.
            if path.count == 2, case .key("jobs") = path[0], case .key(let id) = path[1] {
                scope = Scope(job: Node(.string(id), span: node.span), step: nil, uses: node["uses"]?.string ?? "")
                scope.depth = 2
            } else if let step = stepIndex(path) {
                scope.step = step
                scope.uses = node["uses"]?.string ?? ""
                scope.depth = path.count
            }
            for entry in entries {
                guard let key = entry.key.string else { continue }
                let childPath = path + [.key(key)]
                if key == "if", path.count == scope.depth, scope.job != nil || scope.step != nil,
                    let text = entry.value.string, !Self.hasTemplate(text)
                {
                    condition(text, at: entry.value, path: childPath, scope: scope)
                    continue
                }
                collect(entry.value, path: childPath, scope: scope)
            }
        case .sequence(let items):
            for (index, item) in items.enumerated() { collect(item, path: path + [.index(index)], scope: scope) }
        case .string(let text) where Self.hasTemplate(text):
            template(text, at: node, path: path, scope: scope)
        default:
            return
        }
    }

    /// Whether `text` holds `${{`: a byte scan, as every string value of every workflow is asked.
    static func hasTemplate(_ text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte == UInt8(ascii: "{"), previous == (UInt8(ascii: "$"), UInt8(ascii: "{")) { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    private func stepIndex(_ path: [Component]) -> Int? {
        if path.count == 4, case .key("jobs") = path[0], case .key("steps") = path[2], case .index(let n) = path[3] {
            return n
        }
        if path.count == 3, case .key("runs") = path[0], case .key("steps") = path[1], case .index(let n) = path[2] {
            return n
        }
        return nil
    }

    /// An `if:` written without `${{ }}`: the whole value is one expression.
    private mutating func condition(_ text: String, at node: Node, path: [Component], scope: Scope) {
        switch ExpressionParser.parse(text) {
        case .success(let expression):
            record(
                expression, text: text.trimmingSpaces, span: node.span, path: path, scope: scope, template: false,
                whole: true)
        case .failure(let error):
            diagnostics.append(
                Diagnostic(.error, "invalid expression in `if:`: \(error.message)", at: node.location(in: file)))
        }
    }

    private mutating func template(_ text: String, at node: Node, path: [Component], scope: Scope) {
        let parsed = ExpressionTemplate(text)
        let bytes = Array(text.utf8)
        var occurrence = 0
        // Template starts in order, so that errors find the `${{` they belong to.
        var starts: [Int] = []
        var cursor = 0
        while cursor + 2 < bytes.count {
            if bytes[cursor] == UInt8(ascii: "$"), bytes[cursor + 1] == UInt8(ascii: "{"),
                bytes[cursor + 2] == UInt8(ascii: "{")
            {
                starts.append(cursor)
                cursor += 3
            } else {
                cursor += 1
            }
        }
        let expressionCount = parsed.expressions.count
        let isWhole = expressionCount == 1 && parsed.parts.count == 1
        for part in parsed.parts {
            guard case .expression(let expression, let range) = part else { continue }
            occurrence = starts.firstIndex(of: range.start) ?? occurrence
            // A template written over several lines is checked up to its first line break.
            let written = bytes[range.start..<range.end].prefix { $0 != UInt8(ascii: "\n") }
            let span = source.templateStart(occurrence: occurrence, from: node.span, expected: written) ?? node.span
            let inner = String(
                decoding: bytes[min(range.start + 3, range.end)..<max(range.start + 3, range.end - 2)], as: UTF8.self)
            record(
                expression, text: inner.trimmingSpaces, span: span, path: path, scope: scope, template: true,
                whole: isWhole)
        }
        for error in parsed.errors {
            let open = starts.last { $0 <= error.range.start } ?? 0
            let index = starts.firstIndex(of: open) ?? 0
            var location = node.location(in: file)
            let written = bytes[open..<min(bytes.count, open + 3)]
            if let span = source.templateStart(occurrence: index, from: node.span, expected: written) {
                location = Location(file: file, line: Int(span.line), column: Int(span.column))
                let between = bytes[open..<min(bytes.count, max(open, error.range.start))]
                if !between.contains(UInt8(ascii: "\n")) {
                    location.column += String(decoding: between, as: UTF8.self).unicodeScalars.count
                }
            }
            diagnostics.append(Diagnostic(.error, "invalid expression: \(error.message)", at: location))
        }
    }

    private mutating func record(
        _ expression: WorkflowExpression, text: String, span: Span, path: [Component], scope: Scope, template: Bool,
        whole: Bool
    ) {
        guard expressions.count < 100_000 else { return }
        func value(_ content: Node.Content) -> Node { Node(content, span: span) }
        func strings(_ items: [String]) -> Node { value(.sequence(items.map { value(.string($0)) })) }
        let field = render(Array(path.dropFirst(scope.depth)))
        let fullPath = render(path)
        var calls: [Node] = []
        var comparisons: [Node] = []
        expression.visit { node in
            switch node {
            case .call(let name, let arguments, _):
                let described = arguments.map { argument -> Node in
                    let (kind, text) = Self.describe(argument)
                    return .located([("kind", value(.string(kind))), ("value", value(.string(text)))], at: span)
                }
                calls.append(
                    .located(
                        [("name", value(.string(name.lowercased()))), ("arguments", value(.sequence(described)))],
                        at: span))
            case .binary(let op, let left, let right, _) where op == .equal || op == .notEqual:
                if let found = Self.comparison(left, right) ?? Self.comparison(right, left) {
                    comparisons.append(
                        .located(
                            [
                                ("context", value(.string(found.context))),
                                ("operator", value(.string(op.rawValue))), ("value", value(.string(found.value))),
                                ("kind", value(.string(found.kind))),
                            ], at: span))
                }
            default: break
            }
        }
        var entries: [(String, Node)] = [
            ("text", value(.string(text))), ("contexts", strings(expression.contextPaths)),
            ("calls", value(.sequence(calls))), ("comparisons", value(.sequence(comparisons))),
            ("field", value(.string(field))), ("path", value(.string(fullPath))),
            ("uses", value(.string(scope.uses))), ("template", value(.bool(template))),
            ("whole", value(.bool(whole))),
        ]
        if let job = scope.job?.string { entries.append(("job", value(.string(job)))) }
        if let step = scope.step { entries.append(("step", value(.int(Int64(step))))) }
        expressions.append(.located(entries, at: span))
    }

    private func render(_ path: [Component]) -> String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// A context compared with a literal string or number: its path, the literal as text and
    /// its kind (`string` or `number`); `nil` for other operands.
    private static func comparison(
        _ context: WorkflowExpression, _ literal: WorkflowExpression
    ) -> (context: String, value: String, kind: String)? {
        guard let path = context.path else { return nil }
        switch literal {
        case .string(let text, _): return (path, text, "string")
        case .number: return (path, describe(literal).1, "number")
        default: return nil
        }
    }

    /// An argument's kind and text: a literal's value, a context's path, a call's name.
    private static func describe(_ argument: WorkflowExpression) -> (String, String) {
        switch argument {
        case .string(let text, _): return ("string", text)
        case .number(let number, _):
            return ("number", number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number))
        case .bool(let flag, _): return ("bool", flag ? "true" : "false")
        case .null: return ("null", "")
        case .call(let name, _, _): return ("call", name.lowercased())
        default:
            if let path = argument.path { return ("context", path) }
            return ("other", "")
        }
    }
}
