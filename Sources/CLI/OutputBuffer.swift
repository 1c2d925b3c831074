#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Buffered standard output: printing a million matches must not mean a million writes.
struct OutputBuffer {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    mutating func write(_ text: String) {
        // A large text (a whole report) goes out from its own storage rather than being copied.
        guard text.utf8.count < 1 << 16 else {
            flush()
            var text = text
            text.withUTF8 { write(bytes: $0) }
            return
        }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func write(bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count < 1 << 16 else {
            flush()
            Self.writeAll(bytes)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(STDOUT_FILENO, base + offset, bytes.count - offset)
            if written <= 0 {
                if errno == EINTR { continue }
                break
            }
            offset += written
        }
    }

    mutating func flush() {
        buffer.withUnsafeBufferPointer { Self.writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Writes a line to standard error.
func printError(_ text: String) {
    var line = Array(text.utf8)
    line.append(0x0A)
    line.withUnsafeBytes { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
}
