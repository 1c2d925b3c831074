import PolicyModel

/// Building one instruction: the fields every instruction has, heredocs, and dispatch to the
/// keyword's own fields.
extension ModelBuilder {
    /// Keywords whose arguments may be in the exec form.
    static let execKeywords: Set<String> = [
        "RUN", "CMD", "ENTRYPOINT", "SHELL", "ADD", "COPY", "VOLUME", "HEALTHCHECK",
    ]
    /// Keywords that may open heredocs.
    static let heredocKeywords: Set<String> = ["RUN", "COPY", "ADD"]
    /// Flags that may be given more than once; they are always lists.
    static let repeatableFlags: Set<String> = ["mount", "exclude"]
    /// Flags that are booleans.
    static let booleanFlags: Set<String> = ["link", "parents", "keep-git-dir"]

    /// Reads the instruction `line`, with its heredoc bodies from `reader`, and adds it to the model.
    mutating func add(_ line: LogicalLine, reader: inout LineReader) {
        let syntax = InstructionSyntax(line.scalars)
        let keyword = line.text(syntax.keyword).uppercased()
        let keywordSpan = line.span(syntax.keyword)
        guard Self.keywords.contains(keyword) else {
            report(.warning, "unknown instruction \"\(line.text(syntax.keyword))\" is ignored", at: keywordSpan)
            return
        }
        if currentStage < 0 && keyword != "ARG" && keyword != "FROM" {
            report(.error, "\(keyword) before the first FROM; only ARG may come before it", at: keywordSpan)
        }
        let command = command(of: keyword, syntax, in: line)
        var heredocs: [Heredoc] = []
        var end = (line: line.lastLine, column: line.lastLineEndColumn)
        if Self.heredocKeywords.contains(keyword), !command.isExec, line.contains("<<") {
            for marker in HeredocMarker.markers(in: line.scalars, range: syntax.arguments) {
                let body = reader.readHeredoc(delimiter: marker.delimiter, stripTabs: marker.stripTabs)
                heredocs.append(Heredoc(marker: marker, body: body))
                end = (reader.lastLineRead, reader.endColumn(ofLine: reader.lastLineRead))
                // The file has ended: the markers after this one have no body either.
                if !body.terminated {
                    report(.error, "heredoc \"\(marker.delimiter)\" is not terminated", at: line.span(marker.range))
                    break
                }
            }
        }
        let start = line.position(syntax.keyword.lowerBound)
        let span = Span(line: start.line, column: start.column, endLine: end.line, endColumn: end.column)
        let fields = instructionFields(
            keyword, syntax, command: command, heredocs: heredocs, in: line, at: span, nested: false)
        let node = Node.fields(fields, at: span)
        // A FROM starts its stage and is not one of the stage's instructions.
        append(node, toStage: keyword != "FROM")
    }

    /// The command part of an instruction and whether it is in the exec form.
    struct Command {
        /// The command's text: the arguments, or for `HEALTHCHECK` what follows `CMD`.
        var range: Range<Int>
        var form: ExecForm
        var isExec: Bool {
            if case .strings = form { return true }
            return false
        }
    }

    /// Finds the command of an instruction and reads it as the exec form where the keyword allows.
    func command(of keyword: String, _ syntax: InstructionSyntax, in line: LogicalLine) -> Command {
        var range = syntax.arguments
        if keyword == "HEALTHCHECK" {
            let words = Words.plain(line.scalars, in: syntax.arguments)
            if let first = words.first, line.text(first).uppercased() == "CMD" {
                var start = first.upperBound
                while start < range.upperBound && isBlank(line.scalars[start]) { start += 1 }
                range = start..<range.upperBound
            } else {
                range = syntax.arguments.upperBound..<syntax.arguments.upperBound
            }
        }
        let form = Self.execKeywords.contains(keyword) ? ExecForm.read(line.scalars, in: range) : .notJSON
        return Command(range: range, form: form)
    }

    /// Every field of one instruction. `nested` is for an `ONBUILD` trigger, which runs in a later
    /// build: it starts no stage and declares nothing here.
    mutating func instructionFields(
        _ keyword: String, _ syntax: InstructionSyntax, command: Command, heredocs: [Heredoc], in line: LogicalLine,
        at span: Span, nested: Bool
    ) -> [(String, Node)] {
        let keywordSpan = line.span(syntax.keyword)
        // Appended one by one into room made once: an instruction has up to twenty fields.
        var fields: [(String, Node)] = []
        fields.reserveCapacity(20)
        fields.append(("keyword", .text(keyword, at: keywordSpan)))
        fields.append(
            ("stage", .integer(keyword == "FROM" && !nested ? currentStage + 1 : currentStage, at: keywordSpan)))
        fields.append(("line", .integer(Int(keywordSpan.line), at: keywordSpan)))
        fields.append(("flags", flags(syntax, in: line, keywordSpan: keywordSpan)))
        let commandSpan = line.span(command.range)
        switch command.form {
        case .strings(let items):
            fields.append(("form", .text("exec", at: commandSpan)))
            fields.append(("arguments", .text(items.map(\.text).joined(separator: " "), at: commandSpan)))
            fields.append(("exec", .list(items.map { .text($0.text, at: line.span($0.range)) }, at: commandSpan)))
        case .notStrings, .notJSON:
            if case .notStrings = command.form {
                report(
                    .error, "\(keyword) has a JSON array that is not all strings; it is read as the shell form",
                    at: commandSpan)
            }
            fields.append(("form", .text("shell", at: commandSpan)))
            fields.append(("arguments", .text(line.text(command.range), at: commandSpan)))
            fields.append(("exec", .list([], at: commandSpan)))
        }
        let heredocNodes = heredocs.map { heredoc -> Node in
            let markerSpan = line.span(heredoc.marker.range)
            return .fields(
                [
                    ("delimiter", .text(heredoc.marker.delimiter, at: markerSpan)),
                    ("body", .text(heredoc.body.text, at: heredoc.body.span)),
                    ("expand", .boolean(heredoc.marker.expand, at: markerSpan)),
                ], at: covering(markerSpan, heredoc.body.span))
        }
        fields.append(("heredocs", .list(heredocNodes, at: heredocNodes.first.map(\.span) ?? keywordSpan)))
        if keyword == "RUN" {
            fields.append(("script", .text(Self.script(command, heredocs: heredocs, in: line), at: commandSpan)))
        }
        keywordFields(keyword, syntax, command: command, in: line, at: span, nested: nested, into: &fields)
        return fields
    }

    /// The shells whose here-documents are scripts (`RUN <<EOF`, `RUN bash <<EOF`).
    static let shells: Set<String> = ["sh", "bash", "dash", "ash", "zsh", "ksh"]

    /// What a `RUN` hands to the shell, for `shellCommands`: the exec form's items quoted as one
    /// command line; the shell form's text, followed — when a shell reads them — by its heredocs'
    /// delimiters (which close the here-documents the text opens) and then their bodies, so that
    /// the bodies are read as commands too. A heredoc fed to another program (`python3 <<EOF`)
    /// stays data, and so does a body whose `#!` line names another interpreter.
    static func script(_ command: Command, heredocs: [Heredoc], in line: LogicalLine) -> String {
        if case .strings(let items) = command.form {
            return items.map { "'" + $0.text.replacing("'", with: #"'"'"'"#) + "'" }.joined(separator: " ")
        }
        let text = line.text(command.range)
        guard !heredocs.isEmpty else { return text }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            .filter { !$0.hasPrefix("<<") && !$0.contains("=") }
        let program = words.first.map { String($0.split(separator: "/").last ?? $0) }
        guard program == nil || shells.contains(program ?? "") else { return text }
        // A body with its own interpreter line (`#!/usr/bin/env python3`) is not a shell script.
        let scripts = heredocs.filter { heredoc in
            guard heredoc.body.text.hasPrefix("#!") else { return true }
            let interpreter = heredoc.body.text.prefix { $0 != "\n" }.split(separator: " ").last { !$0.hasPrefix("-") }
            return shells.contains(String(interpreter?.split(separator: "/").last ?? ""))
        }
        return text + "\n" + heredocs.map { $0.marker.delimiter + "\n" }.joined() + scripts.map(\.body.text).joined()
    }

    /// The fields only some keywords have, appended to `fields`.
    private mutating func keywordFields(
        _ keyword: String, _ syntax: InstructionSyntax, command: Command, in line: LogicalLine, at span: Span,
        nested: Bool, into fields: inout [(String, Node)]
    ) {
        switch keyword {
        case "ENV", "LABEL":
            fields.append(("pairs", keyValuePairs(keyword, syntax.arguments, in: line, at: span)))
        case "ARG":
            fields.append(("pairs", argumentPairs(syntax.arguments, in: line, at: span, declaring: !nested)))
        case "EXPOSE":
            fields.append(("ports", ports(syntax.arguments, in: line, at: span)))
        case "USER":
            fields += user(syntax.arguments, in: line, at: span, tracking: !nested)
        case "HEALTHCHECK":
            fields.append(("none", healthcheckNone(syntax.arguments, in: line, at: span)))
        case "ADD", "COPY":
            fields += sourcesAndDestination(keyword, command, in: line, at: span)
        case "FROM" where !nested:
            from(syntax, in: line, at: span, into: &fields)
        case "ONBUILD" where !nested:
            fields.append(("trigger", trigger(syntax, in: line, at: span)))
        default:
            break
        }
    }

    /// The flags as a mapping (see the type's documentation for the types of values).
    private mutating func flags(_ syntax: InstructionSyntax, in line: LogicalLine, keywordSpan: Span) -> Node {
        // Most instructions have none.
        guard !syntax.flags.isEmpty else { return .fields([], at: keywordSpan) }
        var names: [String] = []
        var values: [String: [Node]] = [:]
        var warned: Set<String> = []
        for flag in syntax.flags {
            let valueSpan = line.span(flag.valueRange)
            let value: Node
            switch flag.value {
            case nil: value = .boolean(true, at: valueSpan)
            case "true"? where Self.booleanFlags.contains(flag.name): value = .boolean(true, at: valueSpan)
            case "false"? where Self.booleanFlags.contains(flag.name): value = .boolean(false, at: valueSpan)
            case let text?: value = .text(text, at: valueSpan)
            }
            if values[flag.name] == nil {
                names.append(flag.name)
                values[flag.name] = [value]
            } else if Self.repeatableFlags.contains(flag.name) {
                values[flag.name, default: []].append(value)
            } else {
                if warned.insert(flag.name).inserted {
                    report(
                        .warning, "flag \"--\(flag.name)\" is given more than once; the last one is used", at: valueSpan
                    )
                }
                values[flag.name] = [value]
            }
        }
        let fields = names.map { name -> (String, Node) in
            let nodes = values[name] ?? []
            guard Self.repeatableFlags.contains(name) else {
                return (name, nodes.last ?? .absent(at: keywordSpan))
            }
            let span = nodes.isEmpty ? keywordSpan : covering(nodes[0].span, nodes[nodes.count - 1].span)
            return (name, .list(nodes, at: span))
        }
        let span =
            syntax.flags.isEmpty
            ? keywordSpan
            : line.span(syntax.flags[0].range.lowerBound..<syntax.flags[syntax.flags.count - 1].range.upperBound)
        return .fields(fields, at: span)
    }

    /// The instruction an `ONBUILD` runs in a later build.
    private mutating func trigger(_ syntax: InstructionSyntax, in line: LogicalLine, at span: Span) -> Node {
        guard !syntax.arguments.isEmpty else {
            report(.error, "ONBUILD has no instruction", at: line.span(syntax.keyword))
            return .absent(at: span)
        }
        let inner = InstructionSyntax(line.scalars, from: syntax.arguments.lowerBound)
        let keyword = line.text(inner.keyword).uppercased()
        let keywordSpan = line.span(inner.keyword)
        guard Self.keywords.contains(keyword) else {
            report(.warning, "unknown instruction \"\(line.text(inner.keyword))\" is ignored", at: keywordSpan)
            return .absent(at: span)
        }
        if keyword == "ONBUILD" || keyword == "FROM" || keyword == "MAINTAINER" {
            report(.error, "\(keyword) is not allowed as an ONBUILD trigger", at: keywordSpan)
        }
        let triggerSpan = Span(
            line: Int(keywordSpan.line), column: Int(keywordSpan.column), endLine: Int(span.endLine),
            endColumn: Int(span.endColumn))
        let fields = instructionFields(
            keyword, inner, command: command(of: keyword, inner, in: line), heredocs: [], in: line, at: triggerSpan,
            nested: true)
        return .fields(fields, at: triggerSpan)
    }
}
