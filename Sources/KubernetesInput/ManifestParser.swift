import PolicyModel
import YAMLSupport

/// Reads Kubernetes manifests — one or many YAML documents, or JSON — into resources.
///
/// A `List` (or any `…List` kind with `items`) stands for its items. A document without string
/// `apiVersion` and `kind` is not a Kubernetes object (a Helm values file, a CI workflow) and is
/// passed over without a word. A file that does not parse is reported as error diagnostics, and the
/// objects read before the error are still returned. An unrendered Helm template gives one notice
/// and no resources, since its YAML is not what the cluster would receive.
public enum ManifestParser {
    /// The `inputKind` of every resource this parser returns.
    public static let inputKind = "kubernetes"

    /// Most objects read from one file. `List`s whose items are YAML aliases of other lists could
    /// otherwise stand for billions of objects in a few hundred bytes.
    public static let maxResources = 100_000

    /// The objects in `text` and whatever stopped some of it from being read.
    public static func parse(_ text: String, file: String) -> (resources: [Resource], diagnostics: [Diagnostic]) {
        parse(text: text, file: file) { YAMLLoader.load(text, file: file) }
    }

    /// The same for raw file contents, which must be UTF-8 text.
    public static func parse(bytes: [UInt8], file: String) -> (resources: [Resource], diagnostics: [Diagnostic]) {
        // Invalid UTF-8 is the loader's to report; only valid text is looked at as a template.
        let text = String(validating: bytes, as: UTF8.self)
        return parse(text: text, file: file) { YAMLLoader.load(bytes: bytes, file: file) }
    }

    private static func parse(
        text: String?, file: String, load: () -> (documents: [Node], errors: [ParseError])
    ) -> (resources: [Resource], diagnostics: [Diagnostic]) {
        let actions = text.map(templateActions(in:)) ?? []
        if !actions.isEmpty && isHelmTemplate(actions: actions, file: file) {
            return ([], [helmNotice(file: file)])
        }
        let loaded = load()
        // Text with template actions that is not YAML, or whose YAML has a mapping for a key.
        if !actions.isEmpty && (!loaded.errors.isEmpty || hasMappingKey(loaded.documents)) {
            return ([], [helmNotice(file: file)])
        }
        var resources: [Resource] = []
        var diagnostics = loaded.errors.map(\.diagnostic)
        for document in loaded.documents where !collect(document, file: file, into: &resources) {
            let location = Location(file: file, line: Int(document.span.line), column: Int(document.span.column))
            diagnostics.append(Diagnostic(.error, "more than \(maxResources) objects in one file", at: location))
            break
        }
        return (resources, diagnostics)
    }

    /// The Kubernetes objects in an already loaded node (an object, a `List`, or a sequence of
    /// either), located in `file`: a manifest written inside another document, such as a
    /// policy's inline test.
    public static func resources(in node: Node, file: String) -> [Resource] {
        var resources: [Resource] = []
        if case .sequence(let items) = node.content {
            for item in items where !collect(item, file: file, into: &resources) { break }
        } else {
            _ = collect(node, file: file, into: &resources)
        }
        return resources
    }

    /// Adds `node` if it is a Kubernetes object, or the objects in it if it is a list of them;
    /// `false` when that would pass `maxResources`.
    private static func collect(_ node: Node, file: String, into resources: inout [Resource]) -> Bool {
        guard let apiVersion = node["apiVersion"]?.string, !apiVersion.isEmpty,
            let kind = node["kind"]?.string, !kind.isEmpty
        else { return true }
        if kind.hasSuffix("List"), case .sequence(let items)? = node["items"]?.content {
            for item in items where !collect(item, file: file, into: &resources) {
                return false
            }
            return true
        }
        guard resources.count < maxResources else { return false }
        let metadata = node["metadata"]
        let name = metadata?["name"]?.string
        let namespace = metadata?["namespace"]?.string
        resources.append(
            Resource(
                inputKind: inputKind, type: kind, name: name, namespace: namespace,
                identity: identity(kind: kind, name: name ?? metadata?["generateName"]?.string, namespace: namespace),
                file: file, span: node.span, content: node))
        return true
    }
}
