import HCL
import PolicyModel

/// One instance of a module — the root, or a `module` block's instance — with its input values.
/// Locals, resources and child modules are evaluated when first referenced and remembered, so
/// declarations can come in any order; a cycle is reported and its values become unknown.
///
/// Not shared between tasks: one tree of instances is evaluated on one task.
final class ModuleInstance {
    /// State shared by every instance of one tree: diagnostics, the step budget, the loader.
    final class Session {
        let loader: ModuleLoader
        let rootDirectory: String
        var diagnostics: [Diagnostic] = []
        var steps = 0
        /// (file, line, column, message) already reported, so a module called many times reports a
        /// problem once.
        var reported: Set<String> = []

        init(loader: ModuleLoader, rootDirectory: String) {
            self.loader = loader
            self.rootDirectory = rootDirectory
        }
    }

    /// Most expression steps one tree may take: bounds the time a hostile configuration can cost.
    static let stepLimit = 50_000_000
    /// How deeply local modules may call one another.
    static let depthLimit = 32

    let config: ModuleConfig
    /// `""` for the root, else `module.NAME` or `module.NAME[KEY]`, nested with dots.
    let address: String
    let session: Session
    let inputs: [String: TerraformValue]
    let depth: Int
    /// The directories of the callers, to refuse a module that calls itself.
    let callers: [String]

    private enum Memo {
        case evaluating
        case done(TerraformValue)
    }

    private var locals: [String: Memo] = [:]
    private var resourceInstances: [String: [ResourceInstance]] = [:]
    private var resourcesInProgress: Set<String> = []
    private var modules: [String: [(key: InstanceKey?, instance: ModuleInstance?)]] = [:]
    private var modulesInProgress: Set<String> = []
    private var variableCache: [String: TerraformValue] = [:]
    private var localReferenceCache: [String: Set<String>] = [:]

    init(
        config: ModuleConfig, address: String, session: Session, inputs: [String: TerraformValue], depth: Int,
        callers: [String]
    ) {
        self.config = config
        self.address = address
        self.session = session
        self.inputs = inputs
        self.depth = depth
        self.callers = callers
    }

    var steps: Int {
        get { session.steps }
        set { session.steps = newValue }
    }

    var rootDirectory: String { session.rootDirectory }

    var functionContext: any FunctionContext {
        ModuleFunctionContext(directory: config.directory, files: session.loader.files)
    }

    func report(_ level: Diagnostic.Level, _ message: String, file: String, range: SourceRange) {
        let key = "\(file):\(range.start.line):\(range.start.column):\(message)"
        guard session.reported.insert(key).inserted else { return }
        session.diagnostics.append(Diagnostic(level, message, at: ModuleConfig.location(file, range)))
    }

    /// Evaluates, reporting a failure as a warning and giving unknown in its place.
    func evaluateReporting(_ expression: Expression, _ scope: Scope) -> TerraformValue {
        do throws(EvaluationError) {
            return try evaluate(expression, scope)
        } catch {
            report(
                .warning, "cannot evaluate: \(error.message); the value is taken as unknown", file: scope.file,
                range: error.range)
            return .unknown
        }
    }

    // MARK: Variables and locals

    func variableValue(_ name: String) -> TerraformValue {
        if let value = variableCache[name] { return value }
        var value = TerraformValue.unknown
        if let given = inputs[name] {
            value = given
        } else if let variable = config.variables[name], let defaultValue = variable.defaultValue {
            value = evaluateReporting(defaultValue.expression, Scope(file: defaultValue.file))
        }
        variableCache[name] = value
        return value
    }

    func localValue(_ name: String, _ range: SourceRange) throws(EvaluationError) -> TerraformValue {
        switch locals[name] {
        case .done(let value)?: return value
        case .evaluating?:
            throw EvaluationError("local.\(name) refers to itself through other values (a cycle)", range)
        case nil:
            guard let local = config.locals[name] else {
                throw EvaluationError("reference to undeclared local value \"\(name)\"", range, isStatic: true)
            }
            locals[name] = .evaluating
            let value = evaluateReporting(local.expression, Scope(file: local.file))
            locals[name] = .done(value)
            return value
        }
    }

    // MARK: Resources

    /// The value a reference to `address` (`aws_s3_bucket.logs`, `data.x.y`) sees: the instance's
    /// attributes, a list of them under `count`, a map under `for_each`.
    func resourceValue(_ address: String, _ range: SourceRange) throws(EvaluationError) -> TerraformValue {
        guard let block = config.resources.first(where: { $0.address == address }) else {
            throw EvaluationError("reference to undeclared resource \"\(address)\"", range, isStatic: true)
        }
        if resourcesInProgress.contains(address) {
            throw EvaluationError("\(address) refers to itself through other values (a cycle)", range)
        }
        let instances = self.instances(of: block)
        let expansion =
            block.block.body.attribute("count") != nil
            ? "count" : block.block.body.attribute("for_each") != nil ? "for_each" : nil
        switch expansion {
        case "count":
            if instances.contains(where: { $0.key == .unknown }) { return .unknown }
            return .list(instances.map { .object($0.attributes) })
        case "for_each":
            if instances.contains(where: { $0.key == .unknown }) { return .unknown }
            return .object(
                instances.compactMap { instance in
                    guard case .key(let key)? = instance.key else { return nil }
                    return (key, TerraformValue.object(instance.attributes))
                })
        default:
            return instances.first.map { .object($0.attributes) } ?? .unknown
        }
    }

    /// Every instance of `block`, evaluated once.
    func instances(of block: ModuleConfig.ResourceBlock) -> [ResourceInstance] {
        if let done = resourceInstances[block.address] { return done }
        resourcesInProgress.insert(block.address)
        defer { resourcesInProgress.remove(block.address) }
        let base = address.isEmpty ? block.address : address + "." + block.address
        let references = staticReferences(of: block.block.body, file: block.file)
        var result: [ResourceInstance] = []
        for (key, names) in expansions(of: block.block.body, file: block.file) {
            let scope = Scope(file: block.file, names: names)
            var (attributes, node) = evaluateBody(block.block.body, scope, meta: Self.resourceMetaArguments)
            attributes.isOpen = true
            if block.mode == .data {
                if block.type == "aws_iam_policy_document" {
                    let document = IAMPolicyDocument.render(attributes)
                    attributes.set("json", document.text.map { TerraformValue.string($0) } ?? .unknown)
                    if let structure = document.structure {
                        node = Self.adding("json", Self.located(structure, nil, span: node.span), to: node)
                    }
                }
            }
            result.append(
                ResourceInstance(
                    block: block, key: key, address: base + (key?.suffix ?? ""), moduleAddress: address,
                    attributes: attributes, content: node, references: references))
        }
        resourceInstances[block.address] = result
        return result
    }

    /// Meta-arguments and meta-blocks of a resource: what Terraform reads, not the provider.
    static let resourceMetaArguments: Set<String> = [
        "count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection",
    ]

    /// The instance keys and the names (`count`, `each`) each instance is evaluated with.
    func expansions(of body: Body, file: String) -> [(InstanceKey?, [String: TerraformValue])] {
        if let count = body.attribute("count") {
            let value = evaluateReporting(count.value, Scope(file: file))
            switch value {
            case .number(let number) where number >= 0 && number == number.rounded():
                let total = min(Int(number), 100_000)
                return (0..<total).map { index in
                    (.index(index), ["count": .object([("index", .number(Double(index)))])])
                }
            case .unknown:
                return [(.unknown, ["count": .object([("index", .unknown)])])]
            default:
                report(
                    .warning, "count must be a whole number, not \(value.typeName)", file: file,
                    range: count.value.range)
                return [(.unknown, ["count": .object([("index", .unknown)])])]
            }
        }
        if let forEach = body.attribute("for_each") {
            let value = evaluateReporting(forEach.value, Scope(file: file))
            switch value {
            case .object(let object):
                return object.entries.map { entry in
                    (.key(entry.key), ["each": .object([("key", .string(entry.key)), ("value", entry.value)])])
                }
            case .list(let items):
                var seen: Set<String> = []
                var result: [(InstanceKey?, [String: TerraformValue])] = []
                for item in items {
                    guard let key = item.stringValue else {
                        if item.isUnknown {
                            return [(.unknown, ["each": .object([("key", .unknown), ("value", .unknown)])])]
                        }
                        report(
                            .warning, "for_each over a set needs strings, not \(item.typeName)", file: file,
                            range: forEach.value.range)
                        continue
                    }
                    if seen.insert(key).inserted {
                        result.append((.key(key), ["each": .object([("key", .string(key)), ("value", .string(key))])]))
                    }
                }
                return result.sorted { ($0.0?.suffix ?? "") < ($1.0?.suffix ?? "") }
            case .null:
                report(.warning, "for_each must not be null", file: file, range: forEach.value.range)
                return []
            default:
                return [(.unknown, ["each": .object([("key", .unknown), ("value", .unknown)])])]
            }
        }
        return [(nil, [:])]
    }

    // MARK: Modules

    /// The value of `module.NAME`: the outputs of the instance, a list under `count`, a map under
    /// `for_each`; unknown for a module that is not read (remote sources).
    func moduleValue(_ name: String, _ range: SourceRange) throws(EvaluationError) -> TerraformValue {
        guard let call = config.moduleCalls[name] else {
            throw EvaluationError("reference to undeclared module \"\(name)\"", range, isStatic: true)
        }
        if modulesInProgress.contains(name) {
            throw EvaluationError("module.\(name) refers to itself through other values (a cycle)", range)
        }
        let instances = moduleInstances(name)
        func outputs(_ instance: ModuleInstance?) -> TerraformValue {
            guard let instance else { return .unknown }
            var object = ObjectValue()
            object.isOpen = true
            for (output, located) in instance.config.outputs {
                object.set(output, instance.evaluateReporting(located.expression, Scope(file: located.file)))
            }
            return .object(object)
        }
        if instances.contains(where: { $0.key == .unknown }) { return .unknown }
        if call.block.body.attribute("count") != nil { return .list(instances.map { outputs($0.instance) }) }
        if call.block.body.attribute("for_each") != nil {
            return .object(
                instances.compactMap { entry in
                    guard case .key(let key)? = entry.key else { return nil }
                    return (key, outputs(entry.instance))
                })
        }
        return instances.first.map { outputs($0.instance) } ?? .unknown
    }

    /// The instances of a module call; `instance` is `nil` for a source that is not read here.
    func moduleInstances(_ name: String) -> [(key: InstanceKey?, instance: ModuleInstance?)] {
        if let done = modules[name] { return done }
        guard let call = config.moduleCalls[name] else { return [] }
        modulesInProgress.insert(name)
        defer { modulesInProgress.remove(name) }
        var result: [(key: InstanceKey?, instance: ModuleInstance?)] = []
        let child = childConfig(call)
        for (key, names) in expansions(of: call.block.body, file: call.file) {
            guard let child else {
                result.append((key, nil))
                continue
            }
            let scope = Scope(file: call.file, names: names)
            var inputs: [String: TerraformValue] = [:]
            for attribute in call.block.body.attributes where !Self.moduleMetaArguments.contains(attribute.name) {
                inputs[attribute.name] = evaluateReporting(attribute.value, scope)
            }
            for (input, _) in inputs where child.variables[input] == nil {
                if let attribute = call.block.body.attribute(input) {
                    report(
                        .warning, "module \"\(name)\" has no variable \"\(input)\"", file: call.file,
                        range: attribute.nameRange)
                }
            }
            let childAddress = (address.isEmpty ? "" : address + ".") + "module.\(name)" + (key?.suffix ?? "")
            let instance = ModuleInstance(
                config: child, address: childAddress, session: session, inputs: inputs, depth: depth + 1,
                callers: callers + [config.directory])
            result.append((key, instance))
        }
        modules[name] = result
        return result
    }

    static let moduleMetaArguments: Set<String> = ["source", "version", "count", "for_each", "providers", "depends_on"]

    /// The configuration a call reads: local paths only; registry and remote sources are not read.
    private func childConfig(_ call: ModuleConfig.ModuleCall) -> ModuleConfig? {
        guard let source = call.source, source.hasPrefix("./") || source.hasPrefix("../") else { return nil }
        let directory = Paths.join(config.directory, source)
        guard depth < Self.depthLimit, !callers.contains(directory), directory != config.directory else {
            if let attribute = call.block.body.attribute("source") {
                report(
                    .error, "module \"\(call.name)\" calls \(source), which calls back into itself or nests too deeply",
                    file: call.file, range: attribute.value.range)
            }
            return nil
        }
        guard let child = session.loader.module(in: directory) else {
            if let attribute = call.block.body.attribute("source") {
                report(
                    .warning, "module source \(source) has no Terraform files", file: call.file,
                    range: attribute.value.range)
            }
            return nil
        }
        for diagnostic in child.diagnostics {
            let key = "\(diagnostic.location):\(diagnostic.message)"
            if session.reported.insert(key).inserted { session.diagnostics.append(diagnostic) }
        }
        return child
    }

    /// Every resource instance of this module and the modules it calls, in declaration order,
    /// followed by its provider configurations and module calls.
    func allResourceInstances() -> [ResourceInstance] {
        var result: [ResourceInstance] = []
        for block in config.resources { result += instances(of: block) }
        for block in config.providers { result.append(settings(of: block, meta: ["alias"])) }
        for name in config.moduleCalls.keys.sorted() {
            guard let call = config.moduleCalls[name] else { continue }
            let block = ModuleConfig.ResourceBlock(
                mode: .module, type: "module", name: name, block: call.block, file: call.file)
            result.append(settings(of: block, meta: ["count", "for_each", "providers", "depends_on"]))
            for entry in moduleInstances(name) {
                if let instance = entry.instance { result += instance.allResourceInstances() }
            }
        }
        return result
    }

    /// A module call or provider block as one resource: its arguments evaluated once, with
    /// `count.index` and `each` unknown when the call is expanded, so a check on `source` or on a
    /// provider's credentials is made once per block rather than once per instance.
    private func settings(of block: ModuleConfig.ResourceBlock, meta: Set<String>) -> ResourceInstance {
        let body = block.block.body
        var names: [String: TerraformValue] = [:]
        if body.attribute("count") != nil { names["count"] = .object([("index", .unknown)]) }
        if body.attribute("for_each") != nil { names["each"] = .object([("key", .unknown), ("value", .unknown)]) }
        var (attributes, node) = evaluateBody(body, Scope(file: block.file, names: names), meta: meta)
        attributes.isOpen = true
        return ResourceInstance(
            block: block, key: nil, address: address.isEmpty ? block.address : address + "." + block.address,
            moduleAddress: address, attributes: attributes, content: node,
            references: staticReferences(of: body, file: block.file))
    }

    // MARK: References between resources

    /// The resources of this module (`aws_kms_key.main`, `data.x.y`) that a body refers to,
    /// directly or through locals.
    func staticReferences(of body: Body, file: String) -> Set<String> {
        var found: Set<String> = []
        var expressions: [Expression] = []
        collectExpressions(body, into: &expressions)
        for expression in expressions { collectReferences(expression, into: &found, visitingLocals: []) }
        return found
    }

    private func collectExpressions(_ body: Body, into expressions: inout [Expression]) {
        for attribute in body.attributes { expressions.append(attribute.value) }
        for block in body.blocks { collectExpressions(block.body, into: &expressions) }
    }

    private func collectReferences(_ expression: Expression, into found: inout Set<String>, visitingLocals: Set<String>)
    {
        expression.forEachTraversalRoot { root, first, second in
            switch root {
            case "local":
                guard let first, !visitingLocals.contains(first) else { return }
                if let cached = localReferenceCache[first] {
                    found.formUnion(cached)
                    return
                }
                guard let local = config.locals[first] else { return }
                var inner: Set<String> = []
                collectReferences(local.expression, into: &inner, visitingLocals: visitingLocals.union([first]))
                localReferenceCache[first] = inner
                found.formUnion(inner)
            case "data":
                guard let first, let second else { return }
                found.insert("data.\(first).\(second)")
            case "var", "module", "path", "terraform", "count", "each", "self":
                return
            default:
                guard let first else { return }
                let address = "\(root).\(first)"
                if config.resources.contains(where: { $0.address == address }) { found.insert(address) }
            }
        }
    }
}

/// Which instance of a resource or module: `[0]`, `["key"]`, or not known before apply.
enum InstanceKey: Sendable, Hashable {
    case index(Int)
    case key(String)
    case unknown

    /// The address suffix: `[0]`, `["a"]`; nothing for an unknown key.
    var suffix: String {
        switch self {
        case .index(let index): return "[\(index)]"
        case .key(let key): return "[\"\(key)\"]"
        case .unknown: return ""
        }
    }
}

/// One resource instance as evaluated: its address, attributes and located content.
struct ResourceInstance: Sendable {
    var block: ModuleConfig.ResourceBlock
    var key: InstanceKey?
    /// `module.network.aws_subnet.private[0]`.
    var address: String
    /// The module instance it belongs to (`""` for the root).
    var moduleAddress: String
    var attributes: ObjectValue
    var content: Node
    /// The resources of the same module it refers to (`aws_s3_bucket.logs`).
    var references: Set<String>
}
