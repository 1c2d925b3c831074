import CEL

extension Library {
    /// `iamPolicy(document)`: an AWS IAM policy document — JSON text (a heredoc, `jsonencode`, an
    /// `aws_iam_policy_document`'s `json`, or a plan's value) or its structure — in one shape, so
    /// that one policy covers every way of writing it:
    /// `{"Statement": [{"Effect", "Action", "NotAction", "Resource", "NotResource", "Principal",
    /// "NotPrincipal", "Condition"}]}` where the action and resource lists are always lists,
    /// `Principal` is always a map from type to a list (`"*"` becomes `{"AWS": ["*"]}`), a single
    /// statement is a list of one, and `Effect` defaults to `Allow`. Absent keys stay absent;
    /// unknown parts stay unknown. Text that is not JSON is an error.
    static let iamPolicies = Library(
        name: "iam",
        functions: [
            Function(
                "iamPolicy", doc: "An AWS IAM policy document in one normalised shape.",
                overloads: [
                    .global("iampolicy_string", [.string], returns: .map(.string, .dyn)) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        do throws(JSONError) {
                            return IAMPolicyShape.normalise(try Value(json: text))
                        } catch {
                            return .error("the policy document is not JSON: \(error)")
                        }
                    },
                    .global("iampolicy_map", [.map(.string, .dyn)], returns: .map(.string, .dyn)) { args in
                        IAMPolicyShape.normalise(args[0])
                    },
                ])
        ])
}

/// The normalisation behind `iamPolicy`.
enum IAMPolicyShape {
    static func normalise(_ document: Value) -> Value {
        guard case .map(let map) = document else {
            if document.isUnknown { return document }
            return .error("an IAM policy document must be a JSON object")
        }
        var result = MapValue()
        for (key, value) in map.entries where key != .string("Statement") { result.set(key, value) }
        let statements: [Value]
        switch map.value(forField: "Statement") {
        case .list(let items)?: statements = items
        case .map?: statements = [map.value(forField: "Statement") ?? .null]
        case .unknown?: statements = []
        default: statements = []
        }
        if case .unknown? = map.value(forField: "Statement") {
            result.set(.string("Statement"), .unknown)
            return .map(result)
        }
        result.set(.string("Statement"), .list(statements.map(statement)))
        return .map(result)
    }

    private static func statement(_ value: Value) -> Value {
        guard case .map(let map) = value else { return value }
        var result = MapValue()
        result.set(.string("Effect"), .string("Allow"))
        for (key, field) in map.entries {
            guard case .string(let name) = key else { continue }
            switch name {
            case "Action", "NotAction", "Resource", "NotResource":
                result.set(key, listed(field))
            case "Principal", "NotPrincipal":
                result.set(key, principal(field))
            default:
                result.set(key, field)
            }
        }
        return .map(result)
    }

    private static func listed(_ value: Value) -> Value {
        switch value {
        case .list, .unknown: return value
        default: return .list([value])
        }
    }

    private static func principal(_ value: Value) -> Value {
        switch value {
        case .string(let text):
            var map = MapValue()
            map.set(.string("AWS"), .list([.string(text)]))
            return .map(map)
        case .map(let map):
            var result = MapValue()
            for (key, field) in map.entries { result.set(key, listed(field)) }
            return .map(result)
        default:
            return value
        }
    }
}
