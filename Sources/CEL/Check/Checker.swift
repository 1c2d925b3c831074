import LinearRegex

/// Resolves a parsed expression against an environment: every identifier must be a declared
/// variable, a loop or bind variable, or a type name; every call must name a known function
/// with an overload of that arity and style. What fails is a compile error with its position,
/// so a policy author learns of a typo when the policy loads, not when it first fires.
struct Checker {
    private let environment: Environment
    private let source: String
    private var scopes: [[String: Int]] = []
    private(set) var slotCount = 0

    init(environment: Environment, source: String) {
        self.environment = environment
        self.source = source
    }

    private func error(_ message: String, _ offset: Int) -> CompileError {
        CompileError(message: message, offset: offset, source: source)
    }

    /// Type names that evaluate to type values when no variable shadows them.
    static let typeNames: [String: CELType] = [
        "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string, "bytes": .bytes,
        "list": .list(.dyn), "map": .map(.dyn, .dyn), "null_type": .null, "type": .type(nil),
        "google.protobuf.Timestamp": .timestamp, "google.protobuf.Duration": .duration,
        "optional_type": .optional(.dyn),
    ]

    private func lookupLocal(_ name: String) -> Int? {
        for scope in scopes.reversed() {
            if let slot = scope[name] { return slot }
        }
        return nil
    }

    private mutating func newSlot() -> Int {
        slotCount += 1
        return slotCount - 1
    }

    /// The dotted name an expression spells (`a.b.c`), if it is only identifiers and selects.
    /// A map literal whose keys are distinct constants and whose entries are all required, as a
    /// `.record`; `nil` for any other (left to `.map`, which also reports a repeated key).
    private static func record(_ entries: [(key: Node, value: Node, optional: Bool)]) -> Node? {
        var keys: [MapKey] = []
        keys.reserveCapacity(entries.count)
        for entry in entries {
            guard !entry.optional, case .constant(let key) = entry.key, let mapKey = MapKey(key) else { return nil }
            keys.append(mapKey)
        }
        guard let layout = MapLayout(keys) else { return nil }
        return .record(layout, values: entries.map(\.value))
    }

    private static func dottedName(_ expression: Expr) -> String? {
        switch expression {
        case .identifier(let name, _): return name
        case .select(let operand, let field, false, false, _): return dottedName(operand).map { $0 + "." + field }
        default: return nil
        }
    }

    mutating func check(_ expression: Expr) throws(CompileError) -> Node {
        switch expression {
        case .literal(let value, _):
            return .constant(value)

        case .identifier(let name, let offset):
            return try resolveName(name, offset: offset)

        case .select(let operand, let field, let testOnly, let optional, let offset):
            // `a.b.c` may be one declared name (a qualified variable or a type), unless its first
            // part is a loop variable.
            if !testOnly && !optional, let dotted = Self.dottedName(expression) {
                let absolute = dotted.hasPrefix(".")
                let root = String(dotted.split(separator: ".").first ?? "")
                if absolute || lookupLocal(root) == nil, let node = resolveDeclared(dotted, offset: offset) {
                    return node
                }
            }
            return .select(
                try check(operand), field: FieldName(field), testOnly: testOnly, optional: optional, offset: offset)

        case .call(let function, let target, let arguments, let offset):
            return try checkCall(function, target: target, arguments: arguments, offset: offset)

        case .list(let elements, let optionals, let offset):
            var nodes: [Node] = []
            nodes.reserveCapacity(elements.count)
            for element in elements { nodes.append(try check(element)) }
            if nodes.allSatisfy({ if case .constant = $0 { return true } else { return false } }), optionals.isEmpty {
                let values = nodes.map { node -> Value in
                    if case .constant(let value) = node { return value }
                    return .null
                }
                return .constant(.list(values))
            }
            return .list(nodes, optionalIndices: optionals, offset: offset)

        case .map(let entries, let offset):
            var nodes: [(key: Node, value: Node, optional: Bool)] = []
            for entry in entries {
                nodes.append((try check(entry.key), try check(entry.value), entry.optional))
            }
            // A literal of constants is built once, here. One that would fail (a repeated key, a
            // key of the wrong type) is left to fail when evaluated, as the specification has it.
            var folded = MapValue()
            for node in nodes {
                guard !node.optional, case .constant(let key) = node.key, case .constant(let value) = node.value,
                    !value.isErrorOrUnknown, let mapKey = MapKey(key), folded[mapKey] == nil
                else { return Self.record(nodes) ?? .map(nodes, offset: offset) }
                folded.set(mapKey, value)
            }
            return .constant(.map(folded))

        case .message(let type, _, let offset):
            throw error(
                "message construction '\(type){...}' is not supported: Palisade evaluates JSON-shaped data, "
                    + "not protobuf messages", offset)

        case .bind(let name, let value, let body, _):
            let valueNode = try check(value)
            let slot = newSlot()
            scopes.append([name: slot])
            defer { scopes.removeLast() }
            return .bind(slot: slot, value: valueNode, body: try check(body))

        case .comprehension(let loop, let offset):
            let range = try check(loop.range)
            let accumulatorSlot = newSlot()
            scopes.append([loop.accumulator: accumulatorSlot])
            let initial = try check(loop.initial)
            let firstSlot = newSlot()
            var loopScope = [loop.variable: firstSlot]
            var secondSlot: Int?
            if let second = loop.secondVariable {
                let slot = newSlot()
                loopScope[second] = slot
                secondSlot = slot
            }
            scopes.append(loopScope)
            let condition = try check(loop.condition)
            let step = optimizeStep(try check(loop.step), accumulator: accumulatorSlot)
            scopes.removeLast()
            let result = try check(loop.result)
            scopes.removeLast()
            return .comprehension(
                Node.Loop(
                    firstSlot: firstSlot, secondSlot: secondSlot, range: range, accumulatorSlot: accumulatorSlot,
                    initial: initial, condition: condition, step: step, result: result, offset: offset))
        }
    }

    private func resolveName(_ name: String, offset: Int) throws(CompileError) -> Node {
        if !name.hasPrefix("."), let slot = lookupLocal(name) { return .local(slot) }
        if let node = resolveDeclared(name, offset: offset) { return node }
        if environment.allowUndeclaredVariables {
            return .variable(name.hasPrefix(".") ? String(name.dropFirst()) : name, slot: nil, offset: offset)
        }
        throw error("undeclared reference to '\(name.hasPrefix(".") ? String(name.dropFirst()) : name)'", offset)
    }

    /// The qualified names `name` may mean in the container, most specific first.
    private func candidates(_ name: String) -> [String] {
        if name.hasPrefix(".") { return [String(name.dropFirst())] }
        var result: [String] = []
        var container = Substring(environment.container)
        while !container.isEmpty {
            result.append(container + "." + name)
            container = container.lastIndex(of: ".").map { container[..<$0] } ?? ""
        }
        result.append(name)
        return result
    }

    /// A declared variable or a type with this (possibly dotted) name.
    private func resolveDeclared(_ name: String, offset: Int) -> Node? {
        for candidate in candidates(name) {
            if let value = environment.constants[candidate] { return .constant(value) }
            if environment.variables[candidate] != nil {
                return .variable(
                    candidate, slot: environment.variableNames.firstIndex(of: candidate), offset: offset)
            }
            if let type = Self.typeNames[candidate] ?? environment.types[candidate] { return .constant(.type(type)) }
        }
        return nil
    }

    /// Rewrites list- and map-building steps so the accumulator is updated in place, which keeps
    /// `map` and `filter` linear instead of copying the growing list at every element.
    private func optimizeStep(_ step: Node, accumulator: Int) -> Node {
        switch step {
        case .call(let call) where call.name == "_+_" && call.arguments.count == 2:
            if case .local(accumulator) = call.arguments[0],
                case .list(let elements, let optionals, _) = call.arguments[1],
                elements.count == 1, optionals.isEmpty
            {
                return .append(slot: accumulator, element: elements[0])
            }
            if case .local(accumulator) = call.arguments[0], case .constant(.list(let values)) = call.arguments[1],
                values.count == 1
            {
                return .append(slot: accumulator, element: .constant(values[0]))
            }
            return step
        case .call(let call) where call.name == "@map_insert" && call.arguments.count == 3:
            return .mapInsert(slot: accumulator, key: call.arguments[1], value: call.arguments[2], offset: call.offset)
        case .call(let call) where call.name == "@map_merge" && call.arguments.count == 2:
            return .mapMerge(slot: accumulator, entries: call.arguments[1], offset: call.offset)
        case .conditional(let condition, let whenTrue, .local(accumulator), let offset):
            let inner = optimizeStep(whenTrue, accumulator: accumulator)
            switch inner {
            case .append, .mapInsert, .mapMerge:
                return .guarded(condition: condition, step: inner, slot: accumulator, offset: offset)
            default:
                return step
            }
        default:
            return step
        }
    }

    private mutating func checkCall(_ function: String, target: Expr?, arguments: [Expr], offset: Int)
        throws(CompileError) -> Node
    {
        // Operators with their own evaluation rules.
        switch (function, arguments.count) {
        case ("_&&_", 2): return .and(try check(arguments[0]), try check(arguments[1]), offset: offset)
        case ("_||_", 2): return .or(try check(arguments[0]), try check(arguments[1]), offset: offset)
        case ("_?_:_", 3):
            return .conditional(
                try check(arguments[0]), try check(arguments[1]), try check(arguments[2]), offset: offset)
        case ("@not_strictly_false", 1): return .notStrictlyFalse(try check(arguments[0]))
        case ("!_", 1) where environment.functions["!_"] != nil:
            return .not(try check(arguments[0]), offset: offset)
        case ("_==_", 2) where environment.functions["_==_"] != nil,
            ("_!=_", 2) where environment.functions["_!=_"] != nil:
            return .equality(try check(arguments[0]), try check(arguments[1]), negated: function == "_!=_")
        case ("@in", 2) where environment.functions["@in"] != nil:
            return .membership(try check(arguments[0]), try check(arguments[1]), offset: offset)
        case ("_[_]", 2):
            return .index(try check(arguments[0]), try check(arguments[1]), optional: false, offset: offset)
        case ("_[?_]", 2):
            return .index(try check(arguments[0]), try check(arguments[1]), optional: true, offset: offset)
        case ("@map_insert", 3), ("@map_merge", 2):
            var nodes: [Node] = []
            for argument in arguments { nodes.append(try check(argument)) }
            return .call(Node.Call(name: function, overloads: [], arguments: nodes, offset: offset))
        default: break
        }
        // A namespaced global function such as `math.greatest(…)` parses as a member call on
        // `math`; it is one only if `math` is not something in scope.
        if let target, var namespace = Self.dottedName(target) {
            let absolute = namespace.hasPrefix(".")
            if absolute { namespace.removeFirst() }
            let root = String(namespace.split(separator: ".").first ?? "")
            if (absolute || lookupLocal(root) == nil) && environment.variables[root] == nil
                && environment.functions[namespace + "." + function] != nil
            {
                return try resolveCall(namespace + "." + function, member: false, arguments: arguments, offset: offset)
            }
        }
        if let target, (function == "or" || function == "orValue"), arguments.count == 1 {
            // Optional fallbacks evaluate their argument only when the receiver is empty.
            return .optionalOr(
                try check(target), try check(arguments[0]), unwrap: function == "orValue", offset: offset)
        }
        if let target {
            return try resolveCall(function, member: true, arguments: [target] + arguments, offset: offset)
        }
        return try resolveCall(function, member: false, arguments: arguments, offset: offset)
    }

    private mutating func resolveCall(_ function: String, member: Bool, arguments: [Expr], offset: Int)
        throws(CompileError) -> Node
    {
        guard let overloads = environment.functions[function] else {
            if environment.deferUnknownFunctions {
                // Evaluated, this call is an error value (which `||` and `&&` may absorb).
                var nodes: [Node] = []
                for argument in arguments { nodes.append(try check(argument)) }
                return .call(Node.Call(name: function, overloads: [], arguments: nodes, offset: offset))
            }
            throw error("undeclared reference to '\(function)'", offset)
        }
        let candidates = overloads.filter { $0.isMember == member && $0.parameters.count == arguments.count }
        guard !candidates.isEmpty else {
            let style = member ? "method" : "function"
            let count = member ? arguments.count - 1 : arguments.count
            throw error(
                "no matching overload: \(style) '\(function)' does not take \(count) argument\(count == 1 ? "" : "s")",
                offset)
        }
        var nodes: [Node] = []
        nodes.reserveCapacity(arguments.count)
        for argument in arguments { nodes.append(try check(argument)) }
        var bound = candidates
        if nodes.count >= 2, case .constant(.string(let pattern)) = nodes[1],
            candidates.contains(where: { RegexLibrary.precompiledForms[$0.id] != nil })
        {
            bound = try precompile(pattern, into: candidates, at: arguments[1].offset)
        }
        return .call(Node.Call(name: function, overloads: bound, arguments: nodes, offset: offset))
    }

    /// A constant regular expression is compiled now: a bad pattern is a compile error, and
    /// evaluation uses the compiled form directly.
    private func precompile(_ pattern: String, into overloads: [Overload], at offset: Int) throws(CompileError)
        -> [Overload]
    {
        let regex: RegularExpression
        do {
            regex = try RegularExpression(pattern)
        } catch {
            throw self.error(
                "invalid regular expression: \(error.reason) (at byte \(error.offset) of the pattern)", offset)
        }
        return overloads.map { overload in
            guard let form = RegexLibrary.precompiledForms[overload.id] else { return overload }
            return Overload(
                id: overload.id, isMember: overload.isMember, parameters: overload.parameters,
                result: overload.result, implementation: form(regex))
        }
    }
}
