import CEL
import Testing

struct ValueDescriptionTests {
    /// A value and its text.
    struct Rendering: Sendable, CustomTestStringConvertible {
        var value: Value
        var text: String
        var testDescription: String { text }
    }

    static let renderings: [Rendering] = [
        Rendering(value: .null, text: "null"),
        Rendering(value: .bool(true), text: "true"),
        Rendering(value: .int(-7), text: "-7"),
        Rendering(value: .int(Int64.min), text: "-9223372036854775808"),
        Rendering(value: .uint(1), text: "1u"),
        Rendering(value: .double(1.5), text: "1.5"),
        Rendering(value: .double(2), text: "2.0"),
        Rendering(value: .double(-0.0), text: "-0.0"),
        Rendering(value: .double(1e100), text: "1e+100"),
        Rendering(value: .double(.nan), text: "double(\"NaN\")"),
        Rendering(value: .double(.infinity), text: "double(\"Infinity\")"),
        Rendering(value: .double(-.infinity), text: "double(\"-Infinity\")"),
        Rendering(value: .string("text"), text: "\"text\""),
        Rendering(value: .string("a\"b\\c\n\t\u{07}"), text: #""a\"b\\c\n\t\a""#),
        Rendering(value: .string("zero\u{200B}width \u{0}"), text: #""zero\u200bwidth \u0000""#),
        Rendering(value: .string("é😀"), text: "\"é😀\""),
        Rendering(value: .string("\u{E0001}"), text: #""\U000e0001""#),
        Rendering(value: .bytes([0]), text: #"b"\x00""#),
        Rendering(value: .bytes(Array("a\"\\".utf8) + [0xFF, 0x0A]), text: #"b"a\"\\\xff\n""#),
        Rendering(value: .list([.int(1), .int(2)]), text: "[1, 2]"),
        Rendering(value: .list([]), text: "[]"),
        Rendering(
            value: .map(MapValue(entries: [(.string("a"), .int(1)), (.int(2), .list([.bool(false)]))])!),
            text: #"{"a": 1, 2: [false]}"#),
        Rendering(
            value: .map(MapValue(entries: [(.uint(3), .null), (.bool(true), .string("x\"y"))])!),
            text: #"{3u: null, true: "x\"y"}"#),
        Rendering(
            value: .timestamp(Timestamp(seconds: 1_704_067_200, nanos: 0)!), text: "timestamp(\"2024-01-01T00:00:00Z\")"
        ),
        Rendering(
            value: .timestamp(Timestamp(seconds: 0, nanos: 500_000_000)!), text: "timestamp(\"1970-01-01T00:00:00.5Z\")"
        ),
        Rendering(value: .duration(CELDuration(seconds: 1, nanos: 500_000_000)!), text: "duration(\"1.5s\")"),
        Rendering(value: .duration(CELDuration(seconds: -90, nanos: 0)!), text: "duration(\"-90s\")"),
        Rendering(value: .type(.int), text: "int"),
        Rendering(value: .type(.list(.dyn)), text: "list"),
        Rendering(value: .type(.timestamp), text: "google.protobuf.Timestamp"),
        Rendering(value: .type(.type(nil)), text: "type"),
        Rendering(value: .optional(.int(1)), text: "optional.of(1)"),
        Rendering(value: .optional(nil), text: "optional.none()"),
        Rendering(value: .optional(.optional(nil)), text: "optional.of(optional.none())"),
        Rendering(value: .error("no such key: 'a'"), text: "error: no such key: 'a'"),
    ]

    @Test(arguments: renderings)
    func rendersAsCELLiteral(_ rendering: Rendering) {
        #expect(rendering.value.description == rendering.text)
    }

    @Test func opaqueValuesUseTheirOwnDescription() {
        struct Port: OpaqueValue {
            var number: Int
            var typeName: String { "test.Port" }
            var description: String { "port(\(number))" }
            func isEqual(to other: any OpaqueValue) -> Bool { (other as? Port)?.number == number }
        }
        #expect(Value.list([.opaque(Port(number: 443))]).description == "[port(443)]")
    }

    @Test func deepValuesAreCutShort() {
        var value = Value.int(1)
        for _ in 0..<5_000 { value = .list([value]) }
        let text = value.description
        #expect(text.hasPrefix("[[[["))
        #expect(text.contains("..."))
    }
}
