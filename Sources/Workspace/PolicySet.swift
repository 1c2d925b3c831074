import PolicyEngine
import PolicyLibrary
import PolicyModel

/// The policies a scan runs: the built-in library and the user's policy files, with the
/// configuration's per-policy modes and disabled ids applied, and every problem met loading them.
public struct PolicySet: Sendable {
    public var policies: [Policy]
    /// Policies that do not load, unknown ids in the configuration: a scan with any error here
    /// exits with 2 whatever it finds.
    public var diagnostics: [Diagnostic]
    /// The text of each user policy file, for excerpts under its diagnostics.
    public var sources: [String: String]
    /// The Kubernetes objects beside the policies that are not policies: the offline cluster
    /// state that parameters, `namespaceObject` and `resource.Get`/`List` read.
    public var state: [Resource] = []
    /// The ids of built-in policies left unread because the scan has no input of theirs: still
    /// valid names in `.palisade.yaml` and ignore comments, though they apply to nothing here.
    public var unloadedIDs: Set<String> = []

    public init(policies: [Policy] = [], diagnostics: [Diagnostic] = [], sources: [String: String] = [:]) {
        self.policies = policies
        self.diagnostics = diagnostics
        self.sources = sources
    }

    /// Loads the built-in policies (unless `builtIn` is false) and every `*.yaml`/`*.yml` file
    /// under `paths` as one set: Palisade policies, ValidatingAdmissionPolicies with their
    /// bindings, Kyverno ValidatingPolicies, and the other Kubernetes objects there, which become
    /// the offline cluster state; a `fixtures/` folder directly under a path is not read (see
    /// `palisade policy test`). A user policy whose id is already taken by another policy file
    /// is an error at its `id`. With `kinds`, only the built-in policies of those inputs are read.
    public static func load(builtIn: Bool, paths: [String], kinds: Set<String>? = nil) -> PolicySet {
        var set = PolicySet()
        if builtIn {
            let loaded = BuiltInPolicies.load(kinds: kinds)
            if kinds != nil {
                set.unloadedIDs = Set(BuiltInPolicies.ids()).subtracting(loaded.policies.map(\.id))
            }
            set.policies = loaded.policies
            set.diagnostics = loaded.diagnostics
        }
        var files: [(file: String, text: String)] = []
        for root in paths {
            // `fixtures/` beside the policies holds their test inputs (workflows, manifests that
            // must fail), not policies and not cluster state.
            let (found, problems) = FileWalker.files(
                under: root, extensions: ["yaml", "yml"], skip: Self.fixtureFolders)
            set.diagnostics += problems.filter { $0.level != .notice }
            if found.isEmpty && problems.allSatisfy({ $0.level == .notice }) {
                set.diagnostics.append(
                    Diagnostic(
                        .error, "no policy files (*.yaml, *.yml) in \"\(root)\"",
                        at: Location(file: root, line: 1, column: 1)))
            }
            for file in found {
                do {
                    let text = try InputReader.withContents(path: file) { String(decoding: $0, as: UTF8.self) }
                    set.sources[file] = text
                    files.append((file, text))
                } catch {
                    set.diagnostics.append(
                        Diagnostic(.error, error.description, at: Location(file: file, line: 1, column: 1)))
                }
            }
        }
        let loaded = PolicyLoader.load(files)
        set.diagnostics += loaded.diagnostics
        set.state = loaded.state
        // An admission policy applied by several bindings is one id with several entries.
        var taken = Dictionary(set.policies.map { ($0.id, $0.file) }) { first, _ in first }
        for policy in loaded.policies {
            if let first = taken[policy.id], policy.admission == nil || first != policy.file {
                set.diagnostics.append(
                    Diagnostic(.error, "policy id \"\(policy.id)\" is already used by \(first)", at: policy.location))
                continue
            }
            taken[policy.id] = policy.file
            set.policies.append(policy)
        }
        return set
    }

    /// The folder of fixtures beside a policy folder, left out when policies are read from it.
    static let fixtureFolders: [PathGlob] = (try? PathGlob("fixtures")).map { [$0] } ?? []

    /// How many distinct policies there are (bindings of one admission policy count once).
    public var distinctCount: Int { Set(policies.map(\.id)).count }

    /// Every id and alias, mapped to the id findings carry.
    public var knownIDs: [String: String] {
        var known: [String: String] = [:]
        for id in unloadedIDs { known[id] = id }
        for policy in policies {
            known[policy.id] = policy.id
            for alias in policy.aliases where known[alias] == nil { known[alias] = policy.id }
        }
        return known
    }

    /// The policy with this id or alias.
    public func policy(_ name: String) -> Policy? {
        policies.first { $0.id == name } ?? policies.first { $0.aliases.contains(name) }
    }

    /// Applies a configuration: `disabled` ids are removed and `modes` override the policies'
    /// defaults. Ids that name no policy are errors at the configuration file.
    public mutating func configure(
        disabled: [String], modes: [String: Policy.Mode], file: String?, locations: [String: Location] = [:]
    ) {
        let known = knownIDs
        let fallback = Location(file: file ?? "command line", line: 1, column: 1)
        var removed = Set<String>()
        for name in disabled {
            guard let id = known[name] else {
                diagnostics.append(Diagnostic(.error, unknown(name, known), at: locations[name] ?? fallback))
                continue
            }
            removed.insert(id)
        }
        policies.removeAll { removed.contains($0.id) }
        for (name, mode) in modes.sorted(by: { $0.key < $1.key }) {
            guard let id = known[name] else {
                diagnostics.append(Diagnostic(.error, unknown(name, known), at: locations[name] ?? fallback))
                continue
            }
            if let index = policies.firstIndex(where: { $0.id == id }) { policies[index].mode = mode }
        }
    }

    private func unknown(_ name: String, _ known: [String: String]) -> String {
        var message = "no policy has the id \"\(name)\""
        if let suggestion = Spelling.closest(to: name, among: Array(known.keys)) {
            message += "; did you mean \"\(suggestion)\"?"
        }
        return message
    }

    public var errorCount: Int { diagnostics.count { $0.level == .error } }
}
