import CEL

extension Library {
    /// `resource.Get(apiVersion, resource, namespace, name)` and
    /// `resource.List(apiVersion, resource, namespace)` over the offline cluster state, with the
    /// signatures of Kyverno's `resource` library. The resource is the plural, lower-case name
    /// (`configmaps`); the version in `apiVersion` is not compared, since a cluster serves every
    /// version of a group.
    static let clusterResources = Library(
        name: "resource",
        functions: [
            Function(
                "Get",
                doc:
                    "The object of the state with this group, resource, namespace and name; an error when there is none.",
                overloads: [
                    .member(
                        "resource_get_string_string_string_string",
                        [.opaque(ResourceContext.typeName), .string, .string, .string, .string], returns: .dyn
                    ) { args in
                        guard case .opaque(let opaque) = args[0], let context = opaque as? ResourceContext,
                            case .string(let apiVersion) = args[1], case .string(let resource) = args[2],
                            case .string(let namespace) = args[3], case .string(let name) = args[4]
                        else { return .noSuchOverload }
                        let group = ResourceNames.groupVersion(apiVersion).group
                        if let entry = context.state.get(
                            group: group, plural: resource, namespace: namespace, name: name)
                        {
                            return entry.value
                        }
                        let qualified = group.isEmpty ? resource : "\(resource).\(group)"
                        return .error("failed to get resource: \(qualified) \"\(name)\" not found")
                    }
                ]),
            Function(
                "List",
                doc: """
                    The objects of the state with this group and resource, in the namespace (all namespaces \
                    when it is empty), as a list object: {apiVersion, kind, metadata, items}.
                    """,
                overloads: [
                    .member(
                        "resource_list_string_string_string",
                        [.opaque(ResourceContext.typeName), .string, .string, .string], returns: .dyn
                    ) { args in
                        guard case .opaque(let opaque) = args[0], let context = opaque as? ResourceContext,
                            case .string(let apiVersion) = args[1], case .string(let resource) = args[2],
                            case .string(let namespace) = args[3]
                        else { return .noSuchOverload }
                        let group = ResourceNames.groupVersion(apiVersion).group
                        let items = context.state.list(group: group, plural: resource, namespace: namespace)
                        let kind = context.state.kind(ofPlural: resource, group: group).map { $0 + "List" } ?? "List"
                        var list = MapValue()
                        list.set(.string("apiVersion"), .string(apiVersion))
                        list.set(.string("kind"), .string(kind))
                        list.set(.string("metadata"), .map(MapValue()))
                        list.set(.string("items"), .list(items.map(\.value)))
                        return .map(list)
                    }
                ]),
        ])
}
