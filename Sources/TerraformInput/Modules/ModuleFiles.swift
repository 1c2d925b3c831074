/// How the module loader reads files: the scan's own reader on disk, an in-memory tree in tests.
/// Paths are joined with `/`; a directory is named without a trailing slash.
public protocol ModuleFiles: Sendable {
    /// The names (not paths) of the regular files directly inside `directory`, or `nil` when it
    /// is not a readable directory.
    func fileNames(in directory: String) -> [String]?
    /// The bytes of the file at `path`, or `nil` when it cannot be read.
    func contents(of path: String) -> [UInt8]?
}

/// Path arithmetic on `/`-separated paths, without touching the file system.
enum Paths {
    static func join(_ directory: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalise(relative) }
        if directory.isEmpty || directory == "." { return normalise(relative) }
        return normalise(directory + "/" + relative)
    }

    /// Removes `.` and resolves `..` against earlier components where there are some.
    static func normalise(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// Whether `path` is `root` or inside it.
    static func isInside(_ path: String, _ root: String) -> Bool {
        if root == "." { return !path.hasPrefix("/") && !path.hasPrefix("..") }
        return path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}
