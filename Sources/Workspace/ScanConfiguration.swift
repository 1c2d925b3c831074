import PolicyEngine
import PolicyModel
import YAMLSupport

/// What a `.palisade.yaml` file sets: the defaults of `palisade scan` for one repository, so that
/// CI and a laptop run the same scan. Every key is optional; a command-line option wins over the
/// file.
///
/// ```yaml
/// fail-on: high                 # info | low | medium | high | critical
/// fail-on-error: true           # whether unreadable inputs alone fail the scan
/// builtin: true                 # false leaves out the built-in policies
/// policies: [policies/]         # folders or files of policies, relative to this file
/// kinds: [kubernetes]           # the inputs to read
/// skip-paths: [vendor, "**/testdata"]
/// disable: [k8s-image-pull-always]   # policy ids that do not run
/// modes: {k8s-cpu-limit: audit}      # per-policy mode: enforce | warn | audit
/// ```
///
/// Unknown keys and wrong values are errors with the file, line and column, and the closest key
/// when a name is misspelt: a typo in a guardrail's configuration must not pass silently.
public struct ScanConfiguration: Sendable {
    public var failOn: Severity?
    public var failOnError: Bool?
    public var builtIn: Bool?
    /// As written, relative to the configuration file's folder.
    public var policies: [String] = []
    /// Secret detector files or folders, as written, relative to the configuration file's folder.
    public var detectors: [String] = []
    public var kinds: [String]?
    public var skipPaths: [PathGlob] = []
    public var disabled: [String] = []
    public var modes: [String: Policy.Mode] = [:]
    /// Where each id of `disabled` and `modes` is written, for errors about ids that name no policy.
    public var idLocations: [String: Location] = [:]
    /// The file it was read from.
    public var file: String?

    public static let keys = [
        "fail-on", "fail-on-error", "builtin", "policies", "detectors", "kinds", "skip-paths", "disable", "modes",
    ]

    /// The name looked for at the scan root when no `--config` is given.
    public static let defaultFileName = ".palisade.yaml"

    public init() {}

    /// Reads a configuration file's text; problems are error diagnostics, and the keys that were
    /// read correctly still apply.
    public static func read(_ text: String, file: String) -> (ScanConfiguration, [Diagnostic]) {
        var configuration = ScanConfiguration()
        configuration.file = file
        let (documents, errors) = YAMLLoader.load(text, file: file)
        var diagnostics = errors.map(\.diagnostic)
        guard let document = documents.first else { return (configuration, diagnostics) }
        if documents.count > 1 {
            diagnostics.append(
                Diagnostic(.error, "a configuration file holds one YAML document", at: documents[1].location(in: file)))
        }
        if case .null = document.content { return (configuration, diagnostics) }
        guard case .mapping(let entries) = document.content else {
            diagnostics.append(
                Diagnostic(.error, "the configuration must be a mapping", at: document.location(in: file)))
            return (configuration, diagnostics)
        }
        func fail(_ message: String, _ node: Node) {
            diagnostics.append(Diagnostic(.error, message, at: node.location(in: file)))
        }
        func strings(_ node: Node, _ key: String) -> [String]? {
            if let single = node.string { return [single] }
            guard case .sequence(let items) = node.content else {
                fail("\(key) must be a list of strings", node)
                return nil
            }
            var result: [String] = []
            for item in items {
                guard let value = item.string else {
                    fail("\(key) must be a list of strings", item)
                    return nil
                }
                result.append(value)
            }
            return result
        }
        for entry in entries {
            guard let key = entry.key.string else {
                fail("configuration keys are strings", entry.key)
                continue
            }
            let value = entry.value
            switch key {
            case "fail-on":
                if let text = value.string, let severity = Severity(rawValue: text) {
                    configuration.failOn = severity
                } else {
                    fail("fail-on must be one of \(Severity.allCases.map(\.rawValue).joined(separator: ", "))", value)
                }
            case "fail-on-error", "builtin":
                guard case .bool(let flag) = value.content else {
                    fail("\(key) must be true or false", value)
                    continue
                }
                if key == "builtin" { configuration.builtIn = flag } else { configuration.failOnError = flag }
            case "policies":
                configuration.policies = strings(value, key) ?? []
            case "detectors":
                configuration.detectors = strings(value, key) ?? []
            case "kinds":
                guard let kinds = strings(value, key) else { continue }
                for kind in kinds where !Policy.knownKinds.contains(kind) {
                    fail("unknown kind \"\(kind)\"; known kinds: \(Policy.knownKinds.joined(separator: ", "))", value)
                }
                configuration.kinds = kinds.filter(Policy.knownKinds.contains)
            case "skip-paths":
                for pattern in strings(value, key) ?? [] {
                    do {
                        configuration.skipPaths.append(try PathGlob(pattern))
                    } catch {
                        fail(error.description, value)
                    }
                }
            case "disable":
                configuration.disabled = strings(value, key) ?? []
                if case .sequence(let items) = value.content {
                    for item in items {
                        if let id = item.string { configuration.idLocations[id] = item.location(in: file) }
                    }
                }
            case "modes":
                guard case .mapping(let modes) = value.content else {
                    fail("modes must map policy ids to enforce, warn or audit", value)
                    continue
                }
                for mode in modes {
                    guard let id = mode.key.string, let name = mode.value.string,
                        let parsed = Policy.Mode(rawValue: name)
                    else {
                        fail("modes must map policy ids to enforce, warn or audit", mode.value)
                        continue
                    }
                    configuration.modes[id] = parsed
                    configuration.idLocations[id] = mode.key.location(in: file)
                }
            default:
                var message = "unknown key \"\(key)\""
                if let suggestion = Spelling.closest(to: key, among: keys) {
                    message += "; did you mean \"\(suggestion)\"?"
                }
                message += " (known keys: \(keys.joined(separator: ", ")))"
                fail(message, entry.key)
            }
        }
        return (configuration, diagnostics)
    }

    /// `policies` resolved against the configuration file's folder.
    public var resolvedPolicyPaths: [String] { resolved(policies) }

    /// `detectors` resolved against the configuration file's folder.
    public var resolvedDetectorPaths: [String] { resolved(detectors) }

    private func resolved(_ paths: [String]) -> [String] {
        guard let file, let slash = file.lastIndex(of: "/") else { return paths }
        let folder = String(file[..<slash])
        return paths.map { $0.hasPrefix("/") ? $0 : folder + "/" + $0 }
    }
}
