import PolicyModel
import YAMLSupport

/// Reads GitLab CI files (`.gitlab-ci.yml`, and the templates it includes) into one resource
/// each: type `pipeline`, identity the file path, name the file's base name.
///
/// A resource's `object` is the document as written, every value located, plus views that spare
/// policies GitLab's many ways of writing the same thing (each documented on `PipelineModel`):
/// `jobList` (every job with the image, services, scripts and variables it runs with),
/// `includes`, `images`, `scripts` and `variableList`. YAML anchors, aliases and `<<` merge keys
/// are applied as GitLab applies them; `!reference` tags are resolved within the file.
///
/// A file whose first document holds only `spec:` (a component's or template's header) is read
/// from its second document, with the header's `spec` added. A file that is not YAML gives an
/// error diagnostic with line and column; everything else in it is still read.
public enum PipelineReader {
    /// The `inputKind` of every resource this reader returns.
    public static let inputKind = "gitlab-ci"

    /// Whether `path` is a file GitLab CI reads: `.gitlab-ci.yml` (or `.yaml`), a file named
    /// `*.gitlab-ci.yml`, or a YAML file under a `.gitlab/ci/` folder, where included templates
    /// conventionally live.
    public static func isPipelineFile(_ path: String) -> Bool {
        // Asked of every file a scan finds: no splitting, no copies.
        let name = path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...]
        if name.hasSuffix(".gitlab-ci.yml") || name.hasSuffix(".gitlab-ci.yaml") { return true }
        guard name.hasSuffix(".yml") || name.hasSuffix(".yaml") else { return false }
        let folder = path[..<name.startIndex]
        return folder.hasPrefix(".gitlab/ci/") || folder.contains("/.gitlab/ci/")
    }

    /// The pipeline in `bytes` (UTF-8 YAML) and what kept any of it from being read.
    public static func parse(bytes: [UInt8], file: String) -> (resources: [Resource], diagnostics: [Diagnostic]) {
        let loaded = YAMLLoader.load(bytes: bytes, file: file)
        var diagnostics = loaded.errors.map(\.diagnostic)
        var documents = loaded.documents
        var header: Node?
        if let first = documents.first, documents.count > 1, case .mapping(let entries) = first.content,
            entries.count == 1, first["spec"] != nil
        {
            header = first
            documents.removeFirst()
        }
        guard let document = documents.first else { return ([], diagnostics) }
        for extra in documents.dropFirst() {
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "a GitLab CI file holds one pipeline (after an optional `spec:` header); "
                        + "this document is not read", at: extra.location(in: file)))
        }
        guard case .mapping = document.content else {
            diagnostics.append(
                Diagnostic(
                    .error, "a GitLab CI file is a mapping of jobs and keywords such as `stages:`",
                    at: document.location(in: file)))
            return ([], diagnostics)
        }
        var model = PipelineModel(file: file, source: SourceText(bytes))
        let content = model.build(document, header: header)
        diagnostics += model.diagnostics
        let base = file.split(separator: "/").last.map(String.init) ?? file
        let resource = Resource(
            inputKind: inputKind, type: "pipeline", name: base, namespace: nil, identity: file, file: file,
            span: document.span, content: content)
        return ([resource], diagnostics)
    }
}
