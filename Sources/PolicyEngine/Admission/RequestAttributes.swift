import CEL
import PolicyModel

/// What an API server would know of the request that creates an object: its group, version,
/// kind and plural resource, namespace, name and labels. An offline scan treats every object as
/// being created (`CREATE`, no subresource, no old object) by a user called `palisade-offline`.
struct RequestAttributes {
    /// The operation of every offline request.
    static let operation = "CREATE"
    /// The user every offline request is made by; it belongs to `system:authenticated` only.
    static let username = "palisade-offline"

    var group: String
    var version: String
    var kind: String
    /// The plural resource (`deployments`).
    var resource: String
    /// The namespace of a namespaced object (`default` when none is written); `""` otherwise.
    var namespace: String
    var name: String
    var labels: [String: String]
    var isNamespaced: Bool
    /// Whether the object is a Namespace, whose namespace selector reads its own labels.
    var isNamespace: Bool

    init(_ resource: Resource, state: ClusterState) {
        let apiVersion = resource.content["apiVersion"]?.string ?? ""
        (group, version) = ResourceNames.groupVersion(apiVersion)
        kind = resource.type
        self.resource = state.plural(ofKind: kind, group: group)
        isNamespaced = state.isNamespaced(kind: kind, group: group)
        isNamespace = kind == "Namespace" && group.isEmpty
        namespace = isNamespaced ? (resource.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default") : ""
        name = resource.name ?? ""
        labels = ClusterState.labels(of: resource.content)
    }

    /// The labels a namespace selector is matched against: the object's own for a Namespace, those
    /// of its namespace for a namespaced object, none for other cluster-scoped objects.
    func namespaceLabels(in state: ClusterState) -> [String: String] {
        if isNamespace {
            return labels.merging(["kubernetes.io/metadata.name": name]) { _, new in new }
        }
        return isNamespaced ? state.namespaceLabels(namespace) : [:]
    }

    /// `namespaceObject`: the object's Namespace, or null for a cluster-scoped object (a
    /// Namespace included, as the API server does).
    func namespaceObject(in state: ClusterState) -> Value {
        isNamespaced ? state.namespaceObject(namespace) : .null
    }

    /// `request`, shaped like the `AdmissionRequest` an API server builds, for the version the
    /// policy matched the object at.
    func request(matchedVersion: String) -> Value {
        func map(_ pairs: [(String, Value)]) -> Value {
            var result = MapValue()
            for (key, value) in pairs { result.set(.string(key), value) }
            return .map(result)
        }
        func kindValue(_ version: String) -> Value {
            map([("group", .string(group)), ("version", .string(version)), ("kind", .string(kind))])
        }
        func resourceValue(_ version: String) -> Value {
            map([("group", .string(group)), ("version", .string(version)), ("resource", .string(resource))])
        }
        var pairs: [(String, Value)] = [
            ("kind", kindValue(matchedVersion)), ("resource", resourceValue(matchedVersion)),
            ("requestKind", kindValue(version)), ("requestResource", resourceValue(version)),
        ]
        if !name.isEmpty { pairs.append(("name", .string(name))) }
        if isNamespaced || isNamespace { pairs.append(("namespace", .string(isNamespace ? name : namespace))) }
        pairs += [
            ("operation", .string(Self.operation)),
            (
                "userInfo",
                map([("username", .string(Self.username)), ("groups", .list([.string("system:authenticated")]))])
            ),
            ("dryRun", .bool(false)),
            ("options", map([("apiVersion", .string("meta.k8s.io/v1")), ("kind", .string("CreateOptions"))])),
        ]
        return map(pairs)
    }
}
