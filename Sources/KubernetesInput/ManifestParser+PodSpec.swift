import PolicyModel

extension ManifestParser {
    /// Kinds that run pods, and so have a pod spec.
    public static let workloadKinds: Set<String> = Set(podSpecPaths.keys)

    /// Where each workload kind keeps its pod spec.
    private static let podSpecPaths: [String: [String]] = [
        "Pod": ["spec"],
        "Deployment": ["spec", "template", "spec"],
        "StatefulSet": ["spec", "template", "spec"],
        "DaemonSet": ["spec", "template", "spec"],
        "ReplicaSet": ["spec", "template", "spec"],
        "Job": ["spec", "template", "spec"],
        "ReplicationController": ["spec", "template", "spec"],
        "CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
    ]

    /// The lists a pod spec may leave out that `podSpec(of:)` fills in as empty, so that a policy
    /// can write `podSpec.containers + podSpec.initContainers` without guarding either.
    public static let podSpecLists = ["containers", "initContainers", "ephemeralContainers", "volumes"]

    /// The pod spec of a workload, wherever its kind keeps it, with the lists in `podSpecLists`
    /// that are absent (or null) added as empty lists located at the spec itself. Every value
    /// written keeps its place. A workload whose spec is missing or is not a mapping gets an empty
    /// spec located at the deepest part of the path that is there. `nil` for kinds that are not
    /// workloads.
    public static func podSpec(of resource: Resource) -> Node? {
        guard let path = podSpecPaths[resource.type] else { return nil }
        var node = resource.content
        var found = true
        for key in path {
            guard let next = node[key], case .mapping = next.content else {
                found = false
                break
            }
            node = next
        }
        let entries: [Node.Entry]
        if found, case .mapping(let written) = node.content {
            entries = written
        } else {
            entries = []
        }
        return Node(.mapping(withEmptyLists(entries, at: node.span)), span: node.span)
    }

    private static func withEmptyLists(_ entries: [Node.Entry], at span: Span) -> [Node.Entry] {
        var entries = entries
        let start = Span(line: Int(span.line), column: Int(span.column))
        for list in podSpecLists {
            let index = entries.firstIndex { $0.key.string == list }
            if let index, case .null = entries[index].value.content {
                entries[index].value = Node(.sequence([]), span: entries[index].value.span)
            } else if index == nil {
                entries.append(
                    Node.Entry(key: Node(.string(list), span: start), value: Node(.sequence([]), span: start)))
            }
        }
        return entries
    }
}
