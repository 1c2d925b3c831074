import BenchmarkSupport
import Foundation

/// NSRegularExpression (ICU, a backtracking engine) on the same corpus and cases, for the
/// comparison in docs/PERFORMANCE.md. This is the only file that imports Foundation.
///
/// The corpus and each 64 KiB chunk are turned into NSStrings once, before any timing, so the
/// figures are the regex engine's and not the UTF-8 to UTF-16 conversion's. Throughput is
/// still counted in UTF-8 bytes of the corpus, the same figure as for our engine.
final class FoundationEngine: RegexEngine {
    let name = "foundation"
    private var whole: NSString = ""
    private var chunkStrings: [NSString] = []

    func load(corpus: [UInt8], chunks: [Range<Int>]) {
        whole = Self.string(corpus[...])
        chunkStrings = chunks.map { Self.string(corpus[$0]) }
    }

    private static func string(_ bytes: ArraySlice<UInt8>) -> NSString {
        String(decoding: bytes, as: UTF8.self) as NSString
    }

    private func regex(_ pattern: String, caseInsensitive: Bool) throws -> NSRegularExpression {
        do {
            return try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
        } catch {
            throw BenchError(description: "NSRegularExpression does not compile /\(pattern)/: \(error)")
        }
    }

    func compileOnce(_ pattern: String, caseInsensitive: Bool) throws -> Int {
        try regex(pattern, caseInsensitive: caseInsensitive).numberOfCaptureGroups
    }

    /// Foundation has no set type: a scanner built on it compiles the patterns one by one.
    func compileSetOnce(_ patterns: [String]) throws -> Int {
        try patterns.reduce(0) { $0 + (try regex($1, caseInsensitive: false).numberOfCaptureGroups) }
    }

    func makeCountMatches(_ pattern: String, caseInsensitive: Bool) throws -> () -> Int {
        let regex = try regex(pattern, caseInsensitive: caseInsensitive)
        let whole = self.whole
        return {
            regex.numberOfMatches(in: whole as String, options: [], range: NSRange(location: 0, length: whole.length))
        }
    }

    /// Without a set type, "which patterns match in this chunk" is one search per pattern.
    func makeSetChunks(_ patterns: [String]) throws -> () -> Int {
        let regexes = try patterns.map { try regex($0, caseInsensitive: false) }
        let chunks = chunkStrings
        return {
            var hits = 0
            for chunk in chunks {
                let text = chunk as String
                let range = NSRange(location: 0, length: chunk.length)
                for regex in regexes
                where regex.rangeOfFirstMatch(in: text, options: [], range: range).location != NSNotFound {
                    hits += 1
                }
            }
            return hits
        }
    }

    func makeSetWhole(_ patterns: [String]) throws -> () -> Int {
        let regexes = try patterns.map { try regex($0, caseInsensitive: false) }
        let whole = self.whole
        return {
            let text = whole as String
            let range = NSRange(location: 0, length: whole.length)
            return regexes.count { $0.rangeOfFirstMatch(in: text, options: [], range: range).location != NSNotFound }
        }
    }

    /// Every match of any pattern: the patterns as one alternation, which picks the same
    /// leftmost-first match as a set where the earlier pattern wins a tie.
    func makeSetMatches(_ patterns: [String]) throws -> () -> Int {
        let alternation = patterns.map { "(?:\($0))" }.joined(separator: "|")
        return try makeCountMatches(alternation, caseInsensitive: false)
    }

    func makePathologicalSearch(_ pattern: String, haystack: [UInt8]) throws -> () -> Bool {
        let regex = try regex(pattern, caseInsensitive: false)
        let text = Self.string(haystack[...])
        return {
            regex.rangeOfFirstMatch(in: text as String, options: [], range: NSRange(location: 0, length: text.length))
                .location != NSNotFound
        }
    }
}
