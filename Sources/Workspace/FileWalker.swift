import Dispatch
import PolicyModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the files a scan reads.
///
/// `root` itself when it is a file (whatever its extension), else the files under it whose
/// extension is one of `extensions` or whose name `names` accepts (`Dockerfile`), in sorted
/// order. Hidden folders (`.git`) are skipped, except `.github` and `.gitlab`, where CI
/// definitions live; symbolic links to folders are not followed, so a link cycle cannot make a
/// walk endless; a link that points back into its own ancestry or nowhere is reported as a notice. Paths are `root`
/// joined with the path under it; `skip` patterns are matched against the path under `root`, and
/// a folder that matches is not entered.
public enum FileWalker {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \"\(path)\": \(reason)" }
    }

    public static func files(
        under root: String, extensions: Set<String>, names: @escaping @Sendable (String) -> Bool = { _ in false },
        skip: [PathGlob] = []
    ) -> (files: [String], diagnostics: [Diagnostic]) {
        var info = stat()
        guard stat(root, &info) == 0 else {
            return ([], [Diagnostic(.error, "cannot read \"\(root)\": \(errnoText())", at: at(root))])
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return ([root], []) }
        var walk = Walk(extensions: extensions, names: names, skip: skip, root: realPath(root) ?? root)
        walk.visit(root, relative: "", splitDepth: Walk.splitDepth)
        if walk.files.isEmpty && walk.diagnostics.isEmpty {
            let list = extensions.sorted().map { "." + $0 }.joined(separator: ", ")
            walk.diagnostics.append(Diagnostic(.notice, "no \(list) files to scan under \"\(root)\"", at: at(root)))
        }
        return (walk.files, walk.diagnostics)
    }

    private struct Walk: Sendable {
        let extensions: Set<String>
        let names: @Sendable (String) -> Bool
        let skip: [PathGlob]
        /// The real path of the folder walked, for telling where a link to a folder points.
        let root: String
        var files: [String] = []
        var diagnostics: [Diagnostic] = []

        /// How many levels of folders hand their subfolders to every core: a walk is mostly
        /// waiting on the kernel for each folder (a tree of copied repositories has more folders
        /// than files), and the subtrees of the first levels are independent.
        static let splitDepth = 2

        /// A subfolder to walk, and where its files go among its siblings'.
        private struct Subtree {
            var path: String
            var relative: String
            /// The number of files found before it in its parent.
            var position: Int
        }

        mutating func visit(_ directory: String, relative: String, splitDepth: Int = 0) {
            var subtrees: [Subtree] = []
            visitEntries(directory, relative: relative) { path, under, files in
                guard splitDepth > 0 else { return false }
                subtrees.append(Subtree(path: path, relative: under, position: files.count))
                return true
            }
            guard !subtrees.isEmpty else { return }
            // Each subtree on any core, then their files put back in place, in order.
            let results = Mutex([(files: [String], diagnostics: [Diagnostic])?](repeating: nil, count: subtrees.count))
            let template = Walk(extensions: extensions, names: names, skip: skip, root: root)
            let pending = subtrees
            DispatchQueue.concurrentPerform(iterations: pending.count) { index in
                var walk = template
                let subtree = pending[index]
                walk.visit(subtree.path, relative: subtree.relative, splitDepth: splitDepth - 1)
                results.withLock { $0[index] = (walk.files, walk.diagnostics) }
            }
            let found = results.withLock { $0 }
            var merged: [String] = []
            var taken = 0
            for (subtree, result) in zip(subtrees, found) {
                merged += files[taken..<subtree.position]
                taken = subtree.position
                merged += result?.files ?? []
                diagnostics += result?.diagnostics ?? []
            }
            merged += files[taken...]
            files = merged
        }

        /// Reads one folder; a subfolder is walked at once unless `defer` takes it (and returns
        /// true), given its path, its path under the root and the files so far.
        private mutating func visitEntries(
            _ directory: String, relative: String, defer deferred: (String, String, [String]) -> Bool
        ) {
            guard let handle = opendir(directory) else {
                diagnostics.append(
                    Diagnostic(.error, "cannot read \"\(directory)\": \(errnoText())", at: at(directory)))
                return
            }
            // The type readdir gives (when the file system gives one) spares a stat per file and
            // per folder: only links, and entries of a file system that gives no type, are looked at.
            var entries: [(name: String, type: UInt8)] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { entries.append((name, entry.pointee.d_type)) }
            }
            closedir(handle)
            let prefix = directory == "." ? "" : directory.hasSuffix("/") ? directory : directory + "/"
            for (name, type) in entries.sorted(by: { $0.name < $1.name }) {
                let path = prefix + name
                let under = relative.isEmpty ? name : relative + "/" + name
                if skip.contains(where: { $0.matches(under) }) { continue }
                var kind: mode_t
                switch type {
                case UInt8(DT_REG): kind = S_IFREG
                case UInt8(DT_DIR): kind = S_IFDIR
                default:
                    var info = stat()
                    guard lstat(path, &info) == 0 else { continue }
                    kind = info.st_mode & S_IFMT
                }
                if kind == S_IFLNK {
                    var info = stat()
                    guard stat(path, &info) == 0 else {
                        if matchesExtension(name) {
                            diagnostics.append(
                                Diagnostic(.notice, "symbolic link \"\(path)\" points nowhere; skipped", at: at(path)))
                        }
                        continue
                    }
                    kind = info.st_mode & S_IFMT
                    if kind == S_IFDIR {
                        // A link to a folder is not followed; one that loops back is worth a word.
                        if let target = realPath(path), pointsBack(target, from: directory) {
                            diagnostics.append(
                                Diagnostic(
                                    .notice,
                                    "symbolic link \"\(path)\" points back to \"\(target)\", a folder being scanned; "
                                        + "not followed", at: at(path)))
                        }
                        continue
                    }
                }
                if kind == S_IFDIR {
                    if !name.hasPrefix(".") || Self.enteredHiddenFolders.contains(name) {
                        if !deferred(path, under, files) { visit(path, relative: under) }
                    }
                } else if kind == S_IFREG, matchesExtension(name) {
                    files.append(path)
                }
            }
        }

        /// Whether `target` (a real path) is `directory` or one of its ancestors within the walk.
        private func pointsBack(_ target: String, from directory: String) -> Bool {
            guard target == root || target.hasPrefix(root.hasSuffix("/") ? root : root + "/"),
                let here = realPath(directory)
            else { return false }
            return here == target || here.hasPrefix(target.hasSuffix("/") ? target : target + "/")
        }

        /// Hidden folders that hold inputs: GitHub Actions workflows and GitLab CI templates.
        static let enteredHiddenFolders: Set<String> = [".github", ".gitlab"]

        private func matchesExtension(_ name: String) -> Bool {
            if names(name) { return true }
            guard let dot = name.lastIndex(of: ".") else { return false }
            return extensions.contains(String(name[name.index(after: dot)...]).lowercased())
        }
    }

    /// Writes `text` to `path`, replacing the file, straight from the string's own storage.
    public static func writeFile(_ text: String, to path: String) throws(WriteError) {
        var text = text
        if let failure = text.withUTF8({ writeAll($0, to: path) }) { throw failure }
    }

    /// Writes `chunks` one after another to `path`, replacing the file: each at its place, on
    /// every core, so that a report of tens of megabytes is copied to the file system by all of
    /// them rather than joined first and written by one.
    public static func writeFile(chunks: [[UInt8]], to path: String) throws(WriteError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw WriteError(path: path, reason: errnoText()) }
        defer { close(descriptor) }
        var starts: [Int] = []
        var total = 0
        for chunk in chunks {
            starts.append(total)
            total += chunk.count
        }
        let offsets = starts
        // A file that cannot be written at an offset (a pipe named as the output) is written in order.
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            for chunk in chunks {
                if let failure = chunk.withUnsafeBufferPointer({ writeAll($0, to: descriptor, path: path) }) {
                    throw failure
                }
            }
            return
        }
        let failures = Mutex<WriteError?>(nil)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            let failure = chunks[index].withUnsafeBufferPointer { bytes -> WriteError? in
                var written = 0
                while written < bytes.count, let base = bytes.baseAddress {
                    let count = pwrite(
                        descriptor, base + written, bytes.count - written, off_t(offsets[index] + written))
                    if count < 0 {
                        if errno == EINTR { continue }
                        return WriteError(path: path, reason: errnoText())
                    }
                    written += count
                }
                return nil
            }
            if let failure { failures.withLock { $0 = $0 ?? failure } }
        }
        if let failure = failures.withLock({ $0 }) { throw failure }
    }

    /// The error, or `nil` once every byte is written.
    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to path: String) -> WriteError? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return WriteError(path: path, reason: errnoText()) }
        defer { close(descriptor) }
        return writeAll(bytes, to: descriptor, path: path)
    }

    private static func writeAll(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32, path: String) -> WriteError?
    {
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return WriteError(path: path, reason: errnoText())
            }
            offset += written
        }
        return nil
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }

private func at(_ path: String) -> Location { Location(file: path, line: 1, column: 1) }
