/// Reads YAML flow text — `[a, b]`, `{k: v}`, quoted scalars — which may span several lines.
/// Running out of text is reported apart from other errors, so the block reader can append the
/// next line and try again.
struct FlowReader {
    /// Why reading stopped.
    enum Incomplete: Error {
        /// The text ended inside a collection or a quoted scalar.
        case needsMore
        case invalid(FunctionError)
    }

    let scalars: [Unicode.Scalar]
    var position: Int
    let line: Int
    var depthLimit = YAMLText.maximumDepth

    private func invalid(_ message: String) -> Incomplete {
        .invalid(FunctionError("invalid YAML on line \(line): \(message)"))
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    mutating func skipSpaceAndComments() {
        while let scalar = current {
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                position += 1
            } else if scalar == "#", position == 0 || [" ", "\t", "\n"].contains(scalars[position - 1]) {
                while let next = current, next != "\n" { position += 1 }
            } else {
                return
            }
        }
    }

    /// One value that must take up the whole text (comments aside).
    mutating func whole(inFlow: Bool) -> Result<TerraformValue, Incomplete> {
        do throws(Incomplete) {
            let result = try value(depth: 0, inFlow: inFlow)
            skipSpaceAndComments()
            guard position == scalars.count else { throw invalid("unexpected text after a value") }
            return .success(result)
        } catch {
            return .failure(error)
        }
    }

    mutating func value(depth: Int, inFlow: Bool) throws(Incomplete) -> TerraformValue {
        guard depth < depthLimit else { throw invalid("nesting deeper than \(YAMLText.maximumDepth)") }
        skipSpaceAndComments()
        guard let scalar = current else { throw .needsMore }
        switch scalar {
        case "[": return try sequence(depth: depth)
        case "{": return try mapping(depth: depth)
        case "\"", "'": return .string(try quoted())
        case "&", "*", "!": throw invalid("anchors, aliases and tags are not supported")
        default:
            guard inFlow else { throw invalid("unexpected text") }
            return YAMLReader.resolve(plain(isKey: false))
        }
    }

    /// Whether the colon at the current position separates a key from its value.
    private func atValueIndicator() -> Bool {
        guard current == ":" else { return false }
        guard position + 1 < scalars.count else { return true }
        return [" ", "\t", "\n", ",", "[", "]", "{", "}"].contains(scalars[position + 1])
    }

    private mutating func plain(isKey: Bool) -> String {
        var text = String.UnicodeScalarView()
        while let scalar = current {
            if [",", "[", "]", "{", "}", "\n"].contains(scalar) || atValueIndicator() { break }
            if scalar == "#", let last = text.last, last == " " || last == "\t" { break }
            text.append(scalar)
            position += 1
        }
        return String(text).trimmingSpaces()
    }

    private mutating func sequence(depth: Int) throws(Incomplete) -> TerraformValue {
        position += 1
        var items: [TerraformValue] = []
        while true {
            skipSpaceAndComments()
            guard let scalar = current else { throw .needsMore }
            if scalar == "]" {
                position += 1
                return .list(items)
            }
            let start = position
            var item = try value(depth: depth + 1, inFlow: true)
            skipSpaceAndComments()
            if atValueIndicator() {
                // `[a: b]` is a sequence holding the one-entry mapping {a: b}.
                position += 1
                skipSpaceAndComments()
                let key = String(String.UnicodeScalarView(scalars[start..<position - 1])).trimmingSpaces()
                let entry: TerraformValue =
                    [",", "]"].contains(current ?? ",") ? .null : try value(depth: depth + 1, inFlow: true)
                item = .object([(Conversion.string(item) ?? key, entry)])
                skipSpaceAndComments()
            }
            items.append(item)
            guard let separator = current else { throw .needsMore }
            if separator == "," {
                position += 1
            } else if separator != "]" {
                throw invalid("expected \",\" or \"]\" in a flow sequence")
            }
        }
    }

    private mutating func mapping(depth: Int) throws(Incomplete) -> TerraformValue {
        position += 1
        var entries: [(String, TerraformValue)] = []
        var seen = Set<String>()
        while true {
            skipSpaceAndComments()
            guard let scalar = current else { throw .needsMore }
            if scalar == "}" {
                position += 1
                return .object(entries)
            }
            let key: String
            switch scalar {
            case "\"", "'": key = try quoted()
            case "[", "{": throw invalid("flow collections as mapping keys are not supported")
            default: key = plain(isKey: true)
            }
            guard seen.insert(key).inserted else { throw invalid("duplicate mapping key \"\(key)\"") }
            skipSpaceAndComments()
            var entry = TerraformValue.null
            if current == ":" {
                position += 1
                skipSpaceAndComments()
                guard let next = current else { throw .needsMore }
                if next != "," && next != "}" { entry = try value(depth: depth + 1, inFlow: true) }
            }
            entries.append((key, entry))
            skipSpaceAndComments()
            guard let separator = current else { throw .needsMore }
            if separator == "," {
                position += 1
            } else if separator != "}" {
                throw invalid("expected \",\" or \"}\" in a flow mapping")
            }
        }
    }

    /// A single- or double-quoted scalar; line breaks inside fold as YAML folds them.
    mutating func quoted() throws(Incomplete) -> String {
        guard let quote = current else { throw .needsMore }
        position += 1
        var text = String.UnicodeScalarView()
        while let scalar = current {
            position += 1
            if scalar == quote {
                if quote == "'", current == "'" {
                    text.append("'")
                    position += 1
                    continue
                }
                return String(text)
            }
            if scalar == "\n" {
                while let last = text.last, last == " " || last == "\t" { text.removeLast() }
                var breaks = 1
                while let next = current, next == " " || next == "\t" || next == "\n" || next == "\r" {
                    if next == "\n" { breaks += 1 }
                    position += 1
                }
                text += breaks == 1 ? [" "] : [Unicode.Scalar](repeating: "\n", count: breaks - 1)
                continue
            }
            if quote == "\"", scalar == "\\" {
                try escape(into: &text)
                continue
            }
            text.append(scalar)
        }
        throw .needsMore
    }

    private mutating func escape(into text: inout String.UnicodeScalarView) throws(Incomplete) {
        guard let code = current else { throw .needsMore }
        position += 1
        switch code {
        case "0": text.append("\0")
        case "a": text.append("\u{07}")
        case "b": text.append("\u{08}")
        case "t", "\t": text.append("\t")
        case "n": text.append("\n")
        case "v": text.append("\u{0B}")
        case "f": text.append("\u{0C}")
        case "r": text.append("\r")
        case "e": text.append("\u{1B}")
        case " ": text.append(" ")
        case "\"": text.append("\"")
        case "/": text.append("/")
        case "\\": text.append("\\")
        case "N": text.append("\u{85}")
        case "_": text.append("\u{A0}")
        case "L": text.append("\u{2028}")
        case "P": text.append("\u{2029}")
        case "x", "u", "U":
            let count = code == "x" ? 2 : (code == "u" ? 4 : 8)
            guard scalars.count - position >= count else { throw .needsMore }
            let digits = String(String.UnicodeScalarView(scalars[position..<position + count]))
            guard let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw invalid("invalid escape \"\\\(code)\(digits)\"")
            }
            position += count
            text.append(scalar)
        case "\n":
            // An escaped line break joins the lines without a space.
            while let next = current, next == " " || next == "\t" { position += 1 }
        default:
            throw invalid("invalid escape \"\\\(code)\"")
        }
    }
}
