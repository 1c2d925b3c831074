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
            let (path, url) = selected[index]
            let file = "Policies/" + path
            guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
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
        return files(under: root).map { $0.url.deletingPathExtension().lastPathComponent }
    }

    /// The `*.yaml` files under `root`, by path relative to it, sorted by that path; the bundle's
    /// folder is listed once per process.
    private static func files(under root: URL) -> [(path: String, url: URL)] {
        if root == bundledRoot { return bundledFiles }
        return list(root)
    }

    private static let bundledRoot = Bundle.module.url(forResource: "Policies", withExtension: nil)
    private static let bundledFiles: [(path: String, url: URL)] = bundledRoot.map(list) ?? []

    private static func list(_ root: URL) -> [(path: String, url: URL)] {
        let base = root.standardizedFileURL.resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            return []
        }
        var found: [(path: String, url: URL)] = []
        for case let url as URL in enumerator where url.pathExtension == "yaml" {
            let full = url.standardizedFileURL.resolvingSymlinksInPath().path
            let relative = full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : url.lastPathComponent
            found.append((relative, url))
        }
        return found.sorted { $0.path < $1.path }
    }
}
