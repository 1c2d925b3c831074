import KubernetesInput
import PolicyEngine
import PolicyModel
import Testing

/// The offline cluster state, the REST names of kinds, label selectors, and what Palisade's own
/// policies read of the state.
struct ClusterStateTests {
    /// A kind and the resource a cluster serves it as.
    struct PluralCase: Sendable, CustomTestStringConvertible {
        var kind: String
        var plural: String
        var testDescription: String { "\(kind) → \(plural)" }
    }

    static let plurals: [PluralCase] = [
        ("Pod", "pods"), ("Deployment", "deployments"), ("NetworkPolicy", "networkpolicies"),
        ("Ingress", "ingresses"), ("IngressClass", "ingressclasses"), ("Endpoints", "endpoints"),
        ("EndpointSlice", "endpointslices"), ("ComponentStatus", "componentstatuses"),
        ("CSIStorageCapacity", "csistoragecapacities"), ("Gateway", "gateways"), ("ClusterPolicy", "clusterpolicies"),
        ("IPAddress", "ipaddresses"), ("Mesh", "meshes"), ("Box", "boxes"),
    ].map { PluralCase(kind: $0.0, plural: $0.1) }

    @Test(arguments: plurals)
    func pluralOfKind(_ pluralCase: PluralCase) {
        #expect(ResourceNames.plural(of: pluralCase.kind) == pluralCase.plural)
    }

    @Test func customResourceDefinitionsInTheStateNameTheirResources() throws {
        let definition = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: octopi.example.com}
            spec:
              group: example.com
              scope: Cluster
              names: {kind: Octopus, plural: octopi}
            """
        let (objects, _) = ManifestParser.parse(definition, file: "crd.yaml")
        let state = ClusterState(objects)
        #expect(state.plural(ofKind: "Octopus", group: "example.com") == "octopi")
        #expect(!state.isNamespaced(kind: "Octopus", group: "example.com"))
        #expect(state.plural(ofKind: "Octopus", group: "other.example.com") == "octopuses")
        #expect(state.isNamespaced(kind: "Octopus", group: "other.example.com"))
    }

    @Test func laterObjectsReplaceEarlierOnesWithTheSameIdentity() throws {
        let (first, _) = ManifestParser.parse(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {v: old}\n", file: "state.yaml")
        let (second, _) = ManifestParser.parse(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\ndata: {v: new}\n",
            file: "scan.yaml")
        let state = ClusterState(first).adding(second)
        #expect(state.count == 1)
        #expect(state.objects.first?.file == "scan.yaml")
    }

    @Test func labelSelectorOperators() {
        let labels = ["app": "web", "tier": "front"]
        typealias Requirement = LabelSelector.Requirement
        #expect(LabelSelector().matches(labels))
        #expect(LabelSelector(matchLabels: ["app": "web"]).matches(labels))
        #expect(!LabelSelector(matchLabels: ["app": "web", "env": "prod"]).matches(labels))
        #expect(Requirement(key: "tier", operator: .in, values: ["front", "back"]).matches(labels))
        #expect(!Requirement(key: "env", operator: .in, values: ["prod"]).matches(labels))
        #expect(Requirement(key: "env", operator: .notIn, values: ["prod"]).matches(labels))
        #expect(!Requirement(key: "app", operator: .notIn, values: ["web"]).matches(labels))
        #expect(Requirement(key: "app", operator: .exists).matches(labels))
        #expect(!Requirement(key: "env", operator: .exists).matches(labels))
        #expect(Requirement(key: "env", operator: .doesNotExist).matches(labels))
        #expect(!Requirement(key: "app", operator: .doesNotExist).matches(labels))
    }

    @Test func nativePoliciesReadTheStateThroughResource() throws {
        let policy = try ScannerTests.policy(
            """
            id: k8s-service-has-endpoints-config
            title: Every Service has a ConfigMap of the same name
            severity: low
            kinds: [kubernetes]
            match: {resources: [Service]}
            variables:
              configs: resource.List('v1', 'configmaps', object.metadata.namespace).items
            validations:
            - expression: "variables.configs.exists(c, c.metadata.name == object.metadata.name)"
              messageExpression: "'no ConfigMap ' + object.metadata.name + ' among ' + string(size(variables.configs))"
            - expression: "resource.Get('v1', 'namespaces', '', object.metadata.namespace).metadata.name != ''"
            """)
        let manifests = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: shop}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: web, namespace: shop}
            """
        let (resources, _) = ManifestParser.parse(manifests, file: "deploy.yaml")
        let (namespaces, _) = ManifestParser.parse(
            "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n", file: "state.yaml")
        let (findings, diagnostics) = Scanner(policies: [policy], state: ClusterState(namespaces)).scan(resources)
        #expect(diagnostics.isEmpty, "\(diagnostics.map { $0.rendered() })")
        #expect(findings.map(\.message) == ["no ConfigMap api among 1"])
        // Without the Namespace in the state, `resource.Get` fails: a warning, as for any native error.
        let (_, missing) = Scanner(policies: [policy]).scan(resources)
        #expect(missing.count == 2)
        #expect(missing.allSatisfy { $0.message.contains("failed to get resource: namespaces \"shop\" not found") })
    }
}
