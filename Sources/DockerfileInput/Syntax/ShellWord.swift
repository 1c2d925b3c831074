import PolicyModel

/// How a build argument is known when a `FROM` line is read.
enum Binding: Equatable {
    /// Declared with this default.
    case value(String)
    /// Only the build knows it: an `ARG` without a default, or a platform argument the builder sets
    /// (`TARGETPLATFORM`, `BUILDARCH`…).
    case unknown
}

/// A word processed the way the builder processes it: quotes removed, escapes resolved, and — when
/// variables are given — `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:+word}`,
/// `${NAME+word}`, `${NAME:?message}` and `${NAME?message}` substituted.
///
/// A substitution that needs a variable only the build knows is not guessed: the result keeps it as
/// written and is marked unresolved. The pattern forms (`#`, `%`, `/`) are kept as written and
/// unresolved too. A variable that is not declared at all is empty, as in the builder, and its
/// name is reported.
struct ShellWord {
    /// The processed text.
    var text: String
    /// `false` when some substitution needed a value only the build knows, or the result would be
    /// longer than `maxLength`.
    var resolved: Bool
    /// Variables used that were not declared, in order.
    var undeclared: [String]

    /// The longest result worked out; arguments that refer to each other could otherwise double it
    /// at every step.
    static let maxLength = 65_536
    /// The deepest `${NAME:-${OTHER:-…}}` nesting followed.
    static let maxDepth = 16

    /// Processes `range` of `scalars`; `variables` `nil` only removes quotes and escapes.
    init(_ scalars: [Unicode.Scalar], _ range: Range<Int>, escape: Unicode.Scalar, variables: [String: Binding]?) {
        var processor = Processor(scalars: scalars, index: range.lowerBound, end: range.upperBound, escape: escape)
        processor.variables = variables
        text = String(scalars: processor.word(stopAt: nil)[...])
        resolved = processor.resolved
        undeclared = processor.undeclared
    }
}

/// The state of one `ShellWord` being processed.
private struct Processor {
    let scalars: [Unicode.Scalar]
    var index: Int
    let end: Int
    let escape: Unicode.Scalar
    var variables: [String: Binding]?
    var resolved = true
    var undeclared: [String] = []
    var depth = 0

    /// Reads up to `stop` (outside quotes) or the end, and returns the processed text.
    mutating func word(stopAt stop: Unicode.Scalar?) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        while index < end {
            let scalar = scalars[index]
            if let stop, scalar == stop { return out }
            if scalar == "'" {
                index += 1
                while index < end && scalars[index] != "'" {
                    out.append(scalars[index])
                    index += 1
                }
                index = min(index + 1, end)
            } else if scalar == "\"" {
                index += 1
                doubleQuoted(into: &out)
            } else if scalar == escape {
                index += 1
                if index < end {
                    out.append(scalars[index])
                    index += 1
                }
            } else if scalar == "$" && variables != nil {
                dollar(into: &out)
            } else {
                out.append(scalar)
                index += 1
            }
        }
        return out
    }

    /// Reads a double-quoted string after its opening quote. Inside, the escape character only
    /// escapes `"`, `$` and itself.
    private mutating func doubleQuoted(into out: inout [Unicode.Scalar]) {
        while index < end {
            let scalar = scalars[index]
            if scalar == "\"" {
                index += 1
                return
            }
            if scalar == "$" && variables != nil {
                dollar(into: &out)
                continue
            }
            index += 1
            if scalar == escape {
                guard index < end else { return }
                let next = scalars[index]
                if next == "\"" || next == "$" || next == escape {
                    out.append(next)
                    index += 1
                } else {
                    out.append(scalar)
                }
                continue
            }
            out.append(scalar)
        }
    }

    /// Reads a substitution starting at `$`.
    private mutating func dollar(into out: inout [Unicode.Scalar]) {
        let start = index
        index += 1
        guard index < end else {
            out.append("$")
            return
        }
        if scalars[index] != "{" {
            let nameStart = index
            while index < end && isNameScalar(scalars[index]) { index += 1 }
            guard index > nameStart else {
                out.append("$")
                return
            }
            substitute(name(nameStart..<index), raw: start..<index, into: &out)
            return
        }
        index += 1
        let nameStart = index
        while index < end && isNameScalar(scalars[index]) { index += 1 }
        let variable = name(nameStart..<index)
        guard !variable.isEmpty, index < end else { return keepUnresolved(from: start, into: &out) }
        if scalars[index] == "}" {
            index += 1
            substitute(variable, raw: start..<index, into: &out)
            return
        }
        var colon = false
        if scalars[index] == ":" {
            colon = true
            index += 1
            guard index < end else { return keepUnresolved(from: start, into: &out) }
        }
        let operation = scalars[index]
        index += 1
        guard depth < ShellWord.maxDepth else {
            index = end
            return keepUnresolved(from: start, into: &out)
        }
        // The word after the operator, worked out apart so that it only counts when it is used.
        let outerResolved = resolved
        let outerUndeclared = undeclared.count
        resolved = true
        depth += 1
        let alternative = word(stopAt: "}")
        depth -= 1
        let alternativeResolved = resolved
        resolved = outerResolved
        guard index < end else { return keepUnresolved(from: start, into: &out) }
        index += 1
        let raw = start..<index
        guard operation == "-" || operation == "+" || operation == "?" else {
            undeclared.removeSubrange(outerUndeclared...)
            return keepUnresolved(raw, into: &out)
        }
        let binding = variables?[variable]
        if binding == .unknown {
            undeclared.removeSubrange(outerUndeclared...)
            return keepUnresolved(raw, into: &out)
        }
        let value: String?
        if case .value(let text) = binding { value = text } else { value = nil }
        let isSet = value.map { !colon || !$0.isEmpty } ?? false
        // `-` uses the word when the variable is not set, `+` when it is; `?` stops the build with
        // the word as its message when it is not set.
        let usesWord = operation == "-" ? !isSet : operation == "+" ? isSet : false
        if usesWord {
            resolved = resolved && alternativeResolved
            append(alternative, into: &out)
            return
        }
        undeclared.removeSubrange(outerUndeclared...)
        if operation == "?" && !isSet {
            keepUnresolved(raw, into: &out)
        } else if operation != "+" {
            append(value ?? "", into: &out)
        }
    }

    /// Appends the value of `variable`, or keeps `raw` when only the build knows it.
    private mutating func substitute(_ variable: String, raw: Range<Int>, into out: inout [Unicode.Scalar]) {
        switch variables?[variable] {
        case .value(let text)?: append(text, into: &out)
        case .unknown?: keepUnresolved(raw, into: &out)
        case nil: undeclared.append(variable)
        }
    }

    /// Keeps the text from `start` to the current index as written, unresolved.
    private mutating func keepUnresolved(from start: Int, into out: inout [Unicode.Scalar]) {
        keepUnresolved(start..<index, into: &out)
    }

    private mutating func keepUnresolved(_ raw: Range<Int>, into out: inout [Unicode.Scalar]) {
        resolved = false
        append(scalars[raw], into: &out)
    }

    /// Appends `text` unless the result would pass `ShellWord.maxLength`, which leaves it unresolved.
    private mutating func append(_ text: some Collection<Unicode.Scalar>, into out: inout [Unicode.Scalar]) {
        guard out.count + text.count <= ShellWord.maxLength else {
            resolved = false
            return
        }
        out.append(contentsOf: text)
    }

    private mutating func append(_ text: String, into out: inout [Unicode.Scalar]) {
        append(text.scalarArray, into: &out)
    }

    private func name(_ range: Range<Int>) -> String {
        String(scalars: scalars[range])
    }

    private func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCIILetter || scalar.isASCIIDigit || scalar == "_"
    }
}
