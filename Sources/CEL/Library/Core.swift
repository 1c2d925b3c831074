import LinearRegex

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Library {
    /// Sizes, the string predicates, regular-expression matching, `dyn` and `type`.
    static let core = Library(
        name: "core",
        functions: [
            Function(
                "size", doc: "The number of code points in a string, bytes in bytes, or entries in a list or map.",
                overloads: [
                    .global("size_string", [.string], returns: .int, Sizes.size),
                    .global("size_bytes", [.bytes], returns: .int, Sizes.size),
                    .global("size_list", [.list(.parameter("A"))], returns: .int, Sizes.size),
                    .global("size_map", [.map(.parameter("K"), .parameter("V"))], returns: .int, Sizes.size),
                    .member("string_size", [.string], returns: .int, Sizes.size),
                    .member("bytes_size", [.bytes], returns: .int, Sizes.size),
                    .member("list_size", [.list(.parameter("A"))], returns: .int, Sizes.size),
                    .member("map_size", [.map(.parameter("K"), .parameter("V"))], returns: .int, Sizes.size),
                ]),
            Function(
                "contains", doc: "Tests whether a string contains the given substring.",
                overloads: [
                    .member("contains_string", [.string, .string], returns: .bool) { args in
                        guard case .string(let s) = args[0], case .string(let part) = args[1] else {
                            return .noSuchOverload
                        }
                        return .bool(UTF8Search.contains(s, part))
                    }
                ]),
            Function(
                "startsWith", doc: "Tests whether a string begins with the given prefix.",
                overloads: [
                    .member("starts_with_string", [.string, .string], returns: .bool) { args in
                        guard case .string(let s) = args[0], case .string(let prefix) = args[1] else {
                            return .noSuchOverload
                        }
                        return .bool(UTF8Search.hasPrefix(s, prefix))
                    }
                ]),
            Function(
                "endsWith", doc: "Tests whether a string ends with the given suffix.",
                overloads: [
                    .member("ends_with_string", [.string, .string], returns: .bool) { args in
                        guard case .string(let s) = args[0], case .string(let suffix) = args[1] else {
                            return .noSuchOverload
                        }
                        return .bool(UTF8Search.hasSuffix(s, suffix))
                    }
                ]),
            Function(
                "matches",
                doc: "Tests whether an RE2 regular expression matches any part of a string; anchor it with ^ and $.",
                overloads: [
                    .global(
                        "matches_string_string", [.string, .string], returns: .bool,
                        { args in
                            RegexLibrary.withPattern(args) { text, regex in RegexLibrary.matches(regex, text) }
                        }),
                    .member(
                        "matches_string", [.string, .string], returns: .bool,
                        { args in
                            RegexLibrary.withPattern(args) { text, regex in RegexLibrary.matches(regex, text) }
                        }),
                ]),
            Function(
                "dyn", doc: "Its argument, typed as dyn so that the checker defers type checks to run time.",
                overloads: [
                    .global("to_dyn", [.parameter("A")], returns: .dyn) { args in args[0] }
                ]),
            Function(
                "type", doc: "The type of a value, as a value.",
                overloads: [
                    .global("type", [.parameter("A")], returns: .type(.parameter("A"))) { args in
                        .type(args[0].celType)
                    }
                ]),
        ])
}

private enum Sizes {
    @Sendable static func size(_ args: Arguments) -> Value {
        switch args[0] {
        case .string(let s): return .int(Int64(s.unicodeScalars.count))
        case .bytes(let b): return .int(Int64(b.count))
        case .list(let l): return .int(Int64(l.count))
        case .map(let m): return .int(Int64(m.count))
        default: return .noSuchOverload
        }
    }
}

/// Substring search by code units: CEL compares strings by code points, without the
/// canonical equivalence and grapheme clustering that Swift's `String` methods apply.
enum UTF8Search {
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    /// Byte offset of the first occurrence of `needle` in `haystack`, searched in the strings' own
    /// bytes: policies call `contains` on every word of every script, so nothing is copied.
    static func firstOffset(of needle: String, in haystack: String) -> Int? {
        withBytes(needle) { pin in
            guard !pin.isEmpty else { return 0 }
            return withBytes(haystack) { text in SubstringSearch.firstOffset(of: pin, in: text) }
        }
    }

    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        withBytes(text) { bytes in
            withBytes(prefix) { start in
                guard start.count <= bytes.count else { return false }
                guard let base = bytes.baseAddress, let startBase = start.baseAddress else { return true }
                return memcmp(base, startBase, start.count) == 0
            }
        }
    }

    static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        withBytes(text) { bytes in
            withBytes(suffix) { end in
                guard end.count <= bytes.count else { return false }
                guard let base = bytes.baseAddress, let endBase = end.baseAddress else { return true }
                return memcmp(base + (bytes.count - end.count), endBase, end.count) == 0
            }
        }
    }

    /// The string's UTF-8 bytes, in place when they are contiguous (native and small strings).
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }
}
