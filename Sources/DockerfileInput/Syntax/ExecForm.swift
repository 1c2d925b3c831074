import PolicyModel

/// What the arguments of `RUN`, `CMD`, `ENTRYPOINT`, `SHELL`, `COPY`, `ADD` and `VOLUME` are when
/// read as the exec form: a JSON array of strings, a JSON array with something else in it, or not
/// JSON at all (and so the shell form, as Docker reads it).
enum ExecForm {
    /// One string of the array: its value and its literal as written, quotes included.
    struct Item {
        var text: String
        var range: Range<Int>
    }

    case strings([Item])
    /// A JSON array with a number, object, array, boolean or null in it.
    case notStrings
    case notJSON

    /// Most nesting read before the text is taken as not JSON (Go's decoder allows 10,000).
    static let maxDepth = 10_000

    /// Reads `range` of `scalars` (blanks trimmed) as one JSON value.
    static func read(_ scalars: [Unicode.Scalar], in range: Range<Int>) -> ExecForm {
        guard range.lowerBound < range.upperBound, scalars[range.lowerBound] == "[" else { return .notJSON }
        var reader = JSONReader(scalars: scalars, index: range.lowerBound, end: range.upperBound)
        guard let result = reader.readArray() else { return .notJSON }
        reader.skipBlanks()
        guard reader.index == range.upperBound else { return .notJSON }
        return result
    }
}

/// A JSON reader that keeps the strings of the outermost array and only checks the rest. Nesting is
/// followed with an explicit stack, so deep input cannot exhaust the call stack.
private struct JSONReader {
    let scalars: [Unicode.Scalar]
    var index: Int
    let end: Int

    mutating func skipBlanks() {
        while index < end,
            scalars[index] == " " || scalars[index] == "\t" || scalars[index] == "\n"
                || scalars[index] == "\r"
        {
            index += 1
        }
    }

    /// Reads the array at `index`; `nil` when it is not valid JSON.
    mutating func readArray() -> ExecForm? {
        var items: [ExecForm.Item] = []
        var allStrings = true
        // Open containers: `true` for an object, `false` for an array.
        var stack: [Bool] = [false]
        index += 1
        skipBlanks()
        if index < end && scalars[index] == "]" {
            index += 1
            return .strings([])
        }
        // The loop reads one value, then what follows it.
        while true {
            skipBlanks()
            guard index < end else { return nil }
            let start = index
            switch scalars[index] {
            case "[", "{":
                guard stack.count < ExecForm.maxDepth else { return nil }
                let isObject = scalars[index] == "{"
                if stack.count == 1 { allStrings = false }
                stack.append(isObject)
                index += 1
                skipBlanks()
                let close: Unicode.Scalar = isObject ? "}" : "]"
                if index < end && scalars[index] == close {
                    index += 1
                    stack.removeLast()
                } else {
                    if isObject && !readKey() { return nil }
                    continue
                }
            case "\"":
                guard let text = readString() else { return nil }
                if stack.count == 1 { items.append(ExecForm.Item(text: text, range: start..<index)) }
            default:
                guard readScalarValue() else { return nil }
                if stack.count == 1 { allStrings = false }
            }
            // After a value: a comma and the next value, or the end of containers.
            while true {
                skipBlanks()
                guard index < end, let isObject = stack.last else { return nil }
                if scalars[index] == "," {
                    index += 1
                    if isObject && !readKey() { return nil }
                    break
                }
                guard scalars[index] == (isObject ? "}" : "]") else { return nil }
                index += 1
                stack.removeLast()
                if stack.isEmpty { return allStrings ? .strings(items) : .notStrings }
            }
        }
    }

    /// Reads `"key":` inside an object.
    private mutating func readKey() -> Bool {
        skipBlanks()
        guard index < end, scalars[index] == "\"", readString() != nil else { return false }
        skipBlanks()
        guard index < end, scalars[index] == ":" else { return false }
        index += 1
        return true
    }

    /// Reads a string literal and returns its value.
    private mutating func readString() -> String? {
        index += 1
        var text: [Unicode.Scalar] = []
        while index < end {
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "\"":
                return String(scalars: text[...])
            case "\\":
                guard index < end else { return nil }
                let escaped = scalars[index]
                index += 1
                switch escaped {
                case "\"", "\\", "/": text.append(escaped)
                case "b": text.append("\u{08}")
                case "f": text.append("\u{0C}")
                case "n": text.append("\n")
                case "r": text.append("\r")
                case "t": text.append("\t")
                case "u":
                    guard let unit = readHex() else { return nil }
                    text.append(decodeUnit(unit))
                default: return nil
                }
            default:
                guard scalar.value >= 0x20 else { return nil }
                text.append(scalar)
            }
        }
        return nil
    }

    /// The scalar for a `\u` escape, joining a surrogate pair when the low half follows; an unpaired
    /// surrogate becomes U+FFFD, as Go's decoder does.
    private mutating func decodeUnit(_ unit: UInt32) -> Unicode.Scalar {
        if unit >= 0xD800 && unit < 0xDC00, index + 1 < end, scalars[index] == "\\", scalars[index + 1] == "u" {
            let saved = index
            index += 2
            if let low = readHex(), low >= 0xDC00 && low < 0xE000,
                let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            {
                return scalar
            }
            index = saved
        }
        return Unicode.Scalar(unit) ?? "\u{FFFD}"
    }

    /// Four hexadecimal digits.
    private mutating func readHex() -> UInt32? {
        guard index + 4 <= end else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = hexDigit(scalars[index]) else { return nil }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private func hexDigit(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 48...57: return scalar.value - 48
        case 65...70: return scalar.value - 55
        case 97...102: return scalar.value - 87
        default: return nil
        }
    }

    /// Reads a number, `true`, `false` or `null`.
    private mutating func readScalarValue() -> Bool {
        for literal in ["true", "false", "null"] {
            let pattern = Array(literal.unicodeScalars)
            if index + pattern.count <= end && scalars[index..<(index + pattern.count)].elementsEqual(pattern) {
                index += pattern.count
                return true
            }
        }
        return readNumber()
    }

    /// Reads `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func readNumber() -> Bool {
        if index < end && scalars[index] == "-" { index += 1 }
        guard index < end, scalars[index].isASCIIDigit else { return false }
        if scalars[index] == "0" {
            index += 1
        } else {
            while index < end && scalars[index].isASCIIDigit { index += 1 }
        }
        if index < end && scalars[index] == "." {
            index += 1
            guard digits() else { return false }
        }
        if index < end && (scalars[index] == "e" || scalars[index] == "E") {
            index += 1
            if index < end && (scalars[index] == "+" || scalars[index] == "-") { index += 1 }
            guard digits() else { return false }
        }
        return true
    }

    /// Reads one or more decimal digits.
    private mutating func digits() -> Bool {
        let start = index
        while index < end && scalars[index].isASCIIDigit { index += 1 }
        return index > start
    }
}
