import Testing

@testable import LinearRegex

/// Behaviour that policy and detector authors rely on, one table row per case:
/// the pattern, the haystack, and every match as "start-end" (groups after a colon).
struct MatchingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var pattern: String
        var haystack: String
        var expected: [String]
        var caseInsensitive = false
        var testDescription: String { "/\(pattern)/ on \"\(haystack)\"" }
    }

    static let cases: [Case] = [
        // Leftmost-first: the first alternative that matches wins, not the longest.
        Case(pattern: "a|ab", haystack: "ab", expected: ["0-1"]),
        Case(pattern: "ab|a", haystack: "ab", expected: ["0-2"]),
        Case(pattern: "samwise|sam", haystack: "samwise", expected: ["0-7"]),
        Case(pattern: "a*?", haystack: "aa", expected: ["0-0", "1-1", "2-2"]),
        Case(pattern: "a+?", haystack: "aaa", expected: ["0-1", "1-2", "2-3"]),
        Case(pattern: "(?U)a+", haystack: "aaa", expected: ["0-1", "1-2", "2-3"]),
        Case(pattern: "(?U)a+?", haystack: "aaa", expected: ["0-3"]),
        Case(pattern: "a{2,3}", haystack: "aaaaaaa", expected: ["0-3", "3-6"]),
        Case(pattern: "a{2,}", haystack: "aaaaa", expected: ["0-5"]),
        Case(pattern: "a{0}b", haystack: "ab", expected: ["1-2"]),
        // Empty matches never directly follow a match and never split a code point.
        Case(pattern: "a*", haystack: "baaab", expected: ["0-0", "1-4", "5-5"]),
        Case(pattern: "", haystack: "☃", expected: ["0-0", "3-3"]),
        // Classes.
        Case(pattern: "[^a]", haystack: "a\nb", expected: ["1-2", "2-3"]),
        Case(pattern: ".", haystack: "a\n☃", expected: ["0-1", "2-5"]),
        Case(pattern: "(?s).", haystack: "\n", expected: ["0-1"]),
        Case(pattern: "[[:digit:]x]+", haystack: "ab12x3c", expected: ["2-6"]),
        Case(pattern: "[[:^alpha:]]+", haystack: "ab12c", expected: ["2-4"]),
        Case(pattern: "\\d+", haystack: "x٣42", expected: ["1-5"]),
        Case(pattern: "\\w+", haystack: "héllo", expected: ["0-6"]),
        Case(pattern: "\\s", haystack: "a\tb c", expected: ["1-2", "3-4"]),
        Case(pattern: "\\pL+", haystack: "1héllo2", expected: ["1-7"]),
        Case(pattern: "\\p{Greek}+", haystack: "abc αβγ", expected: ["4-10"]),
        Case(pattern: "\\P{Greek}+", haystack: "αa", expected: ["2-3"]),
        Case(pattern: "\\p{^Greek}", haystack: "αa", expected: ["2-3"]),
        Case(pattern: "[\\p{Lu}\\d]+", haystack: "abCD12ef", expected: ["2-6"]),
        Case(pattern: "[a-c-e]+", haystack: "x-abe", expected: ["1-5"]),
        // Case-insensitive: Unicode simple case folding.
        Case(pattern: "k", haystack: "Kk\u{212A}", expected: ["0-1", "1-2", "2-5"], caseInsensitive: true),
        Case(pattern: "s", haystack: "Sſ", expected: ["0-1", "1-3"], caseInsensitive: true),
        Case(pattern: "(?i)σ", haystack: "ΣσςX", expected: ["0-2", "2-4", "4-6"]),
        Case(pattern: "(?i:a)b", haystack: "AB Ab", expected: ["3-5"]),
        Case(pattern: "[a-z]+", haystack: "HeLLo", expected: ["0-5"], caseInsensitive: true),
        // Anchors and boundaries.
        Case(pattern: "^a", haystack: "a\na", expected: ["0-1"]),
        Case(pattern: "(?m)^a", haystack: "a\na", expected: ["0-1", "2-3"]),
        Case(pattern: "a$", haystack: "a\na", expected: ["2-3"]),
        Case(pattern: "(?m)a$", haystack: "a\na", expected: ["0-1", "2-3"]),
        Case(pattern: "\\Aa", haystack: "aa", expected: ["0-1"]),
        Case(pattern: "a\\z", haystack: "aa", expected: ["1-2"]),
        Case(pattern: "\\bfoo\\b", haystack: "foo foobar (foo)", expected: ["0-3", "12-15"]),
        Case(pattern: "\\Boo\\B", haystack: "foo foobar", expected: ["5-7"]),
        Case(pattern: "(?m)$", haystack: "a\n", expected: ["1-1", "2-2"]),
        // Groups.
        Case(pattern: "(a)(b)?", haystack: "ab a", expected: ["0-2:0-1,1-2", "3-4:3-4,none"]),
        Case(pattern: "(a|b)*", haystack: "abab", expected: ["0-4:3-4"]),
        Case(pattern: "(?:x(y))+", haystack: "xyxy", expected: ["0-4:3-4"]),
        Case(pattern: "(?P<key>\\w+)=(?P<value>[^;]*)", haystack: "a=1;b=", expected: ["0-3:0-1,2-3", "4-6:4-5,6-6"]),
        // Literal fast paths.
        Case(pattern: "AKIA", haystack: "xAKIAAKIA", expected: ["1-5", "5-9"]),
        Case(pattern: "AKIA[0-9A-Z]{4}", haystack: "AKIA12 AKIAABCD", expected: ["7-15"]),
        Case(pattern: "\\bAKIA", haystack: "xAKIA AKIA", expected: ["6-10"]),
    ]

    @Test(arguments: cases)
    func findsEveryMatch(_ test: Case) throws {
        var options = RegexOptions()
        options.caseInsensitive = test.caseInsensitive
        options.unicodePerlClasses = true
        let regex = try RegularExpression(test.pattern, options: options)
        let found = regex.matches(in: test.haystack).map(Self.describe)
        #expect(found == test.expected)
        // The Pike VM alone must agree with the DFA path.
        var haystack = test.haystack
        let pike = haystack.withUTF8 { buffer -> [String] in
            var result: [String] = []
            var position = 0
            var previousEnd = -1
            while position <= buffer.count,
                let match = regex.engine.findCapturesWithPikeVM(
                    buffer, bounds: position..<buffer.count, anchored: false)
            {
                let range = match.range
                if range.isEmpty
                    && (range.lowerBound == previousEnd || !Context.isCharacterBoundary(range.lowerBound, in: buffer))
                {
                    position = range.lowerBound + 1
                    continue
                }
                result.append(Self.describe(match))
                previousEnd = range.upperBound
                position = range.isEmpty ? range.upperBound + 1 : range.upperBound
            }
            return result
        }
        #expect(pike == test.expected)
    }

    static func describe(_ match: RegexMatch) -> String {
        let whole = "\(match.range.lowerBound)-\(match.range.upperBound)"
        guard match.groups.count > 1 else { return whole }
        let groups = match.groups.dropFirst().map { $0.map { "\($0.lowerBound)-\($0.upperBound)" } ?? "none" }
        return whole + ":" + groups.joined(separator: ",")
    }

    @Test func asciiPerlClassesByDefault() throws {
        let regex = try RegularExpression("\\w+")
        #expect(regex.matches(in: "héllo").map(Self.describe) == ["0-1", "3-6"])
        #expect(try RegularExpression("\\d").isMatch("٣") == false)
        #expect(try RegularExpression("\\bé").isMatch("é") == false)
    }

    @Test func boundsKeepSurroundingContext() throws {
        let regex = try RegularExpression("\\bb")
        let bytes = Array("ab b".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(regex.firstMatchRange(in: buffer, range: 1..<4) == 3..<4)
            #expect(regex.firstMatchRange(in: buffer, range: 1..<2) == nil)
        }
    }

    @Test func anchoredSearchOnlyAtStart() throws {
        let regex = try RegularExpression("b+")
        let bytes = Array("abb".utf8)
        bytes.withUnsafeBufferPointer { buffer in
            #expect(regex.firstMatchRange(in: buffer, anchored: true) == nil)
            #expect(regex.firstMatchRange(in: buffer, range: 1..<3, anchored: true) == 1..<3)
        }
    }

    @Test func byteModeMatchesArbitraryBytes() throws {
        var options = RegexOptions()
        options.unicode = false
        let regex = try RegularExpression("\\xFF.", options: options)
        #expect(regex.firstMatch(in: [0x41, 0xFF, 0x80])?.range == 1..<3)
    }

    @Test func setReportsEveryMatchingPattern() throws {
        let set = try RegexSet(["AKIA[0-9A-Z]{16}", "ghp_[A-Za-z0-9]{36}", "xox[bp]-[0-9A-Za-z-]+", "never"])
        let text = "key=AKIAABCDEFGHIJKLMNOP slack=xoxb-123-abc"
        #expect(set.matchingPatterns(in: text) == [0, 2])
        #expect(set.matchingPatterns(in: "nothing here").isEmpty)
    }

    @Test func setLeftmostFirstPrefersEarlierPattern() throws {
        let set = try RegexSet(["foo", "foobar", "bar"])
        let bytes = Array("xfoobar bar".utf8)
        var found: [String] = []
        bytes.withUnsafeBufferPointer { buffer in
            set.forEachMatch(in: buffer) { pattern, range in
                found.append("\(pattern):\(range.lowerBound)-\(range.upperBound)")
                return true
            }
        }
        #expect(found == ["0:1-4", "2:4-7", "2:8-11"])
    }

    @Test func setNamesTheFailingPattern() {
        let error = #expect(throws: RegexSetError.self) { try RegexSet(["ok", "(bad"]) }
        #expect(error?.patternIndex == 1)
    }

    @Test func tinyCacheFallsBackToPikeVMWithSameAnswer() throws {
        var options = RegexOptions()
        options.dfaCacheCapacity = 1
        let pattern = "[a-q][^u-z]{13}x"
        let small = try RegularExpression(pattern, options: options)
        let normal = try RegularExpression(pattern)
        var generator = SplitMix64(seed: 7)
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        let haystack = (0..<20_000).map { _ in letters[Int(generator.next() % 26)] }
        #expect(small.matches(in: haystack, limit: 50) == normal.matches(in: haystack, limit: 50))
        #expect(!normal.matches(in: haystack, limit: 1).isEmpty)
    }
}

/// A small deterministic generator so that randomised tests repeat exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
