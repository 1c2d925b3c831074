import CZlib

/// Deflate streams inflated with zlib, never past a limit: an archive member that says it holds a
/// kilobyte and inflates to gigabytes (a zip bomb) stops at the limit.
enum Inflate {
    enum Wrapper {
        /// Raw deflate, as zip members hold it.
        case raw
        /// A gzip member (`.gz`, `.tgz`).
        case gzip

        var windowBits: Int32 { self == .raw ? -15 : 15 + 16 }
    }

    enum Failure: Error, Equatable {
        /// More than the limit would come out.
        case tooLarge
        /// The data is not a valid stream (zlib's message).
        case corrupt(String)
    }

    /// The bytes `range` of `bytes` inflate to, at most `limit` of them.
    static func inflate(_ bytes: [UInt8], _ range: Range<Int>, wrapper: Wrapper, limit: Int) -> Result<[UInt8], Failure>
    {
        bytes.withUnsafeBytes { raw in
            Result { () throws(Failure) in
                try inflate(UnsafeRawBufferPointer(rebasing: raw[range]), wrapper: wrapper, limit: limit)
            }
        }
    }

    /// The bytes `input` inflates to, at most `limit` of them.
    static func inflate(_ input: UnsafeRawBufferPointer, wrapper: Wrapper, limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit2_(&stream, wrapper.windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw .corrupt("zlib could not start") }
        defer { inflateEnd(&stream) }
        guard let base = input.baseAddress else { return [] }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(min(input.count, Int(UInt32.max)))
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(buffer.count)
                return CZlib.inflate(&stream, Z_NO_FLUSH)
            }
            let produced = chunk.count - Int(stream.avail_out)
            guard output.count + produced <= limit else { throw .tooLarge }
            output += chunk[0..<produced]
            switch status {
            case Z_STREAM_END:
                return output
            case Z_OK:
                continue
            case Z_BUF_ERROR where produced > 0:
                continue
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "the stream ends early"
                throw .corrupt(message)
            }
        }
    }
}
