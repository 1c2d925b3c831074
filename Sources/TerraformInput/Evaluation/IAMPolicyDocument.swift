/// The JSON an `aws_iam_policy_document` data source produces from its `statement` blocks, as the
/// AWS provider writes it: `Version`, then each statement's `Sid`, `Effect` (default `Allow`),
/// `Action`/`NotAction`, `Resource`/`NotResource`, `Principal`/`NotPrincipal` (from `principals`
/// blocks, `{"AWS": [...]}`; `*` for the anonymous principal) and `Condition` (from `condition`
/// blocks, `{test: {variable: values}}`). A single value is written as a string, several as a
/// list.
enum IAMPolicyDocument {
    /// The document text when every part is known, and its structure whenever the statements can
    /// be read (unknown parts stay unknown in it).
    static func render(_ attributes: ObjectValue) -> (text: String?, structure: TerraformValue?) {
        var document = ObjectValue()
        document.set("Version", attributes["version"] ?? .string("2012-10-17"))
        if let id = attributes["policy_id"] { document.set("Id", id) }
        var statements: [TerraformValue] = []
        if case .list(let blocks)? = attributes["statement"] {
            for block in blocks {
                guard case .object(let statement) = block else { return (nil, nil) }
                statements.append(.object(render(statement: statement)))
            }
        }
        document.set("Statement", .list(statements))
        let structure = TerraformValue.object(document)
        // Documents merged from other documents are only known once those are.
        for key in ["source_policy_documents", "override_policy_documents", "source_json", "override_json"]
        where attributes[key] != nil {
            return (nil, structure)
        }
        if structure.containsUnknown { return (nil, structure) }
        guard case .success(let text) = JSONText.encode(structure) else { return (nil, structure) }
        return (text, structure)
    }

    private static func render(statement: ObjectValue) -> ObjectValue {
        var result = ObjectValue()
        if let sid = statement["sid"], sid != .string("") { result.set("Sid", sid) }
        result.set("Effect", statement["effect"] ?? .string("Allow"))
        for (attribute, key) in [
            ("actions", "Action"), ("not_actions", "NotAction"), ("resources", "Resource"),
            ("not_resources", "NotResource"),
        ] {
            if let value = statement[attribute] { result.set(key, single(value)) }
        }
        for (attribute, key) in [("principals", "Principal"), ("not_principals", "NotPrincipal")] {
            guard case .list(let blocks)? = statement[attribute] else { continue }
            var principals = ObjectValue()
            var anonymous = false
            for block in blocks {
                guard case .object(let principal) = block else { continue }
                guard case .string(let type)? = principal["type"] else {
                    principals.set("?", .unknown)
                    continue
                }
                let identifiers = principal["identifiers"] ?? .unknown
                if type == "*", case .list(let ids) = identifiers, ids == [.string("*")] {
                    anonymous = true
                    continue
                }
                var merged: [TerraformValue] = []
                if case .list(let earlier)? = principals[type] { merged = earlier }
                if case .list(let ids) = identifiers { merged += ids } else { merged.append(identifiers) }
                principals.set(type, .list(merged))
            }
            if anonymous && principals.isEmpty {
                result.set(key, .string("*"))
            } else {
                var singled = ObjectValue()
                for entry in principals.entries { singled.set(entry.key, single(entry.value)) }
                result.set(key, .object(singled))
            }
        }
        if case .list(let blocks)? = statement["condition"] {
            var conditions = ObjectValue()
            for block in blocks {
                guard case .object(let condition) = block, case .string(let test)? = condition["test"],
                    case .string(let variable)? = condition["variable"]
                else { continue }
                var byVariable = ObjectValue()
                if case .object(let earlier)? = conditions[test] { byVariable = earlier }
                byVariable.set(variable, single(condition["values"] ?? .unknown))
                conditions.set(test, .object(byVariable))
            }
            result.set("Condition", .object(conditions))
        }
        return result
    }

    /// A one-element list as its element, as the provider writes it.
    private static func single(_ value: TerraformValue) -> TerraformValue {
        if case .list(let items) = value, items.count == 1 { return items[0] }
        return value
    }
}
