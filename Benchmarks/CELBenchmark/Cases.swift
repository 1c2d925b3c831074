import BenchmarkSupport
import CEL

/// One benchmark case from `cases.tsv`: an expression evaluated with `object` bound to a document.
struct Case {
    var name: String
    /// The JSON file, relative to the data directory.
    var input: String
    /// What the per-item figure divides by: `container`, `rule`.
    var unit: String
    /// A CEL expression that counts the units in the document, e.g. `size(object.spec.containers)`.
    var countExpression: String
    var expression: String
}

/// Reads `cases.tsv`: five tab-separated fields a line; `#` comments and blank lines skipped.
func readCases(directory: String) throws -> [Case] {
    let path = joinPath(directory, "cases.tsv")
    let text = String(decoding: try readFile(path), as: UTF8.self)
    var cases: [Case] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if line.isEmpty || line.hasPrefix("#") { continue }
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 5, !fields.contains(where: \.isEmpty) else {
            throw BenchError(
                description: "\(path):\(index + 1): expected 5 tab-separated fields, found \(fields.count)")
        }
        cases.append(
            Case(name: fields[0], input: fields[1], unit: fields[2], countExpression: fields[3], expression: fields[4]))
    }
    guard !cases.isEmpty else { throw BenchError(description: "\(path): no cases") }
    return cases
}

/// A JSON document as the engine sees it, with what it took to read.
struct Document {
    var name: String
    var bytes: Int
    var value: Value
}

func loadDocument(directory: String, name: String) throws -> Document {
    let path = joinPath(directory, name)
    let bytes = try readFile(path)
    do {
        return Document(name: name, bytes: bytes.count, value: try Value(json: bytes))
    } catch {
        throw BenchError(description: "\(path): \(error)")
    }
}

/// The environment every policy is compiled in: `object` of type dyn, and every library.
func makeEnvironment() -> Environment {
    Environment(
        variables: ["object": .dyn],
        libraries: Library.standardLibraries + Library.extensionLibraries + Library.kubernetesLibraries)
}

/// How a result prints in the tables: the value, or `error: MESSAGE`.
func describe(_ value: Value) -> String {
    if case .error(let error) = value { return "error: \(error.message)" }
    return value.description
}
