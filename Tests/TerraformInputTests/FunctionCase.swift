import Testing

@testable import TerraformInput

/// One row of a function table: a call and what it must give.
struct FunctionCase: Sendable, CustomTestStringConvertible {
    enum Expectation: Sendable {
        case value(TerraformValue)
        case error(String)
    }

    let name: String
    let arguments: [TerraformValue]
    let expectation: Expectation
    var testDescription: String

    init(_ name: String, _ arguments: [TerraformValue], _ expected: TerraformValue) {
        self.name = name
        self.arguments = arguments
        expectation = .value(expected)
        testDescription = "\(name)(\(arguments.map(Self.describe).joined(separator: ", ")))"
    }

    init(_ name: String, _ arguments: [TerraformValue], error message: String) {
        self.name = name
        self.arguments = arguments
        expectation = .error(message)
        testDescription = "\(name)(\(arguments.map(Self.describe).joined(separator: ", "))) fails"
    }

    private static func describe(_ value: TerraformValue) -> String {
        let text: String
        switch JSONText.encode(value) {
        case .success(let json): text = json
        case .failure: text = value.containsUnknown ? "(unknown inside)" : "?"
        }
        return text.count > 40 ? String(text.prefix(37)) + "..." : text
    }
}

/// A module of files held in memory; templates substitute `${name}` with the variable's text.
struct MemoryContext: FunctionContext {
    var files: [String: String] = [:]

    func readFile(_ path: String) -> String? { files[path] }

    func renderTemplate(_ source: String, path: String, variables: ObjectValue) -> Result<TerraformValue, FunctionError>
    {
        var output = source
        for (key, value) in variables.entries {
            guard let text = value.stringValue else {
                if value.isUnknown { return .success(.unknown) }
                return .failure(FunctionError("\(path): variable \(key) is not a string"))
            }
            output = Functions.replaceLiteral(output, "${\(key)}", with: text)
        }
        return .success(.string(output))
    }
}

extension FunctionCase {
    // Short constructors for the tables, visible inside `extension FunctionCase`.
    static func call(_ name: String, _ arguments: [TerraformValue], _ expected: TerraformValue) -> FunctionCase {
        FunctionCase(name, arguments, expected)
    }
    static func fails(_ name: String, _ arguments: [TerraformValue], _ message: String) -> FunctionCase {
        FunctionCase(name, arguments, error: message)
    }
    static func s(_ text: String) -> TerraformValue { .string(text) }
    static func n(_ number: Double) -> TerraformValue { .number(number) }
    static func b(_ flag: Bool) -> TerraformValue { .bool(flag) }
    static func l(_ items: TerraformValue...) -> TerraformValue { .list(items) }
    static func strings(_ items: String...) -> TerraformValue { .list(items.map { .string($0) }) }
    static func o(_ entries: KeyValuePairs<String, TerraformValue>) -> TerraformValue {
        .object(entries.map { ($0.key, $0.value) })
    }
    static let unknown = TerraformValue.unknown
    static let null = TerraformValue.null
}
