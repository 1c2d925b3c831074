import BenchmarkSupport

/// What an engine under test provides. Every `make…` method compiles what it needs up front
/// and hands back a closure that does one full search; the harness warms it up, times it and
/// checks that every run returns the same count.
protocol RegexEngine: AnyObject {
    var name: String { get }

    /// Takes in the corpus and the chunk boundaries for `set-64k` (not timed).
    func load(corpus: [UInt8], chunks: [Range<Int>])

    /// Compiles `pattern` once and returns something derived from the result, so the
    /// optimizer cannot drop the work.
    func compileOnce(_ pattern: String, caseInsensitive: Bool) throws -> Int
    func compileSetOnce(_ patterns: [String]) throws -> Int

    /// Counts the non-overlapping matches of `pattern` in the whole corpus.
    func makeCountMatches(_ pattern: String, caseInsensitive: Bool) throws -> () -> Int
    /// Sums, over the 64 KiB chunks, how many of `patterns` match in each chunk.
    func makeSetChunks(_ patterns: [String]) throws -> () -> Int
    /// How many of `patterns` match somewhere in the whole corpus.
    func makeSetWhole(_ patterns: [String]) throws -> () -> Int
    /// Counts every non-overlapping match of any of `patterns` in the whole corpus.
    func makeSetMatches(_ patterns: [String]) throws -> () -> Int

    /// One search of `haystack` for `pattern`; returns whether it matched.
    func makePathologicalSearch(_ pattern: String, haystack: [UInt8]) throws -> () -> Bool
}

func makeEngine(named name: String) -> (any RegexEngine)? {
    switch name {
    case "linear": LinearEngine()
    case "foundation": FoundationEngine()
    default: nil
    }
}
