import Testing

@testable import LinearRegex

/// What RE2 rejects must be a compile error at the right offset with a reason.
struct ParserTests {
    struct Rejected: Sendable, CustomTestStringConvertible {
        var pattern: String
        var offset: Int
        var reason: String
        var testDescription: String { pattern }
    }

    static let rejected: [Rejected] = [
        Rejected(pattern: "(a)\\1", offset: 3, reason: "backreferences are not supported"),
        Rejected(pattern: "(?P<n>a)(?P=n)", offset: 8, reason: "backreferences are not supported"),
        Rejected(pattern: "a(?=b)", offset: 1, reason: "lookaround assertions are not supported"),
        Rejected(pattern: "a(?!b)", offset: 1, reason: "lookaround assertions are not supported"),
        Rejected(pattern: "(?<=a)b", offset: 0, reason: "lookaround assertions are not supported"),
        Rejected(pattern: "(?<!a)b", offset: 0, reason: "lookaround assertions are not supported"),
        Rejected(
            pattern: "a*+", offset: 2, reason: "repeated repetition operator (possessive quantifiers are not supported)"
        ),
        Rejected(
            pattern: "a{2}+", offset: 4,
            reason: "repeated repetition operator (possessive quantifiers are not supported)"),
        Rejected(pattern: "a{1001}", offset: 1, reason: "counted repetition exceeds the limit of 1000"),
        Rejected(pattern: "a{3,2}", offset: 1, reason: "invalid repetition range: {3,2}"),
        Rejected(pattern: "*a", offset: 0, reason: "missing argument to repetition operator"),
        Rejected(pattern: "ab)", offset: 2, reason: "unmatched \")\""),
        Rejected(pattern: "x(ab", offset: 1, reason: "missing \")\""),
        Rejected(pattern: "[a-", offset: 0, reason: "missing \"]\" to close the character class"),
        Rejected(pattern: "[z-a]", offset: 1, reason: "invalid character class range (start after end)"),
        Rejected(pattern: "\\p{Klingon}", offset: 0, reason: "unknown Unicode class \"Klingon\""),
        Rejected(pattern: "[[:foo:]]", offset: 1, reason: "unknown POSIX class \"[:foo:]\""),
        Rejected(pattern: "a\\", offset: 1, reason: "trailing backslash at end of pattern"),
        Rejected(pattern: "\\Z", offset: 0, reason: "\\Z is not supported; use \\z for the end of text"),
        Rejected(pattern: "\\q", offset: 0, reason: "invalid escape sequence \"\\q\""),
        Rejected(pattern: "\\x{110000}", offset: 0, reason: "escape \\x{110000} is not a Unicode scalar"),
        Rejected(pattern: "(?P<a>x)(?P<a>y)", offset: 12, reason: "duplicate group name \"a\""),
        Rejected(pattern: "(?i-)a", offset: 3, reason: "\"-\" with no flag after it"),
        Rejected(pattern: "(?z)a", offset: 2, reason: "unknown flag or group syntax \"(?z\""),
    ]

    @Test(arguments: rejected)
    func rejectsWithOffsetAndReason(_ expected: Rejected) {
        let error = #expect(throws: RegexSyntaxError.self) { try RegularExpression(expected.pattern) }
        #expect(error?.offset == expected.offset)
        #expect(error?.reason == expected.reason)
    }

    @Test func invalidUTF8InPatternIsRejected() {
        let error = #expect(throws: RegexSyntaxError.self) { try RegularExpression(utf8: [0x61, 0xFF, 0x62]) }
        #expect(error?.offset == 1)
        #expect(error?.reason == "invalid UTF-8 in pattern")
    }

    @Test func caretExcerptPointsAtOffset() throws {
        let error = #expect(throws: RegexSyntaxError.self) { try RegularExpression("ab(?=c)") }
        #expect(error?.caretExcerpt == "ab(?=c)\n  ^")
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let pattern = String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
        let error = #expect(throws: RegexSyntaxError.self) { try RegularExpression(pattern) }
        #expect(error?.reason == "pattern nests more than 250 levels deep")
    }

    @Test func programSizeLimitIsEnforced() {
        let error = #expect(throws: RegexSyntaxError.self) { try RegularExpression("((a{1000}){1000}){1000}") }
        #expect(error?.reason.hasPrefix("pattern too large") == true)
    }

    @Test func namedGroupsInBothSyntaxes() throws {
        let regex = try RegularExpression("(?P<year>\\d{4})-(?<month>\\d{2})")
        #expect(regex.captureCount == 3)
        #expect(regex.captureNames == [nil, "year", "month"])
        #expect(regex.index(ofGroupNamed: "month") == 2)
    }

    @Test func quotedLiteralTextIsNotSyntax() throws {
        let regex = try RegularExpression("\\Qa.b*c\\E+")
        #expect(regex.firstMatch(in: "xa.b*cccy")?.range == 1..<8)
        #expect(regex.isMatch("aXbc") == false)
    }

    @Test func octalAndHexEscapes() throws {
        #expect(try RegularExpression("\\101\\x42\\x{43}").firstMatch(in: "zABC")?.range == 1..<4)
        #expect(try RegularExpression("\\0").isMatch("a\u{0}b"))
    }

    @Test func braceThatIsNotARepetitionIsLiteral() throws {
        #expect(try RegularExpression("a{,2}").firstMatch(in: "a{,2}")?.range == 0..<5)
        #expect(try RegularExpression("x{").isMatch("x{"))
    }
}

extension ParserTests {
    @Test func manyGroupsInAHugeProgramAreRejected() {
        let pattern = String(repeating: "(\\pL{20})", count: 200)
        let error = #expect(throws: RegexSyntaxError.self) { try RegularExpression(pattern) }
        #expect(error?.reason.hasPrefix("pattern too large") == true)
    }
}
