import Foundation
import PolicyModel
import Reporting
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

struct ReportingTests {
    static let deploy = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
              - name: app
                image: nginx:latest
                securityContext:
                  privileged: true

        """

    /// Two files, findings of three severities given out of order, a parse error and a warning.
    static let report = Report(
        findings: [
            Finding(
                policyID: "k8s-privileged-container", title: "Container runs in privileged mode", severity: .critical,
                mode: "enforce", message: "container app runs privileged",
                location: Location(file: "apps/deploy.yaml", line: 11, column: 25, endLine: 11, endColumn: 29),
                resource: "Deployment/web",
                path: "spec.template.spec.containers[0].securityContext.privileged"),
            Finding(
                policyID: "k8s-latest-tag", title: "Image uses the latest tag", severity: .medium, mode: "warn",
                message: "image \"nginx:latest\" uses the \"latest\" tag",
                location: Location(file: "apps/deploy.yaml", line: 9, column: 16), resource: "Deployment/web",
                path: "spec.template.spec.containers[0].image"),
            Finding(
                policyID: "k8s-host-path", title: "", severity: .high, mode: "enforce",
                message: "volume \"data\" mounts the host path\t\"/var/run\"\u{1}",
                location: Location(file: "other.yaml", line: 3, column: 1), resource: "Pod/default/db", path: ""),
        ],
        diagnostics: [
            Diagnostic(
                .error, "mapping values are not allowed here", at: Location(file: "broken.yaml", line: 2, column: 6)),
            Diagnostic(
                .warning, "validation cannot be evaluated", at: Location(file: "apps/deploy.yaml", line: 9, column: 16)),
        ],
        files: 3, resources: 2, policies: 4, durationMilliseconds: 12,
        policyInfo: [
            "k8s-privileged-container": ReportPolicyInfo(
                title: "Container runs in privileged mode", equivalents: ["CKV_K8S_16"],
                frameworks: ["soc2": ["CC6.1"], "cis-kubernetes": ["5.2.1"]],
                remediation: "Remove securityContext.privileged or set it to false."),
            "k8s-host-path": ReportPolicyInfo(title: "Pod mounts a host path"),
        ],
        fileKinds: ["apps/deploy.yaml": "kubernetes", "other.yaml": "kubernetes"])

    @Test func textReportMatchesGolden() throws {
        let text = TextReporter(sources: ["apps/deploy.yaml": Self.deploy, "broken.yaml": "a: b\nc: d: e\n"])
            .render(Self.report)
        try assertGolden(text, named: "report.txt")
    }

    @Test func findingsUnknownUntilApplyAreListedButNotInQuietMode() {
        var unknown = Finding(
            policyID: "aws-s3-versioning", title: "", severity: .medium, mode: "enforce",
            message: "cannot tell until apply: versioning depends on var.enabled",
            location: Location(file: "main.tf", line: 4, column: 3), resource: "module.logs.aws_s3_bucket.this[\"a\"]",
            path: "versioning")
        unknown.status = .unknown
        let report = Report(findings: [unknown], files: 1)
        let text = TextReporter().render(report)
        #expect(
            text == """
                main.tf:4:3: medium (unknown): aws-s3-versioning: module.logs.aws_s3_bucket.this["a"]: cannot tell until \
                apply: versioning depends on var.enabled

                0 findings and 1 unknown until apply in 1 file; 0 errors

                """)
        #expect(TextReporter(quiet: true).render(report) == "")
    }

    @Test func jsonReportMatchesGolden() throws {
        let json = JSONReporter(toolVersion: "9.9.9").render(Self.report)
        try assertGolden(json, named: "report.json")
    }

    @Test func jsonReportParsesWithEscapes() throws {
        let json = JSONReporter(toolVersion: "1.0").render(Self.report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "palisade.report/v1")
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 3)
        #expect(
            findings.map { $0["policy"] as? String } == ["k8s-latest-tag", "k8s-privileged-container", "k8s-host-path"])
        #expect(findings[2]["message"] as? String == "volume \"data\" mounts the host path\t\"/var/run\"\u{1}")
        #expect(findings[2]["title"] as? String == "Pod mounts a host path")
    }

    /// A large report is written in chunks on several cores: the findings still come out whole,
    /// in report order, with the same indentation as a small report's.
    @Test func jsonReportOfManyFindingsKeepsTheirOrder() throws {
        let base = Self.report.findings[0]
        let findings = (0..<1_000).map { index in
            var finding = base
            finding.location = Location(file: "apps/deploy-\(index / 10).yaml", line: index % 10 + 1, column: 1)
            finding.message = "finding \(index)"
            return finding
        }
        let report = Report(
            findings: findings, diagnostics: [], files: 100, resources: 100, policies: 1, durationMilliseconds: 1,
            policyInfo: Self.report.policyInfo, fileKinds: [:])
        let json = JSONReporter(toolVersion: "1.0").render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let written = try #require(object["findings"] as? [[String: Any]])
        #expect(written.map { $0["message"] as? String } == report.findings.map(\.message))
        #expect(json.contains("\n  \"findings\": [\n    {\n      \"policy\": "))
        #expect(json.contains("\n    },\n    {\n") && json.contains("\n    }\n  ],\n  \"errors\": []"))
    }

    /// Every character that must be escaped, beside dashes and ellipses (which share a lead byte
    /// with U+2028 and U+2029), comes back unchanged through a JSON reader.
    @Test func jsonStringsEscapeWhatTheyMustAndNothingElse() throws {
        let text = "a \"quote\" \\ back\nline\r\t\u{08}\u{0C}\u{01}\u{7F} — dash… \u{2028}\u{2029}é \u{1F600}\u{E2}"
        var written = ""
        JSONText.writeString(text, to: &written)
        #expect(written.contains("\\u2028\\u2029") && written.contains("\\u0001\\u007f") && written.contains("— dash…"))
        let decoded = try JSONSerialization.jsonObject(with: Data(("[" + written + "]").utf8)) as? [String]
        #expect(decoded == [text])
    }

    @Test func junitReportMatchesGolden() throws {
        try assertGolden(JUnitReporter().render(Self.report), named: "report.junit.xml")
    }

    @Test func junitReportIsWellFormedXML() throws {
        let xml = JUnitReporter().render(Self.report)
        let document = try XMLDocument(data: Data(xml.utf8))
        let root = try #require(document.rootElement())
        #expect(root.attribute(forName: "tests")?.stringValue == "4")
        #expect(root.attribute(forName: "failures")?.stringValue == "3")
        #expect(root.attribute(forName: "errors")?.stringValue == "1")
        let failures = try document.nodes(forXPath: "//testcase[@name='Pod/default/db']/failure")
        let failure = try #require(failures.first as? XMLElement)
        #expect(failure.attribute(forName: "type")?.stringValue == "high")
        #expect(
            failure.attribute(forName: "message")?.stringValue
                == "volume \"data\" mounts the host path\t\"/var/run\"\\u{1}")
        let errors = try document.nodes(
            forXPath: "//testsuite[@name='palisade.errors']/testcase[@name='broken.yaml']/error")
        #expect(errors.count == 1)
    }

    @Test func junitEscapesMarkup() {
        let finding = Finding(
            policyID: "p<&>", title: "", severity: .low, mode: "enforce", message: "a \"b\" <c> & 'd'\ne",
            location: Location(file: "f.yaml", line: 1, column: 2), resource: "Pod/x", path: "")
        let xml = JUnitReporter().render(Report(findings: [finding], files: 1))
        #expect(xml.contains("<testsuite name=\"p&lt;&amp;&gt;\" tests=\"1\" failures=\"1\" errors=\"0\">"))
        #expect(xml.contains("message=\"a &quot;b&quot; &lt;c&gt; &amp; &apos;d&apos;&#10;e\" type=\"low\">"))
        #expect(xml.contains(">f.yaml:1:2: a \"b\" &lt;c&gt; &amp; 'd'\ne</failure>"))
    }

    @Test func githubReportMatchesGolden() throws {
        try assertGolden(GitHubReporter().render(Self.report), named: "report.github.txt")
    }

    @Test func githubEscapesMessagesAndProperties() {
        let finding = Finding(
            policyID: "a:b,c", title: "", severity: .info, mode: "enforce", message: "50% a:b,c\r\nnext\u{1B}[1m",
            location: Location(file: "dir,x/f:1.yaml", line: 3, column: 4), resource: "Pod/x", path: "")
        #expect(
            GitHubReporter().render(Report(findings: [finding], files: 1))
                == "::notice file=dir%2Cx/f%3A1.yaml,line=3,col=4,title=a%3Ab%2Cc::50%25 a:b,c%0D%0Anext\\u{1B}[1m\n")
    }

    @Test func emptyReportSummary() {
        let text = TextReporter().render(Report(findings: [], files: 1))
        #expect(text == "0 findings in 1 file; 0 errors\n")
    }

    @Test func summaryCountsSeveritiesMostSevereFirst() {
        #expect(
            TextReporter.summary(Self.report)
                == "3 findings (1 critical, 1 high, 1 medium) in 3 files; 1 error, 1 warning")
    }
}

/// Compares `text` with `Goldens/<name>` beside the tests; `UPDATE_GOLDEN=1` rewrites it.
func assertGolden(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
        .appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try Data(text.utf8).write(to: url)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(
        text == expected, "golden \(name) differs; rerun with UPDATE_GOLDEN=1 to accept", sourceLocation: sourceLocation
    )
}
