/// Why a conformance test does not run: it needs a search API, an option or a piece of syntax
/// that the Rust crate has and RE2 does not. Nothing is skipped because it fails.
/// The order of the cases is the order of precedence when a test has several reasons.
enum RegexConformanceSkip: String, CaseIterable, Sendable {
    case earliestSearch =
        "search-kind earliest: RE2 has no search that stops at the first match end it sees"
    case overlappingLeftmostFirst =
        "overlapping search with leftmost-first semantics: RE2 has no overlapping iterator"
    case allMatchKindLeftmost =
        "match-kind all with a leftmost search: RE2 reports no longest-of-all-patterns match"
    case lineTerminator =
        "line-terminator option: RE2's line terminator is always \\n"
    case crlfMode =
        "(?R) CRLF mode flag: RE2's flags are i, m, s and U"
    case unicodeFlag =
        "(?u) / (?-u) flag: RE2 chooses UTF-8 or Latin-1 for the whole pattern, not per group"
    case verboseFlag =
        "(?x) verbose flag: RE2 has no verbose mode"
    case specialWordBoundary =
        "\\b{start}, \\b{end}, \\b{start-half}, \\b{end-half}, \\< or \\>: RE2 has only \\b and \\B"
    case segmentationProperty =
        "grapheme, word or sentence break property (gcb=, wb=, sb=): RE2 has no segmentation properties"
    case unicodeEscape =
        "\\u / \\U escape: RE2 writes code points as \\x{...}"
    case classSetOperation =
        "nested class or class set operation (&&, --, ~~): RE2 classes do not nest"
    case repetitionAboveLimit =
        "counted repetition above 1000: RE2 rejects the pattern"
    case asciiOnlyCaseFolding =
        "regex-lite's ASCII-only case folding: RE2 folds Unicode simple case in UTF-8 mode"
    case splitsCodePoint =
        "utf8 = false in Unicode mode with an expected match that splits a code point: RE2's UTF-8 mode never reports one"
}

extension RegexConformanceCase {
    /// `regex-lite.toml` is written for the regex-lite crate, whose Perl classes and `\b` are ASCII
    /// and whose `.` and negated classes always match a whole code point, whatever `unicode`
    /// says: that is RE2's default UTF-8 mode, so those tests run with `RegexOptions()`.
    var usesRegexLiteDialect: Bool { file == "regex-lite" }

    /// The reason this test cannot be expressed with RE2's syntax and API, or `nil` to run it.
    func skipReason() -> RegexConformanceSkip? {
        switch (matchKind, searchKind) {
        case (_, "earliest"): return .earliestSearch
        case ("leftmost-first", "overlapping"): return .overlappingLeftmostFirst
        case ("all", "leftmost"): return .allMatchKindLeftmost
        default: break
        }
        if let lineTerminator, Self.unescapedBytes(lineTerminator) != [0x0A] { return .lineTerminator }
        let syntax = Set(regex.all.flatMap { Self.rustOnlySyntax(in: $0) })
        if let first = RegexConformanceSkip.allCases.first(where: syntax.contains) { return first }
        if usesRegexLiteDialect, caseInsensitive, !isASCIIOnly { return .asciiOnlyCaseFolding }
        if unicode, !utf8, !usesRegexLiteDialect, expectsSplitCodePoint() { return .splitsCodePoint }
        return nil
    }

    /// Whether the patterns and the haystack are all ASCII (then case folding is ASCII anyway).
    var isASCIIOnly: Bool {
        regex.all.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) } && haystackBytes.allSatisfy { $0 < 0x80 }
    }

    /// Whether an expected span starts or ends inside a well-formed multi-byte UTF-8 sequence.
    func expectsSplitCodePoint() -> Bool {
        let inside = Self.offsetsInsideCodePoints(haystackBytes)
        return matches.contains { match in
            match.groups.contains { group in
                guard let group else { return false }
                return inside.contains(group.lowerBound) || inside.contains(group.upperBound)
            }
        }
    }

    /// Offsets strictly between the first and last byte of a well-formed UTF-8 sequence.
    static func offsetsInsideCodePoints(_ bytes: [UInt8]) -> Set<Int> {
        var inside: Set<Int> = []
        var index = 0
        while index < bytes.count {
            let length = wellFormedSequenceLength(bytes, at: index)
            if length > 1 { inside.formUnion(index + 1..<index + length) }
            index += max(length, 1)
        }
        return inside
    }

    /// Length of the well-formed UTF-8 sequence at `index` (Unicode table 3-7), or 0 if none.
    private static func wellFormedSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }

    // MARK: Syntax that the Rust crate accepts and RE2 does not

    /// Every Rust-only construct in `pattern`. A small scanner, not a parser: it tracks escapes,
    /// classes and group openers, which is all these checks need.
    static func rustOnlySyntax(in pattern: String) -> Set<RegexConformanceSkip> {
        let scalars = Array(pattern.unicodeScalars)
        var found: Set<RegexConformanceSkip> = []
        var index = 0
        var inClass = false
        func at(_ offset: Int) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                guard let escaped = at(1) else { break }
                switch escaped {
                case "b" where !inClass && at(2) == "{" && (at(3)?.properties.isAlphabetic ?? false):
                    found.insert(.specialWordBoundary)
                case "<", ">":
                    if !inClass { found.insert(.specialWordBoundary) }
                case "p", "P":
                    let (name, length) = propertyName(scalars, from: index + 2)
                    // Long category names, binary properties and name=value forms go beyond
                    // RE2 but are run: LinearRegex accepts them. Segmentation properties are
                    // in neither.
                    if isSegmentationProperty(name) { found.insert(.segmentationProperty) }
                    index += 2 + length
                    continue
                case "u", "U":
                    found.insert(.unicodeEscape)
                default:
                    break
                }
                index += 2
                continue
            }
            if inClass {
                if scalar == "[" {
                    if at(1) == ":", let close = closingPOSIXClass(scalars, from: index + 2) {
                        index = close
                        continue
                    }
                    found.insert(.classSetOperation)
                } else if scalar == "]" {
                    inClass = false
                } else if ["&", "-", "~"].contains(scalar), at(1) == scalar {
                    found.insert(.classSetOperation)
                }
                index += 1
                continue
            }
            switch scalar {
            case "[":
                inClass = true
                index += 1
                if at(0) == "^" { index += 1 }
                if at(0) == "]" { index += 1 }  // a leading ] is a literal
                continue
            case "(" where at(1) == "?":
                var flags = ""
                var cursor = index + 2
                while cursor < scalars.count, scalars[cursor] != ":", scalars[cursor] != ")" {
                    flags.unicodeScalars.append(scalars[cursor])
                    cursor += 1
                }
                if !(flags.hasPrefix("P<") || flags.hasPrefix("<")) {
                    if flags.contains("R") { found.insert(.crlfMode) }
                    if flags.contains("u") { found.insert(.unicodeFlag) }
                    if flags.contains("x") { found.insert(.verboseFlag) }
                }
            case "{":
                if let counts = repetitionCounts(scalars, from: index + 1), counts.contains(where: { $0 > 1000 }) {
                    found.insert(.repetitionAboveLimit)
                }
            default:
                break
            }
            index += 1
        }
        return found
    }

    /// The name after `\p` / `\P` (one letter, or the text inside braces) and how many scalars it took.
    private static func propertyName(_ scalars: [Unicode.Scalar], from start: Int) -> (String, Int) {
        guard start < scalars.count else { return ("", 0) }
        guard scalars[start] == "{" else { return (String(scalars[start]), 1) }
        var name = ""
        var cursor = start + 1
        while cursor < scalars.count, scalars[cursor] != "}" {
            name.unicodeScalars.append(scalars[cursor])
            cursor += 1
        }
        return (name, cursor - start + 1)
    }

    /// Index just past the `:]` that closes a POSIX class name, if there is one.
    private static func closingPOSIXClass(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var cursor = start
        while cursor + 1 < scalars.count {
            if scalars[cursor] == ":" && scalars[cursor + 1] == "]" { return cursor + 2 }
            if !(scalars[cursor].properties.isAlphabetic || scalars[cursor] == "^") { return nil }
            cursor += 1
        }
        return nil
    }

    /// The numbers of a `{n}`, `{n,}` or `{n,m}` starting after the brace, or `nil` if it is not one.
    private static func repetitionCounts(_ scalars: [Unicode.Scalar], from start: Int) -> [Int]? {
        var text = ""
        var cursor = start
        while cursor < scalars.count, scalars[cursor] != "}" {
            text.unicodeScalars.append(scalars[cursor])
            cursor += 1
        }
        guard cursor < scalars.count else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
            parts.allSatisfy({ $0.allSatisfy { ("0"..."9").contains($0) } })
        else { return nil }
        return parts.compactMap { Int($0) }
    }

    /// `Grapheme_Cluster_Break`, `Word_Break` and `Sentence_Break` values (`gcb=`, `wb=`, `sb=`).
    static func isSegmentationProperty(_ name: String) -> Bool {
        let key = name.lowercased().filter { $0 != "_" && $0 != " " && $0 != "-" }
        guard let equals = key.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return false }
        return ["gcb", "graphemeclusterbreak", "wb", "wordbreak", "sb", "sentencebreak"].contains(
            String(key[..<equals]))
    }

}
