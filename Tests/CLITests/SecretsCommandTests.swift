import Foundation
import Testing

/// `palisade secrets baseline` and `palisade scan --kinds secrets --baseline` as a user runs them:
/// the installation key made on first use, the baseline written without values, known secrets
/// suppressed, and a baseline made with another key refused.
struct SecretsCommandTests {
    static func token(_ body: String) -> String {
        // GitHub's checksum: CRC-32 of the body in base 62, as the scanner verifies it.
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in body.utf8 {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        var value = ~crc
        let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var checksum = ""
        for _ in 0..<6 {
            checksum = String(digits[Int(value % 62)]) + checksum
            value /= 62
        }
        return "ghp_" + body + checksum
    }

    @Test func aBaselineSuppressesKnownSecretsAndNeedsTheSameKey() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("secrets-cli-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/repo", withIntermediateDirectories: true)
        let known = Self.token("Q7vN2xK9pL4mR8sT1wY6zB3cD5fG0h")
        try Data("export GITHUB_TOKEN=\(known)\n".utf8).write(to: URL(fileURLWithPath: root + "/repo/deploy.sh"))
        let key = ["PALISADE_SECRET_KEY_FILE": root + "/keys/secret-key"]

        let made = try PalisadeProcess.run(
            ["secrets", "baseline", "repo", "--output", "baseline.json"], directory: root, environment: key)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stderr.contains("1 secret written to baseline.json"))
        let baseline = try String(contentsOfFile: root + "/baseline.json", encoding: .utf8)
        #expect(
            baseline.contains("\"detector\": \"secret-github-pat\"") && !baseline.contains(String(known.dropFirst(4))))
        let keyAttributes = try FileManager.default.attributesOfItem(atPath: root + "/keys/secret-key")
        #expect((keyAttributes[.posixPermissions] as? Int) == 0o600)

        // A new secret beside the known one is reported; the known one is suppressed.
        let fresh = Self.token("Z1yX2wV3uT4sR5qP6oN7mL8kJ9iH0g")
        try Data("export GITHUB_TOKEN=\(known) NEXT=\(fresh)\n".utf8).write(
            to: URL(fileURLWithPath: root + "/repo/deploy.sh"))
        let scan = try PalisadeProcess.run(
            ["scan", "repo", "--kinds", "secrets", "--baseline", "baseline.json"], directory: root, environment: key)
        #expect(scan.status == 1)
        #expect(scan.stdout.contains("repo/deploy.sh:1:67: critical: secret-github-pat"))
        #expect(scan.stdout.contains("1 finding (1 critical) and 1 suppressed"))
        #expect(!scan.stdout.contains(String(fresh.dropFirst(4).prefix(10))))

        let otherKey = ["PALISADE_SECRET_KEY_FILE": root + "/keys/other-key"]
        let refused = try PalisadeProcess.run(
            ["scan", "repo", "--kinds", "secrets", "--baseline", "baseline.json"], directory: root,
            environment: otherKey)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("was made with another key"))

        let misplaced = try PalisadeProcess.run(["scan", "repo", "--baseline", "baseline.json"], directory: root)
        #expect(misplaced.status == 2 && misplaced.stderr.contains("--baseline is for secrets"))
    }
}

/// `--detectors`: a team's own detectors join the built-in ones, one of the same id replaces a
/// built-in one, and a detector that does not load is an error at its file, line and column.
struct SecretDetectorsOptionTests {
    @Test func ownDetectorsJoinOrReplaceTheBuiltInOnes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("detectors-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for folder in ["repo", "detectors", "broken"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        let key = ["PALISADE_SECRET_KEY_FILE": root + "/key"]
        func write(_ path: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path))
        }
        let github = SecretsCommandTests.token("Q7vN2xK9pL4mR8sT1wY6zB3cD5fG0h")
        try write("repo/app.env", "ACME_KEY=acme_4f9c2a7e1b8d3f6a0c5e9b2d7a4f1c8e\nGITHUB_TOKEN=\(github)\n")
        try write(
            "detectors/acme.yaml",
            """
            id: secret-acme-api-key
            title: ACME internal API key
            provider: ACME
            severity: high
            pattern: '\\b(acme_[a-z0-9]{32})\\b'
            keywords: [acme_]
            shown: 5
            """)
        // Replaces the built-in GitHub detector with one that never matches (a team's choice).
        try write(
            "detectors/github.yaml",
            """
            id: secret-github-pat
            title: GitHub token, reported elsewhere
            provider: GitHub
            severity: low
            pattern: 'never-(matches)'
            keywords: [never-]
            """)
        try write("broken/bad.yaml", "id: secret-bad\ntitle: Bad\nprovider: X\nseverity: high\npattern: '(unclosed'\n")

        let builtIn = try PalisadeProcess.run(
            ["scan", "repo", "--kinds", "secrets"], directory: root, environment: key)
        #expect(builtIn.stdout.contains("secret-github-pat") && !builtIn.stdout.contains("secret-acme-api-key"))

        let own = try PalisadeProcess.run(
            ["scan", "repo", "--kinds", "secrets", "--detectors", "detectors"], directory: root, environment: key)
        #expect(own.status == 1)
        #expect(own.stdout.contains("repo/app.env:1:10: high: secret-acme-api-key: ACME internal API key acme_…(37)"))
        #expect(!own.stdout.contains("secret-github-pat"))
        #expect(!own.stdout.contains("4f9c2a7e1b8d"))

        let broken = try PalisadeProcess.run(
            ["secrets", "baseline", "repo", "--detectors", "broken", "--output", "b.json"], directory: root,
            environment: key)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("broken/bad.yaml:5:10: error: pattern does not compile"))

        let misplaced = try PalisadeProcess.run(["scan", "repo", "--detectors", "detectors"], directory: root)
        #expect(misplaced.status == 2 && misplaced.stderr.contains("--detectors is for secrets"))
    }
}

/// `palisade secrets staged` in a real repository made for the test: only what the commit adds
/// counts, the staged version is what is read (not the working copy), and multi-line secrets on
/// added lines are found.
struct SecretsStagedTests {
    static func git(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
    }

    @Test func onlyTheLinesACommitAddsAreSearched() throws {
        let repository = try TemporaryRepository("staged")
        defer { repository.remove() }
        let (root, key) = (repository.path, repository.key)
        func write(_ path: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path))
        }
        let committed = SecretsCommandTests.token("Q7vN2xK9pL4mR8sT1wY6zB3cD5fG0h")
        try write("deploy.sh", "#!/bin/sh\nexport GITHUB_TOKEN=\(committed)\n")
        try Self.git(["add", "deploy.sh"], in: root)
        let first = try PalisadeProcess.run(["secrets", "staged"], directory: root, environment: key)
        #expect(first.status == 1)
        #expect(first.stdout.contains("deploy.sh:2:21: critical: secret-github-pat"))
        #expect(!first.stdout.contains(String(committed.dropFirst(4).prefix(10))))
        try Self.git(["commit", "-q", "-m", "add deploy"], in: root)

        // A change that leaves the committed secret alone does not block.
        try write("deploy.sh", "#!/bin/sh\nset -eu\nexport GITHUB_TOKEN=\(committed)\n")
        try Self.git(["add", "deploy.sh"], in: root)
        let unrelated = try PalisadeProcess.run(["secrets", "staged"], directory: root, environment: key)
        #expect(unrelated.status == 0, "\(unrelated.stdout)")

        // A private key added in a new file is found across its lines; the working copy's later
        // edit, not staged, is not what is read.
        let body = String(repeating: "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n", count: 4)
        try write("id_rsa", "-----BEGIN RSA PRIVATE KEY-----\n\(body)-----END RSA PRIVATE KEY-----\n")
        try Self.git(["add", "id_rsa"], in: root)
        try write("id_rsa", "removed from the working copy, still staged\n")
        let key2 = try PalisadeProcess.run(
            ["secrets", "staged", "--format", "json"], directory: root, environment: key)
        #expect(key2.status == 1)
        #expect(key2.stdout.contains("\"policy\": \"secret-private-key\""))
        #expect(!key2.stdout.contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"))
    }

    /// An ignore names the secret by its identity: the commit that adds it passes, and a new
    /// secret written later on the same line blocks the next one.
    @Test func anIgnoreWaivesTheSecretItNamesAndNotItsLine() throws {
        let repository = try TemporaryRepository("ignore")
        defer { repository.remove() }
        let (root, key) = (repository.path, repository.key)
        func write(_ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/test_client.py"))
            try Self.git(["add", "test_client.py"], in: root)
        }
        let known = SecretsCommandTests.token("Q7vN2xK9pL4mR8sT1wY6zB3cD5fG0h")
        try write("TOKEN = \"\(known)\"  # palisade:ignore[secret-github-pat] revoked test token\n")
        // Naming only the detector waives nothing and says which identity to write.
        let byLine = try PalisadeProcess.run(
            ["secrets", "staged", "--format", "json"], directory: root, environment: key)
        #expect(byLine.status == 1)
        let fingerprint = try #require(byLine.stdout.firstMatch(of: /"fingerprint": "(hmac:[0-9a-f]{32})"/)?.1)
        let identity = String(fingerprint.prefix(17))
        #expect(byLine.stdout.contains("palisade:ignore[secret-github-pat@\(identity)]"))

        try write("TOKEN = \"\(known)\"  # palisade:ignore[secret-github-pat@\(identity)] revoked test token\n")
        let named = try PalisadeProcess.run(["secrets", "staged"], directory: root, environment: key)
        #expect(named.status == 0, "\(named.stdout)")

        let new = SecretsCommandTests.token("Z1yX2wV3uT4sR5qP6oN7mL8kJ9iH0g")
        try write("TOKEN = \"\(new)\"  # palisade:ignore[secret-github-pat@\(identity)] revoked test token\n")
        let replaced = try PalisadeProcess.run(["secrets", "staged"], directory: root, environment: key)
        #expect(replaced.status == 1)
        #expect(replaced.stdout.contains("test_client.py:1:10: critical: secret-github-pat"))
    }
}

/// `palisade secrets history` on a repository made for the test: each secret once, where it was
/// first added, deleted ones included; `--all` reaches other branches, `--since` only later commits.
struct SecretsHistoryTests {
    @Test func eachSecretIsReportedOnceWhereItWasFirstAdded() throws {
        let repository = try TemporaryRepository("history", branch: "main")
        defer { repository.remove() }
        let (root, key) = (repository.path, repository.key)
        func git(_ arguments: String...) throws { try SecretsStagedTests.git(arguments, in: root) }
        func write(_ path: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + path))
        }
        func head() throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", root, "rev-parse", "HEAD"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let first = SecretsCommandTests.token("Q7vN2xK9pL4mR8sT1wY6zB3cD5fG0h")
        let second = SecretsCommandTests.token("Z1yX2wV3uT4sR5qP6oN7mL8kJ9iH0g")
        let third = SecretsCommandTests.token("M3nB4vC5xZ6lK7jH8gF9dS0aP1oI2u")
        try write("config.env", "A=1\nB=2\n")
        try git("add", ".")
        try git("commit", "-q", "-m", "clean")
        try write("config.env", "A=1\nB=2\nGITHUB_TOKEN=\(first)\n")
        try git("commit", "-q", "-am", "add a token")
        let added = try head()
        try write("config.env", "A=1\nB=2\n")
        try git("commit", "-q", "-am", "remove it")
        // The same token again elsewhere, and a new one after a line that begins with "++ ".
        try write("deploy.sh", "export T=\(first)\n++ not a header\nexport U=\(second)")
        try git("add", ".")
        try git("commit", "-q", "-m", "again")
        try git("checkout", "-q", "-b", "side")
        try write("side.txt", "token: \(third)\n")
        try git("add", ".")
        try git("commit", "-q", "-m", "side branch")
        try git("checkout", "-q", "main")

        func run(_ extra: [String]) throws -> [String] {
            let result = try PalisadeProcess.run(
                ["secrets", "history", "--format", "json"] + extra, directory: root, environment: key)
            #expect(result.status == 1, "\(result.stderr)")
            #expect(![first, second, third].contains { result.stdout.contains(String($0.dropFirst(4).prefix(10))) })
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let findings = json?["findings"] as? [[String: Any]] ?? []
            return findings.map { "\($0["file"] ?? ""):\($0["line"] ?? "") \($0["resource"] ?? "")" }
        }
        let reachable = try run([])
        #expect(reachable.count == 2)
        #expect(reachable.contains("config.env:3 config.env@\(added.prefix(12))"))
        #expect(reachable.contains { $0.hasPrefix("deploy.sh:3 ") })
        #expect(try run(["--all"]).count == 3)
        // After the commit that first added it, the first token is first seen in deploy.sh.
        let later = try run(["--since", added])
        #expect(later.count == 2 && later.contains { $0.hasPrefix("deploy.sh:1 ") })

        // A baseline of the working tree (the two tokens main holds) waives them in the history
        // too, by identity, wherever they were added; the side branch's token stays open.
        let made = try PalisadeProcess.run(
            ["secrets", "baseline", ".", "--output", "../\(URL(fileURLWithPath: root).lastPathComponent).baseline"],
            directory: root, environment: key)
        #expect(made.status == 0, "\(made.stderr)")
        defer { try? FileManager.default.removeItem(atPath: root + ".baseline") }
        let waived = try PalisadeProcess.run(
            ["secrets", "history", "--all", "--format", "json", "--baseline", root + ".baseline"], directory: root,
            environment: key)
        #expect(waived.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(waived.stdout.utf8)) as? [String: Any]
        let statuses = (json?["findings"] as? [[String: Any]] ?? []).map { "\($0["file"] ?? "") \($0["status"] ?? "")" }
        #expect(statuses.sorted() == ["config.env suppressed", "deploy.sh suppressed", "side.txt open"])
    }
}

/// A git repository in a temporary folder for one test, with a committer and a secret key file
/// of its own (`key` is the environment that points palisade at it).
struct TemporaryRepository {
    let path: String
    var key: [String: String] { ["PALISADE_SECRET_KEY_FILE": path + ".key"] }

    init(_ name: String, branch: String? = nil) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try SecretsStagedTests.git(["init", "-q"] + (branch.map { ["-b", $0] } ?? []), in: path)
        try SecretsStagedTests.git(["config", "user.email", "test@example.com"], in: path)
        try SecretsStagedTests.git(["config", "user.name", "Test"], in: path)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
        try? FileManager.default.removeItem(atPath: path + ".key")
    }
}
