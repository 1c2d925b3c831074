/// Which objects an admission policy or binding looks at, as Kubernetes' `MatchResources` says:
/// resource rules, rules that exclude, a namespace selector, an object selector and how
/// versions are matched.
///
/// An offline scan asks for every object what an API server would ask when the object is
/// created: the operation is `CREATE` and there is no subresource.
public struct MatchConstraints: Sendable {
    /// Resources to match (`NamedRuleWithOperations`).
    public struct Rule: Sendable {
        /// API groups, `""` for the core group, `*` for all.
        public var apiGroups: [String]
        /// API versions, `*` for all.
        public var apiVersions: [String]
        /// Plural resource names, optionally with a subresource: `pods`, `pods/*`, `*`, `*/*`.
        public var resources: [String]
        /// `CREATE`, `UPDATE`, `DELETE`, `CONNECT` or `*`.
        public var operations: [String]
        public var scope: Scope
        /// Object names; empty matches every name.
        public var resourceNames: [String]

        public init(
            apiGroups: [String], apiVersions: [String], resources: [String], operations: [String],
            scope: Scope = .all, resourceNames: [String] = []
        ) {
            self.apiGroups = apiGroups
            self.apiVersions = apiVersions
            self.resources = resources
            self.operations = operations
            self.scope = scope
            self.resourceNames = resourceNames
        }

        /// Whether the rule selects the object, given its group, version and resource. The
        /// version is left out of the comparison when `version` is `nil`.
        func matches(_ request: RequestAttributes, version: String?) -> Bool {
            guard apiGroups.contains("*") || apiGroups.contains(request.group) else { return false }
            if let version, !apiVersions.contains("*") && !apiVersions.contains(version) { return false }
            guard operations.contains("*") || operations.contains(RequestAttributes.operation) else { return false }
            switch scope {
            case .all: break
            case .cluster: if request.isNamespaced { return false }
            case .namespaced: if !request.isNamespaced { return false }
            }
            let resourceMatches = resources.contains { entry in
                let parts = entry.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                let resource = parts[0]
                // An offline object is never a subresource: only an empty or `*` subresource matches.
                let subresource = parts.count > 1 ? parts[1] : ""
                return (resource == "*" || resource == request.resource) && (subresource == "*" || subresource.isEmpty)
            }
            guard resourceMatches else { return false }
            return resourceNames.isEmpty || resourceNames.contains(request.name)
        }
    }

    /// Which objects a rule applies to by scope.
    public enum Scope: String, Sendable, CaseIterable {
        case all = "*"
        case cluster = "Cluster"
        case namespaced = "Namespaced"
    }

    /// How a rule's versions are compared with the object's.
    public enum MatchPolicy: String, Sendable, CaseIterable {
        /// Only the versions listed match.
        case exact = "Exact"
        /// Another version of the same group and resource matches too: the API server would
        /// convert the object to a listed version.
        case equivalent = "Equivalent"
    }

    public var resourceRules: [Rule]
    public var excludeResourceRules: [Rule]
    public var namespaceSelector: LabelSelector
    public var objectSelector: LabelSelector
    public var matchPolicy: MatchPolicy

    public init(
        resourceRules: [Rule] = [], excludeResourceRules: [Rule] = [], namespaceSelector: LabelSelector = .init(),
        objectSelector: LabelSelector = .init(), matchPolicy: MatchPolicy = .equivalent
    ) {
        self.resourceRules = resourceRules
        self.excludeResourceRules = excludeResourceRules
        self.namespaceSelector = namespaceSelector
        self.objectSelector = objectSelector
        self.matchPolicy = matchPolicy
    }

    /// The version the object is evaluated at when the constraints select it, or `nil` when they
    /// do not. With no resource rules every resource is selected (a binding's `matchResources`).
    /// `namespaceLabels` are those of the object's namespace (of the object itself for a
    /// Namespace); they are not consulted for other cluster-scoped objects, as in a cluster.
    func matchedVersion(_ request: RequestAttributes, namespaceLabels: [String: String]) -> String? {
        if !namespaceSelector.isEmpty && (request.isNamespaced || request.isNamespace) {
            guard namespaceSelector.matches(namespaceLabels) else { return nil }
        }
        guard objectSelector.matches(request.labels) else { return nil }
        if matchingVersion(excludeResourceRules, request) != nil { return nil }
        if resourceRules.isEmpty { return request.version }
        return matchingVersion(resourceRules, request)
    }

    /// The version under which one of `rules` selects the object: its own, or with `Equivalent`
    /// another version that a rule names for the same group and resource.
    private func matchingVersion(_ rules: [Rule], _ request: RequestAttributes) -> String? {
        if rules.contains(where: { $0.matches(request, version: request.version) }) { return request.version }
        guard matchPolicy == .equivalent else { return nil }
        for rule in rules where rule.matches(request, version: nil) {
            return rule.apiVersions.first { $0 != "*" } ?? request.version
        }
        return nil
    }
}
