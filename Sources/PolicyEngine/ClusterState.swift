import CEL
import KubernetesInput
import PolicyModel

/// The cluster as an offline scan knows it: Kubernetes objects found beside the policies
/// (Namespaces, ConfigMaps, parameter objects, NetworkPolicies…) and the scanned manifests
/// themselves. Policies read it where a cluster would: a binding's `paramRef` finds its
/// parameters here, `namespaceObject` and namespace selectors read the Namespace, and
/// `resource.Get` / `resource.List` read any object.
///
/// What is not here does not exist, as far as a scan can tell. A Namespace that is not here is
/// taken to carry only the label the API server gives every namespace,
/// `kubernetes.io/metadata.name`. Objects are told apart by API group, kind, namespace and name;
/// an object added later replaces an earlier one with the same identity, so a scanned manifest
/// wins over the copy beside the policies. Versions are not compared: a cluster serves an object
/// at every version of its group.
public struct ClusterState: Sendable {
    /// One object and what lookups need of it.
    struct Entry: Sendable {
        var resource: Resource
        var group: String
        var version: String
        /// The plural resource name (`networkpolicies`).
        var plural: String
        /// `""` for a cluster-scoped object.
        var namespace: String
        var name: String
        var labels: [String: String]
        var value: Value
    }

    private struct Identity: Hashable {
        var group: String
        var kind: String
        var namespace: String
        var name: String
    }

    private struct GroupKind: Hashable {
        var group: String
        var kind: String
    }

    /// The objects, in the order they were added (replaced ones keep their first place).
    private(set) var entries: [Entry] = []
    /// Indices of `entries` by `group/plural`.
    private var byResource: [String: [Int]] = [:]
    /// Indices of `entries` by `group/plural/namespace` (`""` for cluster-scoped objects).
    private var byNamespace: [String: [Int]] = [:]
    private var byIdentity: [Identity: Int] = [:]
    /// Plural and scope of custom kinds, from the CustomResourceDefinitions in the state.
    private var customKinds: [GroupKind: (plural: String, namespaced: Bool)] = [:]

    /// The Kubernetes objects among `objects` (resources of other inputs are left out).
    public init(_ objects: [Resource] = []) {
        self = ClusterState(entries: [], customKinds: [:]).adding(objects)
    }

    private init(entries: [Entry], customKinds: [GroupKind: (plural: String, namespaced: Bool)]) {
        self.customKinds = customKinds
        for entry in entries { insert(entry) }
    }

    /// How many objects the state holds.
    public var count: Int { entries.count }

    /// The objects of the state, in order.
    public var objects: [Resource] { entries.map(\.resource) }

    /// This state with `objects` added; each replaces an object of the same identity. An object
    /// that cannot be turned into a CEL value (see `NodeValue`) is left out.
    public func adding(_ objects: [Resource]) -> ClusterState {
        let added = objects.filter { $0.inputKind == ManifestParser.inputKind }
        return adding(added.map { ($0, NodeValue.value(of: $0.content)) }.filter { !$0.1.isError })
    }

    /// The same with each object's value already converted (values that are errors are left out).
    public func adding(_ added: [(Resource, Value)]) -> ClusterState {
        var kinds = customKinds
        for (resource, _) in added where resource.type == "CustomResourceDefinition" {
            let spec = resource.content["spec"]
            guard let group = spec?["group"]?.string, let names = spec?["names"],
                let kind = names["kind"]?.string, let plural = names["plural"]?.string
            else { continue }
            kinds[GroupKind(group: group, kind: kind)] = (plural, spec?["scope"]?.string != "Cluster")
        }
        var all = entries
        for (resource, value) in added where resource.inputKind == ManifestParser.inputKind && !value.isError {
            let apiVersion = resource.content["apiVersion"]?.string ?? ""
            let (group, version) = ResourceNames.groupVersion(apiVersion)
            all.append(
                Entry(
                    resource: resource, group: group, version: version, plural: "", namespace: "",
                    name: resource.name ?? "", labels: Self.labels(of: resource.content), value: value))
        }
        // Plurals and scopes may have changed with new definitions: recompute them for all.
        let state = ClusterState(entries: [], customKinds: kinds)
        var result = state
        for var entry in all {
            let kind = entry.resource.type
            entry.plural = state.plural(ofKind: kind, group: entry.group)
            entry.namespace =
                state.isNamespaced(kind: kind, group: entry.group)
                ? (entry.resource.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default") : ""
            if kind == "Namespace" && entry.group.isEmpty {
                entry.labels["kubernetes.io/metadata.name"] = entry.name
            }
            result.insert(entry)
        }
        return result
    }

    private mutating func insert(_ entry: Entry) {
        let identity = Identity(
            group: entry.group, kind: entry.resource.type, namespace: entry.namespace, name: entry.name)
        if let index = byIdentity[identity] {
            entries[index] = entry
            return
        }
        byIdentity[identity] = entries.count
        byResource["\(entry.group)/\(entry.plural)", default: []].append(entries.count)
        byNamespace["\(entry.group)/\(entry.plural)/\(entry.namespace)", default: []].append(entries.count)
        entries.append(entry)
    }

    // MARK: - Names

    /// The plural resource of a kind: from a CustomResourceDefinition in the state, else
    /// `ResourceNames.plural(of:)`.
    public func plural(ofKind kind: String, group: String) -> String {
        customKinds[GroupKind(group: group, kind: kind)]?.plural ?? ResourceNames.plural(of: kind)
    }

    /// Whether objects of a kind live in a namespace: from a CustomResourceDefinition in the
    /// state, else `ManifestParser.isNamespaced(_:)`.
    public func isNamespaced(kind: String, group: String) -> Bool {
        customKinds[GroupKind(group: group, kind: kind)]?.namespaced ?? ManifestParser.isNamespaced(kind)
    }

    /// The kind whose plural resource is `plural` in `group`, when an object or definition of
    /// the state tells it.
    func kind(ofPlural plural: String, group: String) -> String? {
        if let index = byResource["\(group)/\(plural)"]?.first { return entries[index].resource.type }
        return customKinds.first { $0.key.group == group && $0.value.plural == plural }?.key.kind
    }

    // MARK: - Lookups

    /// The objects of a group's resource, in `namespace` or, when it is empty, in all.
    func list(group: String, plural: String, namespace: String) -> [Entry] {
        guard !namespace.isEmpty else { return (byResource["\(group)/\(plural)"] ?? []).map { entries[$0] } }
        // The namespace's objects and the cluster-scoped ones, in the order they were added.
        let indices =
            (byNamespace["\(group)/\(plural)/\(namespace)"] ?? []) + (byNamespace["\(group)/\(plural)/"] ?? [])
        return indices.sorted().map { entries[$0] }
    }

    /// The object of a group's resource with this namespace (`""` for cluster-scoped) and name.
    func get(group: String, plural: String, namespace: String, name: String) -> Entry? {
        (byResource["\(group)/\(plural)"] ?? []).lazy.map { entries[$0] }.first {
            $0.name == name && ($0.namespace.isEmpty || $0.namespace == namespace)
        }
    }

    /// The objects of a kind (an `apiVersion`'s group; its version is not compared).
    func objects(apiVersion: String, kind: String) -> [Entry] {
        let group = ResourceNames.groupVersion(apiVersion).group
        return list(group: group, plural: plural(ofKind: kind, group: group), namespace: "")
            .filter { $0.resource.type == kind }
    }

    /// The Namespace object called `name`, if the state has it.
    func namespace(_ name: String) -> Entry? {
        get(group: "", plural: "namespaces", namespace: "", name: name)
    }

    /// The labels of the namespace called `name`: the Namespace's own, or, when the state does not
    /// have it, the one label the API server gives every namespace.
    func namespaceLabels(_ name: String) -> [String: String] {
        namespace(name)?.labels ?? ["kubernetes.io/metadata.name": name]
    }

    /// `namespaceObject` for an object in namespace `name`: the Namespace with its metadata, spec
    /// and status, as the API server hands it to admission policies (no `apiVersion` or `kind`).
    func namespaceObject(_ name: String) -> Value {
        var labels = MapValue()
        var metadata = MapValue()
        var result = MapValue()
        guard let entry = namespace(name), case .map(let written) = entry.value else {
            labels.set(.string("kubernetes.io/metadata.name"), .string(name))
            metadata.set(.string("name"), .string(name))
            metadata.set(.string("labels"), .map(labels))
            result.set(.string("metadata"), .map(metadata))
            result.set(.string("spec"), .map(MapValue()))
            result.set(.string("status"), .map(MapValue()))
            return .map(result)
        }
        if case .map(let writtenMetadata)? = written[.string("metadata")] { metadata = writtenMetadata }
        for (key, value) in entry.labels.sorted(by: { $0.key < $1.key }) { labels.set(.string(key), .string(value)) }
        metadata.set(.string("labels"), .map(labels))
        result.set(.string("metadata"), .map(metadata))
        result.set(.string("spec"), written[.string("spec")] ?? .map(MapValue()))
        result.set(.string("status"), written[.string("status")] ?? .map(MapValue()))
        return .map(result)
    }

    /// The string-valued labels of an object's `metadata.labels`.
    static func labels(of content: Node) -> [String: String] {
        guard case .mapping(let entries)? = content["metadata"]?["labels"]?.content else { return [:] }
        var labels: [String: String] = [:]
        for entry in entries {
            if let key = entry.key.string, let value = entry.value.string { labels[key] = value }
        }
        return labels
    }
}
