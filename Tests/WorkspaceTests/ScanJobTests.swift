import Foundation
import PolicyEngine
import PolicyModel
import Reporting
import Testing

@testable import Workspace

/// The scan pipeline on real files: bad input of every kind is reported where it is and never
/// stops the rest, and the concurrent run gives exactly the sequential result.
struct ScanJobTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        .path

    static let policies: PolicySet = {
        var set = PolicySet.load(builtIn: false, paths: [fixtures + "/policies/host-network.yaml"])
        precondition(set.errorCount == 0, "\(set.diagnostics)")
        set.sources = [:]
        return set
    }()

    static let hostNetworkPod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: NAME}
        spec:
          hostNetwork: true
          containers: [{name: app, image: "nginx:1.27"}]

        """

    /// A fresh folder under the temporary directory, removed after `body`.
    static func withFolder(_ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await body(folder)
    }

    static func write(_ text: String, _ path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func messages(_ report: Report, in root: String) -> [String] {
        report.diagnostics.map {
            "\($0.level) \($0.location.file.replacingOccurrences(of: root + "/", with: "")):\($0.location.line): \($0.message)"
        }
    }

    @Test func badInputIsReportedAndTheRestIsScanned() async throws {
        try await Self.withFolder { root in
            try Self.write(Self.hostNetworkPod.replacingOccurrences(of: "NAME", with: "good"), root + "/good.yaml")
            try Self.write("apiVersion: v1\nkind: Pod\nmetadata: {name: [}\n", root + "/broken.yaml")
            try Data([0x61, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: root + "/latin1.yaml"))
            try Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00]).write(
                to: URL(fileURLWithPath: root + "/tool.yaml"))
            try Self.write("secret", root + "/locked/unreadable.yaml")
            chmod(root + "/locked/unreadable.yaml", 0)
            try FileManager.default.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: root + "/empty/loop", withDestinationPath: root)
            let anchors = (1...9).map { "l\($0): &l\($0) [*l\($0 - 1), *l\($0 - 1), *l\($0 - 1), *l\($0 - 1)]" }
            try Self.write(
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n  l0: &l0 lol\n"
                    + anchors.map { "  " + $0 }.joined(separator: "\n") + "\n", root + "/bomb.yaml")
            try Self.write(
                String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000), root + "/deep.yaml")

            let outcome = await ScanJob.run(ScanJob.Options(paths: [root], policies: Self.policies))
            let report = outcome.report
            #expect(
                report.findings.map { "\($0.resource) \($0.location.line):\($0.location.column)" } == [
                    "Pod/default/good 5:16"
                ])
            let messages = Self.messages(report, in: root)
            #expect(messages.contains { $0.hasPrefix("error broken.yaml:3:") })
            #expect(messages.contains { $0.hasPrefix("error latin1.yaml:1:") && $0.contains("UTF-8") })
            #expect(
                messages.contains("notice tool.yaml:1: looks like a binary file (a NUL byte at offset 6); not scanned"))
            #expect(
                messages.contains { $0.hasPrefix("notice empty/loop:1: symbolic link") && $0.contains("not followed") })
            #expect(messages.contains { $0.hasPrefix("error deep.yaml:1:") })
            if getuid() != 0 {
                // root reads any file, so this one is only unreadable for other users.
                #expect(messages.contains { $0.hasPrefix("error locked/unreadable.yaml:1: cannot read") })
            }
            // The ConfigMap's alias bomb is read without expanding it, and checked like any object.
            #expect(report.resources == 2)
            #expect(outcome.policyErrorCount == 0)
            #expect(outcome.inputErrorCount >= 3)
        }
    }

    @Test func emptyFolderIsANotice() async throws {
        try await Self.withFolder { root in
            let outcome = await ScanJob.run(ScanJob.Options(paths: [root], policies: Self.policies))
            #expect(Self.messages(outcome.report, in: root).first?.hasPrefix("notice ") == true)
            #expect(outcome.report.files == 0)
            #expect(outcome.inputErrorCount == 0)
        }
    }

    @Test func fileOverTheSizeLimitIsAnErrorAtIt() async throws {
        try await Self.withFolder { root in
            try Self.write(String(repeating: "# padding\n", count: 2000), root + "/large.yaml")
            let outcome = await ScanJob.run(
                ScanJob.Options(paths: [root], policies: Self.policies, maxFileBytes: 10_000))
            #expect(
                Self.messages(outcome.report, in: root) == [
                    "error large.yaml:1: cannot read \"\(root)/large.yaml\": it is 0.0 MiB, over the 0.0 MiB limit"
                ])
        }
    }

    @Test func concurrentScanEqualsSequentialScan() async throws {
        try await Self.withFolder { root in
            for index in 0..<200 {
                var text = Self.hostNetworkPod.replacingOccurrences(of: "NAME", with: "pod-\(index)")
                if index % 3 == 0 {
                    text = text.replacingOccurrences(of: "hostNetwork: true", with: "hostNetwork: false")
                }
                if index % 7 == 0 { text += "---\n" + text.replacingOccurrences(of: "pod-", with: "twin-") }
                try Self.write(text, root + "/team-\(index % 5)/pod-\(index).yaml")
            }
            let sequential = await ScanJob.run(ScanJob.Options(paths: [root], policies: Self.policies, parallelism: 1))
            let concurrent = await ScanJob.run(ScanJob.Options(paths: [root], policies: Self.policies, parallelism: 8))
            #expect(sequential.report.findings.count == 152)
            #expect(sequential.report.findings == concurrent.report.findings)
            #expect(sequential.report.files == 200 && concurrent.report.files == 200)
            #expect(sequential.report.resources == concurrent.report.resources)
        }
    }

    @Test func skipPathsKindsAndStandardInput() async throws {
        try await Self.withFolder { root in
            try Self.write(Self.hostNetworkPod.replacingOccurrences(of: "NAME", with: "a"), root + "/deploy/a.yaml")
            try Self.write(Self.hostNetworkPod.replacingOccurrences(of: "NAME", with: "b"), root + "/vendor/x/b.yaml")
            try Self.write(Self.hostNetworkPod.replacingOccurrences(of: "NAME", with: "c"), root + "/deploy/c.tpl.yaml")
            let skipped = await ScanJob.run(
                ScanJob.Options(
                    paths: [root], policies: Self.policies,
                    skipPaths: [try PathGlob("vendor"), try PathGlob("*.tpl.yaml")]))
            #expect(skipped.report.findings.map(\.resource) == ["Pod/default/a"])

            let otherKinds = await ScanJob.run(
                ScanJob.Options(paths: [root], policies: Self.policies, kinds: ["terraform"]))
            #expect(otherKinds.report.files == 0)

            let piped = await ScanJob.run(
                ScanJob.Options(
                    paths: ["-"],
                    standardInput: Array(Self.hostNetworkPod.replacingOccurrences(of: "NAME", with: "in").utf8),
                    policies: Self.policies))
            #expect(piped.report.findings.map { "\($0.location)" } == ["<stdin>:5:16"])
        }
    }

    @Test func inlineIgnoreSuppressesAndReportKeepsIt() async throws {
        try await Self.withFolder { root in
            let text = Self.hostNetworkPod.replacingOccurrences(of: "NAME", with: "agent").replacingOccurrences(
                of: "hostNetwork: true", with: "hostNetwork: true  # palisade:ignore[test-host-network] node agent")
            try Self.write(text, root + "/agent.yaml")
            let outcome = await ScanJob.run(ScanJob.Options(paths: [root], policies: Self.policies))
            #expect(outcome.report.findings.map(\.status) == [.suppressed])
            #expect(outcome.report.openFindings.isEmpty)
            #expect(TextReporter.summary(outcome.report) == "0 findings and 1 suppressed in 1 file; 0 errors")
        }
    }

    @Test func policyTestRunnerChecksFixturesAndGoldens() throws {
        let runner = PolicyTestRunner(policies: Self.policies.policies)
        let results = runner.run(fixturesUnder: Self.fixtures + "/policies/fixtures")
        #expect(
            results.map { "\($0.expectation) \($0.file) \($0.passed)" } == [
                "fail fail/host.yaml true", "pass pass/plain.yaml true",
            ])
        // A policy that gives no finding fails its fail fixture: the runner cannot pass vacuously.
        var lenient = Self.policies.policies[0]
        lenient.validations = []
        let broken = PolicyTestRunner(policies: [lenient]).run(fixturesUnder: Self.fixtures + "/policies/fixtures")
        #expect(
            broken.first { $0.expectation == .fail }?.problems.contains("expected at least one finding, got none")
                == true)
    }

    @Test func fiftyMegabyteFileIsScannedInBoundedMemory() async throws {
        try await Self.withFolder { root in
            // One ConfigMap whose data holds 50 MB of text, and a host-network pod after it.
            var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bulk}\ndata:\n"
            let line = "  k%05d: " + String(repeating: "x", count: 990) + "\n"
            text.reserveCapacity(52 << 20)
            for index in 0..<50_000 {
                text += line.replacingOccurrences(of: "%05d", with: String(index))
            }
            text += "---\n" + Self.hostNetworkPod.replacingOccurrences(of: "NAME", with: "after")
            try Self.write(text, root + "/bulk.yaml")
            text = ""
            let outcome = await ScanJob.run(ScanJob.Options(paths: [root], policies: Self.policies))
            #expect(outcome.report.resources == 2)
            #expect(outcome.report.findings.map(\.resource) == ["Pod/default/after"])
            #expect(outcome.inputErrorCount == 0)
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            // The whole test process, this 50 MB file included, stays under 2 GiB.
            #expect(usage.ru_maxrss < 2 << 20, "peak resident set \(usage.ru_maxrss) KiB")
        }
    }

    @Test func workflowsAreFoundUnderTheHiddenGitHubFolderAndReadAsWorkflows() async throws {
        try await Self.withFolder { root in
            let workflow = """
                on: issues
                jobs:
                  greet:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "${{ github.event.issue.title }}"
                      # zizmor: ignore[template-injection]
                      - run: echo "${{ github.head_ref }}"
                      - run: echo "${{ github.event.issue.body }}" # palisade:ignore[gha-template-injection] quoted
                """
            try Self.write(workflow, root + "/.github/workflows/greet.yml")
            // The same text elsewhere is not a workflow: Kubernetes passes it over without a word.
            try Self.write(workflow, root + "/docs/greet.yml")
            try Self.write("name: x\nruns: {using: composite, steps: []}\n", root + "/tools/setup/action.yml")
            try Self.write("ignored", root + "/.hidden/.github/workflows/x.yml")
            var policies = PolicySet.load(builtIn: true, paths: [])
            policies.policies.removeAll { $0.id != "gha-template-injection" }
            let outcome = await ScanJob.run(ScanJob.Options(paths: [root], policies: policies))
            let report = outcome.report
            #expect(report.fileKinds[root + "/.github/workflows/greet.yml"] == "github-actions")
            #expect(report.fileKinds[root + "/docs/greet.yml"] == "kubernetes")
            #expect(report.fileKinds[root + "/tools/setup/action.yml"] == "github-actions")
            #expect(report.fileKinds.count == 3)
            #expect(
                report.findings.filter { $0.location.file.hasSuffix("/.github/workflows/greet.yml") }.map {
                    "\($0.location.line):\($0.location.column) \($0.status) \($0.policyID)"
                } == [
                    "6:20 open gha-template-injection", "7:7 open palisade-ignore-without-reason",
                    "8:20 open gha-template-injection", "9:20 suppressed gha-template-injection",
                ])

            let only = await ScanJob.run(
                ScanJob.Options(paths: [root + "/docs/greet.yml"], policies: policies, kinds: ["github-actions"]))
            #expect(only.report.fileKinds[root + "/docs/greet.yml"] == "github-actions")
            #expect(only.report.findings.count { $0.policyID == "gha-template-injection" } == 3)
        }
    }

    /// Workflows and Dockerfiles are evaluated on the worker that reads them unless manifests join
    /// the cluster state; either way, and on any number of cores, each file gets the same findings.
    @Test func fileLocalInputsGiveTheSameFindingsEvaluatedEarlyOrLate() async throws {
        try await Self.withFolder { root in
            try Self.write(
                "on: issues\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                    + "      - run: echo \"${{ github.event.issue.title }}\"\n"
                    + "      - run: echo \"${{ github.head_ref }}\" # palisade:ignore[gha-template-injection] quoted\n",
                root + "/app/.github/workflows/a.yml")
            try Self.write(
                "FROM alpine:latest\nRUN sudo apk add curl\n# palisade:ignore[docker-no-sudo] legacy base\nRUN sudo true\n",
                root + "/app/Dockerfile")
            try Self.write(Self.hostNetworkPod.replacingOccurrences(of: "NAME", with: "pod"), root + "/deploy/pod.yaml")
            let policies = PolicySet.load(builtIn: true, paths: [])
            func findings(_ paths: [String], parallelism: Int) async -> [String] {
                let outcome = await ScanJob.run(
                    ScanJob.Options(paths: paths, policies: policies, parallelism: parallelism))
                return outcome.report.findings.filter { !$0.location.file.hasSuffix(".yaml") }.map {
                    "\($0.location) \($0.policyID) \($0.status)"
                }
            }
            let early = await findings([root + "/app"], parallelism: 2)
            #expect(early.contains { $0.contains("Dockerfile:4:") && $0.hasSuffix("docker-no-sudo suppressed") })
            #expect(early.contains { $0.contains("a.yml:7:") && $0.hasSuffix("gha-template-injection suppressed") })
            #expect(early.contains { $0.contains("a.yml:6:") && $0.hasSuffix("gha-template-injection open") })
            #expect(await findings([root + "/app"], parallelism: 1) == early)
            #expect(await findings([root], parallelism: 2) == early)
            #expect(await findings([root], parallelism: 1) == early)
        }
    }

    @Test func onlyTheBuiltInPoliciesOfTheInputsPresentAreLoadedYetAllIdsStayKnown() async throws {
        try await Self.withFolder { root in
            try Self.write("on: push\njobs: {}\n", root + "/.github/workflows/ci.yml")
            try Self.write("FROM alpine:3.20\n", root + "/app/Dockerfile")
            let discovery = ScanJob.discover(ScanJob.Options(paths: [root], policies: PolicySet()))
            #expect(discovery.kinds == ["github-actions", "dockerfile"])
            var set = PolicySet.load(builtIn: true, paths: [], kinds: discovery.kinds)
            #expect(!set.policies.isEmpty)
            #expect(set.policies.allSatisfy { !Set($0.kinds).isDisjoint(with: discovery.kinds) })
            #expect(set.policies.contains { $0.id == "gha-template-injection" })
            // A repository's settings may name any built-in policy, loaded or not.
            #expect(set.knownIDs["k8s-privileged-container"] == "k8s-privileged-container")
            set.configure(disabled: ["k8s-privileged-container"], modes: ["aws-s3-versioning": .audit], file: nil)
            #expect(set.errorCount == 0)
            let json = ScanJob.discover(ScanJob.Options(paths: [root + "/x.json", "-"], policies: PolicySet()))
            #expect(json.kinds.contains("terraform-plan"))
        }
    }
}
