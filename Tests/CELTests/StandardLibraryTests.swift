import Testing

@testable import CEL

/// One call of a standard-library function and what it must give.
struct StandardLibraryCase: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        case value(Value)
        /// An evaluation error whose message contains the text.
        case error(String)
    }

    var section: String
    var name: String
    var function: String
    var member: Bool
    var arguments: [Value]
    var expected: Expected

    var testDescription: String { "\(section)/\(name)" }

    init(
        _ section: String, _ name: String, _ function: String, member: Bool = false, _ arguments: [Value],
        _ expected: Value
    ) {
        self.section = section
        self.name = name
        self.function = function
        self.member = member
        self.arguments = arguments
        self.expected = .value(expected)
    }

    init(
        _ section: String, _ name: String, _ function: String, member: Bool = false, _ arguments: [Value],
        error: String
    ) {
        self.section = section
        self.name = name
        self.function = function
        self.member = member
        self.arguments = arguments
        self.expected = .error(error)
    }
}

struct StandardLibraryTests {
    /// Every standard library merged, so `_-_` finds the time overloads too.
    static let standard = Library(name: "standard", functions: Library.standardLibraries.flatMap(\.functions))

    static func timestamp(_ text: String) -> Value { standard.invoke("timestamp", [.string(text)]) }
    static func duration(_ text: String) -> Value { standard.invoke("duration", [.string(text)]) }
    static func bytes(_ text: String) -> Value { .bytes(Array(text.utf8)) }
    static func map(_ entries: [(MapKey, Value)]) -> Value { .map(MapValue(entries: entries) ?? MapValue()) }

    /// Same type and equal value; NaN matches NaN and the sign of zero counts.
    static func same(_ a: Value, _ b: Value) -> Bool {
        if case .double(let x) = a, case .double(let y) = b {
            return (x.isNaN && y.isNaN) || (x == y && x.sign == y.sign)
        }
        return a.celType.runtimeName == b.celType.runtimeName && a.celEquals(b)
    }

    static let arithmetic: [StandardLibraryCase] = [
        .init("arithmetic", "add_int", "_+_", [.int(40), .int(2)], .int(42)),
        .init("arithmetic", "add_int_overflow", "_+_", [.int(.max), .int(1)], error: "overflow"),
        .init("arithmetic", "add_int_negative_overflow", "_+_", [.int(.min), .int(-1)], error: "overflow"),
        .init("arithmetic", "sub_int_overflow", "_-_", [.int(.min), .int(1)], error: "overflow"),
        .init("arithmetic", "sub_int_positive_overflow", "_-_", [.int(1), .int(-Int64.max)], error: "overflow"),
        .init("arithmetic", "mul_int_overflow", "_*_", [.int(5_000_000_000), .int(5_000_000_000)], error: "overflow"),
        .init("arithmetic", "mul_int_min_by_minus_one", "_*_", [.int(.min), .int(-1)], error: "overflow"),
        .init("arithmetic", "div_int_min_by_minus_one", "_/_", [.int(.min), .int(-1)], error: "overflow"),
        .init("arithmetic", "negate_int_min", "-_", [.int(.min)], error: "overflow"),
        .init("arithmetic", "add_uint_overflow", "_+_", [.uint(.max), .uint(1)], error: "overflow"),
        .init("arithmetic", "sub_uint_below_zero", "_-_", [.uint(0), .uint(1)], error: "overflow"),
        .init(
            "arithmetic", "mul_uint_overflow", "_*_", [.uint(5_000_000_000), .uint(5_000_000_000)], error: "overflow"),
        .init("arithmetic", "div_int_truncates", "_/_", [.int(-7), .int(2)], .int(-3)),
        .init("arithmetic", "div_uint", "_/_", [.uint(60), .uint(2)], .uint(30)),
        .init("arithmetic", "div_int_by_zero", "_/_", [.int(15), .int(0)], error: "divide by zero"),
        .init("arithmetic", "div_uint_by_zero", "_/_", [.uint(15), .uint(0)], error: "divide by zero"),
        .init("arithmetic", "mod_sign_of_dividend", "_%_", [.int(43), .int(-5)], .int(3)),
        .init("arithmetic", "mod_negative_dividend", "_%_", [.int(-3), .int(5)], .int(-3)),
        .init("arithmetic", "mod_by_zero", "_%_", [.int(34), .int(0)], error: "modulus by zero"),
        .init("arithmetic", "mod_uint_by_zero", "_%_", [.uint(34), .uint(0)], error: "modulus by zero"),
        .init("arithmetic", "mod_double_unsupported", "_%_", [.double(47.5), .double(5.5)], error: "no such overload"),
        .init("arithmetic", "negate_uint_unsupported", "-_", [.uint(5)], error: "no such overload"),
        .init("arithmetic", "mixed_types_unsupported", "_+_", [.int(1), .uint(1)], error: "no such overload"),
        .init("arithmetic", "negate_double_zero", "-_", [.double(0)], .double(-0.0)),
        .init("arithmetic", "div_double_by_zero", "_/_", [.double(15.75), .double(0)], .double(.infinity)),
        .init("arithmetic", "mul_double_overflow", "_*_", [.double(2), .double(-8.988466e307)], .double(-.infinity)),
        .init("arithmetic", "concat_string", "_+_", [.string("r"), .string("ôle")], .string("rôle")),
        .init("arithmetic", "concat_bytes", "_+_", [bytes("abc"), bytes("def")], bytes("abcdef")),
        .init(
            "arithmetic", "concat_list", "_+_", [.list([.int(1)]), .list([.string("a")])],
            .list([.int(1), .string("a")])),
        .init("arithmetic", "not", "!_", [.bool(true)], .bool(false)),
        .init("arithmetic", "not_int_unsupported", "!_", [.int(0)], error: "no such overload"),
    ]

    static let equality: [StandardLibraryCase] = [
        .init("equality", "int_uint", "_==_", [.int(1), .uint(1)], .bool(true)),
        .init("equality", "int_double", "_==_", [.int(1), .double(1)], .bool(true)),
        .init("equality", "uint_double_differ", "_==_", [.uint(2), .double(1)], .bool(false)),
        .init("equality", "nan", "_==_", [.double(.nan), .double(.nan)], .bool(false)),
        .init("equality", "nan_not_equal", "_!=_", [.double(.nan), .double(.nan)], .bool(true)),
        .init(
            "equality", "no_normalisation", "_==_", [.string("Am\u{E9}lie"), .string("Ame\u{301}lie")], .bool(false)),
        .init("equality", "kinds_differ", "_==_", [.bool(false), .null], .bool(false)),
        .init("equality", "null", "_==_", [.null, .null], .bool(true)),
        .init(
            "equality", "list_numbers", "_==_", [.list([.double(1), .double(2)]), .list([.uint(1), .int(2)])],
            .bool(true)),
        .init("equality", "list_length", "_==_", [.list([.string("one")]), .list([.int(2), .int(3)])], .bool(false)),
        .init(
            "equality", "map_key_order", "_==_",
            [
                map([(.string("a"), .string("b")), (.string("c"), .string("d"))]),
                map([(.string("c"), .string("d")), (.string("a"), .string("b"))]),
            ], .bool(true)),
        .init(
            "equality", "map_numeric_keys", "_==_", [map([(.int(1), .int(1))]), map([(.uint(1), .double(1))])],
            .bool(true)),
        .init(
            "equality", "map_value_differs", "_==_",
            [
                map([(.string("k"), .string("v")), (.int(1), .int(1))]),
                map([(.string("k"), .string("v")), (.int(1), .string("v1"))]),
            ], .bool(false)),
        .init("equality", "types_by_name", "_==_", [.type(.list(.int)), .type(.list(.string))], .bool(true)),
        .init("equality", "types_differ", "_==_", [.type(.int), .type(.uint)], .bool(false)),
        .init("equality", "optional_none", "_==_", [.optional(nil), .optional(nil)], .bool(true)),
        .init("equality", "optional_some", "_==_", [.optional(.int(1)), .optional(.uint(1))], .bool(true)),
        .init("equality", "optional_some_none", "_==_", [.optional(.int(1)), .optional(nil)], .bool(false)),
        .init("equality", "durations", "_==_", [duration("60s"), duration("1m")], .bool(true)),
    ]

    static let ordering: [StandardLibraryCase] = [
        .init("ordering", "negative_zero", "_<_", [.double(-0.0), .double(0)], .bool(false)),
        .init("ordering", "string_case", "_<_", [.string("a"), .string("AB")], .bool(false)),
        .init("ordering", "string_code_points", "_<=_", [.string("α"), .string("a")], .bool(false)),
        .init("ordering", "bytes_by_value", "_<_", [bytes("á"), bytes("b")], .bool(false)),
        .init("ordering", "bytes_length", "_>_", [bytes(" "), bytes("")], .bool(true)),
        .init("ordering", "bool", "_<_", [.bool(false), .bool(true)], .bool(true)),
        .init("ordering", "null_unsupported", "_>_", [.null, .null], error: "no such overload"),
        .init("ordering", "list_unsupported", "_>=_", [.list([]), .list([])], error: "no such overload"),
        .init("ordering", "mixed_unsupported", "_>_", [.string("foo"), .int(1024)], error: "no such overload"),
        .init("ordering", "int_big_uint", "_<_", [.int(1), .uint(9_223_372_036_854_775_808)], .bool(true)),
        .init("ordering", "negative_int_uint", "_>_", [.int(-1), .uint(0)], .bool(false)),
        .init("ordering", "uint_min_int", "_<=_", [.uint(1), .int(.min)], .bool(false)),
        .init("ordering", "int_lossy_double", "_<_", [.int(.max), .double(9_223_372_036_854_775_808.0)], .bool(false)),
        .init("ordering", "int_fraction", "_<_", [.int(-2), .double(-1.5)], .bool(true)),
        .init("ordering", "uint_negative_double", "_<=_", [.uint(.max), .double(-1)], .bool(false)),
        .init("ordering", "nan_is_unordered", "_<_", [.double(.nan), .double(1)], .bool(false)),
        .init("ordering", "nan_against_int", "_>=_", [.double(.nan), .int(1)], .bool(false)),
        .init(
            "ordering", "timestamps", "_<_",
            [timestamp("2009-02-13T23:00:00Z"), timestamp("2009-03-13T23:00:00Z")], .bool(true)),
        .init("ordering", "durations", "_>=_", [duration("120s"), duration("200s")], .bool(false)),
    ]

    static let indexing: [StandardLibraryCase] = [
        .init("index", "list_int", "_[_]", [.list([.int(7), .int(8)]), .int(1)], .int(8)),
        .init("index", "list_uint", "_[_]", [.list([.int(7), .int(8)]), .uint(0)], .int(7)),
        .init("index", "list_integral_double", "_[_]", [.list([.int(7), .int(8)]), .double(0)], .int(7)),
        .init(
            "index", "list_fractional_double", "_[_]", [.list([.int(7)]), .double(0.1)], error: "invalid list index"),
        .init("index", "list_out_of_bounds", "_[_]", [.list([.int(7)]), .int(1)], error: "index out of bounds"),
        .init("index", "list_negative", "_[_]", [.list([.int(7)]), .int(-1)], error: "index out of bounds"),
        .init("index", "list_string_index", "_[_]", [.list([.int(7)]), .string("")], error: "no such overload"),
        .init("index", "map_numeric_key", "_[_]", [map([(.int(1), .string("a"))]), .uint(1)], .string("a")),
        .init("index", "map_double_key", "_[_]", [map([(.uint(1), .string("a"))]), .double(1)], .string("a")),
        .init(
            "index", "map_missing_key", "_[_]", [map([(.int(1), .string("a"))]), .string("b")],
            error: "no such key: \"b\""),
        .init("in", "double_in_ints", "@in", [.double(3), .list([.int(5), .int(3)])], .bool(true)),
        .init("in", "cross_type", "@in", [.string("elem"), .list([.uint(1), .string("str")])], .bool(false)),
        .init("in", "map_key", "@in", [.int(1), map([(.uint(1), .string("s"))])], .bool(true)),
        .init("in", "map_other_kind", "@in", [.string("key"), map([(.uint(1), .string("s"))])], .bool(false)),
    ]

    static let core: [StandardLibraryCase] = [
        .init("size", "string_code_points", "size", [.string("πέντε")], .int(5)),
        .init("size", "combining_mark_counts", "size", member: true, [.string("e\u{301}")], .int(2)),
        .init("size", "bytes", "size", [bytes("abc")], .int(3)),
        .init("size", "list", "size", member: true, [.list([.int(1), .int(2)])], .int(2)),
        .init("size", "map", "size", [map([(.int(1), .int(1))])], .int(1)),
        .init("size", "int_unsupported", "size", [.int(1)], error: "no such overload"),
        .init("strings", "starts_with", "startsWith", member: true, [.string("🐱😀"), .string("🐱")], .bool(true)),
        .init(
            "strings", "starts_with_code_points", "startsWith", member: true, [.string("e\u{301}"), .string("e")],
            .bool(true)),
        .init(
            "strings", "starts_with_empty_target", "startsWith", member: true, [.string(""), .string("x")],
            .bool(false)),
        .init("strings", "ends_with", "endsWith", member: true, [.string("forté"), .string("té")], .bool(true)),
        .init("strings", "ends_with_empty", "endsWith", member: true, [.string("foo"), .string("")], .bool(true)),
        .init("strings", "contains", "contains", member: true, [.string("abababc"), .string("ababc")], .bool(true)),
        .init("strings", "contains_false", "contains", member: true, [.string("hello"), .string("ol")], .bool(false)),
        .init("strings", "contains_empty", "contains", member: true, [.string(""), .string("")], .bool(true)),
        .init("matches", "substring", "matches", member: true, [.string("hubba"), .string("ubb")], .bool(true)),
        .init("matches", "global", "matches", [.string(""), .string("foo|bar")], .bool(false)),
        .init("matches", "anchored", "matches", member: true, [.string("banana"), .string("^ba(na)*$")], .bool(true)),
        .init("matches", "astral", "matches", member: true, [.string("🐱😀😀"), .string("(a|😀){2}")], .bool(true)),
        .init(
            "matches", "invalid_pattern", "matches", member: true, [.string("x"), .string("a(")],
            error: "invalid regular expression"),
        .init("type", "dyn_identity", "dyn", [.int(3)], .int(3)),
        .init("type", "list", "type", [.list([.int(1)])], .type(.list(.dyn))),
        .init("type", "type_of_type", "type", [.type(.int)], .type(.type(nil))),
        .init("type", "timestamp", "type", [timestamp("2009-02-13T23:31:30Z")], .type(.timestamp)),
    ]

    static let conversions: [StandardLibraryCase] = [
        .init("int", "uint", "int", [.uint(42)], .int(42)),
        .init("int", "uint_range", "int", [.uint(.max)], error: "range"),
        .init("int", "double_truncates", "int", [.double(-7.9)], .int(-7)),
        .init("int", "double_max_range", "int", [.double(9_223_372_036_854_775_807.0)], error: "range"),
        .init("int", "double_min_range", "int", [.double(-9_223_372_036_854_775_808.0)], error: "range"),
        .init("int", "double_nan", "int", [.double(.nan)], error: "range"),
        .init("int", "string", "int", [.string("-987")], .int(-987)),
        .init("int", "string_min", "int", [.string("-9223372036854775808")], .int(.min)),
        .init("int", "string_overflow", "int", [.string("9223372036854775808")], error: "cannot convert"),
        .init("int", "string_underscore", "int", [.string("1_000")], error: "cannot convert"),
        .init("int", "string_space", "int", [.string(" 1")], error: "cannot convert"),
        .init("int", "timestamp", "int", [timestamp("2009-02-13T23:31:30Z")], .int(1_234_567_890)),
        .init("int", "timestamp_before_epoch", "int", [timestamp("1969-12-31T23:59:59Z")], .int(-1)),
        .init("uint", "int", "uint", [.int(1729)], .uint(1729)),
        .init("uint", "negative_int", "uint", [.int(-1)], error: "range"),
        .init("uint", "double_truncates", "uint", [.double(25.5)], .uint(25)),
        .init("uint", "double_range", "uint", [.double(6.022e23)], error: "range"),
        .init("uint", "negative_fraction", "uint", [.double(-0.5)], error: "range"),
        .init("uint", "string", "uint", [.string("300")], .uint(300)),
        .init("uint", "string_sign", "uint", [.string("+1")], error: "cannot convert"),
        .init("double", "int_range", "double", [.int(.max)], .double(9.223372036854776e18)),
        .init("double", "string_negative_zero", "double", [.string("-0.0")], .double(-0.0)),
        .init("double", "string_exponent", "double", [.string("-84.32e7")], .double(-843_200_000)),
        .init("double", "string_nan", "double", [.string("NaN")], .double(.nan)),
        .init("double", "string_negative_infinity", "double", [.string("-inf")], .double(-.infinity)),
        .init("double", "string_too_large", "double", [.string("1e400")], error: "cannot convert"),
        .init("double", "string_hex", "double", [.string("0x1p3")], error: "cannot convert"),
        .init("string", "int", "string", [.int(-456)], .string("-456")),
        .init("string", "uint", "string", [.uint(9876)], .string("9876")),
        .init("string", "double", "string", [.double(123.456)], .string("123.456")),
        .init("string", "double_small", "string", [.double(-4.5e-3)], .string("-0.0045")),
        .init("string", "double_million", "string", [.double(1e6)], .string("1e+06")),
        .init("string", "double_whole", "string", [.double(123_456)], .string("123456")),
        .init("string", "double_tiny", "string", [.double(1.5e-7)], .string("1.5e-07")),
        .init("string", "double_negative_zero", "string", [.double(-0.0)], .string("-0")),
        .init("string", "double_infinity", "string", [.double(.infinity)], .string("+Inf")),
        .init("string", "bool", "string", [.bool(true)], .string("true")),
        .init("string", "bytes", "string", [.bytes([0xC3, 0xBF])], .string("ÿ")),
        .init("string", "bytes_invalid", "string", [.bytes([0x00, 0xFF])], error: "invalid UTF-8"),
        .init("string", "bytes_surrogate", "string", [.bytes([0xED, 0xA0, 0x80])], error: "invalid UTF-8"),
        .init(
            "string", "timestamp_nanos", "string", [timestamp("9999-12-31T23:59:59.999999999Z")],
            .string("9999-12-31T23:59:59.999999999Z")),
        .init(
            "string", "timestamp_minimal_fraction", "string", [timestamp("0001-01-01T00:00:00.010Z")],
            .string("0001-01-01T00:00:00.01Z")),
        .init("string", "duration", "string", [duration("1h2m3.5s")], .string("3723.5s")),
        .init("string", "duration_negative", "string", [duration("-1ns")], .string("-0.000000001s")),
        .init("bytes", "string", "bytes", [.string("ÿ")], .bytes([0xC3, 0xBF])),
        .init("bool", "one", "bool", [.string("1")], .bool(true)),
        .init("bool", "capitalised", "bool", [.string("False")], .bool(false)),
        .init("bool", "mixed_case", "bool", [.string("TrUe")], error: "cannot convert"),
        .init(
            "timestamp", "offset", "timestamp", [.string("1972-01-01T10:00:20.021-05:00")],
            timestamp("1972-01-01T15:00:20.021Z")),
        .init("timestamp", "unix_seconds", "timestamp", [.int(1_000_000_000)], timestamp("2001-09-09T01:46:40Z")),
        .init("timestamp", "int_under", "timestamp", [.int(-62_135_596_801)], error: "range"),
        .init("timestamp", "int_over", "timestamp", [.int(253_402_300_800)], error: "range"),
        .init("timestamp", "string_under", "timestamp", [.string("0000-01-01T00:00:00Z")], error: "range"),
        .init("timestamp", "invalid_date", "timestamp", [.string("2009-02-30T00:00:00Z")], error: "invalid"),
        .init("timestamp", "missing_offset", "timestamp", [.string("2009-02-13T23:31:30")], error: "invalid"),
        .init("duration", "units", "duration", [.string("1.5h")], duration("5400s")),
        .init("duration", "microseconds", "duration", [.string("2µs")], duration("0.000002s")),
        .init("duration", "missing_unit", "duration", [.string("5")], error: "invalid"),
        .init("duration", "unknown_unit", "duration", [.string("1d")], error: "invalid"),
        .init("duration", "over", "duration", [.string("320000000000s")], error: "range"),
    ]

    static let time: [StandardLibraryCase] = {
        let moment = timestamp("2009-02-13T23:31:30Z")
        return [
            .init(
                "time", "add_duration", "_+_", [timestamp("2009-02-13T23:00:00Z"), duration("240s")],
                timestamp("2009-02-13T23:04:00Z")),
            .init(
                "time", "add_to_duration", "_+_", [duration("120s"), timestamp("2009-02-13T23:01:00Z")],
                timestamp("2009-02-13T23:03:00Z")),
            .init(
                "time", "add_negative_nanos", "_+_",
                [timestamp("0001-01-01T00:00:01.000000001Z"), duration("-999999999ns")],
                timestamp("0001-01-01T00:00:00.000000002Z")),
            .init(
                "time", "subtract_duration", "_-_", [timestamp("2009-02-13T23:10:00Z"), duration("600s")],
                timestamp("2009-02-13T23:00:00Z")),
            .init(
                "time", "subtract_timestamps", "_-_",
                [timestamp("2009-02-13T23:31:00Z"), timestamp("2009-02-13T23:29:00Z")], duration("120s")),
            .init("time", "subtract_durations", "_-_", [duration("900s"), duration("42s")], duration("858s")),
            .init("time", "add_under", "_+_", [timestamp("0001-01-01T00:00:00Z"), duration("-1ns")], error: "range"),
            .init(
                "time", "add_over", "_+_", [timestamp("9999-12-31T23:59:59.999999999Z"), duration("1ns")],
                error: "range"),
            .init(
                "time", "timestamps_too_far_apart", "_-_",
                [timestamp("9999-12-31T23:59:59Z"), timestamp("0001-01-01T00:00:00Z")], error: "range"),
            .init(
                "time", "durations_over", "_+_", [duration("5000000000s"), duration("5000000000s")],
                error: "range"),
            .init("accessors", "date", "getDate", member: true, [moment], .int(13)),
            .init("accessors", "day_of_month", "getDayOfMonth", member: true, [moment], .int(12)),
            .init("accessors", "day_of_week", "getDayOfWeek", member: true, [moment], .int(5)),
            .init("accessors", "day_of_year", "getDayOfYear", member: true, [moment], .int(43)),
            .init("accessors", "full_year", "getFullYear", member: true, [moment], .int(2009)),
            .init("accessors", "hours", "getHours", member: true, [moment], .int(23)),
            .init("accessors", "minutes", "getMinutes", member: true, [moment], .int(31)),
            .init("accessors", "month", "getMonth", member: true, [moment], .int(1)),
            .init("accessors", "seconds", "getSeconds", member: true, [moment], .int(30)),
            .init(
                "accessors", "milliseconds", "getMilliseconds", member: true,
                [timestamp("2009-02-13T23:31:20.123456789Z")], .int(123)),
            .init(
                "accessors", "leap_year_last_day", "getDayOfYear", member: true,
                [timestamp("2024-12-31T12:00:00Z")], .int(365)),
            .init(
                "accessors", "first_day_is_monday", "getDayOfWeek", member: true,
                [timestamp("0001-01-01T00:00:00Z")], .int(1)),
            .init("zones", "iana_name", "getDate", member: true, [moment, .string("Australia/Sydney")], .int(14)),
            .init(
                "zones", "iana_half_hour", "getDayOfMonth", member: true,
                [timestamp("2009-02-13T02:00:00Z"), .string("America/St_Johns")], .int(11)),
            .init(
                "zones", "iana_quarter_hour", "getMinutes", member: true, [moment, .string("Asia/Kathmandu")],
                .int(16)),
            .init(
                "zones", "daylight_saving", "getHours", member: true,
                [timestamp("2024-07-01T12:00:00Z"), .string("America/Los_Angeles")], .int(5)),
            .init(
                "zones", "standard_time", "getHours", member: true,
                [timestamp("2024-01-01T12:00:00Z"), .string("America/Los_Angeles")], .int(4)),
            .init("zones", "fixed_positive", "getDayOfMonth", member: true, [moment, .string("+11:00")], .int(13)),
            .init(
                "zones", "fixed_negative", "getDayOfMonth", member: true,
                [timestamp("2009-02-13T02:00:00Z"), .string("-02:30")], .int(11)),
            .init("zones", "fixed_unsigned", "getHours", member: true, [moment, .string("02:00")], .int(1)),
            .init("zones", "fixed_negative_zero", "getSeconds", member: true, [moment, .string("-00:00")], .int(30)),
            .init("zones", "utc", "getDayOfWeek", member: true, [moment, .string("UTC")], .int(5)),
            .init(
                "zones", "unknown", "getHours", member: true, [moment, .string("Mars/Olympus")],
                error: "unknown time zone"),
            .init(
                "zones", "malformed_offset", "getHours", member: true, [moment, .string("+5:00")],
                error: "unknown time zone"),
            .init("durations", "hours", "getHours", member: true, [duration("10000s")], .int(2)),
            .init("durations", "minutes", "getMinutes", member: true, [duration("3730s")], .int(62)),
            .init("durations", "seconds", "getSeconds", member: true, [duration("3730s")], .int(3730)),
            .init(
                "durations", "milliseconds", "getMilliseconds", member: true, [duration("123.321456789s")],
                .int(321)),
            .init("durations", "negative_hours", "getHours", member: true, [duration("-10000s")], .int(-2)),
        ]
    }()

    @Test(arguments: arithmetic + equality + ordering + indexing + core + conversions + time)
    func functionGivesExpectedResult(_ test: StandardLibraryCase) {
        let result = Self.standard.invoke(test.function, member: test.member, test.arguments)
        switch test.expected {
        case .value(let expected):
            #expect(Self.same(result, expected), "got \(result)")
        case .error(let text):
            guard case .error(let error) = result else {
                Issue.record("expected an error containing \"\(text)\", got \(result)")
                return
            }
            #expect(error.message.contains(text), "message: \(error.message)")
        }
    }

    @Test func everyOverloadIdIsUnique() {
        let ids = Library.standardLibraries.flatMap(\.functions).flatMap(\.overloads).map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test func calendarFieldsRoundTripAcrossTheWholeRange() {
        var seconds = Timestamp.minSeconds
        while seconds <= Timestamp.maxSeconds {
            let fields = Timestamp.fields(unixSeconds: seconds)
            let days = Timestamp.daysSinceEpoch(year: fields.year, month: fields.month, day: fields.day)
            #expect(days * 86_400 + fields.hour * 3_600 + fields.minute * 60 + fields.second == seconds)
            seconds += 86_399 * 11 + 12_345
        }
    }

    @Test func timestampTextRoundTrips() {
        for text in [
            "0001-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "2000-02-29T06:30:00.000000001Z",
            "9999-12-31T23:59:59.999999999Z",
        ] {
            guard case .valid(let timestamp) = Timestamp.parse(text) else {
                Issue.record("\(text) did not parse")
                continue
            }
            #expect(timestamp.rfc3339 == text)
        }
    }

    @Test func equalityAgreesWithOrdering() {
        let values: [Value] = [
            .int(-1), .int(0), .int(1), .int(.max), .int(.min), .uint(0), .uint(1), .uint(.max), .double(-1),
            .double(0), .double(0.5), .double(1), .double(9.223372036854775808e18), .double(.nan),
        ]
        for a in values {
            for b in values {
                #expect(a.celEquals(b) == (a.celCompare(b) == .equal), "\(a) vs \(b)")
                #expect(a.celCompare(b) == b.celCompare(a).map(\.reversed), "\(a) vs \(b)")
            }
        }
    }

    @Test func patternCacheServesConcurrentCallers() async {
        // More distinct patterns than the cache holds, so tasks race on eviction too.
        let patterns = (0..<(RegexLibrary.cache.capacity * 2)).map { "^x\($0)$" }
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for (index, pattern) in patterns.enumerated() {
                        let subject = index % 8 == worker ? "x\(index)" : "y"
                        let result = Self.standard.invoke("matches", [.string(subject), .string(pattern)])
                        guard case .bool(let matched) = result, matched == (subject != "y") else {
                            wrong += 1
                            continue
                        }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }
}
