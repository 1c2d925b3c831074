extension Functions {
    /// Functions over strings: `join`, `split`, `lower`, `upper`, `title`, the `trim` family,
    /// `substr`, `startswith`, `endswith`, `strcontains`, `replace`, `chomp`, `indent`, `strrev`.
    static let strings: [BuiltinFunction] = [
        BuiltinFunction("join", arity: 2...Int.max) { call in
            let separator = try call.string(0)
            var parts: [String] = []
            for index in 1..<call.count { parts += try call.stringList(index) }
            return .string(try bounded(call, parts.joined(separator: separator)))
        },
        BuiltinFunction("split", arguments: 2) { call in
            let separator = try call.string(0)
            let text = try call.string(1)
            return .list(split(text, separator: separator).map { .string($0) })
        },
        BuiltinFunction("lower", arguments: 1) { call in
            .string(mapScalars(try call.string(0)) { $0.lowercaseMapping })
        },
        BuiltinFunction("upper", arguments: 1) { call in
            .string(mapScalars(try call.string(0)) { $0.uppercaseMapping })
        },
        BuiltinFunction("title", arguments: 1) { call in
            .string(title(try call.string(0)))
        },
        BuiltinFunction("trimspace", arguments: 1) { call in
            .string(trim(try call.string(0)) { $0.properties.isWhitespace })
        },
        BuiltinFunction("trim", arguments: 2) { call in
            let cutset = Set(try call.string(1).unicodeScalars)
            return .string(trim(try call.string(0)) { cutset.contains($0) })
        },
        BuiltinFunction("trimprefix", arguments: 2) { call in
            let text = try call.string(0)
            let prefix = try call.string(1)
            guard text.utf8.starts(with: prefix.utf8) else { return .string(text) }
            return .string(String(decoding: text.utf8.dropFirst(prefix.utf8.count), as: UTF8.self))
        },
        BuiltinFunction("trimsuffix", arguments: 2) { call in
            let text = try call.string(0)
            let suffix = try call.string(1)
            guard text.utf8.reversed().starts(with: suffix.utf8.reversed()) else { return .string(text) }
            return .string(String(decoding: text.utf8.dropLast(suffix.utf8.count), as: UTF8.self))
        },
        BuiltinFunction("chomp", arguments: 1) { call in
            var text = try call.string(0).unicodeScalars[...]
            while let last = text.last, last == "\n" || last == "\r" { text = text.dropLast() }
            return .string(String(String.UnicodeScalarView(text)))
        },
        BuiltinFunction("indent", arguments: 2) { call in
            let spaces = try call.integer(0)
            guard spaces >= 0 else { throw call.error("the number of spaces must not be negative") }
            let text = try call.string(1)
            let lines = text.utf8.count(where: { $0 == UInt8(ascii: "\n") })
            let (added, overflow) = spaces.multipliedReportingOverflow(by: lines)
            guard !overflow, added <= maximumStringBytes - text.utf8.count else {
                throw call.error("the result would be longer than \(maximumStringBytes) bytes")
            }
            let padding = String(repeating: " ", count: spaces)
            return .string(split(text, separator: "\n").joined(separator: "\n" + padding))
        },
        BuiltinFunction("strrev", arguments: 1) { call in
            .string(String(try call.string(0).reversed()))
        },
        BuiltinFunction("substr", arguments: 3) { call in
            .string(substring(try call.string(0), offset: try call.integer(1), length: try call.integer(2)))
        },
        BuiltinFunction("startswith", arguments: 2) { call in
            .bool(try call.string(0).utf8.starts(with: try call.string(1).utf8))
        },
        BuiltinFunction("endswith", arguments: 2) { call in
            .bool(try call.string(0).utf8.reversed().starts(with: try call.string(1).utf8.reversed()))
        },
        BuiltinFunction("strcontains", arguments: 2) { call in
            .bool(ByteSearch.contains(try call.string(1), in: try call.string(0)))
        },
        BuiltinFunction("replace", arguments: 3) { call in
            let text = try call.string(0)
            let search = try call.string(1)
            let replacement = try call.string(2)
            if search.utf8.count > 1, search.hasPrefix("/"), search.hasSuffix("/") {
                let pattern = String(search.dropFirst().dropLast())
                return .string(try regexReplace(call, text, pattern: pattern, template: replacement))
            }
            return .string(try bounded(call, replaceLiteral(text, search, with: replacement)))
        },
    ]

    /// The longest string a function builds, in UTF-8 bytes; longer results are errors so that a
    /// hostile configuration cannot make the scanner allocate without bound.
    static let maximumStringBytes = 16 << 20

    /// `text`, or an error when it is longer than `maximumStringBytes`.
    static func bounded(_ call: FunctionCall, _ text: String) throws(FunctionError) -> String {
        guard text.utf8.count <= maximumStringBytes else {
            throw call.error("the result would be longer than \(maximumStringBytes) bytes")
        }
        return text
    }

    /// Go's `strings.Split`: an empty separator splits between Unicode scalars; an empty text
    /// gives one empty string.
    static func split(_ text: String, separator: String) -> [String] {
        if separator.isEmpty { return text.unicodeScalars.map { String($0) } }
        let bytes = Array(text.utf8)
        let needle = Array(separator.utf8)
        var parts: [String] = []
        var start = 0
        for offset in ByteSearch.occurrences(of: needle, in: bytes) {
            parts.append(String(decoding: bytes[start..<offset], as: UTF8.self))
            start = offset + needle.count
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }

    /// Go's `strings.ReplaceAll`: an empty search string matches before every scalar and at the end.
    static func replaceLiteral(_ text: String, _ search: String, with replacement: String) -> String {
        if search.isEmpty {
            var result = replacement
            for scalar in text.unicodeScalars {
                result.unicodeScalars.append(scalar)
                result += replacement
            }
            return result
        }
        return split(text, separator: search).joined(separator: replacement)
    }

    /// Each scalar replaced by its case mapping when that is a single scalar (Go maps scalar by
    /// scalar, so `ß` stays `ß` in `upper`).
    static func mapScalars(_ text: String, _ mapping: (Unicode.Scalar.Properties) -> String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let mapped = mapping(scalar.properties).unicodeScalars
            if mapped.count == 1, let single = mapped.first {
                result.append(single)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// The first letter of every word in upper case; words are separated as Go's `strings.Title`
    /// separates them (any ASCII character but letters, digits and `_`, and white space).
    static func title(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var previousSeparates = true
        for scalar in text.unicodeScalars {
            if previousSeparates {
                let mapped = scalar.properties.titlecaseMapping.unicodeScalars
                if mapped.count == 1, let single = mapped.first { result.append(single) } else { result.append(scalar) }
            } else {
                result.append(scalar)
            }
            previousSeparates = separatesWords(scalar)
        }
        return String(result)
    }

    private static func separatesWords(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let isWordByte =
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "_"
            return !isWordByte
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return false }
        return properties.isWhitespace
    }

    /// `text` without the scalars at either end for which `drop` holds.
    static func trim(_ text: String, _ drop: (Unicode.Scalar) -> Bool) -> String {
        var scalars = text.unicodeScalars[...]
        while let first = scalars.first, drop(first) { scalars = scalars.dropFirst() }
        while let last = scalars.last, drop(last) { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Terraform's `substr`, counting characters: a negative offset counts from the end, a
    /// negative length takes the rest, and a range past the end is cut short.
    static func substring(_ text: String, offset: Int, length: Int) -> String {
        let characters = Array(text)
        var start = offset
        if start < 0 { start = max(0, characters.count + start) }
        guard start < characters.count else { return "" }
        let end = length < 0 ? characters.count : min(characters.count, start + min(length, characters.count))
        return String(characters[start..<end])
    }
}
