import Archives
import Crypto
import Foundation
import PolicyModel
import Reporting
import Secrets
import Testing

@testable import Workspace

/// `--kinds secrets` through the whole scan: every file of a tree is searched (binary files and
/// lock files passed over), findings go through inline ignores like any other, and no report
/// format shows any part of a planted value beyond its public prefix, excerpts included.
struct SecretScanTests {
    static func token(_ prefix: String, body: String) -> String {
        prefix + body + String(decoding: StructureCheck.checksum(Array(body.utf8)), as: UTF8.self)
    }

    @Test func aTreeIsSearchedAndNoReportShowsTheSecrets() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/app", withIntermediateDirectories: true)
        let github = Self.token("ghp_", body: "Q7vN2xK9pL4mR8sT1wY6zB3cD5fG0h")
        let npm = Self.token("npm_", body: "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5")
        let hasher = SecretHasher(key: SymmetricKey(data: [UInt8](repeating: 3, count: 32)))
        let identity = hasher.identity(of: Array(github.utf8)).prefix(21)
        let files = [
            "deploy.sh": "#!/bin/sh\nexport GITHUB_TOKEN=\(github)\n",
            "app/.npmrc": "//registry.npmjs.org/:_authToken=\(npm)\n",
            // Waived by identity: the same token in another file of the tree is still reported.
            "app/old.sh":
                "# palisade:ignore[secret-github-pat@\(identity)] revoked on 2026-11-01\nexport OLD=\(github)\n",
            "Dockerfile": "FROM alpine:3.20\nENV NPM_TOKEN=\(npm)\n",
            "package-lock.json": "{\"resolved\": \"\(npm)\"}\n",
            "notes.txt": "nothing to see\n",
        ]
        for (path, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path)) }
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01]).write(to: URL(fileURLWithPath: root + "/logo.png"))

        var options = ScanJob.Options(paths: [root], policies: PolicySet(), kinds: ["secrets", "dockerfile"])
        options.secrets = SecretScanner(detectors: BuiltInDetectors.load().detectors, hasher: hasher)
        let outcome = await ScanJob.run(options)
        let report = outcome.report
        let found = report.findings.filter { $0.policyID.hasPrefix("secret-") }.map {
            "\($0.location.file.dropFirst(root.count + 1)):\($0.location.line):\($0.location.column) \($0.policyID) "
                + "\($0.status.rawValue)"
        }
        #expect(
            found == [
                "Dockerfile:2:15 secret-npm-token open", "app/.npmrc:1:34 secret-npm-token open",
                "app/old.sh:2:12 secret-github-pat suppressed", "deploy.sh:2:21 secret-github-pat open",
            ])
        // The same secret has the same identity wherever it is.
        let identities = Set(report.findings.filter { $0.policyID == "secret-npm-token" }.map(\.fingerprint))
        #expect(identities.count == 1)
        #expect(report.diagnostics.map { $0.rendered() } == [])

        let rendered = [
            TextReporter(sources: outcome.sources).render(report), JSONReporter(toolVersion: "test").render(report),
            SARIFReporter(toolVersion: "test", sourceRoot: root).render(report), JUnitReporter().render(report),
            GitHubReporter().render(report),
        ]
        for secret in [github, npm] {
            let hidden = Array(secret.dropFirst(4))
            for start in 0...(hidden.count - 8) {
                let piece = String(hidden[start..<(start + 8)])
                for output in rendered { #expect(!output.contains(piece), "an output shows part of a secret") }
            }
        }
        // The excerpts keep their columns: the secret is asterisks, one per character.
        #expect(rendered[0].contains("export GITHUB_TOKEN=" + String(repeating: "*", count: github.count)))
    }

    /// Archives committed to a tree are opened and their text members searched, one level deep;
    /// what cannot be read is a notice at the archive, and no output shows the secret.
    @Test func archivesAreSearchedMemberByMember() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("archives-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/dist", withIntermediateDirectories: true)
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ArchivesTests/Fixtures")
        for name in ["app.zip", "logs.tar.gz", "damaged.zip"] {
            try FileManager.default.copyItem(
                atPath: fixtures.appendingPathComponent(name).path, toPath: root + "/dist/" + name)
        }
        var options = ScanJob.Options(paths: [root], policies: PolicySet(), kinds: ["secrets"])
        options.secrets = SecretScanner(
            detectors: BuiltInDetectors.load().detectors,
            hasher: SecretHasher(key: SymmetricKey(data: [UInt8](repeating: 3, count: 32))))
        let outcome = await ScanJob.run(options)
        let found = outcome.report.findings.map { "\($0.location.file.dropFirst(root.count + 1)):\($0.location.line)" }
        let long = "deploy/" + String(repeating: "nested-folder/", count: 8) + "settings.env"
        #expect(found == ["dist/app.zip!config/.env:2", "dist/logs.tar.gz!\(long):2"])
        #expect(Set(outcome.report.findings.map(\.fingerprint)).count == 1)
        #expect(
            outcome.report.diagnostics.map { "\($0.location.file.dropFirst(root.count + 1)) \($0.message)" } == [
                "dist/app.zip archive: secret.txt is encrypted; not searched",
                "dist/damaged.zip archive: not a readable zip archive (no central directory)",
            ])
        let rendered =
            TextReporter(sources: outcome.sources).render(outcome.report)
            + JSONReporter(toolVersion: "test").render(outcome.report)
        #expect(rendered.contains("ghp_…(40)"))
        // The planted token, read from the archive itself: no eight characters of it past `ghp_`.
        let archive = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("app.zip")))
        var planted = ""
        _ = ArchiveReader.members(of: archive, format: .zip, name: "app.zip") { member in
            if member.path == "config/.env",
                let line = String(decoding: member.bytes, as: UTF8.self)
                    .split(separator: "\n").first(where: { $0.hasPrefix("GITHUB_TOKEN=") })
            {
                planted = String(line.dropFirst("GITHUB_TOKEN=ghp_".count))
            }
        }
        #expect(planted.count == 36)
        let characters = Array(planted)
        for start in 0...(characters.count - 8) {
            #expect(!rendered.contains(String(characters[start..<(start + 8)])), "an output shows part of the secret")
        }
    }
}
