/// JSON text helpers shared by every JSON output (the scan report, `palisade cel eval --output json`).
public enum JSONText {
    /// A JSON string literal: quotes, backslashes and control characters escaped; everything
    /// else, non-ASCII included, written as is (the output is UTF-8). U+2028 and U+2029 are
    /// escaped too, so the output is also valid JavaScript.
    public static func writeString(_ value: String, to output: inout String) {
        output += "\""
        // Most strings need no escape at all: copy them whole. 0xE2 leads U+2028 and U+2029.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
            output += value
            output += "\""
            return
        }
        // Otherwise escape byte by byte into one buffer: messages with a dash or an ellipsis (0xE2
        // leads those too) are common, and appending scalar by scalar costs more than the rest.
        let hex = Array("0123456789abcdef".utf8)
        var escaped: [UInt8] = []
        escaped.reserveCapacity(value.utf8.count + 8)
        var bytes = value.utf8.makeIterator()
        var pending: [UInt8] = []
        while let byte = pending.isEmpty ? bytes.next() : pending.removeFirst() {
            switch byte {
            case 0x22: escaped += [0x5C, 0x22]
            case 0x5C: escaped += [0x5C, 0x5C]
            case 0x0A: escaped += [0x5C, UInt8(ascii: "n")]
            case 0x0D: escaped += [0x5C, UInt8(ascii: "r")]
            case 0x09: escaped += [0x5C, UInt8(ascii: "t")]
            case 0x08: escaped += [0x5C, UInt8(ascii: "b")]
            case 0x0C: escaped += [0x5C, UInt8(ascii: "f")]
            case 0xE2:
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                guard let second = bytes.next() else {
                    escaped.append(byte)
                    continue
                }
                guard second == 0x80, let third = bytes.next() else {
                    escaped.append(byte)
                    pending.append(second)
                    continue
                }
                if third == 0xA8 || third == 0xA9 {
                    escaped += Array("\\u202".utf8) + [third == 0xA8 ? UInt8(ascii: "8") : UInt8(ascii: "9")]
                } else {
                    escaped += [byte, second]
                    pending.append(third)
                }
            default:
                if byte < 0x20 || byte == 0x7F {
                    escaped += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                } else {
                    escaped.append(byte)
                }
            }
        }
        output += String(decoding: escaped, as: UTF8.self)
        output += "\""
    }
}
