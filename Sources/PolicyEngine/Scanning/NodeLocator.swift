import PolicyModel
import Synchronization

/// A value of a resource's node tree with its logical path (`spec.containers[1].image`). A list
/// built by a sum of lists (`a + b`) has no node of its own: `elements` holds its elements, and
/// `node` and `path` are those of its first operand.
struct LocatedNode {
    var node: Node
    var path: String
    var elements: [LocatedNode]?

    /// The elements of a list, written or summed.
    var listElements: [LocatedNode]? {
        if let elements { return elements }
        guard case .sequence(let items) = node.content else { return nil }
        return items.enumerated().map { LocatedNode(node: $0.element, path: "\(path)[\($0.offset)]") }
    }

    func child(_ step: NodePath.Step) -> LocatedNode? {
        switch step {
        case .field(let name):
            guard elements == nil, let child = node[name] else { return nil }
            return LocatedNode(node: child, path: path.isEmpty ? name : "\(path).\(name)")
        case .index(let index):
            guard let items = listElements, items.indices.contains(index) else { return nil }
            return items[index]
        }
    }
}

/// Finds where a policy expression's value is written, when the expression is a path (or a sum
/// of paths) over `object`, `item` or a variable defined by such a path.
struct NodeLocator {
    /// The resource as policies see it, `podSpec` included, at path "".
    var object: LocatedNode
    /// The logical path of the written pod spec, which `object.podSpec` stands for.
    var podSpecPath: String?
    /// The source of each policy variable.
    var variables: [String: String]
    var item: LocatedNode?

    /// Where the value of `source` is written, or `nil` when that cannot be told. With `partial`,
    /// a path that leaves the written document (a field that is absent) gives the last value on
    /// the way that is there.
    func locate(_ source: String, partial: Bool = false, depth: Int = 0) -> LocatedNode? {
        guard depth <= 16 else { return nil }
        let form = SourceForms.shared.located(source)
        if form.summands.count > 1 {
            var elements: [LocatedNode] = []
            var first: LocatedNode?
            for summand in form.summands {
                guard let list = locate(summand, depth: depth + 1), let items = list.listElements else {
                    return nil
                }
                first = first ?? list
                elements += items
            }
            return first.map { LocatedNode(node: $0.node, path: $0.path, elements: elements) }
        }
        guard let path = form.path else { return nil }
        var steps = path.steps[...]
        var current: LocatedNode
        switch path.root {
        case "object":
            current = object
            if case .field("podSpec")? = steps.first, let podSpecPath, let spec = object.node["podSpec"] {
                current = LocatedNode(node: spec, path: podSpecPath)
                steps = steps.dropFirst()
            }
        case "item":
            guard let item else { return nil }
            current = item
        case "variables":
            guard case .field(let name)? = steps.first, let definition = variables[name],
                let value = locate(definition, partial: false, depth: depth + 1)
            else { return nil }
            current = value
            steps = steps.dropFirst()
        default:
            return nil
        }
        for step in steps {
            guard let next = current.child(step) else { return partial ? current : nil }
            current = next
        }
        return current
    }

    /// The logical path, inside `content`, of the mapping written at `span` — where a workload
    /// keeps the pod spec that `ManifestParser.podSpec(of:)` found. Nodes carry their start only,
    /// so the search follows, in each mapping, the last value that starts before `span`; it stays
    /// one walk down the tree.
    /// Every place the list `source` may come from: both branches of a conditional
    /// (`has(object.ip_protocol) ? [object] : object.?ingress.orValue([])`), the paths of a list
    /// written out (`[object]`), through variables; for `each`, whose items are matched to the
    /// candidate with as many elements. Paths come before written-out lists, which are less
    /// precise.
    func candidates(_ source: String, depth: Int = 0) -> [LocatedNode] {
        guard depth <= 16 else { return [] }
        switch SourceForms.shared.listed(source) {
        case .conditional(let whenTrue, let whenFalse):
            let all = candidates(whenTrue, depth: depth + 1) + candidates(whenFalse, depth: depth + 1)
            let paths: [LocatedNode] = all.filter { $0.elements == nil }
            let written: [LocatedNode] = all.filter { $0.elements != nil }
            return paths + written
        case .written(let parts):
            var elements: [LocatedNode] = []
            for part in parts {
                guard let element = locate(part, depth: depth + 1) else { return [] }
                elements.append(element)
            }
            return [LocatedNode(node: object.node, path: object.path, elements: elements)]
        case .variable(let name) where variables[name] != nil:
            return candidates(variables[name] ?? "", depth: depth + 1)
        case .variable, .other:
            break
        }
        return locate(SourceForms.shared.trimmed(source), depth: depth + 1).map { [$0] } ?? []
    }

    /// How a policy's source texts read as paths, worked out once per text: a scan locates the
    /// same few `at` and `each` texts for every finding, and reading them costs more than the
    /// walk down the tree that follows.
    final class SourceForms: Sendable {
        static let shared = SourceForms()

        struct Located: Sendable {
            var summands: [String]
            var path: NodePath?
        }

        enum Listed: Sendable {
            case conditional(String, String)
            case written([String])
            case variable(String)
            case other
        }

        private let located = Mutex<[String: Located]>([:])
        private let listed = Mutex<[String: (Listed, String)]>([:])
        /// Policies' texts are few; texts made up at run time are not kept past this many.
        private static let capacity = 4096

        func located(_ source: String) -> Located {
            if let known = located.withLock({ $0[source] }) { return known }
            let summands = NodePath.summands(of: source).map(String.init)
            let form = Located(
                summands: summands, path: summands.count == 1 ? NodePath(Substring(summands[0])) : nil)
            located.withLock { cache in
                if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
                cache[source] = form
            }
            return form
        }

        func listed(_ source: String) -> Listed { listedAndTrimmed(source).0 }

        /// The text without blanks around it or parentheses enclosing it all.
        func trimmed(_ source: String) -> String { listedAndTrimmed(source).1 }

        private func listedAndTrimmed(_ source: String) -> (Listed, String) {
            if let known = listed.withLock({ $0[source] }) { return known }
            var text = String(Substring(source).trimmingBlanks)
            while let inner = NodeLocator.unparenthesised(text) { text = String(Substring(inner).trimmingBlanks) }
            let form: Listed
            if let (_, whenTrue, whenFalse) = NodePath.conditional(text) {
                form = .conditional(whenTrue, whenFalse)
            } else if text.hasPrefix("["), text.hasSuffix("]") {
                let inner = String(text.dropFirst().dropLast())
                let parts = Substring(inner).trimmingBlanks.isEmpty ? [] : NodePath.split(inner, on: ",")
                form = .written(parts.map(String.init))
            } else if let path = NodePath(Substring(text)), path.root == "variables", path.steps.count == 1,
                case .field(let name) = path.steps[0]
            {
                form = .variable(name)
            } else {
                form = .other
            }
            listed.withLock { cache in
                if cache.count >= Self.capacity { cache.removeAll(keepingCapacity: true) }
                cache[source] = (form, text)
            }
            return (form, text)
        }
    }

    /// The text inside parentheses that enclose the whole of `text` (`(a ? b : c)`), or `nil`
    /// when it is not so enclosed (`(a) + (b)`). Parentheses inside quotes do not count.
    static func unparenthesised(_ text: String) -> Substring? {
        guard text.first == "(", text.last == ")" else { return nil }
        // The parenthesis that opens the text must be the one that closes it.
        var closesEarly = false
        let last = text.index(before: text.endIndex)
        NodePath.scanOutsideQuotes(text) { index, character, depth in
            if character == ")" && depth == 1 && index != last { closesEarly = true }
            return !closesEarly
        }
        return closesEarly ? nil : text.dropFirst().dropLast()
    }

    static func path(ofMappingAt span: Span, in content: Node) -> String? {
        var node = content
        var path = ""
        for _ in 0..<64 {
            guard case .mapping(let entries) = node.content else { return nil }
            if node.span == span { return path }
            guard
                let entry = entries.last(where: {
                    $0.key.string != nil && ($0.value.span.line, $0.value.span.column) <= (span.line, span.column)
                }), let key = entry.key.string
            else { return nil }
            node = entry.value
            path = path.isEmpty ? key : "\(path).\(key)"
        }
        return nil
    }
}

extension Substring {
    /// Without spaces, tabs and line breaks at either end.
    fileprivate var trimmingBlanks: Substring {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
