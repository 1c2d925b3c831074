import BenchmarkSupport
import LinearRegex

/// This project's engine, searching the corpus bytes in place.
final class LinearEngine: RegexEngine {
    let name = "linear"
    private var corpus: [UInt8] = []
    private var chunks: [Range<Int>] = []

    func load(corpus: [UInt8], chunks: [Range<Int>]) {
        self.corpus = corpus
        self.chunks = chunks
    }

    private func regex(_ pattern: String, caseInsensitive: Bool) throws -> RegularExpression {
        do {
            return try RegularExpression(pattern, options: RegexOptions(caseInsensitive: caseInsensitive))
        } catch {
            throw BenchError(description: "does not compile: \(error)")
        }
    }

    private func set(_ patterns: [String]) throws -> RegexSet {
        do {
            return try RegexSet(patterns)
        } catch {
            throw BenchError(description: "set does not compile: \(error)")
        }
    }

    func compileOnce(_ pattern: String, caseInsensitive: Bool) throws -> Int {
        try regex(pattern, caseInsensitive: caseInsensitive).captureCount
    }

    func compileSetOnce(_ patterns: [String]) throws -> Int {
        try set(patterns).count
    }

    func makeCountMatches(_ pattern: String, caseInsensitive: Bool) throws -> () -> Int {
        let regex = try regex(pattern, caseInsensitive: caseInsensitive)
        let corpus = self.corpus
        return {
            corpus.withUnsafeBufferPointer { haystack in
                var count = 0
                regex.forEachMatch(in: haystack, captures: false) { _ in
                    count += 1
                    return true
                }
                return count
            }
        }
    }

    func makeSetChunks(_ patterns: [String]) throws -> () -> Int {
        let set = try set(patterns)
        let corpus = self.corpus
        let chunks = self.chunks
        return {
            corpus.withUnsafeBufferPointer { haystack in
                var hits = 0
                for chunk in chunks {
                    hits += set.matchingPatterns(in: haystack, range: chunk).count
                }
                return hits
            }
        }
    }

    func makeSetWhole(_ patterns: [String]) throws -> () -> Int {
        let set = try set(patterns)
        let corpus = self.corpus
        return { corpus.withUnsafeBufferPointer { set.matchingPatterns(in: $0).count } }
    }

    func makeSetMatches(_ patterns: [String]) throws -> () -> Int {
        let set = try set(patterns)
        let corpus = self.corpus
        return {
            corpus.withUnsafeBufferPointer { haystack in
                var count = 0
                set.forEachMatch(in: haystack) { _, _ in
                    count += 1
                    return true
                }
                return count
            }
        }
    }

    func makePathologicalSearch(_ pattern: String, haystack: [UInt8]) throws -> () -> Bool {
        let regex = try regex(pattern, caseInsensitive: false)
        return { haystack.withUnsafeBufferPointer { regex.firstMatchRange(in: $0) != nil } }
    }
}
