import CEL

extension Library {
    /// `jsonDecode(text)`: the value JSON text stands for — for the attributes Terraform resources
    /// take as JSON strings (ECS `container_definitions`, Step Functions definitions, access
    /// policies written as heredocs) — so a policy checks their structure rather than their
    /// spelling. Objects become maps, arrays lists, numbers ints or doubles. Text that is not JSON
    /// is an error; an unknown string stays unknown.
    static let jsonDocuments = Library(
        name: "json",
        functions: [
            Function(
                "jsonDecode", doc: "The value a JSON text stands for.",
                overloads: [
                    .global("jsondecode_string", [.string], returns: .dyn) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        do throws(JSONError) {
                            return try Value(json: text)
                        } catch {
                            return .error("the text is not JSON: \(error)")
                        }
                    }
                ])
        ])
}
