/// A set of Unicode scalars kept as sorted, non-overlapping, non-adjacent closed ranges.
/// In byte mode the values are bytes (0...255) rather than scalars.
struct CharacterClass: Sendable, Hashable {
    private(set) var ranges: [ClosedRange<UInt32>]

    static let maxScalar: UInt32 = 0x10FFFF

    init() { ranges = [] }

    init(_ ranges: [ClosedRange<UInt32>]) {
        self.ranges = ranges
        canonicalize()
    }

    init(scalar: UInt32) { ranges = [scalar...scalar] }

    var isEmpty: Bool { ranges.isEmpty }

    /// The single scalar in the class, if it holds exactly one.
    var singleScalar: UInt32? {
        ranges.count == 1 && ranges[0].lowerBound == ranges[0].upperBound ? ranges[0].lowerBound : nil
    }

    func contains(_ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound < value {
                low = mid + 1
            } else if ranges[mid].lowerBound > value {
                high = mid
            } else {
                return true
            }
        }
        return false
    }

    mutating func insert(_ range: ClosedRange<UInt32>) {
        ranges.append(range)
        canonicalize()
    }

    mutating func formUnion(_ other: CharacterClass) {
        ranges.append(contentsOf: other.ranges)
        canonicalize()
    }

    /// Appends without re-sorting; call `canonicalize()` after a batch.
    mutating func appendUnsorted(_ range: ClosedRange<UInt32>) { ranges.append(range) }

    mutating func canonicalize() {
        guard ranges.count > 1 else { return }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        merged.reserveCapacity(ranges.count)
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                if range.upperBound > last.upperBound {
                    merged[merged.count - 1] = last.lowerBound...range.upperBound
                }
            } else {
                merged.append(range)
            }
        }
        ranges = merged
    }

    /// The complement within `0...upperLimit` (0x10FFFF for scalars, 0xFF for bytes).
    /// Surrogates are never part of a scalar class, so they are left out of a scalar complement.
    func inverted(upperLimit: UInt32 = maxScalar) -> CharacterClass {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges where range.lowerBound <= upperLimit {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            if range.upperBound >= upperLimit {
                next = upperLimit &+ 1
                break
            }
            next = range.upperBound + 1
        }
        if next <= upperLimit { result.append(next...upperLimit) }
        var inverted = CharacterClass(result)
        if upperLimit == Self.maxScalar { inverted.subtract(0xD800...0xDFFF) }
        return inverted
    }

    mutating func subtract(_ removed: ClosedRange<UInt32>) {
        var result: [ClosedRange<UInt32>] = []
        result.reserveCapacity(ranges.count + 1)
        for range in ranges {
            if range.upperBound < removed.lowerBound || range.lowerBound > removed.upperBound {
                result.append(range)
                continue
            }
            if range.lowerBound < removed.lowerBound { result.append(range.lowerBound...(removed.lowerBound - 1)) }
            if range.upperBound > removed.upperBound { result.append((removed.upperBound + 1)...range.upperBound) }
        }
        ranges = result
    }

    func intersection(_ other: CharacterClass) -> CharacterClass {
        var result: [ClosedRange<UInt32>] = []
        var i = 0
        var j = 0
        while i < ranges.count && j < other.ranges.count {
            let a = ranges[i]
            let b = other.ranges[j]
            let low = max(a.lowerBound, b.lowerBound)
            let high = min(a.upperBound, b.upperBound)
            if low <= high { result.append(low...high) }
            if a.upperBound < b.upperBound { i += 1 } else { j += 1 }
        }
        return CharacterClass(result)
    }

    func subtracting(_ other: CharacterClass) -> CharacterClass {
        var copy = self
        for range in other.ranges { copy.subtract(range) }
        return copy
    }

    func symmetricDifference(_ other: CharacterClass) -> CharacterClass {
        var union = self
        union.formUnion(other)
        return union.subtracting(intersection(other))
    }

    /// Adds every scalar that simple case folding makes equivalent to a member.
    func caseFolded() -> CharacterClass {
        var result = self
        for range in ranges {
            CaseFolding.forEachOrbitMember(in: range) { result.appendUnsorted($0...$0) }
        }
        result.canonicalize()
        return result
    }
}
