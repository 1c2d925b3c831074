#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gives the bytes of a file, or of standard input for `nil` or "-". A large regular file is
/// mapped into memory rather than copied, so a search starts as soon as the file is opened; a
/// small one (most inputs: workflows, Dockerfiles, manifests) is read into memory, since mapping
/// and unmapping it costs more than the copy, and unmapping in a process with many threads makes
/// every core flush its address translations.
public enum InputReader {
    public struct ReadError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot read \"\(path)\": \(reason)" }
    }

    /// Calls `body` with the bytes; a file larger than `maxBytes` is an error rather than read.
    public static func withContents<R>(
        path: String?, maxBytes: Int = .max, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) throws(ReadError) -> R {
        let name = path ?? "-"
        guard name != "-" else {
            let bytes = try readAll(descriptor: STDIN_FILENO, name: name, maxBytes: maxBytes)
            return bytes.withUnsafeBufferPointer(body)
        }
        let (descriptor, info) = try openChecked(name, maxBytes: maxBytes)
        defer { close(descriptor) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw ReadError(path: name, reason: "is a directory") }
        let size = Int(info.st_size)
        if (info.st_mode & S_IFMT) == S_IFREG && size > 0 && size <= Self.largeFile {
            let bytes = try readAll(descriptor: descriptor, name: name, maxBytes: maxBytes, expected: size)
            return bytes.withUnsafeBufferPointer(body)
        }
        if (info.st_mode & S_IFMT) == S_IFREG && size > 0,
            let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED
        {
            defer { munmap(mapped, size) }
            return body(UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size))
        }
        // Pipes, devices and empty files are read the ordinary way.
        let bytes = try readAll(descriptor: descriptor, name: name, maxBytes: maxBytes)
        return bytes.withUnsafeBufferPointer(body)
    }

    /// The bytes of the file at `path` (a regular file; `nil` for anything else, so that the
    /// caller reads it with `withContents`), or `[]` when `binaryPrefix` bytes or fewer are read
    /// first and hold a NUL byte: a binary file is not read on. What a scan for secrets reads
    /// every file of a tree with, where most of the bytes can be in binaries.
    public static func textContents(path: String, maxBytes: Int, binaryPrefix: Int) throws(ReadError) -> [UInt8]? {
        let (descriptor, info) = try openChecked(path, maxBytes: maxBytes)
        defer { close(descriptor) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        var failure: Int32 = 0
        // One byte more than the size, so that a file that grew since is noticed (`nil`: the
        // caller reads it the ordinary way).
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            var filled = 0
            var checked = false
            while filled < buffer.count {
                let wanted = checked ? buffer.count - filled : min(binaryPrefix, buffer.count) - filled
                let got = read(descriptor, base + filled, wanted)
                if got < 0 && errno == EINTR { continue }
                if got < 0 {
                    failure = errno
                    return
                }
                filled += got
                if !checked && (got == 0 || filled >= min(binaryPrefix, buffer.count)) {
                    checked = true
                    if memchr(base, 0, filled) != nil {
                        count = 0
                        return
                    }
                }
                if got == 0 { break }
            }
            complete = filled <= size
            count = filled
        }
        if failure != 0 { throw ReadError(path: path, reason: String(cString: strerror(failure))) }
        return complete ? bytes : nil
    }

    /// The file at `path` opened for reading, and its status; one larger than `maxBytes` is an
    /// error (folders and devices report no size that could be).
    private static func openChecked(_ path: String, maxBytes: Int) throws(ReadError) -> (Int32, stat) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw ReadError(path: path, reason: reason)
        }
        let size = Int(info.st_size)
        if (info.st_mode & S_IFMT) == S_IFREG && size > maxBytes {
            close(descriptor)
            throw ReadError(
                path: path, reason: "it is \(megabytes(size)) MiB, over the \(megabytes(maxBytes)) MiB limit")
        }
        return (descriptor, info)
    }

    /// Files up to this size are read rather than mapped.
    static let largeFile = 1 << 20

    private static func readAll(
        descriptor: Int32, name: String, maxBytes: Int, expected: Int = 0
    ) throws(ReadError) -> [UInt8] {
        var result: [UInt8] = []
        if expected > 0 {
            // A regular file of known size: one read into the array, asking for a byte more than
            // its size so that a file that grew since is noticed and read on below. A read that
            // returns less than was asked of a regular file has reached its end.
            var got = 0
            result = try [UInt8](unsafeUninitializedCapacity: expected + 1) { buffer, count throws(ReadError) in
                while true {
                    let read = read(descriptor, buffer.baseAddress, buffer.count)
                    if read < 0 && errno == EINTR { continue }
                    guard read >= 0 else { throw ReadError(path: name, reason: String(cString: strerror(errno))) }
                    got = read
                    count = read
                    return
                }
            }
            if got <= expected { return result }
        }
        var chunk = [UInt8](repeating: 0, count: expected > 0 ? expected + 1 : 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw ReadError(path: name, reason: String(cString: strerror(errno)))
            }
            if got == 0 { break }
            result.append(contentsOf: chunk[0..<got])
            if result.count > maxBytes {
                throw ReadError(path: name, reason: "it is over the \(megabytes(maxBytes)) MiB limit")
            }
        }
        return result
    }

    private static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10)"
    }
}
