/// Zip archives read by their central directory (the list at the end that says where each
/// member is), members stored or deflated. Zip64 sizes, encrypted members and other compression
/// methods are named as not searched.
enum ZipReader {
    static let endSignature = 0x0605_4B50
    static let centralSignature = 0x0201_4B50
    static let localSignature = 0x0403_4B50

    static func members(of bytes: [UInt8], budget: inout Budget, _ visit: (ArchiveReader.Member) -> Void) -> [String] {
        guard let end = endOfCentralDirectory(in: bytes), let count = bytes.uint16(at: end + 10),
            let start = bytes.uint32(at: end + 16)
        else { return ["not a readable zip archive (no central directory)"] }
        var problems: [String] = []
        var offset = start
        for _ in 0..<count {
            guard bytes.uint32(at: offset) == centralSignature, let flags = bytes.uint16(at: offset + 8),
                let method = bytes.uint16(at: offset + 10), let compressed = bytes.uint32(at: offset + 20),
                let size = bytes.uint32(at: offset + 24), let nameLength = bytes.uint16(at: offset + 28),
                let extraLength = bytes.uint16(at: offset + 30), let commentLength = bytes.uint16(at: offset + 32),
                let local = bytes.uint32(at: offset + 42), offset + 46 + nameLength <= bytes.count
            else {
                problems.append("the central directory is damaged; the rest is not searched")
                break
            }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            offset += 46 + nameLength + extraLength + commentLength
            if name.hasSuffix("/") { continue }  // a folder
            if flags & 1 != 0 {
                problems.append("\(name) is encrypted; not searched")
                continue
            }
            if compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF {
                problems.append("\(name) has zip64 sizes; not searched")
                continue
            }
            guard method == 0 || method == 8 else {
                problems.append("\(name) is compressed with method \(method); not searched")
                continue
            }
            guard budget.admit(size) else {
                problems.append("\(name) is over the archive's limits; not searched")
                continue
            }
            guard bytes.uint32(at: local) == localSignature, let localName = bytes.uint16(at: local + 26),
                let localExtra = bytes.uint16(at: local + 28)
            else {
                problems.append("\(name): its local header is damaged; not searched")
                continue
            }
            let data = local + 30 + localName + localExtra
            guard data + compressed <= bytes.count else {
                problems.append("\(name) runs past the end of the archive; not searched")
                continue
            }
            if method == 0 {
                visit(ArchiveReader.Member(path: name, bytes: Array(bytes[data..<(data + min(compressed, size))])))
                continue
            }
            switch Inflate.inflate(bytes, data..<(data + compressed), wrapper: .raw, limit: size) {
            case .success(let inflated):
                visit(ArchiveReader.Member(path: name, bytes: inflated))
            case .failure(.tooLarge):
                problems.append("\(name) inflates to more than it says (\(size) bytes); not searched")
            case .failure(.corrupt(let message)):
                problems.append("\(name) does not inflate (\(message)); not searched")
            }
        }
        return problems
    }

    /// Where the end-of-central-directory record starts: searched for backwards from the end,
    /// past a comment of up to 64 KiB.
    static func endOfCentralDirectory(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var offset = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while offset >= lowest {
            if bytes[offset] == 0x50, bytes.uint32(at: offset) == endSignature { return offset }
            offset -= 1
        }
        return nil
    }
}
