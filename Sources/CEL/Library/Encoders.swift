extension Library {
    /// The encoders extension library of cel-go: standard base64 (RFC 4648, `+` and `/`).
    public static let encoders = Library(
        name: "encoders",
        functions: [
            Function(
                "base64.encode", doc: "Encodes bytes as standard base64 text with padding.",
                overloads: [
                    .global("base64_encode_bytes", [.bytes], returns: .string) { args in
                        guard case .bytes(let bytes) = args[0] else { return .noSuchOverload }
                        return .string(Base64.encode(bytes))
                    }
                ]),
            Function(
                "base64.decode",
                doc: "Decodes standard base64 text, with or without padding; anything else is an error.",
                overloads: [
                    .global("base64_decode_string", [.string], returns: .bytes) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        switch Base64.decode(text) {
                        case .success(let bytes): return .bytes(bytes)
                        case .failure(let failure): return .error("illegal base64 data at input byte \(failure.offset)")
                        }
                    }
                ]),
        ])
}

/// Standard base64 without Foundation.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Alphabet position of each byte, or 0xFF for bytes outside the alphabet.
    private static let positions: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    struct Failure: Error {
        /// Byte offset of the first bad input byte.
        var offset: Int
    }

    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let b0 = UInt32(bytes[index])
            let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            output.append(remaining > 1 ? alphabet[Int(group >> 6 & 0x3F)] : UInt8(ascii: "="))
            output.append(remaining > 2 ? alphabet[Int(group & 0x3F)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes padded text, or, as cel-go falls back to, text without any padding. Line breaks
    /// (CR and LF) are skipped, as Go's decoder does; bits after the last full byte are ignored.
    static func decode(_ text: String) -> Result<[UInt8], Failure> {
        // Input bytes without line breaks, each with its offset in the original text.
        var symbols: [(byte: UInt8, offset: Int)] = []
        for (offset, byte) in text.utf8.enumerated() where byte != 0x0A && byte != 0x0D {
            symbols.append((byte, offset))
        }
        var padding = 0
        if symbols.count % 4 == 0 {
            while padding < 2, let last = symbols.last, last.byte == UInt8(ascii: "=") {
                symbols.removeLast()
                padding += 1
            }
        }
        // With padding removed, a final group of one symbol can never be valid.
        if symbols.count % 4 == 1 {
            return .failure(Failure(offset: symbols.last?.offset ?? 0))
        }
        if padding > 0 && (symbols.count + padding) % 4 != 0 {
            return .failure(Failure(offset: symbols.last?.offset ?? 0))
        }
        var output: [UInt8] = []
        output.reserveCapacity(symbols.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for symbol in symbols {
            let position = positions[Int(symbol.byte)]
            guard position != 0xFF else { return .failure(Failure(offset: symbol.offset)) }
            accumulator = accumulator << 6 | UInt32(position)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        return .success(output)
    }
}
