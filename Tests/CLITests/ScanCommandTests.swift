import ArgumentParser
import Foundation
import TestSupport
import Testing

@testable import CLI

/// End-to-end runs of `palisade scan` over `Fixtures/scan`, with the fixture policies only, so the
/// results do not move as the built-in library grows.
struct ScanCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/scan").path

    static func scan(_ arguments: [String], stdin: String? = nil) throws -> PalisadeProcess.Result {
        try PalisadeProcess.run(
            ["scan", "--no-builtin", "--policies", "policies"] + arguments, stdin: stdin, directory: fixtures)
    }

    @Test func findingsAtOrAboveFailOnExitOne() throws {
        let result = try Self.scan(["manifests/apps"])
        #expect(result.status == 1)
        #expect(result.stderr.isEmpty)
        #expect(
            result.stdout == """
                manifests/apps/web.yaml:9:16: medium: test-latest-tag: Deployment/default/web: container app uses nginx:latest
                        image: nginx:latest
                               ^
                manifests/apps/web.yaml:11:23: critical: test-privileged: Deployment/default/web: container app runs privileged
                          privileged: true
                                      ^

                2 findings (1 critical, 1 medium) in 1 file; 0 errors

                """)
    }

    @Test func warnModeAndLowerSeveritiesDoNotFail() throws {
        // The latest-tag policy is in warn mode, and --fail-on critical is above it anyway.
        let pod = try Self.scan(["manifests/pod.json"])
        #expect(pod.status == 0)
        #expect(pod.stdout.hasSuffix("1 finding (1 medium) in 1 file; 0 errors\n"))
        let web = try Self.scan(["--fail-on", "critical", "manifests/apps/web.yaml"])
        #expect(web.status == 1)
    }

    @Test func brokenManifestIsReportedAndOthersStillScanned() throws {
        let result = try Self.scan(["manifests"])
        #expect(result.status == 2)
        #expect(
            result.stdout.contains(
                "manifests/broken.yaml:4:5: error: did not find expected ',' or '}' "
                    + "(while parsing a flow mapping at line 3, column 11)\nspec: {}\n    ^\n"))
        #expect(result.stdout.contains("manifests/apps/web.yaml:11:23: critical: test-privileged:"))
        #expect(result.stdout.contains("manifests/pod.json:2:50: medium: test-latest-tag:"))
        // Hidden folders and files of other types are not read.
        #expect(!result.stdout.contains(".hidden"))
        #expect(result.stdout.hasSuffix("3 findings (1 critical, 2 medium) in 3 files; 1 error\n"))
    }

    @Test func policyThatDoesNotLoadExitsTwoWithItsPosition() throws {
        let result = try Self.scan(["--policies", "bad-policies", "manifests/apps"])
        #expect(result.status == 2)
        #expect(
            result.stdout.hasPrefix(
                "bad-policies/broken.yaml:3:11: error: unknown severity \"hgh\" "
                    + "(expected one of info, low, medium, high, critical)\nseverity: hgh\n          ^\n"))
    }

    @Test func jsonReportHasTheSchema() throws {
        let result = try Self.scan(["--format", "json", "manifests"])
        #expect(result.status == 2)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["schema"] as? String == "palisade.report/v1")
        let tool = try #require(report["tool"] as? [String: Any])
        #expect(tool["name"] as? String == "palisade" && tool["version"] as? String == Palisade.version)
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["files"] as? Int == 3 && summary["policies"] as? Int == 2)
        #expect(summary["findings"] as? Int == 3 && summary["errors"] as? Int == 1)
        let findings = try #require(report["findings"] as? [[String: Any]])
        let privileged = try #require(findings.first { $0["policy"] as? String == "test-privileged" })
        #expect(privileged["file"] as? String == "manifests/apps/web.yaml")
        #expect(privileged["kind"] as? String == "kubernetes")
        #expect(privileged["remediation"] as? String == "Set securityContext.privileged to false.")
        #expect(privileged["equivalents"] as? [String] == ["CKV_K8S_16"])
        #expect(privileged["status"] as? String == "open" && privileged["mode"] as? String == "enforce")
        let errors = try #require(report["errors"] as? [[String: Any]])
        #expect(errors.first?["file"] as? String == "manifests/broken.yaml" && errors.first?["line"] as? Int == 4)
    }

    @Test func junitReportHasASuitePerPolicyAndTheErrors() throws {
        let result = try Self.scan(["--format", "junit", "manifests"])
        #expect(result.status == 2)
        #expect(result.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"))
        #expect(result.stdout.contains("<testsuites name=\"palisade\" tests=\"4\" failures=\"3\" errors=\"1\">"))
        #expect(result.stdout.contains("<failure message=\"container app runs privileged\" type=\"critical\">"))
        #expect(result.stdout.contains("<testsuite name=\"palisade.errors\" tests=\"1\" failures=\"0\" errors=\"1\">"))
    }

    @Test func githubReportHasOneCommandPerFinding() throws {
        let result = try Self.scan(["--format", "github", "manifests/apps"])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                ::warning file=manifests/apps/web.yaml,line=9,col=16,title=test-latest-tag::container app uses nginx:latest
                ::error file=manifests/apps/web.yaml,line=11,col=23,title=test-privileged::container app runs privileged

                """)
    }

    @Test func sarifReportIsValidAndKeepsTheExitStatus() throws {
        let result = try Self.scan(["--format", "sarif", "manifests"])
        #expect(result.status == 2)
        #expect(result.stderr.isEmpty)
        let schema = try String(
            contentsOfFile: PalisadeProcess.repository("Tests/ReportingTests/Schemas/sarif-schema-2.1.0.json"),
            encoding: .utf8)
        let violations = try JSONSchemaValidator(schemaText: schema).validate(json: result.stdout)
        #expect(violations.isEmpty, "\(violations)")

        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "palisade" && driver["version"] as? String == Palisade.version)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["test-latest-tag", "test-privileged"])
        #expect((rules[1]["properties"] as? [String: Any])?["security-severity"] as? String == "9.5")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        let privileged = try #require(results.first { $0["ruleId"] as? String == "test-privileged" })
        #expect(privileged["level"] as? String == "error" && privileged["ruleIndex"] as? Int == 1)
        let physical = try #require(
            (privileged["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "manifests/apps/web.yaml")
        #expect((physical["region"] as? [String: Any])?["startLine"] as? Int == 11)
        let base = (run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any]
        #expect(base?["uri"] as? String == "file://" + Self.fixtures + "/")
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notification = try #require((invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
        #expect(notification["level"] as? String == "error")

        // Without the broken file: findings at or above --fail-on still exit with 1, and a run
        // below it with 0, whatever the format.
        #expect(try Self.scan(["--format", "sarif", "manifests/apps"]).status == 1)
        #expect(try Self.scan(["--format", "sarif", "manifests/pod.json"]).status == 0)
    }

    @Test func textAndJSONFormatsExitWithTheSameStatus() throws {
        let text = try Self.scan(["--format", "text", "manifests/apps"])
        #expect(text.status == 1)
        #expect(text.stdout.hasSuffix("2 findings (1 critical, 1 medium) in 1 file; 0 errors\n"))
        let json = try Self.scan(["--format", "json", "manifests/apps"])
        #expect(json.status == 1)
        #expect(json.stdout.contains("\"schema\": \"palisade.report/v1\""))
    }

    @Test func outputWritesTheReportToAFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-scan-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.txt").path
        let result = try Self.scan(["--output", file, "manifests/apps"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasSuffix("in 1 file; 0 errors\n"))
    }

    @Test func optionsParse() throws {
        let parsed = try Palisade.parseAsRoot([
            "scan", "--format", "json", "--fail-on", "low", "--policies", "a", "--policies", "b", "--no-builtin", "x",
        ])
        let command = try #require(parsed as? Palisade.ScanCommand)
        #expect(command.format == .json && command.failOn == .low && command.noBuiltin)
        let sarif = try #require(try Palisade.parseAsRoot(["scan", "--format", "sarif"]) as? Palisade.ScanCommand)
        #expect(sarif.format == .sarif)
        #expect(command.policyPaths == ["a", "b"] && command.paths == ["x"])
        #expect(throws: (any Error).self) { try Palisade.parseAsRoot(["scan", "--fail-on", "severe"]) }
    }

    /// README's first command, with the built-in policies: the examples are meant to have findings.
    @Test func readmeExampleReportsFindingsAndExitsOne() throws {
        let result = try PalisadeProcess.run(["scan", "examples/"], directory: PalisadeProcess.repository(""))
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("examples/kubernetes/log-agent-risky.yaml:"))
        #expect(!result.stdout.contains("examples/kubernetes/web-compliant.yaml:"))
        #expect(result.stdout.hasSuffix("; 0 errors\n"))
    }

    /// `--profile` lists, on standard error and after the report, every policy evaluated with its
    /// resources, findings and the resources its keywords spared, the slowest first, then the wall
    /// time of each step of the scan, and leaves the report as it is.
    @Test func profileListsEachPolicyEvaluatedAfterTheReport() throws {
        let arguments = ["scan", "--kinds", "dockerfile", "--format", "json", "examples/"]
        let plain = try PalisadeProcess.run(arguments, directory: PalisadeProcess.repository(""))
        let profiled = try PalisadeProcess.run(arguments + ["--profile"], directory: PalisadeProcess.repository(""))
        #expect(profiled.status == plain.status)
        func withoutDuration(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("duration_ms") }.joined(separator: "\n")
        }
        #expect(withoutDuration(profiled.stdout) == withoutDuration(plain.stdout))
        let tables = profiled.stderr.split(separator: "\n\n").map { $0.split(separator: "\n").map(String.init) }
        try #require(tables.count == 2, "\(profiled.stderr)")
        let lines = tables[0]
        #expect(lines.first?.hasPrefix("policy ") == true)
        #expect(lines.last?.hasPrefix("total ") == true)
        let rows = lines.dropFirst().dropLast()
        #expect(rows.count == 31, "\(profiled.stderr)")
        #expect(rows.allSatisfy { $0.hasPrefix("docker-") && $0.contains(" %") })
        let userRow = try #require(rows.first { $0.hasPrefix("docker-user-defined ") })
        let columns = userRow.split(separator: " ")
        #expect(columns[1] == "1" && columns[5] == "1" && columns[6] == "0", "one Dockerfile, one finding: \(userRow)")
        // The example mentions no strict-ssl setting: that policy is not evaluated on it.
        let sslRow = try #require(rows.first { $0.hasPrefix("docker-npm-strict-ssl ") }).split(separator: " ")
        #expect(sslRow[1] == "0" && sslRow[6] == "1", "\(sslRow)")
        let steps = tables[1]
        #expect(steps.first?.hasPrefix("step ") == true)
        #expect(steps.contains { $0.hasPrefix("find files ") } && steps.contains { $0.hasPrefix("render json ") })
        #expect(steps.last?.hasPrefix("total ") == true)
    }

    /// The admission example: a ValidatingAdmissionPolicy whose binding takes its parameters from a
    /// ConfigMap beside it, and a Kyverno policy written for Pods that autogen applies to Deployments.
    @Test func clusterPoliciesAndTheirStateLoadFromPolicyFolders() throws {
        let result = try PalisadeProcess.run(
            [
                "scan", "--no-builtin", "--policies", "examples/admission/policies", "examples/admission/manifests",
            ], directory: PalisadeProcess.repository(""))
        #expect(result.status == 1, "\(result.stdout)")
        #expect(
            result.stdout == """
                examples/admission/manifests/shop.yaml:9:13: medium: vap:replica-limit.example.com: Deployment/shop/checkout: spec.replicas is 6; \
                namespace shop allows at most 4 (binding replica-limit-enforced)
                  replicas: 6
                            ^
                examples/admission/manifests/shop.yaml:14:7: high: vpol:require-team-label: Deployment/shop/checkout: Deployment checkout has pods \
                without a team label
                      labels: {app: checkout}
                      ^

                2 findings (1 high, 1 medium) in 1 file; 0 errors

                """)
    }

    @Test func helpMatchesSnapshot() throws {
        let result = try PalisadeProcess.run(["scan", "--help"])
        #expect(result.status == 0)
        try assertSnapshot(result.stdout, named: "scan-help.txt")
    }
}

/// The options added for CI use: configuration file, skip patterns, kinds, standard input, quiet
/// and colour output, and whether input errors alone fail a scan.
struct ScanOptionTests {
    static let fixtures = ScanCommandTests.fixtures

    @Test func configurationAtTheScanRootIsRead() throws {
        // .palisade.yaml: fail-on medium, no built-ins, ../policies, skip legacy/, latest-tag enforced.
        let result = try PalisadeProcess.run(["scan", "configured"], directory: Self.fixtures)
        #expect(result.status == 1, "\(result.stdout)")
        #expect(
            result.stdout.contains(
                "configured/web.yaml:7:12: medium: test-latest-tag: Pod/default/web: container app uses nginx:latest")
        )
        #expect(!result.stdout.contains("legacy"))
        // The privileged debug container is waived by its ignore comment.
        #expect(!result.stdout.contains("test-privileged"))
        #expect(result.stdout.hasSuffix("1 finding (1 medium) and 1 suppressed in 1 file; 0 errors\n"))
        let json = try PalisadeProcess.run(["scan", "configured", "--format", "json"], directory: Self.fixtures)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let waived = try #require(findings.first { $0["policy"] as? String == "test-privileged" })
        #expect(waived["status"] as? String == "suppressed")
        #expect(waived["status_reason"] as? String == "break-glass debugging pod, SEC-481")
        // The command line wins over the file.
        let lenient = try PalisadeProcess.run(["scan", "configured", "--fail-on", "high"], directory: Self.fixtures)
        #expect(lenient.status == 0)
    }

    @Test func explicitConfigWithAnErrorExitsTwo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-config-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("palisade.yaml").path
        try "fail-on: high\nskip-path: [x]\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try PalisadeProcess.run(
            ["scan", "--config", file, "--no-builtin", "--policies", "policies", "manifests/apps"],
            directory: Self.fixtures)
        #expect(result.status == 2)
        #expect(result.stdout.contains("\(file):2:1: error: unknown key \"skip-path\"; did you mean \"skip-paths\"?"))
    }

    @Test func skipPathAndKinds() throws {
        let skipped = try ScanCommandTests.scan(["--skip-path", "broken.yaml", "--skip-path", "apps", "manifests"])
        #expect(skipped.status == 0)
        #expect(skipped.stdout.hasSuffix("1 finding (1 medium) in 1 file; 0 errors\n"))
        let none = try ScanCommandTests.scan(["--kinds", "terraform", "manifests"])
        #expect(none.status == 0)
        #expect(none.stdout.hasSuffix("0 findings in 0 files; 0 errors\n"))
        let unknown = try ScanCommandTests.scan(["--kinds", "helm", "manifests"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown kind \"helm\" for --kinds"))
    }

    @Test func inputErrorsAloneNeedNotFail() throws {
        let strict = try ScanCommandTests.scan(["--fail-on", "critical", "manifests/broken.yaml", "manifests/pod.json"])
        #expect(strict.status == 2)
        let lenient = try ScanCommandTests.scan([
            "--no-fail-on-error", "--fail-on", "critical", "manifests/broken.yaml", "manifests/pod.json",
        ])
        #expect(lenient.status == 0)
        #expect(lenient.stdout.contains("manifests/broken.yaml:4:5: error:"))
        // A policy that does not load always fails.
        let policy = try ScanCommandTests.scan([
            "--no-fail-on-error", "--policies", "bad-policies", "manifests/pod.json",
        ])
        #expect(policy.status == 2)
    }

    @Test func standardInputQuietAndColour() throws {
        let manifest = try String(contentsOfFile: Self.fixtures + "/manifests/apps/web.yaml", encoding: .utf8)
        let quiet = try ScanCommandTests.scan(["--quiet", "-"], stdin: manifest)
        #expect(quiet.status == 1)
        #expect(
            quiet.stdout == """
                <stdin>:9:16: medium: test-latest-tag: Deployment/default/web: container app uses nginx:latest
                <stdin>:11:23: critical: test-privileged: Deployment/default/web: container app runs privileged

                """)
        let coloured = try ScanCommandTests.scan(["--color", "always", "manifests/apps"])
        #expect(coloured.stdout.contains("\u{1B}[1;31mcritical\u{1B}[0m: test-privileged"))
        let plain = try ScanCommandTests.scan(["manifests/apps"])
        #expect(!plain.stdout.contains("\u{1B}["))
    }

    @Test func quietScanPrintsOnlyFindingLines() throws {
        let result = try ScanCommandTests.scan([
            "--quiet", "--skip-path", "apps", "--skip-path", "broken.yaml", "--fail-on", "critical", "manifests",
        ])
        #expect(result.status == 0)
        #expect(
            result.stdout
                == "manifests/pod.json:2:50: medium: test-latest-tag: Pod/default/db: container db uses postgres:latest\n"
        )
    }
}
