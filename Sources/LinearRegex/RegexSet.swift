/// Many patterns searched in one pass: which of them match somewhere in the haystack.
/// The secrets scanner runs its detectors this way, so a file is read once, not once per rule.
public struct RegexSet: Sendable {
    public let patterns: [String]
    public let options: RegexOptions
    let engine: SearchEngine

    /// Compiles every pattern; the error names the first pattern that fails.
    public init(_ patterns: [String], options: RegexOptions = RegexOptions()) throws(RegexSetError) {
        self.patterns = patterns
        self.options = options
        var parsed: [ParsedPattern] = []
        parsed.reserveCapacity(patterns.count)
        for (index, pattern) in patterns.enumerated() {
            do {
                parsed.append(try Parser.parse(pattern, options: options))
            } catch {
                throw RegexSetError(patternIndex: index, error: error)
            }
        }
        do {
            engine = try SearchEngine(patterns: parsed, options: options, source: patterns.joined(separator: "|"))
        } catch {
            throw RegexSetError(patternIndex: nil, error: error)
        }
    }

    public var count: Int { patterns.count }

    /// Indices of the patterns that match anywhere in `haystack[range]`, in increasing order.
    public func matchingPatterns(
        in haystack: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, anchored: Bool = false
    )
        -> [Int]
    {
        engine.matchingPatterns(haystack, bounds: range ?? 0..<haystack.count, anchored: anchored)
    }

    /// Whether any pattern matches.
    public func isMatch(in haystack: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, anchored: Bool = false)
        -> Bool
    {
        engine.isMatch(haystack, bounds: range ?? 0..<haystack.count, anchored: anchored)
    }

    /// The leftmost-first match over all patterns (an earlier pattern wins a tie) and which
    /// pattern made it.
    public func firstMatch(in haystack: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, anchored: Bool = false)
        -> (pattern: Int, range: Range<Int>)?
    {
        engine.firstAcceptable(haystack, bounds: range ?? 0..<haystack.count, anchored: anchored)
    }

    /// Every non-overlapping leftmost-first match over all patterns, left to right, with the
    /// pattern that made it (the same empty-match rules as `RegularExpression.forEachMatch`).
    public func forEachMatch(
        in haystack: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, anchored: Bool = false,
        _ body: (_ pattern: Int, _ range: Range<Int>) -> Bool
    ) {
        engine.forEachPatternMatch(haystack, bounds: range ?? 0..<haystack.count, anchored: anchored, body)
    }

    public func matchingPatterns(in haystack: String) -> [Int] {
        RegularExpression.withUTF8(haystack) { matchingPatterns(in: $0) }
    }

    public func matchingPatterns(in haystack: [UInt8]) -> [Int] {
        haystack.withUnsafeBufferPointer { matchingPatterns(in: $0) }
    }
}

/// A set whose pattern `patternIndex` does not compile (or, with `nil`, a set too large as a whole).
public struct RegexSetError: Error, Sendable, Hashable, CustomStringConvertible {
    public var patternIndex: Int?
    public var error: RegexSyntaxError

    public var description: String {
        if let patternIndex { return "pattern \(patternIndex): \(error)" }
        return error.description
    }
}
