import CEL
import PolicyModel

/// The evaluation of one imported policy — a ValidatingAdmissionPolicy with one binding, or a
/// Kyverno ValidatingPolicy — against one resource, in the order and with the outcomes of an API
/// server's validating admission for a `CREATE`:
///
/// 1. The policy's `matchConstraints`, then the binding's `matchResources`, must select the object
///    (resource rules, exclusions, namespace and object selectors).
/// 2. The binding's `paramRef` finds the parameter objects in the cluster state. A reference that
///    cannot work (a namespace for a cluster-scoped kind, a namespaced kind for a cluster-scoped
///    object) or, with `parameterNotFoundAction: Deny`, finding none, is a misconfiguration: under
///    `failurePolicy: Fail` the object is denied whatever the validation actions, under `Ignore`
///    admitted. With `Allow`, finding none admits the object (a warning says so, since the
///    parameters may simply be missing from the offline state).
/// 3. For each parameter object (or once, with `params` null): every `matchCondition` is evaluated;
///    one false skips the policy, else an error is an evaluation failure.
/// 4. Each validation that is false gives a finding, its message from `messageExpression` (a
///    non-empty one-line string), else `message`, else `failed expression: …`. Its mode is that of
///    the validation actions (`Deny` enforces, `Warn` warns, `Audit` records).
/// 5. An evaluation failure under `failurePolicy: Fail` is a finding like a failed validation, with
///    the error as its message; under `Ignore` a warning diagnostic only.
/// 6. Audit annotations are evaluated: a non-empty string is reported as a notice; an error under
///    `Fail` denies the object whatever the validation actions.
///
/// Two things are never a pass nor a failure but "not evaluable", an error diagnostic for an
/// enforcing policy and a warning otherwise: an expression that needs what only a cluster has (the
/// authorizer, HTTP, Kyverno's global context, image registries; see `NotEvaluableOffline`), and a
/// policy that declares a `paramKind` but has no binding here, whose expressions fail without
/// parameters.
struct AdmissionRun {
    let policy: Policy
    let admission: Policy.Admission
    let subject: Subject
    let state: ClusterState
    /// The value of `resource`: the offline cluster state.
    let resourceContext: Value
    var findings: [Finding] = []
    var diagnostics: [Diagnostic] = []

    init(policy: Policy, admission: Policy.Admission, subject: Subject, state: ClusterState, resourceContext: Value) {
        self.policy = policy
        self.admission = admission
        self.subject = subject
        self.state = state
        self.resourceContext = resourceContext
    }

    /// Whether `params` is null because the policy has a `paramKind` but no binding: its errors then
    /// say that it needs its parameters, not what the failure policy would do.
    private var lacksBinding: Bool { admission.paramKind != nil && admission.bindingName == nil }

    private var bindingText: String { admission.bindingName.map { " (binding \($0))" } ?? "" }

    mutating func evaluate() {
        let attributes = subject.attributes
        let namespaceLabels = attributes.namespaceLabels(in: state)
        guard let version = admission.constraints.matchedVersion(attributes, namespaceLabels: namespaceLabels) else {
            return
        }
        if let binding = admission.bindingConstraints,
            binding.matchedVersion(attributes, namespaceLabels: namespaceLabels) == nil
        {
            return
        }
        switch collectParams() {
        case .misconfigured(let message):
            configurationFailed(message)
        case .found(let params) where params.isEmpty:
            let kind = admission.paramKind.map { "\($0.kind) (\($0.apiVersion))" } ?? "parameter"
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "policy \"\(policy.id)\"\(bindingText): no \(kind) object that the binding's paramRef names is "
                        + "in the cluster state; parameterNotFoundAction Allow admits \(subject.label)",
                    at: subject.resource.location))
        case .found(let params):
            for params in params { evaluate(params: params, version: version) }
        }
    }

    // MARK: - Parameters

    private enum ParamLookup {
        case found([Value])
        case misconfigured(String)
    }

    /// The parameter objects of the binding, as the API server collects them.
    private func collectParams() -> ParamLookup {
        guard let kind = admission.paramKind, let reference = admission.paramRef else { return .found([.null]) }
        let group = ResourceNames.groupVersion(kind.apiVersion).group
        let namespaced = state.isNamespaced(kind: kind.kind, group: group)
        var namespace = ""
        if let written = reference.namespace, !written.isEmpty {
            guard namespaced else {
                return .misconfigured("paramRef.namespace must not be provided for a cluster-scoped `paramKind`")
            }
            namespace = written
        } else if namespaced {
            let attributes = subject.attributes
            namespace = attributes.isNamespace ? attributes.name : attributes.namespace
            if namespace.isEmpty {
                return .misconfigured(
                    "cannot use namespaced paramRef in policy binding that matches cluster-scoped resources")
            }
        }
        let candidates = state.objects(apiVersion: kind.apiVersion, kind: kind.kind).filter {
            $0.namespace == namespace
        }
        var params: [Value] = []
        if let name = reference.name {
            params = candidates.filter { $0.name == name }.map(\.value)
        } else if let selector = reference.selector {
            params = candidates.filter { selector.matches($0.labels) }.map(\.value)
        }
        if params.isEmpty && reference.denyWhenNotFound {
            return .misconfigured("no params found for policy binding with `Deny` parameterNotFoundAction")
        }
        return .found(params)
    }

    // MARK: - Evaluation

    private mutating func evaluate(params: Value, version: String) {
        var activation: [String: Value] = [
            "object": subject.writtenObject, "oldObject": .null,
            "request": subject.attributes.request(matchedVersion: version), "params": params,
            "namespaceObject": subject.namespaceObject, "variables": .map(MapValue()),
            "authorizer": NotEvaluableOffline.error("the authorizer"),
            "authorizer.requestResource": NotEvaluableOffline.error("the authorizer"),
            "resource": resourceContext, "http": NotEvaluableOffline.error("HTTP"),
            "globalContext": NotEvaluableOffline.error("Kyverno's global context"),
            "image": NotEvaluableOffline.error("an image registry"),
        ]
        // Any false condition skips the policy, even when another one fails.
        var failedCondition: (condition: Policy.NamedExpression, value: Value)?
        for condition in policy.match.conditions {
            let value = condition.expression.program.evaluate(activation)
            switch value {
            case .bool(true): continue
            case .bool(false): return
            default: failedCondition = failedCondition ?? (condition, value)
            }
        }
        if let (condition, value) = failedCondition {
            evaluationFailed(
                value, what: "match condition \"\(condition.name)\"", expression: condition.expression,
                detail: problem(value, expected: "a boolean"))
            return
        }
        // A variable that fails keeps its error as its value: only the expressions reading it fail.
        var variables = MapValue()
        for variable in policy.variables {
            activation["variables"] = .map(variables)
            variables.set(.string(variable.name), variable.expression.program.evaluate(activation))
        }
        activation["variables"] = .map(variables)
        for validation in policy.validations {
            let value = validation.expression.program.evaluate(activation)
            switch value {
            case .bool(true):
                continue
            case .bool(false):
                deny(message(for: validation, activation), source: validation.expression.source, mode: policy.mode)
            default:
                evaluationFailed(
                    value, what: "validation", expression: validation.expression,
                    detail: problem(value, expected: "a boolean"))
            }
        }
        for annotation in admission.auditAnnotations {
            let value = annotation.valueExpression.program.evaluate(activation)
            switch value {
            case .null:
                continue
            case .string(let text):
                let trimmed = Self.trimmed(text)
                if trimmed.isEmpty { continue }
                diagnostics.append(
                    Diagnostic(
                        .notice,
                        "policy \"\(policy.id)\"\(bindingText): audit annotation \"\(admission.name)/\(annotation.key)\" "
                            + "is \"\(trimmed)\" for \(subject.label)", at: subject.resource.location))
            case .error:
                evaluationFailed(
                    value, what: "audit annotation \"\(annotation.key)\"", expression: annotation.valueExpression,
                    detail: problem(value, expected: "a string"), deniesAlways: true)
            default:
                evaluationFailed(
                    value, what: "audit annotation \"\(annotation.key)\"", expression: annotation.valueExpression,
                    detail:
                        "valueExpression '\(Self.oneLine(annotation.valueExpression.source))' resulted in unsupported return "
                        + "type: \(value.celType). Return type must be either string or null.",
                    deniesAlways: true)
            }
        }
    }

    /// The message of a failed validation: the `messageExpression`'s value when it is a non-empty
    /// string on one line of at most 5 KiB, else `message`, else the expression, as the API server
    /// chooses it.
    private mutating func message(for validation: Policy.Validation, _ activation: [String: Value]) -> String {
        if let messageExpression = validation.messageExpression {
            let value = messageExpression.program.evaluate(activation)
            if case .string(let text) = value {
                let trimmed = Self.trimmed(text)
                if !trimmed.isEmpty && !trimmed.contains("\n") && trimmed.utf8.count <= 5 * 1024 { return trimmed }
            } else if case .error(let error) = value {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "policy \"\(policy.id)\": messageExpression could not be evaluated on \(subject.label): "
                            + "\(error.message); the message is used instead", at: messageExpression.location))
            }
        }
        if let message = validation.message.map(Self.trimmed), !message.isEmpty { return message }
        return "failed expression: \(Self.oneLine(validation.expression.source))"
    }

    // MARK: - Outcomes

    /// A denial: a finding with `mode`, located where the expression's first path over `object`
    /// is written.
    private mutating func deny(_ message: String, source: String?, mode: Policy.Mode) {
        let target = source.flatMap { locate($0, depth: 0) }
        findings.append(
            Finding(
                policyID: policy.id, title: policy.title, severity: policy.severity, mode: mode.rawValue,
                message: message + bindingText,
                location: target?.node.location(in: subject.resource.file) ?? subject.resource.location,
                resource: subject.resource.identity, path: target?.path ?? ""))
    }

    /// Where the value an expression reads is written: its first path over `object`, or through the
    /// first variable it reads.
    private func locate(_ source: String, depth: Int) -> LocatedNode? {
        let locator = NodeLocator(
            object: LocatedNode(node: subject.resource.content, path: ""), podSpecPath: nil, variables: [:], item: nil)
        if let reference = NodePath.firstReference(to: "object", in: source) {
            return locator.locate(reference, partial: true)
        }
        guard depth < 8, let reference = NodePath.firstReference(to: "variables", in: source),
            let path = NodePath(reference[...]), case .field(let name)? = path.steps.first,
            let variable = policy.variables.first(where: { $0.name == name })
        else { return nil }
        return locate(variable.expression.source, depth: depth + 1)
    }

    /// A binding that cannot be applied to the object, left to the failure policy. Under `Fail`
    /// the API server denies the request whatever the validation actions.
    private mutating func configurationFailed(_ message: String) {
        let text = "failed to configure binding: \(message)"
        switch admission.failurePolicy {
        case .fail:
            deny(text, source: nil, mode: .enforce)
        case .ignore:
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "policy \"\(policy.id)\"\(bindingText): \(text) for \(subject.label); "
                        + "failurePolicy Ignore admits it", at: subject.resource.location))
        }
    }

    /// An expression that gave an error (or a value of the wrong type): not evaluable when that
    /// comes from the offline scan itself, else what the failure policy says. `deniesAlways` is set
    /// for audit annotations, whose failures deny whatever the validation actions.
    private mutating func evaluationFailed(
        _ value: Value, what: String, expression: Policy.Expression, detail: String, deniesAlways: Bool = false
    ) {
        if NotEvaluableOffline.isOffline(value) {
            notEvaluable(String(detail.dropFirst(NotEvaluableOffline.marker.count)), what: what, at: expression)
            return
        }
        if lacksBinding, let kind = admission.paramKind {
            notEvaluable(
                "the policy has paramKind \(kind.kind) (\(kind.apiVersion)) and no binding here gives it parameters; "
                    + "with params null it fails: \(detail)", what: what, at: expression)
            return
        }
        let message = "expression '\(Self.oneLine(expression.source))' resulted in error: \(detail)"
        switch admission.failurePolicy {
        case .fail:
            deny(message, source: expression.source, mode: deniesAlways ? .enforce : policy.mode)
        case .ignore:
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "policy \"\(policy.id)\"\(bindingText): \(what) could not be evaluated on \(subject.label): "
                        + "\(detail); failurePolicy Ignore admits it", at: expression.location))
        }
    }

    /// Neither a pass nor a finding: an error diagnostic for an enforcing policy, else a warning.
    private mutating func notEvaluable(_ reason: String, what: String, at expression: Policy.Expression) {
        diagnostics.append(
            Diagnostic(
                policy.mode == .enforce ? .error : .warning,
                "policy \"\(policy.id)\"\(bindingText) is not evaluable on \(subject.label): \(what): \(reason)",
                at: expression.location))
    }

    private func problem(_ value: Value, expected: String) -> String {
        if case .error(let error) = value { return error.message }
        return "gave \(value.celType) rather than \(expected)"
    }

    /// An expression's text on one line, for a message: trimmed, each line break with the
    /// indentation after it made one space.
    static func oneLine(_ text: String) -> String {
        trimmed(text).split(separator: "\n", omittingEmptySubsequences: true).map { trimmed(String($0)) }
            .joined(separator: " ")
    }

    /// `text` without the white space at its ends.
    static func trimmed(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
