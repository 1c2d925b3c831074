/// The reading half of `YAMLText`: a line-oriented reader for block YAML with a small recursive
/// reader for flow collections inside it. See `YAMLText` for what it accepts.
struct YAMLReader {
    /// One line: its indentation (spaces), its text after the indentation, and its number.
    private struct Line {
        var indent: Int
        var text: Substring
        var raw: Substring
        let number: Int

        var isBlank: Bool { text.isEmpty || text.hasPrefix("#") }
    }

    private var lines: [Line] = []
    private var index = 0

    init(_ source: String) {
        var number = 0
        var rawLines = source.split(separator: "\n", omittingEmptySubsequences: false)
        // The break that ends the last line does not start another one.
        if rawLines.count > 1, rawLines.last?.isEmpty == true { rawLines.removeLast() }
        for var raw in rawLines {
            number += 1
            if raw.hasSuffix("\r") { raw = raw.dropLast() }
            var indent = 0
            var text = raw
            while text.hasPrefix(" ") {
                text = text.dropFirst()
                indent += 1
            }
            lines.append(Line(indent: indent, text: text, raw: raw, number: number))
        }
    }

    private func failure(_ message: String) -> FunctionError {
        let number = index < lines.count ? lines[index].number : (lines.last?.number ?? 1)
        return FunctionError("invalid YAML on line \(number): \(message)")
    }

    private mutating func skipBlank() {
        while index < lines.count, lines[index].isBlank || lines[index].text.allSatisfy({ $0 == " " || $0 == "\t" }) {
            index += 1
        }
    }

    mutating func document() throws(FunctionError) -> TerraformValue {
        skipBlank()
        while index < lines.count, lines[index].indent == 0, lines[index].text.hasPrefix("%") {
            index += 1
            skipBlank()
        }
        if index < lines.count, isMarker(lines[index].text, "---") {
            let rest = lines[index].text.dropFirst(3).drop { $0 == " " }
            if rest.isEmpty || rest.hasPrefix("#") {
                index += 1
            } else {
                lines[index].text = rest
                lines[index].indent = 4
            }
        }
        skipBlank()
        guard index < lines.count else { return .null }
        let value = try node(minIndent: 0, depth: 0)
        skipBlank()
        if index < lines.count, isMarker(lines[index].text, "...") {
            index += 1
            skipBlank()
        }
        if index < lines.count {
            if isMarker(lines[index].text, "---") { throw failure("several documents are not supported") }
            throw failure("unexpected text (is the indentation right?)")
        }
        return value
    }

    /// A `---` or `...` line at the left margin.
    private func isDocumentMarker(_ line: Line) -> Bool {
        line.indent == 0 && (isMarker(line.text, "---") || isMarker(line.text, "..."))
    }

    private func isMarker(_ text: Substring, _ marker: String) -> Bool {
        text == marker || text.hasPrefix(marker + " ") || text.hasPrefix(marker + "\t")
    }

    // MARK: Block structure

    private mutating func node(minIndent: Int, depth: Int) throws(FunctionError) -> TerraformValue {
        guard depth < YAMLText.maximumDepth else { throw failure("nesting deeper than \(YAMLText.maximumDepth)") }
        skipBlank()
        guard index < lines.count, lines[index].indent >= minIndent, !isDocumentMarker(lines[index]) else {
            return .null
        }
        let line = lines[index]
        if line.raw.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
            throw failure("tabs are not allowed in indentation")
        }
        if isSequenceEntry(line.text) { return try sequence(indent: line.indent, depth: depth) }
        if try mappingKey(line.text) != nil { return try mapping(indent: line.indent, depth: depth) }
        return try inlineValue(line.text, parentIndent: minIndent - 1, depth: depth)
    }

    private func isSequenceEntry(_ text: Substring) -> Bool {
        text == "-" || text.hasPrefix("- ") || text.hasPrefix("-\t")
    }

    private mutating func sequence(indent: Int, depth: Int) throws(FunctionError) -> TerraformValue {
        var items: [TerraformValue] = []
        while true {
            skipBlank()
            guard index < lines.count, lines[index].indent == indent, isSequenceEntry(lines[index].text) else { break }
            let afterDash = lines[index].text.dropFirst()
            let rest = afterDash.drop { $0 == " " || $0 == "\t" }
            if rest.isEmpty || rest.hasPrefix("#") {
                index += 1
            } else {
                lines[index].indent = indent + 1 + (afterDash.count - rest.count)
                lines[index].text = rest
            }
            items.append(try node(minIndent: indent + 1, depth: depth + 1))
        }
        try expectDedent(below: indent)
        return .list(items)
    }

    private mutating func mapping(indent: Int, depth: Int) throws(FunctionError) -> TerraformValue {
        var entries: [(String, TerraformValue)] = []
        var seen = Set<String>()
        while true {
            skipBlank()
            guard index < lines.count, lines[index].indent == indent, !isDocumentMarker(lines[index]) else { break }
            guard let (key, rest) = try mappingKey(lines[index].text) else {
                throw failure("expected a mapping key")
            }
            guard seen.insert(key).inserted else { throw failure("duplicate mapping key \"\(key)\"") }
            let value: TerraformValue
            if rest.isEmpty || rest.hasPrefix("#") {
                index += 1
                skipBlank()
                if index < lines.count, lines[index].indent == indent, isSequenceEntry(lines[index].text) {
                    value = try sequence(indent: indent, depth: depth + 1)
                } else {
                    value = try node(minIndent: indent + 1, depth: depth + 1)
                }
            } else {
                value = try inlineValue(rest, parentIndent: indent, depth: depth + 1)
            }
            entries.append((key, value))
        }
        try expectDedent(below: indent)
        return .object(entries)
    }

    /// After a collection at `indent`, the next line must be less indented (or absent).
    private mutating func expectDedent(below indent: Int) throws(FunctionError) {
        skipBlank()
        if index < lines.count, lines[index].indent > indent { throw failure("unexpected indentation") }
    }

    /// The key of a `key: value` line and the text after the colon, or nil when the line is not one.
    private func mappingKey(_ text: Substring) throws(FunctionError) -> (String, Substring)? {
        if text.hasPrefix("? ") || text == "?" { throw failure("complex mapping keys are not supported") }
        if text.hasPrefix("&") || text.hasPrefix("*") || text.hasPrefix("!") {
            throw failure("anchors, aliases and tags are not supported")
        }
        let scalars = Array(text.unicodeScalars)
        var position = 0
        let key: String
        if let first = scalars.first, first == "\"" || first == "'" {
            var flow = FlowReader(scalars: scalars, position: 0, line: lines[index].number)
            guard let quoted = try? flow.quoted() else { return nil }
            key = quoted
            position = flow.position
            while position < scalars.count, scalars[position] == " " { position += 1 }
            guard position < scalars.count, scalars[position] == ":" else { return nil }
        } else {
            if let first = scalars.first, first == "[" || first == "{" || first == "#" { return nil }
            while position < scalars.count {
                if scalars[position] == ":",
                    position + 1 == scalars.count || [" ", "\t"].contains(scalars[position + 1])
                {
                    break
                }
                if scalars[position] == "#", position > 0, [" ", "\t"].contains(scalars[position - 1]) { return nil }
                position += 1
            }
            guard position < scalars.count else { return nil }
            key = String(String.UnicodeScalarView(scalars[..<position])).trimmingSpaces()
        }
        let rest = String(String.UnicodeScalarView(scalars[(position + 1)...]))
        return (key, Substring(rest).drop { $0 == " " || $0 == "\t" })
    }

    // MARK: Scalars and flow collections

    /// The value that starts with `text` on the current line and may continue on lines indented
    /// past `parentIndent`; consumes those lines.
    private mutating func inlineValue(_ text: Substring, parentIndent: Int, depth: Int) throws(FunctionError)
        -> TerraformValue
    {
        guard let first = text.first else { return .null }
        switch first {
        case "|", ">":
            return .string(try blockScalar(header: text, parentIndent: parentIndent))
        case "&", "*", "!":
            throw failure("anchors, aliases and tags are not supported")
        case "@", "`", "%":
            throw failure("a plain scalar cannot start with \"\(first)\"")
        case "[", "{", "\"", "'":
            // Gather lines until the collection or string closes, then read it as flow text.
            let startLine = lines[index].number
            var source = Array(text.unicodeScalars)
            index += 1
            while true {
                var probe = FlowReader(
                    scalars: source, position: 0, line: startLine, depthLimit: YAMLText.maximumDepth - depth)
                switch probe.whole(inFlow: first == "[" || first == "{") {
                case .success(let value):
                    return value
                case .failure(.needsMore):
                    guard index < lines.count else {
                        throw FunctionError("invalid YAML on line \(startLine): unterminated flow value")
                    }
                    source.append("\n")
                    source += lines[index].raw.unicodeScalars
                    index += 1
                case .failure(.invalid(let error)):
                    throw error
                }
            }
        default:
            var parts = [stripComment(text)]
            var hadComment = parts[0].count != text.count
            index += 1
            var blankLines = 0
            while index < lines.count, !hadComment {
                let line = lines[index]
                if line.text.allSatisfy({ $0 == " " || $0 == "\t" }) {
                    blankLines += 1
                    index += 1
                    continue
                }
                guard line.indent > parentIndent, !line.text.hasPrefix("#"), !isDocumentMarker(line) else { break }
                let content = stripComment(line.text)
                hadComment = content.count != line.text.count
                parts.append(blankLines > 0 ? String(repeating: "\n", count: blankLines) : " ")
                parts.append(content)
                blankLines = 0
                index += 1
            }
            return YAMLReader.resolve(parts.joined())
        }
    }

    /// The text before a ` #` comment, without trailing spaces.
    private func stripComment(_ text: Substring) -> String {
        var previous: Character = " "
        var end = text.endIndex
        for position in text.indices {
            if text[position] == "#", previous == " " || previous == "\t" {
                end = position
                break
            }
            previous = text[position]
        }
        return String(text[..<end]).trimmingSpaces()
    }

    /// A `|` or `>` block: its header, then the lines indented past `parentIndent`.
    private mutating func blockScalar(header: Substring, parentIndent: Int) throws(FunctionError) -> String {
        let literal = header.first == "|"
        var chomp: Character = " "
        var explicitIndent: Int?
        for character in header.dropFirst() {
            if character == "+" || character == "-" {
                chomp = character
            } else if let digit = character.wholeNumberValue, (1...9).contains(digit), character.isASCII {
                explicitIndent = digit
            } else if character == " " || character == "\t" {
                break
            } else {
                throw failure("invalid block scalar header \"\(header)\"")
            }
        }
        let afterHeader = header.drop { $0 != " " && $0 != "\t" }.drop { $0 == " " || $0 == "\t" }
        guard afterHeader.isEmpty || afterHeader.hasPrefix("#") else {
            throw failure("text after a block scalar header")
        }
        index += 1
        var contentIndent = explicitIndent.map { max(parentIndent, 0) + $0 }
        var content: [Substring] = []
        while index < lines.count {
            let line = lines[index]
            let blank = line.text.isEmpty
            if contentIndent == nil, !blank {
                guard line.indent > parentIndent else { break }
                contentIndent = line.indent
            }
            if blank {
                content.append(line.raw.dropFirst(min(line.raw.count, contentIndent ?? line.raw.count)))
            } else if let contentIndent, line.indent >= contentIndent {
                content.append(line.raw.dropFirst(contentIndent))
            } else {
                break
            }
            index += 1
        }
        var trailing = 0
        while let last = content.last, last.allSatisfy({ $0 == " " }) {
            content.removeLast()
            trailing += 1
        }
        var body: String
        if literal {
            body = content.joined(separator: "\n")
        } else {
            body = ""
            var pendingBreaks = 0
            var first = true
            var previousIndented = false
            for line in content {
                if line.isEmpty {
                    pendingBreaks += 1
                    continue
                }
                let indented = line.first == " " || line.first == "\t"
                if first {
                    body += String(repeating: "\n", count: pendingBreaks)
                } else if pendingBreaks == 0 {
                    body += indented || previousIndented ? "\n" : " "
                } else {
                    body += String(repeating: "\n", count: pendingBreaks + (indented || previousIndented ? 1 : 0))
                }
                body += line
                pendingBreaks = 0
                first = false
                previousIndented = indented
            }
        }
        switch chomp {
        case "-": return body
        case "+": return body + String(repeating: "\n", count: content.isEmpty ? trailing : trailing + 1)
        default: return content.isEmpty ? "" : body + "\n"
        }
    }

    /// A plain scalar by the YAML 1.2 core schema: null, bool, integer (decimal, `0o`, `0x`),
    /// float (with `.inf` and `.nan`), otherwise a string.
    static func resolve(_ text: String) -> TerraformValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
        case ".nan", ".NaN", ".NAN": return .number(.nan)
        default: break
        }
        if text.hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) { return .number(Double(value)) }
        if text.hasPrefix("0o"), let value = UInt64(text.dropFirst(2), radix: 8) { return .number(Double(value)) }
        if let number = Conversion.parseNumber(text) { return .number(number) }
        return .string(text)
    }
}

extension String {
    /// The text without spaces and tabs at either end.
    func trimmingSpaces() -> String {
        var scalars = unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
