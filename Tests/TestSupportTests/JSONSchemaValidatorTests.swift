import Testing

@testable import TestSupport

struct JSONSchemaValidatorTests {
    /// A schema, a document, and the violations expected, each as `path keyword`.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var schema: String
        var document: String
        var violations: [String]
        var testDescription: String { name }

        init(_ name: String, _ schema: String, _ document: String, _ violations: [String] = []) {
            self.name = name
            self.schema = schema
            self.document = document
            self.violations = violations
        }
    }

    static let cases: [Case] = [
        Case("type accepts its type", #"{"type": "string"}"#, #""a""#),
        Case("type rejects another type", #"{"type": "string"}"#, "1", ["/ type"]),
        Case("type list", #"{"type": ["array", "null"]}"#, "null"),
        Case("type list rejects", #"{"type": ["array", "null"]}"#, "{}", ["/ type"]),
        Case("integer is a number", #"{"type": "number"}"#, "3"),
        Case("integer needs no fraction", #"{"type": "integer"}"#, "3.5", ["/ type"]),
        Case("integer written with a fraction is not one", #"{"type": "integer"}"#, "3.0", ["/ type"]),
        Case("boolean is not an integer", #"{"type": "integer"}"#, "true", ["/ type"]),
        Case("enum accepts a member", #"{"enum": ["a", 1, null]}"#, "1.0"),
        Case("enum rejects others", #"{"enum": ["a", 1, null]}"#, #""b""#, ["/ enum"]),
        Case("const", #"{"const": {"a": [1]}}"#, #"{"a": [1.0]}"#),
        Case("const rejects", #"{"const": {"a": [1]}}"#, #"{"a": [2]}"#, ["/ const"]),
        Case(
            "required names every missing member", #"{"required": ["a", "b", "c"]}"#, #"{"b": 1}"#,
            ["/ required", "/ required"]),
        Case(
            "properties check their members",
            #"{"properties": {"a": {"type": "string"}, "b/c~": {"type": "integer"}}}"#,
            #"{"a": 1, "b/c~": "x", "d": null}"#, ["/a type", "/b~1c~0 type"]),
        Case(
            "additionalProperties false", #"{"properties": {"a": {}}, "additionalProperties": false}"#,
            #"{"a": 1, "b": 2, "c": 3}"#, ["/b additionalProperties", "/c additionalProperties"]),
        Case(
            "additionalProperties schema", #"{"additionalProperties": {"type": "string"}}"#, #"{"a": "x", "b": 2}"#,
            ["/b type"]),
        Case(
            "patternProperties", #"{"patternProperties": {"^x-": {"type": "integer"}}, "additionalProperties": false}"#,
            #"{"x-a": 1, "x-b": "no", "y": 0}"#, ["/x-b type", "/y additionalProperties"]),
        Case("minProperties", #"{"minProperties": 2}"#, #"{"a": 1}"#, ["/ minProperties"]),
        Case("maxProperties", #"{"maxProperties": 1}"#, #"{"a": 1, "b": 2}"#, ["/ maxProperties"]),
        Case("items schema", #"{"items": {"type": "integer"}}"#, #"[1, "two", 3, null]"#, ["/1 type", "/3 type"]),
        Case(
            "items by position", #"{"items": [{"type": "string"}, {"type": "integer"}], "additionalItems": false}"#,
            #"["a", "b", 3]"#, ["/1 type", "/2 additionalItems"]),
        Case("minItems", #"{"minItems": 1}"#, "[]", ["/ minItems"]),
        Case("maxItems", #"{"maxItems": 1}"#, "[1, 2]", ["/ maxItems"]),
        Case("uniqueItems accepts distinct items", #"{"uniqueItems": true}"#, #"[1, "1", [1], {"a": 1}]"#),
        Case(
            "uniqueItems finds equal items", #"{"uniqueItems": true}"#, #"[{"a": 1}, 2, {"a": 1.0}]"#, ["/ uniqueItems"]
        ),
        Case("uniqueItems false allows repeats", #"{"uniqueItems": false}"#, "[1, 1]"),
        Case("minimum", #"{"minimum": -1}"#, "-1"),
        Case("minimum rejects", #"{"minimum": -1}"#, "-1.5", ["/ minimum"]),
        Case("maximum", #"{"maximum": 100.0}"#, "100.5", ["/ maximum"]),
        Case("draft 4 exclusive minimum", #"{"minimum": 0, "exclusiveMinimum": true}"#, "0", ["/ minimum"]),
        Case("numeric exclusive maximum", #"{"exclusiveMaximum": 10}"#, "10", ["/ exclusiveMaximum"]),
        Case("multipleOf", #"{"multipleOf": 0.5}"#, "2.5"),
        Case("multipleOf rejects", #"{"multipleOf": 2}"#, "3", ["/ multipleOf"]),
        Case("minLength counts scalars", #"{"minLength": 2}"#, #""é""#, ["/ minLength"]),
        Case("maxLength", #"{"maxLength": 2}"#, #""abc""#, ["/ maxLength"]),
        Case("pattern is searched, not anchored", #"{"pattern": "[^/]+/.+"}"#, #""type text/plain""#),
        Case("pattern rejects", #"{"pattern": "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"}"#, #""en-USA""#, ["/ pattern"]),
        Case("uri", #"{"format": "uri"}"#, #""https://example.com/a%20b?q=1#top""#),
        Case("uri needs a scheme", #"{"format": "uri"}"#, #""apps/deploy.yaml""#, ["/ format"]),
        Case("uri has no spaces", #"{"format": "uri"}"#, #""file:///a b""#, ["/ format"]),
        Case("uri-reference may be relative", #"{"format": "uri-reference"}"#, #""apps/f%3A1.yaml""#),
        Case("uri-reference rejects a bad escape", #"{"format": "uri-reference"}"#, #""a%zz""#, ["/ format"]),
        Case(
            "uri-reference rejects a colon in the first segment", #"{"format": "uri-reference"}"#, #""1a:b/c""#,
            ["/ format"]),
        Case("date-time", #"{"format": "date-time"}"#, #""2024-02-29T23:59:60.5+01:00""#),
        Case("date-time rejects a bad month", #"{"format": "date-time"}"#, #""2024-13-01T00:00:00Z""#, ["/ format"]),
        Case("format applies to strings only", #"{"format": "uri"}"#, "12"),
        Case("anyOf", #"{"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}"#, #"{"b": 1}"#),
        Case("anyOf rejects", #"{"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}"#, "{}", ["/ anyOf"]),
        Case(
            "oneOf rejects two matches", #"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#, "3", ["/ oneOf"]),
        Case("oneOf accepts one match", #"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#, "-3"),
        Case("oneOf rejects no match", #"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#, "-3.5", ["/ oneOf"]),
        Case(
            "allOf checks every branch", #"{"allOf": [{"type": "string"}, {"minLength": 3}]}"#, "1", ["/ type"]),
        Case("allOf", #"{"allOf": [{"type": "string"}, {"minLength": 3}]}"#, #""ab""#, ["/ minLength"]),
        Case("not", #"{"not": {"type": "null"}}"#, "null", ["/ not"]),
        Case("false schema", #"{"properties": {"a": false}}"#, #"{"a": 1}"#, ["/a false"]),
        Case(
            "$ref follows definitions",
            ##"{"definitions": {"p": {"type": "object", "required": ["x"]}}, "items": {"$ref": "#/definitions/p"}}"##,
            #"[{"x": 1}, {}, 3]"#, ["/1 required", "/2 type"]),
        Case(
            "$ref ignores its siblings",
            ##"{"definitions": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/definitions/s", "minLength": 5}}}"##,
            #"{"a": "ab"}"#),
        Case(
            "recursive $ref",
            ##"{"type": "object", "properties": {"child": {"$ref": "#"}, "n": {"type": "integer"}}}"##,
            #"{"child": {"child": {"n": "deep"}}}"#, ["/child/child/n type"]),
        Case("annotations carry no rule", #"{"title": "t", "description": "d", "default": 5, "id": "x"}"#, #""any""#),
    ]

    @Test(arguments: cases)
    func reportsExactlyTheExpectedViolations(_ input: Case) throws {
        let validator = try JSONSchemaValidator(schemaText: input.schema)
        let violations = try validator.validate(json: input.document)
        let found = violations.map { ($0.instancePath.isEmpty ? "/" : $0.instancePath) + " " + $0.keyword }
        #expect(found == input.violations, "\(violations)")
    }

    @Test func violationsNameThePathTheRuleAndTheSchemaPath() throws {
        let validator = try JSONSchemaValidator(
            schemaText: """
                {"properties": {"runs": {"type": "array", "items": {"$ref": "#/definitions/run"}}},
                 "definitions": {"run": {"properties": {"level": {"enum": ["note", "error"]}}}}}
                """)
        let violations = try validator.validate(json: #"{"runs": [{"level": "note"}, {"level": "fatal"}]}"#)
        let violation = try #require(violations.first)
        #expect(violations.count == 1)
        #expect(violation.instancePath == "/runs/1/level")
        #expect(violation.keyword == "enum")
        #expect(violation.schemaPath == "#/definitions/run/properties/level/enum")
        #expect(
            violation.description
                == "/runs/1/level: enum: \"fatal\" is not one of \"note\", \"error\" (#/definitions/run/properties/level/enum)"
        )
    }

    @Test func anyOfNamesWhyEachBranchFailed() throws {
        let validator = try JSONSchemaValidator(schemaText: #"{"anyOf": [{"required": ["a"]}, {"type": "array"}]}"#)
        let violations = try validator.validate(json: "{}")
        #expect(
            violations.map(\.message) == [
                "matches none of the 2 schemas: [0] /: required: the member \"a\" is missing (#/anyOf/0/required); "
                    + "[1] /: type: object is not of type array (#/anyOf/1/type)"
            ])
    }

    struct BadSchema: Sendable, CustomTestStringConvertible {
        var schema: String
        var path: String
        var testDescription: String { schema }
    }

    static let badSchemas: [BadSchema] = [
        BadSchema(schema: ##"{"dependencies": {}}"##, path: "#/dependencies"),
        BadSchema(schema: ##"{"properties": {"a": {"if": {}}}}"##, path: "#/properties/a/if"),
        BadSchema(schema: ##"{"format": "email"}"##, path: "#/format"),
        BadSchema(schema: ##"{"$ref": "#/definitions/missing"}"##, path: "#/$ref"),
        BadSchema(schema: ##"{"$ref": "other.json#/x"}"##, path: "#/$ref"),
        BadSchema(schema: ##"{"pattern": "("}"##, path: "#/pattern"),
        BadSchema(schema: ##"{"type": "text"}"##, path: "#/type"),
        BadSchema(schema: ##"{"minItems": -1}"##, path: "#/minItems"),
        BadSchema(schema: ##"{"anyOf": []}"##, path: "#/anyOf"),
        BadSchema(schema: "[]", path: "#"),
        BadSchema(schema: "{", path: "#"),
    ]

    /// A keyword the validator does not implement must stop it, never be skipped.
    @Test(arguments: badSchemas)
    func refusesSchemasItCannotCheckFully(_ input: BadSchema) {
        let error = #expect(throws: JSONSchemaValidator.SchemaError.self) {
            try JSONSchemaValidator(schemaText: input.schema)
        }
        #expect(error?.schemaPath == input.path)
    }
}
