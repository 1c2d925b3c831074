/// A compiled RE2-syntax regular expression. Searching takes time linear in the haystack,
/// whatever the pattern: there is no backtracking anywhere in this library.
///
/// Offsets are byte offsets into the UTF-8 haystack. The value is immutable and `Sendable`;
/// compile once and search from as many tasks as you like.
public struct RegularExpression: Sendable {
    /// The pattern as written.
    public let pattern: String
    public let options: RegexOptions
    let engine: SearchEngine

    public init(_ pattern: String, options: RegexOptions = RegexOptions()) throws(RegexSyntaxError) {
        self.pattern = pattern
        self.options = options
        let parsed = try Parser.parse(pattern, options: options)
        engine = try SearchEngine(patterns: [parsed], options: options, source: pattern)
    }

    /// Compiles a pattern given as raw bytes (for example read from a rules file); bytes that are
    /// not valid UTF-8 are a compile error at their offset.
    public init(utf8 pattern: [UInt8], options: RegexOptions = RegexOptions()) throws(RegexSyntaxError) {
        self.pattern = String(decoding: pattern, as: UTF8.self)
        self.options = options
        let parsed = try Parser.parse(bytes: pattern, options: options)
        engine = try SearchEngine(patterns: [parsed], options: options, source: self.pattern)
    }

    /// Number of groups, counting group 0 (the whole match).
    public var captureCount: Int { engine.captureCount }

    /// Name of each group by index (`nil` for group 0 and unnamed groups).
    public var captureNames: [String?] { engine.captureNames }

    /// Index of the group called `name`, if there is one.
    public func index(ofGroupNamed name: String) -> Int? { engine.captureNames.firstIndex(of: name) }

    // MARK: Searching raw bytes

    /// Whether the pattern matches anywhere in `haystack[range]` (bytes outside the range are
    /// still context for `^`, `$`, `\b`).
    public func isMatch(in haystack: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, anchored: Bool = false)
        -> Bool
    {
        engine.isMatch(haystack, bounds: range ?? 0..<haystack.count, anchored: anchored)
    }

    /// Where the leftmost-first match lies, without capture groups (the fastest full search).
    public func firstMatchRange(
        in haystack: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, anchored: Bool = false
    ) -> Range<Int>? {
        engine.findRange(haystack, bounds: range ?? 0..<haystack.count, anchored: anchored)
    }

    /// The leftmost-first match with its capture groups.
    public func firstMatch(in haystack: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, anchored: Bool = false)
        -> RegexMatch?
    {
        engine.findCaptures(haystack, bounds: range ?? 0..<haystack.count, anchored: anchored)
    }

    /// Every non-overlapping match from left to right, as `firstMatch` finds them; an empty
    /// match never splits a UTF-8 code point (in Unicode mode) and never directly follows
    /// a non-empty match's end. `body` returns `false` to stop early.
    public func forEachMatch(
        in haystack: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, anchored: Bool = false,
        captures: Bool = true, _ body: (RegexMatch) -> Bool
    ) {
        engine.forEachMatch(haystack, bounds: range ?? 0..<haystack.count, anchored: anchored, captures: captures, body)
    }

    // MARK: Convenience forms

    public func isMatch(_ haystack: String) -> Bool {
        Self.withUTF8(haystack) { isMatch(in: $0) }
    }

    public func firstMatch(in haystack: String) -> RegexMatch? {
        Self.withUTF8(haystack) { firstMatch(in: $0) }
    }

    public func matches(in haystack: String, limit: Int = .max) -> [RegexMatch] {
        Self.withUTF8(haystack) { matches(in: $0, limit: limit) }
    }

    public func isMatch(_ haystack: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { isMatch(in: $0) }
    }

    public func firstMatch(in haystack: [UInt8]) -> RegexMatch? {
        haystack.withUnsafeBufferPointer { firstMatch(in: $0) }
    }

    public func matches(in haystack: [UInt8], limit: Int = .max) -> [RegexMatch] {
        haystack.withUnsafeBufferPointer { matches(in: $0, limit: limit) }
    }

    public func matches(
        in haystack: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, anchored: Bool = false, limit: Int = .max
    ) -> [RegexMatch] {
        var found: [RegexMatch] = []
        guard limit > 0 else { return found }
        forEachMatch(in: haystack, range: range, anchored: anchored) { match in
            found.append(match)
            return found.count < limit
        }
        return found
    }

    static func withUTF8<R>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var copy = string
        return copy.withUTF8(body)
    }
}
