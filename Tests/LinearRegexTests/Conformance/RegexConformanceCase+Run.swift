import LinearRegex

/// What running one conformance test gave.
enum RegexConformanceOutcome: Sendable {
    case passed
    case skipped(RegexConformanceSkip)
    /// What disagreed, already formatted for an issue.
    case failed(String)
}

extension RegexConformanceCase {
    /// Runs the test against LinearRegex the way the Rust crate runs it against its own API:
    ///
    /// - one pattern, leftmost-first, leftmost search: `forEachMatch` with and without captures,
    ///   and `isMatch`, must all agree with `matches` (every group when the data lists groups);
    /// - a list of patterns, leftmost-first, leftmost search: `RegexSet.forEachMatch` must give
    ///   the expected (pattern, span) sequence, and `isMatch` and `firstMatch` must agree;
    /// - match-kind `all` with an overlapping search (a list, or one pattern, which the Rust
    ///   crate also runs as a one-pattern set): `RegexSet.matchingPatterns` must give the
    ///   distinct ids of `matches`, which is all the Rust crate checks with its `RegexSet`.
    func run() -> RegexConformanceOutcome {
        if let reason = skipReason() { return .skipped(reason) }
        switch (regex, matchKind, searchKind) {
        case (.single(let pattern), "leftmost-first", "leftmost"):
            return runSingle(pattern)
        case (.set(let patterns), "leftmost-first", "leftmost"):
            return runSetLeftmost(patterns)
        case (_, "all", "overlapping"):
            return runSetWhich(regex.all)
        default:
            return .failed(report("no runner for match-kind \(matchKind), search-kind \(searchKind)"))
        }
    }

    /// The suite's options in RegexOptions terms. Unicode mode also turns on the Unicode Perl
    /// classes, which the Rust crate has in that mode (RE2's default is ASCII); `unicode = false`
    /// is RE2's byte (Latin-1) mode. regex-lite tests use RE2's defaults (see
    /// `usesRegexLiteDialect`).
    var regexOptions: RegexOptions {
        var options = RegexOptions()
        options.caseInsensitive = caseInsensitive
        if !usesRegexLiteDialect {
            options.unicode = unicode
            options.unicodePerlClasses = unicode
        }
        return options
    }

    private var limit: Int { matchLimit ?? .max }

    // MARK: One pattern

    private func runSingle(_ pattern: String) -> RegexConformanceOutcome {
        let regex: RegularExpression
        switch compile({ try RegularExpression(pattern, options: regexOptions) }) {
        case .ready(let compiled): regex = compiled
        case .finished(let outcome): return outcome
        }

        let bytes = haystackBytes
        return bytes.withUnsafeBufferPointer { haystack in
            var withGroups: [RegexMatch] = []
            if limit > 0 {
                regex.forEachMatch(in: haystack, range: bounds, anchored: anchored, captures: true) { match in
                    withGroups.append(match)
                    return withGroups.count < limit
                }
            }
            var spansOnly: [Range<Int>] = []
            if limit > 0 {
                regex.forEachMatch(in: haystack, range: bounds, anchored: anchored, captures: false) { match in
                    spansOnly.append(match.range)
                    return spansOnly.count < limit
                }
            }
            let found = regex.isMatch(in: haystack, range: bounds, anchored: anchored)

            var wrong: [Disagreement] = []
            if !capturesAgree(withGroups) {
                wrong.append(.init(api: "forEachMatch(captures: true)", got: Self.format(withGroups, like: matches)))
            }
            if spansOnly != matches.map({ $0.span! }) {
                wrong.append(.init(api: "forEachMatch(captures: false)", got: Self.format(spansOnly)))
            }
            if found == matches.isEmpty {
                wrong.append(.init(api: "isMatch", got: "\(found)"))
            }
            return verdict(wrong, expected: Self.format(matches))
        }
    }

    /// Compares every group where the data lists groups, otherwise the overall span only.
    private func capturesAgree(_ actual: [RegexMatch]) -> Bool {
        guard actual.count == matches.count else { return false }
        return zip(matches, actual).allSatisfy { expected, found in
            expected.listsGroups ? expected.groups == found.groups : expected.span == found.range
        }
    }

    // MARK: Pattern sets

    /// Either the compiled value, or the outcome when compiling already decides the test.
    private enum Compiled<Value> {
        case ready(Value)
        case finished(RegexConformanceOutcome)
    }

    /// Compiling must fail exactly when the data says `compiles = false`.
    private func compile<Value>(_ build: () throws -> Value) -> Compiled<Value> {
        do {
            let value = try build()
            return compiles ? .ready(value) : .finished(.failed(report("compiled, but the pattern should be rejected")))
        } catch {
            return compiles ? .finished(.failed(report("did not compile: \(error)"))) : .finished(.passed)
        }
    }

    private func runSetLeftmost(_ patterns: [String]) -> RegexConformanceOutcome {
        let set: RegexSet
        switch compile({ try RegexSet(patterns, options: regexOptions) }) {
        case .ready(let compiled): set = compiled
        case .finished(let outcome): return outcome
        }
        let expected = matches.map { RegexConformanceSetMatch(pattern: $0.id, range: $0.span!) }
        return haystackBytes.withUnsafeBufferPointer { haystack in
            var found: [RegexConformanceSetMatch] = []
            if limit > 0 {
                set.forEachMatch(in: haystack, range: bounds, anchored: anchored) { pattern, range in
                    found.append(RegexConformanceSetMatch(pattern: pattern, range: range))
                    return found.count < limit
                }
            }
            let first = set.firstMatch(in: haystack, range: bounds, anchored: anchored)
                .map { RegexConformanceSetMatch(pattern: $0.pattern, range: $0.range) }
            let any = set.isMatch(in: haystack, range: bounds, anchored: anchored)

            var wrong: [Disagreement] = []
            if found != expected {
                wrong.append(.init(api: "RegexSet.forEachMatch", got: Self.format(found)))
            }
            if first != expected.first {
                wrong.append(.init(api: "RegexSet.firstMatch", got: first.map { Self.format([$0]) } ?? "nil"))
            }
            if any == expected.isEmpty {
                wrong.append(.init(api: "RegexSet.isMatch", got: "\(any)"))
            }
            return verdict(wrong, expected: Self.format(expected))
        }
    }

    private func runSetWhich(_ patterns: [String]) -> RegexConformanceOutcome {
        let set: RegexSet
        switch compile({ try RegexSet(patterns, options: regexOptions) }) {
        case .ready(let compiled): set = compiled
        case .finished(let outcome): return outcome
        }
        let expected = Array(Set(matches.map(\.id))).sorted()
        return haystackBytes.withUnsafeBufferPointer { haystack in
            let which = set.matchingPatterns(in: haystack, range: bounds, anchored: anchored)
            let any = set.isMatch(in: haystack, range: bounds, anchored: anchored)

            var wrong: [Disagreement] = []
            if which != expected {
                wrong.append(.init(api: "RegexSet.matchingPatterns", got: "\(which)"))
            }
            if any == expected.isEmpty {
                wrong.append(.init(api: "RegexSet.isMatch", got: "\(any)"))
            }
            return verdict(wrong, expected: "patterns \(expected) match")
        }
    }

    // MARK: Reporting

    /// One API whose answer differs from the expectation.
    struct Disagreement {
        var api: String
        var got: String
    }

    /// Passed when every API agreed, otherwise a failure listing each one that did not.
    private func verdict(_ wrong: [Disagreement], expected: String) -> RegexConformanceOutcome {
        guard !wrong.isEmpty else { return .passed }
        let width = wrong.map(\.api.count).max() ?? 0
        let answers = wrong.map { "  \($0.api):" + String(repeating: " ", count: width - $0.api.count) + " \($0.got)" }
        let what = wrong.map(\.api).joined(separator: ", ") + " disagree" + (wrong.count == 1 ? "s" : "")
        return .failed(report(what, details: ["  expected: \(expected)"] + answers))
    }

    /// A failure message that names everything needed to reproduce the case.
    func report(_ what: String, details: [String] = []) -> String {
        var lines = ["\(fullName): \(what)"]
        switch regex {
        case .single(let pattern): lines.append("  pattern:  \(Self.quoted(pattern))")
        case .set(let patterns): lines.append("  patterns: [\(patterns.map(Self.quoted).joined(separator: ", "))]")
        }
        lines.append("  haystack: \(Self.quoted(haystack))\(unescape ? " (escapes decoded to bytes)" : "")")
        if !optionSummary.isEmpty { lines.append("  options:  \(optionSummary)") }
        return (lines + details).joined(separator: "\n")
    }

    /// The test's fields that differ from the defaults, in the data's own spelling.
    var optionSummary: String {
        var parts: [String] = []
        if anchored { parts.append("anchored") }
        if let bounds { parts.append("bounds [\(bounds.lowerBound), \(bounds.upperBound)]") }
        if let matchLimit { parts.append("match-limit \(matchLimit)") }
        if caseInsensitive { parts.append("case-insensitive") }
        if !unicode { parts.append("unicode = false") }
        if !utf8 { parts.append("utf8 = false") }
        if matchKind != "leftmost-first" { parts.append("match-kind \(matchKind)") }
        if searchKind != "leftmost" { parts.append("search-kind \(searchKind)") }
        if !compiles { parts.append("compiles = false") }
        if usesRegexLiteDialect { parts.append("regex-lite dialect (RE2 defaults)") }
        return parts.joined(separator: ", ")
    }

    /// Single-quoted, with control and invisible characters written as `\u{...}`.
    static func quoted(_ text: String) -> String {
        var out = "'"
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate:
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            case .spaceSeparator where scalar != " ":
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    static func format(_ span: Range<Int>?) -> String {
        span.map { "[\($0.lowerBound), \($0.upperBound)]" } ?? "[]"
    }

    static func format(_ spans: [Range<Int>]) -> String {
        "[" + spans.map { format($0) }.joined(separator: ", ") + "]"
    }

    static func format(groups: [Range<Int>?]) -> String {
        "[" + groups.map { format($0) }.joined(separator: ", ") + "]"
    }

    static func format(_ expected: [ExpectedMatch]) -> String {
        let shown = expected.map { $0.listsGroups ? format(groups: $0.groups) : format($0.span) }
        return "[" + shown.joined(separator: ", ") + "]"
    }

    /// Actual matches shown with all their groups when the expectation lists groups.
    static func format(_ actual: [RegexMatch], like expected: [ExpectedMatch]) -> String {
        let withGroups = expected.contains(where: \.listsGroups)
        let shown = actual.map { withGroups ? format(groups: $0.groups) : format($0.range) }
        return "[" + shown.joined(separator: ", ") + "]"
    }

    static func format(_ matches: [RegexConformanceSetMatch]) -> String {
        "[" + matches.map { "{id \($0.pattern), \(format($0.range))}" }.joined(separator: ", ") + "]"
    }
}

/// One match of a pattern set: which pattern, and where.
struct RegexConformanceSetMatch: Sendable, Equatable {
    var pattern: Int
    var range: Range<Int>
}
