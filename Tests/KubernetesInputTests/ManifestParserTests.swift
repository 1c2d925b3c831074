import KubernetesInput
import PolicyModel
import Testing

struct ManifestParserTests {
    // MARK: - Documents and identities

    @Test func everyDocumentBecomesAResourceAtItsOwnLine() throws {
        let yaml = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            # the shop's front end
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            """
        let result = ManifestParser.parse(yaml, file: "deploy/shop.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.resources.map(\.identity) == ["Namespace/shop", "Deployment/shop/web", "Service/default/web"])
        #expect(result.resources.map(\.type) == ["Namespace", "Deployment", "Service"])
        #expect(result.resources.map(\.location.line) == [1, 7, 13])
        let deployment = result.resources[1]
        #expect(deployment.inputKind == "kubernetes")
        #expect(deployment.name == "web" && deployment.namespace == "shop")
        #expect(deployment.location.description == "deploy/shop.yaml:7:1")
        #expect(deployment.content["metadata"]?["name"]?.location.line == 10)
        #expect(result.resources[2].namespace == nil)
    }

    @Test func clusterScopedKindsHaveNoNamespaceInTheirIdentity() {
        let yaml = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: reader
            ---
            apiVersion: cert-manager.io/v1
            kind: ClusterIssuer
            metadata:
              name: letsencrypt
              namespace: ignored
            """
        let result = ManifestParser.parse(yaml, file: "rbac.yaml")
        #expect(result.resources.map(\.identity) == ["ClusterRole/reader", "ClusterIssuer/letsencrypt"])
        #expect(result.resources.map(\.namespace) == [nil, "ignored"])
    }

    @Test func namespacedKindsDefaultToTheDefaultNamespace() {
        let yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            ---
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata:
              name: web-tls
              namespace: ""
            ---
            apiVersion: batch/v1
            kind: Job
            metadata:
              generateName: migrate-
            """
        let result = ManifestParser.parse(yaml, file: "app.yaml")
        #expect(
            result.resources.map(\.identity) == [
                "ConfigMap/default/settings", "Certificate/default/web-tls", "Job/default/migrate-",
            ])
        #expect(result.resources[2].name == nil)
    }

    // MARK: - Lists and JSON

    @Test func listsStandForTheirItems() {
        let yaml = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ServiceAccount
              metadata: {name: builder, namespace: ci}
            - not: a kubernetes object
            - apiVersion: v1
              kind: PodList
              items:
              - apiVersion: v1
                kind: Pod
                metadata: {name: runner, namespace: ci}
            ---
            apiVersion: v1
            kind: SecretList
            items: []
            """
        let result = ManifestParser.parse(yaml, file: "export.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(result.resources.map(\.identity) == ["ServiceAccount/ci/builder", "Pod/ci/runner"])
        #expect(result.resources.map(\.location.line) == [4, 11])
        #expect(result.resources.map(\.location.column) == [3, 5])
    }

    @Test func jsonManifestsAndListsAreRead() {
        let json = """
            {
              "apiVersion": "v1",
              "kind": "List",
              "items": [
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "shop"}},
                {"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass", "metadata": {"name": "fast"}}
              ]
            }
            """
        let result = ManifestParser.parse(bytes: Array(json.utf8), file: "export.json")
        #expect(result.diagnostics.isEmpty)
        #expect(result.resources.map(\.identity) == ["Pod/shop/web", "StorageClass/fast"])
        #expect(result.resources.map(\.location.line) == [5, 6])
        #expect(result.resources[0].content["metadata"]?["name"]?.string == "web")
    }

    @Test func documentsThatAreNotKubernetesObjectsArePassedOverSilently() {
        let yaml = """
            replicaCount: 2
            image: {repository: nginx, tag: "1.27"}
            ---
            on: push
            jobs:
              build: {runs-on: ubuntu-latest}
            ---
            kind: Deployment
            ---
            apiVersion: v1
            kind: 42
            ---
            - apiVersion: v1
              kind: Pod
            ---
            just a string
            """
        let result = ManifestParser.parse(yaml, file: "values.yaml")
        #expect(result.resources.isEmpty)
        #expect(result.diagnostics.isEmpty)
    }

    // MARK: - Errors and templates

    @Test func aParseErrorKeepsTheDocumentsBeforeIt() {
        let yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: token

            """
        let result = ManifestParser.parse(yaml, file: "app.yaml")
        #expect(result.resources.map(\.identity) == ["ConfigMap/default/settings"])
        #expect(result.diagnostics.count == 1)
        let diagnostic = result.diagnostics.first
        #expect(diagnostic?.level == .error)
        #expect(diagnostic?.location == Location(file: "app.yaml", line: 9, column: 1))
        #expect(diagnostic?.rendered().hasPrefix("app.yaml:9:1: error: ") == true)
    }

    @Test func listsOfAliasedListsStopAtTheObjectLimit() {
        var yaml = "pods:\n- &l0 {apiVersion: v1, kind: Pod, metadata: {name: p}}\n"
        for level in 1...6 {
            let items = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "- &l\(level) {apiVersion: v1, kind: List, items: [\(items)]}\n"
        }
        yaml += "---\napiVersion: v1\nkind: List\nitems: [*l6]\n"
        let result = ManifestParser.parse(yaml, file: "bomb.yaml")
        #expect(result.resources.count == ManifestParser.maxResources)
        #expect(
            result.diagnostics.map { $0.rendered() } == ["bomb.yaml:10:1: error: more than 100000 objects in one file"])
    }

    @Test func invalidUTF8IsAnErrorNotATemplate() {
        let bytes = Array("apiVersion: v1\nkind: Pod\nmetadata: {name: \"{{ x }}\"}\n# ".utf8) + [0xFF]
        let result = ManifestParser.parse(bytes: bytes, file: "pod.yaml")
        #expect(result.diagnostics.map(\.level) == [.error])
    }

    @Test(arguments: [
        TemplateCase(
            "in a chart's templates folder", file: "charts/web/templates/service.yaml",
            """
            apiVersion: v1
            kind: Service
            metadata:
              name: "{{ .Release.Name }}-web"
            """),
        TemplateCase(
            "control actions outside a chart", file: "web.yaml",
            """
            {{- if .Values.enabled }}
            apiVersion: v1
            kind: Service
            {{- end }}
            """),
        TemplateCase(
            "quoted Helm values", file: "web.yaml",
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: "{{ .Values.replicas }}"
            """),
        TemplateCase(
            "actions that break the YAML", file: "web.yaml",
            """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ $name }}
            """),
    ])
    func unrenderedHelmTemplatesGiveOneNotice(_ template: TemplateCase) {
        let result = ManifestParser.parse(template.text, file: template.file)
        #expect(result.resources.isEmpty)
        #expect(
            result.diagnostics.map { $0.rendered() } == [
                "\(template.file):1:1: notice: unrendered Helm template: render it with `helm template`"
            ])
    }

    @Test func templateTextInsideRenderedValuesIsNotAHelmTemplate() {
        let yaml = """
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata:
              name: alerts
            spec:
              groups:
              - name: nodes
                rules:
                - alert: NodeDown
                  annotations:
                    summary: "{{ $labels.instance }} is down"
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: alertmanager-templates
            data:
              slack.tmpl: |
                {{ define "slack.title" }}
                {{ .Status | toUpper }}: {{ .CommonLabels.alertname }}
                {{ end }}
            """
        let result = ManifestParser.parse(yaml, file: "monitoring/alerts.yaml")
        #expect(result.diagnostics.isEmpty)
        #expect(
            result.resources.map(\.identity) == [
                "PrometheusRule/default/alerts", "ConfigMap/default/alertmanager-templates",
            ])
    }

    // MARK: - Pod specs

    @Test(arguments: WorkloadCase.all)
    func podSpecIsFoundForEveryWorkloadKind(_ workload: WorkloadCase) throws {
        let result = ManifestParser.parse(workload.yaml, file: "workload.yaml")
        let resource = try #require(result.resources.first)
        #expect(ManifestParser.workloadKinds.contains(workload.kind))
        let spec = try #require(ManifestParser.podSpec(of: resource))
        #expect(spec.location.line == workload.specLine)
        let containers = try #require(spec["containers"])
        guard case .sequence(let items) = containers.content else {
            Issue.record("containers is not a list")
            return
        }
        #expect(items.first?["name"]?.string == "app")
        #expect(items.first?["name"]?.location.line == workload.specLine + 1)
    }

    @Test func workloadKindsAreExactlyThoseWithAPodSpec() {
        #expect(ManifestParser.workloadKinds == Set(WorkloadCase.all.map(\.kind)))
    }

    @Test func absentPodSpecListsAreEmptyListsAtTheSpec() throws {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              initContainers:
              containers:
              - name: app
            """
        let resource = try #require(ManifestParser.parse(yaml, file: "pod.yaml").resources.first)
        let spec = try #require(ManifestParser.podSpec(of: resource))
        for list in ["initContainers", "ephemeralContainers", "volumes"] {
            let value = try #require(spec[list], "\(list) is missing")
            guard case .sequence(let items) = value.content else {
                Issue.record("\(list) is not a list")
                continue
            }
            #expect(items.isEmpty)
        }
        #expect(spec["initContainers"]?.location.line == 6)
        #expect(spec["volumes"]?.location.line == 6)
        #expect(resource.content["spec"]?["volumes"] == nil, "the resource stays as written")
    }

    @Test func workloadWithoutATemplateGetsAnEmptyPodSpec() throws {
        let yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
            """
        let resource = try #require(ManifestParser.parse(yaml, file: "web.yaml").resources.first)
        let spec = try #require(ManifestParser.podSpec(of: resource))
        #expect(spec.location.line == 6)
        guard case .sequence(let containers)? = spec["containers"]?.content else {
            Issue.record("containers is not a list")
            return
        }
        #expect(containers.isEmpty)
    }

    @Test func otherKindsHaveNoPodSpec() throws {
        let yaml = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n"
        let resource = try #require(ManifestParser.parse(yaml, file: "svc.yaml").resources.first)
        #expect(ManifestParser.podSpec(of: resource) == nil)
    }
}

struct TemplateCase: Sendable, CustomTestStringConvertible {
    var name: String
    var file: String
    var text: String
    init(_ name: String, file: String, _ text: String) {
        self.name = name
        self.file = file
        self.text = text
    }
    var testDescription: String { name }
}

/// A workload whose pod spec sits under `path`, with one container named `app`.
struct WorkloadCase: Sendable, CustomTestStringConvertible {
    var kind: String
    var apiVersion: String
    var path: [String]

    static let all = [
        WorkloadCase(kind: "Pod", apiVersion: "v1", path: ["spec"]),
        WorkloadCase(kind: "Deployment", apiVersion: "apps/v1", path: ["spec", "template", "spec"]),
        WorkloadCase(kind: "StatefulSet", apiVersion: "apps/v1", path: ["spec", "template", "spec"]),
        WorkloadCase(kind: "DaemonSet", apiVersion: "apps/v1", path: ["spec", "template", "spec"]),
        WorkloadCase(kind: "ReplicaSet", apiVersion: "apps/v1", path: ["spec", "template", "spec"]),
        WorkloadCase(kind: "ReplicationController", apiVersion: "v1", path: ["spec", "template", "spec"]),
        WorkloadCase(kind: "Job", apiVersion: "batch/v1", path: ["spec", "template", "spec"]),
        WorkloadCase(
            kind: "CronJob", apiVersion: "batch/v1", path: ["spec", "jobTemplate", "spec", "template", "spec"]),
    ]

    /// The manifest: the path's mappings nested one per line, then the containers list.
    var yaml: String {
        var lines = ["apiVersion: \(apiVersion)", "kind: \(kind)", "metadata:", "  name: example"]
        for (depth, key) in path.enumerated() {
            lines.append(String(repeating: "  ", count: depth) + key + ":")
        }
        let indent = String(repeating: "  ", count: path.count)
        lines += [indent + "containers:", indent + "- name: app", indent + "  image: busybox"]
        return lines.joined(separator: "\n")
    }

    /// The line of the pod spec's first key.
    var specLine: Int { 4 + path.count + 1 }

    var testDescription: String { "\(kind) keeps it at \(path.joined(separator: "."))" }
}
