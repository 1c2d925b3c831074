import PolicyModel
import YAMLSupport

/// Reads policy files: YAML streams with one policy per document.
///
/// Every field is checked, every key must be one the format knows (a misspelt `severty` is an
/// error, with the closest known key suggested), and every CEL expression is compiled. Each
/// problem is an `.error` diagnostic at the offending node; a policy with any problem is left out
/// and the other documents of the file still load. Ids must be kebab-case; the input prefixes that
/// built-in policies use (`k8s-`, `aws-`…) are checked by the built-in library's own test, since
/// users may name their policies as they like.
///
/// Documents that are not Palisade policies are skipped without a word: a document with
/// `apiVersion` or `kind` and no `id` (a ValidatingAdmissionPolicy, a Kyverno policy) is for the
/// loaders of those formats.
public enum PolicyLoader {
    public static func load(_ text: String, file: String) -> (policies: [Policy], diagnostics: [Diagnostic]) {
        let (documents, errors) = YAMLLoader.load(text, file: file)
        var diagnostics = errors.map(\.diagnostic)
        var reader = PolicyReader(file: file, text: text)
        var policies: [Policy] = []
        var firstLines: [String: Int] = [:]
        for document in documents {
            if document["id"] == nil, document["apiVersion"] != nil || document["kind"] != nil { continue }
            guard let policy = reader.read(document) else { continue }
            if let first = firstLines[policy.id] {
                let at = document["id"]?.location(in: file) ?? policy.location
                reader.diagnostics.append(
                    Diagnostic(.error, "duplicate policy id \"\(policy.id)\" (first at line \(first))", at: at))
                continue
            }
            firstLines[policy.id] = document["id"].map { Int($0.span.line) } ?? policy.location.line
            policies.append(policy)
        }
        diagnostics += reader.diagnostics
        diagnostics.sort { $0.location < $1.location }
        return (policies, diagnostics)
    }
}
