/// One UTF-8 encoding pattern: for each byte position, the range of byte values allowed.
/// A class of scalars becomes a short list of these, which the compiler turns into byte
/// transitions so that every engine works on bytes and never decodes the haystack.
struct UTF8Sequence: Hashable {
    var ranges: [ClosedRange<UInt8>]
}

enum UTF8Sequences {
    /// The byte sequences that together match exactly the scalars of `range` (surrogates excluded).
    static func sequences(for range: ClosedRange<UInt32>) -> [UTF8Sequence] {
        var result: [UTF8Sequence] = []
        var pending: [ClosedRange<UInt32>] = [range]
        while let next = pending.popLast() {
            var low = next.lowerBound
            let high = next.upperBound
            // Drop surrogates.
            if low <= 0xDFFF && high >= 0xD800 {
                if high > 0xDFFF { pending.append(0xE000...high) }
                if low < 0xD800 { pending.append(low...0xD7FF) }
                continue
            }
            // Split at the boundaries where the encoded length changes.
            var split = false
            for boundary: UInt32 in [0x7F, 0x7FF, 0xFFFF] where low <= boundary && high > boundary {
                pending.append((boundary + 1)...high)
                pending.append(low...boundary)
                split = true
                break
            }
            if split { continue }
            if high <= 0x7F {
                result.append(UTF8Sequence(ranges: [UInt8(low)...UInt8(high)]))
                continue
            }
            // Split until every continuation position either is a single value or covers the full
            // 0x80...0xBF range below a varying position.
            for level in 1..<4 {
                let mask: UInt32 = (1 << (6 * UInt32(level))) - 1
                if low & ~mask != high & ~mask {
                    if low & mask != 0 {
                        pending.append(((low | mask) + 1)...high)
                        pending.append(low...(low | mask))
                        split = true
                        break
                    }
                    if high & mask != mask {
                        pending.append((high & ~mask)...high)
                        pending.append(low...((high & ~mask) - 1))
                        split = true
                        break
                    }
                }
            }
            if split { continue }
            let lowBytes = encode(low)
            let highBytes = encode(high)
            var ranges: [ClosedRange<UInt8>] = []
            for index in 0..<lowBytes.count { ranges.append(lowBytes[index]...highBytes[index]) }
            result.append(UTF8Sequence(ranges: ranges))
            low = high
        }
        return result
    }

    static func encode(_ scalar: UInt32) -> [UInt8] {
        switch scalar {
        case 0..<0x80:
            return [UInt8(scalar)]
        case 0x80..<0x800:
            return [UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F)]
        case 0x800..<0x10000:
            return [UInt8(0xE0 | scalar >> 12), UInt8(0x80 | (scalar >> 6) & 0x3F), UInt8(0x80 | scalar & 0x3F)]
        default:
            return [
                UInt8(0xF0 | scalar >> 18), UInt8(0x80 | (scalar >> 12) & 0x3F), UInt8(0x80 | (scalar >> 6) & 0x3F),
                UInt8(0x80 | scalar & 0x3F),
            ]
        }
    }
}
