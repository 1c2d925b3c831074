import Foundation
import PolicyModel
import Reporting
import TestSupport
import Testing

struct SARIFReporterTests {
    /// Findings of all five severities in three files (one in a subfolder, one whose name needs
    /// escaping), a parse error, a warning, and a policy that ran without a finding.
    static let report: Report = {
        var findings = ReportingTests.report.findings
        findings.append(
            Finding(
                policyID: "k8s-default-namespace", title: "Resource in the default namespace", severity: .low,
                mode: "audit", message: "Pod \"db\" is in the default namespace",
                location: Location(file: "other.yaml", line: 2, column: 3), resource: "Pod/default/db",
                path: "metadata.namespace"))
        findings.append(
            Finding(
                policyID: "k8s-resource-labels", title: "Resource has no owner label", severity: .info, mode: "warn",
                message: "no \"owner\" label", location: Location(file: "team a/x:y.yaml", line: 1, column: 1),
                resource: "ConfigMap/settings", path: ""))
        var policyInfo = ReportingTests.report.policyInfo
        policyInfo["k8s-privileged-container"] = ReportPolicyInfo(
            title: "Container runs in privileged mode",
            description: "A privileged container gets the host's devices and every kernel capability.\n",
            severity: .critical, equivalents: ["CKV_K8S_16"],
            frameworks: ["soc2": ["CC6.1"], "cis-kubernetes": ["5.2.1"]],
            remediation: "Remove securityContext.privileged or set it to `false` <now>.",
            references: [
                "CIS Kubernetes Benchmark 5.2.1",
                "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            ])
        policyInfo["k8s-host-network"] = ReportPolicyInfo(
            title: "Pod uses the host network", severity: .high,
            references: ["https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline"])
        return Report(
            findings: findings, diagnostics: ReportingTests.report.diagnostics, files: 4, resources: 4, policies: 6,
            durationMilliseconds: 12, policyInfo: policyInfo, fileKinds: ReportingTests.report.fileKinds)
    }()

    static let suppressed: Finding = {
        var finding = Finding(
            policyID: "k8s-latest-tag", title: "Image uses the latest tag", severity: .medium, mode: "warn",
            message: "image \"busybox:latest\" uses the \"latest\" tag",
            location: Location(file: "apps/deploy.yaml", line: 9, column: 16), resource: "Deployment/web",
            path: "spec.template.spec.initContainers[0].image")
        finding.status = .suppressed
        finding.statusReason = "pinned by the mirror"
        return finding
    }()

    static let validator: Result<JSONSchemaValidator, JSONSchemaValidator.SchemaError> = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Schemas/sarif-schema-2.1.0.json")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return Result { () throws(JSONSchemaValidator.SchemaError) in try JSONSchemaValidator(schemaText: text) }
    }()

    static func render(_ report: Report, includeSuppressed: Bool = false) -> String {
        SARIFReporter(toolVersion: "9.9.9", sourceRoot: "/work/project", includeSuppressed: includeSuppressed)
            .render(report)
    }

    static func parsed(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func firstRun(_ text: String) throws -> [String: Any] {
        let runs = try #require(try parsed(text)["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        return try #require(runs.first)
    }

    @Test func sarifReportMatchesGolden() throws {
        try assertGolden(Self.render(Self.report), named: "report.sarif")
    }

    struct Sample: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var testDescription: String { name }
    }

    static let samples: [Sample] = [
        Sample(name: "realistic report", text: render(report)),
        Sample(name: "empty report", text: render(Report(findings: [], files: 0))),
        Sample(
            name: "suppressed findings included",
            text: render(
                Report(
                    findings: report.findings + [suppressed], diagnostics: report.diagnostics, files: 4,
                    policyInfo: report.policyInfo), includeSuppressed: true)),
        Sample(
            name: "absolute paths, no source root, an information URI",
            text: SARIFReporter(toolVersion: "1", informationURI: "https://example.com/palisade").render(
                Report(
                    findings: [
                        Finding(
                            policyID: "p", title: "", severity: .high, mode: "enforce", message: "",
                            location: Location(file: "/tmp/a b/ü.yaml", line: 0, column: 0), resource: "Pod/x",
                            path: "")
                    ],
                    diagnostics: [Diagnostic(.notice, "note", at: Location(file: "", line: 1, column: 1))],
                    files: 1))),
    ]

    @Test(arguments: samples)
    func outputValidatesAgainstTheOASISSchema(_ sample: Sample) throws {
        let validator = try Self.validator.get()
        let violations = try validator.validate(json: sample.text)
        #expect(violations.isEmpty, "\(violations.map(\.description).joined(separator: "\n"))")
    }

    /// The schema check must be able to fail: documents broken in known ways are rejected, each
    /// with the path and the rule at fault.
    @Test func brokenDocumentsAreRejected() throws {
        let validator = try Self.validator.get()
        let good = try JSONInstance.parse(Self.render(Self.report))
        let broken: [(JSONInstance, [String])] = [
            (good.setting(nil, at: ["version"]), ["/ required"]),
            (good.setting(.string("2.0.0"), at: ["version"]), ["/version enum"]),
            (
                good.setting(.string("fatal"), at: ["runs", "0", "results", "1", "level"]),
                ["/runs/0/results/1/level enum"]
            ),
            (
                good.setting(
                    .integer(0),
                    at: ["runs", "0", "results", "0", "locations", "0", "physicalLocation", "region", "startLine"]),
                ["/runs/0/results/0/locations/0/physicalLocation/region/startLine minimum"]
            ),
            (
                good.setting(.string("high"), at: ["runs", "0", "results", "0", "severity"]),
                ["/runs/0/results/0/severity additionalProperties"]
            ),
            (
                good.setting(nil, at: ["runs", "0", "tool", "driver", "name"]),
                ["/runs/0/tool/driver required"]
            ),
            (
                good.setting(.string("not a uri"), at: ["runs", "0", "tool", "driver", "rules", "4", "helpUri"]),
                ["/runs/0/tool/driver/rules/4/helpUri format"]
            ),
            (
                good.setting(.number(1.5), at: ["runs", "0", "results", "0", "ruleIndex"]),
                ["/runs/0/results/0/ruleIndex type"]
            ),
        ]
        for (document, expected) in broken {
            let found = validator.validate(document).map { $0.instancePath.ifEmpty("/") + " " + $0.keyword }
            #expect(found == expected)
        }
    }

    @Test func rulesDescribeEveryPolicyWithGitHubSeverities() throws {
        let run = try Self.firstRun(Self.render(Self.report))
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "palisade" && driver["version"] as? String == "9.9.9")
        #expect(driver["informationUri"] == nil)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(
            rules.map { $0["id"] as? String } == [
                "k8s-default-namespace", "k8s-host-network", "k8s-host-path", "k8s-latest-tag",
                "k8s-privileged-container", "k8s-resource-labels",
            ])
        func properties(_ index: Int) -> [String: Any]? { rules[index]["properties"] as? [String: Any] }
        #expect(
            (0..<6).map { properties($0)?["security-severity"] as? String } == [
                "3.0", "8.0", "8.0", "5.5", "9.5", "0.0",
            ])
        #expect(
            (0..<6).map { (rules[$0]["defaultConfiguration"] as? [String: Any])?["level"] as? String } == [
                "note", "error", "error", "warning", "error", "note",
            ])
        let privileged = rules[4]
        #expect(privileged["name"] as? String == "K8sPrivilegedContainer")
        #expect(
            (privileged["shortDescription"] as? [String: Any])?["text"] as? String
                == "Container runs in privileged mode")
        #expect(
            (privileged["fullDescription"] as? [String: Any])?["text"] as? String
                == "A privileged container gets the host's devices and every kernel capability.")
        #expect(
            privileged["helpUri"] as? String == "https://kubernetes.io/docs/concepts/security/pod-security-standards/")
        let help = try #require(privileged["help"] as? [String: Any])
        #expect(
            help["markdown"] as? String == """
                Remove securityContext.privileged or set it to \\`false\\` \\<now\\>.

                **References**

                - CIS Kubernetes Benchmark 5.2.1
                - <https://kubernetes.io/docs/concepts/security/pod-security-standards/>
                """)
        #expect(properties(4)?["tags"] as? [String] == ["security", "cis-kubernetes", "soc2"])
        #expect(properties(4)?["precision"] as? String == "very-high")
        // A policy with no finding and no help text still gets a rule; one known only from its
        // finding takes the finding's title and severity.
        #expect(rules[1]["help"] != nil && rules[0]["help"] == nil)
        #expect(
            (rules[0]["shortDescription"] as? [String: Any])?["text"] as? String == "Resource in the default namespace")
    }

    @Test func resultsPointAtTheirRuleFileAndResource() throws {
        let run = try Self.firstRun(Self.render(Self.report))
        let rules = try #require(
            ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == Self.report.findings.count)
        for (result, finding) in zip(results, Self.report.findings) {
            #expect(result["ruleId"] as? String == finding.policyID)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == finding.policyID)
            #expect((result["partialFingerprints"] as? [String: String]) == ["palisade/v1": finding.fingerprint])
            #expect((result["message"] as? [String: Any])?["text"] as? String == finding.message)
        }
        #expect(results.map { $0["level"] as? String } == ["warning", "error", "note", "error", "note"])

        let location = try #require((results[1]["locations"] as? [[String: Any]])?.first)
        let physical = try #require(location["physicalLocation"] as? [String: Any])
        let artifact = try #require(physical["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "apps/deploy.yaml" && artifact["uriBaseId"] as? String == "%SRCROOT%")
        let region = try #require(physical["region"] as? [String: Int])
        #expect(region == ["startLine": 11, "startColumn": 25, "endLine": 11, "endColumn": 29])
        let logical = try #require((location["logicalLocations"] as? [[String: String]])?.first)
        #expect(logical == ["fullyQualifiedName": "Deployment/web", "kind": "resource"])
        #expect(
            results[1]["properties"] as? [String: String] == [
                "mode": "enforce", "resource": "Deployment/web",
                "path": "spec.template.spec.containers[0].securityContext.privileged",
            ])
        // A location without an end has no end in its region; a name that a URI cannot hold is escaped.
        let last = try #require(
            (results[4]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect(last["region"] as? [String: Int] == ["startLine": 1, "startColumn": 1])
        #expect((last["artifactLocation"] as? [String: Any])?["uri"] as? String == "team%20a/x%3Ay.yaml")
        #expect(
            ((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any])?["uri"] as? String
                == "file:///work/project/")
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
    }

    @Test func diagnosticsBecomeToolExecutionNotifications() throws {
        let run = try Self.firstRun(Self.render(Self.report))
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notifications = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notifications.map { $0["level"] as? String } == ["warning", "error"])
        let error = notifications[1]
        #expect((error["message"] as? [String: Any])?["text"] as? String == "mapping values are not allowed here")
        let physical = try #require(
            (error["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((physical["artifactLocation"] as? [String: Any])?["uri"] as? String == "broken.yaml")
        #expect(physical["region"] as? [String: Int] == ["startLine": 2, "startColumn": 6])

        let clean = try Self.firstRun(Self.render(Report(findings: [], files: 0)))
        let cleanInvocation = try #require((clean["invocations"] as? [[String: Any]])?.first)
        #expect(cleanInvocation["executionSuccessful"] as? Bool == true)
        #expect((cleanInvocation["toolExecutionNotifications"] as? [Any])?.isEmpty == true)
        #expect((clean["results"] as? [Any])?.isEmpty == true)
    }

    @Test func suppressedFindingsAreLeftOutUnlessAskedFor() throws {
        let report = Report(
            findings: Self.report.findings + [Self.suppressed], files: 4, policyInfo: Self.report.policyInfo)
        let plain = try #require(try Self.firstRun(Self.render(report))["results"] as? [[String: Any]])
        #expect(plain.count == Self.report.findings.count)
        #expect(plain.allSatisfy { $0["suppressions"] == nil })

        let all = try #require(
            try Self.firstRun(Self.render(report, includeSuppressed: true))["results"] as? [[String: Any]])
        #expect(all.count == Self.report.findings.count + 1)
        // Same file, line, column and policy as the open latest-tag finding: the two are ordered
        // by the path of the offending value.
        let suppressions = try #require(all[1]["suppressions"] as? [[String: String]])
        #expect(suppressions == [["kind": "inSource", "status": "accepted", "justification": "pinned by the mirror"]])
        #expect(all[0]["suppressions"] == nil && all[2]["suppressions"] == nil)
    }

    @Test func pathsOutsideTheSourceRootAreAbsoluteFileURIs() throws {
        let finding = { (file: String) in
            Finding(
                policyID: "p", title: "t", severity: .low, mode: "enforce", message: "m",
                location: Location(file: file, line: 1, column: 1), resource: "Pod/x", path: "")
        }
        let report = Report(findings: ["/work/project/k8s/a.yaml", "/etc/b.yaml", "./c.yaml"].map(finding), files: 3)
        let results = try #require(try Self.firstRun(Self.render(report))["results"] as? [[String: Any]])
        let artifacts = results.map {
            ((($0["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]
                as? [String: String]) ?? [:]
        }
        #expect(
            artifacts == [
                ["uri": "c.yaml", "uriBaseId": "%SRCROOT%"],
                ["uri": "file:///etc/b.yaml"],
                ["uri": "k8s/a.yaml", "uriBaseId": "%SRCROOT%"],
            ])
    }
}

extension JSONInstance {
    /// A copy with the value at `path` (member names, or array indices as text) replaced, or
    /// removed when `value` is nil.
    func setting(_ value: JSONInstance?, at path: ArraySlice<String>) -> JSONInstance {
        guard let first = path.first else { return value ?? .null }
        switch self {
        case .object(var members):
            let child = members[first] ?? .null
            members[first] = path.count == 1 ? value : child.setting(value, at: path.dropFirst())
            return .object(members)
        case .array(var elements):
            guard let index = Int(first), elements.indices.contains(index) else { return self }
            elements[index] = elements[index].setting(value, at: path.dropFirst())
            return .array(elements)
        default: return self
        }
    }

    func setting(_ value: JSONInstance?, at path: [String]) -> JSONInstance { setting(value, at: path[...]) }
}

extension String {
    fileprivate func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
