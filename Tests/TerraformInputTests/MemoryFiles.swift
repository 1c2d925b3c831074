@testable import TerraformInput

/// An in-memory file tree for the module loader.
struct MemoryFiles: ModuleFiles {
    var files: [String: String]

    init(_ files: [String: String]) {
        self.files = files
    }

    func fileNames(in directory: String) -> [String]? {
        let prefix = directory == "." ? "" : directory + "/"
        let names = files.keys.compactMap { path -> String? in
            guard path.hasPrefix(prefix) else { return nil }
            let rest = path.dropFirst(prefix.count)
            return rest.contains("/") ? nil : String(rest)
        }
        return names.isEmpty ? nil : names
    }

    func contents(of path: String) -> [UInt8]? {
        files[path].map { Array($0.utf8) }
    }
}
