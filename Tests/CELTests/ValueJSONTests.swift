import CEL
import Testing

struct ValueJSONTests {
    /// A JSON text and the value it must give, written as CEL literal text.
    struct Reading: Sendable, CustomTestStringConvertible {
        var json: String
        var expected: String
        var testDescription: String { json }
    }

    static let readings: [Reading] = [
        Reading(json: "0", expected: "0"),
        Reading(json: "-0", expected: "0"),
        Reading(json: "42", expected: "42"),
        Reading(json: "-9223372036854775808", expected: "-9223372036854775808"),
        Reading(json: "9223372036854775807", expected: "9223372036854775807"),
        Reading(json: "9223372036854775808", expected: "9.223372036854776e+18"),
        Reading(json: "-9223372036854775809", expected: "-9.223372036854776e+18"),
        Reading(json: "1.5", expected: "1.5"),
        Reading(json: "1.0", expected: "1.0"),
        Reading(json: "-0.0", expected: "-0.0"),
        Reading(json: "1e2", expected: "100.0"),
        Reading(json: "2E-2", expected: "0.02"),
        Reading(json: "1e-400", expected: "0.0"),
        Reading(json: " true ", expected: "true"),
        Reading(json: "false", expected: "false"),
        Reading(json: "null", expected: "null"),
        Reading(json: #""a\"b\\c\/d\b\f\n\r\t""#, expected: #""a\"b\\c/d\b\f\n\r\t""#),
        Reading(json: #""\u00e9\u20AC\ud83d\ude00""#, expected: "\"é€😀\""),
        Reading(json: "\"é€😀\"", expected: "\"é€😀\""),
        Reading(json: #""\u0000""#, expected: #""\u0000""#),
        Reading(json: "[]", expected: "[]"),
        Reading(json: "{}", expected: "{}"),
        Reading(json: "[1, 2.5, \"x\", [null]]", expected: "[1, 2.5, \"x\", [null]]"),
        Reading(json: #"{"b": 1, "a": {"c": [true]}}"#, expected: #"{"b": 1, "a": {"c": [true]}}"#),
        Reading(json: "\u{FEFF}[1]", expected: "[1]"),
        Reading(json: "\n\t\r [ 1 , 2 ] \n", expected: "[1, 2]"),
    ]

    @Test(arguments: readings)
    func readsDocument(_ reading: Reading) throws {
        let value = try Value(json: reading.json)
        #expect(value.description == reading.expected)
        let fromBytes = try Value(json: Array(reading.json.utf8))
        #expect(fromBytes.description == reading.expected)
    }

    @Test func integersAreIntsAndOtherNumbersDoubles() throws {
        guard case .list(let values) = try Value(json: "[7, 7.0, 7e0, 99999999999999999999]") else {
            Issue.record("not a list")
            return
        }
        #expect(values.map(\.celType) == [.int, .double, .double, .double])
    }

    @Test func objectKeysKeepDocumentOrder() throws {
        guard case .map(let map) = try Value(json: #"{"z": 1, "a": 2, "m": 3}"#) else {
            Issue.record("not a map")
            return
        }
        #expect(map.keys == [.string("z"), .string("a"), .string("m")])
    }

    /// A text that must be rejected, with the message and the 1-based position.
    struct Rejection: Sendable, CustomTestStringConvertible {
        var json: String
        var message: String
        var line: Int
        var column: Int
        var testDescription: String { json.isEmpty ? "(empty)" : json }
    }

    static let rejections: [Rejection] = [
        Rejection(json: "", message: "expected a value, found end of input", line: 1, column: 1),
        Rejection(json: "[1,]", message: "expected a value, found ']'", line: 1, column: 4),
        Rejection(json: "{\"a\": 1,}", message: "expected a string key, found '}'", line: 1, column: 9),
        Rejection(json: "{'a': 1}", message: "expected a string key, found '''", line: 1, column: 2),
        Rejection(json: "{\"a\" 1}", message: "expected ':' after the key, found '1'", line: 1, column: 6),
        Rejection(json: "[1 2]", message: "expected ',' or ']', found '2'", line: 1, column: 4),
        Rejection(json: "{\"a\": 1", message: "expected ',' or '}', found end of input", line: 1, column: 8),
        Rejection(json: "01", message: "a number may not have leading zeros", line: 1, column: 1),
        Rejection(json: "1.", message: "expected a digit after '.', found end of input", line: 1, column: 3),
        Rejection(json: "-", message: "expected a digit after '-', found end of input", line: 1, column: 2),
        Rejection(json: "1e", message: "expected a digit in the exponent, found end of input", line: 1, column: 3),
        Rejection(json: "1e400", message: "number is too large for a double", line: 1, column: 1),
        Rejection(
            json: "NaN", message: "unexpected word 'NaN' (a JSON string is written in double quotes)", line: 1,
            column: 1),
        Rejection(
            json: "[web]", message: "unexpected word 'web' (a JSON string is written in double quotes)", line: 1,
            column: 2),
        Rejection(json: "1 2", message: "unexpected '2' after the JSON value", line: 1, column: 3),
        Rejection(json: "\"abc", message: "unterminated string", line: 1, column: 1),
        Rejection(
            json: "\"a\tb\"", message: "control character U+0009 must be escaped in a string", line: 1, column: 3),
        Rejection(json: #""\x41""#, message: #"invalid escape '\x' in a string"#, line: 1, column: 2),
        Rejection(json: #""\u12""#, message: #"\u needs four hex digits"#, line: 1, column: 2),
        Rejection(json: #""\ud800""#, message: #"unpaired surrogate \uD800"#, line: 1, column: 2),
        Rejection(json: #""\ud800\u0041""#, message: #"unpaired surrogate \uD800"#, line: 1, column: 2),
        Rejection(json: #""\udc00""#, message: #"unpaired surrogate \uDC00"#, line: 1, column: 2),
        Rejection(json: "{\"a\": 1, \"a\": 2}", message: "duplicate key \"a\"", line: 1, column: 10),
        Rejection(json: "[1,\n  // note\n2]", message: "expected a value, found '/'", line: 2, column: 3),
        Rejection(json: "{\"é\": “x”}", message: "expected a value, found '“' (U+201C)", line: 1, column: 7),
    ]

    @Test(arguments: rejections)
    func rejectsMalformedText(_ rejection: Rejection) {
        let error = #expect(throws: JSONError.self) { try Value(json: rejection.json) }
        #expect(error?.message == rejection.message)
        #expect(error?.line == rejection.line)
        #expect(error?.column == rejection.column)
    }

    @Test func rejectsInvalidUTF8InStrings() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22]] {
            let error = #expect(throws: JSONError.self) { try Value(json: bytes) }
            #expect(error?.message == "invalid UTF-8 in a string")
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let depth = 100_000
        let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let error = #expect(throws: JSONError.self) { try Value(json: deep) }
        #expect(error?.message == "arrays and objects nest more than 512 levels deep")
        #expect(error?.column == 513)

        let allowed = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try Value(json: allowed) }
        let objects = String(repeating: "{\"a\":", count: 600) + "1" + String(repeating: "}", count: 600)
        #expect(throws: JSONError.self) { try Value(json: objects) }
        #expect(throws: Never.self) { try Value(json: objects, maxNesting: 600) }
    }

    @Test func readsLargeDocumentsInLinearTime() throws {
        let count = 200_000
        let text = "[" + (0..<count).map { "{\"id\": \($0), \"name\": \"n\($0)\"}" }.joined(separator: ",") + "]"
        guard case .list(let items) = try Value(json: text) else {
            Issue.record("not a list")
            return
        }
        #expect(items.count == count)
        #expect(items.last?.description == "{\"id\": \(count - 1), \"name\": \"n\(count - 1)\"}")
    }
}
