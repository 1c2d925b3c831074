import Testing

@testable import CEL

/// Calls the extension libraries' functions directly (no parser), one table row per call.
struct ExtensionLibraryTests {
    enum Expected: Sendable {
        /// The result must be this value, of the same types all the way down (NaN equals NaN).
        case value(Value)
        /// The result must be an error whose message contains this text.
        case error(String)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var library: Library
        var function: String
        var member: Bool
        var arguments: [Value]
        var expected: Expected

        var testDescription: String {
            let shown = arguments.map(ExtensionLibraryTests.describe)
            let call =
                member
                ? "\(shown.first ?? "").\(function)(\(shown.dropFirst().joined(separator: ", ")))"
                : "\(function)(\(shown.joined(separator: ", ")))"
            switch expected {
            case .value(let value): return "\(library.name): \(call) == \(ExtensionLibraryTests.describe(value))"
            case .error(let message): return "\(library.name): \(call) fails with \(message)"
            }
        }
    }

    static func member(_ library: Library, _ function: String, _ arguments: [Value], _ expected: Value) -> Case {
        Case(library: library, function: function, member: true, arguments: arguments, expected: .value(expected))
    }

    static func member(_ library: Library, _ function: String, _ arguments: [Value], error: String) -> Case {
        Case(library: library, function: function, member: true, arguments: arguments, expected: .error(error))
    }

    static func global(_ library: Library, _ function: String, _ arguments: [Value], _ expected: Value) -> Case {
        Case(library: library, function: function, member: false, arguments: arguments, expected: .value(expected))
    }

    static func global(_ library: Library, _ function: String, _ arguments: [Value], error: String) -> Case {
        Case(library: library, function: function, member: false, arguments: arguments, expected: .error(error))
    }

    static func strings(_ values: String...) -> Value { .list(values.map { .string($0) }) }
    static func ints(_ values: Int64...) -> Value { .list(values.map { .int($0) }) }
    static func seconds(_ seconds: Int64, nanos: Int64 = 0) -> Value {
        CELDuration(seconds: seconds, nanos: nanos).map(Value.duration) ?? .error("bad duration in test")
    }
    static func timestamp(_ seconds: Int64, nanos: Int32 = 0) -> Value {
        Timestamp(seconds: seconds, nanos: nanos).map(Value.timestamp) ?? .error("bad timestamp in test")
    }
    static func map(_ entries: [(MapKey, Value)]) -> Value {
        MapValue(entries: entries).map(Value.map) ?? .error("bad map in test")
    }

    static func format(_ template: String, _ arguments: [Value], _ expected: String) -> Case {
        member(.strings, "format", [.string(template), .list(arguments)], .string(expected))
    }

    static func format(_ template: String, _ arguments: [Value], error: String) -> Case {
        member(.strings, "format", [.string(template), .list(arguments)], error: error)
    }

    // MARK: Strings

    static let stringCases: [Case] = [
        member(.strings, "charAt", [.string("tacocat"), .int(3)], .string("o")),
        member(.strings, "charAt", [.string("tacocat"), .int(7)], .string("")),
        member(.strings, "charAt", [.string("©αT"), .int(1)], .string("α")),
        member(.strings, "charAt", [.string("tacocat"), .int(30)], error: "index out of range: 30"),
        member(.strings, "charAt", [.string("tacocat"), .int(-1)], error: "index out of range: -1"),
        member(.strings, "charAt", [.int(42), .int(2)], error: "no such overload"),
        member(.strings, "indexOf", [.string("tacocat"), .string("")], .int(0)),
        member(.strings, "indexOf", [.string("tacocat"), .string("ac")], .int(1)),
        member(.strings, "indexOf", [.string("tacocat"), .string("none")], .int(-1)),
        member(.strings, "indexOf", [.string(""), .string("a")], .int(-1)),
        member(.strings, "indexOf", [.string("tacocat"), .string(""), .int(3)], .int(3)),
        member(.strings, "indexOf", [.string("tacocat"), .string("a"), .int(3)], .int(5)),
        member(.strings, "indexOf", [.string("ta©o©αT"), .string("©"), .int(3)], .int(4)),
        member(.strings, "indexOf", [.string("ta©o©αT"), .string("©α"), .int(5)], .int(-1)),
        member(.strings, "indexOf", [.string("tacocat"), .string("a"), .int(30)], error: "index out of range: 30"),
        member(.strings, "indexOf", [.string("42"), .string("4"), .string("0")], error: "no such overload"),
        member(.strings, "lastIndexOf", [.string(""), .string("@@")], .int(-1)),
        member(.strings, "lastIndexOf", [.string("tacocat"), .string("")], .int(7)),
        member(.strings, "lastIndexOf", [.string("tacocat"), .string("at")], .int(5)),
        member(.strings, "lastIndexOf", [.string("tacocat"), .string(""), .int(3)], .int(3)),
        member(.strings, "lastIndexOf", [.string("tacocat"), .string("a"), .int(3)], .int(1)),
        member(.strings, "lastIndexOf", [.string("ta©o©αT"), .string("©α"), .int(4)], .int(4)),
        member(.strings, "lastIndexOf", [.string("bananananana"), .string("nana"), .int(7)], .int(6)),
        member(.strings, "lastIndexOf", [.string("tacocat"), .string("a"), .int(-1)], error: "index out of range: -1"),
        member(.strings, "lastIndexOf", [.string("tacocat"), .string("a"), .int(30)], error: "index out of range: 30"),
        member(.strings, "lowerAscii", [.string("TacoCÆt Xii")], .string("tacocÆt xii")),
        member(.strings, "upperAscii", [.string("tacoCαt")], .string("TACOCαT")),
        member(
            .strings, "replace", [.string("{0} days {0} hours"), .string("{0}"), .string("2")],
            .string("2 days 2 hours")),
        member(
            .strings, "replace", [.string("{0} days {0} hours"), .string("{0}"), .string("2"), .int(1)],
            .string("2 days {0} hours")),
        member(.strings, "replace", [.string("hello"), .string("l"), .string("L"), .int(0)], .string("hello")),
        member(.strings, "replace", [.string("1 ©αT taco"), .string("αT"), .string("o©α")], .string("1 ©o©α taco")),
        member(.strings, "replace", [.string("abc"), .string(""), .string("-")], .string("-a-b-c-")),
        member(.strings, "replace", [.string("abc"), .string(""), .string("-"), .int(2)], .string("-a-bc")),
        member(.strings, "replace", [.string("aaaa"), .string("aa"), .string("b")], .string("bb")),
        member(.strings, "split", [.string("hello world"), .string(" ")], strings("hello", "world")),
        member(.strings, "split", [.string("hello world events!"), .string(" "), .int(0)], .list([])),
        member(
            .strings, "split", [.string("hello world events!"), .string(" "), .int(1)], strings("hello world events!")),
        member(
            .strings, "split", [.string("hello world events!"), .string(" "), .int(2)],
            strings("hello", "world events!")),
        member(.strings, "split", [.string("o©o©o©o"), .string("©"), .int(-1)], strings("o", "o", "o", "o")),
        member(.strings, "split", [.string("h©i"), .string("")], strings("h", "©", "i")),
        member(.strings, "split", [.string("hello"), .string(""), .int(2)], strings("h", "ello")),
        member(.strings, "split", [.string(""), .string("")], .list([])),
        member(.strings, "split", [.string(""), .string(",")], strings("")),
        member(.strings, "substring", [.string("tacocat"), .int(4)], .string("cat")),
        member(.strings, "substring", [.string("tacocat"), .int(7)], .string("")),
        member(.strings, "substring", [.string("ta©o©αT"), .int(2), .int(6)], .string("©o©α")),
        member(.strings, "substring", [.string("tacocat"), .int(40)], error: "index out of range: 40"),
        member(.strings, "substring", [.string("tacocat"), .int(-1)], error: "index out of range: -1"),
        member(.strings, "substring", [.string("tacocat"), .int(1), .int(50)], error: "index out of range: 50"),
        member(.strings, "substring", [.string("tacocat"), .int(49), .int(50)], error: "index out of range: 49"),
        member(
            .strings, "substring", [.string("tacocat"), .int(4), .int(3)],
            error: "invalid substring range. start: 4, end: 3"),
        member(.strings, "trim", [.string(" \u{0C}\n\r\t\u{0B}text  ")], .string("text")),
        member(
            .strings, "trim", [.string("\u{85}\u{A0}\u{1680}text\u{2000}\u{200A}\u{2028}\u{202F}\u{3000}")],
            .string("text")),
        member(
            .strings, "trim", [.string("\u{180E}text\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}")],
            .string("\u{180E}text\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}")),
        member(.strings, "join", [strings("x", "y")], .string("xy")),
        member(.strings, "join", [strings("x", "y"), .string("-")], .string("x-y")),
        member(.strings, "join", [.list([]), .string("-")], .string("")),
        member(.strings, "join", [.list([.int(1)])], error: "join"),
        member(.strings, "reverse", [.string("Ta©oCαt")], .string("tαCo©aT")),
        member(.strings, "reverse", [.string("")], .string("")),
        global(.strings, "strings.quote", [.string("first\nsecond")], .string("\"first\\nsecond\"")),
        global(
            .strings, "strings.quote", [.string("bell\u{07}\u{08}\u{0C}\r\t\u{0B}")],
            .string("\"bell\\a\\b\\f\\r\\t\\v\"")),
        global(.strings, "strings.quote", [.string("a \\ \" b")], .string("\"a \\\\ \\\" b\"")),
        global(.strings, "strings.quote", [.string("завтра😀")], .string("\"завтра😀\"")),
        global(.strings, "strings.quote", [.string("")], .string("\"\"")),
    ]

    static let formatCases: [Case] = [
        format("no substitution", [], "no substitution"),
        format("%%%s%%", [.string("text")], "%text%"),
        format("%d %s", [.int(1), .string("A")], "1 A"),
        format("%s", [.null], "null"),
        format("%s, %s", [.bool(true), .bool(false)], "true, false"),
        format("%s", [.bytes(Array("xyz".utf8))], "xyz"),
        format("%s", [.type(.string)], "string"),
        format("%s", [.double(56.8)], "56.8"),
        format("%s", [.double(1e16)], "10000000000000000"),
        format("%s", [.double(1e-7)], "0.0000001"),
        format("%s", [.list([.double(.nan), .double(.infinity), .double(-.infinity)])], "[NaN, Infinity, -Infinity]"),
        format("%s", [timestamp(1_675_467_080)], "2023-02-03T23:31:20Z"),
        format("%s", [timestamp(1_257_894_000, nanos: 123_000_000)], "2009-11-10T23:00:00.123Z"),
        format("%s", [seconds(6347)], "6347s"),
        format("%s", [seconds(1, nanos: 500_000_000)], "1.5s"),
        format(
            "%s", [.list([.string("abc"), .double(3.14), .null, ints(9, 8, 7, 6)])], "[abc, 3.14, null, [9, 8, 7, 6]]"),
        format(
            "%s", [map([(.string("strKey"), .string("x")), (.int(6), seconds(422)), (.bool(true), .int(42))])],
            "{6: 422s, strKey: x, true: 42}"),
        format("%s", [map([(.int(1), .string("value1")), (.uint(2), .string("value2"))])], "{1: value1, 2: value2}"),
        format("%d", [.uint(64)], "64"),
        format("%d", [.double(.nan)], "NaN"),
        format("%d", [.double(-.infinity)], "-Infinity"),
        format("%.3f", [.double(1.2345)], "1.234"),
        format("%f", [.int(2)], "2.000000"),
        format("%f", [.uint(3)], "3.000000"),
        format("%.0f", [.double(1.5)], "2"),
        format("%.0f", [.double(2.5)], "2"),
        format("%.0f", [.double(3.5001)], "4"),
        format("%.3f", [.double(123.4999)], "123.500"),
        format("%.3f", [.double(-123.4994)], "-123.499"),
        format("%.5f", [.double(-1.2)], "-1.20000"),
        format("%.2f", [.double(0.125)], "0.12"),
        format("%.2f", [.double(0.375)], "0.38"),
        format("%.20f", [.double(0.1)], "0.10000000000000000555"),
        format("%f", [.double(.infinity)], "Infinity"),
        format("%.6e", [.double(1052.032911275)], "1.052033e+03"),
        format("%e", [.int(2)], "2.000000e+00"),
        format("%e", [.double(0)], "0.000000e+00"),
        format("%.0e", [.double(12345)], "1e+04"),
        format("%.2e", [.double(9.999)], "1.00e+01"),
        format("%.3e", [.double(-0.00012345)], "-1.234e-04"),
        format("%e", [.double(.leastNonzeroMagnitude)], "4.940656e-324"),
        format("%e", [.double(.nan)], "NaN"),
        format("%b", [.int(5)], "101"),
        format("%b", [.bool(true)], "1"),
        format("%b", [.int(-5)], "-101"),
        format("%o", [.uint(65535)], "177777"),
        format("%x", [.int(30)], "1e"),
        format("%X", [.int(30)], "1E"),
        format("%x", [.int(-255)], "-ff"),
        format("%x", [.string("Hello world!")], "48656c6c6f20776f726c6421"),
        format("%X", [.bytes(Array("byte string".utf8))], "6279746520737472696E67"),
        format("%a", [.int(1)], error: "could not parse formatting clause: unrecognized formatting clause \"a\""),
        format("%E", [.double(0.5)], error: "unrecognized formatting clause \"E\""),
        format("%d %d %d", [.int(0), .int(1)], error: "index 2 out of range"),
        format("%", [.int(1)], error: "unexpected end of string"),
        format("%.3", [.double(1)], error: "could not find end of precision specifier"),
        format("%.101f", [.double(1)], error: "exceeds maximum allowed precision"),
        format(
            "string is %b", [.string("abc")],
            error: "error during formatting: only integers and bools can be formatted as binary, was given string"),
        format(
            "%d", [seconds(1802)],
            error: "decimal clause can only be used on integers, was given google.protobuf.Duration"),
        format("%o", [.string("a")], error: "octal clause can only be used on integers, was given string"),
        format("%x", [.double(0.5)], error: "can be formatted as hex, was given double"),
        format("%e", [.null], error: "scientific clause can only be used on doubles, was given null_type"),
        format("%f", [.null], error: "fixed-point clause can only be used on doubles, was given null_type"),
        format("%s", [.optional(nil)], error: "string clause can only be used on strings"),
    ]

    // MARK: Math

    static let mathCases: [Case] = [
        global(.math, "math.greatest", [.int(-5)], .int(-5)),
        global(.math, "math.greatest", [.int(3), .int(-3)], .int(3)),
        global(.math, "math.greatest", [.int(-3), .uint(3)], .uint(3)),
        global(.math, "math.greatest", [.int(1), .double(1)], .int(1)),
        global(.math, "math.greatest", [.int(1), .double(1.797693e308), .int(5)], .double(1.797693e308)),
        global(
            .math, "math.greatest", [.list([.double(5.4), .int(10), .uint(3), .double(-5), .double(3.5)])], .int(10)),
        global(.math, "math.greatest", [.list([])], error: "must not be empty"),
        global(.math, "math.greatest", [.list([.int(1), .string("a")])], error: "no such overload"),
        global(.math, "math.greatest", [.string("a")], error: "no such overload"),
        global(.math, "math.least", [.int(1), .int(Int64.min)], .int(Int64.min)),
        global(.math, "math.least", [.uint(10), .uint(3), .uint(1)], .uint(1)),
        global(
            .math, "math.least", [.list([.double(5.4), .int(10), .uint(3), .double(-5), .double(3.5)])], .double(-5)),
        global(.math, "math.ceil", [.double(-1.2)], .double(-1)),
        global(.math, "math.ceil", [.int(1)], error: "no such overload"),
        global(.math, "math.floor", [.double(-1.2)], .double(-2)),
        global(.math, "math.round", [.double(-1.5)], .double(-2)),
        global(.math, "math.round", [.double(2.5)], .double(3)),
        global(.math, "math.round", [.double(-1.4)], .double(-1)),
        global(.math, "math.round", [.double(.nan)], .double(.nan)),
        global(.math, "math.trunc", [.double(-1.2)], .double(-1)),
        global(.math, "math.abs", [.int(-11)], .int(11)),
        global(.math, "math.abs", [.uint(1)], .uint(1)),
        global(.math, "math.abs", [.double(-11.5)], .double(11.5)),
        global(.math, "math.abs", [.int(Int64.min)], error: "overflow"),
        global(.math, "math.sign", [.int(-11)], .int(-1)),
        global(.math, "math.sign", [.uint(0)], .uint(0)),
        global(.math, "math.sign", [.uint(100)], .uint(1)),
        global(.math, "math.sign", [.double(100.5)], .double(1)),
        global(.math, "math.sign", [.double(0)], .double(0)),
        global(.math, "math.sign", [.bool(true)], error: "no such overload"),
        global(.math, "math.isNaN", [.double(.nan)], .bool(true)),
        global(.math, "math.isInf", [.double(-.infinity)], .bool(true)),
        global(.math, "math.isInf", [.double(.nan)], .bool(false)),
        global(.math, "math.isFinite", [.double(1.5)], .bool(true)),
        global(.math, "math.isFinite", [.double(.nan)], .bool(false)),
        global(.math, "math.sqrt", [.int(81)], .double(9)),
        global(.math, "math.sqrt", [.uint(4)], .double(2)),
        global(.math, "math.sqrt", [.double(-15)], .double(.nan)),
        global(.math, "math.bitAnd", [.int(1), .int(-1)], .int(1)),
        global(.math, "math.bitAnd", [.uint(1), .uint(3)], .uint(1)),
        global(.math, "math.bitAnd", [.uint(2), .string("")], error: "no such overload"),
        global(.math, "math.bitOr", [.int(4), .int(-2)], .int(-2)),
        global(.math, "math.bitXor", [.int(4), .int(-2)], .int(-6)),
        global(.math, "math.bitXor", [.uint(1), .uint(3)], .uint(2)),
        global(.math, "math.bitNot", [.int(0)], .int(-1)),
        global(.math, "math.bitNot", [.uint(1)], .uint(18_446_744_073_709_551_614)),
        global(.math, "math.bitShiftLeft", [.int(1), .int(2)], .int(4)),
        global(.math, "math.bitShiftLeft", [.int(-1), .int(200)], .int(0)),
        global(.math, "math.bitShiftLeft", [.uint(1), .int(64)], .uint(0)),
        global(.math, "math.bitShiftLeft", [.uint(1), .int(-1)], error: "negative offset"),
        global(.math, "math.bitShiftRight", [.int(-1024), .int(3)], .int(2_305_843_009_213_693_824)),
        global(.math, "math.bitShiftRight", [.int(-1024), .int(64)], .int(0)),
        global(.math, "math.bitShiftRight", [.uint(1024), .int(2)], .uint(256)),
        global(.math, "math.bitShiftRight", [.int(1), .int(-1)], error: "negative offset"),
    ]

    // MARK: Encoders

    static let encoderCases: [Case] = [
        global(.encoders, "base64.encode", [.bytes(Array("hello".utf8))], .string("aGVsbG8=")),
        global(.encoders, "base64.encode", [.bytes([])], .string("")),
        global(.encoders, "base64.encode", [.bytes(Array("fo".utf8))], .string("Zm8=")),
        global(.encoders, "base64.encode", [.bytes([0xFB, 0xFF])], .string("+/8=")),
        global(.encoders, "base64.decode", [.string("aGVsbG8=")], .bytes(Array("hello".utf8))),
        global(.encoders, "base64.decode", [.string("aGVsbG8")], .bytes(Array("hello".utf8))),
        global(.encoders, "base64.decode", [.string("Zg==")], .bytes(Array("f".utf8))),
        global(.encoders, "base64.decode", [.string("Zg")], .bytes(Array("f".utf8))),
        global(.encoders, "base64.decode", [.string("Zm9v\nYmFy")], .bytes(Array("foobar".utf8))),
        global(.encoders, "base64.decode", [.string("+/8=")], .bytes([0xFB, 0xFF])),
        global(.encoders, "base64.decode", [.string("")], .bytes([])),
        global(.encoders, "base64.decode", [.string("Z")], error: "illegal base64 data"),
        global(.encoders, "base64.decode", [.string("Zg=")], error: "illegal base64 data"),
        global(.encoders, "base64.decode", [.string("Z===")], error: "illegal base64 data"),
        global(.encoders, "base64.decode", [.string("Zm9v!")], error: "illegal base64 data at input byte 4"),
        global(.encoders, "base64.decode", [.string("-_8")], error: "illegal base64 data"),
    ]

    // MARK: Lists

    static let listCases: [Case] = [
        member(.lists, "slice", [ints(1, 2, 3, 4), .int(1), .int(3)], ints(2, 3)),
        member(.lists, "slice", [ints(1, 2, 3, 4), .int(4), .int(4)], .list([])),
        member(
            .lists, "slice", [ints(1, 2), .int(2), .int(1)], error: "start index must be less than or equal to end"),
        member(.lists, "slice", [ints(1, 2), .int(-1), .int(1)], error: "negative indexes not supported"),
        member(.lists, "slice", [ints(1, 2), .int(0), .int(3)], error: "cannot slice(0, 3), list is length 2"),
        member(.lists, "flatten", [.list([.int(1), ints(2, 3), ints(4)])], ints(1, 2, 3, 4)),
        member(
            .lists, "flatten", [.list([.int(1), .list([.int(2), ints(3, 4)])])], .list([.int(1), .int(2), ints(3, 4)])),
        member(
            .lists, "flatten", [.list([.int(1), .list([.int(2), .list([.int(3), ints(4)])])]), .int(2)],
            .list([.int(1), .int(2), .int(3), ints(4)])),
        member(.lists, "flatten", [.list([.int(1), ints(2)]), .int(0)], .list([.int(1), ints(2)])),
        member(.lists, "flatten", [ints(1), .int(-1)], error: "level must be non-negative"),
        member(.lists, "distinct", [ints(1, 2, 2, 3, 3, 3)], ints(1, 2, 3)),
        member(
            .lists, "distinct", [.list([.int(1), .double(1), .uint(1), .string("b"), .string("b")])],
            .list([.int(1), .string("b")])),
        member(.lists, "sort", [ints(3, 2, 1)], ints(1, 2, 3)),
        member(.lists, "sort", [strings("b", "c", "a")], strings("a", "b", "c")),
        member(.lists, "sort", [.list([seconds(2), seconds(1)])], .list([seconds(1), seconds(2)])),
        member(.lists, "sort", [.list([])], .list([])),
        member(.lists, "sort", [.list([.int(1), .string("b")])], error: "list elements must have the same type"),
        member(.lists, "sort", [.list([.int(1), .uint(2)])], error: "list elements must have the same type"),
        member(.lists, "sort", [.list([ints(1, 2, 3)])], error: "list elements must be comparable"),
        global(.lists, "lists.range", [.int(5)], ints(0, 1, 2, 3, 4)),
        global(.lists, "lists.range", [.int(0)], .list([])),
        global(.lists, "lists.range", [.int(-1)], error: "must be non-negative"),
        global(.lists, "lists.range", [.int(Int64.max)], error: "exceeds maximum allowed"),
        member(.lists, "reverse", [ints(5, 3, 1, 2)], ints(2, 1, 3, 5)),
        member(.lists, "first", [ints(1, 2, 3)], .optional(.int(1))),
        member(.lists, "first", [.list([])], .optional(nil)),
        member(.lists, "last", [ints(1, 2, 3)], .optional(.int(3))),
        member(.lists, "last", [.list([])], .optional(nil)),
        member(.lists, "isSorted", [ints(1, 2, 2, 3)], .bool(true)),
        member(.lists, "isSorted", [.list([.double(2), .double(1)])], .bool(false)),
        member(.lists, "isSorted", [.list([])], .bool(true)),
        member(.lists, "isSorted", [strings("a", "b", "b", "c")], .bool(true)),
        member(.lists, "sum", [ints(1, 3)], .int(4)),
        member(.lists, "sum", [.list([.double(1), .double(3.5)])], .double(4.5)),
        member(.lists, "sum", [.list([seconds(60), seconds(1)])], seconds(61)),
        member(.lists, "sum", [.list([])], .int(0)),
        member(.lists, "sum", [ints(Int64.max, 1)], error: "overflow"),
        member(.lists, "sum", [.list([.int(1), .double(1)])], error: "no such overload"),
        member(.lists, "min", [ints(3, 1, 2)], .int(1)),
        member(.lists, "max", [ints(3, 1, 2)], .int(3)),
        member(.lists, "max", [strings("a", "c", "b")], .string("c")),
        member(.lists, "min", [.list([])], error: "min called on empty list"),
        member(.lists, "max", [.list([])], error: "max called on empty list"),
        member(.lists, "indexOf", [ints(1, 2, 2, 3), .int(2)], .int(1)),
        member(.lists, "indexOf", [.list([.double(1)]), .double(1.1)], .int(-1)),
        member(.lists, "indexOf", [.list([]), .string("x")], .int(-1)),
        member(.lists, "lastIndexOf", [strings("a", "b", "b", "c"), .string("b")], .int(2)),
        member(.lists, "lastIndexOf", [ints(1, 2, 2, 3), .double(2)], .int(2)),
    ]

    // MARK: Sets

    static let setCases: [Case] = [
        global(.sets, "sets.contains", [.list([]), .list([])], .bool(true)),
        global(.sets, "sets.contains", [.list([]), ints(1)], .bool(false)),
        global(.sets, "sets.contains", [ints(1, 2, 3, 4), ints(2, 3)], .bool(true)),
        global(
            .sets, "sets.contains", [.list([.int(1), .double(2), .uint(3)]), .list([.double(1), .uint(2), .int(3)])],
            .bool(true)),
        global(.sets, "sets.equivalent", [.list([]), .list([])], .bool(true)),
        global(.sets, "sets.equivalent", [ints(1), ints(1, 1)], .bool(true)),
        global(.sets, "sets.equivalent", [ints(1), .list([.uint(1), .double(1)])], .bool(true)),
        global(.sets, "sets.equivalent", [ints(1, 2), ints(1)], .bool(false)),
        global(.sets, "sets.intersects", [ints(1), .list([])], .bool(false)),
        global(.sets, "sets.intersects", [ints(1), ints(1, 2)], .bool(true)),
        global(
            .sets, "sets.intersects",
            [.list([ints(1), ints(2, 3)]), .list([ints(1, 2), .list([.int(2), .double(3)])])],
            .bool(true)),
        global(.sets, "sets.intersects", [ints(1), .int(1)], error: "no such overload"),
    ]

    // MARK: Optionals

    static let optionalCases: [Case] = [
        global(.optionals, "optional.of", [.null], .optional(.null)),
        global(.optionals, "optional.of", [.int(0)], .optional(.int(0))),
        global(.optionals, "optional.none", [], .optional(nil)),
        global(.optionals, "optional.ofNonZeroValue", [.int(42)], .optional(.int(42))),
        member(.optionals, "hasValue", [.optional(.int(1))], .bool(true)),
        member(.optionals, "hasValue", [.optional(nil)], .bool(false)),
        member(.optionals, "value", [.optional(.string("x"))], .string("x")),
        member(.optionals, "value", [.optional(nil)], error: "optional.none() dereference"),
        member(.optionals, "or", [.optional(nil), .optional(.int(2))], .optional(.int(2))),
        member(.optionals, "or", [.optional(.int(1)), .optional(.int(2))], .optional(.int(1))),
        member(.optionals, "or", [.optional(.int(1)), .int(2)], error: "no such overload"),
        member(.optionals, "orValue", [.optional(nil), .int(42)], .int(42)),
        member(.optionals, "orValue", [.optional(.int(1)), .int(42)], .int(1)),
    ]

    static let zeroValues: [Value] = [
        .null, .bool(false), .int(0), .uint(0), .double(0), .double(-0.0), .string(""), .bytes([]), .list([]),
        map([]), seconds(0), timestamp(0), .optional(nil),
    ]

    static let nonZeroValues: [Value] = [
        .bool(true), .int(-1), .uint(1), .double(0.5), .double(.nan), .string(" "), .bytes([0]), ints(0),
        map([(.int(0), .int(0))]), seconds(0, nanos: 1), timestamp(1), .optional(.int(0)), .type(.int),
    ]

    static let allCases: [Case] =
        stringCases + formatCases + mathCases + encoderCases + listCases + setCases + optionalCases

    @Test(arguments: allCases)
    func functionGivesExpectedResult(_ testCase: Case) {
        let result = testCase.library.invoke(testCase.function, member: testCase.member, testCase.arguments)
        switch testCase.expected {
        case .value(let expected):
            #expect(Self.identical(result, expected), "got \(Self.describe(result))")
        case .error(let message):
            guard case .error(let error) = result else {
                Issue.record("expected an error containing \"\(message)\", got \(Self.describe(result))")
                return
            }
            #expect(error.message.contains(message), "message was \"\(error.message)\"")
        }
    }

    @Test(arguments: zeroValues)
    func ofNonZeroValueIsNoneForZeroValues(_ value: Value) {
        let result = Library.optionals.invoke("optional.ofNonZeroValue", [value])
        #expect(Self.identical(result, .optional(nil)), "got \(Self.describe(result))")
    }

    @Test(arguments: nonZeroValues)
    func ofNonZeroValueKeepsOtherValues(_ value: Value) {
        let result = Library.optionals.invoke("optional.ofNonZeroValue", [value])
        #expect(Self.identical(result, .optional(value)), "got \(Self.describe(result))")
    }

    @Test func overloadIDsAreUniqueAcrossAllLibraries() {
        var seen: Set<String> = []
        var repeated: [String] = []
        for library in Library.standardLibraries + Library.extensionLibraries {
            for function in library.functions {
                for overload in function.overloads where !seen.insert(overload.id).inserted {
                    repeated.append(overload.id)
                }
            }
        }
        #expect(repeated.isEmpty, "repeated overload ids: \(repeated)")
    }

    @Test func everyExtensionFunctionIsDocumented() {
        for library in Library.extensionLibraries {
            for function in library.functions {
                #expect(!function.doc.isEmpty, "\(library.name).\(function.name) has no doc")
                #expect(!function.overloads.isEmpty, "\(library.name).\(function.name) has no overloads")
            }
        }
    }

    // MARK: Helpers

    /// Same value and same types throughout (so `1` is not `1u`), with NaN equal to NaN.
    static func identical(_ left: Value, _ right: Value) -> Bool {
        switch (left, right) {
        case (.double(let a), .double(let b)):
            return (a.isNaN && b.isNaN) || (a == b && a.sign == b.sign)
        case (.list(let a), .list(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { identical($0, $1) }
        case (.optional(let a), .optional(let b)):
            switch (a, b) {
            case (nil, nil): return true
            case (let x?, let y?): return identical(x, y)
            default: return false
            }
        case (.map(let a), .map(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a.entries {
                guard let other = b[key], identical(value, other) else { return false }
            }
            return true
        default:
            return left.celType == right.celType && left.celEquals(right)
        }
    }

    static func describe(_ value: Value) -> String {
        switch value {
        case .string(let s): return "'\(s)'"
        case .int(let i): return String(i)
        case .uint(let u): return "\(u)u"
        case .double(let d): return "\(d)"
        case .bytes(let bytes): return "b'\(String(decoding: bytes, as: UTF8.self))'"
        case .list(let elements): return "[" + elements.map(describe).joined(separator: ", ") + "]"
        case .optional(let wrapped): return wrapped.map { "optional.of(\(describe($0)))" } ?? "optional.none()"
        case .error(let error): return "error(\(error.message))"
        default: return "\(value)"
        }
    }
}
