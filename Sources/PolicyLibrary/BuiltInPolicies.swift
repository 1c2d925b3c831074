import Foundation
import PolicyEngine
import PolicyModel
import Synchronization

/// The policies that ship with Palisade: every `*.yaml` file under the bundled `Policies` folder,
/// one policy per file, found without a registration list.
public enum BuiltInPolicies {
    /// The bundled policies in the order of their paths, and every problem reading them. File names
    /// are relative to the bundle (`Policies/kubernetes/k8s-privileged-container.yaml`). With
    /// `kinds`, only the policies of those inputs are read (each input's policies sit in a folder
    /// named after it; Terraform's serve plans too), so a scan of workflows does not compile the
    /// cloud policies. Files are read and compiled on every core.
    public static func load(kinds: Set<String>? = nil) -> (policies: [Policy], diagnostics: [Diagnostic]) {
        guard let root = Bundle.module.url(forResource: "Policies", withExtension: nil) else {
            let location = Location(file: "Policies", line: 1, column: 1)
            return ([], [Diagnostic(.error, "the built-in policy folder is missing from the bundle", at: location)])
        }
        var folders = kinds
        if let requested = kinds, requested.contains("terraform-plan") { folders?.insert("terraform") }
        let selected = files(under: root).filter { entry in
            guard let folders, let folder = entry.path.split(separator: "/").first, entry.path.contains("/") else {
                return true
            }
            return folders.contains(String(folder))
        }
        let results = Results(count: selected.count)
        DispatchQueue.concurrentPerform(iterations: selected.count) { index in
            let (path, full) = selected[index]
            let file = "Policies/" + path
            guard let data = FileManager.default.contents(atPath: full), let text = String(data: data, encoding: .utf8)
            else {
                results.set(
                    index,
                    (
                        [],
                        [
                            Diagnostic(
                                .error, "cannot read the policy file", at: Location(file: file, line: 1, column: 1))
                        ]
                    ))
                return
            }
            let loaded = PolicyLoader.load(text, file: file)
            results.set(index, (loaded.policies, loaded.diagnostics))
        }
        var policies: [Policy] = []
        var diagnostics: [Diagnostic] = []
        for (loaded, problems) in results.values() {
            policies += loaded
            diagnostics += problems
        }
        return (policies, diagnostics)
    }

    /// Each file's policies and problems, written by the worker that read it.
    private final class Results: Sendable {
        private let storage: Mutex<[([Policy], [Diagnostic])?]>
        init(count: Int) { storage = Mutex(Array(repeating: nil, count: count)) }
        func set(_ index: Int, _ value: ([Policy], [Diagnostic])) { storage.withLock { $0[index] = value } }
        func values() -> [([Policy], [Diagnostic])] { storage.withLock { $0.compactMap { $0 } } }
    }

    /// The id of every bundled policy, read from the file names (`<id>.yaml`, which the library's
    /// tests hold every file to) without reading the files.
    public static func ids() -> [String] {
        guard let root = Bundle.module.url(forResource: "Policies", withExtension: nil) else { return [] }
        return files(under: root).map { entry in
            let name = entry.path.split(separator: "/").last.map(String.init) ?? entry.path
            return String(name.dropLast(".yaml".count))
        }
    }

    /// The `*.yaml` files under `root`, by path relative to it, sorted by that path; the bundle's
    /// folder is listed once per process.
    private static func files(under root: URL) -> [(path: String, full: String)] {
        if root == bundledRoot { return bundledFiles }
        return list(root)
    }

    private static let bundledRoot = Bundle.module.url(forResource: "Policies", withExtension: nil)
    private static let bundledFiles: [(path: String, full: String)] = bundledRoot.map(list) ?? []

    /// Lists by path rather than by URL: resolving every file's URL cost more than compiling a
    /// scan's policies.
    private static func list(_ root: URL) -> [(path: String, full: String)] {
        var found: [(path: String, full: String)] = []
        func visit(_ folder: String, relative: String, depth: Int) {
            guard depth < 16, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names where !name.hasPrefix(".") {
                let full = folder + "/" + name
                let path = relative.isEmpty ? name : relative + "/" + name
                if name.hasSuffix(".yaml") {
                    found.append((path, full))
                } else {
                    var isFolder: ObjCBool = false
                    if FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), isFolder.boolValue {
                        visit(full, relative: path, depth: depth + 1)
                    }
                }
            }
        }
        visit(root.path, relative: "", depth: 0)
        return found.sorted { $0.path < $1.path }
    }
}
