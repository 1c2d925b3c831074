import PolicyModel
import YAMLSupport

/// Reads GitHub Actions workflows (`.github/workflows/*.yml`) and actions (`action.yml`) into one
/// resource each: type `workflow` or `action` (told by content: `jobs` or `runs`), identity the
/// file path, name the `name:` written (else the file's base name).
///
/// A resource's `object` is the document as written, every value located, plus views that spare
/// policies GitHub's many ways of writing the same thing (each documented on `WorkflowModel`):
/// `events`, `jobList`, `steps` and `expressions` — every `${{ }}` expression and `if:`
/// condition parsed into the contexts it reads, the functions it calls and the comparisons it
/// makes, located at its own line and column.
///
/// A file that is not YAML, or whose expressions do not parse, gives error diagnostics with line
/// and column; everything else in it is still read.
public enum WorkflowReader {
    /// The `inputKind` of every resource this reader returns.
    public static let inputKind = "github-actions"

    /// Whether `path` is a file GitHub Actions reads: a `.yml`/`.yaml` file directly under
    /// `.github/workflows/`, or an action's metadata file `action.yml`/`action.yaml`.
    public static func isWorkflowFile(_ path: String) -> Bool {
        // Asked of every file a scan finds: no splitting, no copies.
        let name = path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...]
        if name == "action.yml" || name == "action.yaml" { return true }
        guard name.hasSuffix(".yml") || name.hasSuffix(".yaml") else { return false }
        return path[..<name.startIndex].hasSuffix(".github/workflows/")
    }

    /// The workflows or actions in `bytes` (UTF-8 YAML) and what kept any of it from being read.
    public static func parse(bytes: [UInt8], file: String) -> (resources: [Resource], diagnostics: [Diagnostic]) {
        let loaded = YAMLLoader.load(bytes: bytes, file: file)
        var diagnostics = loaded.errors.map(\.diagnostic)
        var resources: [Resource] = []
        let source = SourceText(bytes)
        for document in loaded.documents {
            guard case .mapping = document.content else {
                diagnostics.append(
                    Diagnostic(
                        .error, "a workflow or action is a mapping of keys such as `on:` and `jobs:`",
                        at: document.location(in: file)))
                continue
            }
            let type: String
            if document["jobs"] != nil || document["on"] != nil {
                type = "workflow"
            } else if document["runs"] != nil {
                type = "action"
            } else {
                diagnostics.append(
                    Diagnostic(
                        .warning, "neither a workflow (no `jobs:`) nor an action (no `runs:`); not scanned",
                        at: document.location(in: file)))
                continue
            }
            var model = WorkflowModel(file: file, source: source)
            let content = model.build(document, isAction: type == "action")
            diagnostics += model.diagnostics
            let base = file.split(separator: "/").last.map(String.init) ?? file
            resources.append(
                Resource(
                    inputKind: inputKind, type: type, name: document["name"]?.string ?? base, namespace: nil,
                    identity: file, file: file, span: document.span, content: content))
        }
        return (resources, diagnostics)
    }
}
