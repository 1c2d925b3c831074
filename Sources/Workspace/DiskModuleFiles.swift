import TerraformInput

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Terraform module loader's view of the disk: the regular files of a folder (hidden ones
/// left out) and their bytes, each file at most `maxBytes`.
struct DiskModuleFiles: ModuleFiles {
    let maxBytes: Int

    func fileNames(in directory: String) -> [String]? {
        guard let handle = opendir(directory) else { return nil }
        defer { closedir(handle) }
        var names: [String] = []
        let prefix = directory == "." ? "" : directory.hasSuffix("/") ? directory : directory + "/"
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard !name.hasPrefix(".") else { continue }
            var info = stat()
            guard stat(prefix + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            names.append(name)
        }
        return names
    }

    func contents(of path: String) -> [UInt8]? {
        try? InputReader.withContents(path: path, maxBytes: maxBytes) { Array($0) }
    }
}
