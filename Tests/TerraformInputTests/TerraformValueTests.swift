import Testing

@testable import TerraformInput

struct TerraformValueTests {
    @Test func objectKeysStaySortedAndLaterEntriesWin() {
        var object = ObjectValue([("b", .number(1)), ("a", .string("x")), ("b", .number(2))])
        #expect(object.keys == ["a", "b"])
        #expect(object["b"] == .number(2))
        object.set("aa", .bool(true))
        #expect(object.keys == ["a", "aa", "b"])
        #expect(object["missing"] == nil)
    }

    @Test func numbersConvertToStringsAsTerraformWritesThem() {
        #expect(TerraformValue.number(3).stringValue == "3")
        #expect(TerraformValue.number(1.5).stringValue == "1.5")
        #expect(TerraformValue.bool(true).stringValue == "true")
        #expect(TerraformValue.list([]).stringValue == nil)
    }

    @Test func unknownInsideACollectionIsFound() {
        #expect(TerraformValue.list([.string("a"), .object([("k", .unknown)])]).containsUnknown)
        #expect(!TerraformValue.object([("k", .null)]).containsUnknown)
    }
}
