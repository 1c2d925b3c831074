import Testing

@testable import LinearRegex

/// One compiled pattern searched from many tasks at once: each search borrows its own DFA cache
/// from the pool, so results never mix (the invariant behind `Scratch`'s `@unchecked Sendable`).
struct ConcurrencyTests {
    @Test func concurrentSearchesGetTheirOwnCaches() async throws {
        let regex = try RegularExpression("(?i)(akia|ghp_)[0-9a-z]{4,}")
        let set = try RegexSet(["akia[0-9]+", "ghp_[a-z]+", "nomatch"])
        let results = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<64 {
                group.addTask {
                    let haystack = String(repeating: "x", count: task * 37) + "AKIA\(task)0000 ghp_abcd"
                    let first = regex.firstMatch(in: haystack)?.range
                    let expectedStart = task * 37
                    let patterns = set.matchingPatterns(in: haystack.lowercased())
                    return first?.lowerBound == expectedStart && patterns == [0, 1]
                        && regex.matches(in: haystack).count == 2
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }
}
