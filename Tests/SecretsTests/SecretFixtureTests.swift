import Crypto
import Foundation
import LinearRegex
import PolicyModel
import Testing

@testable import Secrets

/// Every built-in detector against its fixtures (made by scripts/make-secret-fixtures.py, fake
/// values only): each planted file gives exactly the findings of its `.expected` file, with all
/// the detectors running; each decoy gives none of its own detector's; and no finding holds any
/// part of a planted value longer than its redacted prefix.
///
/// `PALISADE_RECORD_FIXTURES=1` writes the `.expected` files instead of comparing (read the diff).
struct SecretFixtureTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let loaded = BuiltInDetectors.load()
    // A fixed key, so that the identities in a failure message are the same every run.
    static let scanner = SecretScanner(
        detectors: loaded.detectors, hasher: SecretHasher(key: SymmetricKey(data: [UInt8](repeating: 7, count: 32))))

    static var detectorIDs: [String] { loaded.detectors.map(\.id).sorted() }

    static func files(_ id: String, _ kind: String) -> [URL] {
        let folder = fixtures.appendingPathComponent(id).appendingPathComponent(kind)
        return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension != "expected" }.sorted { $0.path < $1.path }
    }

    static func line(_ finding: Finding) -> String {
        "\(finding.location.line):\(finding.location.column) \(finding.policyID) \(finding.message)"
    }

    @Test func builtInDetectorsLoadWithoutDiagnostics() {
        #expect(Self.loaded.diagnostics.map { $0.rendered() } == [])
        #expect(Self.loaded.detectors.count >= 24)
        #expect(Set(Self.detectorIDs).count == Self.detectorIDs.count, "ids are unique")
    }

    @Test(arguments: detectorIDs)
    func detectorMatchesItsFixtures(_ id: String) throws {
        let planted = Self.files(id, "planted")
        let decoys = Self.files(id, "decoy")
        #expect(!planted.isEmpty, "\(id) has no planted fixture")
        #expect(!decoys.isEmpty, "\(id) has no decoy fixture")
        let detector = try #require(Self.loaded.detectors.first { $0.id == id })
        for file in planted {
            let bytes = try [UInt8](Data(contentsOf: file))
            let findings = Self.scanner.scan(bytes, file: file.lastPathComponent)
            let lines = findings.map(Self.line)
            #expect(findings.contains { $0.policyID == id }, "\(file.path): no finding of \(id)")
            let expectedFile = file.appendingPathExtension("expected")
            if ProcessInfo.processInfo.environment["PALISADE_RECORD_FIXTURES"] == "1" {
                try (lines.joined(separator: "\n") + "\n").write(to: expectedFile, atomically: true, encoding: .utf8)
            } else {
                let expected = try String(contentsOf: expectedFile, encoding: .utf8)
                    .split(separator: "\n").map(String.init)
                #expect(lines == expected, "\(file.path)")
            }
            // The planted values, as the detector's own pattern captures them, are in no field.
            var values: [String] = []
            for match in detector.pattern.matches(in: bytes) {
                if let range = match.groups[detector.secretGroup] {
                    values.append(String(decoding: bytes[range], as: UTF8.self))
                }
            }
            for finding in findings {
                let shown = [
                    finding.message, finding.fingerprint, finding.title, finding.resource, finding.path,
                    finding.statusReason ?? "",
                ].joined(separator: "\n")
                for value in values {
                    // Any eight characters of the value past its public prefix would be a leak.
                    let hidden = Array(value.dropFirst(detector.shown))
                    for start in stride(from: 0, through: max(0, hidden.count - 8), by: 1) where hidden.count >= 8 {
                        let piece = String(hidden[start..<(start + 8)])
                        #expect(!shown.contains(piece), "\(file.path): a finding shows part of the secret")
                    }
                }
            }
        }
        for file in decoys {
            let bytes = try [UInt8](Data(contentsOf: file))
            let findings = Self.scanner.scan(bytes, file: file.lastPathComponent).filter { $0.policyID == id }
            #expect(findings.map(Self.line) == [], "\(file.path)")
        }
    }

    /// Every detector's folder is a detector's, and every detector has a folder.
    @Test func everyFixtureFolderHasADetector() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter {
            !$0.hasPrefix(".")
        }
        #expect(Set(folders) == Set(Self.detectorIDs))
    }
}
