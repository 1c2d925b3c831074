/// Evaluates zero-width assertions against the whole haystack: bytes outside the search
/// bounds still count as context, so `^`, `$` and `\b` see the real text around a window.
enum Context {
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }

    static func holds(_ assertion: Assertion, in haystack: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        let count = haystack.count
        switch assertion {
        case .beginText:
            return position == 0
        case .endText:
            return position == count
        case .beginLine:
            return position == 0 || haystack[position - 1] == 0x0A
        case .endLine:
            return position == count || haystack[position] == 0x0A
        case .wordBoundaryASCII, .notWordBoundaryASCII:
            let before = position > 0 && isWordByte(haystack[position - 1])
            let after = position < count && isWordByte(haystack[position])
            return (before != after) == (assertion == .wordBoundaryASCII)
        case .wordBoundaryUnicode, .notWordBoundaryUnicode:
            // Bytes that are not valid UTF-8 count as non-word characters for \b, but \B
            // (a claim that both sides are alike) never holds next to them.
            var before = false
            var after = false
            if position > 0 {
                if let scalar = scalarBefore(position, in: haystack) {
                    before = UnicodeTables.isWordCharacter(scalar)
                } else if assertion == .notWordBoundaryUnicode {
                    return false
                }
            }
            if position < count {
                if let scalar = scalarAt(position, in: haystack) {
                    after = UnicodeTables.isWordCharacter(scalar)
                } else if assertion == .notWordBoundaryUnicode {
                    return false
                }
            }
            return (before != after) == (assertion == .wordBoundaryUnicode)
        }
    }

    /// The scalar that starts at `position`, or nil at the end or on invalid UTF-8.
    static func scalarAt(_ position: Int, in haystack: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard position < haystack.count else { return nil }
        let lead = haystack[position]
        if lead < 0x80 { return UInt32(lead) }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard position + length <= haystack.count else { return nil }
        for index in (position + 1)..<(position + length) {
            let byte = haystack[index]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        return value
    }

    /// The scalar that ends at `position`, or nil at the start or on invalid UTF-8.
    static func scalarBefore(_ position: Int, in haystack: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard position > 0 else { return nil }
        var start = position - 1
        while start > 0 && position - start < 4 && haystack[start] & 0xC0 == 0x80 { start -= 1 }
        guard let scalar = scalarAt(start, in: haystack) else { return nil }
        let length = scalar < 0x80 ? 1 : (scalar < 0x800 ? 2 : (scalar < 0x10000 ? 3 : 4))
        return start + length == position ? scalar : nil
    }

    /// Whether `position` falls between two code points (or at either end).
    static func isCharacterBoundary(_ position: Int, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        position <= 0 || position >= haystack.count || haystack[position] & 0xC0 != 0x80
    }
}
