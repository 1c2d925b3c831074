#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Shannon entropy of a candidate secret, in bits per character: how unpredictable its characters
/// are given their own frequencies. A generated key over a 64-symbol alphabet scores near 6 for a
/// long string (at most log2 of its length for a short one); `password123` or `xxxxxxxx` score low.
public enum Entropy {
    public static func bitsPerCharacter(_ bytes: some Collection<UInt8>) -> Double {
        guard !bytes.isEmpty else { return 0 }
        // Counted on the stack: every candidate of a generic detector is measured.
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 256) { counts in
            counts.initialize(repeating: 0)
            for byte in bytes { counts[Int(byte)] += 1 }
            let total = Double(bytes.count)
            var entropy = 0.0
            for count in counts where count > 0 {
                let share = Double(count) / total
                entropy -= share * log2(share)
            }
            return entropy
        }
    }
}

/// The least entropy a detector asks of a secret: one floor for every value, or one per class of
/// characters the value is made of. A string of random hexadecimal digits scores less than one of
/// random base64 characters of the same length (sixteen symbols against sixty-four: about 3.7 bits
/// against 4.6 for 32 characters), so one floor either lets weak base64 through or drops random
/// hex; a floor per class asks each value what randomness looks like in its own alphabet.
///
/// ```yaml
/// entropy: 3.5                                    # every value
/// entropy: {hex: 3.0, alphanumeric: 3.3, any: 3.5} # by the narrowest class the value is in
/// ```
public struct EntropyFloor: Sendable, Equatable {
    /// Classes from the narrowest: a value is in the first whose characters it uses alone.
    public enum CharacterClass: String, Sendable, CaseIterable, Comparable {
        /// `0-9`, `a-f`, `A-F`.
        case hex
        /// `0-9`, `A-Z`, `a-z`.
        case alphanumeric
        /// The base64 alphabets: alphanumerics with `+`, `/`, `-`, `_` and `=` padding.
        case base64
        /// Anything else (a password with signs, spaces).
        case any

        public static func < (left: Self, right: Self) -> Bool {
            allCases.firstIndex(of: left) ?? 0 < allCases.firstIndex(of: right) ?? 0
        }
    }

    /// Bits per character by class; a value whose class has none takes the next wider class's.
    public var floors: [CharacterClass: Double]

    /// One floor for every value.
    public init(_ bits: Double) { floors = [.any: bits] }

    public init(floors: [CharacterClass: Double]) { self.floors = floors }

    /// The narrowest class whose characters `value` uses alone.
    public static func characterClass(of value: some Sequence<UInt8>) -> CharacterClass {
        var narrowest = CharacterClass.hex
        for byte in value {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                UInt8(ascii: "A")...UInt8(ascii: "F"):
                continue
            case UInt8(ascii: "g")...UInt8(ascii: "z"), UInt8(ascii: "G")...UInt8(ascii: "Z"):
                narrowest = max(narrowest, .alphanumeric)
            case UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="):
                narrowest = max(narrowest, .base64)
            default:
                return .any
            }
        }
        return narrowest
    }

    /// The floor for `value`: its class's, else the next wider class's that has one.
    public func floor(for value: some Collection<UInt8>) -> Double? {
        let own = Self.characterClass(of: value)
        return CharacterClass.allCases.filter { $0 >= own }.lazy.compactMap { floors[$0] }.first
    }

    /// Whether `value` is random enough.
    public func admits(_ value: some Collection<UInt8>) -> Bool {
        guard let floor = floor(for: value) else { return true }
        return Entropy.bitsPerCharacter(value) >= floor
    }
}
