import Foundation
import KubernetesInput
import PolicyEngine
import PolicyLibrary
import PolicyModel
import Testing
import Workspace

/// Walks the whole built-in library: every policy well formed, every fixture folder run.
struct PolicyLibraryTests {
    static let library = BuiltInPolicies.load()

    /// `Fixtures/`, beside this file, so that rewriting a golden lands in the source tree.
    static let fixturesRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The prefix that policies of each input must carry.
    /// The id prefixes each input's policies use: a cloud policy says its cloud.
    static let prefixes: [String: [String]] = [
        "kubernetes": ["k8s-"], "terraform": ["aws-", "azure-", "gcp-", "terraform-"],
        "terraform-plan": ["aws-", "azure-", "gcp-", "terraform-"], "github-actions": ["gha-"],
        "gitlab-ci": ["gitlab-"], "dockerfile": ["docker-"], "secrets": ["secret-"],
    ]

    @Test func libraryLoadsWithoutDiagnostics() {
        #expect(Self.library.diagnostics.isEmpty, "\(Self.library.diagnostics.map { $0.rendered() })")
        #expect(!Self.library.policies.isEmpty)
    }

    @Test func idsAndAliasesAreUnique() {
        var seen: [String: String] = [:]
        for policy in Self.library.policies {
            for name in [policy.id] + policy.aliases {
                #expect(seen[name] == nil, "\(name) is used by \(seen[name] ?? "") and \(policy.id)")
                seen[name] = policy.id
            }
        }
    }

    @Test func everyFixtureFolderHasAPolicy() throws {
        let ids = Set(Self.library.policies.map(\.id))
        for folder in try FixtureCase.folders() {
            #expect(ids.contains(folder), "Fixtures/\(folder) belongs to no policy")
        }
    }

    @Test(arguments: PolicyCase.all())
    func policyIsWellFormed(_ policyCase: PolicyCase) throws {
        let policy = try #require(Self.library.policies.first { $0.id == policyCase.id })
        let fileName = (policy.file as NSString).lastPathComponent
        #expect(fileName == "\(policy.id).yaml", "file \(policy.file) declares \(policy.id)")
        let folder = ((policy.file as NSString).deletingLastPathComponent as NSString).lastPathComponent
        #expect(policy.kinds.contains(folder), "\(policy.id) sits under \(folder) but has kinds \(policy.kinds)")
        #expect(!policy.kinds.isEmpty)
        for kind in policy.kinds {
            #expect(Policy.knownKinds.contains(kind))
            if let prefixes = Self.prefixes[kind] {
                #expect(
                    prefixes.contains { policy.id.hasPrefix($0) }, "\(policy.id) should start with one of \(prefixes)")
            }
        }
        #expect(Severity.allCases.contains(policy.severity))
        #expect(!policy.title.isEmpty)
        #expect(!(policy.description ?? "").isEmpty, "\(policy.id) has no description")
        #expect(!(policy.remediation ?? "").isEmpty, "\(policy.id) has no remediation")
        #expect(!policy.references.isEmpty, "\(policy.id) has no references")
        #expect(!policy.match.resources.isEmpty, "\(policy.id) matches every resource type")
        // Peer ids and control ids are single tokens (CKV_K8S_16, template-injection, 5.2.1):
        // a space or another tool's id among controls means a field was filled in wrongly.
        for equivalent in policy.equivalents {
            #expect(Self.isToken(equivalent), "\(policy.id): equivalent \"\(equivalent)\" is not an id")
        }
        for (framework, controls) in policy.frameworks {
            #expect(Self.isToken(framework), "\(policy.id): framework \"\(framework)\"")
            for control in controls {
                #expect(
                    Self.isToken(control) && !control.hasPrefix("CKV"),
                    "\(policy.id): \(framework) control \"\(control)\"")
            }
        }
        let fixtures = try FixtureCase.all().filter { $0.policyID == policy.id }
        #expect(fixtures.contains { $0.expectation == .pass }, "\(policy.id) has no pass fixture")
        #expect(fixtures.contains { $0.expectation == .fail }, "\(policy.id) has no fail fixture")
    }

    @Test(arguments: try FixtureCase.all())
    func policyMatchesFixture(_ fixture: FixtureCase) throws {
        let policy = try #require(Self.library.policies.first { $0.id == fixture.policyID })
        let text = try String(contentsOf: fixture.url, encoding: .utf8)
        let (resources, parseDiagnostics) = PolicyTestRunner.resources(
            in: Array(text.utf8), file: fixture.file, policy: policy)
        #expect(parseDiagnostics.isEmpty, "\(parseDiagnostics.map { $0.rendered() })")
        #expect(!resources.isEmpty, "\(fixture.file) holds no resource")
        let (findings, diagnostics) = Scanner(policies: [policy]).scan(resources, text: text)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.rendered() })")
        // A policy's keywords only spare work: evaluated everywhere, it finds the same.
        if !policy.keywords.isEmpty {
            var everywhere = Scanner(policies: [policy])
            everywhere.usesKeywords = false
            let unfiltered = everywhere.scan(resources, text: text).findings
            #expect(unfiltered.map(Self.line) == findings.map(Self.line), "\(policy.id): keywords hide findings")
        }
        switch fixture.expectation {
        case .pass:
            #expect(findings.isEmpty, "\(findings.map(Self.line))")
        case .fail:
            #expect(!findings.isEmpty, "\(fixture.file) gives no finding")
            // Fingerprints tell findings apart: two findings of one scan never share one.
            let fingerprints = findings.map(\.fingerprint)
            #expect(Set(fingerprints).count == fingerprints.count, "duplicate fingerprints: \(findings.map(Self.line))")
            let rendered = findings.map(Self.line).joined(separator: "\n") + "\n"
            try assertGolden(rendered, at: fixture.url.appendingPathExtension("expected"))
        }
    }

    /// Letters, digits and `_ . -` only.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "_.-".unicodeScalars.contains($0)
            }
    }

    /// `file:line:column: severity: policy-id: message`, the text reporter's line.
    static func line(_ finding: Finding) -> String {
        "\(finding.location): \(finding.severity): \(finding.policyID): \(finding.message)"
    }
}

/// Compares `actual` with the golden file at `url`, or rewrites the file when `UPDATE_GOLDEN=1`.
func assertGolden(_ actual: String, at url: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try? String(contentsOf: url, encoding: .utf8)
    #expect(
        expected == actual,
        "\(url.lastPathComponent) differs (rerun with UPDATE_GOLDEN=1 to rewrite it):\n\(actual)",
        sourceLocation: sourceLocation)
}

/// One built-in policy, named by id.
struct PolicyCase: Sendable, CustomTestStringConvertible {
    var id: String

    var testDescription: String { id }

    static func all() -> [PolicyCase] {
        PolicyLibraryTests.library.policies.map { PolicyCase(id: $0.id) }
    }
}

/// One fixture manifest: `Fixtures/<policy id>/{pass,fail}/<name>.yaml`.
struct FixtureCase: Sendable, CustomTestStringConvertible {
    enum Expectation: String, Sendable {
        case pass
        case fail
    }

    var policyID: String
    var expectation: Expectation
    /// Relative to `Fixtures/<policy id>/`: `fail/privileged-deployment.yaml`.
    var file: String
    var url: URL

    var testDescription: String { "\(policyID)/\(file)" }

    static func folders() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: PolicyLibraryTests.fixturesRoot.path)
            .filter { !$0.hasPrefix(".") }.sorted()
    }

    static func all() throws -> [FixtureCase] {
        var cases: [FixtureCase] = []
        let manager = FileManager.default
        for policyID in try folders() {
            for expectation in [Expectation.pass, .fail] {
                let directory = PolicyLibraryTests.fixturesRoot.appendingPathComponent(policyID)
                    .appendingPathComponent(expectation.rawValue)
                let names = (try? manager.contentsOfDirectory(atPath: directory.path)) ?? []
                for name in names.sorted()
                where name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json")
                    || name.hasSuffix(".tf") || name.hasSuffix("Dockerfile")
                {
                    cases.append(
                        FixtureCase(
                            policyID: policyID, expectation: expectation, file: "\(expectation.rawValue)/\(name)",
                            url: directory.appendingPathComponent(name)))
                }
            }
        }
        return cases
    }
}
