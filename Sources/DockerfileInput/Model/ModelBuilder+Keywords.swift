import PolicyModel

/// The fields of `ENV`, `LABEL`, `ARG`, `EXPOSE`, `USER`, `HEALTHCHECK`, `ADD` and `COPY`.
extension ModelBuilder {
    /// `ENV` and `LABEL` pairs: `name=value…`, or the legacy `name value` where the value is the rest
    /// of the line.
    mutating func keyValuePairs(_ keyword: String, _ arguments: Range<Int>, in line: LogicalLine, at span: Span)
        -> Node
    {
        let scalars = line.scalars
        let words = Words.quoted(scalars, in: arguments, escape: escape)
        guard let first = words.first else {
            report(.error, "\(keyword) has no arguments", at: span)
            return .list([], at: span)
        }
        var pairs: [Node] = []
        if firstIndex(of: "=", in: first, line) == nil, let key = Words.plain(scalars, in: arguments).first {
            var valueStart = key.upperBound
            while valueStart < arguments.upperBound && isBlank(scalars[valueStart]) { valueStart += 1 }
            guard valueStart < arguments.upperBound else {
                report(.error, "\(keyword) \"\(line.text(key))\" has no value", at: line.span(key))
                return .list([], at: line.span(arguments))
            }
            pairs.append(pair(key: key, value: valueStart..<arguments.upperBound, in: line))
        } else {
            for word in words {
                guard let equals = firstIndex(of: "=", in: word, line) else {
                    report(
                        .error, "\"\(line.text(word))\" is not of the form name=value, which \(keyword) needs",
                        at: line.span(word))
                    continue
                }
                pairs.append(pair(key: word.lowerBound..<equals, value: (equals + 1)..<word.upperBound, in: line))
            }
        }
        return .list(pairs, at: line.span(arguments))
    }

    /// `ARG name` and `ARG name=default` pairs. Before the first `FROM` (when `declaring`), they
    /// become the arguments `FROM` lines can use; a default may use the arguments declared before it.
    mutating func argumentPairs(_ arguments: Range<Int>, in line: LogicalLine, at span: Span, declaring: Bool)
        -> Node
    {
        let words = Words.quoted(line.scalars, in: arguments, escape: escape)
        if words.isEmpty { report(.error, "ARG has no name", at: span) }
        var pairs: [Node] = []
        for word in words {
            let equals = firstIndex(of: "=", in: word, line)
            let keyRange = word.lowerBound..<(equals ?? word.upperBound)
            let valueRange = equals.map { ($0 + 1)..<word.upperBound }
            if let valueRange {
                pairs.append(pair(key: keyRange, value: valueRange, in: line))
            } else {
                let keySpan = line.span(keyRange)
                pairs.append(
                    .fields(
                        [("key", .text(unquoted(keyRange, in: line), at: keySpan)), ("value", .absent(at: keySpan))],
                        at: keySpan))
            }
            guard declaring && currentStage < 0 else { continue }
            var binding = Binding.unknown
            if let valueRange {
                let value = ShellWord(line.scalars, valueRange, escape: escape, variables: self.arguments)
                if value.resolved { binding = .value(value.text) }
            }
            self.arguments[unquoted(keyRange, in: line)] = binding
        }
        return .list(pairs, at: line.span(arguments))
    }

    /// `EXPOSE` ports: `80`, `53/udp`, `8000-8010/tcp`.
    mutating func ports(_ arguments: Range<Int>, in line: LogicalLine, at span: Span) -> Node {
        let words = Words.plain(line.scalars, in: arguments)
        if words.isEmpty { report(.error, "EXPOSE has no ports", at: span) }
        let ports = words.map { word -> Node in
            let wordSpan = line.span(word)
            let written = line.text(word)
            let text = unquoted(word, in: line)
            // Where each part is, when the text is exactly as written.
            func partSpan(_ offset: Int, _ length: Int) -> Span {
                text == written ? line.span((word.lowerBound + offset)..<(word.lowerBound + offset + length)) : wordSpan
            }
            let scalars = text.scalarArray
            let slash = scalars.firstIndex(of: "/") ?? scalars.count
            let dash = scalars[..<slash].firstIndex(of: "-") ?? slash
            let low = number(scalars[..<dash])
            let high = dash < slash ? number(scalars[(dash + 1)..<slash]) : low
            let protocolNode: Node
            if slash < scalars.count {
                protocolNode = .text(
                    String(scalars: scalars[(slash + 1)...]).lowercased(),
                    at: partSpan(slash + 1, scalars.count - slash - 1))
            } else {
                protocolNode = .text("tcp", at: wordSpan)
            }
            return .fields(
                [
                    ("port", low.map { .integer($0, at: partSpan(0, dash)) } ?? .absent(at: wordSpan)),
                    (
                        "end",
                        high.map {
                            .integer($0, at: dash < slash ? partSpan(dash + 1, slash - dash - 1) : partSpan(0, dash))
                        }
                            ?? .absent(at: wordSpan)
                    ),
                    ("protocol", protocolNode),
                    ("written", .text(written, at: wordSpan)),
                ], at: wordSpan)
        }
        return .list(ports, at: line.span(arguments))
    }

    /// `USER user[:group]`; the user becomes the current stage's when `tracking`.
    mutating func user(_ arguments: Range<Int>, in line: LogicalLine, at span: Span, tracking: Bool) -> [(String, Node)]
    {
        guard !arguments.isEmpty else {
            report(.error, "USER has no user", at: span)
            return [("user", .absent(at: span)), ("group", .absent(at: span))]
        }
        let written = line.text(arguments)
        let text = unquoted(arguments, in: line)
        let whole = line.span(arguments)
        let scalars = text.scalarArray
        let colon = scalars.firstIndex(of: ":")
        func part(_ range: Range<Int>) -> Node {
            let partSpan =
                text == written
                ? line.span((arguments.lowerBound + range.lowerBound)..<(arguments.lowerBound + range.upperBound))
                : whole
            return .text(String(scalars: scalars[range]), at: partSpan)
        }
        let user = part(0..<(colon ?? scalars.count))
        let group = colon.map { part(($0 + 1)..<scalars.count) } ?? .absent(at: span)
        if tracking { setUser(user) }
        return [("user", user), ("group", group)]
    }

    /// Whether a `HEALTHCHECK` is `NONE`; reports a type that is neither `CMD` nor `NONE`.
    mutating func healthcheckNone(_ arguments: Range<Int>, in line: LogicalLine, at span: Span) -> Node {
        let words = Words.plain(line.scalars, in: arguments)
        guard let first = words.first else {
            report(.error, "HEALTHCHECK has no arguments; it takes CMD and a command, or NONE", at: span)
            return .boolean(false, at: span)
        }
        let type = line.text(first).uppercased()
        if type == "NONE" {
            if words.count > 1 { report(.error, "HEALTHCHECK NONE takes no arguments", at: line.span(words[1])) }
            return .boolean(true, at: line.span(first))
        }
        if type != "CMD" {
            report(.error, "HEALTHCHECK type \"\(line.text(first))\" is not CMD or NONE", at: line.span(first))
        } else if words.count == 1 {
            report(.error, "HEALTHCHECK CMD has no command", at: line.span(first))
        }
        return .boolean(false, at: line.span(first))
    }

    /// The `sources` and `destination` of `ADD` and `COPY`: every item but the last, and the last.
    mutating func sourcesAndDestination(_ keyword: String, _ command: Command, in line: LogicalLine, at span: Span)
        -> [(String, Node)]
    {
        var items: [Node]
        if case .strings(let list) = command.form {
            items = list.map { .text($0.text, at: line.span($0.range)) }
        } else {
            items = Words.plain(line.scalars, in: command.range).map { word in
                let isHeredoc = !HeredocMarker.markers(in: line.scalars, range: word).isEmpty
                return .text(isHeredoc ? line.text(word) : unquoted(word, in: line), at: line.span(word))
            }
        }
        guard items.count >= 2 else {
            report(.error, "\(keyword) needs at least one source and a destination", at: span)
            return [("sources", .list(items, at: span)), ("destination", .absent(at: span))]
        }
        let destination = items.removeLast()
        return [
            ("sources", .list(items, at: covering(items[0].span, items[items.count - 1].span))),
            ("destination", destination),
        ]
    }

    /// A key and value pair located at their text.
    private func pair(key: Range<Int>, value: Range<Int>, in line: LogicalLine) -> Node {
        let keySpan = line.span(key)
        let valueSpan = line.span(value)
        return .fields(
            [
                ("key", .text(unquoted(key, in: line), at: keySpan)),
                ("value", .text(unquoted(value, in: line), at: valueSpan)),
            ], at: covering(keySpan, valueSpan))
    }

    /// The text at `range` with quotes and escapes removed, variables left as written.
    func unquoted(_ range: Range<Int>, in line: LogicalLine) -> String {
        ShellWord(line.scalars, range, escape: escape, variables: nil).text
    }

    /// The first `scalar` in `range`.
    private func firstIndex(of scalar: Unicode.Scalar, in range: Range<Int>, _ line: LogicalLine) -> Int? {
        line.scalars[range].firstIndex(of: scalar)
    }

    /// A port number: decimal digits up to 65535.
    private func number(_ digits: ArraySlice<Unicode.Scalar>) -> Int? {
        guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy(\.isASCIIDigit) else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1.value - 48) }
        return value <= 65_535 ? value : nil
    }
}
