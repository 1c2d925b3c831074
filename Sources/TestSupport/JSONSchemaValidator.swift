import Foundation

/// Checks JSON documents against a JSON Schema, reporting every violation with the JSON pointer
/// of the offending value and the rule it breaks.
///
/// It implements the keywords that the SARIF 2.1.0 schema and our own tests use, with the meaning
/// drafts 4 to 7 share:
///
/// - `$ref` to a JSON pointer inside the schema (`#`, `#/definitions/run`); beside `$ref`, other
///   keywords are ignored, as those drafts say;
/// - `type` (a name or a list; `integer` is a number written without a fraction or exponent, as
///   in draft 4), `enum`, `const`;
/// - objects: `properties`, `patternProperties`, `additionalProperties` (a boolean or a schema),
///   `required`, `minProperties`, `maxProperties`;
/// - arrays: `items` (one schema, or one per position with `additionalItems`), `minItems`,
///   `maxItems`, `uniqueItems`;
/// - numbers: `minimum`, `maximum`, `exclusiveMinimum` and `exclusiveMaximum` (draft 4's boolean
///   form and the later numeric one), `multipleOf`;
/// - strings: `minLength`, `maxLength` (in Unicode scalars), `pattern` (found anywhere in the
///   string, with `NSRegularExpression`), `format` `uri`, `uri-reference` and `date-time`, checked
///   loosely (see `JSONSchemaValidator+Formats.swift`);
/// - `allOf`, `anyOf`, `oneOf`, `not`; `true` and `false` as schemas.
///
/// `$schema`, `id`, `$id`, `title`, `description`, `default`, `examples`, `$comment` and
/// `definitions` carry no rule. Any other keyword, an unknown `format`, a `$ref` that leads
/// nowhere or a pattern that does not compile makes `init` throw, so a schema can never be passed
/// by ignoring a rule the validator does not know.
public struct JSONSchemaValidator: Sendable {
    /// One rule that a document breaks.
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        /// A JSON pointer to the offending value (`/runs/0/results/2/level`); empty for the root.
        public var instancePath: String
        /// The keyword whose rule is broken (`enum`, `required`, `additionalProperties`).
        public var keyword: String
        /// Where the rule is written in the schema, as a URI fragment (`#/definitions/result/…`).
        public var schemaPath: String
        public var message: String

        /// `/runs/0/level: enum: … (#/definitions/…)`; the root is written as `/`.
        public var description: String {
            "\(instancePath.isEmpty ? "/" : instancePath): \(keyword): \(message) (\(schemaPath))"
        }
    }

    /// A schema the validator cannot use, with the place in the schema that is at fault.
    public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
        public var schemaPath: String
        public var message: String

        public var description: String { "\(schemaPath): \(message)" }
    }

    /// Keywords that carry no rule.
    static let annotations: Set<String> = [
        "$schema", "id", "$id", "title", "description", "default", "examples", "$comment", "definitions",
    ]
    /// Keywords with a rule, all implemented below.
    static let assertions: Set<String> = [
        "$ref", "type", "enum", "const", "properties", "patternProperties", "additionalProperties", "required",
        "minProperties", "maxProperties", "items", "additionalItems", "minItems", "maxItems", "uniqueItems", "minimum",
        "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "pattern", "format",
        "allOf", "anyOf", "oneOf", "not",
    ]
    static let typeNames: Set<String> = ["null", "boolean", "object", "array", "number", "integer", "string"]

    let schema: JSONInstance
    /// `$ref` value → the schema it leads to and that schema's path.
    var references: [String: (schema: JSONInstance, path: String)] = [:]

    /// Checks that `schema` uses only what the validator implements, resolves every `$ref` and
    /// compiles every pattern.
    public init(schema: JSONInstance) throws(SchemaError) {
        self.schema = schema
        try prepare(schema, path: "#")
    }

    /// Parses `text` as a schema; a text that is not JSON is reported as a `SchemaError` at `#`.
    public init(schemaText: String) throws(SchemaError) {
        let parsed: JSONInstance
        do {
            parsed = try JSONInstance.parse(schemaText)
        } catch {
            throw SchemaError(schemaPath: "#", message: "not JSON: \(error)")
        }
        try self.init(schema: parsed)
    }

    /// Every violation of the schema by `instance`, in a stable order (object members by name).
    public func validate(_ instance: JSONInstance) -> [Violation] {
        var violations: [Violation] = []
        check(instance, at: "", against: schema, schemaPath: "#", into: &violations)
        return violations
    }

    /// Parses `json` and validates it.
    public func validate(json: String) throws(JSONInstance.ParseError) -> [Violation] {
        validate(try JSONInstance.parse(json))
    }

    // MARK: - Preparing the schema

    private mutating func prepare(_ schema: JSONInstance, path: String) throws(SchemaError) {
        if case .bool = schema { return }
        guard case .object(let keywords) = schema else {
            throw SchemaError(schemaPath: path, message: "a schema must be an object or a boolean")
        }
        for (keyword, value) in keywords.sorted(by: { $0.key < $1.key }) {
            let here = path + "/" + Self.escape(keyword)
            guard Self.annotations.contains(keyword) || Self.assertions.contains(keyword) else {
                throw SchemaError(schemaPath: here, message: "unsupported keyword \"\(keyword)\"")
            }
            switch (keyword, value) {
            case ("definitions", .object(let members)), ("properties", .object(let members)),
                ("patternProperties", .object(let members)):
                for (name, subschema) in members.sorted(by: { $0.key < $1.key }) {
                    if keyword == "patternProperties" { try compile(name, at: here) }
                    try prepare(subschema, path: here + "/" + Self.escape(name))
                }
            case ("additionalProperties", _), ("additionalItems", _), ("not", _):
                try prepare(value, path: here)
            case ("items", .array(let schemas)), ("allOf", .array(let schemas)), ("anyOf", .array(let schemas)),
                ("oneOf", .array(let schemas)):
                guard !schemas.isEmpty || keyword == "items" else {
                    throw SchemaError(schemaPath: here, message: "\(keyword) needs at least one schema")
                }
                for (index, subschema) in schemas.enumerated() { try prepare(subschema, path: here + "/\(index)") }
            case ("items", _): try prepare(value, path: here)
            case ("allOf", _), ("anyOf", _), ("oneOf", _):
                throw SchemaError(schemaPath: here, message: "\(keyword) must be an array of schemas")
            case ("$ref", .string(let reference)):
                references[reference] = try resolve(reference, at: here)
            case ("$ref", _): throw SchemaError(schemaPath: here, message: "$ref must be a string")
            case ("type", .string(let name)):
                guard Self.typeNames.contains(name) else {
                    throw SchemaError(schemaPath: here, message: "unknown type \"\(name)\"")
                }
            case ("type", .array(let names)):
                for name in names {
                    guard case .string(let text) = name, Self.typeNames.contains(text) else {
                        throw SchemaError(schemaPath: here, message: "unknown type in the list")
                    }
                }
            case ("type", _): throw SchemaError(schemaPath: here, message: "type must be a name or a list of names")
            case ("enum", .array): break
            case ("enum", _): throw SchemaError(schemaPath: here, message: "enum must be an array")
            case ("required", .array(let names)):
                guard names.allSatisfy({ if case .string = $0 { return true } else { return false } }) else {
                    throw SchemaError(schemaPath: here, message: "required must list names")
                }
            case ("required", _): throw SchemaError(schemaPath: here, message: "required must be an array")
            case ("pattern", .string(let pattern)): try compile(pattern, at: here)
            case ("pattern", _): throw SchemaError(schemaPath: here, message: "pattern must be a string")
            case ("format", .string(let format)):
                guard Self.formats.contains(format) else {
                    throw SchemaError(schemaPath: here, message: "unsupported format \"\(format)\"")
                }
            case ("minItems", _), ("maxItems", _), ("minLength", _), ("maxLength", _), ("minProperties", _),
                ("maxProperties", _):
                guard case .integer(let count) = value, count >= 0 else {
                    throw SchemaError(schemaPath: here, message: "\(keyword) must be a non-negative integer")
                }
            case ("minimum", _), ("maximum", _), ("multipleOf", _):
                guard let number = value.numberValue, keyword != "multipleOf" || number > 0 else {
                    throw SchemaError(schemaPath: here, message: "\(keyword) must be a number")
                }
            case ("exclusiveMinimum", _), ("exclusiveMaximum", _):
                guard value.numberValue != nil || value.typeName == "boolean" else {
                    throw SchemaError(schemaPath: here, message: "\(keyword) must be a number or a boolean")
                }
            case ("uniqueItems", _):
                guard case .bool = value else {
                    throw SchemaError(schemaPath: here, message: "uniqueItems must be a boolean")
                }
            default: break  // const, and annotations
            }
        }
    }

    /// Checks that `pattern` compiles; `matches` compiles it again when it is used, so the
    /// validator holds no `NSRegularExpression` and stays `Sendable`.
    private func compile(_ pattern: String, at path: String) throws(SchemaError) {
        do {
            _ = try NSRegularExpression(pattern: pattern)
        } catch {
            throw SchemaError(schemaPath: path, message: "pattern \"\(pattern)\" does not compile")
        }
    }

    /// The schema a `#…` reference leads to, and its path.
    private func resolve(_ reference: String, at path: String) throws(SchemaError) -> (JSONInstance, String) {
        guard reference.hasPrefix("#") else {
            throw SchemaError(schemaPath: path, message: "only references inside the schema are supported")
        }
        let pointer = String(reference.dropFirst()).removingPercentEncoding ?? String(reference.dropFirst())
        guard pointer.isEmpty || pointer.hasPrefix("/") else {
            throw SchemaError(schemaPath: path, message: "\"\(reference)\" is not a JSON pointer")
        }
        var target = schema
        var resolved = "#"
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let name = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let next = target[name] {
                target = next
            } else if let index = Int(name), let next = target[index] {
                target = next
            } else {
                throw SchemaError(schemaPath: path, message: "\"\(reference)\" leads nowhere")
            }
            resolved += "/" + Self.escape(name)
        }
        return (target, resolved)
    }

    // MARK: - Checking a value

    private func check(
        _ value: JSONInstance, at instancePath: String, against schema: JSONInstance, schemaPath: String,
        into violations: inout [Violation]
    ) {
        func fail(_ keyword: String, _ message: String) {
            violations.append(
                Violation(
                    instancePath: instancePath, keyword: keyword, schemaPath: schemaPath + "/" + Self.escape(keyword),
                    message: message))
        }
        switch schema {
        case .bool(true): return
        case .bool(false):
            violations.append(
                Violation(
                    instancePath: instancePath, keyword: "false", schemaPath: schemaPath,
                    message: "no value is allowed here"))
            return
        default: break
        }
        guard case .object(let keywords) = schema else { return }

        if case .string(let reference) = keywords["$ref"], let target = references[reference] {
            check(value, at: instancePath, against: target.schema, schemaPath: target.path, into: &violations)
            return
        }

        if let type = keywords["type"] {
            let allowed: [String]
            switch type {
            case .string(let name): allowed = [name]
            case .array(let names): allowed = names.compactMap { if case .string(let n) = $0 { n } else { nil } }
            default: allowed = []
            }
            let actual = value.typeName
            let matches = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !matches {
                fail("type", "\(actual) is not of type \(allowed.joined(separator: ", "))")
            }
        }
        if case .array(let options) = keywords["enum"], !options.contains(where: value.isEqual) {
            fail("enum", "\(Self.brief(value)) is not one of \(options.map(Self.brief).joined(separator: ", "))")
        }
        if let constant = keywords["const"], !value.isEqual(to: constant) {
            fail("const", "\(Self.brief(value)) is not \(Self.brief(constant))")
        }

        switch value {
        case .object(let members):
            checkObject(members, at: instancePath, keywords: keywords, schemaPath: schemaPath, into: &violations)
        case .array(let elements):
            checkArray(elements, at: instancePath, keywords: keywords, schemaPath: schemaPath, into: &violations)
        case .integer, .number:
            checkNumber(value.numberValue ?? 0, keywords: keywords, fail: fail)
        case .string(let text):
            checkString(text, keywords: keywords, fail: fail)
        case .null, .bool: break
        }

        if case .array(let schemas) = keywords["allOf"] {
            for (index, subschema) in schemas.enumerated() {
                check(
                    value, at: instancePath, against: subschema, schemaPath: schemaPath + "/allOf/\(index)",
                    into: &violations)
            }
        }
        if case .array(let schemas) = keywords["anyOf"] {
            let outcomes = schemas.enumerated().map {
                branch($0.element, value, instancePath, schemaPath + "/anyOf/\($0.offset)")
            }
            if !outcomes.contains(where: \.isEmpty) {
                fail("anyOf", "matches none of the \(schemas.count) schemas: " + Self.summary(outcomes))
            }
        }
        if case .array(let schemas) = keywords["oneOf"] {
            let outcomes = schemas.enumerated().map {
                branch($0.element, value, instancePath, schemaPath + "/oneOf/\($0.offset)")
            }
            let matched = outcomes.indices.filter { outcomes[$0].isEmpty }
            if matched.isEmpty {
                fail("oneOf", "matches none of the \(schemas.count) schemas: " + Self.summary(outcomes))
            } else if matched.count > 1 {
                fail(
                    "oneOf",
                    "matches schemas \(matched.map(String.init).joined(separator: ", ")); exactly one must match")
            }
        }
        if let negated = keywords["not"], branch(negated, value, instancePath, schemaPath + "/not").isEmpty {
            fail("not", "matches a schema it must not match")
        }
    }

    private func branch(_ schema: JSONInstance, _ value: JSONInstance, _ instancePath: String, _ schemaPath: String)
        -> [Violation]
    {
        var violations: [Violation] = []
        check(value, at: instancePath, against: schema, schemaPath: schemaPath, into: &violations)
        return violations
    }

    private func checkObject(
        _ members: [String: JSONInstance], at instancePath: String, keywords: [String: JSONInstance],
        schemaPath: String, into violations: inout [Violation]
    ) {
        func fail(_ keyword: String, _ message: String) {
            violations.append(
                Violation(
                    instancePath: instancePath, keyword: keyword, schemaPath: schemaPath + "/" + keyword,
                    message: message))
        }
        if case .array(let names) = keywords["required"] {
            for case .string(let name) in names where members[name] == nil {
                fail("required", "the member \"\(name)\" is missing")
            }
        }
        if case .integer(let least) = keywords["minProperties"], members.count < least {
            fail("minProperties", "\(members.count) members, fewer than \(least)")
        }
        if case .integer(let most) = keywords["maxProperties"], members.count > most {
            fail("maxProperties", "\(members.count) members, more than \(most)")
        }
        var properties: [String: JSONInstance] = [:]
        if case .object(let declared) = keywords["properties"] { properties = declared }
        var patternSchemas: [(String, JSONInstance)] = []
        if case .object(let declared) = keywords["patternProperties"] {
            patternSchemas = declared.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        for (name, member) in members.sorted(by: { $0.key < $1.key }) {
            let memberPath = instancePath + "/" + Self.escape(name)
            var covered = false
            if let subschema = properties[name] {
                covered = true
                check(
                    member, at: memberPath, against: subschema,
                    schemaPath: schemaPath + "/properties/" + Self.escape(name), into: &violations)
            }
            for (pattern, subschema) in patternSchemas where matches(pattern, name) {
                covered = true
                check(
                    member, at: memberPath, against: subschema,
                    schemaPath: schemaPath + "/patternProperties/" + Self.escape(pattern), into: &violations)
            }
            guard !covered, let additional = keywords["additionalProperties"] else { continue }
            if case .bool(false) = additional {
                violations.append(
                    Violation(
                        instancePath: memberPath, keyword: "additionalProperties",
                        schemaPath: schemaPath + "/additionalProperties",
                        message: "the member \"\(name)\" is not allowed"))
            } else {
                check(
                    member, at: memberPath, against: additional, schemaPath: schemaPath + "/additionalProperties",
                    into: &violations)
            }
        }
    }

    private func checkArray(
        _ elements: [JSONInstance], at instancePath: String, keywords: [String: JSONInstance], schemaPath: String,
        into violations: inout [Violation]
    ) {
        func fail(_ keyword: String, _ message: String) {
            violations.append(
                Violation(
                    instancePath: instancePath, keyword: keyword, schemaPath: schemaPath + "/" + keyword,
                    message: message))
        }
        if case .integer(let least) = keywords["minItems"], elements.count < least {
            fail("minItems", "\(elements.count) items, fewer than \(least)")
        }
        if case .integer(let most) = keywords["maxItems"], elements.count > most {
            fail("maxItems", "\(elements.count) items, more than \(most)")
        }
        if case .bool(true) = keywords["uniqueItems"] {
            for later in elements.indices {
                if let earlier = elements[..<later].firstIndex(where: { $0.isEqual(to: elements[later]) }) {
                    fail("uniqueItems", "items \(earlier) and \(later) are equal")
                }
            }
        }
        switch keywords["items"] {
        case .array(let positional)?:
            for (index, element) in elements.enumerated() {
                let elementPath = instancePath + "/\(index)"
                if index < positional.count {
                    check(
                        element, at: elementPath, against: positional[index],
                        schemaPath: schemaPath + "/items/\(index)",
                        into: &violations)
                } else if case .bool(false) = keywords["additionalItems"] {
                    violations.append(
                        Violation(
                            instancePath: elementPath, keyword: "additionalItems",
                            schemaPath: schemaPath + "/additionalItems",
                            message: "only \(positional.count) items are allowed"))
                } else if let additional = keywords["additionalItems"] {
                    check(
                        element, at: elementPath, against: additional, schemaPath: schemaPath + "/additionalItems",
                        into: &violations)
                }
            }
        case let items?:
            for (index, element) in elements.enumerated() {
                check(
                    element, at: instancePath + "/\(index)", against: items, schemaPath: schemaPath + "/items",
                    into: &violations)
            }
        case nil: break
        }
    }

    private func checkNumber(
        _ number: Double, keywords: [String: JSONInstance], fail: (String, String) -> Void
    ) {
        let text = Self.brief(.number(number))
        if let minimum = keywords["minimum"]?.numberValue {
            if case .bool(true) = keywords["exclusiveMinimum"] {
                if number <= minimum { fail("minimum", "\(text) is not greater than \(Self.brief(.number(minimum)))") }
            } else if number < minimum {
                fail("minimum", "\(text) is less than \(Self.brief(.number(minimum)))")
            }
        }
        if let maximum = keywords["maximum"]?.numberValue {
            if case .bool(true) = keywords["exclusiveMaximum"] {
                if number >= maximum { fail("maximum", "\(text) is not less than \(Self.brief(.number(maximum)))") }
            } else if number > maximum {
                fail("maximum", "\(text) is greater than \(Self.brief(.number(maximum)))")
            }
        }
        if let bound = keywords["exclusiveMinimum"]?.numberValue, number <= bound {
            fail("exclusiveMinimum", "\(text) is not greater than \(Self.brief(.number(bound)))")
        }
        if let bound = keywords["exclusiveMaximum"]?.numberValue, number >= bound {
            fail("exclusiveMaximum", "\(text) is not less than \(Self.brief(.number(bound)))")
        }
        if let divisor = keywords["multipleOf"]?.numberValue, divisor > 0 {
            let quotient = number / divisor
            if !quotient.isFinite || quotient.rounded() != quotient {
                fail("multipleOf", "\(text) is not a multiple of \(Self.brief(.number(divisor)))")
            }
        }
    }

    private func checkString(_ text: String, keywords: [String: JSONInstance], fail: (String, String) -> Void) {
        let length = text.unicodeScalars.count
        if case .integer(let least) = keywords["minLength"], length < least {
            fail("minLength", "\(length) characters, fewer than \(least)")
        }
        if case .integer(let most) = keywords["maxLength"], length > most {
            fail("maxLength", "\(length) characters, more than \(most)")
        }
        if case .string(let pattern) = keywords["pattern"], !matches(pattern, text) {
            fail("pattern", "\(Self.brief(.string(text))) does not match \(Self.brief(.string(pattern)))")
        }
        if case .string(let format) = keywords["format"], !Self.conforms(text, to: format) {
            fail("format", "\(Self.brief(.string(text))) is not a valid \(format)")
        }
    }

    /// Whether `pattern` is found anywhere in `text` (JSON Schema patterns are not anchored).
    private func matches(_ pattern: String, _ text: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return false }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    // MARK: - Text

    /// A JSON pointer token: `~` as `~0`, `/` as `~1`.
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// A value in a message: scalars as JSON, containers by their type.
    static func brief(_ value: JSONInstance) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .integer(let number): return String(number)
        case .number(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .string(let text):
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"" + escaped + "\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The first violation of each branch of an `anyOf` or `oneOf`, as `[index] violation`.
    private static func summary(_ outcomes: [[Violation]]) -> String {
        outcomes.enumerated().compactMap { index, violations in
            violations.first.map { "[\(index)] \($0)" }
        }.joined(separator: "; ")
    }
}
