/// Evaluates a checked `Node` tree. Errors are values until the end; `&&`, `||` and `?:`
/// absorb them as the specification says. Every step is charged against a cost budget, so a
/// hostile expression or input ends with a "cost limit exceeded" error instead of running on.
struct Interpreter {
    /// Where variables are read: a dictionary by name, or an `Activation`'s values by slot.
    enum Bindings {
        case names([String: Value])
        case slots([Value?])
    }

    let bindings: Bindings
    /// The frame's comprehension and `cel.bind` slots, initialised, owned by the caller.
    let locals: UnsafeMutableBufferPointer<Value>
    var cost = 0
    let costLimit: Int
    /// Set once the budget is spent: every further step returns at once.
    var exhausted = false

    init(bindings: Bindings, locals: UnsafeMutableBufferPointer<Value>, costLimit: Int) {
        self.bindings = bindings
        self.locals = locals
        self.costLimit = costLimit
    }

    static let costError = EvalError("cost limit exceeded")

    @inline(__always)
    private mutating func charge(_ amount: Int) -> Bool {
        cost &+= amount
        if cost > costLimit {
            exhausted = true
            return false
        }
        return true
    }

    /// What a value costs to produce, roughly proportional to its size.
    @inline(__always)
    private static func sizeCost(_ value: Value) -> Int {
        switch value {
        case .string(let s): return s.utf8.count / 16
        case .bytes(let b): return b.count / 16
        case .list(let l): return l.count
        case .map(let m): return m.count
        default: return 0
        }
    }

    private static func error(_ message: String, _ offset: Int) -> Value {
        .error(EvalError(message, offset: offset))
    }

    mutating func evaluate(_ node: Node) -> Value {
        if exhausted { return .error(Self.costError) }
        switch node {
        case .constant(let value):
            return value

        case .variable(let name, let slot, let offset):
            switch bindings {
            case .slots(let values):
                if let slot, slot < values.count, let value = values[slot] { return value }
            case .names(let variables):
                if let value = variables[name] { return value }
            }
            return Self.error("no such attribute: '\(name)' is not bound", offset)

        case .local(let slot):
            return locals[slot]

        case .select(let operandNode, let field, let testOnly, let optional, let offset):
            guard charge(1) else { return .error(Self.costError) }
            // A field of a comprehension variable (`c.program`): read in the slot, without
            // copying the map out of it first.
            if case .local(let slot) = operandNode, !testOnly, !optional, case .map(let map) = locals[slot],
                let value = map.value(forField: field)
            {
                return value
            }
            let operand = evaluate(operandNode)
            return Self.select(operand, field: field, testOnly: testOnly, optional: optional, offset: offset)

        case .index(let operandNode, let keyNode, let optional, let offset):
            guard charge(1) else { return .error(Self.costError) }
            let operand = evaluate(operandNode)
            if operand.isErrorOrUnknown { return operand }
            let key = evaluate(keyNode)
            if key.isErrorOrUnknown { return key }
            return Self.index(operand, key, optional: optional, offset: offset)

        case .call(let call):
            return evaluateCall(call)

        case .and(let leftNode, let rightNode, let offset):
            // Commutative: false wins over errors on either side; errors win over true.
            let left = evaluate(leftNode)
            if case .bool(false) = left { return left }
            let right = evaluate(rightNode)
            if case .bool(false) = right { return right }
            if case .bool(true) = left, case .bool(true) = right { return left }
            if left.isUnknown || right.isUnknown { return .unknown }
            return Self.errorOrOverload(left, right, "&&", offset)

        case .or(let leftNode, let rightNode, let offset):
            let left = evaluate(leftNode)
            if case .bool(true) = left { return left }
            let right = evaluate(rightNode)
            if case .bool(true) = right { return right }
            if case .bool(false) = left, case .bool(false) = right { return left }
            if left.isUnknown || right.isUnknown { return .unknown }
            return Self.errorOrOverload(left, right, "||", offset)

        case .conditional(let conditionNode, let whenTrue, let whenFalse, let offset):
            switch evaluate(conditionNode) {
            case .bool(true): return evaluate(whenTrue)
            case .bool(false): return evaluate(whenFalse)
            case .error(let error): return .error(error)
            case .unknown: return .unknown
            default: return Self.error("no such overload for '?:': the condition is not a bool", offset)
            }

        case .not(let inner, let offset):
            guard charge(1) else { return .error(Self.costError) }
            switch evaluate(inner) {
            case .bool(let value): return .bool(!value)
            case .error(let error): return .error(error)
            case .unknown: return .unknown
            case let other: return Self.error("no such overload: !_(\(other.celType.runtimeName))", offset)
            }

        case .equality(let leftNode, let rightNode, let negated):
            guard charge(1) else { return .error(Self.costError) }
            let left = evaluate(leftNode)
            if left.isErrorOrUnknown { return left }
            let right = evaluate(rightNode)
            if right.isErrorOrUnknown { return right }
            return .bool(left.celEquals(right) != negated)

        case .membership(let elementNode, let collectionNode, let offset):
            guard charge(1) else { return .error(Self.costError) }
            let element = evaluate(elementNode)
            if element.isErrorOrUnknown { return element }
            let collection = evaluate(collectionNode)
            switch collection {
            case .error, .unknown: return collection
            case .list(let list): return .bool(list.contains { $0.celEquals(element) })
            case .map(let map):
                if case .string(let key) = element { return .bool(map.value(forField: key) != nil) }
                return .bool(map.lookup(element) != nil)
            default:
                return Self.error("no such overload: @in(_, \(collection.celType.runtimeName))", offset)
            }

        case .notStrictlyFalse(let inner):
            if case .bool(false) = evaluate(inner) { return .bool(false) }
            return .bool(true)

        case .list(let elementNodes, let optionals, let offset):
            var elements: [Value] = []
            elements.reserveCapacity(elementNodes.count)
            for (position, elementNode) in elementNodes.enumerated() {
                let element = evaluate(elementNode)
                if element.isErrorOrUnknown { return element }
                if optionals.contains(position) {
                    switch element {
                    case .optional(.some(let inner)): elements.append(inner)
                    case .optional(.none): continue
                    default: return Self.error("a '?' list element must be an optional value", offset)
                    }
                } else {
                    elements.append(element)
                }
            }
            guard charge(elements.count) else { return .error(Self.costError) }
            return .list(elements)

        case .map(let entryNodes, let offset):
            var map = MapValue()
            for entry in entryNodes {
                let keyValue = evaluate(entry.key)
                if keyValue.isErrorOrUnknown { return keyValue }
                var value = evaluate(entry.value)
                if value.isErrorOrUnknown { return value }
                if entry.optional {
                    switch value {
                    case .optional(.some(let inner)): value = inner
                    case .optional(.none): continue
                    default: return Self.error("a '?' map entry must have an optional value", offset)
                    }
                }
                guard let key = MapKey(keyValue) else {
                    return Self.error("unsupported map key type: \(keyValue.celType)", offset)
                }
                if map[key] != nil { return Self.error("repeated key in map literal: \(key)", offset) }
                map.set(key, value)
            }
            guard charge(map.count) else { return .error(Self.costError) }
            return .map(map)

        case .record(let layout, let valueNodes):
            var values: [Value] = []
            values.reserveCapacity(valueNodes.count)
            for valueNode in valueNodes {
                let value = evaluate(valueNode)
                if value.isErrorOrUnknown { return value }
                values.append(value)
            }
            guard charge(values.count) else { return .error(Self.costError) }
            return .map(MapValue(layout: layout, values: values))

        case .comprehension(let loop):
            return evaluateLoop(loop)

        case .bind(let slot, let valueNode, let body):
            let saved = locals[slot]
            locals[slot] = evaluate(valueNode)
            let result = evaluate(body)
            locals[slot] = saved
            return result

        case .append(let slot, let elementNode):
            let element = evaluate(elementNode)
            if element.isErrorOrUnknown { return element }
            guard case .list(var list) = locals[slot] else { return locals[slot] }
            locals[slot] = .null  // release our reference so the append happens in place
            list.append(element)
            return .list(list)

        case .mapInsert(let slot, let keyNode, let valueNode, let offset):
            let keyValue = evaluate(keyNode)
            if keyValue.isErrorOrUnknown { return keyValue }
            let value = evaluate(valueNode)
            if value.isErrorOrUnknown { return value }
            guard case .map(var map) = locals[slot] else { return locals[slot] }
            guard let key = MapKey(keyValue) else { return Self.error("unsupported map key type", offset) }
            if map[key] != nil { return Self.error("insert failed: key \(key) already exists", offset) }
            locals[slot] = .null
            map.set(key, value)
            return .map(map)

        case .mapMerge(let slot, let entriesNode, let offset):
            let entries = evaluate(entriesNode)
            if entries.isErrorOrUnknown { return entries }
            guard case .map(let addition) = entries else {
                return Self.error("transformMapEntry: the transform must produce a map", offset)
            }
            guard case .map(var map) = locals[slot] else { return locals[slot] }
            locals[slot] = .null
            for (key, value) in addition.entries {
                if map[key] != nil { return Self.error("insert failed: key \(key) already exists", offset) }
                map.set(key, value)
            }
            return .map(map)

        case .optionalOr(let targetNode, let alternativeNode, let unwrap, let offset):
            let target = evaluate(targetNode)
            switch target {
            case .error, .unknown: return target
            case .optional(.some(let inner)): return unwrap ? inner : target
            case .optional(.none):
                let alternative = evaluate(alternativeNode)
                if !unwrap, case .optional = alternative { return alternative }
                if !unwrap && !alternative.isError {
                    return Self.error("no such overload: or() takes an optional value", offset)
                }
                return alternative
            default:
                return Self.error(
                    "no such overload: \(unwrap ? "orValue" : "or")() on \(target.celType.runtimeName)", offset)
            }

        case .guarded(let conditionNode, let step, let slot, let offset):
            switch evaluate(conditionNode) {
            case .bool(true): return evaluate(step)
            case .bool(false): return locals[slot]
            case .error(let error): return .error(error)
            case .unknown: return .unknown
            default: return Self.error("no such overload for '?:': the condition is not a bool", offset)
            }
        }
    }

    private static func errorOrOverload(_ left: Value, _ right: Value, _ operation: String, _ offset: Int) -> Value {
        if left.isErrorOrUnknown { return left }
        if right.isErrorOrUnknown { return right }
        return error("no such overload for '\(operation)'", offset)
    }

    // MARK: Calls

    private mutating func evaluateCall(_ call: Node.Call) -> Value {
        guard charge(1) else { return .error(Self.costError) }
        let arguments: Arguments
        switch call.arguments.count {
        case 0:
            arguments = Arguments([])
        case 1:
            let a = evaluate(call.arguments[0])
            if a.isErrorOrUnknown { return a }
            arguments = Arguments(a)
        case 2:
            let a = evaluate(call.arguments[0])
            if a.isErrorOrUnknown { return a }
            let b = evaluate(call.arguments[1])
            if b.isErrorOrUnknown { return b }
            arguments = Arguments(a, b)
        case 3:
            let a = evaluate(call.arguments[0])
            if a.isErrorOrUnknown { return a }
            let b = evaluate(call.arguments[1])
            if b.isErrorOrUnknown { return b }
            let c = evaluate(call.arguments[2])
            if c.isErrorOrUnknown { return c }
            arguments = Arguments(a, b, c)
        default:
            var values: [Value] = []
            values.reserveCapacity(call.arguments.count)
            for node in call.arguments {
                let value = evaluate(node)
                if value.isErrorOrUnknown { return value }
                values.append(value)
            }
            arguments = Arguments(values)
        }
        let arity = arguments.count
        var kinds: (UInt32, UInt32, UInt32) = (0, 0, 0)
        if arity > 0 { kinds.0 = 1 << arguments[0].kindIndex }
        if arity > 1 { kinds.1 = 1 << arguments[1].kindIndex }
        if arity > 2 { kinds.2 = 1 << arguments[2].kindIndex }
        let masks = call.masks
        var base = 0
        for choice in 0..<call.implementations.count {
            defer { base += arity }
            if arity > 0 && masks[base] & kinds.0 == 0 { continue }
            if arity > 1 && masks[base + 1] & kinds.1 == 0 { continue }
            if arity > 2 && masks[base + 2] & kinds.2 == 0 { continue }
            if arity > 3 || call.checksOpaqueNames {
                guard call.overloads[choice].accepts(arguments) else { continue }
            }
            var result = call.implementations[choice].run(arguments)
            if case .error(var error) = result, error.offset == nil {
                error.offset = call.offset
                result = .error(error)
            }
            guard charge(Self.sizeCost(result)) else { return .error(Self.costError) }
            return result
        }
        let types = (0..<arguments.count).map { arguments[$0].celType.runtimeName }.joined(separator: ", ")
        return Self.error("no such overload: \(call.name)(\(types))", call.offset)
    }

    // MARK: Comprehensions

    private mutating func evaluateLoop(_ loop: Node.Loop) -> Value {
        let range = evaluate(loop.range)
        if range.isErrorOrUnknown { return range }
        let savedFirst = locals[loop.firstSlot]
        let savedSecond = loop.secondSlot.map { locals[$0] }
        let savedAccumulator = locals[loop.accumulatorSlot]
        defer {
            locals[loop.firstSlot] = savedFirst
            if let slot = loop.secondSlot, let savedSecond { locals[slot] = savedSecond }
            locals[loop.accumulatorSlot] = savedAccumulator
        }
        locals[loop.accumulatorSlot] = evaluate(loop.initial)
        switch range {
        case .list(let elements):
            for (position, element) in elements.enumerated() {
                if let second = loop.secondSlot {
                    locals[loop.firstSlot] = .int(Int64(position))
                    locals[second] = element
                } else {
                    locals[loop.firstSlot] = element
                }
                if !iterate(loop) { break }
            }
        case .map(let map):
            for key in map.keys {
                locals[loop.firstSlot] = key.value
                if let second = loop.secondSlot { locals[second] = map[key] ?? .null }
                if !iterate(loop) { break }
            }
        default:
            return Self.error(
                "expression of type '\(range.celType.runtimeName)' cannot be the range of a comprehension",
                loop.offset)
        }
        if exhausted { return .error(Self.costError) }
        return evaluate(loop.result)
    }

    /// One iteration: check the loop condition, then take the step. `false` stops the loop.
    private mutating func iterate(_ loop: Node.Loop) -> Bool {
        guard charge(1) else { return false }
        if case .bool(false) = evaluate(loop.condition) { return false }
        locals[loop.accumulatorSlot] = evaluate(loop.step)
        return !exhausted
    }

    // MARK: Fields and indexes

    static func select(_ operand: Value, field: FieldName, testOnly: Bool, optional: Bool, offset: Int) -> Value {
        switch operand {
        case .error, .unknown:
            return operand
        case .optional(let wrapped):
            // Selecting through an optional keeps it optional; has() on an empty one is false.
            guard let inner = wrapped else { return testOnly ? .bool(false) : .optional(nil) }
            return select(inner, field: field, testOnly: testOnly, optional: !testOnly, offset: offset)
        case .map(let map):
            let value = map.value(forField: field)
            if testOnly { return .bool(value != nil) }
            if optional { return .optional(value) }
            return value ?? error("no such key: \(field.text)", offset)
        default:
            if testOnly { return error("invalid type for field selection: \(operand.celType.runtimeName)", offset) }
            return error("no such field '\(field.text)' on a value of type \(operand.celType.runtimeName)", offset)
        }
    }

    static func index(_ operand: Value, _ key: Value, optional: Bool, offset: Int) -> Value {
        switch operand {
        case .unknown:
            return operand
        case .optional(let wrapped):
            guard let inner = wrapped else { return .optional(nil) }
            return index(inner, key, optional: true, offset: offset)
        case .list(let elements):
            let position: Int64?
            switch key {
            case .int(let i): position = i
            case .uint(let u): position = u <= UInt64(Int64.max) ? Int64(u) : nil
            case .double(let d): position = d.rounded(.towardZero) == d && abs(d) < 9.2e18 ? Int64(d) : nil
            default: return error("no such overload: list index of type \(key.celType.runtimeName)", offset)
            }
            guard let position, position >= 0, position < Int64(elements.count) else {
                if optional { return .optional(nil) }
                return error("index out of bounds: \(key)", offset)
            }
            let element = elements[Int(position)]
            return optional ? .optional(element) : element
        case .map(let map):
            switch key {
            case .bool, .int, .uint, .string, .double: break
            default: return error("unsupported map key type: \(key.celType.runtimeName)", offset)
            }
            let value = map.lookup(key)
            if optional { return .optional(value) }
            return value ?? error("no such key: \(key)", offset)
        default:
            return error("no such overload: index into \(operand.celType.runtimeName)", offset)
        }
    }
}
