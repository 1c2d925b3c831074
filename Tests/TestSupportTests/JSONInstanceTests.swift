import Testing

@testable import TestSupport

struct JSONInstanceTests {
    @Test func readsEveryKindOfValue() throws {
        let value = try JSONInstance.parse(
            #" {"a": [null, true, false, 0, -12, 1.5, 2e3, "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"], "b": {}} "#)
        let array = try #require(value["a"])
        #expect(array[0]?.typeName == "null")
        #expect(array[1]?.isEqual(to: .bool(true)) == true && array[2]?.isEqual(to: .bool(false)) == true)
        #expect(array[3]?.typeName == "integer" && array[4]?.isEqual(to: .integer(-12)) == true)
        #expect(array[5]?.typeName == "number" && array[5]?.numberValue == 1.5)
        #expect(array[6]?.typeName == "number" && array[6]?.numberValue == 2000)
        #expect(array[7]?.isEqual(to: .string("x\"\\/\u{8}\u{C}\n\r\té😀")) == true)
        #expect(value["b"]?.isEqual(to: .object([:])) == true)
    }

    @Test func numbersCompareByValue() {
        #expect(JSONInstance.integer(1).isEqual(to: .number(1.0)))
        #expect(!JSONInstance.integer(1).isEqual(to: .string("1")))
        #expect(
            JSONInstance.object(["a": .integer(1), "b": .array([.null])])
                .isEqual(to: .object(["b": .array([.null]), "a": .number(1)])))
        #expect(!JSONInstance.array([.integer(1), .integer(2)]).isEqual(to: .array([.integer(2), .integer(1)])))
    }

    struct Malformed: Sendable, CustomTestStringConvertible {
        var text: String
        var message: String
        var testDescription: String { message }
    }

    static let malformed: [Malformed] = [
        Malformed(text: #"{"a": 1,}"#, message: "expected a member name"),
        Malformed(text: "[1, 2,]", message: "unexpected character"),
        Malformed(text: #"{"a": 1, "a": 2}"#, message: "duplicate member name \"a\""),
        Malformed(text: "[01]", message: "expected \",\" or \"]\" in an array"),
        Malformed(text: "\"a\u{1}\"", message: "control character in a string"),
        Malformed(text: #""\ud800""#, message: "lone high surrogate"),
        Malformed(text: #""\udc00""#, message: "lone low surrogate"),
        Malformed(text: "1 2", message: "unexpected text after the value"),
        Malformed(text: "// c\n1", message: "unexpected character"),
        Malformed(text: "[1.]", message: "expected a digit after \".\""),
        Malformed(text: "", message: "unexpected end of text"),
        Malformed(text: "nul", message: "expected \"null\""),
    ]

    @Test(arguments: malformed)
    func rejectsMalformedText(_ input: Malformed) {
        let error = #expect(throws: JSONInstance.ParseError.self) { try JSONInstance.parse(input.text) }
        #expect(error?.message == input.message)
    }

    @Test func refusesDeepNesting() {
        let text = String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
        #expect(throws: JSONInstance.ParseError.self) { try JSONInstance.parse(text, maximumDepth: 10) }
        #expect(throws: Never.self) { try JSONInstance.parse(text, maximumDepth: 20) }
    }
}
