import CEL
import KubernetesInput
import PolicyEngine
import PolicyModel
import Testing

struct ScannerTests {
    /// Two containers, the second privileged: `privileged: true` is on line 16, its value at column 23.
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            app: web
        spec:
          template:
            spec:
              containers:
              - name: app
                image: nginx
              - name: sidecar
                image: busybox
                securityContext:
                  privileged: true

        """

    static let privilegedPath = "spec.template.spec.containers[1].securityContext.privileged"

    static func policy(_ text: String, file: String = "policy.yaml") throws -> Policy {
        let (policies, diagnostics) = PolicyLoader.load(text, file: file)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.rendered() })")
        return try #require(policies.first)
    }

    static func scan(_ policies: [Policy], _ manifest: String, file: String = "deploy.yaml") -> (
        findings: [Finding], diagnostics: [Diagnostic]
    ) {
        let (resources, diagnostics) = ManifestParser.parse(manifest, file: file)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.rendered() })")
        return Scanner(policies: policies).scan(resources)
    }

    /// A policy that fails every resource it applies to, with the given `match` block.
    static func alwaysFailing(match: String) throws -> Policy {
        try policy(
            """
            id: k8s-always
            title: Always fails
            severity: low
            kinds: [kubernetes]
            \(match)
            validations:
            - expression: "false"
              message: fails
            """)
    }

    static let manifests = """
        apiVersion: v1
        kind: Pod
        metadata: {name: a, namespace: prod, labels: {team: pay, tier: web}}
        spec: {containers: []}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: b, labels: {team: pay}}
        spec: {containers: []}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: c, namespace: prod, labels: {team: pay, tier: web}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: prod}

        """

    @Test func privilegedContainerGivesOneFindingAtItsValue() throws {
        let policy = try Self.policy(PolicyLoaderTests.styleGuideExample, file: "k8s-privileged-container.yaml")
        let (findings, diagnostics) = Self.scan([policy], Self.deployment)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.rendered() })")
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.policyID == "k8s-privileged-container")
        #expect(finding.title == "Container runs in privileged mode")
        #expect(finding.severity == .high)
        #expect(finding.mode == "enforce")
        #expect(finding.message == "container sidecar runs privileged")
        #expect(finding.resource == "Deployment/default/web")
        #expect(finding.location.file == "deploy.yaml")
        #expect((finding.location.line, finding.location.column) == (16, 23))
        #expect(finding.path == Self.privilegedPath)
        #expect(
            finding.fingerprint
                == Finding.fingerprint(
                    policyID: finding.policyID, file: "deploy.yaml", resource: "Deployment/default/web",
                    path: Self.privilegedPath))
    }

    @Test func compliantDeploymentGivesNothing() throws {
        let policy = try Self.policy(PolicyLoaderTests.styleGuideExample)
        let manifest = Self.deployment.replacing("privileged: true", with: "privileged: false")
        let (findings, diagnostics) = Self.scan([policy], manifest)
        #expect(findings.isEmpty)
        #expect(diagnostics.isEmpty)
    }

    @Test func findingWithoutAtPointsAtTheItem() throws {
        let policy = try Self.policy(
            """
            id: k8s-image-tag
            title: Image without tag
            severity: medium
            kinds: [kubernetes]
            each: object.podSpec.containers
            validations:
            - expression: "item.image.contains(':')"
            """)
        let (findings, _) = Self.scan([policy], Self.deployment)
        #expect(findings.map(\.path) == ["spec.template.spec.containers[0]", "spec.template.spec.containers[1]"])
        #expect(findings.map(\.location.line) == [11, 13])
        #expect(findings.first?.message == "failed: item.image.contains(':')")
    }

    @Test func matchResourcesSelectsKinds() throws {
        let podsOnly = try Self.alwaysFailing(match: "match: {resources: [Pod]}")
        #expect(Self.scan([podsOnly], Self.manifests).findings.map(\.resource) == ["Pod/prod/a", "Pod/default/b"])
        let everything = try Self.alwaysFailing(match: "")
        #expect(Self.scan([everything], Self.manifests).findings.count == 4)
    }

    @Test func matchNamespacesAndLabelsFilter() throws {
        let prod = try Self.alwaysFailing(match: "match: {namespaces: [prod]}")
        // The Namespace object is cluster-scoped, so the namespace list does not exclude it.
        let inProd = Self.scan([prod], Self.manifests).findings.map(\.resource)
        #expect(inProd == ["Pod/prod/a", "Service/prod/c", "Namespace/prod"])
        let web = try Self.alwaysFailing(match: "match: {labels: {team: pay, tier: web}}")
        #expect(Self.scan([web], Self.manifests).findings.map(\.resource) == ["Pod/prod/a", "Service/prod/c"])
        let both = try Self.alwaysFailing(
            match: "match: {resources: [Pod], namespaces: [default], labels: {team: pay}}")
        #expect(Self.scan([both], Self.manifests).findings.map(\.resource) == ["Pod/default/b"])
    }

    @Test func matchConditionsSelectAndReportErrors() throws {
        let named = try Self.alwaysFailing(
            match: """
                match:
                  matchConditions:
                  - {name: isB, expression: "object.metadata.name == 'b'"}
                """)
        #expect(Self.scan([named], Self.manifests).findings.map(\.resource) == ["Pod/default/b"])
        let broken = try Self.alwaysFailing(
            match: """
                match:
                  matchConditions:
                  - {name: broken, expression: "object.spec.containers.size() == 0"}
                """)
        let (findings, diagnostics) = Self.scan([broken], Self.manifests)
        // The pods have containers; the Service and the Namespace have no spec.
        #expect(findings.map(\.resource) == ["Pod/prod/a", "Pod/default/b"])
        #expect(diagnostics.count == 2)
        #expect(diagnostics.allSatisfy { $0.level == .warning && $0.message.contains("\"broken\"") })
    }

    @Test func variablesReadEarlierVariables() throws {
        let policy = try Self.policy(
            """
            id: k8s-variables
            title: Variables chain
            severity: info
            kinds: [kubernetes]
            variables:
              containers: object.podSpec.containers
              names: variables.containers.map(c, c.name)
              count: size(variables.names)
            validations:
            - expression: "variables.count != 2"
              messageExpression: "'containers: ' + variables.names.join(', ')"
            """)
        let (findings, diagnostics) = Self.scan([policy], Self.deployment)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.rendered() })")
        #expect(findings.map(\.message) == ["containers: app, sidecar"])
        #expect(findings.first?.location.line == 1)
        #expect(findings.first?.path == "")
    }

    @Test func fingerprintIgnoresLineMoves() throws {
        let policy = try Self.policy(PolicyLoaderTests.styleGuideExample)
        let before = try #require(Self.scan([policy], Self.deployment).findings.first)
        let moved = Self.deployment.replacing(
            "metadata:\n", with: "# a comment\nmetadata:\n  annotations: {owner: payments}\n")
        let after = try #require(Self.scan([policy], moved).findings.first)
        #expect(after.location.line == before.location.line + 2)
        #expect(after.fingerprint == before.fingerprint)
        #expect(after.fingerprint.count == 16)
        let elsewhere = try #require(Self.scan([policy], Self.deployment, file: "other.yaml").findings.first)
        #expect(elsewhere.fingerprint != before.fingerprint)
    }

    @Test func evaluationErrorGivesDiagnosticNotFinding() throws {
        let policy = try Self.policy(
            """
            id: k8s-broken
            title: Reads a field that is not there
            severity: low
            kinds: [kubernetes]
            validations:
            - expression: "object.spec.missing == 1"
            """)
        let (findings, diagnostics) = Self.scan([policy], Self.deployment)
        #expect(findings.isEmpty)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.level == .warning)
        #expect(diagnostic.location.file == "policy.yaml")
        #expect(diagnostic.location.line == 6)
        #expect(diagnostic.message.contains("Deployment/default/web"))
    }

    @Test func aliasBombStopsAtTheLimit() throws {
        var bomb = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let aliases = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            bomb += "l\(level): &l\(level) [\(aliases)]\n"
        }
        let (resources, _) = ManifestParser.parse(bomb, file: "bomb.yaml")
        let resource = try #require(resources.first)
        guard case .error(let error) = NodeValue.value(of: resource.content, limit: 10_000) else {
            Issue.record("a billion values were not refused")
            return
        }
        #expect(error.message == "the document expands to more than 10000 values")
    }

    /// A shared subtree is converted once yet counted at every use: a modest alias fan-out
    /// converts, and gives the same value wherever it is read; a key repeated after merging keeps
    /// its first place and last value.
    @Test func sharedSubtreesConvertOnceAndCountEveryUse() throws {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\nl0: &l0 {a: 1, b: [x, y]}\n"
        text += "l1: &l1 [*l0, *l0, *l0]\nl2: [*l1, *l1, *l1]\n"
        let (resources, _) = ManifestParser.parse(text, file: "shared.yaml")
        let resource = try #require(resources.first)
        guard case .map(let object) = NodeValue.value(of: resource.content),
            case .list(let l2)? = object[.string("l2")], case .list(let l1)? = l2.last,
            case .map(let l0)? = l1.last
        else {
            Issue.record("the aliases did not convert")
            return
        }
        #expect(l2.count == 3 && l1.count == 3)
        #expect(l0[.string("a")]?.celEquals(.int(1)) == true)
        // l0 is 6 values (the map, a, 1, b, the list, x, y: 7 with the map); used 9 + 3 + 1 times.
        guard case .error = NodeValue.value(of: resource.content, limit: 60) else {
            Issue.record("the uses of the shared subtree were not counted")
            return
        }
        let map = MapValue(keys: [.string("k"), .string("j"), .string("k")], values: [.int(1), .int(2), .int(3)])
        #expect(map.keys == [.string("k"), .string("j")])
        #expect(map[.string("k")]?.celEquals(.int(3)) == true)
    }

    /// An alias bomb as a mapping key is refused when converted, without being expanded: keys
    /// must be strings, integers or booleans.
    @Test func aliasBombAsAKeyIsAnErrorValue() throws {
        var bomb = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            bomb +=
                "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
                + "]\n"
        }
        bomb += "data:\n  ? *l8\n  : value\n"
        let (resources, diagnostics) = ManifestParser.parse(bomb, file: "bomb.yaml")
        #expect(diagnostics.isEmpty)
        let resource = try #require(resources.first)
        guard case .error(let error) = NodeValue.value(of: resource.content) else {
            Issue.record("a collection key was accepted")
            return
        }
        #expect(error.message.contains("is not a string, integer or boolean") || error.message.contains("expands"))
    }

    @Test func unconvertibleResourceGivesErrorDiagnostic() throws {
        let manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: odd}\ndata: {1.5: x}\n"
        let (findings, diagnostics) = Self.scan([try Self.alwaysFailing(match: "")], manifest)
        #expect(findings.isEmpty)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.level == .error)
        #expect(diagnostic.location.description == "deploy.yaml:1:1")
        #expect(diagnostic.message.contains("ConfigMap/default/odd"))
    }

    @Test func nullFieldsReadAsUnset() throws {
        // `securityContext:` with nothing after it is null in YAML; the API server drops it.
        let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\nspec:\n  securityContext:\n"
        let (resources, _) = ManifestParser.parse(manifest, file: "pod.yaml")
        let resource = try #require(resources.first)
        guard case .map(let object) = NodeValue.value(of: resource.content),
            case .map(let spec)? = object[.string("spec")], case .map(let metadata)? = object[.string("metadata")]
        else {
            Issue.record("the pod did not convert to a map")
            return
        }
        #expect(spec[.string("securityContext")] == nil)
        #expect(metadata[.string("labels")] == nil)
        guard case .string("p")? = metadata[.string("name")] else {
            Issue.record("the name was lost")
            return
        }
    }
}
