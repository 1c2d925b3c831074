import Testing

@testable import LinearRegex

/// Property-based fuzzing: random patterns and haystacks, where the lazy DFA path (with its
/// reverse scan and literal prefilter) must find exactly what the Pike VM finds, and the parser
/// must never crash on arbitrary bytes. A short run is part of the test suite; a long run is
/// `PALISADE_FUZZ_ITERATIONS=200000 swift test -c release --filter EngineAgreementTests`.
struct EngineAgreementTests {
    static var iterations: Int {
        guard let text = Environment.value("PALISADE_FUZZ_ITERATIONS"), let value = Int(text) else { return 1500 }
        return value
    }

    private static let atoms = [
        "a", "b", "c", ".", "[ab]", "[^a]", "\\w", "\\d", "\\s", "\\b", "\\B", "^", "$", "(?m:^)", "(?m:$)", "\\A",
        "\\z", "é", "[a-cé]", "(?i:B)", "\\pL", "x", "ab", "", "\\x00",
    ]

    /// A random pattern of bounded size from a small grammar.
    private static func pattern(_ generator: inout SplitMix64, depth: Int = 0) -> String {
        let choice = depth > 3 ? 0 : generator.next() % 7
        switch choice {
        case 1:
            return pattern(&generator, depth: depth + 1) + pattern(&generator, depth: depth + 1)
        case 2:
            return pattern(&generator, depth: depth + 1) + "|" + pattern(&generator, depth: depth + 1)
        case 3:
            return "(" + pattern(&generator, depth: depth + 1) + ")"
        case 4:
            let operators = ["*", "+", "?", "*?", "+?", "??", "{2}", "{1,3}", "{0,2}?", "{2,}"]
            let body = "(?:" + pattern(&generator, depth: depth + 1) + ")"
            return body + operators[Int(generator.next() % UInt64(operators.count))]
        case 5:
            return "(?P<g\(generator.next() % 100)>" + pattern(&generator, depth: depth + 1) + ")"
        default:
            return atoms[Int(generator.next() % UInt64(atoms.count))]
        }
    }

    private static func haystack(_ generator: inout SplitMix64) -> [UInt8] {
        let pieces = ["a", "b", "c", "x", " ", "\n", "é", "1", "ab", "B", "\u{0}"]
        var text = ""
        for _ in 0..<(generator.next() % 24) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
        return Array(text.utf8)
    }

    @Test func dfaAndPikeVMAgreeOnRandomPatterns() throws {
        var generator = SplitMix64(seed: 0x5EED)
        var checked = 0
        for _ in 0..<Self.iterations {
            let source = Self.pattern(&generator)
            guard let regex = try? RegularExpression(source) else { continue }
            let bytes = Self.haystack(&generator)
            let start = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count + 1))
            let anchored = generator.next() % 4 == 0
            bytes.withUnsafeBufferPointer { buffer in
                let bounds = start..<buffer.count
                let fast = regex.engine.findRangeWithPattern(buffer, bounds: bounds, anchored: anchored)
                    .map { regex.engine.captures(buffer, within: $0.range) }
                let slow = regex.engine.findCapturesWithPikeVM(buffer, bounds: bounds, anchored: anchored)
                #expect(
                    fast == slow,
                    "pattern /\(source)/ haystack \(Array(bytes)) bounds \(bounds) anchored \(anchored)")
                // With the UTF-8 rule for empty matches, "is there a match" means "does iteration
                // report one"; the two must agree whichever engine answers.
                let iterated = regex.matches(in: buffer, range: bounds, anchored: anchored, limit: 1).first
                #expect(regex.isMatch(in: buffer, range: bounds, anchored: anchored) == (iterated != nil))
                #expect(regex.firstMatch(in: buffer, range: bounds, anchored: anchored) == iterated)
                if let slow, !slow.range.isEmpty || Context.isCharacterBoundary(slow.range.lowerBound, in: buffer) {
                    #expect(iterated == slow)
                }
            }
            checked += 1
        }
        #expect(checked > Self.iterations / 2)
    }

    /// Patterns whose matches start with one of a few bytes skip to those bytes (eight at a time)
    /// instead of stepping the DFA over the rest: they must find what the Pike VM finds, at the
    /// start, the middle and the end of longer haystacks, with assertions in front.
    @Test func firstByteSkippingFindsWhatThePikeVMFinds() throws {
        #expect(
            LiteralAnalysis.firstBytes(
                of: try Parser.parse("(?i)\\bhttps?://", options: RegexOptions()).root, unicode: true, limit: 4) == [
                    72, 104,
                ])
        #expect(
            LiteralAnalysis.firstBytes(
                of: try Parser.parse("['\"][A-Z]{3}", options: RegexOptions()).root, unicode: true, limit: 4) == [
                    34, 39,
                ])
        #expect(
            LiteralAnalysis.firstBytes(
                of: try Parser.parse("a?b", options: RegexOptions()).root, unicode: true, limit: 4) == [97, 98])
        #expect(
            LiteralAnalysis.firstBytes(
                of: try Parser.parse("a*", options: RegexOptions()).root, unicode: true, limit: 4) == nil)
        #expect(
            LiteralAnalysis.firstBytes(
                of: try Parser.parse("[a-z]x", options: RegexOptions()).root, unicode: true, limit: 4) == nil)
        let patterns = [
            "(?i)\\bzq[0-9]+", "['\"]([A-Za-z0-9]{4,8})['\"]", "(?:é|Q)k+", "(?m)^#+ ?[a-z]*", "(?i:v)(?:au|x)",
            "(?i)x(?:ab|cd)([0-9]+|q)[a-c]{2}\\b", "é(b+)é",
        ]
        var generator = SplitMix64(seed: 0xF1257)
        let pieces = [
            "zq1", "ZQ22", "'abcd1'", "\"xyZ9Q\"", "ék", "Qkk", "\n# a", "#", "vau", "Vx", "lorem ", "ipsum", "\n", "é",
            "xAB12ab", "xcdqc", "ébbé", "b",
        ]
        for source in patterns {
            let regex = try RegularExpression(source)
            for _ in 0..<200 {
                var text = ""
                for _ in 0..<(generator.next() % 40) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
                let bytes = Array(text.utf8)
                bytes.withUnsafeBufferPointer { buffer in
                    var all: [[Range<Int>?]] = []
                    var start = 0
                    while start <= buffer.count,
                        let slow = regex.engine.findCapturesWithPikeVM(
                            buffer, bounds: start..<buffer.count, anchored: false)
                    {
                        all.append(slow.groups)
                        start = slow.range.isEmpty ? slow.range.upperBound + 1 : slow.range.upperBound
                    }
                    // Groups too: those between parts of fixed width are found by arithmetic.
                    let fast = regex.matches(in: buffer).map(\.groups)
                    #expect(fast == all, "pattern /\(source)/ text \(text.debugDescription)")
                }
            }
        }
    }

    @Test func setAgreesWithEachPatternAlone() throws {
        var generator = SplitMix64(seed: 0xC0FFEE)
        for _ in 0..<(Self.iterations / 5) {
            let sources = (0..<3).map { _ in Self.pattern(&generator) }
            guard let set = try? RegexSet(sources) else { continue }
            let singles = sources.compactMap { try? RegularExpression($0) }
            guard singles.count == sources.count else { continue }
            let bytes = Self.haystack(&generator)
            let expected = singles.indices.filter { singles[$0].isMatch(bytes) }
            #expect(set.matchingPatterns(in: bytes) == expected, "set \(sources) haystack \(bytes)")
        }
    }

    @Test func parserNeverCrashesOnArbitraryBytes() {
        var generator = SplitMix64(seed: 42)
        let alphabet = Array("()[]{}|*+?.^$\\-:,<>=!PpQEdwsbBazAZ09x{}".utf8) + [0xC3, 0xA9, 0xFF, 0x80]
        for _ in 0..<(Self.iterations * 4) {
            let length = Int(generator.next() % 16)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            if let parsed = try? Parser.parse(bytes: bytes, options: RegexOptions()) {
                _ = try? Compiler.compile(
                    [parsed], options: RegexOptions(), reverse: false, keepGroups: true, source: "")
            }
        }
    }
}
