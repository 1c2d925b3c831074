import Foundation
import PolicyEngine
import PolicyModel

/// The policies that ship with Palisade: every `*.yaml` file under the bundled `Policies` folder,
/// one policy per file, found without a registration list.
public enum BuiltInPolicies {
    /// The bundled policies in the order of their paths, and every problem reading them. File names
    /// are relative to the bundle (`Policies/kubernetes/k8s-privileged-container.yaml`).
    public static func load() -> (policies: [Policy], diagnostics: [Diagnostic]) {
        guard let root = Bundle.module.url(forResource: "Policies", withExtension: nil) else {
            let location = Location(file: "Policies", line: 1, column: 1)
            return ([], [Diagnostic(.error, "the built-in policy folder is missing from the bundle", at: location)])
        }
        var policies: [Policy] = []
        var diagnostics: [Diagnostic] = []
        for (path, url) in files(under: root) {
            let file = "Policies/" + path
            guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
                diagnostics.append(
                    Diagnostic(.error, "cannot read the policy file", at: Location(file: file, line: 1, column: 1)))
                continue
            }
            let loaded = PolicyLoader.load(text, file: file)
            policies += loaded.policies
            diagnostics += loaded.diagnostics
        }
        return (policies, diagnostics)
    }

    /// The `*.yaml` files under `root`, by path relative to it, sorted by that path.
    private static func files(under root: URL) -> [(path: String, url: URL)] {
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
