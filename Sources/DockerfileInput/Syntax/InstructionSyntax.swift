import PolicyModel

/// An instruction split as BuildKit splits it before looking at the keyword: the keyword, the
/// `--name=value` flags in front of the arguments, and the arguments.
///
/// Offsets are into the instruction's `LogicalLine`.
struct InstructionSyntax {
    /// A `--name` or `--name=value` flag.
    struct Flag {
        /// The name without `--`.
        var name: String
        /// The value with its quotes removed; `nil` for a flag written without `=`.
        var value: String?
        /// The whole flag as written.
        var range: Range<Int>
        /// The value as written (after the `=`); the name when there is no value.
        var valueRange: Range<Int>
    }

    var keyword: Range<Int>
    var flags: [Flag]
    /// The arguments with the blanks around them trimmed.
    var arguments: Range<Int>

    /// Splits the instruction that starts at `start` in `scalars`.
    init(_ scalars: [Unicode.Scalar], from start: Int = 0) {
        var index = start
        while index < scalars.count && isBlank(scalars[index]) { index += 1 }
        let keywordStart = index
        while index < scalars.count && !isBlank(scalars[index]) { index += 1 }
        keyword = keywordStart..<index
        var flags: [Flag] = []
        while true {
            while index < scalars.count && isBlank(scalars[index]) { index += 1 }
            guard index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] == "-" else { break }
            guard let flag = Self.flag(scalars, at: &index) else { break }
            flags.append(flag)
        }
        var end = scalars.count
        while end > index && isBlank(scalars[end - 1]) { end -= 1 }
        self.flags = flags
        arguments = index..<max(index, end)
    }

    /// Reads the flag word at `index` (which starts with `--`) and moves past it; `nil` for a lone
    /// `--`, which ends the flags and is not part of the arguments. Quotes group blanks into the
    /// word and are removed from it; `\` takes the next character as it is.
    private static func flag(_ scalars: [Unicode.Scalar], at index: inout Int) -> Flag? {
        let start = index
        var word: [Unicode.Scalar] = []
        var quote: Unicode.Scalar?
        var equals: Int?
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open {
                    quote = nil
                } else if scalar == "\\" && index + 1 < scalars.count {
                    index += 1
                    word.append(scalars[index])
                } else if scalar != "\\" {
                    word.append(scalar)
                }
                index += 1
                continue
            }
            if isBlank(scalar) { break }
            if scalar == "'" || scalar == "\"" {
                quote = scalar
            } else if scalar == "\\" {
                if index + 1 < scalars.count {
                    index += 1
                    word.append(scalars[index])
                }
            } else {
                if scalar == "=" && equals == nil { equals = index }
                word.append(scalar)
            }
            index += 1
        }
        let text = String(scalars: word[...])
        if text == "--" { return nil }
        let body = text.dropFirst(2)
        guard let separator = body.firstIndex(of: "=") else {
            return Flag(name: String(body), value: nil, range: start..<index, valueRange: (start + 2)..<index)
        }
        let valueStart = (equals ?? (index - 1)) + 1
        return Flag(
            name: String(body[..<separator]), value: String(body[body.index(after: separator)...]),
            range: start..<index, valueRange: min(valueStart, index)..<index)
    }
}
