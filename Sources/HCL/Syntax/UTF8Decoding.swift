/// Strict UTF-8 decoding of one scalar: overlong forms, surrogates and values past U+10FFFF are
/// refused, as the HCL specification requires ("invalid or non-normalized UTF-8 encoding is
/// always a parse error").
enum UTF8Decoding {
    /// The scalar value and byte length of the sequence starting at `index`, or nil if the
    /// bytes there are not valid UTF-8. `index` must be in range.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int)? {
        let count = bytes.count
        let lead = bytes[index]
        if lead < 0x80 { return (UInt32(lead), 1) }
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> UInt32? {
            guard index + offset < count else { return nil }
            let byte = bytes[index + offset]
            guard byte >= low, byte <= high else { return nil }
            return UInt32(byte & 0x3F)
        }
        switch lead {
        case 0xC2...0xDF:
            guard let b1 = continuation(1) else { return nil }
            return (UInt32(lead & 0x1F) << 6 | b1, 2)
        case 0xE0...0xEF:
            let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
            let high: UInt8 = lead == 0xED ? 0x9F : 0xBF
            guard let b1 = continuation(1, low, high), let b2 = continuation(2) else { return nil }
            return (UInt32(lead & 0x0F) << 12 | b1 << 6 | b2, 3)
        case 0xF0...0xF4:
            let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80
            let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
            guard let b1 = continuation(1, low, high), let b2 = continuation(2), let b3 = continuation(3) else {
                return nil
            }
            return (UInt32(lead & 0x07) << 18 | b1 << 12 | b2 << 6 | b3, 4)
        default:
            return nil
        }
    }

    /// How a character reads in an error message: itself in quotes when it is visible,
    /// otherwise its code point (`U+00A0`).
    static func describe(_ value: UInt32) -> String {
        guard let scalar = Unicode.Scalar(value) else { return "U+" + hex(value) }
        let visible: Bool
        if value < 0x80 {
            visible = value > 0x20 && value < 0x7F
        } else {
            let properties = scalar.properties
            visible =
                !properties.isWhitespace && properties.generalCategory != .control
                && properties.generalCategory != .format && properties.generalCategory != .unassigned
                && properties.generalCategory != .privateUse && properties.generalCategory != .spaceSeparator
        }
        return visible ? "\"\(Character(scalar))\"" : "U+" + hex(value)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
