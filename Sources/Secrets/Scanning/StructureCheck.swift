/// What a secret's format lets a scanner verify beyond its pattern, so that a look-alike string
/// is not reported: a checksum the issuer computes, a header that must decode, an envelope that
/// must close. Named in a detector as `check: <name>`.
public enum StructureCheck: String, Sendable, CaseIterable {
    /// GitHub and npm tokens (`ghp_…`, `npm_…`): the last six characters are the CRC-32 of the
    /// thirty before them, in base 62 (`0-9A-Za-z`), left-padded with zeros.
    case crc32Base62 = "crc32-base62"
    /// A JSON Web Token: three base64url parts, the first of which decodes to a JSON object
    /// with an `alg` member.
    case jwt
    /// A PEM or OpenSSH private key: the `BEGIN` line is closed by the matching `END` line with a
    /// base64 body between them.
    case pemEnvelope = "pem-envelope"

    /// Whether `secret` (the bytes the detector captured) passes the check.
    public func passes(_ secret: [UInt8]) -> Bool {
        switch self {
        case .crc32Base62: return Self.hasCRC32Base62Checksum(secret)
        case .jwt: return Self.isJWT(secret)
        case .pemEnvelope: return Self.isClosedPEM(secret)
        }
    }

    // MARK: CRC-32 in base 62

    static let base62: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    static func hasCRC32Base62Checksum(_ token: [UInt8]) -> Bool {
        // The body follows the last underscore of the prefix (`ghp_`, `github_pat_` has none).
        guard let underscore = token.lastIndex(of: UInt8(ascii: "_")) else { return false }
        let body = token[(underscore + 1)...]
        guard body.count > 6 else { return false }
        let random = body.dropLast(6)
        return Array(body.suffix(6)) == checksum(Array(random))
    }

    /// The six base-62 digits of the CRC-32 of `bytes`: what a GitHub or npm token's random part is
    /// followed by (and what tests make their fake tokens with).
    public static func checksum(_ bytes: [UInt8]) -> [UInt8] {
        var value = crc32(bytes)
        var digits = [UInt8](repeating: base62[0], count: 6)
        var position = 5
        while value > 0 && position >= 0 {
            digits[position] = base62[Int(value % 62)]
            value /= 62
            position -= 1
        }
        return digits
    }

    /// CRC-32 (IEEE 802.3, reflected, as zlib computes it).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }

    // MARK: JSON Web Tokens

    static func isJWT(_ token: [UInt8]) -> Bool {
        let parts = token.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count >= 10, parts[1].count >= 2,
            let header = Base64.decode(Array(parts[0]), urlSafe: true)
        else { return false }
        // A JSON object that names its algorithm: `{"alg":…` in any spacing and member order.
        let text = header.filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        guard text.first == UInt8(ascii: "{"), text.last == UInt8(ascii: "}") else { return false }
        return contains(text, Array("\"alg\":".utf8))
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        find(needle, in: haystack, from: 0) != nil
    }

    // MARK: PEM

    static func isClosedPEM(_ block: [UInt8]) -> Bool {
        let begin = Array("-----BEGIN ".utf8)
        let dashes = Array("-----".utf8)
        guard let beginAt = find(begin, in: block, from: 0),
            let labelEnd = find(dashes, in: block, from: beginAt + begin.count)
        else { return false }
        let label = Array(block[(beginAt + begin.count)..<labelEnd])
        guard label.count >= 11, label.suffix(11).elementsEqual("PRIVATE KEY".utf8) else { return false }
        let end = Array("-----END ".utf8) + label + dashes
        guard let endAt = find(end, in: block, from: labelEnd + dashes.count) else { return false }
        // A body of base64 (and, for encrypted PEM, its header lines) between the two lines.
        let body = block[(labelEnd + dashes.count)..<endAt]
        let base64 = body.count { byte in
            (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "/")
        }
        return base64 >= 32
    }

    /// Where `needle` first occurs in `haystack` at or after `start`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        for position in start...(haystack.count - needle.count)
        where haystack[position..<(position + needle.count)].elementsEqual(needle) {
            return position
        }
        return nil
    }
}

/// Base64, standard or URL-safe, with or without padding.
enum Base64 {
    static func decode(_ text: [UInt8], urlSafe: Bool) -> [UInt8]? {
        var bits: UInt32 = 0
        var count = 0
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        for byte in text {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "-") where urlSafe, UInt8(ascii: "+") where !urlSafe: value = 62
            case UInt8(ascii: "_") where urlSafe, UInt8(ascii: "/") where !urlSafe: value = 63
            case UInt8(ascii: "="): continue
            default: return nil
            }
            bits = (bits << 6) | value
            count += 6
            if count >= 8 {
                count -= 8
                output.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
            }
        }
        return output
    }
}
