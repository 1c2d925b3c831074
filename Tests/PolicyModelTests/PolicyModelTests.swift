import Testing

@testable import PolicyModel

struct PolicyModelTests {
    @Test func severitiesOrderFromInfoToCritical() {
        #expect(Severity.allCases.sorted() == [.info, .low, .medium, .high, .critical])
        #expect(Severity.high >= .medium && !(Severity.low >= .high))
        #expect(Severity(rawValue: "critical") == .critical)
    }

    @Test func locationsSortByFileLineColumn() {
        let locations = [
            Location(file: "b.yaml", line: 1, column: 1), Location(file: "a.yaml", line: 10, column: 1),
            Location(file: "a.yaml", line: 2, column: 7), Location(file: "a.yaml", line: 2, column: 3),
        ]
        #expect(locations.sorted().map(\.description) == ["a.yaml:2:3", "a.yaml:2:7", "a.yaml:10:1", "b.yaml:1:1"])
    }

    @Test func diagnosticShowsTheLineAndACaret() {
        let source = "apiVersion: v1\nkind: Pod\n\tmetadata: {name: web\n"
        let diagnostic = Diagnostic(
            .error, "unterminated flow mapping", at: Location(file: "pod.yaml", line: 3, column: 12))
        #expect(
            diagnostic.rendered(source: source)
                == "pod.yaml:3:12: error: unterminated flow mapping\n\tmetadata: {name: web\n\t          ^")
        #expect(diagnostic.rendered() == "pod.yaml:3:12: error: unterminated flow mapping")
        #expect(Diagnostic.excerpt(source, line: 9, column: 1) == nil)
    }

    @Test func parseErrorPrintsAsADiagnostic() {
        let error = ParseError("unexpected end of input", at: Location(file: "x.json", line: 4, column: 2))
        #expect(error.description == "x.json:4:2: error: unexpected end of input")
        #expect(error.diagnostic.level == .error)
    }

    @Test func nodesLookUpKeysAndKeepTheirSpans() {
        let name = Node(.string("web"), span: Span(line: 3, column: 9))
        let metadata = Node(
            .mapping([Node.Entry(key: Node(.string("name"), span: Span(line: 3, column: 3)), value: name)]),
            span: Span(line: 3, column: 3, endLine: 3, endColumn: 12))
        let root = Node(
            .mapping([Node.Entry(key: Node(.string("metadata"), span: Span(line: 2, column: 1)), value: metadata)]),
            span: Span(line: 1, column: 1, endLine: 4, endColumn: 1))
        #expect(root["metadata"]?["name"]?.string == "web")
        #expect(root["spec"] == nil)
        #expect(root["metadata"]?["name"]?.location(in: "pod.yaml").description == "pod.yaml:3:9")
        #expect(MemoryLayout<Span>.size == 16)
    }

    @Test func resourceLocationIsWhereTheObjectStarts() {
        let content = Node(.mapping([]), span: Span(line: 7, column: 3))
        let resource = Resource(
            inputKind: "kubernetes", type: "Deployment", name: "web", namespace: nil,
            identity: "Deployment/default/web", file: "deploy.yaml", span: content.span, content: content)
        #expect(resource.location == Location(file: "deploy.yaml", line: 7, column: 3, endLine: 7, endColumn: 3))
        #expect(resource.location.description == "deploy.yaml:7:3")
    }
}
