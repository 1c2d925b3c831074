import Synchronization

/// Chooses and runs the engines for one compiled pattern or set:
/// 1. a pattern that is one literal string is found with the literal searcher alone;
/// 2. otherwise the forward lazy DFA finds where the leftmost-first match ends (skipping ahead
///    with the literal prefilter when every match starts with known bytes), and the reverse
///    lazy DFA, run backwards from that end, finds where it starts;
/// 3. capture groups come from the Pike VM run over just that span;
/// 4. when a DFA gives up (its cache thrashes, or the pattern needs Unicode word boundaries on
///    non-ASCII text), the Pike VM does the whole search. Every path is linear in the haystack.
final class SearchEngine: Sendable {
    let options: RegexOptions
    let captureCount: Int
    let captureNames: [String?]
    let patternCount: Int
    private let forward: Program
    private let reverse: Program
    private let prefilter: LiteralPrefilter?
    /// Set when the whole pattern is `prefilter.needle` and nothing else.
    private let isLiteral: Bool
    /// When the pattern's one group sits between parts of fixed byte widths (`['"](\w{20,})['"]`),
    /// those widths: the group of any match is its range less them, with no Pike VM run.
    private let groupMargins: (before: Int, after: Int)?
    private let scratchPool = Mutex<[Scratch]>([])
    /// In Unicode mode an empty match inside a code point does not count. Patterns that can
    /// match empty therefore have their DFA answers confirmed by a real match search; in a set,
    /// each such pattern gets its own engine for that.
    private let canMatchEmpty: Bool
    private let emptyCapablePatterns: [Int: SearchEngine]

    /// Mutable DFA caches for one search at a time.
    ///
    /// `@unchecked Sendable`: a `Scratch` is only ever used by the search that took it out of
    /// the pool and is handed back when that search ends, so no two threads touch it at once
    /// (exercised by `ConcurrencyTests`).
    private final class Scratch: @unchecked Sendable {
        let forward: LazyDFA
        let reverse: LazyDFA
        let pike: PikeVM.Cache
        @exclusivity(unchecked) private var setDFA: LazyDFA?
        private let program: Program
        private let capacity: Int

        init(forward: Program, reverse: Program, prefilter: LiteralPrefilter?, capacity: Int) {
            self.forward = LazyDFA(program: forward, kind: .leftmostFirst, capacity: capacity, prefilter: prefilter)
            self.reverse = LazyDFA(program: reverse, kind: .all, capacity: capacity, prefilter: nil)
            self.pike = PikeVM.Cache(program: forward)
            self.program = forward
            self.capacity = capacity
        }

        /// The forward DFA that keeps every thread, for "which patterns match".
        var all: LazyDFA {
            if let setDFA { return setDFA }
            let made = LazyDFA(program: program, kind: .all, capacity: capacity, prefilter: nil)
            setDFA = made
            return made
        }
    }

    init(patterns: [ParsedPattern], options: RegexOptions, source: String) throws(RegexSyntaxError) {
        self.options = options
        patternCount = patterns.count
        let single = patterns.count == 1
        canMatchEmpty = options.unicode && patterns.contains { $0.root.canMatchEmpty }
        var emptyCapable: [Int: SearchEngine] = [:]
        if options.unicode && patterns.count > 1 {
            for (index, pattern) in patterns.enumerated() where pattern.root.canMatchEmpty {
                emptyCapable[index] = try SearchEngine(patterns: [pattern], options: options, source: source)
            }
        }
        emptyCapablePatterns = emptyCapable
        forward = try Compiler.compile(patterns, options: options, reverse: false, keepGroups: single, source: source)
        reverse = try Compiler.compile(patterns, options: options, reverse: true, keepGroups: false, source: source)
        // The Pike VM keeps every group's slots for every instruction: bound that memory too.
        if forward.count * forward.slotCount > Self.maxPikeSlots {
            throw RegexSyntaxError(
                pattern: source, offset: 0,
                reason:
                    "pattern too large: \(forward.slotCount / 2 - 1) groups in a program of \(forward.count) instructions"
            )
        }
        if single, let pattern = patterns.first {
            captureCount = pattern.groupCount + 1
            groupMargins =
                captureCount == 2 ? LiteralAnalysis.groupMargins(of: pattern.root, unicode: options.unicode) : nil
            captureNames = pattern.groupNames
            let prefix = LiteralAnalysis.prefix(of: pattern.root, unicode: options.unicode)
            let literal = LiteralPrefilter(needle: prefix.bytes)
            isLiteral = prefix.isExact && literal != nil
            prefilter =
                literal
                ?? LiteralAnalysis.firstBytes(
                    of: pattern.root, unicode: options.unicode, limit: LiteralPrefilter.maxFirstBytes
                ).flatMap { LiteralPrefilter(firstBytes: $0) }
        } else {
            captureCount = 1
            groupMargins = nil
            captureNames = [nil]
            prefilter = nil
            isLiteral = false
        }
    }

    /// Capture slots per Pike VM thread list (8 bytes each; two lists per search).
    static let maxPikeSlots = 4 << 20

    // MARK: Scratch pool

    private func withScratch<R>(_ body: (Scratch) -> R) -> R {
        let taken = scratchPool.withLock { pool in pool.popLast() }
        let scratch =
            taken
            ?? Scratch(forward: forward, reverse: reverse, prefilter: prefilter, capacity: options.dfaCacheCapacity)
        let result = body(scratch)
        scratchPool.withLock { pool in
            if pool.count < 16 { pool.append(scratch) }
        }
        return result
    }

    /// The Pike VM over the whole window, with pooled memory.
    private func runPikeVM(
        _ haystack: UnsafeBufferPointer<UInt8>, bounds: Range<Int>, anchored: Bool, mode: PikeVM.Mode,
        matched: inout [Bool]
    ) -> PikeVM.Result? {
        withScratch { scratch in
            PikeVM(program: forward).search(
                haystack, bounds: bounds, anchored: anchored, start: forward.anchoredStart, mode: mode,
                matched: &matched, cache: scratch.pike)
        }
    }

    private static func valid(_ bounds: Range<Int>, _ haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        bounds.lowerBound >= 0 && bounds.upperBound <= haystack.count
    }

    // MARK: Searches

    func isMatch(_ haystack: UnsafeBufferPointer<UInt8>, bounds: Range<Int>, anchored: Bool) -> Bool {
        guard Self.valid(bounds, haystack) else { return false }
        if canMatchEmpty {
            if patternCount > 1 { return !matchingPatterns(haystack, bounds: bounds, anchored: anchored).isEmpty }
            var found = false
            forEachPatternMatch(haystack, bounds: bounds, anchored: anchored) { _, _ in
                found = true
                return false
            }
            return found
        }
        if isLiteral, let prefilter, !anchored {
            return prefilter.find(in: haystack, from: bounds.lowerBound, to: bounds.upperBound) != nil
        }
        let start = anchored ? forward.anchoredStart : forward.unanchoredStart
        var unused: [Bool] = []
        let outcome = withScratch { scratch in
            scratch.forward.searchForward(
                haystack, bounds: bounds, start: start, anchored: anchored, earliest: true, matched: &unused)
        }
        switch outcome {
        case .match: return true
        case .noMatch: return false
        case .gaveUp:
            var ignored: [Bool] = []
            return runPikeVM(haystack, bounds: bounds, anchored: anchored, mode: .earliest, matched: &ignored) != nil
        }
    }

    /// The first match as iteration would report it (an empty match inside a code point skipped).
    func findRange(_ haystack: UnsafeBufferPointer<UInt8>, bounds: Range<Int>, anchored: Bool) -> Range<Int>? {
        firstAcceptable(haystack, bounds: bounds, anchored: anchored)?.range
    }

    func firstAcceptable(_ haystack: UnsafeBufferPointer<UInt8>, bounds: Range<Int>, anchored: Bool)
        -> (pattern: Int, range: Range<Int>)?
    {
        guard canMatchEmpty else { return findRangeWithPattern(haystack, bounds: bounds, anchored: anchored) }
        var first: (pattern: Int, range: Range<Int>)?
        forEachPatternMatch(haystack, bounds: bounds, anchored: anchored) { pattern, range in
            first = (pattern, range)
            return false
        }
        return first
    }

    /// The leftmost-first match, exactly as the automata define it.
    func findRangeWithPattern(_ haystack: UnsafeBufferPointer<UInt8>, bounds: Range<Int>, anchored: Bool)
        -> (pattern: Int, range: Range<Int>)?
    {
        guard Self.valid(bounds, haystack) else { return nil }
        if isLiteral, let prefilter {
            let length = prefilter.needle.count
            if anchored {
                let end = bounds.lowerBound + length
                guard end <= bounds.upperBound,
                    prefilter.find(in: haystack, from: bounds.lowerBound, to: end) == bounds.lowerBound
                else { return nil }
                return (0, bounds.lowerBound..<end)
            }
            guard let start = prefilter.find(in: haystack, from: bounds.lowerBound, to: bounds.upperBound) else {
                return nil
            }
            return (0, start..<(start + length))
        }
        let start = anchored ? forward.anchoredStart : forward.unanchoredStart
        var unused: [Bool] = []
        let found: (pattern: Int, range: Range<Int>)?? = withScratch { scratch in
            switch scratch.forward.searchForward(
                haystack, bounds: bounds, start: start, anchored: anchored, earliest: false, matched: &unused)
            {
            case .noMatch:
                return .some(nil)
            case .gaveUp:
                return nil
            case .match(let end, let pattern):
                if anchored { return .some((pattern, bounds.lowerBound..<end)) }
                switch scratch.reverse.searchReverse(
                    haystack, lowerBound: bounds.lowerBound, end: end, start: reverse.patternStarts[pattern])
                {
                case .match(let begin, _): return .some((pattern, begin..<end))
                case .noMatch, .gaveUp: return nil
                }
            }
        }
        if let found { return found }
        // A DFA gave up: the Pike VM finds the same match.
        var ignored: [Bool] = []
        guard
            let result = runPikeVM(
                haystack, bounds: bounds, anchored: anchored, mode: .leftmostFirst, matched: &ignored)
        else { return nil }
        return (result.pattern, result.slots[0]..<result.slots[1])
    }

    /// The leftmost-first match found by the Pike VM alone (tests compare it with the DFA path).
    func findCapturesWithPikeVM(_ haystack: UnsafeBufferPointer<UInt8>, bounds: Range<Int>, anchored: Bool)
        -> RegexMatch?
    {
        guard Self.valid(bounds, haystack) else { return nil }
        var ignored: [Bool] = []
        guard
            let result = runPikeVM(
                haystack, bounds: bounds, anchored: anchored, mode: .leftmostFirst, matched: &ignored)
        else { return nil }
        var groups: [Range<Int>?] = []
        for group in 0..<captureCount {
            let start = result.slots[group * 2]
            let end = result.slots[group * 2 + 1]
            groups.append(start >= 0 && end >= start ? start..<end : nil)
        }
        return RegexMatch(groups: groups)
    }

    func findCaptures(_ haystack: UnsafeBufferPointer<UInt8>, bounds: Range<Int>, anchored: Bool) -> RegexMatch? {
        guard let range = findRange(haystack, bounds: bounds, anchored: anchored) else { return nil }
        return captures(haystack, within: range)
    }

    /// The groups of the match already known to span `range`.
    func captures(_ haystack: UnsafeBufferPointer<UInt8>, within range: Range<Int>) -> RegexMatch {
        guard captureCount > 1 else { return RegexMatch(groups: [range]) }
        if let margins = groupMargins, range.count >= margins.before + margins.after {
            return RegexMatch(groups: [range, (range.lowerBound + margins.before)..<(range.upperBound - margins.after)])
        }
        var ignored: [Bool] = []
        guard
            let result = runPikeVM(haystack, bounds: range, anchored: true, mode: .leftmostFirst, matched: &ignored)
        else { return RegexMatch(groups: [range]) }
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(captureCount)
        for group in 0..<captureCount {
            let start = result.slots[group * 2]
            let end = result.slots[group * 2 + 1]
            groups.append(start >= 0 && end >= start ? start..<end : nil)
        }
        return RegexMatch(groups: groups)
    }

    func forEachMatch(
        _ haystack: UnsafeBufferPointer<UInt8>, bounds: Range<Int>, anchored: Bool, captures wantGroups: Bool,
        _ body: (RegexMatch) -> Bool
    ) {
        forEachPatternMatch(haystack, bounds: bounds, anchored: anchored) { _, range in
            body(wantGroups ? captures(haystack, within: range) : RegexMatch(groups: [range]))
        }
    }

    /// Left to right, non-overlapping. An empty match is skipped where it would split a UTF-8
    /// code point (Unicode mode) or directly follow the previous match's end.
    func forEachPatternMatch(
        _ haystack: UnsafeBufferPointer<UInt8>, bounds: Range<Int>, anchored: Bool,
        _ body: (_ pattern: Int, _ range: Range<Int>) -> Bool
    ) {
        guard Self.valid(bounds, haystack) else { return }
        var position = bounds.lowerBound
        var previousEnd = -1
        while position <= bounds.upperBound {
            guard
                let (pattern, range) = findRangeWithPattern(
                    haystack, bounds: position..<bounds.upperBound, anchored: anchored)
            else { return }
            if range.isEmpty {
                let splitsCharacter = options.unicode && !Context.isCharacterBoundary(range.lowerBound, in: haystack)
                if range.lowerBound == previousEnd || splitsCharacter {
                    if anchored { return }
                    position = range.lowerBound + 1
                    continue
                }
            }
            if !body(pattern, range) { return }
            previousEnd = range.upperBound
            position = range.isEmpty ? range.upperBound + 1 : range.upperBound
        }
    }

    func matchingPatterns(_ haystack: UnsafeBufferPointer<UInt8>, bounds: Range<Int>, anchored: Bool) -> [Int] {
        guard Self.valid(bounds, haystack) else { return [] }
        if patternCount == 1 && canMatchEmpty {
            return isMatch(haystack, bounds: bounds, anchored: anchored) ? [0] : []
        }
        var matched = [Bool](repeating: false, count: patternCount)
        let start = anchored ? forward.anchoredStart : forward.unanchoredStart
        let outcome = withScratch { scratch in
            scratch.all.searchForward(
                haystack, bounds: bounds, start: start, anchored: anchored, earliest: false, matched: &matched)
        }
        if case .gaveUp = outcome {
            matched = [Bool](repeating: false, count: patternCount)
            _ = runPikeVM(haystack, bounds: bounds, anchored: anchored, mode: .allPatterns, matched: &matched)
        }
        return matched.indices.filter { index in
            guard matched[index] else { return false }
            guard let alone = emptyCapablePatterns[index] else { return true }
            return alone.isMatch(haystack, bounds: bounds, anchored: anchored)
        }
    }
}
