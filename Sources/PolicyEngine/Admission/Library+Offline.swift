import CEL

extension Library {
    /// Kubernetes' authorizer library (`authorizer.group('apps').resource('deployments').check('create')
    /// .allowed()`), declared so that policies using it compile as they do in a cluster. Without a
    /// cluster there is no one to ask: `authorizer` and `authorizer.requestResource` are bound to a
    /// not-evaluable error (`NotEvaluableOffline`), which every call passes on.
    static let authorizer = Library(
        name: "authorizer",
        functions: [
            offline("path", "authorizer_path", [authorizerType, .string], what: "the authorizer"),
            offline("group", "authorizer_group", [authorizerType, .string], what: "the authorizer"),
            offline(
                "serviceAccount", "authorizer_serviceaccount", [authorizerType, .string, .string],
                what: "the authorizer"),
            offline("resource", "groupcheck_resource", [groupCheckType, .string], what: "the authorizer"),
            offline("subresource", "resourcecheck_subresource", [resourceCheckType, .string], what: "the authorizer"),
            offline("namespace", "resourcecheck_namespace", [resourceCheckType, .string], what: "the authorizer"),
            offline("name", "resourcecheck_name", [resourceCheckType, .string], what: "the authorizer"),
            offline(
                "fieldSelector", "resourcecheck_fieldselector", [resourceCheckType, .string], what: "the authorizer"),
            offline(
                "labelSelector", "resourcecheck_labelselector", [resourceCheckType, .string], what: "the authorizer"),
            Function(
                "check", doc: "Not evaluable offline: the authorizer's decision.",
                overloads: [
                    offlineOverload("pathcheck_check", [pathCheckType, .string], what: "the authorizer"),
                    offlineOverload("resourcecheck_check", [resourceCheckType, .string], what: "the authorizer"),
                ]),
            offline("allowed", "decision_allowed", [decisionType], what: "the authorizer"),
            offline("reason", "decision_reason", [decisionType], what: "the authorizer"),
            offline("errored", "decision_errored", [decisionType], what: "the authorizer"),
            offline("error", "decision_error", [decisionType], what: "the authorizer"),
        ])

    /// Kyverno's libraries that reach outside the cluster state, declared with Kyverno's signatures so
    /// that policies using them compile: `http.Get`, `http.Post`, `http.Client`, `globalContext.Get`,
    /// `image.GetMetadata`, and `resource.Post` and `resource.ToGVR`. Their variables are bound to a
    /// not-evaluable error (`NotEvaluableOffline`), which every call passes on.
    static let kyvernoExternal = Library(
        name: "kyverno-external",
        functions: [
            Function(
                "Get", doc: "Not evaluable offline: an HTTP GET, or a global context entry.",
                overloads: [
                    offlineOverload("http_get_string", [httpType, .string], what: "HTTP"),
                    offlineOverload(
                        "http_get_string_headers", [httpType, .string, .map(.string, .string)], what: "HTTP"),
                    offlineOverload(
                        "globalcontext_get_string_string", [globalContextType, .string, .string],
                        what: "Kyverno's global context"),
                ]),
            Function(
                "Post", doc: "Not evaluable offline: an HTTP POST, or the creation of an object.",
                overloads: [
                    offlineOverload("http_post_string_any", [httpType, .string, .dyn], what: "HTTP"),
                    offlineOverload(
                        "http_post_string_any_headers", [httpType, .string, .dyn, .map(.string, .string)],
                        what: "HTTP"),
                    offlineOverload(
                        "resource_post_string_string_map", [.opaque(ResourceContext.typeName), .string, .string, .dyn],
                        what: "creating objects"),
                    offlineOverload(
                        "resource_post_string_string_string_map",
                        [.opaque(ResourceContext.typeName), .string, .string, .string, .dyn], what: "creating objects"),
                ]),
            offline("Client", "http_client_string", [httpType, .string], what: "HTTP"),
            offline(
                "ToGVR", "resource_togvr_string_string", [.opaque(ResourceContext.typeName), .string, .string],
                what: "API discovery"),
            offline("GetMetadata", "imagedata_get_string", [imageDataType, .string], what: "an image registry"),
        ])

    static let authorizerType = CELType.opaque("kubernetes.authorization.Authorizer")
    static let groupCheckType = CELType.opaque("kubernetes.authorization.GroupCheck")
    static let resourceCheckType = CELType.opaque("kubernetes.authorization.ResourceCheck")
    static let pathCheckType = CELType.opaque("kubernetes.authorization.PathCheck")
    static let decisionType = CELType.opaque("kubernetes.authorization.Decision")
    static let httpType = CELType.opaque("http.Context")
    static let globalContextType = CELType.opaque("globalcontext.Context")
    static let imageDataType = CELType.opaque("imagedata.Context")

    /// A member function with one overload that cannot be evaluated offline.
    private static func offline(_ name: String, _ id: String, _ parameters: [CELType], what: String) -> Function {
        Function(
            name, doc: "Not evaluable offline: needs \(what).", overloads: [offlineOverload(id, parameters, what: what)]
        )
    }

    private static func offlineOverload(_ id: String, _ parameters: [CELType], what: String) -> Overload {
        .member(id, parameters, returns: .dyn) { _ in NotEvaluableOffline.error(what) }
    }
}
