import KubernetesInput
import PolicyEngine
import PolicyModel
import Testing

/// ValidatingAdmissionPolicies and their bindings, read as they are and applied as an API server
/// would apply them to the scanned objects.
struct AdmissionPolicyTests {
    /// Loads the policy files as one set, then scans `manifests` (as `deploy.yaml`) against them
    /// with the state found beside the policies.
    static func run(
        _ files: [(file: String, text: String)], _ manifests: String
    ) -> (findings: [Finding], diagnostics: [Diagnostic], loading: [Diagnostic]) {
        let loaded = PolicyLoader.load(files)
        let (resources, parseDiagnostics) = ManifestParser.parse(manifests, file: "deploy.yaml")
        #expect(parseDiagnostics.isEmpty, "\(parseDiagnostics.map { $0.rendered() })")
        let (findings, diagnostics) = Scanner(policies: loaded.policies, state: ClusterState(loaded.state))
            .scan(resources)
        return (findings, diagnostics, loaded.diagnostics)
    }

    /// The replica limit of the Kubernetes documentation: parameters from a custom resource.
    static let replicaLimitPolicy = """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata:
          name: replicalimit-policy.example.com
        spec:
          failurePolicy: Fail
          paramKind:
            apiVersion: rules.example.com/v1
            kind: ReplicaLimit
          matchConstraints:
            resourceRules:
            - apiGroups:   ["apps"]
              apiVersions: ["v1"]
              operations:  ["CREATE", "UPDATE"]
              resources:   ["deployments"]
          validations:
          - expression: "object.spec.replicas <= params.maxReplicas"
            reason: Invalid

        """

    /// A binding by name, for namespaces labelled `environment: test`, and its parameters.
    static let replicaLimitBinding = """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata:
          name: replicalimit-binding-test.example.com
        spec:
          policyName: replicalimit-policy.example.com
          validationActions: [Deny]
          paramRef:
            name: replica-limit-test.example.com
            namespace: default
            parameterNotFoundAction: Deny
          matchResources:
            namespaceSelector:
              matchLabels:
                environment: test
        ---
        apiVersion: rules.example.com/v1
        kind: ReplicaLimit
        metadata:
          name: replica-limit-test.example.com
          namespace: default
        maxReplicas: 3
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: default
          labels: {environment: test}

        """

    /// Two Deployments, five replicas each (line 8 and line 17), in `default` and in `prod`.
    static let deployments = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
          labels: {app: web}
        spec:
          replicas: 5
          template: {spec: {containers: [{name: web, image: nginx}]}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          namespace: prod
        spec:
          replicas: 5
          template: {spec: {containers: [{name: api, image: nginx}]}}

        """

    /// A policy on Deployments with the given spec lines after `matchConstraints`.
    static func deploymentPolicy(_ name: String, _ rest: String, failurePolicy: String = "Fail") -> String {
        """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata:
          name: \(name)
        spec:
          failurePolicy: \(failurePolicy)
          matchConstraints:
            resourceRules:
            - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}
        \(rest)
        """
    }

    // MARK: - Parameters

    @Test func replicaLimitByParamRefNameDeniesInTheSelectedNamespace() throws {
        let (findings, diagnostics, loading) = Self.run(
            [("policy.yaml", Self.replicaLimitPolicy), ("binding.yaml", Self.replicaLimitBinding)], Self.deployments)
        #expect(loading.isEmpty, "\(loading.map { $0.rendered() })")
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.rendered() })")
        // `prod` is not in the state, so its only label is kubernetes.io/metadata.name: not selected.
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.policyID == "vap:replicalimit-policy.example.com")
        #expect(finding.title == "ValidatingAdmissionPolicy replicalimit-policy.example.com")
        #expect(finding.severity == .high)
        #expect(finding.mode == "enforce")
        #expect(
            finding.message
                == "failed expression: object.spec.replicas <= params.maxReplicas "
                + "(binding replicalimit-binding-test.example.com)")
        #expect(finding.resource == "Deployment/default/web")
        #expect(finding.location.description == "deploy.yaml:8:13")
        #expect(finding.path == "spec.replicas")
    }

    @Test func paramRefSelectorFindsTheParametersOfTheObjectsNamespace() throws {
        let policy = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: replica-limit}
            spec:
              paramKind: {apiVersion: v1, kind: ConfigMap}
              matchConstraints:
                resourceRules:
                - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
              validations:
              - expression: "object.spec.replicas <= int(params.data.maxReplicas)"
                messageExpression: "'at most ' + params.data.maxReplicas + ' replicas in ' + params.metadata.namespace"
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: per-namespace}
            spec:
              policyName: replica-limit
              validationActions: [Warn, Audit]
              paramRef:
                selector: {matchLabels: {policy: replicas}}
                parameterNotFoundAction: Allow
            """
        let state = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: limit, namespace: prod, labels: {policy: replicas}}
            data: {maxReplicas: "4"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: strict, namespace: prod, labels: {policy: replicas}}
            data: {maxReplicas: "2"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: unrelated, namespace: default}
            data: {maxReplicas: "1"}
            """
        let (findings, diagnostics, loading) = Self.run(
            [("policy.yaml", policy), ("state/configmaps.yaml", state)], Self.deployments)
        #expect(loading.isEmpty, "\(loading.map { $0.rendered() })")
        // Both parameter objects of `prod` are evaluated; `default` has none, and Allow admits.
        #expect(
            findings.map(\.message) == [
                "at most 2 replicas in prod (binding per-namespace)",
                "at most 4 replicas in prod (binding per-namespace)",
            ])
        #expect(findings.allSatisfy { $0.mode == "warn" && $0.resource == "Deployment/prod/api" })
        let warning = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(warning.level == .warning)
        #expect(warning.message.contains("parameterNotFoundAction Allow admits Deployment/default/web"))
    }

    @Test func missingParametersWithDenyAreDeniedUnderFailAndAdmittedUnderIgnore() throws {
        let binding = Self.replicaLimitBinding.replacing(
            "name: replica-limit-test.example.com\n    namespace", with: "name: absent\n    namespace")
        let (findings, diagnostics, _) = Self.run(
            [("policy.yaml", Self.replicaLimitPolicy), ("binding.yaml", binding)], Self.deployments)
        #expect(diagnostics.isEmpty)
        #expect(
            findings.map(\.message) == [
                "failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction "
                    + "(binding replicalimit-binding-test.example.com)"
            ])
        #expect(findings.first?.mode == "enforce")
        #expect(findings.first?.location.description == "deploy.yaml:1:1")

        let ignoring = Self.replicaLimitPolicy.replacing("failurePolicy: Fail", with: "failurePolicy: Ignore")
        let ignored = Self.run([("policy.yaml", ignoring), ("binding.yaml", binding)], Self.deployments)
        #expect(ignored.findings.isEmpty)
        #expect(ignored.diagnostics.map(\.level) == [.warning])
        #expect(ignored.diagnostics.first?.message.contains("failurePolicy Ignore admits it") == true)
    }

    @Test func missingParametersWithAllowAdmitWithAWarning() throws {
        let binding = Self.replicaLimitBinding
            .replacing("name: replica-limit-test.example.com\n    namespace", with: "name: absent\n    namespace")
            .replacing("parameterNotFoundAction: Deny", with: "parameterNotFoundAction: Allow")
        let (findings, diagnostics, _) = Self.run(
            [("policy.yaml", Self.replicaLimitPolicy), ("binding.yaml", binding)], Self.deployments)
        #expect(findings.isEmpty)
        #expect(diagnostics.map(\.level) == [.warning])
        #expect(diagnostics.first?.message.contains("no ReplicaLimit (rules.example.com/v1) object") == true)
    }

    @Test func policyWithParamKindAndNoBindingRunsOnlyIfItToleratesNullParams() throws {
        let (findings, diagnostics, loading) = Self.run([("policy.yaml", Self.replicaLimitPolicy)], Self.deployments)
        #expect(loading.map(\.level) == [.notice])
        #expect(loading.first?.message.contains("has no binding among the policies") == true)
        #expect(findings.isEmpty)
        // Not a pass: each Deployment gets an error diagnostic at the expression.
        #expect(diagnostics.count == 2)
        #expect(diagnostics.allSatisfy { $0.level == .error && $0.location.description == "policy.yaml:17:17" })
        #expect(diagnostics.first?.message.contains("is not evaluable on Deployment/default/web") == true)
        #expect(diagnostics.first?.message.contains("paramKind ReplicaLimit (rules.example.com/v1)") == true)

        let tolerant = Self.replicaLimitPolicy.replacing(
            "\"object.spec.replicas <= params.maxReplicas\"",
            with: "\"params == null ? object.spec.replicas <= 4 : object.spec.replicas <= params.maxReplicas\"")
        let applied = Self.run([("policy.yaml", tolerant)], Self.deployments)
        #expect(applied.diagnostics.isEmpty)
        #expect(applied.findings.map(\.resource) == ["Deployment/default/web", "Deployment/prod/api"])
        #expect(applied.findings.allSatisfy { $0.mode == "enforce" })
    }

    // MARK: - Matching

    @Test func namespaceSelectorReadsNamespacesFromTheState() throws {
        let policy = Self.deploymentPolicy(
            "prod-only",
            """
                namespaceSelector:
                  matchExpressions:
                  - {key: tier, operator: In, values: [production]}
                  - {key: exempt, operator: DoesNotExist}
              validations:
              - expression: "false"
                message: denied
            """)
        let namespaces = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: prod, labels: {tier: production}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: default, labels: {tier: production, exempt: "yes"}}
            """
        let (findings, _, loading) = Self.run(
            [("policy.yaml", policy), ("namespaces.yaml", namespaces)], Self.deployments)
        #expect(loading.map(\.level) == [.notice])
        #expect(findings.map(\.resource) == ["Deployment/prod/api"])
        // A namespace the state does not have carries only kubernetes.io/metadata.name.
        let byName = Self.deploymentPolicy(
            "by-name",
            """
                namespaceSelector:
                  matchLabels: {kubernetes.io/metadata.name: prod}
              validations:
              - expression: "false"
            """)
        #expect(
            Self.run([("policy.yaml", byName)], Self.deployments).findings.map(\.resource) == ["Deployment/prod/api"])
    }

    @Test func excludeResourceRulesAndObjectSelectorNarrowTheMatch() throws {
        let policy = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: narrowed}
            spec:
              matchConstraints:
                resourceRules:
                - {apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"]}
                excludeResourceRules:
                - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments], resourceNames: [api]}
                objectSelector:
                  matchExpressions:
                  - {key: app, operator: NotIn, values: [db]}
              validations:
              - expression: "false"
                message: seen
            """
        let manifests =
            Self.deployments + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: db, namespace: default, labels: {app: db}}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny-all, namespace: default}
                spec: {podSelector: {}}
                """
        let (findings, _, _) = Self.run([("policy.yaml", policy)], manifests)
        #expect(findings.map(\.resource) == ["Deployment/default/web", "NetworkPolicy/default/deny-all"])
    }

    @Test func resourceRulesMatchPluralResourcesScopesAndVersions() throws {
        let policy = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: rules}
            spec:
              matchConstraints:
                matchPolicy: Exact
                resourceRules:
                - {apiGroups: [networking.k8s.io], apiVersions: [v1], operations: [CREATE], resources: [networkpolicies, ingresses]}
                - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [endpoints, "pods/*"]}
                - {apiGroups: ["*"], apiVersions: ["*"], operations: [UPDATE], resources: ["*"]}
                - {apiGroups: ["*"], apiVersions: ["*"], operations: [CREATE], resources: ["*"], scope: Cluster}
              validations:
              - expression: "false"
            """
        let manifests = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: ingress}
            ---
            apiVersion: networking.k8s.io/v1beta1
            kind: Ingress
            metadata: {name: old-ingress}
            ---
            apiVersion: v1
            kind: Endpoints
            metadata: {name: endpoints}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: pod}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: service}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: cluster-role}
            """
        let (findings, _, _) = Self.run([("policy.yaml", policy)], manifests)
        // `Exact` leaves out the v1beta1 Ingress; UPDATE-only rules never match an offline CREATE.
        #expect(
            findings.map(\.resource) == [
                "Ingress/default/ingress", "Endpoints/default/endpoints", "Pod/default/pod", "ClusterRole/cluster-role",
            ])
        let equivalent = policy.replacing("matchPolicy: Exact", with: "matchPolicy: Equivalent")
        let converted = Self.run([("policy.yaml", equivalent)], manifests).findings
        #expect(converted.map(\.resource).contains("Ingress/default/old-ingress"))
    }

    @Test func matchConditionsSkipAndTheirErrorsFollowTheFailurePolicy() throws {
        let rest = """
              matchConditions:
              - {name: not-web, expression: "object.metadata.name != 'web'"}
              - {name: labelled, expression: "object.metadata.labels.app != ''"}
              validations:
              - expression: "false"
                message: checked
            """
        // `web` is skipped by its false condition even though nothing errs; `api` has no labels,
        // so the second condition fails to evaluate.
        let failing = Self.run([("policy.yaml", Self.deploymentPolicy("conditions", rest))], Self.deployments)
        #expect(failing.findings.map(\.resource) == ["Deployment/prod/api"])
        #expect(
            failing.findings.first?.message.hasPrefix(
                "expression 'object.metadata.labels.app != ''' resulted in error: ") == true)
        let ignoring = Self.run(
            [("policy.yaml", Self.deploymentPolicy("conditions", rest, failurePolicy: "Ignore"))], Self.deployments)
        #expect(ignoring.findings.isEmpty)
        #expect(ignoring.diagnostics.map(\.level) == [.warning])
        #expect(ignoring.diagnostics.first?.location.description == "policy.yaml:12:34")
    }

    // MARK: - Outcomes

    @Test func messageExpressionWinsOverMessageUnlessItIsEmptyOrMultiLine() throws {
        let policy = Self.deploymentPolicy(
            "messages",
            """
              validations:
              - expression: "object.spec.replicas <= 2"
                message: too many replicas
                messageExpression: "'replicas ' + string(object.spec.replicas) + ' exceed 2 in ' + request.namespace"
              - expression: "object.spec.replicas <= 2"
                message: "  fallback message  "
                messageExpression: "'two\\\\nlines'"
              - expression: "object.spec.replicas <= 2"
                messageExpression: "'   '"
            """)
        let (findings, _, loading) = Self.run([("policy.yaml", policy)], Self.deployments)
        #expect(loading.map(\.level) == [.notice])
        #expect(
            findings.filter { $0.resource == "Deployment/default/web" }.map(\.message) == [
                "failed expression: object.spec.replicas <= 2", "fallback message", "replicas 5 exceed 2 in default",
            ])
    }

    @Test func warnAndAuditActionsGiveFindingsOfThoseModes() throws {
        let policy = Self.deploymentPolicy(
            "few-replicas",
            """
              validations:
              - expression: "object.spec.replicas <= 2"
            """)
        func binding(_ name: String, _ actions: String) -> String {
            """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: \(name)}
            spec:
              policyName: few-replicas
              validationActions: \(actions)
              matchResources:
                namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: \(name)}}
            """
        }
        let bindings = binding("default", "[Warn]") + "\n---\n" + binding("prod", "[Audit]")
        let (findings, _, loading) = Self.run([("policy.yaml", policy), ("bindings.yaml", bindings)], Self.deployments)
        #expect(loading.isEmpty, "\(loading.map { $0.rendered() })")
        #expect(findings.map(\.mode) == ["warn", "audit"])
        #expect(findings.map(\.resource) == ["Deployment/default/web", "Deployment/prod/api"])
    }

    @Test func evaluationErrorIsAFindingUnderFailAndAWarningUnderIgnore() throws {
        let rest = """
              validations:
              - expression: "object.spec.strategy.type == 'Recreate'"
            """
        let failing = Self.run([("policy.yaml", Self.deploymentPolicy("strategy", rest))], Self.deployments)
        #expect(failing.diagnostics.isEmpty)
        #expect(failing.findings.count == 2)
        #expect(
            failing.findings.first?.message
                == "expression 'object.spec.strategy.type == 'Recreate'' resulted in error: no such key: strategy")
        // The finding points at the deepest part of the path that is written.
        #expect(failing.findings.first?.path == "spec")
        let ignoring = Self.run(
            [("policy.yaml", Self.deploymentPolicy("strategy", rest, failurePolicy: "Ignore"))], Self.deployments)
        #expect(ignoring.findings.isEmpty)
        #expect(ignoring.diagnostics.map(\.level) == [.warning, .warning])
        #expect(ignoring.diagnostics.first?.location.description == "policy.yaml:11:17")
    }

    @Test func authorizerIsNotEvaluableOfflineUnlessTheResultDoesNotNeedIt() throws {
        let policy = Self.deploymentPolicy(
            "authorized",
            """
              validations:
              - expression: "authorizer.group('apps').resource('deployments').namespace('default').check('scale').allowed()"
              - expression: "object.spec.replicas > 0 || authorizer.requestResource.check('update').allowed()"
            """)
        let (findings, diagnostics, _) = Self.run([("policy.yaml", policy)], Self.deployments)
        #expect(findings.isEmpty)
        #expect(diagnostics.count == 2)
        #expect(diagnostics.allSatisfy { $0.level == .error && $0.location.description == "policy.yaml:11:17" })
        #expect(
            diagnostics.first?.message.hasSuffix(
                "is not evaluable on Deployment/default/web (deploy.yaml:1:1): validation: "
                    + "the authorizer is not available without a cluster") == true)
    }

    @Test func requestAndNamespaceObjectDescribeTheCreation() throws {
        let policy = Self.deploymentPolicy(
            "request",
            """
              validations:
              - expression: >-
                  request.operation == 'CREATE' && request.kind.kind == 'Deployment' &&
                  request.resource.resource == 'deployments' && request.resource.group == 'apps' &&
                  request.userInfo.username == 'palisade-offline' && !has(request.subResource) &&
                  request.name == object.metadata.name && oldObject == null
              - expression: "namespaceObject.metadata.labels['kubernetes.io/metadata.name'] == request.namespace"
              - expression: "namespaceObject.metadata.?labels.team.orValue('') == 'payments'"
                messageExpression: "'namespace ' + namespaceObject.metadata.name + ' is not owned by payments'"
            """)
        let namespace = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: prod, labels: {team: payments}}
            """
        let (findings, diagnostics, _) = Self.run(
            [("policy.yaml", policy), ("namespace.yaml", namespace)], Self.deployments)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.rendered() })")
        #expect(findings.map(\.message) == ["namespace default is not owned by payments"])
    }

    @Test func auditAnnotationsAreReportedAndTheirErrorsDenyUnderFail() throws {
        let policy = Self.deploymentPolicy(
            "annotated",
            """
              validations:
              - expression: "true"
              auditAnnotations:
              - key: high-replica-count
                valueExpression: "object.spec.replicas > 4 ? 'Deployment spec.replicas set to ' + string(object.spec.replicas) : null"
              - key: bad-type
                valueExpression: "object.metadata.name == 'api' ? 1 : null"
            """)
        let binding = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: audit-only}
            spec: {policyName: annotated, validationActions: [Audit]}
            """
        let (findings, diagnostics, _) = Self.run(
            [("policy.yaml", policy), ("binding.yaml", binding)], Self.deployments)
        #expect(diagnostics.map(\.level) == [.notice, .notice])
        #expect(
            diagnostics.first?.message
                == "policy \"vap:annotated\" (binding audit-only): audit annotation \"annotated/high-replica-count\" is "
                + "\"Deployment spec.replicas set to 5\" for Deployment/default/web (deploy.yaml:1:1)")
        // A value of the wrong type is an error, which denies whatever the validation actions.
        #expect(findings.map(\.resource) == ["Deployment/prod/api"])
        #expect(findings.first?.mode == "enforce")
        #expect(findings.first?.message.contains("resulted in unsupported return type: int") == true)
    }

    // MARK: - Loading

    @Test func severityAndTitleComeFromAnnotations() throws {
        let policy = """
            apiVersion: admissionregistration.k8s.io/v1beta1
            kind: ValidatingAdmissionPolicy
            metadata:
              name: labelled
              annotations: {palisade.dev/severity: critical, palisade.dev/title: Deployments need an owner}
            spec:
              matchConstraints:
                resourceRules:
                - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
              validations:
              - expression: "has(object.metadata.labels) && 'owner' in object.metadata.labels"
            """
        let (findings, _, _) = Self.run([("policy.yaml", policy)], Self.deployments)
        #expect(findings.map(\.severity) == [.critical, .critical])
        #expect(findings.first?.title == "Deployments need an owner")
        // The first path the expression reads is `object.metadata.labels`, written on line 6.
        #expect(findings.map(\.path) == ["metadata.labels", "metadata"])
        #expect(findings.first?.location.line == 6)
    }

    @Test func brokenExpressionIsReportedAtItsFilePosition() throws {
        let policy = Self.deploymentPolicy(
            "broken",
            """
              validations:
              - expression: "object.spec.replicas <= "
              - expression: "object.spec.replicas < 10"
                messageExpression: "'too many: ' + undefinedThing"
            """)
        let (policies, diagnostics) = PolicyLoader.load(policy, file: "broken.yaml")
        #expect(policies.isEmpty)
        #expect(
            diagnostics.filter { $0.level == .error }.map(\.location.description) == [
                "broken.yaml:11:42", "broken.yaml:13:40",
            ])
        #expect(diagnostics.contains { $0.message == "undeclared reference to 'undefinedThing'" })
    }

    @Test func fieldsAreCheckedAsTheAPIServerChecksThem() throws {
        let policy = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: checked}
            spec:
              failurePolicy: Sometimes
              matchConstraint:
                resourceRules: []
              validations:
              - expression: "true"
                reason: Teapot
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: checked-binding}
            spec:
              policyName: checked
              validationActions: [Deny, Warn]
              paramRef:
                name: x
                selector: {matchExpressions: [{key: a, operator: Exists, values: [b]}]}
            """
        let (policies, diagnostics) = PolicyLoader.load(policy, file: "checked.yaml")
        #expect(policies.isEmpty)
        #expect(
            diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" } == [
                "5:18: unknown failurePolicy \"Sometimes\" (expected one of Fail, Ignore)",
                "6:3: unknown key \"matchConstraint\" in \"spec\"; did you mean \"matchConstraints\"?",
                "10:13: unknown reason \"Teapot\" (expected one of Unauthorized, Forbidden, Invalid, RequestEntityTooLarge)",
                "17:22: \"spec.validationActions\" may not hold both Deny and Warn",
                "19:5: exactly one of \"spec.paramRef.name\" and \"spec.paramRef.selector\" must be set",
                "19:5: missing required key \"parameterNotFoundAction\" in \"spec.paramRef\"",
                "20:70: \"spec.paramRef.selector.matchExpressions[0].values\" must be empty for the operator Exists",
            ])
    }

    @Test func expressionsCompileInTheAPIServersEnvironments() throws {
        let policy = Self.deploymentPolicy(
            "environments",
            """
              matchConditions:
              - {name: labelled-namespace, expression: "has(namespaceObject.metadata.labels)"}
              - {name: no-variables, expression: "variables.x == 1"}
              variables:
              - {name: x, expression: "1"}
              validations:
              - expression: "params.max > 1"
                messageExpression: "authorizer.group('').resource('pods').check('get').reason()"
              auditAnnotations:
              - {key: who, valueExpression: "authorizer.requestResource.check('get').reason()"}
            """)
        let (policies, diagnostics) = PolicyLoader.load(policy, file: "env.yaml")
        #expect(policies.isEmpty)
        // No `variables` in match conditions, no `params` without a paramKind, no authorizer in
        // messages and audit annotations.
        #expect(
            diagnostics.map { "\($0.location.line): \($0.message)" } == [
                "12: undeclared reference to 'variables'", "16: undeclared reference to 'params'",
                // Palisade's checker names the method it cannot resolve before its receiver.
                "17: undeclared reference to 'reason'", "19: undeclared reference to 'reason'",
            ])
    }

    @Test func bindingWithoutItsPolicyIsNotApplied() throws {
        let binding = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: orphan}
            spec: {policyName: elsewhere, validationActions: [Deny]}
            """
        let loaded = PolicyLoader.load([(file: "binding.yaml", text: binding)])
        #expect(loaded.policies.isEmpty)
        #expect(loaded.diagnostics.map(\.level) == [.warning])
        #expect(loaded.diagnostics.first?.message.contains("\"elsewhere\", which is not among the policies") == true)
    }

    @Test func everyBindingMakesOneCopyOfItsPolicy() throws {
        let bindings =
            Self.replicaLimitBinding + """
                ---
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: second}
                spec: {policyName: replicalimit-policy.example.com, validationActions: [Audit]}
                """
        let loaded = PolicyLoader.load([
            (file: "policy.yaml", text: Self.replicaLimitPolicy), (file: "b.yaml", text: bindings),
        ])
        #expect(loaded.diagnostics.isEmpty)
        #expect(loaded.policies.map(\.id) == Array(repeating: "vap:replicalimit-policy.example.com", count: 2))
        #expect(loaded.policies.map(\.mode) == [.enforce, .audit])
        #expect(
            loaded.policies.map { $0.admission?.bindingName } == ["replicalimit-binding-test.example.com", "second"])
        // The parameters and the Namespace beside the policies are state.
        #expect(
            loaded.state.map(\.identity) == [
                "ReplicaLimit/default/replica-limit-test.example.com", "Namespace/default",
            ])
    }
}
