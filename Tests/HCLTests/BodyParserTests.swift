import HCL
import Testing

/// The structural language: attributes, blocks with quoted and bare labels, one-line blocks,
/// comments, line endings, and the ranges of every structural element.
struct BodyParserTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var source: String
        var printed: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty file", source: "", printed: ""),
        Case(name: "blank lines and comments only", source: "\n\n# one\n// two\n/* three\nfour */\n", printed: ""),
        Case(name: "attribute", source: "a = 1\n", printed: "a = 1"),
        Case(name: "no final line break", source: "a = 1", printed: "a = 1"),
        Case(name: "attributes keep their order", source: "b = 2\na = 1\nc = 3\n", printed: "b = 2\na = 1\nc = 3"),
        Case(name: "dashes in names", source: "max-size = 10\n", printed: "max-size = 10"),
        Case(
            name: "block with two quoted labels",
            source: "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}\n",
            printed: "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n}"),
        Case(
            name: "bare labels", source: "service web http {\n  port = 80\n}\n",
            printed: "service web http {\n  port = 80\n}"),
        Case(name: "block without labels", source: "locals {\n  a = 1\n}\n", printed: "locals {\n  a = 1\n}"),
        Case(name: "empty block on one line", source: "terraform {}\n", printed: "terraform {}"),
        Case(name: "empty block on two lines", source: "terraform {\n}\n", printed: "terraform {}"),
        Case(
            name: "one-line block with one attribute", source: "lifecycle { create_before_destroy = true }\n",
            printed: "lifecycle {\n  create_before_destroy = true\n}"),
        Case(
            name: "nested blocks",
            source: """
                resource "aws_security_group" "web" {
                  name = "web"

                  ingress {
                    from_port = 443
                    to_port   = 443
                  }
                  ingress {
                    from_port = 80
                  }

                  lifecycle {
                    ignore_changes = [tags]
                  }
                }
                """,
            printed: """
                resource "aws_security_group" "web" {
                  name = "web"
                  ingress {
                    from_port = 443
                    to_port = 443
                  }
                  ingress {
                    from_port = 80
                  }
                  lifecycle {
                    ignore_changes = [tags]
                  }
                }
                """),
        Case(
            name: "comments end attributes",
            source: "a = 1 # one\nb = 2 // two\nc = /* inline */ 3 /* after */\n",
            printed: "a = 1\nb = 2\nc = 3"),
        Case(
            name: "windows line endings", source: "a = 1\r\nb {\r\n  c = \"x\"\r\n}\r\n",
            printed: "a = 1\nb {\n  c = \"x\"\n}"),
        Case(
            name: "heredoc attribute then more",
            source: "policy = <<EOF\n{\"a\": 1}\nEOF\nname = \"x\"\n",
            printed: "policy = \"{\\\"a\\\": 1}\\n\"\nname = \"x\""),
        Case(
            name: "heredoc inside a call",
            source: "policy = jsonencode(<<EOF\n{}\nEOF\n)\nb = 1\n",
            printed: "policy = jsonencode(\"{}\\n\")\nb = 1"),
        Case(
            name: "multi-line object and tuple values",
            source: "tags = {\n  Name = \"web\"\n  Env  = var.env\n}\nports = [\n  80,\n  443,\n]\n",
            printed: "tags = {Name = \"web\", Env = var.env}\nports = [80, 443]"),
        Case(
            name: "keywords are ordinary names in bodies",
            source: "for = 1\nif = 2\nin {\n  true = false\n}\n",
            printed: "for = 1\nif = 2\nin {\n  true = false\n}"),
        Case(
            name: "labels with escapes",
            source: "thing \"a\\\"b\" \"\\u00e9\" {}\n",
            printed: "thing \"a\\\"b\" \"é\" {}"),
        Case(
            name: "dynamic block",
            source: """
                dynamic "ingress" {
                  for_each = var.rules
                  content {
                    port = ingress.value.port
                  }
                }
                """,
            printed: "dynamic \"ingress\" {\n  for_each = var.rules\n  content {\n    port = ingress.value.port\n  }\n}"
        ),
    ]

    @Test(arguments: cases)
    func parsesToTheExpectedBody(_ example: Case) throws {
        let file = ConfigFile.parse(example.source, path: "test.tf")
        #expect(file.diagnostics.isEmpty, "\(file.diagnostics)")
        #expect(file.body.description == example.printed)
    }

    @Test func blockPartsCarryTheirRanges() throws {
        let source = "resource \"aws_s3_bucket\" logs {\n  bucket = \"b\"\n}\n"
        let body = try ConfigFile.parse(source).validBody()
        let block = try #require(body.blocks.first)
        #expect(block.type == "resource")
        #expect(block.labelValues == ["aws_s3_bucket", "logs"])
        #expect(block.labels.map(\.quoted) == [true, false])
        #expect(block.typeRange == range(1, 1, 0, 1, 9, 8))
        #expect(block.labels.map(\.range) == [range(1, 10, 9, 1, 25, 24), range(1, 26, 25, 1, 30, 29)])
        #expect(block.range == range(1, 1, 0, 3, 2, 48))
        #expect(block.body.range == range(1, 31, 30, 3, 2, 48))
        let attribute = try #require(block.body.attribute("bucket"))
        #expect(attribute.nameRange == range(2, 3, 34, 2, 9, 40))
        #expect(attribute.range == range(2, 3, 34, 2, 15, 46))
        #expect(attribute.value.range == range(2, 12, 43, 2, 15, 46))
        #expect(body.range == range(1, 1, 0, 4, 1, 49))
    }

    @Test func lookupHelpersFindAttributesAndBlocks() throws {
        let body = try ConfigFile.parse("a = 1\nx {}\ny {}\nx \"two\" {}\n").validBody()
        #expect(body.attribute("a")?.value.description == "1")
        #expect(body.attribute("missing") == nil)
        #expect(body.blocks(ofType: "x").map(\.labelValues) == [[], ["two"]])
    }

    @Test func positionsAfterTabsAndWideCharactersCountScalars() throws {
        let body = try ConfigFile.parse("\tname = \"日本\" # 日本\n\tnext = 1\n").validBody()
        #expect(body.attributes[0].nameRange.start == Position(offset: 1, line: 1, column: 2))
        #expect(body.attributes[0].value.range.end == Position(offset: 16, line: 1, column: 13))
        #expect(body.attributes[1].nameRange.start == Position(offset: 27, line: 2, column: 2))
    }

    @Test func validBodyThrowsTheDiagnostics() {
        let file = ConfigFile.parse("a = \n", path: "main.tf")
        #expect(file.hasErrors)
        let error = #expect(throws: Diagnostics.self) { try file.validBody() }
        #expect(error?.first?.path == "main.tf")
    }
}
