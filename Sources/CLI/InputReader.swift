#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gives the bytes of a file, or of standard input for `nil` or "-". A regular file is mapped
/// into memory rather than copied, so a search starts as soon as the file is opened.
enum InputReader {
    struct ReadError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot read \"\(path)\": \(reason)" }
    }

    static func withContents<R>(path: String?, _ body: (UnsafeBufferPointer<UInt8>) -> R) throws(ReadError) -> R {
        let name = path ?? "-"
        guard name != "-" else {
            let bytes = try readAll(descriptor: STDIN_FILENO, name: name)
            return bytes.withUnsafeBufferPointer(body)
        }
        let descriptor = open(name, O_RDONLY)
        guard descriptor >= 0 else { throw ReadError(path: name, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw ReadError(path: name, reason: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw ReadError(path: name, reason: "is a directory") }
        let size = Int(info.st_size)
        if (info.st_mode & S_IFMT) == S_IFREG && size > 0,
            let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED
        {
            defer { munmap(mapped, size) }
            return body(UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size))
        }
        // Pipes, devices and empty files are read the ordinary way.
        let bytes = try readAll(descriptor: descriptor, name: name)
        return bytes.withUnsafeBufferPointer(body)
    }

    private static func readAll(descriptor: Int32, name: String) throws(ReadError) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: name, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            result.append(contentsOf: chunk[0..<got])
        }
        return result
    }
}
