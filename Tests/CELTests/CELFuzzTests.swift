import Testing

@testable import CEL

/// Property-based fuzzing of the parser and the evaluator: random token soup must give a value,
/// an evaluation error or a compile error — never a crash or a hang. A long run is
/// `PALISADE_FUZZ_ITERATIONS=200000 swift test -c release --filter CELFuzzTests`.
struct CELFuzzTests {
    static var iterations: Int {
        guard let text = TestEnvironment.value("PALISADE_FUZZ_ITERATIONS"), let value = Int(text) else { return 3000 }
        return value
    }

    static let environment: Environment = {
        var environment = Environment(
            variables: ["x": .dyn, "xs": .dyn, "m": .dyn, "s": .dyn],
            libraries: Library.standardLibraries + Library.extensionLibraries + Library.kubernetesLibraries)
        environment.costLimit = 20_000
        return environment
    }()

    static let variables: [String: Value] = [
        "x": .int(7), "xs": .list([.int(1), .int(2), .int(3)]), "s": .string("héllo"),
        "m": .map(MapValue(entries: [(.string("a"), .int(1)), (.string("b"), .list([.string("z")]))]) ?? MapValue()),
    ]

    private static let fragments = [
        "x", "xs", "m", "s", "1", "0", "-1", "2u", "1.5", "'a'", "b'z'", "true", "null", "[", "]", "{", "}", "(", ")",
        ",", ":", ".", "?", "+", "-", "*", "/", "%", "==", "!=", "<", ">=", "&&", "||", "!", "in", "size(", ".all(v,",
        ".exists(v,", ".map(v,", ".filter(v,", "v", "has(m.a)", "m.a", "m.?b", "[?", "int(", "string(", "double(",
        ".startsWith(", ".matches('a+')", "'(a+)+$'", "cel.bind(y,", "y", "timestamp('2024-01-01T00:00:00Z')",
        "duration('1s')", "type(", "dyn(", "xs[0]", "m['a']", "1/0", "9223372036854775807", "ip('10.0.0.1')",
        "'a'.matches(", "math.greatest(", "optional.of(", ".orValue(", "lists.range(", "xs.map(a, xs.map(b, a*b))",
    ]

    private static func expression(_ generator: inout CELSplitMix) -> String {
        let length = 1 + Int(generator.next() % 14)
        return (0..<length).map { _ in fragments[Int(generator.next() % UInt64(fragments.count))] }
            .joined(separator: " ")
    }

    @Test func randomExpressionsNeverCrashOrHang() {
        var generator = CELSplitMix(seed: 0xCE1)
        var compiled = 0
        for _ in 0..<Self.iterations {
            let source = Self.expression(&generator)
            guard let program = try? Self.environment.compile(source) else { continue }
            compiled += 1
            let (_, cost) = program.evaluateWithCost(Self.variables)
            #expect(cost <= 20_000 + 10_000, "cost \(cost) for \(source)")
        }
        #expect(compiled > Self.iterations / 50)
    }

    @Test func randomBytesNeverCrashTheParser() {
        var generator = CELSplitMix(seed: 0xB17E5)
        let alphabet = Array("()[]{}.,:?!<>=&|+-*/%'\"\\rbux0123456789abcxyz \n\t".unicodeScalars) + ["é", "\u{0}"]
        for _ in 0..<(Self.iterations * 2) {
            var source = ""
            for _ in 0..<(generator.next() % 24) {
                source.unicodeScalars.append(alphabet[Int(generator.next() % UInt64(alphabet.count))])
            }
            _ = try? Self.environment.compile(source)
        }
    }
}

/// Deterministic generator so a failing case repeats.
struct CELSplitMix: RandomNumberGenerator {
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
