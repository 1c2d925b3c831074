import CEL
import KubernetesInput
import PolicyModel
import TerraformInput

/// Evaluates policies against resources and reports what does not comply.
///
/// For now it reads Kubernetes resources (`inputKind` `kubernetes`) with the policies whose `kinds`
/// name `kubernetes`; resources of other inputs are passed over. Every resource is checked as if
/// an API server were creating it in a cluster whose objects are `state` plus the scanned
/// resources themselves (a scanned resource replaces a state object of the same identity).
///
/// Palisade's own policies see `object` — the resource as written, plus `podSpec` for workload
/// kinds (ManifestParser.podSpec(of:), absent lists filled with `[]`) — `oldObject` and `params`
/// as null, `request` and `namespaceObject` as for an imported policy, and `resource`, whose
/// `Get` and `List` read the cluster state. Imported policies (`Policy.admission`) are applied
/// as their cluster applies them: see `AdmissionRun` and docs/ADMISSION-POLICIES.md.
///
/// What is reported:
/// - a validation that is `false` gives a finding, located at its `at` value, else at the `each`
///   item, else at the resource;
/// - a validation, `each` or match condition that cannot be evaluated (an error, or a value of
///   the wrong type) gives a warning diagnostic at the expression in the policy file, naming the
///   resource. It is neither a pass nor a finding: the policy could not say;
/// - a resource that cannot be turned into a CEL value (an alias bomb, a key of an odd type)
///   gives an error diagnostic at the resource, and no policy sees it.
///
/// Resources are scanned one after another on the calling task.
public struct Scanner: Sendable {
    public let policies: [Policy]
    /// Each policy's programs gathered for running, in the order of `policies`.
    private let prepared: [PreparedPolicy]
    /// For each policy whose filtered `each` can be shared (`PreparedPolicy.eachIsShareable`), the
    /// place of its `each` text among those of all policies: policies with the same text share
    /// what it selects on each resource.
    private let eachSlots: [Int?]
    private let eachSlotCount: Int
    /// Every policy keyword once, and each policy's keywords as places in that list, so that a
    /// file's answers are kept by number rather than by hashing the words.
    private let keywords: [String]
    private let keywordNumbers: [[Int]]
    /// The cluster's objects besides those scanned: what was found beside the policies.
    public var state: ClusterState
    /// The Terraform resources of the scan by module, for `module.referrers(…)` and the like.
    public var terraform: TerraformIndex
    /// When set, each policy's evaluation time is measured into it.
    public var profile: PolicyProfile?
    /// Whether a policy with `keywords` is passed over on a file that holds none of them. Off
    /// only to check that a policy's keywords hide none of its findings.
    public var usesKeywords = true

    public init(
        policies: [Policy], state: ClusterState = ClusterState(), terraform: TerraformIndex = TerraformIndex([])
    ) {
        self.policies = policies
        prepared = policies.map(PreparedPolicy.init)
        var slots: [String: Int] = [:]
        eachSlots = zip(policies, prepared).map { policy, prepared in
            guard prepared.eachIsShareable, let each = policy.each else { return nil }
            if let slot = slots[each.source] { return slot }
            slots[each.source] = slots.count
            return slots.count - 1
        }
        eachSlotCount = slots.count
        var numbers: [String: Int] = [:]
        var words: [String] = []
        keywordNumbers = prepared.map { policy in
            policy.keywords.map { word in
                if let number = numbers[word] { return number }
                numbers[word] = words.count
                words.append(word)
                return words.count - 1
            }
        }
        keywords = words
        self.state = state
        self.terraform = terraform
    }

    /// The scanner with policies that share no storage with this one's, for a thread that scans
    /// on its own core: see `Program.independentCopy()`.
    public func independentCopy() -> Scanner {
        var copy = Scanner(policies: policies.map { $0.independentCopy() }, state: state, terraform: terraform)
        copy.profile = profile
        copy.usesKeywords = usesKeywords
        return copy
    }

    /// The findings, sorted by file, line, column and policy id, and the diagnostics in the order
    /// of the resources. `text` is the file the resources were read from, when they come from one,
    /// for the policies' `keywords`; without it every policy is evaluated.
    public func scan(_ resources: [Resource], text: String? = nil) -> (findings: [Finding], diagnostics: [Diagnostic]) {
        let converted = resources.map { ($0, NodeValue.value(of: $0.content)) }
        let cluster = state.adding(converted.filter { $0.0.inputKind == ManifestParser.inputKind && !$0.1.isError })
        var scanner = self
        scanner.state = cluster
        scanner.terraform = TerraformIndex(converted)
        return scanner.scan(converted: converted, text: text)
    }

    /// Scans resources whose CEL values are already made (`NodeValue.value(of:)` of their content) and which
    /// `state` already holds: a scan of many files converts each resource once, on any core, and
    /// builds one state for all of them. `text` is as for `scan(_:text:)`.
    public func scan(
        converted: [(Resource, Value)], text: String? = nil
    ) -> (findings: [Finding], diagnostics: [Diagnostic]) {
        // Scripts are split once per resource for all the policies that read them, and not kept
        // from one scan (one file) to the next.
        ShellCommandCache.reset()
        defer { ShellCommandCache.reset() }
        // The policies each input's resource type can match, found once rather than per resource
        // (a file holds a few types, so a list searched in order beats hashing their names).
        var byType: [(kind: String, type: String, policies: [Int])] = []
        func candidates(_ resource: Resource) -> [Int] {
            if let known = byType.first(where: { $0.kind == resource.inputKind && $0.type == resource.type }) {
                return known.policies
            }
            let found = policies.indices.filter {
                let policy = policies[$0]
                return policy.kinds.contains(resource.inputKind)
                    && (policy.admission != nil || policy.match.resources.isEmpty
                        || policy.match.resources.contains(resource.type))
            }
            byType.append((resource.inputKind, resource.type, found))
            return found
        }
        var findings: [Finding] = []
        var diagnostics: [Diagnostic] = []
        var measured: [String: PolicyProfile.Entry] = [:]
        defer { profile?.add(measured) }
        let clock = ContinuousClock()
        let cluster = state
        let resourceContext = Value.opaque(ResourceContext(state: cluster))
        // Made on the first policy with keywords, and only for inputs read one file at a time.
        var keywordText: KeywordText?
        for (resource, value) in converted {
            let subject = Subject(resource, written: value, state: cluster)
            if case .error(let error) = subject.object {
                diagnostics.append(
                    Diagnostic(
                        .error, "resource \"\(resource.identity)\" cannot be evaluated: \(error.message)",
                        at: resource.location))
                continue
            }
            let module: Value =
                resource.inputKind == TerraformReader.inputKind
                ? .opaque(TerraformModuleContext(index: terraform, resource: resource)) : .null
            var activation = PolicyRun.activation(for: subject, resourceContext: resourceContext, module: module)
            var selections = [EachSelection?](repeating: nil, count: eachSlotCount)
            let keywordsApply = usesKeywords && text != nil && KeywordText.kinds.contains(resource.inputKind)
            for index in candidates(resource) {
                let preparedPolicy = prepared[index]
                if keywordsApply, !keywordNumbers[index].isEmpty, let text {
                    if keywordText == nil { keywordText = KeywordText(text, keywords: keywords) }
                    if keywordText?.containsAny(keywordNumbers[index]) == false {
                        if profile != nil {
                            measured[preparedPolicy.policy.id, default: PolicyProfile.Entry()].skipped += 1
                        }
                        continue
                    }
                }
                let start = profile == nil ? nil : clock.now
                let before = findings.count
                defer {
                    if let start {
                        var entry = measured[preparedPolicy.policy.id] ?? PolicyProfile.Entry()
                        entry.resources += 1
                        entry.time += clock.now - start
                        entry.findings += findings.count - before
                        measured[preparedPolicy.policy.id] = entry
                    }
                }
                if let admission = preparedPolicy.policy.admission {
                    var run = AdmissionRun(
                        policy: preparedPolicy.policy, admission: admission, subject: subject, state: cluster,
                        resourceContext: resourceContext)
                    run.evaluate()
                    findings += run.findings
                    diagnostics += run.diagnostics
                } else {
                    var run = PolicyRun(prepared: preparedPolicy, subject: subject)
                    if let slot = eachSlots[index] {
                        run.evaluate(&activation, selection: &selections[slot])
                    } else {
                        run.evaluate(&activation)
                    }
                    findings += run.findings
                    diagnostics += run.diagnostics
                }
            }
        }
        findings.sort()
        return (findings, diagnostics)
    }
}
