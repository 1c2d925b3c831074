/// A CEL expression that only names a value — `object.podSpec.containers`, `item.ports[0]`,
/// `variables.containers`, `object.metadata.labels['app']` — read so that the value can be found
/// in the resource's node tree, where it has a file position. Anything else (a call, an operator,
/// `has()`) is not a path and gives `nil`; an optional selection with a default
/// (`object.?a.orValue([])`) is read as its path.
struct NodePath: Hashable {
    enum Step: Hashable {
        case field(String)
        case index(Int)
    }

    /// The variable the path starts from: `object`, `item`, `variables`…
    var root: String
    var steps: [Step]

    /// The path `source` spells out, or `nil`.
    init?(_ source: Substring) {
        // An optional path (`object.?vpc_config.orValue([])`) is located as the plain path.
        var text = source.trimmingWhitespace
        for suffix in [".orValue(", ".or("] {
            if text.hasSuffix(")"), let range = text.ranges(of: suffix).last {
                text = text[..<range.lowerBound]
            }
        }
        let scalars = Array(text.unicodeScalars)
        var position = 0
        guard let root = Self.identifier(scalars, &position) else { return nil }
        var steps: [Step] = []
        while position < scalars.count {
            if scalars[position] == "." {
                position += 1
                if position < scalars.count, scalars[position] == "?" { position += 1 }
                guard let name = Self.identifier(scalars, &position) else { return nil }
                steps.append(.field(name))
            } else if scalars[position] == "[" {
                position += 1
                guard let step = Self.subscriptStep(scalars, &position), position < scalars.count,
                    scalars[position] == "]"
                else { return nil }
                position += 1
                steps.append(step)
            } else {
                return nil
            }
        }
        self.root = root
        self.steps = steps
    }

    /// Calls `visit` with every character of `source` outside string literals and the bracket
    /// depth before it (brackets, parentheses and braces count); `visit` returns false to stop.
    static func scanOutsideQuotes(_ source: String, _ visit: (String.Index, Character, Int) -> Bool) {
        var depth = 0
        var quote: Character?
        var index = source.startIndex
        while index < source.endIndex {
            let character = source[index]
            if let open = quote {
                if character == "\\" {
                    index = source.index(after: index)
                    if index == source.endIndex { break }
                } else if character == open {
                    quote = nil
                }
            } else {
                guard visit(index, character, depth) else { return }
                switch character {
                case "'", "\"": quote = character
                case "(", "[", "{": depth += 1
                case ")", "]", "}": depth -= 1
                default: break
                }
            }
            index = source.index(after: index)
        }
    }

    /// `source` split at every top-level `separator` (outside brackets and quotes).
    static func split(_ source: String, on separator: Character) -> [Substring] {
        var parts: [Substring] = []
        var start = source.startIndex
        scanOutsideQuotes(source) { index, character, depth in
            if character == separator && depth == 0 {
                parts.append(source[start..<index])
                start = source.index(after: index)
            }
            return true
        }
        parts.append(source[start...])
        return parts
    }

    /// The condition and branches of a top-level conditional `c ? a : b` (the else branch may
    /// itself be a conditional); `nil` when `source` is not one.
    static func conditional(_ source: String) -> (String, String, String)? {
        let questions = split(source, on: "?")
        // `x.?field` is an optional selection, not a conditional: a '?' right after a '.'.
        var condition = ""
        var restStart: Int?
        for (index, part) in questions.enumerated() where index < questions.count - 1 {
            condition += (index > 0 ? "?" : "") + part
            if !part.hasSuffix(".") {
                restStart = index + 1
                break
            }
        }
        guard let restStart else { return nil }
        let rest = questions[restStart...].joined(separator: "?")
        let colons = split(rest, on: ":")
        guard colons.count >= 2 else { return nil }
        return (condition, String(colons[0]), colons[1...].joined(separator: ":"))
    }

    /// The operands of `source` when it is a sum at its top level (`a + b + c`), else `source`
    /// alone. Signs inside brackets, parentheses and string literals do not split.
    static func summands(of source: String) -> [Substring] {
        split(source, on: "+")
    }

    private static func identifier(_ scalars: [Unicode.Scalar], _ position: inout Int) -> String? {
        let start = position
        while position < scalars.count {
            let scalar = scalars[position]
            let isLetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
            guard isLetter || (position > start && ("0"..."9").contains(scalar)) else { break }
            position += 1
        }
        guard position > start else { return nil }
        var name = ""
        name.unicodeScalars.append(contentsOf: scalars[start..<position])
        return name
    }

    /// `0`, `12`, `'name'` or `"name"` inside brackets.
    private static func subscriptStep(_ scalars: [Unicode.Scalar], _ position: inout Int) -> Step? {
        guard position < scalars.count else { return nil }
        let first = scalars[position]
        if first == "'" || first == "\"" {
            position += 1
            var text = ""
            while position < scalars.count, scalars[position] != first {
                guard scalars[position] != "\\" else { return nil }
                text.unicodeScalars.append(scalars[position])
                position += 1
            }
            guard position < scalars.count else { return nil }
            position += 1
            return .field(text)
        }
        var digits = ""
        while position < scalars.count, ("0"..."9").contains(scalars[position]) {
            digits.unicodeScalars.append(scalars[position])
            position += 1
        }
        return Int(digits).map(Step.index)
    }
}

extension Substring {
    fileprivate var trimmingWhitespace: Substring {
        var text = self
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
