/// The members of zip archives (`.zip`, `.jar`, `.war`, `.whl`, `.nupkg`…), tar archives and
/// gzip files (`.tar.gz`, `.tgz`, `.gz`), read from memory with limits on every size, so that a
/// scan for secrets can search what an archive committed to a repository holds.
///
/// Only members are read, never written anywhere: no path of an archive reaches the file system.
/// One level deep: an archive inside an archive is a member like any other (binary, passed over).
public enum ArchiveReader {
    public enum Format: String, Sendable {
        case zip, tar, gzip
    }

    /// One file of an archive.
    public struct Member: Sendable {
        /// Its path inside the archive, as the archive names it.
        public var path: String
        public var bytes: [UInt8]
    }

    /// How much an archive may make a scan read.
    public struct Limits: Sendable {
        /// The most bytes of one member (larger ones are passed over, with a note).
        public var memberBytes: Int
        /// The most bytes of all members together (the rest of the archive is passed over).
        public var totalBytes: Int
        /// The most members read.
        public var members: Int

        public init(memberBytes: Int = 16 << 20, totalBytes: Int = 256 << 20, members: Int = 100_000) {
            self.memberBytes = memberBytes
            self.totalBytes = totalBytes
            self.members = members
        }
    }

    /// The names of archives opened by name (confirmed by their first bytes).
    public static let zipExtensions: Set<String> = [
        "zip", "jar", "war", "ear", "aar", "whl", "egg", "nupkg", "vsix", "crx", "xpi", "apk", "ipa",
    ]

    /// Whether a file named `name` is worth reading whole to find out (by `format`) whether it is
    /// an archive: its extension is one of an archive's.
    public static func mayBeArchive(_ name: String) -> Bool {
        let lowered = name.lowercased()
        guard let dot = lowered.lastIndex(of: "."), !lowered[dot...].contains("/") else { return false }
        let fileExtension = String(lowered[lowered.index(after: dot)...])
        return zipExtensions.contains(fileExtension) || ["gz", "tgz", "tar"].contains(fileExtension)
    }

    /// The format of the archive named `name` whose first bytes are `prefix`, or `nil`.
    public static func format(name: String, prefix: some Collection<UInt8>) -> Format? {
        let lowered = name.lowercased()
        let fileExtension = lowered.split(separator: ".").last.map(String.init) ?? ""
        let head = Array(prefix.prefix(262))
        if zipExtensions.contains(fileExtension), head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zip }
        if fileExtension == "gz" || fileExtension == "tgz", head.starts(with: [0x1F, 0x8B]) { return .gzip }
        if fileExtension == "tar", head.count >= 262, Array(head[257..<262]) == Array("ustar".utf8) { return .tar }
        return nil
    }

    /// Calls `visit` with each regular member of the archive `bytes`, in order, and returns what
    /// could not be read (a corrupt archive, a member too large, an encrypted one), as messages.
    public static func members(
        of bytes: [UInt8], format: Format, name: String, limits: Limits = Limits(), _ visit: (Member) -> Void
    ) -> [String] {
        var budget = Budget(limits: limits)
        switch format {
        case .zip: return ZipReader.members(of: bytes, budget: &budget, visit)
        case .tar: return TarReader.members(of: bytes, budget: &budget, visit)
        case .gzip:
            let inflated: [UInt8]
            switch Inflate.inflate(bytes, bytes.indices, wrapper: .gzip, limit: limits.totalBytes) {
            case .success(let output): inflated = output
            case .failure(.tooLarge):
                return ["it inflates to more than \(size(limits.totalBytes)); not searched"]
            case .failure(.corrupt(let message)):
                return ["not a readable gzip file (\(message))"]
            }
            if inflated.count >= 262, Array(inflated[257..<262]) == Array("ustar".utf8) {
                return TarReader.members(of: inflated, budget: &budget, visit)
            }
            // One compressed file: it is named after the archive less its `.gz`.
            let inner = name.split(separator: "/").last.map { String($0.dropLast(3)) } ?? name
            guard inflated.count <= limits.memberBytes else {
                return ["\(inner) is over \(size(limits.memberBytes)); not searched"]
            }
            visit(Member(path: inner, bytes: inflated))
            return []
        }
    }

    /// `bytes` as a size to read: `16 MiB`, or `1000 bytes` below a mebibyte.
    static func size(_ bytes: Int) -> String { bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes" }
}

/// What is left of an archive's limits as its members are read.
struct Budget {
    let limits: ArchiveReader.Limits
    var bytes = 0
    var members = 0

    /// Whether a member of `size` bytes may be read: it counts against the budget if so.
    mutating func admit(_ size: Int) -> Bool {
        guard members < limits.members, bytes + size <= limits.totalBytes, size <= limits.memberBytes else {
            return false
        }
        members += 1
        bytes += size
        return true
    }
}

/// Little-endian fields of a byte array, read without trusting any offset.
extension Array where Element == UInt8 {
    func uint16(at offset: Int) -> Int? {
        guard offset >= 0, offset + 2 <= count else { return nil }
        return Int(self[offset]) | Int(self[offset + 1]) << 8
    }

    func uint32(at offset: Int) -> Int? {
        guard let low = uint16(at: offset), let high = uint16(at: offset + 2) else { return nil }
        return low | high << 16
    }
}
