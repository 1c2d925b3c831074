import HCL
import PolicyModel

/// A resource's body evaluated into its attributes and into the located tree policies read.
///
/// Nested blocks are lists of objects under their type (`versioning[0].enabled`), as in plan
/// JSON; `dynamic` blocks are expanded into the blocks they generate. Attributes set to null are
/// left out, since Terraform treats them as unset. Every value in the tree carries the position
/// of the expression that gave it: an element of a written list or object its own, a computed
/// value that of the whole expression.
extension ModuleInstance {
    /// `meta` names the attributes and blocks that configure Terraform rather than the resource
    /// (`count`, `lifecycle`…): they are left out.
    func evaluateBody(_ body: Body, _ scope: Scope, meta: Set<String> = []) -> (ObjectValue, Node) {
        var object = ObjectValue()
        var entries: [Node.Entry] = []
        for attribute in body.attributes where !meta.contains(attribute.name) {
            let value = evaluateReporting(attribute.value, scope)
            if case .null = value { continue }
            object.set(attribute.name, value)
            var node = Self.located(value, attribute.value)
            if value.isUnknown, let structure = structuredValue(of: attribute.value, scope) {
                node = Self.located(structure, attribute.value)
            }
            entries.append(
                Node.Entry(key: Node(.string(attribute.name), span: Self.span(attribute.nameRange)), value: node))
        }
        var groups: [(type: String, values: [TerraformValue], nodes: [Node])] = []
        func append(_ type: String, _ value: TerraformValue, _ node: Node) {
            if let index = groups.firstIndex(where: { $0.type == type }) {
                groups[index].values.append(value)
                groups[index].nodes.append(node)
            } else {
                groups.append((type, [value], [node]))
            }
        }
        for block in body.blocks where !meta.contains(block.type) {
            if block.type == "dynamic", let type = block.labels.first?.value {
                for (value, node) in expandDynamic(block, scope) { append(type, value, node) }
                continue
            }
            var (nested, node) = evaluateBody(block.body, scope)
            nested.isOpen = true
            append(block.type, .object(nested), node)
        }
        for group in groups {
            object.set(group.type, .list(group.values))
            let first = group.nodes.first?.span ?? Self.span(body.range)
            let last = group.nodes.last?.span ?? first
            let span = Span(
                line: Int(first.line), column: Int(first.column), endLine: Int(last.endLine),
                endColumn: Int(last.endColumn))
            entries.append(
                Node.Entry(key: Node(.string(group.type), span: first), value: Node(.sequence(group.nodes), span: span))
            )
        }
        return (object, Node(.mapping(entries), span: Self.span(body.range)))
    }

    /// The blocks a `dynamic` block generates; one block of unknown values when its collection is
    /// unknown, since the policies should still see that such blocks may exist.
    private func expandDynamic(_ block: Block, _ scope: Scope) -> [(TerraformValue, Node)] {
        guard let type = block.labels.first?.value, let content = block.body.blocks(ofType: "content").first else {
            return []
        }
        let iterator: String
        if let attribute = block.body.attribute("iterator"), case .variable(let name, _) = attribute.value {
            iterator = name
        } else {
            iterator = type
        }
        guard let forEach = block.body.attribute("for_each") else {
            report(.warning, "dynamic block \"\(type)\" has no for_each", file: scope.file, range: block.typeRange)
            return []
        }
        let collection = evaluateReporting(forEach.value, scope)
        var pairs: [(TerraformValue, TerraformValue)]
        switch collection {
        case .list(let items): pairs = items.enumerated().map { (.number(Double($0.offset)), $0.element) }
        case .object(let object): pairs = object.entries.map { (.string($0.key), $0.value) }
        case .null: pairs = []
        default: pairs = [(.unknown, .unknown)]
        }
        if pairs.count > 10_000 { pairs = Array(pairs.prefix(10_000)) }
        return pairs.map { key, value in
            let inner = scope.binding(iterator, .object([("key", key), ("value", value)]))
            var (nested, node) = evaluateBody(content.body, inner)
            nested.isOpen = true
            return (.object(nested), node)
        }
    }

    /// For an attribute whose value is unknown only in part — `jsonencode({...})` of a document
    /// with an ARN computed at apply time, the `json` of an `aws_iam_policy_document` — the
    /// structure as far as it is known, so policies on the document still see its known parts.
    func structuredValue(of expression: Expression, _ scope: Scope, depth: Int = 0) -> TerraformValue? {
        guard depth < 16 else { return nil }
        switch expression {
        case .parenthesized(let inner, _):
            return structuredValue(of: inner, scope, depth: depth + 1)
        case .call(let call, _) where call.name == "jsonencode" && call.arguments.count == 1:
            let value = try? evaluate(call.arguments[0], scope)
            guard let value, !value.isUnknown else { return nil }
            return value
        case .template(let template, _):
            if let single = template.unwrapped { return structuredValue(of: single, scope, depth: depth + 1) }
            // A JSON document written as text (often a heredoc) with values computed at apply
            // time: its structure, with those values unknown.
            guard let text = render(template, scope, placeholder: Self.jsonPlaceholder),
                text.first(where: { !$0.isWhitespace }) == "{",
                case .success(let document) = JSONText.decode(text)
            else { return nil }
            return Self.markingUnknown(document)
        case .attribute(.variable("local", _), let name, _):
            guard let local = config.locals[name] else { return nil }
            return structuredValue(of: local.expression, Scope(file: local.file), depth: depth + 1)
        case .attribute(let base, "json", _):
            // data.aws_iam_policy_document.NAME.json, with or without an instance index.
            var target = base
            if case .index(let inner, _, _) = target { target = inner }
            guard case .attribute(.attribute(.variable("data", _), "aws_iam_policy_document", _), let name, _) = target,
                let block = config.resources.first(where: { $0.address == "data.aws_iam_policy_document.\(name)" })
            else { return nil }
            guard let instance = instances(of: block).first else { return nil }
            return IAMPolicyDocument.render(instance.attributes).structure
        default:
            return nil
        }
    }

    /// What stands for an unknown value inside JSON text while it is decoded.
    static let jsonPlaceholder = "__palisade_unknown_value__"

    /// `value` with every string that contains the placeholder unknown.
    static func markingUnknown(_ value: TerraformValue) -> TerraformValue {
        switch value {
        case .string(let text) where text.contains(jsonPlaceholder): return .unknown
        case .list(let items): return .list(items.map(markingUnknown))
        case .object(let object):
            var result = ObjectValue()
            for entry in object.entries { result.set(entry.key, markingUnknown(entry.value)) }
            return .object(result)
        default: return value
        }
    }

    static func span(_ range: SourceRange) -> Span {
        Span(line: range.start.line, column: range.start.column, endLine: range.end.line, endColumn: range.end.column)
    }

    /// `value` as a located tree: the elements of a written tuple or object take the positions of
    /// their own expressions, anything computed the position of `expression`.
    static func located(_ value: TerraformValue, _ expression: Expression?, span fallback: Span? = nil) -> Node {
        let span = expression.map { Self.span($0.range) } ?? fallback ?? Span(line: 1, column: 1)
        var written = expression
        while case .parenthesized(let inner, _)? = written { written = inner }
        switch value {
        case .null: return Node(.null, span: span)
        case .unknown: return Node(.unknown, span: span)
        case .bool(let flag): return Node(.bool(flag), span: span)
        case .string(let text): return Node(.string(text), span: span)
        case .number(let number):
            if number == number.rounded(), abs(number) < 9e15 { return Node(.int(Int64(number)), span: span) }
            return Node(.double(number), span: span)
        case .list(let items):
            var elements: [Expression]?
            if case .tuple(let written, _)? = written, written.count == items.count { elements = written }
            let nodes = items.enumerated().map { located($0.element, elements?[$0.offset] ?? expression, span: span) }
            return Node(.sequence(nodes), span: span)
        case .object(let object):
            var items: [String: Expression.ObjectItem] = [:]
            if case .object(let written, _)? = written {
                for item in written {
                    if case .name(let name, _) = item.key { items[name] = item }
                    if case .expression(let key) = item.key, let name = Self.literalKey(key) { items[name] = item }
                }
            }
            let entries = object.entries.map { entry -> Node.Entry in
                let item = items[entry.key]
                let keySpan = item.map { Self.span($0.key.range) } ?? span
                return Node.Entry(
                    key: Node(.string(entry.key), span: keySpan),
                    value: located(entry.value, item?.value ?? expression, span: span))
            }
            return Node(.mapping(entries), span: span)
        }
    }

    private static func literalKey(_ expression: Expression) -> String? {
        switch expression {
        case .literal(.string(let text), _): return text
        case .template(let template, _):
            if template.parts.count == 1, case .literal(let text, _) = template.parts[0] { return text }
            return nil
        case .parenthesized(let inner, _): return literalKey(inner)
        default: return nil
        }
    }

    /// `node` (a mapping) with `key` set to `value`.
    static func adding(_ key: String, _ value: Node, to node: Node) -> Node {
        guard case .mapping(var entries) = node.content else { return node }
        entries.removeAll { $0.key.string == key }
        entries.append(Node.Entry(key: Node(.string(key), span: value.span), value: value))
        return Node(.mapping(entries), span: node.span)
    }
}
