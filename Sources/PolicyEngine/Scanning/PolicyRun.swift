import CEL
import KubernetesInput
import PolicyModel

/// What running a policy reads on every resource and item, gathered once per scan: its programs
/// in arrays, so that a run retains a few objects rather than copying the policy and each of its
/// validations (a scan runs every policy on every resource, and every validation on every item).
final class PreparedPolicy: Sendable {
    let policy: Policy
    let conditions: [Program]
    let variableNames: [String]
    let variables: [Program]
    /// Which of `variables` are evaluated once per resource, and which once per `each` item.
    let resourceVariableIndices: [Int]
    let itemVariableIndices: [Int]
    let validations: [Program]
    let keywords: [String]
    /// The source of each variable, for locating what a finding points at.
    let variableSources: [String: String]
    /// The list `each` runs over (for a filtered `each`, the list before the filter), its source,
    /// and the filter's condition per element.
    let eachList: Program?
    let eachListSource: String
    let eachCondition: Program?
    /// Whether the filtered `each` reads nothing of the policy's own (its `variables`), so that
    /// what it selects on a resource is the same for every policy with the same `each` text.
    let eachIsShareable: Bool

    init(_ policy: Policy) {
        self.policy = policy
        conditions = policy.match.conditions.map(\.expression.program)
        variableNames = policy.variables.map(\.name)
        variables = policy.variables.map(\.expression.program)
        itemVariableIndices = policy.itemVariableIndices
        resourceVariableIndices = policy.variables.indices.filter { [itemVariableIndices] in
            !itemVariableIndices.contains($0)
        }
        validations = policy.validations.map(\.expression.program)
        keywords = policy.keywords
        variableSources = Dictionary(policy.variables.map { ($0.name, $0.expression.source) }) { first, _ in first }
        let listed = policy.eachFilter?.list ?? policy.each
        eachList = listed?.program
        eachListSource = listed?.source ?? ""
        eachCondition = policy.eachFilter?.condition
        if let filter = policy.eachFilter, let each = policy.each {
            // The text must not name them either: a literal variable is folded into the compiled
            // form, where two policies' same text then holds different values.
            eachIsShareable =
                !each.source.contains("variables")
                && !filter.list.program.variablesRead.contains("variables")
                && !filter.condition.variablesRead.contains("variables")
        } else {
            eachIsShareable = false
        }
    }
}

/// The variables of a native policy's expressions in the two layouts they are compiled in
/// (`PolicyReader.environment`, and `itemEnvironment`, which adds `item`), so that every
/// expression reads them by slot. Made once per resource; a run sets `variables` and `item`.
struct PolicyActivation {
    private var plain: Activation
    private var withItem: Activation
    /// `variables`, kept here so that setting one changes the map in place (see `setVariable`).
    private var variables = MapValue()

    private static let plainTemplate = PolicyReader.environment.makeActivation()
    private static let itemTemplate = PolicyReader.itemEnvironment.makeActivation()
    private static let itemSlot = itemTemplate.slot(of: "item")
    private static let plainVariablesSlot = plainTemplate.slot(of: "variables")
    private static let itemVariablesSlot = itemTemplate.slot(of: "variables")

    init(_ values: KeyValuePairs<String, Value>) {
        plain = Self.plainTemplate
        withItem = Self.itemTemplate
        for (name, value) in values {
            plain[name] = value
            withItem[name] = value
        }
    }

    /// Sets `variables.<name>`. Both layouts let go of the map first, so that it is changed in
    /// place rather than copied: per-item variables are set for every item of every resource.
    /// `position`, when given, is where the variable already is (its place among those set).
    mutating func setVariable(_ name: String, _ value: Value, at position: Int? = nil) {
        if let slot = Self.plainVariablesSlot { plain[slot: slot] = nil }
        if let slot = Self.itemVariablesSlot { withItem[slot: slot] = nil }
        if let position, position < variables.count {
            variables.replaceValue(at: position, with: value)
        } else {
            variables.set(.string(name), value)
        }
        let map = Value.map(variables)
        if let slot = Self.plainVariablesSlot { plain[slot: slot] = map }
        if let slot = Self.itemVariablesSlot { withItem[slot: slot] = map }
    }

    mutating func setItem(_ value: Value) {
        if let slot = Self.itemSlot { withItem[slot: slot] = value }
    }

    /// Back to the resource's values alone: no `item`, no policy variables. A scan runs every
    /// policy on one activation per resource and resets it after each, rather than copying it
    /// per policy (a copy's first change would copy its values).
    mutating func reset() {
        if let slot = Self.itemSlot { withItem[slot: slot] = nil }
        guard variables.count > 0 else { return }
        // Emptied in place (both layouts let go of it first), so that the next policy's
        // variables fill the room this one's made rather than growing a new map.
        if let slot = Self.plainVariablesSlot { plain[slot: slot] = nil }
        if let slot = Self.itemVariablesSlot { withItem[slot: slot] = nil }
        variables.removeAll()
        let map = Value.map(variables)
        if let slot = Self.plainVariablesSlot { plain[slot: slot] = map }
        if let slot = Self.itemVariablesSlot { withItem[slot: slot] = map }
    }

    func evaluate(_ program: Program) -> Value {
        program.evaluate(program.hasLayout(of: withItem) ? withItem : plain)
    }
}

/// What a filtered `each` selected on one resource: its list, and the positions of the elements
/// its condition kept. Policies with the same `each` (a dozen Dockerfile policies read every
/// `RUN`) share it rather than each testing every element again.
struct EachSelection {
    let items: [Value]
    let kept: [Int]
}

/// The evaluation of one policy against one resource.
struct PolicyRun {
    let prepared: PreparedPolicy
    let subject: Subject
    var findings: [Finding] = []
    var diagnostics: [Diagnostic] = []

    init(prepared: PreparedPolicy, subject: Subject) {
        self.prepared = prepared
        self.subject = subject
    }

    /// The variables of a resource before a policy's own `variables` and `item`.
    static func activation(for subject: Subject, resourceContext: Value, module: Value = .null) -> PolicyActivation {
        PolicyActivation([
            "object": subject.object, "oldObject": .null,
            "request": subject.request, "params": .null,
            "namespaceObject": subject.namespaceObject, "variables": .map(MapValue()), "resource": resourceContext,
            "module": module,
        ])
    }

    /// Runs the policy with `activation`, the variables every policy sees on this resource
    /// (`object`, `request`, `resource`…, made once per resource by
    /// `activation(for:resourceContext:module:)`), which it leaves as it found them.
    ///
    /// `selection` is what an earlier policy with the same shareable filtered `each` selected on
    /// this resource; a run that works it out sets it for the next ones.
    mutating func evaluate(_ activation: inout PolicyActivation) {
        var unshared: EachSelection?
        evaluate(&activation, selection: &unshared)
    }

    mutating func evaluate(_ activation: inout PolicyActivation, selection: inout EachSelection?) {
        guard matches() else { return }
        defer { activation.reset() }
        for (index, program) in prepared.conditions.enumerated() {
            switch activation.evaluate(program) {
            case .bool(true): continue
            case .bool(false): return
            case .unknown:
                reportUnknown(
                    at: nil, locator: nil, because: "whether it applies depends on values known only after apply")
                return
            case let other:
                let condition = prepared.policy.match.conditions[index]
                warn(
                    "match condition \"\(condition.name)\" could not be evaluated on \(subject.label): "
                        + "\(problem(other, expected: "a boolean")); the policy was not applied",
                    at: condition.expression)
                return
            }
        }
        // A variable that fails keeps its error as its value: only the expressions reading it fail.
        for index in prepared.resourceVariableIndices {
            activation.setVariable(prepared.variableNames[index], activation.evaluate(prepared.variables[index]))
        }
        var locator = NodeLocator(
            object: LocatedNode(node: subject.root, path: ""), podSpecPath: subject.podSpecPath,
            variables: prepared.variableSources, item: nil)
        guard let listProgram = prepared.eachList else {
            validate(activation, locator: &locator, fallbackPath: { "" })
            return
        }
        // A filtered `each` evaluates its list, and its condition per element, unless a policy
        // with the same `each` did so on this resource already.
        let items: [Value]
        var kept: [Int]?
        if let selection, prepared.eachIsShareable {
            items = selection.items
            kept = selection.kept
        } else {
            let value = activation.evaluate(listProgram)
            if value.isUnknown {
                reportUnknown(at: nil, locator: locator, because: "the values it checks are known only after apply")
                return
            }
            guard case .list(let list) = value else {
                if let each = prepared.policy.each {
                    warn(
                        "each could not be evaluated on \(subject.label): \(problem(value, expected: "a list"))",
                        at: each)
                }
                return
            }
            items = list
            if prepared.eachIsShareable, let condition = prepared.eachCondition {
                kept = Self.select(list, condition, &activation)
                if let kept { selection = EachSelection(items: list, kept: kept) }
            }
        }
        // Where the items are written is looked up only when one of them fails.
        var itemNodes: [LocatedNode]??
        let listedSource = prepared.eachListSource
        for index in kept ?? Array(items.indices) {
            let item = items[index]
            activation.setItem(item)
            if kept == nil, let condition = prepared.eachCondition {
                switch activation.evaluate(condition) {
                case .bool(true): break
                case .bool(false): continue
                case let other:
                    if let each = prepared.policy.each {
                        warn(
                            "each could not be evaluated on \(subject.label): "
                                + problem(other, expected: "a boolean"),
                            at: each)
                    }
                    continue
                }
            }
            // The first item adds them after the resource's variables; the next ones replace them there.
            for (offset, variable) in prepared.itemVariableIndices.enumerated() {
                activation.setVariable(
                    prepared.variableNames[variable], activation.evaluate(prepared.variables[variable]),
                    at: index == 0 ? nil : prepared.resourceVariableIndices.count + offset)
            }
            locator.item = nil
            validate(activation, locator: &locator, fallbackPath: { "\(listedSource)[\(index)]" }) { locator in
                if itemNodes == nil {
                    let located = locator.candidates(listedSource).lazy.compactMap(\.listElements)
                        .first { $0.count == items.count }
                    itemNodes = .some(located)
                }
                locator.item = itemNodes??[index]
            }
        }
    }

    /// The positions of the elements `condition` keeps, or `nil` when it is not a boolean on some
    /// element (each policy then evaluates it itself, and warns).
    private static func select(_ items: [Value], _ condition: Program, _ activation: inout PolicyActivation) -> [Int]? {
        var kept: [Int] = []
        for (index, item) in items.enumerated() {
            activation.setItem(item)
            switch activation.evaluate(condition) {
            case .bool(true): kept.append(index)
            case .bool(false): continue
            default: return nil
            }
        }
        return kept
    }

    /// Whether the resource is one the policy's `match` selects, its conditions aside.
    private func matches() -> Bool {
        let match = prepared.policy.match
        let resource = subject.resource
        if !match.resources.isEmpty && !match.resources.contains(resource.type) { return false }
        // Cluster-scoped objects are not in a namespace, so a namespace list does not exclude them.
        if !match.namespaces.isEmpty && ManifestParser.isNamespaced(resource.type) {
            let namespace = resource.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
            if !match.namespaces.contains(namespace) { return false }
        }
        guard !match.labels.isEmpty else { return true }
        let labels = resource.content["metadata"]?["labels"]
        for (key, value) in match.labels where labels?[key]?.string != value {
            return false
        }
        return true
    }

    /// Runs the validations; `locateItem` fills in the locator's `item` before the first finding.
    /// The fallback path is made only for a finding.
    private mutating func validate(
        _ activation: PolicyActivation, locator: inout NodeLocator, fallbackPath: () -> String,
        locateItem: (inout NodeLocator) -> Void = { _ in }
    ) {
        var located = false
        for (index, program) in prepared.validations.enumerated() {
            let result = activation.evaluate(program)
            if case .bool(true) = result { continue }
            let validation = prepared.policy.validations[index]
            switch result {
            case .bool(true):
                continue
            case .bool(false):
                if !located {
                    locateItem(&locator)
                    located = true
                }
                report(validation, activation, locator: locator, fallbackPath: fallbackPath())
            case .unknown:
                if !located {
                    locateItem(&locator)
                    located = true
                }
                report(validation, activation, locator: locator, fallbackPath: fallbackPath(), unknown: true)
            default:
                warn(
                    "validation could not be evaluated on \(subject.label): \(problem(result, expected: "a boolean"))",
                    at: validation.expression)
            }
        }
    }

    private mutating func report(
        _ validation: Policy.Validation, _ activation: PolicyActivation, locator: NodeLocator, fallbackPath: String,
        unknown: Bool = false
    ) {
        var message = validation.message ?? "failed: \(validation.expression.source)"
        if let messageExpression = validation.messageExpression {
            if case .string(let text) = activation.evaluate(messageExpression.program) {
                message = text
            } else {
                // A message that cannot be built (it reads a value known only after apply) gives
                // way to the fixed message, else to the title, rather than to the expression text.
                message = validation.message ?? prepared.policy.title
            }
        }
        if unknown {
            // A message built from the unknown value is unknown too: say what was checked instead.
            if validation.message == nil && message.hasPrefix("failed: ") { message = prepared.policy.title }
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
            policyID: prepared.policy.id, title: prepared.policy.title, severity: prepared.policy.severity,
            mode: prepared.policy.mode.rawValue,
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
            policyID: prepared.policy.id, title: prepared.policy.title, severity: prepared.policy.severity,
            mode: prepared.policy.mode.rawValue,
            message: "cannot tell until apply: \(reason)", location: subject.resource.location,
            resource: subject.resource.identity, path: path ?? "")
        finding.status = .unknown
        finding.statusReason = "depends on values known only after apply"
        findings.append(finding)
    }

    private mutating func warn(_ text: String, at expression: Policy.Expression) {
        diagnostics.append(Diagnostic(.warning, "policy \"\(prepared.policy.id)\": \(text)", at: expression.location))
    }

    private func problem(_ value: Value, expected: String) -> String {
        if case .error(let error) = value { return error.message }
        return "gave \(value.celType) rather than \(expected)"
    }
}
