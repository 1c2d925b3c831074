import LinearRegex
import Synchronization

extension Library {
    /// The Kubernetes regex library: `find` and `findAll` on strings, with RE2 syntax.
    ///
    /// Patterns are compiled by `LinearRegex`, so a search takes time linear in the string
    /// whatever the pattern. Compiled patterns are cached; a pattern that does not compile is an
    /// evaluation error.
    public static let regex = Library(
        name: "kubernetes.regex",
        functions: [
            Function(
                "find",
                doc: "Returns the first substring that matches the pattern, or the empty string if none does.",
                overloads: [
                    .member("find_string", [.string, .string], returns: .string) { args in
                        RegexLibrary.withPattern(args) { text, regex in RegexLibrary.find(regex, in: text) }
                    }
                ]),
            Function(
                "findAll",
                doc: """
                    Returns the non-overlapping substrings that match the pattern, left to right; \
                    with a limit of zero or more, at most that many.
                    """,
                overloads: [
                    .member("find_all_string", [.string, .string], returns: .list(.string)) { args in
                        RegexLibrary.withPattern(args) { text, regex in RegexLibrary.findAll(regex, in: text, limit: -1)
                        }
                    },
                    .member("find_all_string_int", [.string, .string, .int], returns: .list(.string)) { args in
                        guard case .int(let limit) = args[2] else { return .noSuchOverload }
                        return RegexLibrary.withPattern(args) { text, regex in
                            RegexLibrary.findAll(regex, in: text, limit: limit)
                        }
                    },
                ]),
        ])
}

/// The implementation of `Library.regex`, and of `matches()` in the core library.
enum RegexLibrary {
    /// Patterns given at evaluation time (not constants in the expression) are compiled once
    /// and shared here. Constant patterns are compiled when the expression is checked instead
    /// (see `precompiledForms`), so they never touch this lock.
    static let cache = RegexCache(capacity: 256)

    static func compiled(_ pattern: String) -> Result<RegularExpression, EvalError> {
        cache.compiled(pattern).mapError { EvalError($0.message) }
    }

    static func matches(_ regex: RegularExpression, _ text: String) -> Value {
        .bool(regex.isMatch(text))
    }

    static func find(_ regex: RegularExpression, in text: String) -> Value {
        let bytes = Array(text.utf8)
        guard let match = regex.firstMatch(in: bytes) else { return .string("") }
        return .string(substring(bytes, match.range))
    }

    /// A negative limit means no limit; a zero limit gives an empty list (as Go's `FindAllString`).
    static func findAll(_ regex: RegularExpression, in text: String, limit: Int64) -> Value {
        if limit == 0 { return .list([]) }
        let bytes = Array(text.utf8)
        let cap = limit < 0 ? Int.max : Int(clamping: limit)
        return .list(regex.matches(in: bytes, limit: cap).map { .string(substring(bytes, $0.range)) })
    }

    /// Runs `body` with the compiled pattern of argument 1, or returns the compile error.
    static func withPattern(_ args: Arguments, _ body: (String, RegularExpression) -> Value) -> Value {
        guard case .string(let text) = args[0], case .string(let pattern) = args[1] else { return .noSuchOverload }
        switch compiled(pattern) {
        case .success(let regex): return body(text, regex)
        case .failure(let error): return .error(error)
        }
    }

    /// For each overload whose second argument is a pattern: the same function with the pattern
    /// already compiled. The checker uses these when the pattern is a constant, so that a bad
    /// pattern is a compile error and evaluation takes no lock.
    static let precompiledForms: [String: @Sendable (RegularExpression) -> @Sendable (Arguments) -> Value] = [
        "matches_string_string": { regex in { args in text(args).map { matches(regex, $0) } ?? .noSuchOverload } },
        "matches_string": { regex in { args in text(args).map { matches(regex, $0) } ?? .noSuchOverload } },
        "find_string": { regex in { args in text(args).map { find(regex, in: $0) } ?? .noSuchOverload } },
        "find_all_string": { regex in
            { args in text(args).map { findAll(regex, in: $0, limit: -1) } ?? .noSuchOverload }
        },
        "find_all_string_int": { regex in
            { args in
                guard let text = text(args), case .int(let limit) = args[2] else { return .noSuchOverload }
                return findAll(regex, in: text, limit: limit)
            }
        },
    ]

    private static func text(_ args: Arguments) -> String? {
        if case .string(let text) = args[0] { return text }
        return nil
    }

    private static func substring(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let upper = min(max(range.upperBound, lower), bytes.count)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}

/// The reason a pattern did not compile, kept in the cache so a bad pattern is not recompiled
/// on every evaluation.
struct RegexCompileFailure: Error, Sendable {
    var message: String
}

/// Compiled patterns by source text, shared by every evaluation. Bounded: when full, the oldest
/// half of the entries is dropped. Patterns longer than `maxPatternLength` are compiled but not
/// kept, so a few huge patterns cannot pin memory.
final class RegexCache: Sendable {
    private struct State {
        var entries: [String: Result<RegularExpression, RegexCompileFailure>] = [:]
        /// Keys in insertion order, for eviction.
        var order: [String] = []
    }

    let capacity: Int
    let maxPatternLength = 4096
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
    }

    var count: Int { state.withLock { $0.entries.count } }

    func compiled(_ pattern: String) -> Result<RegularExpression, RegexCompileFailure> {
        if let found = state.withLock({ $0.entries[pattern] }) { return found }
        // Compile outside the lock: compiling can take a while and other patterns need not wait.
        let result: Result<RegularExpression, RegexCompileFailure>
        do {
            result = .success(try RegularExpression(pattern))
        } catch {
            result = .failure(
                RegexCompileFailure(
                    message: "invalid regular expression '\(Self.excerpt(pattern))': \(error.reason) "
                        + "(at byte \(error.offset) of the pattern)"))
        }
        guard pattern.utf8.count <= maxPatternLength else { return result }
        state.withLock { state in
            guard state.entries[pattern] == nil else { return }
            if state.entries.count >= capacity {
                let dropped = max(capacity / 2, 1)
                for key in state.order.prefix(dropped) { state.entries[key] = nil }
                state.order.removeFirst(min(dropped, state.order.count))
            }
            state.entries[pattern] = result
            state.order.append(pattern)
        }
        return result
    }

    /// At most 64 scalars of a pattern, for error messages.
    static func excerpt(_ pattern: String) -> String {
        let scalars = pattern.unicodeScalars
        guard scalars.count > 64 else { return pattern }
        return String(String.UnicodeScalarView(scalars.prefix(64))) + "…"
    }
}
