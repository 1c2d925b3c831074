import CEL
import PolicyModel

/// Kyverno's ValidatingPolicy (`policies.kyverno.io`), read as it is written for a cluster, with
/// the copies Kyverno's pod-controller autogen makes of a policy written for Pods.
extension PolicyReader {
    static let kyvernoSpecKeys = [
        "matchConstraints", "validations", "failurePolicy", "auditAnnotations", "matchConditions", "variables",
        "autogen", "validationActions", "webhookConfiguration", "evaluation",
    ]
    static let kyvernoAutogenKeys = ["podControllers", "validatingAdmissionPolicy"]
    static let kyvernoEvaluationKeys = ["mode", "admission", "background"]

    /// The controllers Kyverno's autogen covers, by replacement group, with their API group,
    /// version and resource: `defaults` keep the pod template at `spec.template`, `cronjobs` at
    /// `spec.jobTemplate.spec.template`.
    static let autogenTargets: [(group: String, controller: String, apiGroup: String, version: String)] = [
        ("cronjobs", "cronjobs", "batch", "v1"),
        ("defaults", "daemonsets", "apps", "v1"),
        ("defaults", "deployments", "apps", "v1"),
        ("defaults", "replicasets", "apps", "v1"),
        ("defaults", "statefulsets", "apps", "v1"),
        ("defaults", "jobs", "batch", "v1"),
    ]

    /// Where each replacement group moves `spec` and `metadata`.
    static let autogenReplacements: [String: [(from: String, to: String)]] = [
        "defaults": [("spec", "spec.template.spec"), ("metadata", "spec.template.metadata")],
        "cronjobs": [
            ("spec", "spec.jobTemplate.spec.template.spec"), ("metadata", "spec.jobTemplate.spec.template.metadata"),
        ],
    ]

    /// A ValidatingPolicy as policies with the id `vpol:<name>`: the policy itself, then one copy per
    /// autogen group (`defaults`, `cronjobs`) when Kyverno would generate one. A policy whose
    /// evaluation mode is not `Kubernetes`, or that is enabled neither in admission nor in background
    /// scans, gives a notice and no policy.
    mutating func readKyvernoPolicy(_ document: Node) -> [Policy] {
        let before = errorCount
        guard let entries = mapping(document, "the policy document") else { return [] }
        checkKeys(entries, allowed: Self.objectKeys, in: nil)
        let name = objectName(document)
        let severity = importedSeverity(document)
        guard let spec = required("spec", in: document, path: nil), let specEntries = mapping(spec, "spec") else {
            return []
        }
        checkKeys(specEntries, allowed: Self.kyvernoSpecKeys, in: "spec")
        let environment = Self.kyvernoEnvironment
        let constraints = required("matchConstraints", in: spec, path: "spec").flatMap {
            readMatchResources($0, "spec.matchConstraints", requireRules: true, defaultPolicy: .exact)
        }
        let failurePolicy = readFailurePolicy(spec["failurePolicy"], "spec.failurePolicy")
        var actions = spec["validationActions"].map { readValidationActions($0, "spec.validationActions") } ?? []
        if actions.isEmpty { actions = [.deny] }
        let variables = spec["variables"].map { readNamedExpressions($0, "spec.variables", in: environment) } ?? []
        let conditions =
            spec["matchConditions"].map {
                readNamedExpressions($0, "spec.matchConditions", in: environment, qualifiedNames: true)
            } ?? []
        let validations =
            spec["validations"].map {
                readAdmissionValidations($0, "spec.validations", in: environment, messageEnvironment: environment)
            } ?? []
        let auditAnnotations =
            spec["auditAnnotations"].map { readAuditAnnotations($0, "spec.auditAnnotations", in: environment) } ?? []
        if spec["validations"] == nil && spec["auditAnnotations"] == nil {
            error("\"spec\" must hold validations or auditAnnotations", spec)
        }
        let evaluation = readEvaluation(spec["evaluation"])
        let controllers = readAutogenControllers(spec["autogen"])
        guard errorCount == before, let name, let severity, let constraints, let evaluation else { return [] }

        let location = document.location(in: file)
        guard evaluation.mode == "Kubernetes" else {
            diagnostics.append(
                Diagnostic(
                    .notice,
                    "ValidatingPolicy \"\(name)\" has evaluation mode \(evaluation.mode); "
                        + "only Kubernetes-mode policies are applied to manifests", at: location))
            return []
        }
        guard evaluation.admission || evaluation.background else {
            diagnostics.append(
                Diagnostic(
                    .notice,
                    "ValidatingPolicy \"\(name)\" is enabled neither in admission nor in background scans; "
                        + "it is not applied", at: location))
            return []
        }
        let admission = Policy.Admission(
            format: .kyvernoValidatingPolicy, name: name, constraints: constraints, failurePolicy: failurePolicy,
            validationActions: actions, auditAnnotations: auditAnnotations)
        let base = Policy(
            id: "vpol:\(name)", title: annotation(document, Self.titleAnnotations) ?? "ValidatingPolicy \(name)",
            description: annotation(document, Self.descriptionAnnotations), severity: severity, kinds: ["kubernetes"],
            match: Policy.Match(conditions: conditions), variables: variables, validations: validations,
            // Without admission, Kyverno only reports what its background scans find.
            mode: evaluation.admission ? admission.mode : .audit, file: file, location: location,
            admission: admission)
        guard Self.canAutogen(constraints) else { return [base] }
        var policies = [base]
        for group in ["cronjobs", "defaults"] {
            let targets = Self.autogenTargets.filter { $0.group == group && controllers.contains($0.controller) }
            guard !targets.isEmpty, let variant = autogenVariant(of: base, group: group, targets: targets) else {
                continue
            }
            policies.append(variant)
        }
        return policies
    }

    private var errorCount: Int { diagnostics.lazy.filter { $0.level == .error }.count }

    /// `spec.evaluation`: the mode (`Kubernetes` by default) and whether admission and background
    /// scans are enabled (both by default).
    private mutating func readEvaluation(_ node: Node?) -> (mode: String, admission: Bool, background: Bool)? {
        guard let node else { return ("Kubernetes", true, true) }
        guard let entries = mapping(node, "spec.evaluation") else { return nil }
        checkKeys(entries, allowed: Self.kyvernoEvaluationKeys, in: "spec.evaluation")
        let mode = node["mode"].flatMap { string($0, "spec.evaluation.mode") } ?? "Kubernetes"
        func enabled(_ key: String) -> Bool {
            guard let section = node[key] else { return true }
            guard let sectionEntries = mapping(section, "spec.evaluation.\(key)") else { return true }
            checkKeys(sectionEntries, allowed: ["enabled"], in: "spec.evaluation.\(key)")
            return section["enabled"].flatMap { bool($0, "spec.evaluation.\(key).enabled") } ?? true
        }
        return (mode, enabled("admission"), enabled("background"))
    }

    /// The controllers named by `spec.autogen.podControllers.controllers`, all of them when it is
    /// absent (an empty list turns autogen off).
    private mutating func readAutogenControllers(_ node: Node?) -> Set<String> {
        let all = Set(Self.autogenTargets.map(\.controller))
        guard let node, let entries = mapping(node, "spec.autogen") else { return all }
        checkKeys(entries, allowed: Self.kyvernoAutogenKeys, in: "spec.autogen")
        guard let podControllers = node["podControllers"],
            let podEntries = mapping(podControllers, "spec.autogen.podControllers")
        else { return all }
        checkKeys(podEntries, allowed: ["controllers"], in: "spec.autogen.podControllers")
        guard let list = podControllers["controllers"] else { return all }
        return Set(strings(list, "spec.autogen.podControllers.controllers") ?? [])
    }

    /// Whether Kyverno generates controller rules for these constraints: one rule, for `pods` of
    /// the core group at `v1`, with no resource names, selectors or exclusions.
    static func canAutogen(_ constraints: MatchConstraints) -> Bool {
        guard constraints.namespaceSelector.isEmpty, constraints.objectSelector.isEmpty,
            constraints.excludeResourceRules.isEmpty, constraints.resourceRules.count == 1,
            let rule = constraints.resourceRules.first
        else { return false }
        return rule.resourceNames.isEmpty && rule.apiGroups == [""] && rule.apiVersions == ["v1"]
            && rule.resources == ["pods"]
    }

    /// The copy of `base` for a group of controllers: constraints on the controllers' resources and
    /// every expression and message with `object.spec` and `object.metadata` moved to the pod
    /// template, as Kyverno rewrites them.
    private mutating func autogenVariant(
        of base: Policy, group: String,
        targets: [(group: String, controller: String, apiGroup: String, version: String)]
    ) -> Policy? {
        guard var admission = base.admission, let replacements = Self.autogenReplacements[group] else { return nil }
        let operations = admission.constraints.resourceRules.first?.operations ?? []
        var rules: [MatchConstraints.Rule] = []
        for apiGroup in Set(targets.map(\.apiGroup)).sorted() {
            let resources = targets.filter { $0.apiGroup == apiGroup }.map(\.controller).sorted()
            let version = targets.first { $0.apiGroup == apiGroup }?.version ?? "v1"
            rules.append(
                MatchConstraints.Rule(
                    apiGroups: [apiGroup], apiVersions: [version], resources: resources, operations: operations))
        }
        admission.constraints = MatchConstraints(resourceRules: rules, matchPolicy: .exact)
        admission.autogen = group
        let before = errorCount
        func rewrite(_ expression: Policy.Expression) -> Policy.Expression {
            let source = Self.autogenRewrite(expression.source, replacements)
            guard source != expression.source else { return expression }
            do {
                return Policy.Expression(
                    source: source, program: try Self.kyvernoEnvironment.compile(source), location: expression.location)
            } catch {
                diagnostics.append(
                    Diagnostic(
                        .error, "the autogen rewrite for \(group) does not compile: \(error.message)",
                        at: expression.location))
                return expression
            }
        }
        var variant = base
        variant.match.conditions = base.match.conditions.map {
            .init(name: $0.name, expression: rewrite($0.expression))
        }
        variant.variables = base.variables.map { .init(name: $0.name, expression: rewrite($0.expression)) }
        variant.validations = base.validations.map { validation in
            var copy = validation
            copy.expression = rewrite(validation.expression)
            copy.messageExpression = validation.messageExpression.map(rewrite)
            copy.message = validation.message.map { Self.autogenRewrite($0, replacements) }
            return copy
        }
        admission.auditAnnotations = admission.auditAnnotations.map {
            .init(key: $0.key, valueExpression: rewrite($0.valueExpression))
        }
        variant.admission = admission
        return errorCount == before ? variant : nil
    }

    /// Kyverno's text rewrite: each `object.<from>` and `oldObject.<from>` becomes `….<to>`,
    /// except where `.name` or `.namespace` follows as a whole field (the workload's own name and
    /// namespace stay where they are).
    static func autogenRewrite(_ text: String, _ replacements: [(from: String, to: String)]) -> String {
        var result = text
        for (from, to) in replacements {
            for root in ["object.", "oldObject."] {
                result = replaceUnprotected(in: result, root + from, with: root + to)
            }
        }
        return result
    }

    private static func replaceUnprotected(in text: String, _ from: String, with to: String) -> String {
        var output = ""
        var rest = text[...]
        while let range = rest.firstRange(of: from) {
            output += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            output += isProtected(after) ? from : to
            rest = after
        }
        return output + rest
    }

    private static func isProtected(_ rest: Substring) -> Bool {
        for suffix in [".namespace", ".name"] where rest.hasPrefix(suffix) {
            guard let next = rest.dropFirst(suffix.count).first else { return true }
            if !(next == "_" || next.isASCII && (next.isLetter || next.isNumber)) { return true }
        }
        return false
    }
}
