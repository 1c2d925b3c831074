import KubernetesInput
import PolicyModel
import YAMLSupport

/// Reads policy files: YAML streams of Palisade policies and of the cluster policies teams
/// already have.
///
/// A Palisade policy is a document with an `id`. Every field is checked, every key must be one
/// the format knows (a misspelt `severty` is an error, with the closest known key suggested), and
/// every CEL expression is compiled. Each problem is an `.error` diagnostic at the offending node;
/// a policy with any problem is left out and the other documents of the file still load. Ids
/// must be kebab-case; the input prefixes that built-in policies use (`k8s-`, `aws-`…) are
/// checked by the built-in library's own test, since users may name their policies as they like.
///
/// Kubernetes documents are read by kind (see docs/ADMISSION-POLICIES.md):
/// - a ValidatingAdmissionPolicy (`admissionregistration.k8s.io`) becomes the policy
///   `vap:<name>`, once per ValidatingAdmissionPolicyBinding that names it (in any of the files
///   loaded together), or once as if bound with `validationActions: [Deny]` when none does;
/// - a Kyverno ValidatingPolicy (`policies.kyverno.io`) becomes the policy `vpol:<name>`, plus
///   the copies of Kyverno's pod-controller autogen;
/// - any other Kubernetes object (a Namespace, a ConfigMap of parameters…) is offline cluster
///   state, returned for `ClusterState`. Other policy kinds that Palisade does not apply
///   (Kyverno's ClusterPolicy, MutatingAdmissionPolicy…) are state too, with a notice.
/// Their fields are checked as an API server checks them, and their CEL errors are placed at the
/// file's line and column like those of Palisade policies.
public enum PolicyLoader {
    /// The policies of one file; a binding applies only policies of the same file, and the
    /// file's other Kubernetes objects are left out.
    public static func load(_ text: String, file: String) -> (policies: [Policy], diagnostics: [Diagnostic]) {
        let loaded = load([(file: file, text: text)])
        return (loaded.policies, loaded.diagnostics)
    }

    /// The policies of several files read as one set, the Kubernetes objects among them that are
    /// not policies (the offline cluster state), and every problem, sorted by position.
    public static func load(
        _ files: [(file: String, text: String)]
    ) -> (policies: [Policy], state: [Resource], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var policies: [Policy] = []
        var admissionPolicies: [Policy] = []
        var bindings: [AdmissionBinding] = []
        var state: [Resource] = []
        for (file, text) in files {
            let (documents, errors) = YAMLLoader.load(text, file: file)
            diagnostics += errors.map(\.diagnostic)
            var reader = PolicyReader(file: file, text: text)
            var firstLines: [String: Int] = [:]
            var hasState = false
            for document in documents {
                if document["id"] == nil, document["apiVersion"] != nil || document["kind"] != nil {
                    switch Self.documentKind(document) {
                    case .admissionPolicy:
                        if let policy = reader.readAdmissionPolicy(document) { admissionPolicies.append(policy) }
                    case .admissionBinding:
                        let strict = document["apiVersion"]?.string == "admissionregistration.k8s.io/v1"
                        if let binding = reader.readAdmissionBinding(document, strict: strict) {
                            bindings.append(binding)
                        }
                    case .kyvernoPolicy:
                        policies += reader.readKyvernoPolicy(document)
                    case .unsupportedPolicy(let kind):
                        reader.diagnostics.append(
                            Diagnostic(
                                .notice, "\(kind) is not a policy kind Palisade applies; it is read as cluster state",
                                at: document.location(in: file)))
                        hasState = true
                    case .object:
                        hasState = true
                    }
                    continue
                }
                guard let policy = reader.read(document) else { continue }
                if let first = firstLines[policy.id] {
                    let at = document["id"]?.location(in: file) ?? policy.location
                    reader.diagnostics.append(
                        Diagnostic(.error, "duplicate policy id \"\(policy.id)\" (first at line \(first))", at: at))
                    continue
                }
                firstLines[policy.id] = document["id"].map { Int($0.span.line) } ?? policy.location.line
                policies.append(policy)
            }
            diagnostics += reader.diagnostics
            if hasState {
                // The file's YAML problems are already reported above.
                state += ManifestParser.parse(text, file: file).resources.filter {
                    Self.documentKind($0.content).isState
                }
            }
        }
        policies += bind(admissionPolicies, with: bindings, diagnostics: &diagnostics)
        diagnostics.sort { $0.location < $1.location }
        return (policies, state, diagnostics)
    }

    /// A copy of each ValidatingAdmissionPolicy per binding that names it, and the policies no
    /// binding names as they are (with a notice). A binding whose policy is not loaded is not
    /// applied, with a warning, as a cluster ignores it.
    private static func bind(
        _ templates: [Policy], with bindings: [AdmissionBinding], diagnostics: inout [Diagnostic]
    ) -> [Policy] {
        var byName: [String: Policy] = [:]
        var unique: [Policy] = []
        for template in templates {
            guard let name = template.admission?.name else { continue }
            if let first = byName[name] {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "duplicate ValidatingAdmissionPolicy \"\(name)\" (first at \(first.location))",
                        at: template.location))
                continue
            }
            byName[name] = template
            unique.append(template)
        }
        var bound: Set<String> = []
        var policies: [Policy] = []
        for binding in bindings {
            guard var policy = byName[binding.policyName], var admission = policy.admission else {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "ValidatingAdmissionPolicyBinding \"\(binding.name)\" applies the ValidatingAdmissionPolicy "
                            + "\"\(binding.policyName)\", which is not among the policies; the binding is not applied",
                        at: binding.location))
                continue
            }
            bound.insert(binding.policyName)
            admission.bindingName = binding.name
            admission.paramRef = binding.paramRef
            admission.bindingConstraints = binding.matchResources
            admission.validationActions = binding.validationActions
            policy.admission = admission
            policy.mode = admission.mode
            policies.append(policy)
        }
        for template in unique {
            guard let name = template.admission?.name, !bound.contains(name) else { continue }
            diagnostics.append(
                Diagnostic(
                    .notice,
                    "ValidatingAdmissionPolicy \"\(name)\" has no binding among the policies; it is applied as if "
                        + "bound with validationActions [Deny] and no paramRef", at: template.location))
            policies.append(template)
        }
        return policies
    }

    /// What a Kubernetes document is to the loader.
    private enum DocumentKind {
        case admissionPolicy
        case admissionBinding
        case kyvernoPolicy
        case unsupportedPolicy(String)
        case object

        var isState: Bool {
            switch self {
            case .admissionPolicy, .admissionBinding, .kyvernoPolicy: return false
            case .unsupportedPolicy, .object: return true
            }
        }
    }

    private static func documentKind(_ document: Node) -> DocumentKind {
        let group = ResourceNames.groupVersion(document["apiVersion"]?.string ?? "").group
        let kind = document["kind"]?.string ?? ""
        switch (group, kind) {
        case ("admissionregistration.k8s.io", "ValidatingAdmissionPolicy"): return .admissionPolicy
        case ("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"): return .admissionBinding
        case ("admissionregistration.k8s.io", "MutatingAdmissionPolicy"),
            ("admissionregistration.k8s.io", "MutatingAdmissionPolicyBinding"),
            ("kyverno.io", "ClusterPolicy"), ("kyverno.io", "Policy"):
            return .unsupportedPolicy(kind)
        case ("policies.kyverno.io", "ValidatingPolicy"): return .kyvernoPolicy
        case ("policies.kyverno.io", let other) where other.hasSuffix("Policy"): return .unsupportedPolicy(other)
        default: return .object
        }
    }
}
