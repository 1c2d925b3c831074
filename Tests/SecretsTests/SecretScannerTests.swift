import Crypto
import Foundation
import PolicyModel
import Testing

@testable import Secrets

/// The scanner's rules one by one, on small texts: the keyword prefilter, precedence between
/// detectors, placeholders, entropy, structure checks, redaction, keyed identities and positions.
struct SecretScannerTests {
    static let hasher = SecretHasher(key: SymmetricKey(data: [UInt8](repeating: 1, count: 32)))

    static func scanner(_ detectors: [Detector]) throws -> SecretScanner {
        SecretScanner(detectors: detectors, hasher: hasher)
    }

    static func token(_ prefix: String, body: String) -> String {
        prefix + body + String(decoding: StructureCheck.checksum(Array(body.utf8)), as: UTF8.self)
    }

    @Test func aPatternRunsOnlyWhereItsKeywordIs() throws {
        let keyed = try Detector(
            id: "secret-keyed", title: "Keyed", provider: "Test", severity: .high, pattern: "k3y-([A-Za-z0-9]{16})",
            keywords: ["K3Y-"])
        let anywhere = try Detector(
            id: "secret-anywhere", title: "Anywhere", provider: "Test", severity: .low, pattern: "zz([0-9]{12})zz")
        let scanner = try Self.scanner([keyed, anywhere])
        // The keyword is found whatever its case; the pattern itself is case-sensitive.
        #expect(scanner.scan(Array("x = k3y-Ab3dEf9hIj2lMn0p".utf8), file: "a").map(\.policyID) == ["secret-keyed"])
        #expect(scanner.scan(Array("x = K3Y-Ab3dEf9hIj2lMn0p".utf8), file: "a").isEmpty)
        #expect(scanner.scan(Array("id zz482910375561zz".utf8), file: "a").map(\.policyID) == ["secret-anywhere"])
    }

    @Test func aSpecificDetectorWinsOverAGenericOne() throws {
        let loaded = BuiltInDetectors.load().detectors
        let scanner = try Self.scanner(loaded)
        let token = Self.token("ghp_", body: "Q7vN2xK9pL4mR8sT1wY6zB3cD5fG0h")
        let findings = scanner.scan(Array("github_token = \"\(token)\"\n".utf8), file: "config.py")
        #expect(findings.map(\.policyID) == ["secret-github-pat"])
    }

    @Test func placeholdersAndReferencesAreNotSecrets() throws {
        let scanner = try Self.scanner(BuiltInDetectors.load().detectors)
        let text = """
            aws_access_key_id = AKIAIOSFODNN7EXAMPLE
            password = "${DB_PASSWORD}"
            api_key = "<your api key>"
            token: "{{ .Values.token }}"
            secret = "xxxxxxxxxxxxxxxx"
            SECRET_KEY = "changeme-in-production"

            """
        #expect(scanner.scan(Array(text.utf8), file: "settings").map(\.message) == [])
    }

    @Test func entropyFloorsGoByTheValuesCharacterClass() {
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
        #expect(EntropyFloor.characterClass(of: bytes("3f9a0c")) == .hex)
        #expect(EntropyFloor.characterClass(of: bytes("3f9a0cZq")) == .alphanumeric)
        #expect(EntropyFloor.characterClass(of: bytes("3f9a+c/=")) == .base64)
        #expect(EntropyFloor.characterClass(of: bytes("pa ss!")) == .any)
        let floors = EntropyFloor(floors: [.hex: 3.0, .base64: 4.5])
        // A class without a floor of its own takes the next wider class's; past the widest, none.
        #expect(floors.floor(for: bytes("3f9a")) == 3.0)
        #expect(floors.floor(for: bytes("3f9aZq")) == 4.5 && floors.floor(for: bytes("3f+/")) == 4.5)
        #expect(floors.floor(for: bytes("a b!")) == nil)
        // 32 random hex digits pass the hex floor, which the base64 floor would refuse.
        let hex = bytes("8c1f4e9a07b3d26f5e0a9c4b7d183f62")
        #expect(floors.admits(hex) && !EntropyFloor(4.5).admits(hex))
    }

    @Test func entropyMeasuresRandomness() {
        #expect(Entropy.bitsPerCharacter(Array("aaaaaaaa".utf8)) == 0)
        #expect(abs(Entropy.bitsPerCharacter(Array("abab".utf8)) - 1) < 1e-9)
        #expect(abs(Entropy.bitsPerCharacter(Array("abcdefgh".utf8)) - 3) < 1e-9)
        #expect(Entropy.bitsPerCharacter(Array("password".utf8)) < 3)
        #expect(Entropy.bitsPerCharacter(Array("Q7vN2xK9pL4mR8sT1wY6zB3cD5fG0h".utf8)) > 4.5)
    }

    @Test func checksumsOfGitHubAndNpmTokensAreVerified() {
        // The CRC-32 of the standard check string, as zlib computes it.
        #expect(StructureCheck.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        let valid = Self.token("ghp_", body: "Q7vN2xK9pL4mR8sT1wY6zB3cD5fG0h")
        #expect(StructureCheck.crc32Base62.passes(Array(valid.utf8)))
        var broken = Array(valid.utf8)
        broken[10] = broken[10] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        #expect(!StructureCheck.crc32Base62.passes(broken))
        #expect(!StructureCheck.crc32Base62.passes(Array("ghp_short".utf8)))
        #expect(
            StructureCheck.crc32Base62.passes(Array(Self.token("npm_", body: "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5").utf8)))
    }

    @Test func jsonWebTokensMustHaveAHeaderThatDecodes() {
        let header = Data(#"{"alg":"RS256","kid":"k1"}"#.utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
        #expect(StructureCheck.jwt.passes(Array("\(header).eyJzdWIiOiIxIn0.c2lnbmF0dXJl".utf8)))
        #expect(!StructureCheck.jwt.passes(Array("eyJub3RqdXN0.eyJzdWIiOiIxIn0.c2lnbmF0dXJl".utf8)))
        #expect(!StructureCheck.jwt.passes(Array("\(header).eyJzdWIiOiIxIn0".utf8)))
        #expect(!StructureCheck.jwt.passes(Array("e!J0eXAiOiJKV1Qi.eyJzdWIiOiIxIn0.c2ln".utf8)))
    }

    @Test func privateKeysMustBeClosedByTheirOwnEndLine() {
        let body = String(repeating: "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n", count: 3)
        #expect(
            StructureCheck.pemEnvelope.passes(
                Array("-----BEGIN RSA PRIVATE KEY-----\n\(body)-----END RSA PRIVATE KEY-----".utf8)))
        #expect(
            !StructureCheck.pemEnvelope.passes(
                Array("-----BEGIN RSA PRIVATE KEY-----\n\(body)-----END EC PRIVATE KEY-----".utf8)))
        #expect(
            !StructureCheck.pemEnvelope.passes(
                Array("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----".utf8)))
        #expect(
            !StructureCheck.pemEnvelope.passes(
                Array("-----BEGIN CERTIFICATE-----\n\(body)-----END CERTIFICATE-----".utf8)))
    }

    @Test func redactionShowsOnlyThePublicPrefixAndTheLength() {
        let secret = Array("ghp_Q7vN2xK9pL4mR8sT1wY6zB3cD5fG0hAbCdEf".utf8)
        #expect(Redaction.redacted(secret, shown: 4) == "ghp_…(40)")
        #expect(Redaction.redacted(secret, shown: 0) == "…(40)")
        // Never more than a quarter of the secret, whatever the detector says.
        #expect(Redaction.redacted(Array("abcdefghijkl".utf8), shown: 8) == "abc…(12)")
        #expect(Redaction.redacted(Array("pässwörd".utf8), shown: 0) == "…(8)")
    }

    @Test func identitiesAreKeyedAndStable() throws {
        let secret = Array("sk_live_4eC39HqLyjWDarjtT1zdp7dc".utf8)
        let first = Self.hasher.identity(of: secret)
        #expect(first == Self.hasher.identity(of: secret))
        #expect(first.hasPrefix("hmac:") && first.count == 5 + 32)
        #expect(first != Self.hasher.identity(of: Array("sk_live_4eC39HqLyjWDarjtT1zdp7dd".utf8)))
        let other = SecretHasher(key: SymmetricKey(data: [UInt8](repeating: 2, count: 32)))
        #expect(first != other.identity(of: secret))
    }

    @Test func theInstallationKeyIsMadeOnceWithPrivateModes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/palisade/secret-key"
        let made = try SecretHasher.installationKey(at: path)
        let again = try SecretHasher.installationKey(at: path)
        let secret = Array("a secret value".utf8)
        #expect(SecretHasher(key: made).identity(of: secret) == SecretHasher(key: again).identity(of: secret))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((attributes[.size] as? Int) == 32)
        try Data("short".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SecretHasher.KeyError.self) { try SecretHasher.installationKey(at: path) }
        #expect(SecretHasher.defaultKeyPath(environment: ["HOME": "/home/a"]) == "/home/a/.config/palisade/secret-key")
        #expect(SecretHasher.defaultKeyPath(environment: ["PALISADE_SECRET_KEY_FILE": "/k", "HOME": "/h"]) == "/k")
    }

    @Test func findingsAreLocatedInScalarsAndSorted() throws {
        let scanner = try Self.scanner(BuiltInDetectors.load().detectors)
        let token = Self.token("ghp_", body: "Q7vN2xK9pL4mR8sT1wY6zB3cD5fG0h")
        let npm = Self.token("npm_", body: "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5")
        let text = "# clé d'accès\nnpm = \"\(npm)\"\nß = \"\(token)\"\n"
        let findings = scanner.scan(Array(text.utf8), file: "tokens.txt")
        #expect(
            findings.map { "\($0.location.line):\($0.location.column)-\($0.location.endColumn ?? 0) \($0.policyID)" }
                == [
                    "2:8-48 secret-npm-token", "3:6-46 secret-github-pat",
                ])
        #expect(findings.allSatisfy { $0.fingerprint.hasPrefix("hmac:") && $0.resource == "tokens.txt" })
    }

    @Test func detectorDocumentsReportEachProblemWhereItIs() {
        let text = """
            id: secret-one
            title: One
            provider: Test
            severity: severe
            pattern: 'one-[0-9]{8}'
            ---
            id: secret-two
            title: Two
            provider: Test
            severity: low
            pattern: 'two-([0-9]{8}'
            color: blue
            ---
            id: secret-three
            title: Three
            provider: Test
            severity: high
            pattern: 'three-([0-9]{8})'
            keywords: [three-]
            entropy: 2.5
            check: jwt
            allow: ['^0+$']
            shown: 6
            equivalents: [three]
            ---
            id: secret-four
            title: Four
            provider: Test
            severity: low
            pattern: 'four-([0-9]{8})'
            allow-line: ['(?i)sha256', 'x(']
            ---
            id: secret-five
            title: Five
            provider: Test
            severity: low
            pattern: 'five-([0-9a-z]{8})'
            entropy: {hex: 3.0, octal: 2.0, any: nine}
            """
        let read = DetectorReader.read(text, file: "mine.yaml")
        #expect(read.detectors.map(\.id) == ["secret-three"])
        let messages = read.diagnostics.map { $0.rendered() }
        #expect(messages.contains { $0.hasPrefix("mine.yaml:4:11: error: severity \"severe\"") })
        #expect(messages.contains { $0.hasPrefix("mine.yaml:11:10: error: pattern does not compile") })
        #expect(messages.contains { $0.hasPrefix("mine.yaml:12:1: error: unknown key \"color\"") })
        #expect(messages.contains { $0.hasPrefix("mine.yaml:31:28: error: pattern does not compile") })
        #expect(messages.contains { $0.hasPrefix("mine.yaml:38:21: error: \"octal\" is not a character class") })
        #expect(messages.contains { $0.hasPrefix("mine.yaml:38:38: error: entropy must be a number") })
        let three = read.detectors[0]
        #expect(three.secretGroup == 1 && three.keywords == ["three-"] && three.entropy == EntropyFloor(2.5))
        #expect(three.check == .jwt && three.shown == 6 && three.equivalents == ["three"])
    }

    /// A keyword lets its detector's pattern run over the lines around it, not over the whole of
    /// a large file: a match far from every keyword is not looked for.
    @Test func aPatternRunsOverTheLinesAroundItsKeywords() throws {
        let keyed = try Detector(
            id: "secret-keyed", title: "Keyed", provider: "Test", severity: .high,
            pattern: "value=([A-Za-z0-9]{16})", keywords: ["k3y"])
        let scanner = try Self.scanner([keyed])
        let filler = String(repeating: "ordinary line of text without anything in it\n", count: 400)  // 18 KB
        let secret = "value=Ab3dEf9hIj2lMn0p\n"
        let near = "k3y\n" + filler + "k3y " + secret + filler
        #expect(scanner.scan(Array(near.utf8), file: "a").map(\.location.line) == [402])
        let far = "k3y\n" + filler + secret + filler
        #expect(scanner.scan(Array(far.utf8), file: "a").isEmpty)
        // On one long line (a minified file) the stretch reaches past the keyword's reach.
        let minified = "k3y" + String(repeating: " ", count: 6000) + secret
        #expect(scanner.scan(Array(minified.utf8), file: "a").count == 1)
    }

    @Test func theKeywordAutomatonFindsOverlappingKeywordsInAnyCase() {
        let filter = KeywordFilter(keywords: [["he", "hers"], ["she"], ["xyz"]], owners: [0, 1, 2])
        func owners(_ text: String) -> [Int] {
            Array(text.utf8).withUnsafeBufferPointer { buffer in
                filter.regions(in: buffer, ownerCount: 3, reach: 2).map(\.owner).sorted()
            }
        }
        #expect(owners("uSHErs") == [0, 1])
        #expect(owners("ushx") == [])
        #expect(owners("...XyZ") == [2])
        let regions = Array("he........he.....................he".utf8).withUnsafeBufferPointer {
            filter.regions(in: $0, ownerCount: 3, reach: 4)
        }
        // Stretches within reach of each other merge.
        #expect(regions.map(\.regions) == [[0..<16, 29..<35]])
    }

    /// A large text is walked in four stretches side by side: every keyword is found once,
    /// including those across the cuts between stretches.
    @Test func theKeywordAutomatonMissesNothingAcrossItsStretches() {
        let words = ["token", "ghp_", "xoxb-", "sk_live_"]
        let filter = KeywordFilter(keywords: words.map { [$0] }, owners: Array(words.indices))
        var generator = SystemRandomNumberGenerator()
        for size in [4096, 4099, 20_000, 65_537] {
            var text = (0..<size).map { _ in UInt8.random(in: 0x61...0x66, using: &generator) }
            // Keywords at random places, and across each cut (a quarter of the text apart).
            var starts = (0..<30).map { _ in Int.random(in: 0..<(size - 8), using: &generator) }
            for cut in 1..<4 {
                let at: Int = size / 4 * cut
                starts += [at - 2, at - 1, at]
            }
            var expected: Set<Int> = []
            for start in starts.sorted() where !expected.contains(where: { abs($0 - start) < 10 }) {
                let word = Array(words[start % words.count].uppercased().utf8)
                text.replaceSubrange(start..<(start + word.count), with: word)
                expected.insert(start + word.count - 1)
            }
            let found = text.withUnsafeBufferPointer { filter.keywordEnds(in: $0).map(\.position) }
            #expect(found == expected.sorted(), "size \(size)")
        }
    }

    @Test func testFixturesAreSearchedOnlyByDetectorsOfAShape() throws {
        let scanner = try Self.scanner(BuiltInDetectors.load().detectors)
        let token = Self.token("ghp_", body: "Q7vN2xK9pL4mR8sT1wY6zB3cD5fG0h")
        let text = "db_password = \"Ef3fgPDrx2#vm6vUhtBXxD3U\"\ngithub_token = \"\(token)\"\n"
        #expect(
            scanner.scan(Array(text.utf8), file: "app/settings.py").map(\.policyID) == [
                "secret-generic-assignment", "secret-github-pat",
            ])
        for path in [
            "tests/settings.py", "app/test_settings.py", "pkg/config_test.go", "src/__fixtures__/a.js",
            "src/api.spec.ts", "Sources/ConfigTests.swift",
        ] {
            #expect(scanner.scan(Array(text.utf8), file: path).map(\.policyID) == ["secret-github-pat"], "\(path)")
        }
    }

    @Test func identifiersMadeOfWordsAreNotRandom() {
        func words(_ text: String) -> Bool {
            Array(text.utf8).withUnsafeBufferPointer { Placeholders.isWordsRunTogether($0) }
        }
        #expect(words("AwsAppSyncGraphQlApiLambdaAuthorizerConfigDetails"))
        #expect(words("InfluxDBv2ParametersStorageCacheMaxMemorySizeLong"))
        #expect(words("XMLHttpRequestEventTarget"))
        #expect(words("storage_cache_max_memory"))
        // Generated values, even letters only, fall into fragments.
        #expect(!words("kpMTpZxdXEbIMZmZmmBBiarvhtFBrxQau"))
        #expect(!words("Ef3fgPDrx2vm6vUhtBXxD3U"))
        #expect(!words("tpf3zF08nBplQK1XLOefGskR7mGDwcDk"))
        #expect(!words("wJalrXUtnFEMI/K7MDENG/bPxRfiCY"))
        #expect(!words("password"))
    }

    @Test func valuesInOrderAndDigestsAreNotSecrets() throws {
        let scanner = try Self.scanner(BuiltInDetectors.load().detectors)
        let text = """
            options = "46abceflmnpqrstuvwzBCDMNRW"
            CodeSha256 = "/PgZXf/iEUHooIC1n9FgFA1i9NjIJb519HNq1HCbKRE="
            key = "/PgZXf/iEUHooIC1n9FgFA1i9NjIJb519HNq1HCbKRE="

            """
        #expect(scanner.scan(Array(text.utf8), file: "a.py").map(\.location.line) == [3])
    }

    @Test func theRangeIndexFindsOverlapsAcrossItsBlocks() {
        var index = RangeIndex()
        index.insert(10..<20)
        index.insert(250..<1_000)  // spans four blocks
        #expect(index.overlaps(15..<16) && index.overlaps(0..<11) && index.overlaps(19..<300))
        #expect(index.overlaps(700..<701) && index.overlaps(999..<2_000))
        #expect(!index.overlaps(20..<250) && !index.overlaps(1_000..<1_300) && !index.overlaps(0..<10))
    }
}
