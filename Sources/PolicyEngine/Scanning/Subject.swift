import CEL
import KubernetesInput
import PolicyModel

/// One resource prepared for evaluation: its CEL values, as written and with `podSpec`, and what
/// an API server would know of the request that creates it. A class, so that every policy run on
/// the resource shares it rather than copying its many fields.
final class Subject: Sendable {
    let resource: Resource
    /// The resource's content, plus `podSpec` for a workload: what Palisade's own policies see.
    let root: Node
    let podSpecPath: String?
    /// The value of `root`.
    let object: Value
    /// The value of the resource as written: what imported policies see, as a cluster would.
    let writtenObject: Value
    let attributes: RequestAttributes
    /// `namespaceObject`.
    let namespaceObject: Value
    /// `request` at the object's own version, made once for every native policy.
    let request: Value

    /// `written` is the value of `resource.content`; `state` is the cluster the resource is
    /// created in.
    init(_ resource: Resource, written: Value, state: ClusterState) {
        self.resource = resource
        writtenObject = written
        var root = resource.content
        var object = written
        var podSpecPath: String?
        if let spec = ManifestParser.podSpec(of: resource), case .mapping(var entries) = root.content {
            let key = Node(.string("podSpec"), span: spec.span)
            entries.removeAll { $0.key.string == "podSpec" }
            entries.append(Node.Entry(key: key, value: spec))
            root = Node(.mapping(entries), span: root.span)
            podSpecPath = NodeLocator.path(ofMappingAt: spec.span, in: resource.content).flatMap {
                $0.isEmpty ? nil : $0
            }
            if case .map(var map) = written {
                let value = NodeValue.value(of: spec)
                map.set(.string("podSpec"), value)
                object = value.isError ? value : .map(map)
            }
        }
        self.root = root
        self.object = object
        self.podSpecPath = podSpecPath
        let attributes = RequestAttributes(resource, state: state)
        self.attributes = attributes
        // A full admission request and a namespace exist only for Kubernetes objects. Other inputs
        // get the request's identifying part, which is cheap: `request.kind.kind` is the resource
        // type (`azurerm_mysql_flexible_server`), `request.name` its name.
        guard resource.inputKind == ManifestParser.inputKind else {
            namespaceObject = .null
            var kind = MapValue()
            kind.set(.string("kind"), .string(resource.type))
            var identity = MapValue()
            identity.set(.string("kind"), .map(kind))
            identity.set(.string("name"), .string(resource.name ?? ""))
            request = .map(identity)
            return
        }
        namespaceObject = attributes.namespaceObject(in: state)
        request = attributes.request(matchedVersion: attributes.version)
    }

    var label: String { "\(resource.identity) (\(resource.location))" }
}
