extension Library {
    /// The string extension library of cel-go (all versions): character access, searching,
    /// case mapping of ASCII letters, replacing, splitting, trimming, joining, reversing,
    /// quoting and `format`. Every index counts Unicode code points, not bytes.
    public static let strings = Library(
        name: "strings",
        functions: [
            Function(
                "charAt",
                doc: "The character at a code-point index; the index equal to the length gives ''.",
                overloads: [
                    .member("char_at_string_int", [.string, .int], returns: .string) { args in
                        guard case .string(let text) = args[0], case .int(let index) = args[1] else {
                            return .noSuchOverload
                        }
                        return StringExtension.charAt(text, index)
                    }
                ]),
            Function(
                "indexOf",
                doc:
                    "The index of the first occurrence of a substring, optionally from a start index; -1 if absent.",
                overloads: [
                    .member("index_of_string_string", [.string, .string], returns: .int) { args in
                        guard case .string(let text) = args[0], case .string(let part) = args[1] else {
                            return .noSuchOverload
                        }
                        return StringExtension.indexOf(text, part, from: nil)
                    },
                    .member("index_of_string_string_int", [.string, .string, .int], returns: .int) { args in
                        guard case .string(let text) = args[0], case .string(let part) = args[1],
                            case .int(let start) = args[2]
                        else { return .noSuchOverload }
                        return StringExtension.indexOf(text, part, from: start)
                    },
                ]),
            Function(
                "lastIndexOf",
                doc: "The index of the last occurrence of a substring, optionally starting no later than an index.",
                overloads: [
                    .member("last_index_of_string_string", [.string, .string], returns: .int) { args in
                        guard case .string(let text) = args[0], case .string(let part) = args[1] else {
                            return .noSuchOverload
                        }
                        return StringExtension.lastIndexOf(text, part, from: nil)
                    },
                    .member("last_index_of_string_string_int", [.string, .string, .int], returns: .int) { args in
                        guard case .string(let text) = args[0], case .string(let part) = args[1],
                            case .int(let start) = args[2]
                        else { return .noSuchOverload }
                        return StringExtension.lastIndexOf(text, part, from: start)
                    },
                ]),
            Function(
                "lowerAscii",
                doc: "The string with ASCII letters in lower case; other characters are unchanged.",
                overloads: [
                    .member("lower_ascii_string", [.string], returns: .string) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        return .string(StringExtension.mapASCII(text, from: 65...90, offset: 32))
                    }
                ]),
            Function(
                "upperAscii",
                doc: "The string with ASCII letters in upper case; other characters are unchanged.",
                overloads: [
                    .member("upper_ascii_string", [.string], returns: .string) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        return .string(StringExtension.mapASCII(text, from: 97...122, offset: -32))
                    }
                ]),
            Function(
                "replace",
                doc: "Replaces occurrences of a substring, all of them or at most a count (negative means all).",
                overloads: [
                    .member("replace_string_string_string", [.string, .string, .string], returns: .string) { args in
                        guard case .string(let text) = args[0], case .string(let old) = args[1],
                            case .string(let new) = args[2]
                        else { return .noSuchOverload }
                        return StringExtension.replace(text, old, new, limit: -1)
                    },
                    .member(
                        "replace_string_string_string_int", [.string, .string, .string, .int], returns: .string
                    ) { args in
                        guard case .string(let text) = args[0], case .string(let old) = args[1],
                            case .string(let new) = args[2], case .int(let limit) = args[3]
                        else { return .noSuchOverload }
                        return StringExtension.replace(text, old, new, limit: limit)
                    },
                ]),
            Function(
                "split",
                doc: "Splits at a separator into at most a count of parts (0 gives [], negative means no limit).",
                overloads: [
                    .member("split_string_string", [.string, .string], returns: .list(.string)) { args in
                        guard case .string(let text) = args[0], case .string(let separator) = args[1] else {
                            return .noSuchOverload
                        }
                        return .list(StringExtension.split(text, separator, limit: -1).map { .string($0) })
                    },
                    .member("split_string_string_int", [.string, .string, .int], returns: .list(.string)) { args in
                        guard case .string(let text) = args[0], case .string(let separator) = args[1],
                            case .int(let limit) = args[2]
                        else { return .noSuchOverload }
                        return .list(StringExtension.split(text, separator, limit: limit).map { .string($0) })
                    },
                ]),
            Function(
                "substring",
                doc: "The code points from a start index, up to an optional end index (exclusive).",
                overloads: [
                    .member("substring_string_int", [.string, .int], returns: .string) { args in
                        guard case .string(let text) = args[0], case .int(let start) = args[1] else {
                            return .noSuchOverload
                        }
                        return StringExtension.substring(text, start, nil)
                    },
                    .member("substring_string_int_int", [.string, .int, .int], returns: .string) { args in
                        guard case .string(let text) = args[0], case .int(let start) = args[1],
                            case .int(let end) = args[2]
                        else { return .noSuchOverload }
                        return StringExtension.substring(text, start, end)
                    },
                ]),
            Function(
                "trim",
                doc: "Removes leading and trailing Unicode white space (not the zero-width characters).",
                overloads: [
                    .member("trim_string", [.string], returns: .string) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        return .string(StringExtension.trim(text))
                    }
                ]),
            Function(
                "join",
                doc: "Concatenates a list of strings, with an optional separator between them.",
                overloads: [
                    .member("join_list", [.list(.string)], returns: .string) { args in
                        guard case .list(let parts) = args[0] else { return .noSuchOverload }
                        return StringExtension.join(parts, separator: "")
                    },
                    .member("join_list_string", [.list(.string), .string], returns: .string) { args in
                        guard case .list(let parts) = args[0], case .string(let separator) = args[1] else {
                            return .noSuchOverload
                        }
                        return StringExtension.join(parts, separator: separator)
                    },
                ]),
            Function(
                "reverse",
                doc: "The string with its code points in reverse order.",
                overloads: [
                    .member("reverse_string", [.string], returns: .string) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        return .string(StringExtension.string(from: text.unicodeScalars.reversed()))
                    }
                ]),
            Function(
                "strings.quote",
                doc:
                    "The string in double quotes, with quotes, backslashes and control characters escaped.",
                overloads: [
                    .global("strings_quote_string", [.string], returns: .string) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        return .string(StringExtension.quote(text))
                    }
                ]),
            Function(
                "format",
                doc: "Substitutes list elements for %s %d %f %e %b %o %x %X clauses (%% is a percent sign).",
                overloads: [
                    .member("format_string_list", [.string, .list(.dyn)], returns: .string) { args in
                        guard case .string(let template) = args[0], case .list(let values) = args[1] else {
                            return .noSuchOverload
                        }
                        return StringFormatter.format(template, values)
                    }
                ]),
        ])
}

/// The implementations of the string extension functions.
enum StringExtension {
    static func string<S: Sequence>(from scalars: S) -> String where S.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    static func indexOutOfRange(_ index: Int64) -> Value { .error("index out of range: \(index)") }

    static func charAt(_ text: String, _ index: Int64) -> Value {
        let scalars = Array(text.unicodeScalars)
        guard index >= 0, index <= Int64(scalars.count) else { return indexOutOfRange(index) }
        if index == Int64(scalars.count) { return .string("") }
        return .string(string(from: CollectionOfOne(scalars[Int(index)])))
    }

    /// Whether `pattern` occurs in `text` at `position` (which must leave room for it).
    /// cel-go's rules: an empty substring is found at the start index; a start index outside
    /// the string is an error.
    static func indexOf(_ text: String, _ part: String, from start: Int64?) -> Value {
        if part.isEmpty { return .int(start ?? 0) }
        let scalars = Array(text.unicodeScalars)
        let pattern = Array(part.unicodeScalars)
        var position = 0
        if let start {
            guard start >= 0, start < Int64(scalars.count) else { return indexOutOfRange(start) }
            position = Int(start)
        }
        return .int(SubstringSearch(pattern).firstMatch(in: scalars, from: position).map(Int64.init) ?? -1)
    }

    /// The last occurrence that begins at or before `start` (default: anywhere).
    static func lastIndexOf(_ text: String, _ part: String, from start: Int64?) -> Value {
        let scalars = Array(text.unicodeScalars)
        if part.isEmpty { return .int(start ?? Int64(scalars.count)) }
        let pattern = Array(part.unicodeScalars)
        var position = scalars.count - pattern.count
        if let start {
            guard start >= 0, start < Int64(scalars.count) else { return indexOutOfRange(start) }
            position = min(position, Int(start))
        }
        guard position >= 0 else { return .int(-1) }
        let found = SubstringSearch(pattern).lastMatch(in: scalars, startingAtOrBefore: position)
        return .int(found.map(Int64.init) ?? -1)
    }

    /// Shifts the scalars in `range` (ASCII letters of one case) by `offset`.
    static func mapASCII(_ text: String, from range: ClosedRange<UInt32>, offset: Int32) -> String {
        string(
            from: text.unicodeScalars.map { scalar in
                guard range.contains(scalar.value), let mapped = Unicode.Scalar(UInt32(Int32(scalar.value) + offset))
                else { return scalar }
                return mapped
            })
    }

    /// A replacement may multiply a string's size; past this many code points it stops with an
    /// error instead of filling memory (a cost budget is only charged after a call returns).
    static let maxResultLength = 10_000_000

    private static func tooLong(_ length: Int) -> Value {
        .error("replace: the result would exceed \(maxResultLength) code points")
    }

    /// Go's `strings.Replace` over code points: at most `limit` replacements when `limit` is
    /// not negative; an empty `old` matches before every code point and at the end.
    static func replace(_ text: String, _ old: String, _ new: String, limit: Int64) -> Value {
        if old == new || limit == 0 { return .string(text) }
        let scalars = Array(text.unicodeScalars)
        let pattern = Array(old.unicodeScalars)
        let replacement = Array(new.unicodeScalars)
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        var replaced: Int64 = 0
        if pattern.isEmpty {
            for position in 0...scalars.count {
                if limit < 0 || replaced < limit {
                    result += replacement
                    replaced += 1
                    if result.count > maxResultLength { return tooLong(result.count) }
                }
                if position < scalars.count { result.append(scalars[position]) }
            }
            return .string(string(from: result))
        }
        let search = SubstringSearch(pattern)
        var position = 0
        while limit < 0 || replaced < limit, let found = search.firstMatch(in: scalars, from: position) {
            result += scalars[position..<found]
            result += replacement
            replaced += 1
            position = found + pattern.count
            if result.count > maxResultLength { return tooLong(result.count) }
        }
        result += scalars[position...]
        return .string(string(from: result))
    }

    /// Go's `strings.SplitN` over code points: at most `limit` parts when it is positive, none
    /// when it is zero, all of them when it is negative. An empty separator splits into code
    /// points (the last part keeps the rest when the limit is reached).
    static func split(_ text: String, _ separator: String, limit: Int64) -> [String] {
        if limit == 0 { return [] }
        let scalars = Array(text.unicodeScalars)
        let pattern = Array(separator.unicodeScalars)
        var parts: [String] = []
        if pattern.isEmpty {
            let count = limit < 0 || limit > Int64(scalars.count) ? scalars.count : Int(limit)
            for index in 0..<count {
                if index == count - 1 {
                    parts.append(string(from: scalars[index...]))
                } else {
                    parts.append(string(from: CollectionOfOne(scalars[index])))
                }
            }
            return parts
        }
        let search = SubstringSearch(pattern)
        var partStart = 0
        while limit < 0 || Int64(parts.count) < limit - 1,
            let found = search.firstMatch(in: scalars, from: partStart)
        {
            parts.append(string(from: scalars[partStart..<found]))
            partStart = found + pattern.count
        }
        parts.append(string(from: scalars[partStart...]))
        return parts
    }

    static func substring(_ text: String, _ start: Int64, _ end: Int64?) -> Value {
        let scalars = Array(text.unicodeScalars)
        let length = Int64(scalars.count)
        if let end, start > end { return .error("invalid substring range. start: \(start), end: \(end)") }
        guard start >= 0, start <= length else { return indexOutOfRange(start) }
        let stop = end ?? length
        guard stop >= 0, stop <= length else { return indexOutOfRange(stop) }
        return .string(string(from: scalars[Int(start)..<Int(stop)]))
    }

    /// White space as Go's `unicode.IsSpace` defines it (the Unicode White_Space property).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    static func trim(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
            let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return string(from: scalars[first...last])
    }

    static func join(_ parts: [Value], separator: String) -> Value {
        var result = ""
        for (index, part) in parts.enumerated() {
            guard case .string(let text) = part else {
                return .error("join: list element \(index) is \(part.celType.runtimeName), not string")
            }
            if index > 0 { result += separator }
            result += text
        }
        return .string(result)
    }

    /// cel-go's `strings.quote`: double quotes around the text, with `\a \b \f \n \r \t \v`,
    /// backslash and double quote escaped; every other character as it is.
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{07}": result += "\\a"
            case "\u{08}": result += "\\b"
            case "\u{0C}": result += "\\f"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{0B}": result += "\\v"
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
