import CEL
import KubernetesInput
import PolicyModel

/// The evaluation of one policy against one resource.
struct PolicyRun {
    let policy: Policy
    let subject: Subject
    /// The value of `resource`: the offline cluster state.
    let resourceContext: Value
    /// The value of `module`: a Terraform resource's module (null for other inputs).
    let module: Value
    var findings: [Finding] = []
    var diagnostics: [Diagnostic] = []

    init(policy: Policy, subject: Subject, resourceContext: Value, module: Value = .null) {
        self.policy = policy
        self.subject = subject
        self.resourceContext = resourceContext
        self.module = module
    }

    mutating func evaluate() {
        guard matches() else { return }
        var activation: [String: Value] = [
            "object": subject.object, "oldObject": .null,
            "request": subject.request, "params": .null,
            "namespaceObject": subject.namespaceObject, "variables": .map(MapValue()), "resource": resourceContext,
            "module": module,
        ]
        for condition in policy.match.conditions {
            switch condition.expression.program.evaluate(activation) {
            case .bool(true): continue
            case .bool(false): return
            case .unknown:
                reportUnknown(
                    at: nil, locator: nil, because: "whether it applies depends on values known only after apply")
                return
            case let other:
                warn(
                    "match condition \"\(condition.name)\" could not be evaluated on \(subject.label): "
                        + "\(problem(other, expected: "a boolean")); the policy was not applied",
                    at: condition.expression)
                return
            }
        }
        // A variable that fails keeps its error as its value: only the expressions reading it fail.
        var variables = MapValue()
        for variable in policy.variables {
            activation["variables"] = .map(variables)
            variables.set(.string(variable.name), variable.expression.program.evaluate(activation))
        }
        activation["variables"] = .map(variables)
        var locator = NodeLocator(
            object: LocatedNode(node: subject.root, path: ""), podSpecPath: subject.podSpecPath,
            variables: Dictionary(policy.variables.map { ($0.name, $0.expression.source) }) { first, _ in first },
            item: nil)
        guard let each = policy.each else {
            validate(activation, locator: locator, fallbackPath: "")
            return
        }
        let value = each.program.evaluate(activation)
        if value.isUnknown {
            reportUnknown(at: nil, locator: locator, because: "the values it checks are known only after apply")
            return
        }
        guard case .list(let items) = value else {
            warn("each could not be evaluated on \(subject.label): \(problem(value, expected: "a list"))", at: each)
            return
        }
        // Where the items are written is looked up only when one of them fails.
        var itemNodes: [LocatedNode]??
        for (index, item) in items.enumerated() {
            activation["item"] = item
            locator.item = nil
            validate(activation, locator: locator, fallbackPath: "\(each.source)[\(index)]") { locator in
                if itemNodes == nil {
                    let located = locator.candidates(each.source).lazy.compactMap(\.listElements)
                        .first { $0.count == items.count }
                    itemNodes = .some(located)
                }
                locator.item = itemNodes??[index]
            }
        }
    }

    /// Whether the resource is one the policy's `match` selects, its conditions aside.
    private func matches() -> Bool {
        let match = policy.match
        let resource = subject.resource
        if !match.resources.isEmpty && !match.resources.contains(resource.type) { return false }
        // Cluster-scoped objects are not in a namespace, so a namespace list does not exclude them.
        if !match.namespaces.isEmpty && ManifestParser.isNamespaced(resource.type) {
            let namespace = resource.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
            if !match.namespaces.contains(namespace) { return false }
        }
        let labels = resource.content["metadata"]?["labels"]
        for (key, value) in match.labels where labels?[key]?.string != value {
            return false
        }
        return true
    }

    /// Runs the validations; `locateItem` fills in the locator's `item` before the first finding.
    private mutating func validate(
        _ activation: [String: Value], locator: NodeLocator, fallbackPath: String,
        locateItem: (inout NodeLocator) -> Void = { _ in }
    ) {
        var locator = locator
        var located = false
        for validation in policy.validations {
            let result = validation.expression.program.evaluate(activation)
            switch result {
            case .bool(true):
                continue
            case .bool(false):
                if !located {
                    locateItem(&locator)
                    located = true
                }
                report(validation, activation, locator: locator, fallbackPath: fallbackPath)
            case .unknown:
                if !located {
                    locateItem(&locator)
                    located = true
                }
                report(validation, activation, locator: locator, fallbackPath: fallbackPath, unknown: true)
            default:
                warn(
                    "validation could not be evaluated on \(subject.label): \(problem(result, expected: "a boolean"))",
                    at: validation.expression)
            }
        }
    }

    private mutating func report(
        _ validation: Policy.Validation, _ activation: [String: Value], locator: NodeLocator, fallbackPath: String,
        unknown: Bool = false
    ) {
        var message = validation.message ?? "failed: \(validation.expression.source)"
        if let messageExpression = validation.messageExpression {
            if case .string(let text) = messageExpression.program.evaluate(activation) {
                message = text
            } else {
                // A message that cannot be built (it reads a value known only after apply) gives
                // way to the fixed message, else to the title, rather than to the expression text.
                message = validation.message ?? policy.title
            }
        }
        if unknown {
            // A message built from the unknown value is unknown too: say what was checked instead.
            if validation.message == nil && message.hasPrefix("failed: ") { message = policy.title }
            message = "cannot tell until apply: " + message
        }
        let target = validation.at.flatMap { locator.locate($0.source, partial: true) } ?? locator.item
        let location = target?.node.location(in: subject.resource.file) ?? subject.resource.location
        // A value outside the item (a pod-level setting every container inherits) is named with
        // the item too, so each item's finding keeps a fingerprint of its own.
        var path = target?.path ?? fallbackPath
        if let item = locator.item, !item.path.isEmpty, path != item.path, !path.hasPrefix(item.path + ".") {
            path += " for " + item.path
        }
        var finding = Finding(
            policyID: policy.id, title: policy.title, severity: policy.severity, mode: policy.mode.rawValue,
            message: message, location: location, resource: subject.resource.identity,
            path: path)
        if unknown {
            finding.status = .unknown
            finding.statusReason = "depends on values known only after apply"
        }
        findings.append(finding)
    }

    /// A finding with status `unknown` for the whole resource: a match condition or `each` that
    /// depends on values known only after apply.
    private mutating func reportUnknown(at path: String?, locator: NodeLocator?, because reason: String) {
        var finding = Finding(
            policyID: policy.id, title: policy.title, severity: policy.severity, mode: policy.mode.rawValue,
            message: "cannot tell until apply: \(reason)", location: subject.resource.location,
            resource: subject.resource.identity, path: path ?? "")
        finding.status = .unknown
        finding.statusReason = "depends on values known only after apply"
        findings.append(finding)
    }

    private mutating func warn(_ text: String, at expression: Policy.Expression) {
        diagnostics.append(Diagnostic(.warning, "policy \"\(policy.id)\": \(text)", at: expression.location))
    }

    private func problem(_ value: Value, expected: String) -> String {
        if case .error(let error) = value { return error.message }
        return "gave \(value.celType) rather than \(expected)"
    }
}
