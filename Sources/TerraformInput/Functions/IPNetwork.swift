/// An IPv4 or IPv6 network in CIDR notation (`10.0.0.0/16`, `fd00::/8`), read and written as
/// Terraform's CIDR functions read and write them: host bits in the given address are dropped,
/// IPv4 parts may have leading zeros (read as decimal), IPv6 is written in its shortest form
/// (RFC 5952) and IPv4-mapped IPv6 addresses as dotted IPv4, as Go writes them.
struct IPNetwork: Sendable, Hashable {
    /// The network address (host bits zero), in the low `bits` bits.
    var address: UInt128
    /// 32 for IPv4, 128 for IPv6.
    var bits: Int
    var prefixLength: Int

    init(address: UInt128, bits: Int, prefixLength: Int) {
        self.bits = bits
        self.prefixLength = prefixLength
        self.address = address & IPNetwork.mask(prefixLength: prefixLength, bits: bits)
    }

    /// `nil` unless `text` is an address, a slash and a prefix length.
    init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let (address, bits) = IPNetwork.parseAddress(parts[0]),
            !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), parts[1].count <= 3,
            let length = Int(parts[1]), length <= bits
        else { return nil }
        self.init(address: address, bits: bits, prefixLength: length)
    }

    /// All ones in the top `prefixLength` of `bits` bits.
    static func mask(prefixLength: Int, bits: Int) -> UInt128 {
        let all = bits == 128 ? UInt128.max : (UInt128(1) << bits) - 1
        let hostBits = bits - prefixLength
        return hostBits >= 128 ? 0 : all & ~((UInt128(1) << hostBits) - 1)
    }

    /// The number of addresses in the network, as a double (2^128 does not fit `UInt128`).
    var size: Double { Double(sign: .plus, exponent: bits - prefixLength, significand: 1) }

    /// The last address in the network.
    var lastAddress: UInt128 {
        address
            | (~IPNetwork.mask(prefixLength: prefixLength, bits: bits) & IPNetwork.mask(prefixLength: bits, bits: bits))
    }

    var description: String { IPNetwork.format(address, bits: bits) + "/" + String(prefixLength) }

    // MARK: Addresses

    /// An IPv4 or IPv6 address and its width.
    static func parseAddress(_ text: Substring) -> (UInt128, Int)? {
        if text.contains(":") {
            guard let address = parseIPv6(text) else { return nil }
            return (address, 128)
        }
        guard let address = parseIPv4(text) else { return nil }
        return (UInt128(address), 32)
    }

    private static func parseIPv4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0.isASCII && $0.isNumber }),
                let byte = UInt32(part), byte <= 255
            else { return nil }
            value = value << 8 | byte
        }
        return value
    }

    private static func parseIPv6(_ text: Substring) -> UInt128? {
        var groups: [UInt16] = []
        var gapAt: Int?
        var rest = text
        if rest.hasPrefix("::") {
            gapAt = 0
            rest = rest.dropFirst(2)
        }
        while !rest.isEmpty {
            let end = rest.firstIndex(of: ":") ?? rest.endIndex
            let piece = rest[..<end]
            if piece.contains(".") {
                // An embedded IPv4 address ends the text.
                guard end == rest.endIndex, let ipv4 = parseIPv4(piece) else { return nil }
                groups.append(UInt16(ipv4 >> 16))
                groups.append(UInt16(ipv4 & 0xFFFF))
                rest = rest[end...]
                break
            }
            guard !piece.isEmpty, piece.count <= 4, let group = UInt16(piece, radix: 16),
                piece.allSatisfy({ $0.isHexDigit })
            else { return nil }
            groups.append(group)
            rest = rest[end...]
            if rest.hasPrefix("::") {
                guard gapAt == nil else { return nil }
                gapAt = groups.count
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix(":") {
                rest = rest.dropFirst()
                guard !rest.isEmpty else { return nil }
            }
        }
        if let gapAt {
            guard groups.count < 8 else { return nil }
            groups.insert(contentsOf: [UInt16](repeating: 0, count: 8 - groups.count), at: gapAt)
        }
        guard groups.count == 8 else { return nil }
        return groups.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }

    /// The address as Go writes it.
    static func format(_ address: UInt128, bits: Int) -> String {
        if bits == 32 || address >> 32 == 0xFFFF {
            let ipv4 = UInt32(truncatingIfNeeded: address)
            return (0..<4).reversed().map { String(ipv4 >> (8 * UInt32($0)) & 0xFF) }.joined(separator: ".")
        }
        let groups = (0..<8).reversed().map { UInt16(truncatingIfNeeded: address >> (16 * UInt128($0))) }
        // The longest run of at least two zero groups (the first one on a tie) becomes "::".
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < 8 {
            var end = index
            while end < 8, groups[end] == 0 { end += 1 }
            if end - index > bestLength {
                bestStart = index
                bestLength = end - index
            }
            index = max(end, index + 1)
        }
        func hex(_ range: Range<Int>) -> String { groups[range].map { String($0, radix: 16) }.joined(separator: ":") }
        guard bestStart >= 0 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}
