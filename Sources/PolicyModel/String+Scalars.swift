/// Strings from and to arrays of Unicode scalars, the form the Dockerfile and shell readers work
/// on (one element per column, as `Span` counts them).
extension String {
    /// The string of `scalars`, encoded directly as UTF-8.
    public init(scalars: ArraySlice<Unicode.Scalar>) {
        // The UTF-8 length first, then the bytes written into the string's own storage: no
        // intermediate array, and no storage at all for up to fifteen bytes.
        var length = 0
        for scalar in scalars { length += UTF8.width(scalar) }
        self.init(unsafeUninitializedCapacity: length) { buffer in
            var position = 0
            for scalar in scalars {
                if scalar.value < 0x80 {
                    buffer[position] = UInt8(truncatingIfNeeded: scalar.value)
                    position += 1
                } else {
                    for byte in scalar.utf8 {
                        buffer[position] = byte
                        position += 1
                    }
                }
            }
            return position
        }
    }

    /// The string's scalars, read in one pass.
    public var scalarArray: [Unicode.Scalar] {
        let utf8 = self.utf8
        // ASCII text, the usual Dockerfile, is one scalar per byte.
        let ascii = utf8.withContiguousStorageIfAvailable { bytes -> [Unicode.Scalar]? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return bytes.map { Unicode.Scalar($0) }
        }
        if let ascii, let ascii { return ascii }
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(utf8.count)
        for scalar in unicodeScalars { scalars.append(scalar) }
        return scalars
    }
}
