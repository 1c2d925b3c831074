import Foundation
import Testing

/// `palisade policy list | show | test | lint`, run as a user runs them.
struct PolicyCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        .path

    @Test func listAsJSONHasEveryBuiltInPolicy() throws {
        let result = try PalisadeProcess.run(["policy", "list", "--format", "json"])
        #expect(result.status == 0)
        let policies = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(policies.count >= 19)
        let privileged = try #require(policies.first { $0["id"] as? String == "k8s-privileged-container" })
        #expect(privileged["severity"] as? String == "critical")
        #expect(privileged["mode"] as? String == "enforce")
        #expect(privileged["kinds"] as? [String] == ["kubernetes"])
        #expect((privileged["equivalents"] as? [String])?.contains("CKV_K8S_16") == true)
    }

    @Test func listAsTextIsATable() throws {
        let result = try PalisadeProcess.run(
            ["policy", "list", "--no-builtin", "--policies", "scan/policies"], directory: Self.fixtures)
        #expect(result.status == 0)
        #expect(
            result.stdout == """
                ID               SEVERITY  MODE     KINDS       TITLE
                test-latest-tag  medium    warn     kubernetes  Image uses the latest tag
                test-privileged  critical  enforce  kubernetes  Container runs in privileged mode
                2 policies

                """)
    }

    @Test func showPrintsThePolicyAndSuggestsOnTypos() throws {
        let shown = try PalisadeProcess.run(["policy", "show", "k8s-host-pid"])
        #expect(shown.status == 0)
        #expect(shown.stdout.hasPrefix("k8s-host-pid: "))
        #expect(shown.stdout.contains("equivalents  CKV_K8S_17, CKV_K8S_1\n"))
        #expect(shown.stdout.contains("validations (true when the resource complies):\n  - "))
        let typo = try PalisadeProcess.run(["policy", "show", "k8s-host-pdi"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("no policy has the id \"k8s-host-pdi\"; did you mean \"k8s-host-pid\"?"))
    }

    /// Workflow and Dockerfile fixtures sit beside the policies and are read by their own inputs
    /// (and the fixtures folder is not read as policies).
    @Test func testRunsFixturesAndGoldens() throws {
        let result = try PalisadeProcess.run(
            ["policy", "test", "--no-builtin", "policy-test/policies"], directory: Self.fixtures)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(
            result.stdout == """
                ok    test-privileged  policy-test/policies/privileged.yaml:16:3: only the privileged container is caught
                ok    test-privileged  policy-test/policies/privileged.yaml:27:3: the plain pod fixture passes
                ok    test-no-inherit  fail/inherit.yaml
                ok    test-no-inherit  pass/named.yaml
                ok    test-no-root  fail/root.Dockerfile
                ok    test-no-root  pass/app.Dockerfile
                ok    test-privileged  fail/privileged-deployment.yaml
                ok    test-privileged  pass/plain-pod.yaml

                8 fixtures: 8 passed, 0 failed

                """)
    }

    @Test func failingFixtureExitsOneAndSaysWhy() throws {
        let result = try PalisadeProcess.run(
            ["policy", "test", "--no-builtin", "policy-test/failing"], directory: Self.fixtures)
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL  test-privileged  pass/privileged-deployment.yaml\n"))
        #expect(
            result.stdout.contains(
                "unexpected finding: pass/privileged-deployment.yaml:11:23: critical: test-privileged: container agent runs privileged"
            ))
        #expect(result.stdout.hasSuffix("1 fixtures: 0 passed, 1 failed\n"))
    }

    @Test func builtInLibraryPassesItsFixtures() throws {
        let result = try PalisadeProcess.run(
            ["policy", "test", "--quiet", "--fixtures", "Tests/PolicyLibraryTests/Fixtures"],
            directory: PalisadeProcess.repository(""))
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains(" passed, 0 failed\n"))
    }

    @Test func lintReportsErrorsWithPositionsAndMissingFields() throws {
        let broken = try PalisadeProcess.run(["policy", "lint", "scan/bad-policies"], directory: Self.fixtures)
        #expect(broken.status == 2)
        #expect(broken.stdout.hasPrefix("scan/bad-policies/broken.yaml:3:11: error: unknown severity \"hgh\""))
        let thin = try PalisadeProcess.run(["policy", "lint", "scan/policies/latest.yaml"], directory: Self.fixtures)
        #expect(thin.status == 0)
        #expect(thin.stdout.contains("warning: policy \"test-latest-tag\" has no description, remediation, references"))
        #expect(thin.stdout.hasSuffix("1 policy loaded; 0 errors, 1 warning\n"))
    }

    @Test func inlineTestThatFailsSaysWhy() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-inline-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = try String(contentsOfFile: Self.fixtures + "/scan/policies/privileged.yaml", encoding: .utf8)
        let tests = """
            tests:
            - name: two findings expected but one given
              expect: fail
              findings: 2
              object: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a, image: "a:1", securityContext: {privileged: true}}]}}

            """
        try (policy + tests).write(
            to: directory.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
        let result = try PalisadeProcess.run(["policy", "test", "--no-builtin", directory.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL  test-privileged  "))
        #expect(result.stdout.contains("expected 2 findings, got 1: "))
    }

    /// docs/policies/ is generated from the policy files; a policy change without regenerating it
    /// fails here (regenerate with `swift run palisade policy docs`).
    @Test func committedPolicyReferenceIsCurrent() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-docs-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try PalisadeProcess.run(["policy", "docs", "--output", directory.path])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(written.contains("kubernetes.md"))
        let committed = PalisadeProcess.repository("docs/policies")
        #expect(try FileManager.default.contentsOfDirectory(atPath: committed).sorted() == written)
        for name in written {
            let fresh = try String(contentsOfFile: directory.appendingPathComponent(name).path, encoding: .utf8)
            let old = try? String(contentsOfFile: committed + "/" + name, encoding: .utf8)
            #expect(fresh == old, "docs/policies/\(name) is out of date: run `swift run palisade policy docs`")
        }
    }
}
