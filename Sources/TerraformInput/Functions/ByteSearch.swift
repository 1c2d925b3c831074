/// Finding a string inside another by their UTF-8 bytes, as Go's `strings` package does, in time
/// linear in both (Knuth–Morris–Pratt): no input makes it quadratic.
enum ByteSearch {
    /// Start offsets of the non-overlapping occurrences of `needle` in `haystack`, from the left.
    /// An empty needle is not searched for (the caller decides what it means).
    static func occurrences(of needle: [UInt8], in haystack: [UInt8], limit: Int = .max) -> [Int] {
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        let failure = failureTable(needle)
        var found: [Int] = []
        var matched = 0
        for (offset, byte) in haystack.enumerated() {
            while matched > 0, needle[matched] != byte { matched = failure[matched - 1] }
            if needle[matched] == byte { matched += 1 }
            if matched == needle.count {
                found.append(offset + 1 - needle.count)
                if found.count >= limit { break }
                matched = 0
            }
        }
        return found
    }

    static func contains(_ needle: String, in haystack: String) -> Bool {
        needle.isEmpty || !occurrences(of: Array(needle.utf8), in: Array(haystack.utf8), limit: 1).isEmpty
    }

    /// For each prefix of `needle`, the length of its longest proper prefix that is also a suffix.
    private static func failureTable(_ needle: [UInt8]) -> [Int] {
        var table = [Int](repeating: 0, count: needle.count)
        var length = 0
        var index = 1
        while index < needle.count {
            if needle[index] == needle[length] {
                length += 1
                table[index] = length
                index += 1
            } else if length > 0 {
                length = table[length - 1]
            } else {
                index += 1
            }
        }
        return table
    }
}
