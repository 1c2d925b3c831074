/// Tar archives (POSIX ustar and GNU): 512-byte headers, each followed by its member's data
/// padded to 512 bytes. GNU long names are followed; other entry kinds (links, folders, pax
/// headers) are passed over.
enum TarReader {
    static func members(of bytes: [UInt8], budget: inout Budget, _ visit: (ArchiveReader.Member) -> Void) -> [String] {
        var problems: [String] = []
        var offset = 0
        var longName: String?
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<(offset + 512)]
            if header.allSatisfy({ $0 == 0 }) { break }  // the end
            guard let size = octal(header.dropFirst(124).prefix(12)) else {
                problems.append("a header at byte \(offset) is damaged; the rest is not searched")
                break
            }
            let kind = header[offset + 156]
            let dataStart = offset + 512
            let dataEnd = dataStart + size
            guard dataEnd <= bytes.count else {
                problems.append("the archive ends inside a member; the rest is not searched")
                break
            }
            var name = longName ?? field(header.dropFirst(0).prefix(100))
            if longName == nil, Array(header[(offset + 257)..<(offset + 262)]) == Array("ustar".utf8) {
                let prefix = field(header.dropFirst(345).prefix(155))
                if !prefix.isEmpty { name = prefix + "/" + name }
            }
            longName = nil
            switch kind {
            case UInt8(ascii: "L"):
                longName = field(bytes[dataStart..<dataEnd])
            case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
                if budget.admit(size) {
                    visit(ArchiveReader.Member(path: name, bytes: Array(bytes[dataStart..<dataEnd])))
                } else {
                    problems.append("\(name) is over the archive's limits; not searched")
                }
            default:
                break
            }
            offset = dataStart + (size + 511) / 512 * 512
        }
        return problems
    }

    /// A NUL-terminated text field.
    static func field(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An octal number field (spaces and NULs around it), or `nil`.
    static func octal(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        var digits = 0
        for byte in bytes {
            if byte == 0 || byte == UInt8(ascii: " ") {
                if digits > 0 { break } else { continue }
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "7"), digits < 20 else { return nil }
            value = value * 8 + Int(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return value
    }
}
