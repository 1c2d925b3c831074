import Testing

@testable import TerraformInput

struct FunctionsTests {
    static let context = MemoryContext(files: [
        "hello.txt": "Hello World",
        "greeting.tftpl": "Hello, ${name}!",
    ])

    static let all: [FunctionCase] =
        FunctionCase.collections + FunctionCase.conversions + FunctionCase.stringCases + FunctionCase.formatCases
        + FunctionCase.regexCases + FunctionCase.numberCases + FunctionCase.encodingCases + FunctionCase.hashCases
        + FunctionCase.networkCases + FunctionCase.fileCases + FunctionCase.unknownCases + FunctionCase.timeCases

    @Test(arguments: all)
    func functionGivesExpectedResult(_ row: FunctionCase) throws {
        let result = try #require(Functions.call(row.name, row.arguments, context: Self.context))
        switch (row.expectation, result) {
        case (.value(let expected), .success(let actual)):
            #expect(actual == expected)
        case (.error(let message), .failure(let error)):
            #expect(error.message == message)
        case (.value(let expected), .failure(let error)):
            Issue.record("expected \(expected), got the error \(error.message)")
        case (.error(let message), .success(let actual)):
            Issue.record("expected the error \(message), got \(actual)")
        }
    }

    @Test func everyTableNameIsARegisteredFunction() {
        for row in Self.all { #expect(Functions.names.contains(row.name), "\(row.name)") }
        #expect(Functions.call("nosuchfunction", [], context: Self.context) == nil)
        #expect(!Functions.names.contains("try") && !Functions.names.contains("can"))
    }

    @Test func everyRequiredFunctionIsRegistered() {
        let required = """
            jsonencode jsondecode yamlencode yamldecode merge concat lookup format formatlist join split length
            coalesce coalescelist tostring tonumber tobool tolist toset tomap element flatten distinct keys values
            contains replace regex regexall lower upper title trimspace trim trimprefix trimsuffix substr startswith
            endswith strcontains cidrsubnet cidrhost cidrnetmask cidrsubnets file fileexists templatefile
            base64encode base64decode sha256 sha1 md5 sha512 range zipmap slice compact one sum min max abs ceil floor
            pow signum log parseint reverse sort setunion setintersection setsubtract chunklist index matchkeys
            transpose urlencode timestamp uuid abspath dirname basename pathexpand alltrue anytrue issensitive
            sensitive nonsensitive
            """
        for name in required.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            #expect(Functions.names.contains(String(name)), "\(name)")
        }
    }

    @Test func wrongArgumentCountsAreErrors() throws {
        let result = try #require(Functions.call("length", [], context: Self.context))
        #expect(result == .failure(FunctionError("length: expected 1 argument, got 0")))
        let variadic = try #require(Functions.call("concat", [], context: Self.context))
        #expect(variadic == .failure(FunctionError("concat: expected at least 1 argument, got 0")))
        let ranged = try #require(Functions.call("lookup", [.null], context: Self.context))
        #expect(ranged == .failure(FunctionError("lookup: expected 2 to 3 arguments, got 1")))
    }

    @Test func hostileInputsAreBounded() throws {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let json = try #require(Functions.call("jsondecode", [.string(deep)], context: Self.context))
        #expect(json == .failure(FunctionError("jsondecode: invalid JSON at offset 256: nesting deeper than 256")))
        let yaml = try #require(Functions.call("yamldecode", [.string(deep)], context: Self.context))
        guard case .failure = yaml else {
            Issue.record("deep YAML was accepted")
            return
        }
        let range = try #require(Functions.call("range", [.number(1e9)], context: Self.context))
        #expect(range == .failure(FunctionError("range: more than 1024 numbers would be generated")))
        let width = try #require(Functions.call("format", [.string("%99999999d"), .number(1)], context: Self.context))
        #expect(width == .failure(FunctionError("format: width or precision in \"%99999999d\" is larger than 10000")))
        let product = try #require(
            Functions.call(
                "setproduct", Array(repeating: .list((0..<100).map { .number(Double($0)) }), count: 4),
                context: Self.context))
        #expect(product == .failure(FunctionError("setproduct: the product would have more than 1000000 elements")))
    }

    @Test func sha256OfAMillionLettersMatchesTheFIPSVector() {
        let digest = Digest.hex(Digest.sha256([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)))
        #expect(digest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
