import CEL
import PolicyModel

/// The parts that Kubernetes' ValidatingAdmissionPolicy, its binding and Kyverno's ValidatingPolicy
/// share: metadata, `matchConstraints`, label selectors, validations, audit annotations, and the
/// CEL environments their expressions compile in. Keys are checked as an API server with strict
/// field validation checks them, so a misspelt field is an error with the closest known name.
extension PolicyReader {
    /// Keys of a Kubernetes object's top level.
    static let objectKeys = ["apiVersion", "kind", "metadata", "spec", "status"]
    static let matchResourcesKeys = [
        "namespaceSelector", "objectSelector", "resourceRules", "excludeResourceRules", "matchPolicy",
    ]
    static let ruleKeys = ["apiGroups", "apiVersions", "resources", "operations", "scope", "resourceNames"]
    static let selectorKeys = ["matchLabels", "matchExpressions"]
    static let requirementKeys = ["key", "operator", "values"]
    static let admissionValidationKeys = ["expression", "message", "messageExpression", "reason"]
    static let auditAnnotationKeys = ["key", "valueExpression"]
    /// The operations an admission rule may name.
    static let operations = ["*", "CREATE", "UPDATE", "DELETE", "CONNECT"]
    /// The status reasons a validation may give.
    static let reasons = ["Unauthorized", "Forbidden", "Invalid", "RequestEntityTooLarge"]

    /// The annotation that sets an imported policy's severity (`high` when absent).
    static let severityAnnotation = "palisade.dev/severity"
    /// The annotations an imported policy's title and description are taken from, in order.
    static let titleAnnotations = ["palisade.dev/title", "policies.kyverno.io/title"]
    static let descriptionAnnotations = ["palisade.dev/description", "policies.kyverno.io/description"]

    // MARK: - Environments

    /// Where in a ValidatingAdmissionPolicy an expression is, which decides what it may use.
    enum AdmissionExpressionKind {
        /// Validations and variables: every admission variable.
        case validation
        /// `messageExpression`s and audit annotations: no authorizer.
        case message
        /// `matchConditions`: no `variables`, which are evaluated after them.
        case matchCondition
    }

    /// The environment of a ValidatingAdmissionPolicy's expressions of a kind, as the API server
    /// declares it: `params` only for a policy with a `paramKind`.
    static func admissionEnvironment(_ kind: AdmissionExpressionKind, params: Bool) -> Environment {
        switch (kind, params) {
        case (.validation, false): return validationEnvironments.0
        case (.validation, true): return validationEnvironments.1
        case (.message, false): return messageEnvironments.0
        case (.message, true): return messageEnvironments.1
        case (.matchCondition, false): return conditionEnvironments.0
        case (.matchCondition, true): return conditionEnvironments.1
        }
    }

    private static func admissionVariables(params: Bool, authorizer: Bool, variables: Bool) -> [String: CELType] {
        var declared: [String: CELType] = [
            "object": .dyn, "oldObject": .dyn, "request": .dyn, "namespaceObject": .dyn,
        ]
        if params { declared["params"] = .dyn }
        if variables { declared["variables"] = .dyn }
        if authorizer {
            declared["authorizer"] = Library.authorizerType
            declared["authorizer.requestResource"] = Library.resourceCheckType
        }
        return declared
    }

    private static func environments(authorizer: Bool, variables: Bool) -> (Environment, Environment) {
        let libraries = authorizer ? libraries + [.authorizer] : libraries
        return (
            Environment(
                variables: admissionVariables(params: false, authorizer: authorizer, variables: variables),
                libraries: libraries),
            Environment(
                variables: admissionVariables(params: true, authorizer: authorizer, variables: variables),
                libraries: libraries)
        )
    }

    private static let validationEnvironments = environments(authorizer: true, variables: true)
    private static let messageEnvironments = environments(authorizer: false, variables: true)
    private static let conditionEnvironments = environments(authorizer: true, variables: false)

    /// Every expression of a Kyverno ValidatingPolicy: Kyverno's variables (no `params`, no
    /// `authorizer`) and libraries.
    static let kyvernoEnvironment = Environment(
        variables: [
            "object": .dyn, "oldObject": .dyn, "request": .dyn, "namespaceObject": .dyn, "variables": .dyn,
            "resource": .opaque(ResourceContext.typeName), "http": Library.httpType,
            "globalContext": Library.globalContextType, "image": Library.imageDataType,
        ], libraries: libraries + [.clusterResources, .kyvernoExternal])

    // MARK: - Metadata

    /// `metadata.name`, which every Kubernetes object must have.
    mutating func objectName(_ document: Node) -> String? {
        guard let metadata = required("metadata", in: document, path: nil), mapping(metadata, "metadata") != nil,
            let node = required("name", in: metadata, path: "metadata")
        else { return nil }
        guard let name = string(node, "metadata.name") else { return nil }
        if name.isEmpty { error("\"metadata.name\" must not be empty", node) }
        return name
    }

    /// The string value of the first of `keys` among `metadata.annotations`.
    func annotation(_ document: Node, _ keys: [String]) -> String? {
        for key in keys {
            if let value = document["metadata"]?["annotations"]?[key]?.string { return value }
        }
        return nil
    }

    /// The severity named by the `palisade.dev/severity` annotation, `high` when there is none.
    mutating func importedSeverity(_ document: Node) -> Severity? {
        guard let node = document["metadata"]?["annotations"]?[Self.severityAnnotation] else { return .high }
        return string(node, "metadata.annotations.\(Self.severityAnnotation)").flatMap {
            oneOf(Severity.allCases, named: $0, what: "severity", at: node)
        }
    }

    // MARK: - Match constraints

    /// A `MatchResources`. `requireRules` is set for a policy's `matchConstraints`, whose
    /// `resourceRules` the API requires; a binding's `matchResources` may leave them out.
    mutating func readMatchResources(
        _ node: Node, _ path: String, requireRules: Bool, defaultPolicy: MatchConstraints.MatchPolicy
    ) -> MatchConstraints? {
        guard let entries = mapping(node, path) else { return nil }
        checkKeys(entries, allowed: Self.matchResourcesKeys, in: path)
        var constraints = MatchConstraints(matchPolicy: defaultPolicy)
        if requireRules {
            if let rules = required("resourceRules", in: node, path: path) {
                constraints.resourceRules = readRules(rules, "\(path).resourceRules")
                if case .sequence(let items) = rules.content, items.isEmpty {
                    error("\"\(path).resourceRules\" must hold at least one rule", rules)
                }
            }
        } else if let rules = node["resourceRules"] {
            constraints.resourceRules = readRules(rules, "\(path).resourceRules")
        }
        if let rules = node["excludeResourceRules"] {
            constraints.excludeResourceRules = readRules(rules, "\(path).excludeResourceRules")
        }
        if let selector = node["namespaceSelector"] {
            constraints.namespaceSelector = readLabelSelector(selector, "\(path).namespaceSelector") ?? .init()
        }
        if let selector = node["objectSelector"] {
            constraints.objectSelector = readLabelSelector(selector, "\(path).objectSelector") ?? .init()
        }
        if let policy = node["matchPolicy"], let name = string(policy, "\(path).matchPolicy") {
            constraints.matchPolicy =
                oneOf(MatchConstraints.MatchPolicy.allCases, named: name, what: "matchPolicy", at: policy)
                ?? defaultPolicy
        }
        return constraints
    }

    private mutating func readRules(_ node: Node, _ path: String) -> [MatchConstraints.Rule] {
        guard let items = sequence(node, path) else { return [] }
        var rules: [MatchConstraints.Rule] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let entries = mapping(item, itemPath) else { continue }
            checkKeys(entries, allowed: Self.ruleKeys, in: itemPath)
            func list(_ key: String) -> [String] {
                item[key].flatMap { strings($0, "\(itemPath).\(key)") } ?? []
            }
            var rule = MatchConstraints.Rule(
                apiGroups: list("apiGroups"), apiVersions: list("apiVersions"), resources: list("resources"),
                operations: list("operations"), resourceNames: list("resourceNames"))
            for (operation, node) in zip(rule.operations, sequenceItems(item["operations"]))
            where !Self.operations.contains(operation) {
                error(
                    "unknown operation \"\(operation)\" (expected one of \(Self.operations.joined(separator: ", ")))",
                    node)
            }
            if let scope = item["scope"], let name = string(scope, "\(itemPath).scope") {
                rule.scope = oneOf(MatchConstraints.Scope.allCases, named: name, what: "scope", at: scope) ?? .all
            }
            rules.append(rule)
        }
        return rules
    }

    private func sequenceItems(_ node: Node?) -> [Node] {
        if case .sequence(let items)? = node?.content { return items }
        return []
    }

    /// A `LabelSelector`, with the API server's checks: a known operator, values for `In` and
    /// `NotIn`, none for `Exists` and `DoesNotExist`.
    mutating func readLabelSelector(_ node: Node, _ path: String) -> LabelSelector? {
        if case .null = node.content { return LabelSelector() }
        guard let entries = mapping(node, path) else { return nil }
        checkKeys(entries, allowed: Self.selectorKeys, in: path)
        var selector = LabelSelector()
        if let labels = node["matchLabels"], let labelEntries = mapping(labels, "\(path).matchLabels") {
            for entry in labelEntries {
                guard let key = string(entry.key, "a label name in \"\(path).matchLabels\""),
                    let value = string(entry.value, "\(path).matchLabels.\(key)")
                else { continue }
                selector.matchLabels[key] = value
            }
        }
        guard let expressions = node["matchExpressions"] else { return selector }
        for (index, item) in (sequence(expressions, "\(path).matchExpressions") ?? []).enumerated() {
            let itemPath = "\(path).matchExpressions[\(index)]"
            guard let itemEntries = mapping(item, itemPath) else { continue }
            checkKeys(itemEntries, allowed: Self.requirementKeys, in: itemPath)
            guard let key = required("key", in: item, path: itemPath).flatMap({ string($0, "\(itemPath).key") }),
                let operatorNode = required("operator", in: item, path: itemPath),
                let operatorName = string(operatorNode, "\(itemPath).operator"),
                let op = oneOf(
                    LabelSelector.Requirement.Operator.allCases, named: operatorName, what: "operator",
                    at: operatorNode)
            else { continue }
            let values = item["values"].flatMap { strings($0, "\(itemPath).values") } ?? []
            switch op {
            case .in, .notIn:
                if values.isEmpty {
                    error("\"\(itemPath).values\" must not be empty for the operator \(operatorName)", item)
                }
            case .exists, .doesNotExist:
                if !values.isEmpty, let node = item["values"] {
                    error("\"\(itemPath).values\" must be empty for the operator \(operatorName)", node)
                }
            }
            selector.matchExpressions.append(LabelSelector.Requirement(key: key, operator: op, values: values))
        }
        return selector
    }

    // MARK: - Expressions

    /// `validations` of an admission policy: `expression`, `message`, `messageExpression` (compiled
    /// in `messageEnvironment`) and `reason`.
    mutating func readAdmissionValidations(
        _ node: Node, _ path: String, in environment: Environment, messageEnvironment: Environment
    ) -> [Policy.Validation] {
        guard let items = sequence(node, path) else { return [] }
        var validations: [Policy.Validation] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let entries = mapping(item, itemPath) else { continue }
            checkKeys(entries, allowed: Self.admissionValidationKeys, in: itemPath)
            let check = required("expression", in: item, path: itemPath).flatMap {
                expression($0, "\(itemPath).expression", in: environment)
            }
            let message = item["message"].flatMap { string($0, "\(itemPath).message") }
            let messageExpression = item["messageExpression"].flatMap {
                expression($0, "\(itemPath).messageExpression", in: messageEnvironment)
            }
            var reason: String?
            if let node = item["reason"], let name = string(node, "\(itemPath).reason") {
                if Self.reasons.contains(name) {
                    reason = name
                } else {
                    error(
                        "unknown reason \"\(name)\" (expected one of \(Self.reasons.joined(separator: ", ")))", node)
                }
            }
            if let check {
                validations.append(
                    Policy.Validation(
                        expression: check, message: message, messageExpression: messageExpression, reason: reason))
            }
        }
        return validations
    }

    /// `auditAnnotations`: distinct keys, each with a `valueExpression`.
    mutating func readAuditAnnotations(
        _ node: Node, _ path: String, in environment: Environment
    ) -> [Policy.Admission.AuditAnnotation] {
        guard let items = sequence(node, path) else { return [] }
        var annotations: [Policy.Admission.AuditAnnotation] = []
        var seen: Set<String> = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let entries = mapping(item, itemPath) else { continue }
            checkKeys(entries, allowed: Self.auditAnnotationKeys, in: itemPath)
            let keyNode = required("key", in: item, path: itemPath)
            let key = keyNode.flatMap { string($0, "\(itemPath).key") }
            if let key, let keyNode {
                if key.isEmpty || key.count > 63 {
                    error("\"\(itemPath).key\" must hold 1 to 63 characters", keyNode)
                } else if !seen.insert(key).inserted {
                    error("duplicate audit annotation key \"\(key)\"", keyNode)
                }
            }
            let value = required("valueExpression", in: item, path: itemPath).flatMap {
                expression($0, "\(itemPath).valueExpression", in: environment)
            }
            if let key, let value {
                annotations.append(Policy.Admission.AuditAnnotation(key: key, valueExpression: value))
            }
        }
        return annotations
    }

    /// `failurePolicy`, `Fail` when absent.
    mutating func readFailurePolicy(_ node: Node?, _ path: String) -> Policy.Admission.FailurePolicy {
        guard let node, let name = string(node, path) else { return .fail }
        return oneOf(Policy.Admission.FailurePolicy.allCases, named: name, what: "failurePolicy", at: node) ?? .fail
    }

    /// `validationActions`: known, distinct, not both `Deny` and `Warn`, at least one.
    mutating func readValidationActions(_ node: Node, _ path: String) -> [Policy.Admission.ValidationAction] {
        guard let names = strings(node, path) else { return [] }
        var actions: [Policy.Admission.ValidationAction] = []
        for (name, item) in zip(names, sequenceItems(node)) {
            guard
                let action = oneOf(
                    Policy.Admission.ValidationAction.allCases, named: name, what: "validation action", at: item)
            else { continue }
            if actions.contains(action) {
                error("duplicate validation action \"\(name)\"", item)
            } else {
                actions.append(action)
            }
        }
        if names.isEmpty { error("\"\(path)\" must hold at least one action", node) }
        if actions.contains(.deny) && actions.contains(.warn) {
            error("\"\(path)\" may not hold both Deny and Warn", node)
        }
        return actions
    }
}
