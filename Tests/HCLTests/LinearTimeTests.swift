import HCL
import Testing

/// Inputs shaped to expose quadratic behaviour (one very long line, a very long string, a
/// heredoc of many lines, many interpolations, many errors, invalid bytes everywhere) must
/// take time proportional to their size.
struct LinearTimeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var json = false
        /// The input with `count` repetitions of its repeating part.
        var make: @Sendable (Int) -> [UInt8]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "many attributes") { count in
            Array((0..<count).map { "attribute_\($0) = \"value \($0)\"\n" }.joined().utf8)
        },
        Case(name: "many blocks") { count in
            Array((0..<count).map { "resource \"t\" \"r\($0)\" {\n  a = [\($0), 2]\n}\n" }.joined().utf8)
        },
        Case(name: "one long string") { count in
            Array(("a = \"" + String(repeating: "abc\\n ", count: count) + "\"\n").utf8)
        },
        Case(name: "one long tuple on one line") { count in
            Array(("a = [" + String(repeating: "1, ", count: count) + "]").utf8)
        },
        Case(name: "long heredoc") { count in
            Array(("a = <<-EOT\n" + String(repeating: "    line of text\n", count: count) + "  EOT\n").utf8)
        },
        Case(name: "many interpolations") { count in
            Array(("a = \"" + String(repeating: "${x} ", count: count) + "\"\n").utf8)
        },
        Case(name: "long comment") { count in
            Array(("# " + String(repeating: "comment ", count: count) + "\na = 1\n").utf8)
        },
        Case(name: "invalid bytes in a long string") { count in
            Array("a = \"".utf8) + [UInt8]((0..<count).flatMap { _ in [0x61, 0xFF, 0x62] }) + Array("\"\n".utf8)
        },
        Case(name: "an error at the end of a long line") { count in
            Array(("a = [" + String(repeating: "1, ", count: count) + "@]").utf8)
        },
        Case(name: "many broken lines") { count in
            Array(String(repeating: "a = (1 + \n", count: count).utf8)
        },
        Case(name: "minified JSON", json: true) { count in
            Array(("{\"locals\": {\"a\": [" + (0..<count).map { "\"v${x}\($0)\"" }.joined(separator: ",") + "]}}").utf8)
        },
        Case(name: "JSON string with escapes", json: true) { count in
            Array(("{\"a\": \"" + String(repeating: "\\t${x}\\\"", count: count) + "\"}").utf8)
        },
    ]

    private static func time(_ example: Case, _ input: [UInt8]) -> Duration {
        ContinuousClock().measure {
            let file = example.json ? ConfigFile.parseJSON(utf8: input) : ConfigFile.parse(utf8: input)
            withExtendedLifetime(file) {}
        }
    }

    @Test(arguments: cases)
    func parsingTakesLinearTime(_ example: Case) {
        let small = example.make(2_000)
        let large = example.make(20_000)
        _ = Self.time(example, small)  // warm up
        let smallTime = Self.time(example, small)
        let largeTime = Self.time(example, large)
        // Ten times the input: linear costs about 10x, quadratic 100x. The bound is generous
        // for noise on a shared machine; the absolute cap catches a blow-up outright.
        let ratio = largeTime / max(smallTime, .microseconds(200))
        #expect(ratio < 30, "10x input took \(ratio)x the time (\(smallTime) vs \(largeTime))")
        #expect(largeTime < .seconds(20))
    }
}
