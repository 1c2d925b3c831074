#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds where a required literal occurs, so the DFA can skip text where no match can start.
/// It looks for the literal's rarest byte with `memchr` (vectorised in the C library) and then
/// checks the bytes around it, which is much faster than stepping the DFA over every byte.
struct LiteralPrefilter: Sendable {
    /// The bytes every match begins with.
    let needle: [UInt8]
    /// Index in `needle` of the byte searched for first.
    private let rareIndex: Int

    init?(needle: [UInt8]) {
        guard !needle.isEmpty else { return nil }
        self.needle = needle
        var best = 0
        for index in needle.indices where Self.rank(needle[index]) < Self.rank(needle[best]) { best = index }
        rareIndex = best
    }

    /// The first position in `from ..< to` where the needle starts and fits before `to`.
    func find(in haystack: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        let length = needle.count
        guard let base = haystack.baseAddress, to - from >= length else { return nil }
        let rare = needle[rareIndex]
        var cursor = from + rareIndex
        let last = to - length + rareIndex  // last position the rare byte may be at
        while cursor <= last {
            guard let found = memchr(base + cursor, Int32(rare), last - cursor + 1) else { return nil }
            let hit = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let start = hit - rareIndex
            if memcmp(base + start, needle, length) == 0 { return start }
            cursor = hit + 1
        }
        return nil
    }

    /// How common a byte is in typical text and source code (lower is rarer). A rough order is
    /// enough: it only decides which byte of the literal to look for first.
    private static func rank(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "e"), UInt8(ascii: "t"), UInt8(ascii: "a"), UInt8(ascii: "o"),
            UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "s"), UInt8(ascii: "r"):
            return 9
        case UInt8(ascii: "\n"), UInt8(ascii: "l"), UInt8(ascii: "d"), UInt8(ascii: "c"), UInt8(ascii: "u"),
            UInt8(ascii: "h"), UInt8(ascii: "m"), UInt8(ascii: "p"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "="), UInt8(ascii: ","):
            return 8
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "\t"), UInt8(ascii: "\""), UInt8(ascii: "'"),
            UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "0"),
            UInt8(ascii: "1"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"):
            return 6
        case UInt8(ascii: "A"), UInt8(ascii: "E"), UInt8(ascii: "I"), UInt8(ascii: "O"), UInt8(ascii: "N"),
            UInt8(ascii: "S"), UInt8(ascii: "T"), UInt8(ascii: "R"), UInt8(ascii: "C"), UInt8(ascii: "L"):
            return 5
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "2")...UInt8(ascii: "9"), UInt8(ascii: "#"),
            UInt8(ascii: "*"), UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "+"):
            return 4
        case 0x80...0xFF:
            return 3
        default:
            return 2
        }
    }
}
