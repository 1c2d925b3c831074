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
