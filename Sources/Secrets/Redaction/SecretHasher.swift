import Crypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Identifies a secret without keeping it: HMAC-SHA-256 under a key of this installation, so the
/// same secret found in two files, two commits or two scans has the same identity (for baselines
/// and ignores), while the identity reveals nothing to someone without the key, not even whether
/// a guessed value is the one found (which a plain hash would).
public struct SecretHasher: Sendable {
    private let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    /// The identity of `secret`: the first 16 bytes of the MAC in lower-case hex, `hmac:…`.
    public func identity(of secret: [UInt8]) -> String {
        Self.hex("hmac:", HMAC<SHA256>.authenticationCode(for: secret, using: key).prefix(16))
    }

    /// The identity of the key itself (`key:` and 16 hex digits), which a baseline records: it
    /// tells whether two sets of identities were made with the same key, and nothing about the key.
    public var keyIdentity: String {
        Self.hex(
            "key:",
            HMAC<SHA256>.authenticationCode(for: Array("palisade secrets key identity".utf8), using: key).prefix(8))
    }

    /// `prefix` followed by `bytes` in lower-case hex.
    private static func hex(_ prefix: String, _ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = Array(prefix.utf8)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Why the installation key could not be read or made.
    public struct KeyError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// The installation key: the file at `path` (32 random bytes, created with mode 0600 the first
    /// time, in a folder created with mode 0700). A key that is not 32 bytes is an error rather
    /// than replaced, so that identities stay comparable with earlier scans.
    public static func installationKey(at path: String) throws(KeyError) -> SymmetricKey {
        if let bytes = read(path) {
            guard bytes.count == 32 else {
                throw KeyError(description: "\(path) holds \(bytes.count) bytes, not a 32-byte key")
            }
            return SymmetricKey(data: bytes)
        }
        let folder = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !folder.isEmpty { makeFolders(folder) }
        let key = SymmetricKey(size: .bits256)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            // Another process may have made it meanwhile.
            if let bytes = read(path), bytes.count == 32 { return SymmetricKey(data: bytes) }
            throw KeyError(description: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let written = key.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == 32 else {
            throw KeyError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return key
    }

    /// Where the installation key lives: `$PALISADE_SECRET_KEY_FILE`, else
    /// `$XDG_CONFIG_HOME/palisade/secret-key`, else `~/.config/palisade/secret-key`.
    public static func defaultKeyPath(environment: [String: String]) -> String {
        if let path = environment["PALISADE_SECRET_KEY_FILE"], !path.isEmpty { return path }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/palisade/secret-key" }
        return (environment["HOME"] ?? ".") + "/.config/palisade/secret-key"
    }

    private static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, 64) }
        guard count >= 0 else { return nil }
        return Array(bytes.prefix(count))
    }

    private static func makeFolders(_ folder: String) {
        var path = folder.hasPrefix("/") ? "" : "."
        for part in folder.split(separator: "/") {
            path += "/" + part
            mkdir(path, 0o700)
        }
    }
}
