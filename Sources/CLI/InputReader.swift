#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a whole file, or standard input for `nil` or "-", as bytes.
enum InputReader {
    struct ReadError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot read \"\(path)\": \(reason)" }
    }

    static func readAll(path: String?) throws(ReadError) -> [UInt8] {
        let descriptor: Int32
        let name = path ?? "-"
        if name == "-" {
            descriptor = STDIN_FILENO
        } else {
            descriptor = open(name, O_RDONLY)
            guard descriptor >= 0 else { throw ReadError(path: name, reason: String(cString: strerror(errno))) }
        }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var result: [UInt8] = []
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw ReadError(path: name, reason: "is a directory")
        }
        if fstat(descriptor, &info) == 0, info.st_size > 0 { result.reserveCapacity(Int(info.st_size)) }
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
