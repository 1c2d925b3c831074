import PolicyModel
import Yams

/// Turns the documents Yams composed into located `Node` trees.
///
/// Yams puts the anchored node itself wherever an alias stands, so a composed tree is already a
/// graph with shared subtrees. The builder keeps it one: each anchored node is converted once and
/// the result reused for every alias (children are copy-on-write arrays, so reuse copies nothing).
/// Nodes are counted once however often they are shared, so a "billion laughs" stream costs what
/// its text costs. Depth is measured through the shared subtrees, so a consumer that walks a tree
/// recursively never goes deeper than `Limits.maxDepth` collections.
struct TreeBuilder {
    let file: String
    let limits: YAMLLoader.Limits
    /// Nodes built so far in the whole stream; shared nodes count once.
    private(set) var nodeCount = 0
    /// Converted anchored nodes and how many collection levels they hold, by anchor. Yams keeps
    /// every anchor alive while its parser lives, so the identifiers stay unique meanwhile.
    private var shared: [ObjectIdentifier: Built] = [:]

    private struct Built {
        var node: PolicyModel.Node
        /// Collection levels in the subtree: 0 for a scalar, 1 for a flat list or mapping.
        var height: Int
    }

    init(file: String, limits: YAMLLoader.Limits) {
        self.file = file
        self.limits = limits
    }

    /// The located tree of one document.
    mutating func build(_ root: Yams.Node) throws(ParseError) -> PolicyModel.Node {
        try build(root, depth: 0).node
    }

    /// `depth` is the number of collections around `yams`.
    private mutating func build(_ yams: Yams.Node, depth: Int) throws(ParseError) -> Built {
        if let anchor = yams.anchor, let known = shared[ObjectIdentifier(anchor)] {
            // Reused deeper than it was written, it must still fit under the limit.
            guard depth + known.height <= limits.maxDepth else { throw tooDeep(yams) }
            return known
        }
        let built = try convert(yams, depth: depth)
        if let anchor = yams.anchor { shared[ObjectIdentifier(anchor)] = built }
        return built
    }

    private mutating func convert(_ yams: Yams.Node, depth: Int) throws(ParseError) -> Built {
        try count(1, at: yams)
        let span = Self.span(of: yams)
        switch yams {
        case .scalar(let scalar):
            guard let content = CoreSchema.content(of: scalar.string, tag: scalar.tag.rawValue) else {
                throw error("\"\(scalar.string)\" is not a valid \(Self.shortTag(scalar.tag.rawValue))", at: yams)
            }
            return Built(node: PolicyModel.Node(content, span: span), height: 0)
        case .sequence(let sequence):
            guard depth < limits.maxDepth else { throw tooDeep(yams) }
            var items: [PolicyModel.Node] = []
            items.reserveCapacity(sequence.count)
            var height = 0
            for element in sequence {
                let item = try build(element, depth: depth + 1)
                items.append(item.node)
                height = max(height, item.height)
            }
            return Built(node: PolicyModel.Node(.sequence(items), span: span), height: height + 1)
        case .mapping(let mapping):
            guard depth < limits.maxDepth else { throw tooDeep(yams) }
            return try convert(mapping, span: span, at: yams, depth: depth)
        case .alias(let alias):
            throw error("undefined alias \"\(alias.anchor.rawValue)\"", at: yams)
        }
    }

    /// A mapping, with `<<` merge keys applied as YAML 1.1 tools (and Helm) do: the entries of the
    /// merged mapping, or of each mapping in a merged list, join at the place of the `<<` key,
    /// unless the mapping writes the key itself; among merged mappings the earlier one wins.
    private mutating func convert(
        _ mapping: Yams.Node.Mapping, span: Span, at yams: Yams.Node, depth: Int
    ) throws(ParseError) -> Built {
        var entries: [PolicyModel.Node.Entry] = []
        entries.reserveCapacity(mapping.count)
        var merges: [(position: Int, sources: [PolicyModel.Node])] = []
        var written: [ScalarKey: Int] = [:]
        var height = 0
        for (keyNode, valueNode) in mapping {
            if Self.isMergeKey(keyNode) {
                let merged = try build(valueNode, depth: depth + 1)
                height = max(height, merged.height)
                merges.append((entries.count, try mergeSources(merged.node, at: valueNode)))
                continue
            }
            let key = try build(keyNode, depth: depth + 1)
            let value = try build(valueNode, depth: depth + 1)
            height = max(height, key.height, value.height)
            if let scalarKey = ScalarKey(key.node) {
                // Yams rejects keys spelled alike; this catches `a` and "a", or `10` and `0xA`.
                if let first = written[scalarKey] {
                    throw error("mapping key \(scalarKey) written more than once (first at line \(first))", at: keyNode)
                }
                written[scalarKey] = Int(key.node.span.line)
            }
            entries.append(PolicyModel.Node.Entry(key: key.node, value: value.node))
        }
        if !merges.isEmpty {
            var result: [PolicyModel.Node.Entry] = []
            var taken = Set(written.keys)
            var next = 0
            for merge in merges {
                result += entries[next..<merge.position]
                next = merge.position
                for source in merge.sources {
                    guard case .mapping(let sourceEntries) = source.content else { continue }
                    try count(sourceEntries.count, at: yams)
                    for entry in sourceEntries {
                        if let key = ScalarKey(entry.key) {
                            guard taken.insert(key).inserted else { continue }
                        }
                        result.append(entry)
                    }
                }
            }
            result += entries[next...]
            entries = result
        }
        return Built(node: PolicyModel.Node(.mapping(entries), span: span), height: height + 1)
    }

    /// The mappings a `<<` value stands for.
    private func mergeSources(_ value: PolicyModel.Node, at yams: Yams.Node) throws(ParseError) -> [PolicyModel.Node] {
        switch value.content {
        case .mapping: return [value]
        case .sequence(let items) where items.allSatisfy({ if case .mapping = $0.content { true } else { false } }):
            return items
        default: break
        }
        throw error("the value of a \"<<\" merge key must be a mapping or a list of mappings", at: yams)
    }

    private mutating func count(_ added: Int, at yams: Yams.Node) throws(ParseError) {
        nodeCount += added
        guard nodeCount <= limits.maxNodes else {
            throw error("the stream holds more than \(limits.maxNodes) nodes", at: yams)
        }
    }

    private func tooDeep(_ yams: Yams.Node) -> ParseError {
        error("lists and mappings nest more than \(limits.maxDepth) levels deep", at: yams)
    }

    private func error(_ message: String, at yams: Yams.Node) -> ParseError {
        let mark = yams.mark
        return ParseError(message, at: Location(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1))
    }

    private static func span(of yams: Yams.Node) -> Span {
        guard let mark = yams.mark else { return Span(line: 1, column: 1) }
        return Span(line: mark.line, column: mark.column)
    }

    /// A plain, untagged `<<` (or one tagged `!!merge`).
    private static func isMergeKey(_ node: Yams.Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.string == "<<" else { return false }
        let tag = scalar.tag.rawValue
        return tag.isEmpty || tag == CoreSchema.untagged || tag == "tag:yaml.org,2002:merge"
    }

    private static func shortTag(_ tag: String) -> String {
        let prefix = "tag:yaml.org,2002:"
        return tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }
}

/// A scalar mapping key by type and value, to tell which keys a mapping writes itself.
private enum ScalarKey: Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)

    init?(_ node: PolicyModel.Node) {
        switch node.content {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .int(value)
        case .double(let value): self = .double(value)
        case .string(let value): self = .string(value)
        case .sequence, .mapping, .unknown: return nil
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return "\(value)"
        case .int(let value): return "\(value)"
        case .double(let value): return "\(value)"
        case .string(let value): return "\"\(value)\""
        }
    }
}
