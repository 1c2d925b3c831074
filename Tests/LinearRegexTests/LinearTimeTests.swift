import Testing

@testable import LinearRegex

/// Patterns that make backtracking engines take exponential or quadratic time must take time
/// proportional to the haystack here, on every engine path.
struct LinearTimeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var pattern: String
        var filler: UInt8
        var testDescription: String { pattern }
    }

    static let cases = [
        Case(pattern: "(a+)+$", filler: UInt8(ascii: "a")),
        Case(pattern: "(a|aa)*b", filler: UInt8(ascii: "a")),
        Case(pattern: "(x+x+)+y", filler: UInt8(ascii: "x")),
        Case(pattern: "(.*)*z", filler: UInt8(ascii: "a")),
    ]

    /// Seconds for the DFA path (captures included) and for the Pike VM alone.
    private static func time(_ regex: RegularExpression, _ haystack: [UInt8]) -> Duration {
        let clock = ContinuousClock()
        return clock.measure {
            haystack.withUnsafeBufferPointer { buffer in
                _ = regex.firstMatch(in: buffer)
                _ = regex.engine.findCapturesWithPikeVM(buffer, bounds: 0..<buffer.count, anchored: false)
            }
        }
    }

    @Test(arguments: cases)
    func pathologicalPatternRunsInLinearTime(_ test: Case) throws {
        let regex = try RegularExpression(test.pattern)
        // A trailing byte that spoils the match makes backtrackers try every split.
        let small = [UInt8](repeating: test.filler, count: 10_000) + [UInt8(ascii: "!")]
        let large = [UInt8](repeating: test.filler, count: 100_000) + [UInt8(ascii: "!")]
        _ = Self.time(regex, small)  // warm up
        let smallTime = Self.time(regex, small)
        let largeTime = Self.time(regex, large)
        // Ten times the input: linear costs about 10x; quadratic would cost 100x. The bound is
        // generous for noise on a shared machine, and an absolute cap catches a blow-up outright.
        let ratio = largeTime / max(smallTime, .microseconds(200))
        #expect(ratio < 30, "10x input took \(ratio)x the time (\(smallTime) vs \(largeTime))")
        #expect(largeTime < .seconds(20))
    }

    @Test func pathologicalMatchesAreStillCorrect() throws {
        let haystack = String(repeating: "a", count: 100_000)
        #expect(try RegularExpression("(a+)+$").firstMatch(in: haystack)?.range == 0..<100_000)
        #expect(try RegularExpression("(a|aa)*b").isMatch(haystack) == false)
        #expect(try RegularExpression("(x+x+)+y").isMatch(String(repeating: "x", count: 100_000) + "y"))
        #expect(try RegularExpression("(.*)*z").isMatch(haystack) == false)
    }
}
