import CEL
import PolicyModel

/// Kubernetes' ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding
/// (`admissionregistration.k8s.io`), read as they are written for a cluster.
extension PolicyReader {
    static let admissionPolicySpecKeys = [
        "paramKind", "matchConstraints", "validations", "failurePolicy", "auditAnnotations", "matchConditions",
        "variables",
    ]
    static let bindingSpecKeys = ["policyName", "paramRef", "matchResources", "validationActions"]
    static let paramKindKeys = ["apiVersion", "kind"]
    static let paramRefKeys = ["name", "namespace", "selector", "parameterNotFoundAction"]

    /// A ValidatingAdmissionPolicy as a policy with the id `vap:<name>`, applied as if by a binding
    /// with `validationActions: [Deny]` and no parameters; `PolicyLoader` makes a copy per binding.
    mutating func readAdmissionPolicy(_ document: Node) -> Policy? {
        let before = diagnostics.count
        guard let entries = mapping(document, "the policy document") else { return nil }
        checkKeys(entries, allowed: Self.objectKeys, in: nil)
        let name = objectName(document)
        let severity = importedSeverity(document)
        guard let spec = required("spec", in: document, path: nil), let specEntries = mapping(spec, "spec") else {
            return nil
        }
        checkKeys(specEntries, allowed: Self.admissionPolicySpecKeys, in: "spec")
        let constraints = required("matchConstraints", in: spec, path: "spec").flatMap {
            readMatchResources($0, "spec.matchConstraints", requireRules: true, defaultPolicy: .equivalent)
        }
        let paramKind = spec["paramKind"].flatMap { readParamKind($0) }
        let failurePolicy = readFailurePolicy(spec["failurePolicy"], "spec.failurePolicy")
        // `params` is declared only for a policy with a paramKind, as the API server declares it.
        let hasParams = spec["paramKind"] != nil
        let environment = Self.admissionEnvironment(.validation, params: hasParams)
        let messageEnvironment = Self.admissionEnvironment(.message, params: hasParams)
        let variables = spec["variables"].map { readNamedExpressions($0, "spec.variables", in: environment) } ?? []
        let conditions =
            spec["matchConditions"].map {
                readNamedExpressions(
                    $0, "spec.matchConditions", in: Self.admissionEnvironment(.matchCondition, params: hasParams),
                    qualifiedNames: true)
            } ?? []
        let validations =
            spec["validations"].map {
                readAdmissionValidations(
                    $0, "spec.validations", in: environment, messageEnvironment: messageEnvironment)
            } ?? []
        let auditAnnotations =
            spec["auditAnnotations"].map {
                readAuditAnnotations($0, "spec.auditAnnotations", in: messageEnvironment)
            } ?? []
        if spec["validations"] == nil && spec["auditAnnotations"] == nil {
            error("\"spec\" must hold validations or auditAnnotations", spec)
        }
        guard diagnostics.count == before, let name, let severity, let constraints else { return nil }
        return Policy(
            id: "vap:\(name)",
            title: annotation(document, Self.titleAnnotations) ?? "ValidatingAdmissionPolicy \(name)",
            description: annotation(document, Self.descriptionAnnotations), severity: severity, kinds: ["kubernetes"],
            match: Policy.Match(conditions: conditions), variables: variables, validations: validations,
            mode: .enforce, file: file, location: document.location(in: file),
            admission: Policy.Admission(
                format: .validatingAdmissionPolicy, name: name, constraints: constraints, paramKind: paramKind,
                failurePolicy: failurePolicy, auditAnnotations: auditAnnotations))
    }

    /// A ValidatingAdmissionPolicyBinding. With `strict` (the `v1` API), `paramRef` must say what
    /// happens when no parameter is found; earlier versions default to `Allow`.
    mutating func readAdmissionBinding(_ document: Node, strict: Bool) -> AdmissionBinding? {
        let before = diagnostics.count
        guard let entries = mapping(document, "the binding document") else { return nil }
        checkKeys(entries, allowed: Self.objectKeys, in: nil)
        let name = objectName(document)
        guard let spec = required("spec", in: document, path: nil), let specEntries = mapping(spec, "spec") else {
            return nil
        }
        checkKeys(specEntries, allowed: Self.bindingSpecKeys, in: "spec")
        let policyName = required("policyName", in: spec, path: "spec").flatMap { string($0, "spec.policyName") }
        let actions = required("validationActions", in: spec, path: "spec").map {
            readValidationActions($0, "spec.validationActions")
        }
        let paramRef = spec["paramRef"].flatMap { readParamRef($0, strict: strict) }
        let matchResources = spec["matchResources"].flatMap {
            readMatchResources($0, "spec.matchResources", requireRules: false, defaultPolicy: .equivalent)
        }
        guard diagnostics.count == before, let name, let policyName, let actions else { return nil }
        return AdmissionBinding(
            name: name, policyName: policyName, paramRef: paramRef, matchResources: matchResources,
            validationActions: actions, location: document.location(in: file))
    }

    private mutating func readParamKind(_ node: Node) -> Policy.Admission.ParamKind? {
        guard let entries = mapping(node, "spec.paramKind") else { return nil }
        checkKeys(entries, allowed: Self.paramKindKeys, in: "spec.paramKind")
        let apiVersion = required("apiVersion", in: node, path: "spec.paramKind").flatMap {
            string($0, "spec.paramKind.apiVersion")
        }
        let kind = required("kind", in: node, path: "spec.paramKind").flatMap { string($0, "spec.paramKind.kind") }
        guard let apiVersion, let kind else { return nil }
        return Policy.Admission.ParamKind(apiVersion: apiVersion, kind: kind)
    }

    private mutating func readParamRef(_ node: Node, strict: Bool) -> Policy.Admission.ParamRef? {
        let path = "spec.paramRef"
        guard let entries = mapping(node, path) else { return nil }
        checkKeys(entries, allowed: Self.paramRefKeys, in: path)
        let name = node["name"].flatMap { string($0, "\(path).name") }
        let namespace = node["namespace"].flatMap { string($0, "\(path).namespace") }
        let selector = node["selector"].flatMap { readLabelSelector($0, "\(path).selector") }
        if (name == nil) == (node["selector"] == nil) {
            error("exactly one of \"\(path).name\" and \"\(path).selector\" must be set", node)
        }
        var denyWhenNotFound = false
        if let action = strict
            ? required("parameterNotFoundAction", in: node, path: path) : node["parameterNotFoundAction"],
            let actionName = string(action, "\(path).parameterNotFoundAction")
        {
            switch actionName {
            case "Allow": denyWhenNotFound = false
            case "Deny": denyWhenNotFound = true
            default: error("unknown parameterNotFoundAction \"\(actionName)\" (expected one of Allow, Deny)", action)
            }
        }
        return Policy.Admission.ParamRef(
            name: name, namespace: namespace, selector: selector, denyWhenNotFound: denyWhenNotFound)
    }
}
