extension CELType {
    /// `net.IP`, the type of `ip('…')`.
    public static let netIP = CELType.opaque(IPAddress.typeName)
    /// `net.CIDR`, the type of `cidr('…')`.
    public static let netCIDR = CELType.opaque(CIDR.typeName)
}

extension Library {
    /// The Kubernetes IP address and CIDR library (`ip`, `cidr`, `isIP`, `isCIDR`,
    /// `ip.isCanonical` and the methods of `net.IP` and `net.CIDR`).
    ///
    /// Addresses are parsed strictly, as Go's `net/netip` does: IPv4 is a dotted quad without
    /// leading zeros, IPv6 may use `::` and end in a dotted quad, and zones (`%eth0`) are
    /// rejected. An IPv4-mapped IPv6 address written with a dotted quad (`::ffff:1.2.3.4`) is
    /// rejected; written in hex (`::ffff:102:304`) it stands for the IPv4 address it maps.
    public static let network = Library(
        name: "kubernetes.net",
        typeNames: [IPAddress.typeName, CIDR.typeName],
        functions: [
            Function(
                "ip", doc: "Parses an IP address; on a CIDR, returns its address (not masked).",
                overloads: [
                    .global("string_to_ip", [.string], returns: .netIP) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        return NetworkLibrary.parseIP(text).map { Value.opaque($0) } ?? NetworkLibrary.ipError(text)
                    },
                    .member("cidr_ip", [.netCIDR], returns: .netIP) { args in
                        guard let prefix = NetworkLibrary.cidr(args[0]) else { return .noSuchOverload }
                        return .opaque(prefix.address)
                    },
                ]),
            Function(
                "cidr", doc: "Parses a CIDR block such as `10.0.0.0/8` or `2001:db8::/32`.",
                overloads: [
                    .global("string_to_cidr", [.string], returns: .netCIDR) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        return NetworkLibrary.parseCIDR(text).map { Value.opaque($0) } ?? NetworkLibrary.cidrError(text)
                    }
                ]),
            Function(
                "isIP", doc: "Reports whether the string is an IP address that `ip()` accepts.",
                overloads: [
                    .global("is_ip_string", [.string], returns: .bool) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        return .bool(NetworkLibrary.parseIP(text) != nil)
                    }
                ]),
            Function(
                "isCIDR", doc: "Reports whether the string is a CIDR block that `cidr()` accepts.",
                overloads: [
                    .global("is_cidr_string", [.string], returns: .bool) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        return .bool(NetworkLibrary.parseCIDR(text) != nil)
                    }
                ]),
            Function(
                "ip.isCanonical",
                doc: """
                    Reports whether the string is the canonical form of its address (RFC 5952 for \
                    IPv6); an invalid address is an error.
                    """,
                overloads: [
                    .global("ip_is_canonical_string", [.string], returns: .bool) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        guard let address = NetworkLibrary.parseIP(text) else { return NetworkLibrary.ipError(text) }
                        return .bool(address.description == text)
                    }
                ]),
            Function(
                "string", doc: "Converts an IP address or CIDR block to its canonical string.",
                overloads: [
                    .global("ip_to_string", [.netIP], returns: .string) { args in
                        guard let address = NetworkLibrary.ip(args[0]) else { return .noSuchOverload }
                        return .string(address.description)
                    },
                    .global("cidr_to_string", [.netCIDR], returns: .string) { args in
                        guard let prefix = NetworkLibrary.cidr(args[0]) else { return .noSuchOverload }
                        return .string(prefix.description)
                    },
                ]),
            NetworkLibrary.ipMethod("family", "ip_family", returns: .int, doc: "Returns 4 or 6.") {
                .int($0.isIPv4 ? 4 : 6)
            },
            NetworkLibrary.ipMethod(
                "isUnspecified", "ip_is_unspecified", doc: "Reports whether the address is 0.0.0.0 or ::."
            ) { .bool($0.isUnspecified) },
            NetworkLibrary.ipMethod(
                "isLoopback", "ip_is_loopback", doc: "Reports whether the address is in 127.0.0.0/8 or is ::1."
            ) { .bool($0.isLoopback) },
            NetworkLibrary.ipMethod(
                "isLinkLocalMulticast", "ip_is_link_local_multicast",
                doc: "Reports whether the address is in 224.0.0.0/24 or is an IPv6 link-local multicast (ff02::/16)."
            ) { .bool($0.isLinkLocalMulticast) },
            NetworkLibrary.ipMethod(
                "isLinkLocalUnicast", "ip_is_link_local_unicast",
                doc: "Reports whether the address is in 169.254.0.0/16 or fe80::/10."
            ) { .bool($0.isLinkLocalUnicast) },
            NetworkLibrary.ipMethod(
                "isGlobalUnicast", "ip_is_global_unicast",
                doc: """
                    Reports whether the address is a global unicast address: not unspecified, loopback, \
                    multicast, link-local unicast or the IPv4 broadcast address (private ranges count).
                    """
            ) { .bool($0.isGlobalUnicast) },
            Function(
                "containsIP", doc: "Reports whether the CIDR block contains the address (same family only).",
                overloads: [
                    .member("cidr_contains_ip_ip", [.netCIDR, .netIP], returns: .bool) { args in
                        guard let prefix = NetworkLibrary.cidr(args[0]), let address = NetworkLibrary.ip(args[1])
                        else { return .noSuchOverload }
                        return .bool(prefix.contains(address))
                    },
                    .member("cidr_contains_ip_string", [.netCIDR, .string], returns: .bool) { args in
                        guard let prefix = NetworkLibrary.cidr(args[0]), case .string(let text) = args[1] else {
                            return .noSuchOverload
                        }
                        guard let address = NetworkLibrary.parseIP(text) else { return NetworkLibrary.ipError(text) }
                        return .bool(prefix.contains(address))
                    },
                ]),
            Function(
                "containsCIDR",
                doc: "Reports whether the CIDR block contains every address of the other block (same family only).",
                overloads: [
                    .member("cidr_contains_cidr_cidr", [.netCIDR, .netCIDR], returns: .bool) { args in
                        guard let prefix = NetworkLibrary.cidr(args[0]), let other = NetworkLibrary.cidr(args[1])
                        else { return .noSuchOverload }
                        return .bool(prefix.contains(other))
                    },
                    .member("cidr_contains_cidr_string", [.netCIDR, .string], returns: .bool) { args in
                        guard let prefix = NetworkLibrary.cidr(args[0]), case .string(let text) = args[1] else {
                            return .noSuchOverload
                        }
                        guard let other = NetworkLibrary.parseCIDR(text) else { return NetworkLibrary.cidrError(text) }
                        return .bool(prefix.contains(other))
                    },
                ]),
            Function(
                "masked", doc: "Returns the CIDR block with the host bits of its address cleared.",
                overloads: [
                    .member("cidr_masked", [.netCIDR], returns: .netCIDR) { args in
                        guard let prefix = NetworkLibrary.cidr(args[0]) else { return .noSuchOverload }
                        return .opaque(prefix.masked)
                    }
                ]),
            Function(
                "prefixLength", doc: "Returns the number of network bits of the CIDR block.",
                overloads: [
                    .member("cidr_prefix_length", [.netCIDR], returns: .int) { args in
                        guard let prefix = NetworkLibrary.cidr(args[0]) else { return .noSuchOverload }
                        return .int(Int64(prefix.length))
                    }
                ]),
        ])
}

/// Parsing and error wording shared by the network functions.
enum NetworkLibrary {
    static func ip(_ value: Value) -> IPAddress? {
        guard case .opaque(let opaque) = value else { return nil }
        return opaque as? IPAddress
    }

    static func cidr(_ value: Value) -> CIDR? {
        guard case .opaque(let opaque) = value else { return nil }
        return opaque as? CIDR
    }

    static func ipMethod(
        _ name: String, _ id: String, returns result: CELType = .bool, doc: String,
        _ body: @escaping @Sendable (IPAddress) -> Value
    ) -> Function {
        Function(
            name, doc: doc,
            overloads: [
                .member(id, [.netIP], returns: result) { args in
                    guard let address = ip(args[0]) else { return .noSuchOverload }
                    return body(address)
                }
            ])
    }

    /// An address as `ip()` accepts it, or `nil`.
    static func parseIP(_ text: String) -> IPAddress? {
        if case .success(let address) = IPAddress.parseKubernetes(text) { return address }
        return nil
    }

    /// A block as `cidr()` accepts it, or `nil`.
    static func parseCIDR(_ text: String) -> CIDR? {
        if case .success(let prefix) = CIDR.parseKubernetes(text) { return prefix }
        return nil
    }

    static func ipError(_ text: String) -> Value {
        guard case .failure(let failure) = IPAddress.parseKubernetes(text) else { return .noSuchOverload }
        let quoted = quote(text)
        switch failure {
        case .syntax(let reason):
            return .error("IP Address \(quoted) parse error during conversion from string: \(reason)")
        case .zone: return .error("IP Address \(quoted) with zone value is not allowed")
        case .mapped: return .error("IPv4-mapped IPv6 address \(quoted) is not allowed")
        }
    }

    static func cidrError(_ text: String) -> Value {
        guard case .failure(let failure) = CIDR.parseKubernetes(text) else { return .noSuchOverload }
        let quoted = quote(text)
        switch failure {
        case .syntax(let reason):
            return .error("network address \(quoted) parse error during conversion from string: \(reason)")
        case .zone: return .error("CIDR \(quoted) with zone value is not allowed")
        case .mapped: return .error("IPv4-mapped IPv6 address \(quoted) is not allowed")
        }
    }

    /// The input in single quotes, cut to 64 scalars so that a huge argument does not make a
    /// huge message.
    static func quote(_ text: String) -> String {
        var result = "'"
        var count = 0
        for scalar in text.unicodeScalars {
            if count == 64 {
                result += "…"
                break
            }
            result.unicodeScalars.append(scalar)
            count += 1
        }
        return result + "'"
    }
}

/// Why an address or block was rejected.
enum AddressParseFailure: Error, Equatable {
    case syntax(String)
    /// The text has a zone (`fe80::1%eth0`).
    case zone
    /// An IPv4-mapped IPv6 address written with a dotted quad.
    case mapped
}

/// An IPv4 or IPv6 address (`net.IP`). IPv4 addresses keep their 32 bits in the low half of
/// `low`; IPv6 addresses use all 128 bits, most significant in `high`.
struct IPAddress: OpaqueValue, Hashable {
    static let typeName = "net.IP"

    let isIPv4: Bool
    let high: UInt64
    let low: UInt64

    init(ipv4: UInt32) {
        isIPv4 = true
        high = 0
        low = UInt64(ipv4)
    }

    init(ipv6High high: UInt64, low: UInt64) {
        isIPv4 = false
        self.high = high
        self.low = low
    }

    var typeName: String { Self.typeName }

    func isEqual(to other: any OpaqueValue) -> Bool {
        guard let other = other as? IPAddress else { return false }
        return self == other
    }

    var bitCount: Int { isIPv4 ? 32 : 128 }

    var ipv4Bits: UInt32 { UInt32(truncatingIfNeeded: low) }

    /// The 16-bit group `index` (0...7) of an IPv6 address.
    func group(_ index: Int) -> UInt16 {
        let word = index < 4 ? high : low
        return UInt16(truncatingIfNeeded: word >> UInt64((3 - index % 4) * 16))
    }

    /// Whether this IPv6 address lies in `::ffff:0:0/96`.
    var isIPv4Mapped: Bool { !isIPv4 && high == 0 && low >> 32 == 0xffff }

    /// The address with all but the first `length` bits cleared.
    func masked(_ length: Int) -> IPAddress {
        if isIPv4 {
            let mask: UInt32 = length <= 0 ? 0 : (length >= 32 ? .max : ~(UInt32.max >> UInt32(length)))
            return IPAddress(ipv4: ipv4Bits & mask)
        }
        let highMask: UInt64 = length <= 0 ? 0 : (length >= 64 ? .max : ~(UInt64.max >> UInt64(length)))
        let lowLength = length - 64
        let lowMask: UInt64 = lowLength <= 0 ? 0 : (lowLength >= 64 ? .max : ~(UInt64.max >> UInt64(lowLength)))
        return IPAddress(ipv6High: high & highMask, low: low & lowMask)
    }

    // MARK: Classification (as Go's net/netip)

    var isUnspecified: Bool { high == 0 && low == 0 }

    var isLoopback: Bool {
        isIPv4 ? ipv4Bits >> 24 == 127 : (high == 0 && low == 1)
    }

    var isMulticast: Bool {
        isIPv4 ? ipv4Bits >> 28 == 0xe : group(0) >> 8 == 0xff
    }

    var isLinkLocalMulticast: Bool {
        isIPv4 ? ipv4Bits >> 8 == 0xe00000 : group(0) & 0xff0f == 0xff02
    }

    var isLinkLocalUnicast: Bool {
        isIPv4 ? ipv4Bits >> 16 == 0xa9fe : group(0) & 0xffc0 == 0xfe80
    }

    var isGlobalUnicast: Bool {
        if isIPv4 && ipv4Bits == .max { return false }
        return !isUnspecified && !isLoopback && !isMulticast && !isLinkLocalUnicast
    }

    // MARK: Text

    /// Dotted decimal for IPv4; RFC 5952 for IPv6 (lower-case hex, no leading zeros, the
    /// longest run of two or more zero groups, the first if tied, written `::`).
    var description: String {
        if isIPv4 {
            let bits = ipv4Bits
            return "\(bits >> 24).\(bits >> 16 & 0xff).\(bits >> 8 & 0xff).\(bits & 0xff)"
        }
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < 8 {
            guard group(index) == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < 8 && group(end) == 0 { end += 1 }
            if end - index > bestLength {
                bestStart = index
                bestLength = end - index
            }
            index = end
        }
        var text = ""
        index = 0
        while index < 8 {
            if index == bestStart {
                text += "::"
                index += bestLength
                continue
            }
            if index > 0 && index != bestStart + bestLength { text += ":" }
            text += String(group(index), radix: 16)
            index += 1
        }
        return text
    }

    /// Parses as Go's `netip.ParseAddr` does. Zones are parsed but reported in `hasZone`; a
    /// dotted quad at the end of an IPv6 address is reported in `hasDottedQuad`.
    static func parseNetIP(_ bytes: ArraySlice<UInt8>) -> Result<
        (address: IPAddress, hasZone: Bool, hasDottedQuad: Bool), AddressParseFailure
    > {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "."):
                return parseIPv4(bytes).map { (IPAddress(ipv4: $0), false, false) }
            case UInt8(ascii: ":"):
                return parseIPv6(bytes)
            case UInt8(ascii: "%"):
                return .failure(.syntax("missing IPv6 address"))
            default:
                continue
            }
        }
        return .failure(.syntax("unable to parse IP"))
    }

    /// Parses as `ip()` does: no zones, no dotted IPv4-mapped form; the hex IPv4-mapped form
    /// becomes the IPv4 address.
    static func parseKubernetes(_ text: String) -> Result<IPAddress, AddressParseFailure> {
        var copy = text
        return copy.withUTF8 { buffer in
            switch parseNetIP(ArraySlice(buffer)) {
            case .failure(let failure): return .failure(failure)
            case .success(let parsed):
                if parsed.hasZone { return .failure(.zone) }
                if parsed.address.isIPv4Mapped {
                    if parsed.hasDottedQuad { return .failure(.mapped) }
                    return .success(IPAddress(ipv4: UInt32(truncatingIfNeeded: parsed.address.low)))
                }
                return .success(parsed.address)
            }
        }
    }

    /// A dotted quad: four decimal fields of at most 255, no leading zeros, nothing else.
    static func parseIPv4(_ bytes: ArraySlice<UInt8>) -> Result<UInt32, AddressParseFailure> {
        var value: UInt32 = 0
        var fields = 0
        var field: UInt32 = 0
        var digits = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if digits == 1 && field == 0 { return .failure(.syntax("IPv4 field has octet with leading zero")) }
                field = field * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                if field > 255 { return .failure(.syntax("IPv4 field has value >255")) }
            case UInt8(ascii: "."):
                if digits == 0 { return .failure(.syntax("IPv4 field must have at least one digit")) }
                if fields == 3 { return .failure(.syntax("IPv4 address too long")) }
                value = value << 8 | field
                fields += 1
                field = 0
                digits = 0
            default:
                return .failure(.syntax("unexpected character"))
            }
        }
        if digits == 0 { return .failure(.syntax("IPv4 field must have at least one digit")) }
        if fields != 3 { return .failure(.syntax("IPv4 address too short")) }
        return .success(value << 8 | field)
    }

    private static func parseIPv6(_ input: ArraySlice<UInt8>) -> Result<
        (address: IPAddress, hasZone: Bool, hasDottedQuad: Bool), AddressParseFailure
    > {
        var bytes = input
        var hasZone = false
        if let percent = bytes.firstIndex(of: UInt8(ascii: "%")) {
            if percent + 1 == bytes.endIndex { return .failure(.syntax("zone must be a non-empty string")) }
            hasZone = true
            bytes = bytes[bytes.startIndex..<percent]
        }
        var groups = [UInt16](repeating: 0, count: 8)
        var count = 0
        var ellipsis = -1
        var dotted = false
        var position = bytes.startIndex
        let end = bytes.endIndex
        let colon = UInt8(ascii: ":")
        if end - position >= 2 && bytes[position] == colon && bytes[position + 1] == colon {
            ellipsis = 0
            position += 2
        }
        while position < end && count < 8 {
            let fieldStart = position
            var value: UInt32 = 0
            var digits = 0
            while position < end, let digit = hexValue(bytes[position]) {
                value = value << 4 | UInt32(digit)
                digits += 1
                if digits > 4 { return .failure(.syntax("IPv6 field has value >=2^16")) }
                position += 1
            }
            if digits == 0 { return .failure(.syntax("each colon-separated field must have at least one digit")) }
            if position < end && bytes[position] == UInt8(ascii: ".") {
                // A dotted quad replaces the last two groups.
                if count > 6 {
                    return .failure(.syntax("embedded IPv4 address must replace the final 2 fields of the address"))
                }
                if ellipsis < 0 && count != 6 { return .failure(.syntax("address string too short")) }
                switch parseIPv4(bytes[fieldStart..<end]) {
                case .failure(let failure): return .failure(failure)
                case .success(let quad):
                    groups[count] = UInt16(truncatingIfNeeded: quad >> 16)
                    groups[count + 1] = UInt16(truncatingIfNeeded: quad)
                }
                count += 2
                position = end
                dotted = true
                break
            }
            groups[count] = UInt16(value)
            count += 1
            if position == end { break }
            guard bytes[position] == colon else { return .failure(.syntax("unexpected character")) }
            position += 1
            if position < end && bytes[position] == colon {
                if ellipsis >= 0 { return .failure(.syntax("multiple :: in address")) }
                ellipsis = count
                position += 1
                if position == end { break }
            } else if position == end {
                return .failure(.syntax("colon must be followed by more characters"))
            }
        }
        if position < end { return .failure(.syntax("trailing garbage after address")) }
        if count < 8 {
            if ellipsis < 0 { return .failure(.syntax("address string too short")) }
            let gap = 8 - count
            var expanded = [UInt16](repeating: 0, count: 8)
            for index in 0..<ellipsis { expanded[index] = groups[index] }
            for index in ellipsis..<count { expanded[index + gap] = groups[index] }
            groups = expanded
        } else if ellipsis >= 0 {
            return .failure(.syntax("the :: must expand to at least one field of zeros"))
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for index in 0..<4 { high = high << 16 | UInt64(groups[index]) }
        for index in 4..<8 { low = low << 16 | UInt64(groups[index]) }
        return .success((IPAddress(ipv6High: high, low: low), hasZone, dotted))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// A CIDR block (`net.CIDR`): an address as written (not masked) and a prefix length.
/// Two blocks are equal when both the address and the length are.
struct CIDR: OpaqueValue, Hashable {
    static let typeName = "net.CIDR"

    let address: IPAddress
    let length: Int

    var typeName: String { Self.typeName }

    func isEqual(to other: any OpaqueValue) -> Bool {
        guard let other = other as? CIDR else { return false }
        return self == other
    }

    var description: String { "\(address)/\(length)" }

    var masked: CIDR { CIDR(address: address.masked(length), length: length) }

    func contains(_ other: IPAddress) -> Bool {
        other.isIPv4 == address.isIPv4 && other.masked(length) == address.masked(length)
    }

    func contains(_ other: CIDR) -> Bool {
        other.address.isIPv4 == address.isIPv4 && length <= other.length
            && other.address.masked(length) == address.masked(length)
    }

    /// Parses as `cidr()` does: `address/length` with the address rules of `ip()` and a decimal
    /// length without leading zeros. A hex IPv4-mapped block of length 96 or more becomes the
    /// IPv4 block it maps; a shorter one is rejected like the dotted form.
    static func parseKubernetes(_ text: String) -> Result<CIDR, AddressParseFailure> {
        var copy = text
        return copy.withUTF8 { buffer in
            let bytes = ArraySlice(buffer)
            guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else {
                return .failure(.syntax("no '/'"))
            }
            let parsed: (address: IPAddress, hasZone: Bool, hasDottedQuad: Bool)
            switch IPAddress.parseNetIP(bytes[bytes.startIndex..<slash]) {
            case .failure(let failure): return .failure(failure)
            case .success(let result): parsed = result
            }
            if parsed.hasZone { return .failure(.zone) }
            let digits = bytes[(slash + 1)...]
            guard !digits.isEmpty, digits.count <= 3,
                digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                digits.count == 1 || digits.first != UInt8(ascii: "0")
            else {
                return .failure(.syntax("bad bits after slash"))
            }
            let length = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
            guard length <= parsed.address.bitCount else { return .failure(.syntax("prefix length out of range")) }
            if parsed.address.isIPv4Mapped {
                if parsed.hasDottedQuad || length < 96 { return .failure(.mapped) }
                let ipv4 = IPAddress(ipv4: UInt32(truncatingIfNeeded: parsed.address.low))
                return .success(CIDR(address: ipv4, length: length - 96))
            }
            return .success(CIDR(address: parsed.address, length: length))
        }
    }
}
