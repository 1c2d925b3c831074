#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds where a match can start, so the DFA can skip text where none can. Either a required
/// literal, found by its rarest byte with `memchr` (vectorised in the C library) and then checked
/// around it; or, for patterns without one, the few bytes a match can start with
/// (`(?i)\bhttps?://` starts with `h` or `H`), looked for eight at a time. Both are much faster
/// than stepping the DFA over every byte, whose every step waits for the one before.
struct LiteralPrefilter: Sendable {
    /// The bytes every match begins with; empty when the prefilter looks for `firstBytes`.
    let needle: [UInt8]
    /// Index in `needle` of the byte searched for first.
    private let rareIndex: Int
    /// The bytes one of which every match begins with (at most `maxFirstBytes`).
    private let firstBytes: [UInt8]
    /// Each first byte repeated in all eight bytes of a word (padded to four with the first, so
    /// that the search compares with four words whatever their number, without a loop).
    private let repeated: (UInt64, UInt64, UInt64, UInt64)
    static let maxFirstBytes = 4

    init?(needle: [UInt8]) {
        guard !needle.isEmpty else { return nil }
        self.needle = needle
        var best = 0
        for index in needle.indices where Self.rank(needle[index]) < Self.rank(needle[best]) { best = index }
        rareIndex = best
        firstBytes = []
        repeated = (0, 0, 0, 0)
    }

    /// `nil` also when the bytes are common enough in text that candidates would be a few bytes
    /// apart: each costs more than the DFA steps it saves (`(?i)travis` starts with `t` or `T`).
    init?(firstBytes: [UInt8]) {
        guard !firstBytes.isEmpty, firstBytes.count <= Self.maxFirstBytes,
            firstBytes.reduce(0, { $0 + Self.permille($1) }) <= 50
        else { return nil }
        needle = []
        rareIndex = 0
        self.firstBytes = firstBytes
        let words = (0..<4).map { UInt64(firstBytes[min($0, firstBytes.count - 1)]) &* 0x0101_0101_0101_0101 }
        repeated = (words[0], words[1], words[2], words[3])
    }

    /// The first position in `from ..< to` where a match can start: where the needle starts and
    /// fits before `to`, or where one of the first bytes is.
    func find(in haystack: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        if !firstBytes.isEmpty { return findFirstByte(in: haystack, from: from, to: to) }
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

    /// The first position in `from ..< to` holding one of `firstBytes`: `memchr` for one byte,
    /// else eight bytes at a time, each compared with every first byte at once (a byte of
    /// `word ^ repeated(b)` is zero where `b` is; the lowest flagged byte is always a real one).
    private func findFirstByte(in haystack: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let base = haystack.baseAddress, from < to else { return nil }
        if firstBytes.count == 1 {
            guard let found = memchr(base + from, Int32(firstBytes[0]), to - from) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroBytes(_ bits: UInt64) -> UInt64 { (bits &- ones) & ~bits & highs }
        var position = from
        while position + 8 <= to {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
            let flagged =
                zeroBytes(word ^ repeated.0) | zeroBytes(word ^ repeated.1) | zeroBytes(word ^ repeated.2)
                | zeroBytes(word ^ repeated.3)
            if flagged != 0 { return position + flagged.trailingZeroBitCount / 8 }
            position += 8
        }
        while position < to {
            if firstBytes.contains(base[position]) { return position }
            position += 1
        }
        return nil
    }

    /// About how many bytes in a thousand of typical text and source code are `byte`, from its rank.
    private static func permille(_ byte: UInt8) -> Int {
        switch rank(byte) {
        case 9: 60
        case 8: 30
        case 6: 12
        case 5: 6
        case 4: 3
        default: 2
        }
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
