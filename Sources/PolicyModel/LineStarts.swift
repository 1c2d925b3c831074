#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where each line of a UTF-8 text starts, to turn byte offsets into the 1-based lines and columns
/// that `Location` and `Span` use (columns counted in Unicode scalars), and back.
public struct LineStarts: Sendable {
    /// The byte offset of each line's first byte; the first is 0.
    public let offsets: [Int]

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var found = [0]
        if let base = bytes.baseAddress {
            var position = 0
            while position < bytes.count, let newline = memchr(base + position, 0x0A, bytes.count - position) {
                position = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                found.append(position)
            }
        }
        offsets = found
    }

    public init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { LineStarts($0) }
    }

    /// The 1-based line that holds byte `offset`.
    public func line(of offset: Int) -> Int {
        var low = 0
        var high = offsets.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if offsets[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The column of byte `offset`, counting scalars from byte `start` (the start of its line, or
    /// an earlier place on it whose column is `column`).
    public static func column(
        of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, column: Int = 1
    ) -> Int {
        var column = column
        var position = start
        while position < offset && position < bytes.count {
            // Every byte that does not continue a UTF-8 sequence starts a scalar.
            if bytes[position] & 0xC0 != 0x80 { column += 1 }
            position += 1
        }
        return column
    }

    /// The 1-based line and column of byte `offset` in `bytes`, the text these starts were read from.
    public func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        let line = line(of: offset)
        return (line, Self.column(of: offset, in: bytes, from: offsets[line - 1]))
    }
}
