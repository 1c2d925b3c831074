import HCL
import Testing

/// The JSON syntax: the JSON reader itself (positions, exact numbers, strictness), and the
/// mapping of a document onto bodies, blocks and attributes through a schema, with strings
/// read as templates whose errors point into the file.
struct JSONSyntaxTests {
    // MARK: The JSON reader

    @Test func valuesKeepPositionsOrderDuplicatesAndExactNumbers() throws {
        let value = try JSONValue.parse("{\n  \"b\": 1.50,\n  \"a\": [true, null, -0, 1e400],\n  \"b\": \"x\"\n}")
        guard case .object(let members, let whole) = value else {
            Issue.record("expected an object")
            return
        }
        #expect(whole == range(1, 1, 0, 5, 2, 59))
        #expect(members.map(\.key) == ["b", "a", "b"])
        #expect(members[0].keyRange == range(2, 3, 4, 2, 6, 7))
        #expect(members[0].value == .number("1.50", range(2, 8, 9, 2, 12, 13)))
        guard case .array(let elements, _) = members[1].value else {
            Issue.record("expected an array")
            return
        }
        #expect(elements.map(\.kindName) == ["boolean", "null", "number", "number"])
        #expect(elements[3] == .number("1e400", range(3, 25, 39, 3, 30, 44)))
    }

    @Test func stringsDecodeEveryEscape() throws {
        let value = try JSONValue.parse(#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\ud83d\ude00", "日本"]"#)
        guard case .array(let elements, _) = value else {
            Issue.record("expected an array")
            return
        }
        #expect(
            elements.map { if case .string(let text, _) = $0 { text } else { "" } } == [
                "a\"b\\c/d\u{8}\u{C}\n\r\t", "é😀", "日本",
            ])
    }

    struct Rejected: Sendable, CustomTestStringConvertible {
        var source: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { source.debugDescription }
    }

    static let rejectedJSON: [Rejected] = [
        Rejected(source: "", line: 1, column: 1, message: "expected a JSON value but found end of input"),
        Rejected(source: "{\"a\": 1,}", line: 1, column: 9, message: "a trailing comma is not allowed in JSON"),
        Rejected(source: "[1, 2,]", line: 1, column: 7, message: "a trailing comma is not allowed in JSON"),
        Rejected(
            source: "{\"a\" = 1}", line: 1, column: 6,
            message: "expected \":\" after the key \"a\" but found character \"=\" (JSON uses \":\", not \"=\")"),
        Rejected(
            source: "{a: 1}", line: 1, column: 2,
            message: "expected a string key in the object but found character \"a\""),
        Rejected(source: "[01]", line: 1, column: 2, message: "invalid number: leading zeros are not allowed"),
        Rejected(source: "[1.]", line: 1, column: 2, message: "invalid number: a digit must follow \".\""),
        Rejected(source: "[-]", line: 1, column: 2, message: "invalid number: a digit must follow \"-\""),
        Rejected(source: "[1e+]", line: 1, column: 2, message: "invalid number: the exponent needs digits"),
        Rejected(source: "[\"\\x\"]", line: 1, column: 3, message: "invalid escape in a JSON string"),
        Rejected(source: "[\"\\u12g4\"]", line: 1, column: 3, message: "\\u takes 4 hexadecimal digits"),
        Rejected(source: "[\"\\ud800\"]", line: 1, column: 3, message: "unpaired surrogate in a \\u escape"),
        Rejected(source: "[\"a\nb\"]", line: 1, column: 4, message: "a line break must be escaped in a JSON string"),
        Rejected(
            source: "[\"a\tb\"]", line: 1, column: 4,
            message: "control character U+0009 must be escaped in a JSON string"),
        Rejected(source: "{\"a\": \"b", line: 1, column: 7, message: "unterminated string"),
        Rejected(
            source: "{\"a\": 1", line: 1, column: 1,
            message: "unclosed object: expected \",\" or \"}\" but found end of input"),
        Rejected(
            source: "[1 2]", line: 1, column: 4,
            message: "expected \",\" or \"]\" in the array but found character \"2\""),
        Rejected(source: "{} {}", line: 1, column: 4, message: "unexpected character \"{\" after the JSON value"),
        Rejected(source: "[tru]", line: 1, column: 2, message: "expected a JSON value but found character \"t\""),
        Rejected(
            source: "// comment\n{}", line: 1, column: 1, message: "expected a JSON value but found character \"/\""),
        Rejected(source: "\u{FEFF}{}", line: 1, column: 1, message: "expected a JSON value but found character U+FEFF"),
        Rejected(
            source: String(repeating: "[", count: 300) + String(repeating: "]", count: 300), line: 1, column: 257,
            message: "nesting is too deep: more than 256 levels"),
    ]

    @Test(arguments: rejectedJSON)
    func jsonErrorsReportPosition(_ expected: Rejected) {
        let error = #expect(throws: Diagnostics.self) { try JSONValue.parse(expected.source, path: "x.json") }
        #expect(error?.first?.message == expected.message)
        #expect(error?.first?.line == expected.line)
        #expect(error?.first?.column == expected.column)
    }

    @Test func invalidUTF8InAStringIsAnError() {
        let bytes = Array("{\"a\": \"x".utf8) + [0xE2, 0x28, 0xA1] + Array("\"}".utf8)
        let error = #expect(throws: Diagnostics.self) { try JSONValue.parse(utf8: bytes) }
        #expect(error?.first?.summary == "1:9: error: invalid UTF-8")
    }

    @Test func deepJSONIsAnErrorNotACrash() {
        for source in [
            String(repeating: "[", count: 200_000), String(repeating: "{\"a\":", count: 200_000),
        ] {
            let error = #expect(throws: Diagnostics.self) { try JSONValue.parse(source) }
            #expect(error?.first?.message == "nesting is too deep: more than 256 levels")
        }
    }

    // MARK: Mapping onto bodies

    static let terraformDocument = """
        {
          "//": "Generated by a tool; edit the source instead.",
          "terraform": {
            "required_version": ">= 1.5",
            "required_providers": {"aws": {"source": "hashicorp/aws", "version": "~> 5.0"}},
            "backend": {"s3": {"bucket": "state", "key": "app.tfstate"}}
          },
          "provider": {"aws": [{"region": "us-east-1"}, {"alias": "west", "region": "us-west-2"}]},
          "variable": {"name": {"type": "string", "default": "web"}},
          "locals": {"tags": {"Name": "${var.name}", "Env": "prod", "${var.name}-key": 1}},
          "resource": {
            "aws_s3_bucket": {
              "logs": {
                "bucket": "${var.name}-logs",
                "count": 2,
                "tags": "${local.tags}",
                "versioning": {"enabled": true},
                "lifecycle": {"prevent_destroy": true, "precondition": {"condition": "${var.name != \\"\\"}"}},
                "provisioner": {"local-exec": {"command": "echo $${HOME} %%{x}"}}
              }
            },
            "aws_security_group": {
              "web": {
                "dynamic": {"ingress": {"for_each": "${var.ports}", "content": {"from_port": "${ingress.value}"}}}
              }
            }
          },
          "data": {"aws_caller_identity": {"current": {}}},
          "output": {"arn": {"value": "${aws_s3_bucket.logs.arn}", "sensitive": false}},
          "module": {"vpc": {"source": "./vpc", "cidr": "10.0.0.0/16", "azs": ["a", "b"]}}
        }
        """

    @Test func terraformDocumentMapsToBlocksAndAttributes() throws {
        let file = ConfigFile.parseJSON(Self.terraformDocument, path: "main.tf.json")
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        #expect(
            file.body.description == """
                terraform {
                  required_version = ">= 1.5"
                  required_providers {
                    aws = {"source" = "hashicorp/aws", "version" = "~> 5.0"}
                  }
                  backend "s3" {
                    bucket = "state"
                    key = "app.tfstate"
                  }
                }
                provider "aws" {
                  region = "us-east-1"
                }
                provider "aws" {
                  alias = "west"
                  region = "us-west-2"
                }
                variable "name" {
                  type = "string"
                  default = "web"
                }
                locals {
                  tags = {"Name" = template[${var.name}], "Env" = "prod", template[${var.name}, "-key"] = 1}
                }
                resource "aws_s3_bucket" "logs" {
                  bucket = template[${var.name}, "-logs"]
                  count = 2
                  tags = template[${local.tags}]
                  versioning = {"enabled" = true}
                  lifecycle {
                    prevent_destroy = true
                    precondition {
                      condition = template[${(var.name != "")}]
                    }
                  }
                  provisioner "local-exec" {
                    command = "echo ${HOME} %{x}"
                  }
                }
                resource "aws_security_group" "web" {
                  dynamic "ingress" {
                    for_each = template[${var.ports}]
                    content {
                      from_port = template[${ingress.value}]
                    }
                  }
                }
                data "aws_caller_identity" "current" {}
                output "arn" {
                  value = template[${aws_s3_bucket.logs.arn}]
                  sensitive = false
                }
                module "vpc" {
                  source = "./vpc"
                  cidr = "10.0.0.0/16"
                  azs = ["a", "b"]
                }
                """)
    }

    @Test func jsonBlocksCarryKeyRanges() throws {
        let body = try ConfigFile.parseJSON(
            "{\"resource\": {\"aws_s3_bucket\": {\"b\": {\"acl\": \"private\"}}}}"
        ).validBody()
        let block = try #require(body.blocks.first)
        #expect(block.typeRange == range(1, 2, 1, 1, 12, 11))
        #expect(block.labels.map(\.range) == [range(1, 15, 14, 1, 30, 29), range(1, 33, 32, 1, 36, 35)])
        #expect(block.labels.map(\.quoted) == [true, true])
        #expect(block.body.range == range(1, 38, 37, 1, 56, 55))
        #expect(block.range == range(1, 2, 1, 1, 56, 55))
        let acl = try #require(block.body.attribute("acl"))
        #expect(acl.nameRange == range(1, 39, 38, 1, 44, 43))
        #expect(acl.value == .literal(.string("private"), range(1, 46, 45, 1, 55, 54)))
    }

    @Test func arraysAreAllowedAtEveryLabelLevelAndForRepeatedBlocks() throws {
        let source = """
            {"resource": [
              {"aws_instance": {"a": {"ami": "x"}}},
              {"aws_instance": [{"b": [{"ami": "y"}, {"ami": "z"}]}]}
            ], "locals": [{"one": 1}, {"two": 2}], "terraform": null, "module": {"m": null}}
            """
        let body = try ConfigFile.parseJSON(source).validBody()
        #expect(
            body.blocks(ofType: "resource").map(\.labelValues) == [
                ["aws_instance", "a"], ["aws_instance", "b"], ["aws_instance", "b"],
            ])
        #expect(
            body.blocks(ofType: "resource").compactMap { $0.body.attribute("ami")?.value.description } == [
                "\"x\"", "\"y\"", "\"z\"",
            ])
        #expect(body.blocks(ofType: "locals").map { $0.body.attributes.map(\.name) } == [["one"], ["two"]])
        #expect(body.blocks(ofType: "terraform").isEmpty)
        #expect(body.blocks(ofType: "module").isEmpty)
    }

    @Test func aBodyMayBeAnArrayOfObjects() throws {
        let body = try ConfigFile.parseJSON(#"[{"a": 1}, {"//": "note", "b": 2}]"#, schema: .attributesOnly).validBody()
        #expect(body.description == "a = 1\nb = 2")
    }

    @Test func schemaByLevelsAndByResolver() throws {
        let source =
            #"{"service": {"web": {"port": 80, "check": {"path": "/"}, "check2": {"path": "/x"}}}, "check": {"x": 1}}"#
        let levels = JSONSchema(levels: [["service": 1], ["check": 0]])
        #expect(
            try ConfigFile.parseJSON(source, schema: levels).validBody().description == """
                check = {"x" = 1}
                service "web" {
                  port = 80
                  check2 = {"path" = "/x"}
                  check {
                    path = "/"
                  }
                }
                """)
        let resolver = JSONSchema { enclosing, name in
            if enclosing.isEmpty { return name == "service" ? 1 : nil }
            return enclosing.last?.labels == ["web"] && name.hasPrefix("check") ? 0 : nil
        }
        let body = try ConfigFile.parseJSON(source, schema: resolver).validBody()
        #expect(body.blocks.first?.body.blocks.map(\.type) == ["check", "check2"])
        #expect(JSONSchema.terraform.labelCount(forBlock: "resource", in: []) == 2)
        #expect(JSONSchema.terraform.labelCount(forBlock: "module", in: []) == 1)
        #expect(JSONSchema.terraform.labelCount(forBlock: "locals", in: []) == 0)
        #expect(JSONSchema.terraform.labelCount(forBlock: "tags", in: []) == nil)
        let resource = [JSONSchema.Scope(type: "resource", labels: ["aws_instance", "web"])]
        #expect(JSONSchema.terraform.labelCount(forBlock: "lifecycle", in: resource) == 0)
        #expect(JSONSchema.terraform.labelCount(forBlock: "ebs_block_device", in: resource) == nil)
    }

    struct MappingError: Sendable, CustomTestStringConvertible {
        var source: String
        var summaries: [String]
        var testDescription: String { source }
    }

    static let mappingErrors: [MappingError] = [
        MappingError(
            source: #"{"resource": "x"}"#,
            summaries: [
                "1:14: error: expected a JSON object or an array of objects for the labels of block \"resource\" but found a string"
            ]),
        MappingError(
            source: #"{"resource": {}}"#,
            summaries: ["1:14: error: block \"resource\" needs label 1 of 2: an object whose keys are the labels"]),
        MappingError(
            source: #"{"resource": {"aws_s3_bucket": {}}}"#,
            summaries: ["1:32: error: block \"resource\" needs label 2 of 2: an object whose keys are the labels"]),
        MappingError(
            source: #"{"resource": {"t": {"n": 5}}}"#,
            summaries: [
                "1:26: error: expected a JSON object or an array of objects for the body of block \"resource\" but found a number"
            ]),
        MappingError(
            source: #"{"locals": [1]}"#,
            summaries: [
                "1:13: error: expected a JSON object or an array of objects for the body of block \"locals\" but found a number"
            ]),
        MappingError(
            source: #"{"a": 1, "a": 2}"#,
            summaries: ["1:10: error: attribute \"a\" is already defined at line 1, column 2"]),
        MappingError(
            source: "\"text\"",
            summaries: [
                "1:1: error: expected a JSON object or an array of objects for the file's body but found a string"
            ]),
        MappingError(source: #"{"a": "x${1 +}"}"#, summaries: ["1:14: error: expected an expression but found \"}\""]),
        MappingError(source: #"{"a": "\t${1 +}"}"#, summaries: ["1:15: error: expected an expression but found \"}\""]),
        MappingError(source: #"{"a": "\u00e9\n${@}"}"#, summaries: ["1:18: error: unexpected character \"@\""]),
        MappingError(source: #"{"a": "é${@}"}"#, summaries: ["1:11: error: unexpected character \"@\""]),
        MappingError(
            source: #"{"a": {"${x": 1}}"#,
            summaries: ["1:12: error: expected \"}\" to close the interpolation but found end of file"]),
        MappingError(
            source: #"{"a": "%{if x}y", "b": "ok", "c": "${"}"#,
            summaries: [
                "1:8: error: the \"if\" directive has no matching \"endif\"",
                "1:38: error: expected an expression but found end of file",
            ]),
    ]

    @Test(arguments: mappingErrors)
    func mappingErrorsPointIntoTheFile(_ expected: MappingError) {
        let file = ConfigFile.parseJSON(expected.source)
        #expect(file.diagnostics.map(\.summary) == expected.summaries)
    }

    @Test func templateRangesInsideStringsWithEscapesPointAtTheSource() throws {
        let body = try ConfigFile.parseJSON(#"{"a": "\"q\" ${var.x}"}"#).validBody()
        guard case .template(let template, let whole) = try #require(body.attribute("a")).value else {
            Issue.record("expected a template")
            return
        }
        #expect(whole == range(1, 7, 6, 1, 23, 22))
        #expect(template.form == .standalone)
        guard case .interpolation(let expression, let interpolationRange) = template.parts[1] else {
            Issue.record("expected an interpolation")
            return
        }
        #expect(interpolationRange == range(1, 14, 13, 1, 22, 21))
        #expect(expression.range == range(1, 16, 15, 1, 21, 20))
    }

    @Test func renderedJSONErrorShowsTheLine() {
        let file = ConfigFile.parseJSON("{\n  \"a\": 1,\n  \"b\": \"${x +}\"\n}\n", path: "x.tf.json")
        #expect(
            file.diagnostics.description == """
                x.tf.json:3:14: error: expected an expression but found "}"
                  "b": "${x +}"
                             ^
                """)
    }
}
