import CEL
import PolicyEngine
import PolicyModel
import Testing

struct PolicyLoaderTests {
    /// The example of STYLE.md §3, as written there.
    static let styleGuideExample = """
        # Sources/PolicyLibrary/Policies/kubernetes/k8s-privileged-container.yaml
        id: k8s-privileged-container
        title: Container runs in privileged mode
        severity: high                       # info | low | medium | high | critical
        kinds: [kubernetes]                  # terraform | terraform-plan | kubernetes | github-actions | gitlab-ci | dockerfile | secrets
        match:
          resources: [Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ReplicationController]
        description: >
          A privileged container gets the host's devices and every kernel capability;
          breaking out of it gives root on the node.
        remediation: Remove securityContext.privileged or set it to false.
        references: [https://kubernetes.io/docs/concepts/security/pod-security-standards/]
        frameworks: {cis-kubernetes: ["5.2.1"], soc2: [CC6.1], iso27001: [A.8.9], nist-800-53: [AC-6]}
        equivalents: [CKV_K8S_16]            # the same check elsewhere: Checkov ids, zizmor audits, gitleaks rules
        mode: enforce                        # enforce | warn | audit (a default; config may override per scope)
        variables:                           # evaluated once per resource, read as variables.<name>
          containers: object.podSpec.containers + object.podSpec.initContainers
        each: variables.containers           # optional Palisade extension: validate each element, bound to `item`
        validations:
        - expression: "!has(item.securityContext) || item.securityContext.privileged != true"
          messageExpression: "'container ' + item.name + ' runs privileged'"
          at: item.securityContext.privileged  # optional: the value whose position the finding reports

        """

    @Test func styleGuideExampleLoadsWithEveryField() throws {
        let (policies, diagnostics) = PolicyLoader.load(Self.styleGuideExample, file: "k8s-privileged-container.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.rendered() })")
        let policy = try #require(policies.first)
        #expect(policies.count == 1)
        #expect(policy.id == "k8s-privileged-container")
        #expect(policy.title == "Container runs in privileged mode")
        #expect(policy.severity == .high)
        #expect(policy.kinds == ["kubernetes"])
        #expect(policy.match.resources.count == 8)
        #expect(policy.match.resources.first == "Pod")
        #expect(policy.match.namespaces.isEmpty && policy.match.labels.isEmpty && policy.match.conditions.isEmpty)
        #expect(
            policy.description
                == "A privileged container gets the host's devices and every kernel capability; "
                + "breaking out of it gives root on the node.\n")
        #expect(policy.remediation == "Remove securityContext.privileged or set it to false.")
        #expect(policy.references == ["https://kubernetes.io/docs/concepts/security/pod-security-standards/"])
        #expect(
            policy.frameworks == [
                "cis-kubernetes": ["5.2.1"], "soc2": ["CC6.1"], "iso27001": ["A.8.9"], "nist-800-53": ["AC-6"],
            ])
        #expect(policy.equivalents == ["CKV_K8S_16"])
        #expect(policy.mode == .enforce)
        #expect(policy.variables.map(\.name) == ["containers"])
        #expect(
            policy.variables.first?.expression.source
                == "object.podSpec.containers + object.podSpec.initContainers")
        #expect(policy.variables.first?.expression.location.line == 17)
        #expect(policy.each?.source == "variables.containers")
        let validation = try #require(policy.validations.first)
        #expect(policy.validations.count == 1)
        #expect(validation.expression.source == "!has(item.securityContext) || item.securityContext.privileged != true")
        #expect(validation.expression.location.description == "k8s-privileged-container.yaml:20:15")
        #expect(validation.message == nil)
        #expect(validation.messageExpression?.source == "'container ' + item.name + ' runs privileged'")
        #expect(validation.at?.source == "item.securityContext.privileged")
        #expect(policy.aliases.isEmpty)
        #expect(policy.deprecated == false)
        #expect(policy.file == "k8s-privileged-container.yaml")
        #expect(policy.location.line == 2 && policy.location.column == 1)
    }

    @Test func compiledProgramsAreReadyToEvaluate() throws {
        let policy = try #require(PolicyLoader.load(Self.styleGuideExample, file: "p.yaml").policies.first)
        let validation = try #require(policy.validations.first)
        let privileged = try Value(json: #"{"securityContext": {"privileged": true}}"#)
        let result = validation.expression.program.evaluate(["item": privileged])
        guard case .bool(let complies) = result else {
            Issue.record("expected a bool, got \(result)")
            return
        }
        #expect(!complies)
    }

    @Test func optionalFieldsLoad() throws {
        let text = """
            id: k8s-web-replicas
            title: Web deployments run more than one replica
            severity: low
            kinds: [kubernetes]
            mode: audit
            aliases: [k8s-replicas, k8s-single-replica]
            deprecated: true
            match:
              resources: [Deployment]
              namespaces: [prod]
              labels: {app: web}
              matchConditions:
              - name: notSystem
                expression: "!object.metadata.name.startsWith('system-')"
            variables:
            - name: replicas
              expression: object.spec.replicas
            validations:
            - expression: variables.replicas > 1
              message: run at least two replicas
            """
        let (policies, diagnostics) = PolicyLoader.load(text, file: "p.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.rendered() })")
        let policy = try #require(policies.first)
        #expect(policy.mode == .audit)
        #expect(policy.aliases == ["k8s-replicas", "k8s-single-replica"])
        #expect(policy.deprecated)
        #expect(policy.match.namespaces == ["prod"])
        #expect(policy.match.labels == ["app": "web"])
        #expect(policy.match.conditions.map(\.name) == ["notSystem"])
        #expect(policy.variables.map(\.name) == ["replicas"])
        #expect(policy.each == nil)
        #expect(policy.validations.first?.message == "run at least two replicas")
    }

    @Test(arguments: InvalidPolicy.all)
    func invalidPolicyReportsPosition(_ invalid: InvalidPolicy) {
        let (policies, diagnostics) = PolicyLoader.load(invalid.text, file: "policy.yaml")
        #expect(policies.isEmpty)
        #expect(
            diagnostics.map { "\($0.location): \($0.message)" } == [
                "policy.yaml:\(invalid.position): \(invalid.message)"
            ])
        #expect(diagnostics.allSatisfy { $0.level == .error })
    }

    @Test func everyProblemOfAPolicyIsReported() {
        let text = """
            id: K8s
            title: [Test]
            severity: high
            kinds: [kubernetes]
            validations:
            - expression: objct.x
            """
        let (policies, diagnostics) = PolicyLoader.load(text, file: "p.yaml")
        #expect(policies.isEmpty)
        #expect(diagnostics.map(\.location.description) == ["p.yaml:1:5", "p.yaml:2:8", "p.yaml:6:15"])
    }

    @Test func multiDocumentFileLoadsGoodPoliciesAndSkipsOtherObjects() {
        let text = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: replicas}
            ---
            id: k8s-bad
            title: Bad
            severity: hihg
            kinds: [kubernetes]
            validations:
            - expression: "true"
            ---
            id: k8s-good
            title: Good
            severity: medium
            kinds: [kubernetes]
            validations:
            - expression: "true"
            """
        let (policies, diagnostics) = PolicyLoader.load(text, file: "many.yaml")
        #expect(policies.map(\.id) == ["k8s-good"])
        #expect(policies.first?.location.line == 12)
        #expect(diagnostics.map(\.location.description) == ["many.yaml:7:11"])
    }

    @Test func duplicateIdIsReportedAtTheSecond() {
        let text = """
            id: k8s-same
            title: First
            severity: low
            kinds: [kubernetes]
            validations: [{expression: "true"}]
            ---
            title: Second
            id: k8s-same
            severity: low
            kinds: [kubernetes]
            validations: [{expression: "true"}]
            """
        let (policies, diagnostics) = PolicyLoader.load(text, file: "dup.yaml")
        #expect(policies.map(\.title) == ["First"])
        #expect(
            diagnostics.map { "\($0.location): \($0.message)" }
                == ["dup.yaml:8:5: duplicate policy id \"k8s-same\" (first at line 1)"])
    }

    @Test func yamlSyntaxErrorIsADiagnostic() {
        let (policies, diagnostics) = PolicyLoader.load("id: [k8s-x\n", file: "broken.yaml")
        #expect(policies.isEmpty)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.level == .error)
        #expect(diagnostics.first?.location.file == "broken.yaml")
    }
}

/// A policy with one mistake, the message it must give and where (`line:column`).
struct InvalidPolicy: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var message: String
    var position: String

    var testDescription: String { name }

    /// A valid policy with `line` replaced (1-based) by `replacement`; `nil` deletes the line.
    static func editing(_ line: Int, _ replacement: String?) -> String {
        var lines = [
            "id: k8s-test",
            "title: Test policy",
            "severity: high",
            "kinds: [kubernetes]",
            "validations:",
            "- expression: object.spec.replicas > 1",
        ]
        if let replacement { lines[line - 1] = replacement } else { lines.remove(at: line - 1) }
        return lines.joined(separator: "\n") + "\n"
    }

    static let all: [InvalidPolicy] = [
        InvalidPolicy(
            name: "missing id", text: editing(1, nil), message: "missing required key \"id\"", position: "1:1"),
        InvalidPolicy(
            name: "missing title", text: editing(2, nil), message: "missing required key \"title\"", position: "1:1"),
        InvalidPolicy(
            name: "missing severity", text: editing(3, nil), message: "missing required key \"severity\"",
            position: "1:1"),
        InvalidPolicy(
            name: "missing kinds", text: editing(4, nil), message: "missing required key \"kinds\"", position: "1:1"),
        InvalidPolicy(
            name: "missing validations", text: "id: k8s-test\ntitle: Test\nseverity: high\nkinds: [kubernetes]\n",
            message: "missing required key \"validations\"", position: "1:1"),
        InvalidPolicy(
            name: "no validations",
            text: "id: k8s-test\ntitle: Test\nseverity: high\nkinds: [kubernetes]\nvalidations: []\n",
            message: "\"validations\" must hold at least one validation", position: "5:14"),
        InvalidPolicy(
            name: "validation without expression", text: editing(6, "- message: too few replicas"),
            message: "missing required key \"expression\" in \"validations[0]\"", position: "6:3"),
        InvalidPolicy(
            name: "id not kebab-case", text: editing(1, "id: K8s_Test"),
            message:
                "policy id \"K8s_Test\" is not kebab-case (lowercase letters and digits joined by single hyphens)",
            position: "1:5"),
        InvalidPolicy(
            name: "unknown severity", text: editing(3, "severity: hihg"),
            message: "unknown severity \"hihg\" (expected one of info, low, medium, high, critical)", position: "3:11"),
        InvalidPolicy(
            name: "unknown mode", text: editing(3, "severity: high\nmode: enforcing"),
            message: "unknown mode \"enforcing\" (expected one of enforce, warn, audit)", position: "4:7"),
        InvalidPolicy(
            name: "misspelt key", text: editing(3, "severty: high"),
            message: "unknown key \"severty\"; did you mean \"severity\"?", position: "3:1"),
        InvalidPolicy(
            name: "misspelt key in match", text: editing(4, "kinds: [kubernetes]\nmatch: {resource: [Pod]}"),
            message: "unknown key \"resource\" in \"match\"; did you mean \"resources\"?", position: "5:9"),
        InvalidPolicy(
            name: "misspelt key in validation", text: editing(6, "- expresion: \"true\""),
            message: "unknown key \"expresion\" in \"validations[0]\"; did you mean \"expression\"?",
            position: "6:3"),
        InvalidPolicy(
            name: "unknown kind", text: editing(4, "kinds: [kubernetes, kubernets]"),
            message: "unknown kind \"kubernets\"; did you mean \"kubernetes\"?", position: "4:21"),
        InvalidPolicy(
            name: "title not a string", text: editing(2, "title: [a, b]"), message: "\"title\" must be a string",
            position: "2:8"),
        InvalidPolicy(
            name: "kinds not a list", text: editing(4, "kinds: kubernetes"), message: "\"kinds\" must be a list",
            position: "4:8"),
        InvalidPolicy(
            name: "deprecated not a bool", text: editing(4, "kinds: [kubernetes]\ndeprecated: \"yes\""),
            message: "\"deprecated\" must be true or false", position: "5:13"),
        InvalidPolicy(
            name: "framework control not a string", text: editing(4, "kinds: [kubernetes]\nframeworks: {soc2: [1.10]}"),
            message: "\"frameworks.soc2\" must be a list of strings (quote numbers such as \"1.10\")", position: "5:21"),
        InvalidPolicy(
            name: "expression not a string", text: editing(6, "- expression: 42"),
            message: "\"validations[0].expression\" must be a string holding a CEL expression", position: "6:15"),
        InvalidPolicy(
            name: "plain expression typo", text: editing(6, "- expression: object.spec.replicas > objct.minimum"),
            message: "undeclared reference to 'objct'", position: "6:38"),
        InvalidPolicy(
            name: "double-quoted expression typo", text: editing(6, "- expression: \"!has(objct.spec)\""),
            message: "undeclared reference to 'objct'", position: "6:21"),
        InvalidPolicy(
            name: "single-quoted expression typo after an escape",
            text: editing(6, "- expression: 'object.kind == ''Pod'' && objct.x'"),
            message: "undeclared reference to 'objct'", position: "6:42"),
        InvalidPolicy(
            name: "double-quoted expression typo after an escape",
            text: editing(6, #"- expression: "object.kind == \"Pod\" && objct.x""#),
            message: "undeclared reference to 'objct'", position: "6:42"),
        InvalidPolicy(
            name: "document not a mapping", text: "- id: k8s-test\n",
            message: "the policy document must be a mapping", position: "1:1"),
        InvalidPolicy(
            name: "item without each", text: editing(6, "- expression: item.name != ''"),
            message: "undeclared reference to 'item'", position: "6:15"),
        InvalidPolicy(
            name: "literal block expression typo",
            text: editing(6, "- expression: |\n    object.spec.replicas > 1 &&\n      objct.spec.paused"),
            message: "undeclared reference to 'objct'", position: "8:7"),
        InvalidPolicy(
            name: "folded block expression typo",
            text: editing(6, "- expression: >\n    object.spec.replicas > 1 &&\n    objct.spec.paused"),
            message: "undeclared reference to 'objct'", position: "8:5"),
        InvalidPolicy(
            name: "multi-line plain expression typo",
            text: editing(6, "- expression: object.spec.replicas > 1 &&\n    objct.spec.paused"),
            message: "undeclared reference to 'objct'", position: "7:5"),
        InvalidPolicy(
            name: "message expression typo",
            text: editing(6, "- expression: \"true\"\n  messageExpression: \"'replicas: ' + string(objct.x)\""),
            message: "undeclared reference to 'objct'", position: "7:45"),
        InvalidPolicy(
            name: "variable typo",
            text: editing(5, "variables: {replicas: objct.spec.replicas}\nvalidations:"),
            message: "undeclared reference to 'objct'", position: "5:23"),
        InvalidPolicy(
            name: "match condition typo",
            text: editing(4, "kinds: [kubernetes]\nmatch:\n  matchConditions:\n  - {name: a, expression: objct.x}"),
            message: "undeclared reference to 'objct'", position: "7:27"),
        InvalidPolicy(
            name: "each typo", text: editing(4, "kinds: [kubernetes]\neach: objct.spec.containers"),
            message: "undeclared reference to 'objct'", position: "5:7"),
        InvalidPolicy(
            name: "syntax error at the end", text: editing(6, "- expression: \"object.spec.replicas >\""),
            message: "unexpected end of expression", position: "6:38"),
    ]
}

extension PolicyLoaderTests {
    @Test func testsAreReadAndCheckedWithPositions() throws {
        let good =
            Self.styleGuideExample + """
                tests:
                - name: privileged pod
                  expect: fail
                  findings: 1
                  object: {apiVersion: v1, kind: Pod, metadata: {name: p}}
                - expect: pass
                  file: fixtures/plain.yaml

                """
        let (policies, diagnostics) = PolicyLoader.load(good, file: "p.yaml")
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.rendered() })")
        let tests = try #require(policies.first?.tests)
        #expect(tests.map(\.name) == ["privileged pod", "test 2"])
        #expect(tests.map(\.expect) == [.fail, .pass])
        #expect(tests[0].findings == 1 && tests[0].object != nil && tests[1].file == "fixtures/plain.yaml")
        #expect(tests[0].location.line == 24 && tests[0].location.column == 3)

        let bad =
            Self.styleGuideExample + """
                tests:
                - name: no expectation
                  object: {}
                - expect: maybe
                  file: a.yaml
                - expect: pass
                  findings: 2
                  file: a.yaml
                - expect: fail
                  file: a.yaml
                  object: {}

                """
        let (none, problems) = PolicyLoader.load(bad, file: "p.yaml")
        #expect(none.isEmpty)
        let rendered = problems.map { "\($0.location.line):\($0.location.column): \($0.message)" }
        #expect(rendered.count == 4, "\(rendered)")
        #expect(rendered[0].hasPrefix("24:3: ") && rendered[0].contains("expect"))
        #expect(rendered[1].hasPrefix("26:11: ") && rendered[1].contains("maybe"))
        #expect(rendered[2] == "29:13: \"tests[2].findings\" must be a positive count, on a test that expects fail")
        #expect(rendered[3] == "31:3: tests[3] needs exactly one of \"file\" and \"object\"")
    }
}
