import PolicyModel
import Testing

@testable import Workspace

struct InlineSuppressionsTests {
    static let known = [
        "k8s-host-network": "k8s-host-network", "k8s-privileged-container": "k8s-privileged-container",
        "k8s-old-name": "k8s-privileged-container",
    ]

    static func finding(_ policy: String, line: Int, resource: String = "Pod/default/web") -> Finding {
        Finding(
            policyID: policy, title: "", severity: .high, mode: "enforce", message: "m",
            location: Location(file: "pod.yaml", line: line, column: 5), resource: resource, path: "p\(line)")
    }

    @Test func trailingCommentWaivesItsOwnLine() {
        let text = """
            apiVersion: v1
            kind: Pod
            spec:
              hostNetwork: true  # palisade:ignore[k8s-host-network] the CNI agent needs the node's network
            """
        var ignores = InlineSuppressions(text: text, file: "pod.yaml", knownPolicies: Self.known)
        var findings = [Self.finding("k8s-host-network", line: 4), Self.finding("k8s-privileged-container", line: 4)]
        ignores.apply(to: &findings, resourceStarts: [1: "Pod/default/web"])
        #expect(findings[0].status == .suppressed)
        #expect(findings[0].statusReason == "the CNI agent needs the node's network")
        #expect(findings[1].status == .open)
        #expect(ignores.diagnostics.isEmpty)
    }

    @Test func commentLineWaivesNextLineAndAboveResourceTheWholeResource() {
        let text = """
            # palisade:ignore[k8s-old-name] node agent, reviewed in SEC-112
            apiVersion: v1
            kind: Pod
            spec:
              # palisade:ignore[k8s-host-network] needs the node's network

              hostNetwork: true
            """
        var ignores = InlineSuppressions(text: text, file: "pod.yaml", knownPolicies: Self.known)
        var findings = [
            Self.finding("k8s-privileged-container", line: 9), Self.finding("k8s-host-network", line: 7),
            Self.finding("k8s-host-network", line: 8),
            Self.finding("k8s-privileged-container", line: 9, resource: "Pod/default/other"),
        ]
        ignores.apply(to: &findings, resourceStarts: [2: "Pod/default/web"])
        #expect(findings.map(\.status) == [.suppressed, .suppressed, .open, .open])
        #expect(ignores.diagnostics.isEmpty)
    }

    @Test func missingReasonUnknownIdAndStaleIgnoresAreReported() {
        let text = """
            a: 1  # palisade:ignore[k8s-host-network]
            b: 2  # palisade:ignore[k8s-hots-network] typo
            c: 3  # palisade:ignore[k8s-host-network] nothing here to waive
            d: "# palisade:ignore is only a comment after a hash"  # palisade:ignore no brackets
            """
        var ignores = InlineSuppressions(text: text, file: "pod.yaml", knownPolicies: Self.known)
        var findings = [Self.finding("k8s-host-network", line: 1)]
        ignores.apply(to: &findings, resourceStarts: [:])
        #expect(findings[0].status == .open)
        let messages = ignores.diagnostics.map { "\($0.level) \($0.location.line):\($0.location.column) \($0.message)" }
        #expect(messages.count == 3)
        // An ignore without a reason is a finding of its own, so it cannot slip through review.
        #expect(
            ignores.findings.map { "\($0.policyID) \($0.location.line):\($0.location.column) \($0.message)" } == [
                "palisade-ignore-without-reason 1:7 palisade:ignore[k8s-host-network] gives no reason; not applied"
            ])
        #expect(
            messages.contains(
                "warning 2:7 palisade:ignore names an unknown policy \"k8s-hots-network\"; not applied (did you mean \"k8s-host-network\"?)"
            ))
        #expect(
            messages.contains(
                "notice 3:7 palisade:ignore[k8s-host-network] waives no finding; remove it if it is stale"))
        #expect(
            messages.contains {
                $0.hasPrefix("warning 4:") && $0.hasSuffix("must name policies: palisade:ignore[policy-id] reason")
            })
    }

    @Test func terraformCommentsAndCheckovSkipsInsideAResourceWaiveIt() {
        let text = """
            resource "aws_s3_bucket" "logs" {
              #checkov:skip=CKV_AWS_18:access logs go to the central trail
              // palisade:ignore[k8s-host-network] kept for the test's policy list
              bucket = "x"
              #checkov:skip=CKV_AWS_21
            }
            """
        var ignores = InlineSuppressions(
            text: text, file: "pod.yaml", knownPolicies: Self.known,
            equivalents: ["CKV_AWS_18": ["aws-s3-access-logging"]])
        let bucket = "aws_s3_bucket.logs"
        var findings = [
            Self.finding("aws-s3-access-logging", line: 1, resource: bucket),
            Self.finding("k8s-host-network", line: 1, resource: bucket),
            Self.finding("aws-s3-versioning", line: 1, resource: bucket),
        ]
        ignores.apply(to: &findings, resourceStarts: [:], resourceRanges: [(1...6, "aws_s3_bucket.logs")])
        #expect(findings.map(\.status) == [.suppressed, .suppressed, .open])
        #expect(findings[0].statusReason == "access logs go to the central trail")
        #expect(ignores.findings.map(\.message) == ["checkov:skip=CKV_AWS_21 gives no reason; not applied"])
    }

    @Test func zizmorIgnoresWaiveThePoliciesOfTheirAuditWhenTheyGiveAReason() {
        let text = """
            jobs:
              build:
                steps:
                  - run: echo "${{ github.head_ref }}" # zizmor: ignore[template-injection] branch names are checked upstream
                  - run: echo "${{ github.event.issue.title }}" # zizmor: ignore[template-injection]
                  - uses: actions/checkout@v4 # zizmor: ignore[artipacked] nothing uploads the workspace
            """
        var ignores = InlineSuppressions(
            text: text, file: "pod.yaml", knownPolicies: Self.known,
            equivalents: ["template-injection": ["gha-template-injection"]])
        var findings = [
            Self.finding("gha-template-injection", line: 4, resource: "pod.yaml"),
            Self.finding("gha-template-injection", line: 5, resource: "pod.yaml"),
        ]
        ignores.apply(to: &findings, resourceStarts: [:])
        #expect(findings.map(\.status) == [.suppressed, .open])
        #expect(findings[0].statusReason == "branch names are checked upstream")
        #expect(
            ignores.findings.map(\.message) == [
                "zizmor: ignore[template-injection] gives no reason; not applied"
            ])
        #expect(
            ignores.diagnostics.map(\.message) == [
                "zizmor: ignore[artipacked]: no Palisade policy is equivalent to artipacked; nothing to waive"
            ])
    }

    static func secret(_ identity: String, line: Int) -> Finding {
        var finding = Finding(
            policyID: "secret-github-pat", title: "", severity: .critical, mode: "enforce", message: "m",
            location: Location(file: "pod.yaml", line: line, column: 9), resource: "pod.yaml", path: "")
        finding.fingerprint = identity
        return finding
    }

    static let secretKnown = ["secret-github-pat": "secret-github-pat"]
    static let knownSecret = "hmac:0123456789abcdef0123456789abcdef"
    static let newSecret = "hmac:fedcba9876543210fedcba9876543210"

    @Test func aSecretIsWaivedByItsIdentityWhereverItIsAndANewOneBesideItIsNot() {
        let text = """
            # palisade:ignore[secret-github-pat@hmac:0123456789ab] revoked 2026-11-01, kept as a test value
            a: 1
            b: 2
            c: 3
            """
        var ignores = InlineSuppressions(text: text, file: "pod.yaml", knownPolicies: Self.secretKnown)
        // The known secret on line 2 and again on line 4; a new one on line 2 beside it.
        var findings = [
            Self.secret(Self.knownSecret, line: 2), Self.secret(Self.newSecret, line: 2),
            Self.secret(Self.knownSecret, line: 4),
        ]
        ignores.apply(to: &findings, resourceStarts: [:])
        #expect(findings.map(\.status) == [.suppressed, .open, .suppressed])
        #expect(findings[0].statusReason == "revoked 2026-11-01, kept as a test value")
        #expect(ignores.diagnostics.isEmpty)
    }

    @Test func aSecretIgnoreWithoutIdentityWaivesNothingAndSaysWhatToWrite() {
        let text = """
            token: x  # palisade:ignore[secret-github-pat] a test token
            other: y  # palisade:ignore[secret-github-pat@hmac:0123] too short to name one secret
            # palisade:ignore[secret-github-pat@hmac:aaaaaaaaaaaaaaaa] a secret no longer here
            """
        var ignores = InlineSuppressions(text: text, file: "pod.yaml", knownPolicies: Self.secretKnown)
        var findings = [Self.secret(Self.knownSecret, line: 1), Self.secret(Self.knownSecret, line: 2)]
        ignores.apply(to: &findings, resourceStarts: [:])
        #expect(findings.map(\.status) == [.open, .open])
        #expect(
            ignores.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" } == [
                "2:11 palisade:ignore[secret-github-pat@hmac:0123]: \"hmac:0123\" is not a secret's identity "
                    + "(hmac: and at least 12 hex digits of the finding's fingerprint); not applied",
                "1:11 palisade:ignore[secret-github-pat] does not waive a secret by its line, or a new secret "
                    + "written there would pass unseen: name this one, "
                    + "palisade:ignore[secret-github-pat@hmac:0123456789ab]",
                "3:1 palisade:ignore[secret-github-pat@hmac:aaaaaaaaaaaaaaaa] waives no finding; remove it if it is stale",
            ])
    }
}
