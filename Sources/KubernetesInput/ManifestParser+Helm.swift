import PolicyModel

/// Unrendered Helm templates.
///
/// Go template actions (`{{ … }}`) also appear, legitimately, inside the string values of
/// rendered manifests: Prometheus alert texts, Argo Workflows parameters. So an action alone does
/// not make a template: the file must also sit in a chart's `templates/` folder, or an action must
/// use Helm's own objects or functions, or the YAML must betray it: control actions such as
/// `{{- if … }}` on a line of their own do not parse, and an unquoted `key: {{ .name }}` parses as
/// a mapping whose key is a mapping, which no Kubernetes object has. Rendered manifests quote
/// their actions or keep them in block scalars.
extension ManifestParser {
    /// Names that only a Helm template's actions use: its built-in objects and functions.
    private static let helmWords = [
        ".Values", ".Release", ".Chart", ".Capabilities", ".Files", ".Template", "include ", "tpl ", "toYaml ",
    ]

    /// The notice given, at 1:1, for a template instead of its resources.
    static func helmNotice(file: String) -> Diagnostic {
        Diagnostic(
            .notice, "unrendered Helm template: render it with `helm template`",
            at: Location(file: file, line: 1, column: 1))
    }

    /// Whether a file with these template actions is a Helm template whatever it parses as.
    static func isHelmTemplate(actions: [Substring], file: String) -> Bool {
        if file.hasPrefix("templates/") || file.contains("/templates/") { return true }
        return actions.contains { action in helmWords.contains { action.contains($0) } }
    }

    /// Whether some mapping in `documents` has a mapping for a key, as `{{ x }}` written unquoted
    /// gives. Looks at no more than a million nodes, since aliases may share subtrees.
    static func hasMappingKey(_ documents: [Node]) -> Bool {
        var pending = documents
        var budget = 1_000_000
        while let node = pending.popLast(), budget > 0 {
            budget -= 1
            switch node.content {
            case .sequence(let items): pending += items
            case .mapping(let entries):
                for entry in entries {
                    if case .mapping = entry.key.content { return true }
                    pending.append(entry.value)
                }
            default: break
            }
        }
        return false
    }

    /// The text of every `{{ … }}` action, delimiters included (at most the first 100).
    static func templateActions(in text: String) -> [Substring] {
        var actions: [Substring] = []
        var rest = text[...]
        while actions.count < 100, let open = rest.firstRange(of: "{{"),
            let close = rest[open.upperBound...].firstRange(of: "}}")
        {
            actions.append(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        return actions
    }
}
