#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds a pattern in a sequence in time linear in both (Knuth–Morris–Pratt): the string
/// functions (`contains`, `indexOf`, `lastIndexOf`, `replace`, `split`) must not take quadratic
/// time on hostile input such as a long run of `a` searched for `aaa…ab`.
struct SubstringSearch<Element: Equatable> {
    let pattern: [Element]
    /// `border[i]`: length of the longest proper prefix of `pattern[0...i]` that is also its suffix.
    private let border: [Int]

    init(_ pattern: [Element]) {
        self.pattern = pattern
        var border = [Int](repeating: 0, count: pattern.count)
        Self.fillBorder(of: pattern, into: &border)
        self.border = border
    }

    /// Start of the first occurrence at or after `start` (the pattern must not be empty).
    func firstMatch(in text: [Element], from start: Int = 0) -> Int? {
        guard !pattern.isEmpty else { return start <= text.count ? start : nil }
        return Self.firstMatch(of: pattern, border: border, in: text, from: start)
    }

    /// Start of the last occurrence that begins at or before `limit` (overlaps allowed).
    func lastMatch(in text: [Element], startingAtOrBefore limit: Int) -> Int? {
        guard !pattern.isEmpty else { return min(limit, text.count) }
        var last: Int?
        var matched = 0
        var index = 0
        while index < text.count {
            if text[index] == pattern[matched] {
                matched += 1
                index += 1
                if matched == pattern.count {
                    let start = index - matched
                    if start > limit { break }
                    last = start
                    matched = border[matched - 1]
                }
            } else if matched > 0 {
                matched = border[matched - 1]
            } else {
                index += 1
            }
            if index - matched > limit { break }
        }
        return last
    }

    /// Fills `border` (as long as `pattern`, zeroed) with the pattern's border lengths.
    private static func fillBorder<Pattern: RandomAccessCollection, Border: MutableCollection>(
        of pattern: Pattern, into border: inout Border
    ) where Pattern.Element == Element, Pattern.Index == Int, Border.Element == Int, Border.Index == Int {
        var length = 0
        var index = 1
        while index < pattern.count {
            if pattern[index] == pattern[length] {
                length += 1
                border[index] = length
                index += 1
            } else if length > 0 {
                length = border[length - 1]
            } else {
                index += 1
            }
        }
    }

    /// The first occurrence of a non-empty `pattern` at or after `start`, given its border table.
    private static func firstMatch<
        Pattern: RandomAccessCollection, Border: RandomAccessCollection,
        Text: RandomAccessCollection
    >(
        of pattern: Pattern, border: Border, in text: Text, from start: Int
    ) -> Int?
    where
        Pattern.Element == Element, Pattern.Index == Int, Border.Element == Int, Border.Index == Int,
        Text.Element == Element, Text.Index == Int
    {
        var matched = 0
        var index = max(start, 0)
        while index < text.count {
            if text[index] == pattern[matched] {
                matched += 1
                index += 1
                if matched == pattern.count { return index - matched }
            } else if matched > 0 {
                matched = border[matched - 1]
            } else {
                index += 1
            }
        }
        return nil
    }
}

extension SubstringSearch where Element == UInt8 {
    /// The first occurrence of `pattern` in `text`, by the same algorithm, in place: the border
    /// table is a temporary allocation (on the stack for the usual short pattern), and a one-byte
    /// pattern is found with `memchr`.
    static func firstOffset(of pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !pattern.isEmpty else { return 0 }
        guard pattern.count <= text.count, let textBase = text.baseAddress, let first = pattern.first else {
            return nil
        }
        if pattern.count == 1 {
            guard let found = memchr(textBase, Int32(first), text.count) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(textBase)
        }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: pattern.count) { buffer in
            var border = buffer
            border.initialize(repeating: 0)
            fillBorder(of: pattern, into: &border)
            return firstMatch(of: pattern, border: border, in: text, from: 0)
        }
    }
}
