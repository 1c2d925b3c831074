import Crypto
import PolicyModel
import Testing

@testable import Secrets

/// Baselines hold identities, not values; they waive a secret wherever it is found and nothing
/// else on its line; they survive being written and read back, reasons included.
struct SecretBaselineTests {
    static let hasher = SecretHasher(key: SymmetricKey(data: [UInt8](repeating: 9, count: 32)))

    static func token(_ body: String) -> String {
        "ghp_" + body + String(decoding: StructureCheck.checksum(Array(body.utf8)), as: UTF8.self)
    }

    static func scan(_ text: String, file: String) throws -> [Finding] {
        SecretScanner(detectors: BuiltInDetectors.load().detectors, hasher: hasher).scan(
            Array(text.utf8), file: file)
    }

    @Test func aKnownSecretIsWaivedWhereverItIsAndANewOneOnItsLineIsNot() throws {
        let known = Self.token("Q7vN2xK9pL4mR8sT1wY6zB3cD5fG0h")
        let fresh = Self.token("Z1yX2wV3uT4sR5qP6oN7mL8kJ9iH0g")
        let before = try Self.scan("export GITHUB_TOKEN=\(known)\n", file: "deploy.sh")
        var baseline = SecretBaseline(key: Self.hasher.keyIdentity, findings: before)
        baseline.entries[0].reason = "revoked on 2026-11-01"
        #expect(baseline.entries.map(\.detector) == ["secret-github-pat"])

        var later = try Self.scan("A=\(known) B=\(fresh)\nC=\(known)\n", file: "moved.sh")
        baseline.apply(to: &later, file: "baseline.json")
        #expect(
            later.map { "\($0.location.line):\($0.location.column) \($0.status.rawValue)" } == [
                "1:3 suppressed", "1:46 open", "2:3 suppressed",
            ])
        #expect(later[0].statusReason == "in the secrets baseline baseline.json: revoked on 2026-11-01")
        // Nothing in the baseline is the secret.
        let json = baseline.json()
        #expect(!json.contains(String(known.dropFirst(4).prefix(12))))
    }

    @Test func aBaselineReadsBackAsWritten() throws {
        let baseline = SecretBaseline(
            key: Self.hasher.keyIdentity,
            entries: [
                .init(
                    identity: "hmac:00112233445566778899aabbccddeeff", detector: "secret-npm-token", file: "a/.npmrc",
                    line: 3),
                .init(
                    identity: "hmac:ffeeddccbbaa99887766554433221100", detector: "secret-jwt",
                    file: "b \"quoted\".http",
                    line: 1, reason: "a test token\nfor the staging issuer"),
            ])
        let read = SecretBaseline.read(baseline.json(), file: "baseline.json")
        #expect(read.diagnostics.map { $0.rendered() } == [])
        #expect(read.baseline?.key == baseline.key)
        #expect(read.baseline.map { Set($0.entries.map(\.identity)) } == Set(baseline.entries.map(\.identity)))
        #expect(
            read.baseline?.entries.first { $0.detector == "secret-jwt" }?.reason
                == "a test token\nfor the staging issuer")
        #expect(SecretBaseline(key: "key:0", entries: []).json().contains("\"secrets\": []"))
    }

    @Test func aBaselineKeepsTheReasonsOfTheOneItReplaces() throws {
        let findings = try Self.scan("T=\(Self.token("Q7vN2xK9pL4mR8sT1wY6zB3cD5fG0h"))\n", file: "x")
        var first = SecretBaseline(key: "key:1", findings: findings)
        first.entries[0].reason = "accepted risk, ticket SEC-12"
        let second = SecretBaseline(key: "key:1", findings: findings + findings, previous: first)
        #expect(second.entries.count == 1)
        #expect(second.entries[0].reason == "accepted risk, ticket SEC-12")
    }

    @Test func badBaselinesAreReportedWhereTheProblemIs() {
        let wrongSchema = SecretBaseline.read("{\"schema\": \"something/v1\", \"secrets\": []}", file: "b.json")
        #expect(wrongSchema.baseline == nil)
        #expect(
            wrongSchema.diagnostics.map { $0.rendered() }.first?.hasPrefix("b.json:1:12: error: not a secrets baseline")
                == true)
        let badEntry = SecretBaseline.read(
            """
            {"schema": "palisade.secrets-baseline/v1", "key": "key:ab",
             "secrets": [{"identity": "plain-text", "detector": "secret-jwt", "file": "f"},
                         {"identity": "hmac:01", "detector": "secret-jwt", "file": "g", "line": 4}]}
            """, file: "b.json")
        #expect(badEntry.baseline?.entries.map(\.file) == ["g"])
        #expect(
            badEntry.diagnostics.map { $0.rendered() }.first?.hasPrefix("b.json:2:14: error: a baseline entry needs")
                == true)
        #expect(SecretBaseline.read("", file: "e.json").baseline == nil)
    }

    @Test func keyIdentitiesTellKeysApartAndRevealNothing() {
        let other = SecretHasher(key: SymmetricKey(data: [UInt8](repeating: 8, count: 32)))
        #expect(Self.hasher.keyIdentity != other.keyIdentity)
        #expect(Self.hasher.keyIdentity.hasPrefix("key:") && Self.hasher.keyIdentity.count == 20)
        #expect(
            Self.hasher.keyIdentity
                == SecretHasher(key: SymmetricKey(data: [UInt8](repeating: 9, count: 32))).keyIdentity)
    }
}
