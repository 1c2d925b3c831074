/// The REST names of Kubernetes kinds: the plural, lower-case resource an admission rule names
/// (`Deployment` is `deployments`, `NetworkPolicy` is `networkpolicies`).
///
/// A cluster learns them from API discovery; offline they come from, in order: the
/// `CustomResourceDefinition`s in the offline state (see `ClusterState`), a table of the
/// built-in kinds whose plural is not the English one, and English plural rules. Those rules
/// give the right name for every other built-in kind and for the custom resources of widely used
/// projects (`ClusterPolicy` is `clusterpolicies`, `Gateway` is `gateways`), but a custom
/// resource whose definition declares some other plural needs its definition in the state.
public enum ResourceNames {
    /// Built-in kinds whose resource is not the English plural of the kind.
    static let irregular: [String: String] = [
        "Endpoints": "endpoints",
        "PodMetrics": "pods",
        "NodeMetrics": "nodes",
    ]

    /// The plural resource of `kind` by the table of irregular kinds and English rules: `-s`,
    /// `-x`, `-z`, `-ch` and `-sh` take `-es`; a consonant and `-y` become `-ies`; anything else
    /// takes `-s`.
    public static func plural(of kind: String) -> String {
        if let name = irregular[kind] { return name }
        let lower = kind.lowercased()
        if lower.hasSuffix("s") || lower.hasSuffix("x") || lower.hasSuffix("z") || lower.hasSuffix("ch")
            || lower.hasSuffix("sh")
        {
            return lower + "es"
        }
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) {
            return lower.dropLast() + "ies"
        }
        return lower + "s"
    }

    /// The group and version of an `apiVersion`: `apps/v1` is (`apps`, `v1`), `v1` is (`""`, `v1`).
    public static func groupVersion(_ apiVersion: String) -> (group: String, version: String) {
        guard let slash = apiVersion.lastIndex(of: "/") else { return ("", apiVersion) }
        return (String(apiVersion[..<slash]), String(apiVersion[apiVersion.index(after: slash)...]))
    }
}
