import Foundation
import PolicyModel
import Testing
import YAMLSupport

struct YAMLLoaderTests {
    // MARK: - Positions

    @Test func nestedKeysAndSequenceItemsKeepTheirPositions() throws {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            spec:
              containers:
              - name: app
                image: nginx:1.25
              - name: sidecar
                image: "envoy:1.30"
            """
        let document = try loadOne(yaml)
        #expect(place(document["metadata"]?["name"]) == Place(4, 9))
        let containers = try #require(document["spec"]?["containers"])
        #expect(place(containers) == Place(7, 3))
        guard case .sequence(let items) = containers.content else {
            Issue.record("containers is not a list")
            return
        }
        #expect(items.count == 2)
        #expect(place(items[1]) == Place(9, 5))
        let image = try #require(items[1]["image"])
        #expect(image.string == "envoy:1.30")
        #expect(place(image) == Place(10, 12))
        #expect(
            image.location(in: "pod.yaml")
                == Location(file: "pod.yaml", line: 10, column: 12, endLine: 10, endColumn: 12))
    }

    @Test func mappingKeysCarryTheirOwnPositionsInDocumentOrder() throws {
        let document = try loadOne("zeta: 1\nalpha: 2\nmid: 3\n")
        guard case .mapping(let entries) = document.content else {
            Issue.record("not a mapping")
            return
        }
        #expect(entries.map { $0.key.string } == ["zeta", "alpha", "mid"])
        #expect(entries.map { $0.key.location.line } == [1, 2, 3])
        #expect(place(entries[1].value) == Place(2, 8))
    }

    @Test func columnsCountUnicodeScalars() throws {
        let document = try loadOne("name: \"héllo wörld\"\nnext: [é, ü]\n")
        guard case .sequence(let items) = document["next"]?.content else {
            Issue.record("next is not a list")
            return
        }
        #expect(place(items[1]) == Place(2, 11))
    }

    // MARK: - Scalars

    @Test(arguments: [
        ScalarCase("null", .null), ScalarCase("~", .null), ScalarCase("", .null), ScalarCase("Null", .null),
        ScalarCase("true", .bool(true)), ScalarCase("FALSE", .bool(false)),
        ScalarCase("yes", .string("yes")), ScalarCase("on", .string("on")), ScalarCase("n", .string("n")),
        ScalarCase("42", .int(42)), ScalarCase("-7", .int(-7)), ScalarCase("+3", .int(3)),
        ScalarCase("010", .int(10)), ScalarCase("0o10", .int(8)), ScalarCase("0x1F", .int(31)),
        ScalarCase("0b101", .string("0b101")), ScalarCase("1_000", .string("1_000")),
        ScalarCase("99999999999999999999", .double(1e20)),
        ScalarCase("1.5", .double(1.5)), ScalarCase(".5", .double(0.5)), ScalarCase("1.", .double(1)),
        ScalarCase("1e3", .double(1000)), ScalarCase("-2.5E-1", .double(-0.25)),
        ScalarCase(".inf", .double(.infinity)), ScalarCase("-.Inf", .double(-.infinity)),
        ScalarCase("2024-01-02", .string("2024-01-02")), ScalarCase("1:30", .string("1:30")),
        ScalarCase("'42'", .string("42")), ScalarCase("\"true\"", .string("true")),
        ScalarCase("'null'", .string("null")),
        ScalarCase("!!str 42", .string("42")), ScalarCase("!!int \"42\"", .int(42)),
        ScalarCase("!!float 1", .double(1)), ScalarCase("!Ref bucket", .string("bucket")),
    ])
    func plainScalarsAreTypedByTheCoreSchema(_ scalar: ScalarCase) throws {
        let document = try loadOne("value: \(scalar.text)\n")
        let value = try #require(document["value"])
        #expect(Scalar(value.content) == scalar.expected)
    }

    @Test func notANumberIsADouble() throws {
        let value = try #require(try loadOne("value: .nan\n")["value"])
        guard case .double(let number) = value.content else {
            Issue.record("not a double")
            return
        }
        #expect(number.isNaN)
    }

    @Test func explicitTagThatDoesNotFitIsAnError() {
        let result = YAMLLoader.load("value: !!int abc\n", file: "t.yaml")
        #expect(result.documents.isEmpty)
        #expect(result.errors.first?.location == Location(file: "t.yaml", line: 1, column: 8))
        #expect(result.errors.first?.message == "\"abc\" is not a valid !!int")
    }

    @Test func blockScalarsKeepTheirText() throws {
        let yaml = """
            literal: |
              line one
                indented
              last
            folded: >
              a b
              c

              d
            keep: |+
              x

            strip: |-
              y
            """
        let document = try loadOne(yaml)
        #expect(document["literal"]?.string == "line one\n  indented\nlast\n")
        #expect(document["folded"]?.string == "a b c\nd\n")
        #expect(document["keep"]?.string == "x\n\n")
        #expect(document["strip"]?.string == "y")
        #expect(place(document["literal"]) == Place(1, 10))
    }

    @Test func commentsAreIgnored() throws {
        let document = try loadOne("# header\na: 1 # trailing\n# between\nb: \"# not a comment\"\n")
        #expect(Scalar(document["a"]?.content) == .int(1))
        #expect(document["b"]?.string == "# not a comment")
    }

    // MARK: - Streams

    @Test func everyDocumentOfAStreamIsReturnedAndEmptyOnesAreSkipped() {
        let yaml = """
            # leading comment
            ---
            kind: A
            ...
            ---
            # only a comment
            ---
            ---
            kind: B
            --- [1, 2]
            """
        let result = YAMLLoader.load(yaml, file: "s.yaml")
        #expect(result.errors.isEmpty)
        #expect(result.documents.count == 3)
        #expect(place(result.documents.first?["kind"]) == Place(3, 7))
        #expect(result.documents.dropFirst().first?["kind"]?.string == "B")
        #expect(place(result.documents.last) == Place(10, 5))
    }

    @Test func brokenSecondDocumentStillReturnsTheFirst() {
        let result = YAMLLoader.load("kind: A\n---\nkind: [B\n", file: "s.yaml")
        #expect(result.documents.count == 1)
        #expect(result.documents.first?["kind"]?.string == "A")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.location.file == "s.yaml")
        #expect(result.errors.first?.location.line == 4)
    }

    @Test func emptyStreamHasNoDocuments() {
        let result = YAMLLoader.load("", file: "e.yaml")
        #expect(result.documents.isEmpty && result.errors.isEmpty)
        let comments = YAMLLoader.load("# nothing here\n", file: "e.yaml")
        #expect(comments.documents.isEmpty && comments.errors.isEmpty)
    }

    // MARK: - Anchors, aliases and merge keys

    @Test func aliasesShareTheAnchoredNode() throws {
        let document = try loadOne("base: &b {cpu: 1}\nother: *b\nscalar: &s text\ncopy: *s\n")
        // A node with an anchor starts at its anchor.
        #expect(place(document["other"]) == Place(1, 7))
        #expect(Scalar(document["other"]?["cpu"]?.content) == .int(1))
        #expect(document["copy"]?.string == "text")
    }

    @Test func mergeKeysAddEntriesThatTheMappingDoesNotWrite() throws {
        let yaml = """
            defaults: &defaults
              image: nginx
              replicas: 1
            extra: &extra
              replicas: 5
              port: 80
            web:
              name: web
              <<: [*defaults, *extra]
              replicas: 3
            """
        let web = try #require(try loadOne(yaml)["web"])
        guard case .mapping(let entries) = web.content else {
            Issue.record("web is not a mapping")
            return
        }
        #expect(entries.map { $0.key.string } == ["name", "image", "port", "replicas"])
        #expect(Scalar(web["replicas"]?.content) == .int(3))
        #expect(place(web["image"]) == Place(2, 10))
        #expect(Scalar(web["port"]?.content) == .int(80))
    }

    @Test func mergeOfAScalarIsAnError() {
        let result = YAMLLoader.load("a: 1\nb:\n  <<: 5\n", file: "m.yaml")
        #expect(result.errors.first?.location == Location(file: "m.yaml", line: 3, column: 7))
    }

    @Test func quotedMergeKeyIsAnOrdinaryKey() throws {
        let document = try loadOne("a: &a {x: 1}\nb:\n  '<<': *a\n")
        #expect(document["b"]?["<<"]?["x"] != nil)
    }

    @Test func duplicateKeysAreRejectedAsKubectlStrictModeDoes() {
        let result = YAMLLoader.load("kind: Pod\nmetadata:\n  name: a\n  name: b\n", file: "d.yaml")
        #expect(result.documents.isEmpty)
        #expect(result.errors.first?.message == "mapping key \"name\" written more than once")
        #expect(result.errors.first?.location == Location(file: "d.yaml", line: 3, column: 3))
    }

    @Test func keysSpelledDifferentlyButEqualAreDuplicatesAtTheSecond() {
        let result = YAMLLoader.load("a: 1\n'a': 2\n", file: "d.yaml")
        #expect(result.errors.first?.message == "mapping key \"a\" written more than once (first at line 1)")
        #expect(result.errors.first?.location == Location(file: "d.yaml", line: 2, column: 1))
        let numbers = YAMLLoader.load("10: a\n0xA: b\n", file: "d.yaml")
        #expect(numbers.errors.first?.location == Location(file: "d.yaml", line: 2, column: 1))
    }

    @Test func keysAreTypedLikeValues() throws {
        let document = try loadOne("80: http\n'443': https\ntrue: yes\n")
        guard case .mapping(let entries) = document.content else {
            Issue.record("not a mapping")
            return
        }
        #expect(entries.map { Scalar($0.key.content) } == [.int(80), .string("443"), .bool(true)])
    }

    // MARK: - Syntax errors

    @Test(arguments: [
        SyntaxCase("tab in indentation", "a:\n\tb: 1\n", line: 2, column: 1),
        SyntaxCase("unterminated flow mapping", "metadata: {name: web\n", line: 2, column: 1),
        SyntaxCase("bad indentation", "a:\n  b: 1\n c: 2\n", line: 3, column: 2),
        SyntaxCase("unterminated quote", "a: \"open\nb: 2\n", line: 3, column: 1),
        SyntaxCase("undefined alias", "a: *nowhere\n", line: 1, column: 4),
    ])
    func syntaxErrorsReportYamsPosition(_ syntax: SyntaxCase) {
        let result = YAMLLoader.load(syntax.text, file: "bad.yaml")
        #expect(result.documents.isEmpty)
        let error = result.errors.first
        #expect(error?.location == Location(file: "bad.yaml", line: syntax.line, column: syntax.column))
        #expect(error?.message.first?.isLowercase == true)
    }

    // MARK: - Hostile input

    @Test func billionLaughsLoadsWithoutExpanding() throws {
        var yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let uses = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(uses)]\n"
        }
        yaml += "bomb: *a9\n"
        let clock = ContinuousClock()
        let start = clock.now
        let document = try loadOne(yaml)
        #expect(clock.now - start < .seconds(5))
        let bomb = try #require(document["bomb"])
        #expect(YAMLLoader.expandedSize(bomb, limit: 1_000_000) == nil)
        #expect(YAMLLoader.expandedSize(try #require(document["a1"]), limit: 1_000) == 91)
    }

    /// Keys are never compared whole (duplicates are told among scalar keys only), so an alias
    /// bomb used as a key costs what its text costs; a consumer that would expand it asks
    /// `expandedSize` first.
    @Test func aliasBombAsAMappingKeyLoadsWithoutExpanding() throws {
        var yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            let uses = Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(uses)]\n"
        }
        for key in ["? *a9\n: value\n", "*a9 : value\n", "[*a9, *a9]: value\n", "? - *a9\n: value\n"] {
            let result = YAMLLoader.load(yaml + key, file: "bomb.yaml")
            #expect(result.errors.isEmpty, "\(key): \(result.errors)")
            let document = try #require(result.documents.first)
            guard case .mapping(let entries) = document.content, let last = entries.last else {
                Issue.record("not a mapping")
                return
            }
            #expect(YAMLLoader.expandedSize(last.key, limit: 100_000) == nil)
        }
        #expect(YAMLLoader.load("? [a, b]\n: value\n", file: "k.yaml").errors.isEmpty)
    }

    @Test func aliasesCannotStackPastTheDepthLimit() {
        var yaml = "l0: &l0 [x]\n"
        for level in 1...600 { yaml += "l\(level): &l\(level) [*l\(level - 1)]\n" }
        let result = YAMLLoader.load(yaml, file: "chain.yaml")
        #expect(result.documents.isEmpty)
        let error = result.errors.first
        #expect(error?.message == "lists and mappings nest more than 512 levels deep")
        // l510 holds 511 levels; used inside l511, which sits in the root mapping, it makes 513:
        // the error is where it is used (l511's line, 512) rather than where it was written.
        #expect(error?.location.line == 512)
    }

    @Test(arguments: [
        DepthCase("flow sequences", String(repeating: "[", count: 10_000)),
        DepthCase("flow mappings", String(repeating: "{a: ", count: 10_000)),
        DepthCase("compact block sequences", String(repeating: "- ", count: 10_000) + "x\n"),
    ])
    func deepNestingIsAnErrorNotACrash(_ depth: DepthCase) {
        let result = YAMLLoader.load(depth.text, file: "deep.yaml")
        #expect(result.documents.isEmpty)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.location.line == 1)
        #expect(result.errors.first?.message.contains("nest more than") == true)
    }

    @Test func nestingPastTheLimitIsReportedWhereItIsPassed() {
        let flow = YAMLLoader.load(
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600), file: "f.yaml")
        #expect(flow.errors.first?.location == Location(file: "f.yaml", line: 1, column: 513))
        #expect(flow.errors.first?.message == "lists and mappings nest more than 512 levels deep")
        var block = ""
        for level in 0..<600 { block += String(repeating: " ", count: level) + "k:\n" }
        let blocks = YAMLLoader.load(block, file: "b.yaml")
        #expect(blocks.errors.first?.location == Location(file: "b.yaml", line: 513, column: 513))
        let atLimit = YAMLLoader.load(
            String(repeating: "[", count: 512) + String(repeating: "]", count: 512), file: "f.yaml")
        #expect(atLimit.errors.isEmpty)
        #expect(atLimit.documents.count == 1)
    }

    /// 512 KB is what macOS gives secondary threads and Swift concurrency's workers.
    @Test(arguments: [512, 999])
    func deepestAcceptedNestingFitsInASmallThreadStack(depth: Int) {
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var count = -1
        let thread = Thread {
            var limits = YAMLLoader.Limits()
            limits.maxDepth = depth
            count = YAMLLoader.load(text, file: "f.yaml", limits: limits).documents.count
            done.signal()
        }
        thread.stackSize = 512 << 10
        thread.start()
        done.wait()
        #expect(count == 1)
    }

    @Test func tooManyNodesIsAnError() {
        var limits = YAMLLoader.Limits()
        limits.maxNodes = 100
        let yaml = "items: [" + (0..<200).map(String.init).joined(separator: ", ") + "]\n"
        let result = YAMLLoader.load(yaml, file: "n.yaml", limits: limits)
        #expect(result.documents.isEmpty)
        #expect(result.errors.first?.message == "the stream holds more than 100 nodes")
    }

    @Test func fileOverTheSizeLimitIsAnError() {
        var limits = YAMLLoader.Limits()
        limits.maxBytes = 1_000
        let yaml = String(repeating: "key: value\n", count: 200)
        let result = YAMLLoader.load(yaml, file: "big.yaml", limits: limits)
        #expect(result.documents.isEmpty)
        #expect(result.errors.first?.location == Location(file: "big.yaml", line: 1, column: 1))
        let bytes = YAMLLoader.load(bytes: Array(yaml.utf8), file: "big.yaml", limits: limits)
        #expect(bytes.errors.count == 1)
    }

    @Test func invalidUTF8IsReportedAtTheFirstBadByte() {
        let bytes = Array("a: 1\nname: caf".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        let result = YAMLLoader.load(bytes: bytes, file: "u.yaml")
        #expect(result.documents.isEmpty)
        #expect(result.errors.first?.message == "invalid UTF-8")
        #expect(result.errors.first?.location == Location(file: "u.yaml", line: 2, column: 10))
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            let one = YAMLLoader.load(bytes: Array("é: ".utf8) + bad, file: "u.yaml")
            #expect(one.errors.first?.location == Location(file: "u.yaml", line: 1, column: 4))
        }
        #expect(YAMLLoader.load(bytes: Array("é: ü€😀\n".utf8), file: "u.yaml").errors.isEmpty)
    }

    @Test func nulBytesMeanABinaryFile() {
        let bytes = Array("a: 1\nb: x".utf8) + [0, 1, 2]
        let result = YAMLLoader.load(bytes: bytes, file: "bin.yaml")
        #expect(result.documents.isEmpty)
        #expect(result.errors.first?.message == "binary file")
        #expect(result.errors.first?.location == Location(file: "bin.yaml", line: 2, column: 5))
        let text = YAMLLoader.load("a: \u{0}\n", file: "bin.yaml")
        #expect(text.errors.first?.message == "binary file")
    }

    // MARK: - Helpers

    private func loadOne(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Node {
        let result = YAMLLoader.load(yaml, file: "test.yaml")
        #expect(result.errors.isEmpty, "\(result.errors)", sourceLocation: sourceLocation)
        #expect(result.documents.count == 1, sourceLocation: sourceLocation)
        return try #require(result.documents.first, sourceLocation: sourceLocation)
    }
}

/// A node's start position, comparable in expectations.
struct Place: Equatable {
    var line: Int
    var column: Int
    init(_ line: Int, _ column: Int) {
        self.line = line
        self.column = column
    }
}

func place(_ node: Node?) -> Place? {
    node.map { Place($0.location.line, $0.location.column) }
}

/// A scalar's content in a comparable form (`Node.Content` is not `Equatable`).
enum Scalar: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case collection

    init?(_ content: Node.Content?) {
        guard let content else { return nil }
        switch content {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .int(value)
        case .double(let value): self = .double(value)
        case .string(let value): self = .string(value)
        case .sequence, .mapping, .unknown: self = .collection
        }
    }
}

struct ScalarCase: Sendable, CustomTestStringConvertible {
    var text: String
    var expected: Scalar
    init(_ text: String, _ expected: Scalar) {
        self.text = text
        self.expected = expected
    }
    var testDescription: String { "\(text.isEmpty ? "(empty)" : text) is \(expected)" }
}

struct SyntaxCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    var line: Int
    var column: Int
    init(_ name: String, _ text: String, line: Int, column: Int) {
        self.name = name
        self.text = text
        self.line = line
        self.column = column
    }
    var testDescription: String { name }
}

struct DepthCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    init(_ name: String, _ text: String) {
        self.name = name
        self.text = text
    }
    var testDescription: String { name }
}

/// What the event composer must keep of a composing YAML library: which documents survive an
/// error, and how duplicate keys and aliases across documents are treated.
struct YAMLComposerTests {
    @Test func anErrorInOneDocumentSkipsOnlyThatDocument() {
        let result = YAMLLoader.load("a: 1\n---\nb: !!int abc\nc: [1, 2]\n---\nd: 4\n", file: "s.yaml")
        #expect(result.documents.count == 2)
        #expect(result.documents.last?["d"] != nil)
        #expect(result.errors.map(\.message) == ["\"abc\" is not a valid !!int"])
        #expect(result.errors.first?.location == Location(file: "s.yaml", line: 3, column: 4))
    }

    @Test func keysWrittenAlikeEndTheStreamAndAreNamedInOrder() {
        let result = YAMLLoader.load("first: 1\n---\nz: 1\nb: 2\nz: 3\nb: 4\n---\nlast: 1\n", file: "d.yaml")
        #expect(result.documents.count == 1)
        #expect(result.errors.map(\.message) == ["mapping keys \"b\", \"z\" written more than once"])
        #expect(result.errors.first?.location == Location(file: "d.yaml", line: 4, column: 1))
    }

    @Test func anAliasMayReferToAnAnchorOfAnEarlierDocument() throws {
        let result = YAMLLoader.load("a: &shared {x: 1}\n---\nb: *shared\n", file: "a.yaml")
        #expect(result.errors.isEmpty)
        #expect(result.documents.last?["b"]?["x"] != nil)
    }

    @Test func emptyAndCommentOnlyDocumentsAreLeftOutButAnEmptyQuotedStringIsNot() {
        let result = YAMLLoader.load("---\n# nothing\n---\n''\n---\n", file: "e.yaml")
        #expect(result.errors.isEmpty)
        #expect(result.documents.count == 1)
    }

    @Test func aSyntaxErrorKeepsTheDocumentsBeforeIt() {
        let result = YAMLLoader.load("a: 1\n---\nb: [1, 2\n", file: "x.yaml")
        #expect(result.documents.count == 1)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.location.line == 4)
    }
}
