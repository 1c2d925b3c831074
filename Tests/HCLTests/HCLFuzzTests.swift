import Foundation
import HCL
import Testing

/// Property tests: random bytes, random token soup and random mutations of valid files must
/// give a body and errors, never a crash or a hang; every error and every range of what did
/// parse must lie inside the input, and ranges must nest. A long run is
/// `PALISADE_FUZZ_ITERATIONS=200000 swift test -c release --filter HCLFuzzTests`.
struct HCLFuzzTests {
    static var iterations: Int {
        guard let text = ProcessInfo.processInfo.environment["PALISADE_FUZZ_ITERATIONS"], let value = Int(text) else {
            return 1500
        }
        return value
    }

    /// Parses `bytes` every way the library can and checks the invariants.
    static func check(_ bytes: [UInt8], _ label: @autoclosure () -> String) {
        let native = ConfigFile.parse(utf8: bytes, path: "fuzz.tf")
        verify(native, size: bytes.count, label())
        let json = ConfigFile.parseJSON(utf8: bytes, path: "fuzz.tf.json")
        verify(json, size: bytes.count, label())
        let text = String(decoding: bytes, as: UTF8.self)
        if let expression = try? Expression.parse(text) {
            #expect(expression.range.end.offset <= text.utf8.count, "\(label())")
        }
        if let template = try? Expression.parseTemplate(text) {
            #expect(template.range.end.offset <= text.utf8.count, "\(label())")
        }
    }

    static func verify(_ file: ConfigFile, size: Int, _ label: @autoclosure () -> String) {
        for error in file.diagnostics {
            let start = error.range.start
            #expect(start.offset >= 0 && start.offset <= size && start.line >= 1 && start.column >= 1, "\(label())")
            #expect(!error.message.isEmpty)
            _ = error.description
        }
        let violations = RangeInvariant.check(file.body, size: size)
        #expect(violations.isEmpty, "\(label()): \(violations.prefix(3))")
    }

    private static let fragments: [String] = [
        "a", "b", "var", ".", "x", " ", "\n", "=", "{", "}", "[", "]", "(", ")", ",", ":", "?", "\"", "${", "%{", "~",
        "}", "if ", "else", "endif", "for ", " in ", "endfor", "=>", "...", "*", "[*]", ".*", "+", "-", "!", "&&", "||",
        "==", "<=", "1", "2.5", "1e3", "true", "null", "<<EOT\n", "<<-EOT\n", "EOT\n", "  EOT", "#", "//", "/*", "*/",
        "\\", "\\n", "\\u00e9", "$${", "%%{", "é", "日本", "resource", "\"label\"", "provider::", "f(", "\r\n", "\t",
        "0", ".0", "-", "::", "@", "\u{FEFF}", "[for ", "{for ",
    ]

    @Test func randomTokenSoupNeverCrashes() {
        var generator = HCLSplitMix(seed: 0x4C1)
        for round in 0..<Self.iterations {
            var source = ""
            for _ in 0..<(1 + generator.next() % 40) {
                source += Self.fragments[Int(generator.next() % UInt64(Self.fragments.count))]
            }
            Self.check(Array(source.utf8), "round \(round): \(source.debugDescription)")
        }
    }

    @Test func randomBytesNeverCrash() {
        var generator = HCLSplitMix(seed: 0xB17E)
        let alphabet = Array("{}[]()=\"$%~:?.,*#/\\\n <>!&|-+1aeEuU".utf8) + [0x00, 0x0D, 0x80, 0xC3, 0xA9, 0xE2, 0xFF]
        for round in 0..<Self.iterations {
            var bytes: [UInt8] = []
            for _ in 0..<(generator.next() % 64) {
                bytes.append(
                    generator.next() % 4 == 0
                        ? UInt8(truncatingIfNeeded: generator.next())
                        : alphabet[Int(generator.next() % UInt64(alphabet.count))])
            }
            Self.check(bytes, "round \(round): \(bytes)")
        }
    }

    static func seeds() throws -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        for path in CorpusTests.fixturePaths() {
            seeds.append(try [UInt8](Data(contentsOf: CorpusTests.fixtures.appendingPathComponent(path))))
        }
        seeds.append(Array("a = \"${x}\" # c\nb {\n  c = [for v in d : v if v]\n}\n".utf8))
        seeds.append(Array("x = <<-EOT\n  %{ for a in b ~}\n  ${a}\n  %{ endfor }\n  EOT\n".utf8))
        return seeds
    }

    @Test func mutationsOfValidFilesNeverCrash() throws {
        var generator = HCLSplitMix(seed: 0x3117)
        let seeds = try Self.seeds()
        for round in 0..<Self.iterations {
            var bytes = seeds[Int(generator.next() % UInt64(seeds.count))]
            for _ in 0..<(1 + generator.next() % 4) {
                guard !bytes.isEmpty else { break }
                let at = Int(generator.next() % UInt64(bytes.count))
                let length = min(Int(generator.next() % 24), bytes.count - at)
                switch generator.next() % 6 {
                case 0:
                    bytes.removeSubrange(at..<(at + length))
                case 1:
                    let fragment = Self.fragments[Int(generator.next() % UInt64(Self.fragments.count))]
                    bytes.insert(contentsOf: Array(fragment.utf8), at: at)
                case 2:
                    bytes.insert(contentsOf: Array(bytes[at..<(at + length)]), at: at)
                case 3:
                    bytes[at] = UInt8(truncatingIfNeeded: generator.next())
                case 4:
                    bytes.removeSubrange(at...)
                default:
                    let other = Int(generator.next() % UInt64(bytes.count))
                    bytes.swapAt(at, other)
                }
            }
            Self.check(bytes, "round \(round)")
        }
    }

    @Test func rangeInvariantCatchesAChildOutsideItsParent() throws {
        var body = try ConfigFile.parse("a = [1, 2]\n").validBody()
        #expect(RangeInvariant.check(body, size: 11).isEmpty)
        guard case .tuple(var elements, let whole) = body.attributes[0].value else {
            Issue.record("expected a tuple")
            return
        }
        elements[1] = .literal(.number("2"), range(1, 20, 19, 1, 21, 20))
        body.attributes[0].value = .tuple(elements, whole)
        #expect(RangeInvariant.check(body, size: 11).count == 2)
    }
}

/// Deterministic generator so a failing case repeats.
struct HCLSplitMix: RandomNumberGenerator {
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
