/// Copies that share no reference-counted storage with the original.
///
/// Evaluating retains the nodes it walks and the constants it reads. When two cores evaluate the
/// same program, each retain moves the cache line that holds the count from one core to the
/// other, and a scan on two cores spent a quarter more time than on one. A core that evaluates
/// with a copy of its own keeps its counts to itself.
extension Program {
    /// A copy of the program for one thread: the same behaviour, no storage shared with `self`
    /// (library functions, which hold no state, are shared).
    public func independentCopy() -> Program {
        Program(
            source: String(decoding: Array(source.utf8), as: UTF8.self), root: root.independentCopy(),
            slotCount: slotCount, costLimit: costLimit,
            // Read, never retained, while evaluating: kept shared so that layouts compare by identity.
            variableNames: variableNames)
    }
}

extension Node {
    func independentCopy() -> Node {
        switch self {
        case .constant(let value): return .constant(value.independentCopy())
        case .variable(let name, let slot, let offset):
            return .variable(name.independentCopy, slot: slot, offset: offset)
        case .local(let slot): return .local(slot)
        case .select(let operand, let field, let testOnly, let optional, let offset):
            return .select(
                operand.independentCopy(), field: FieldName(field.text.independentCopy), testOnly: testOnly,
                optional: optional,
                offset: offset)
        case .index(let operand, let key, let optional, let offset):
            return .index(operand.independentCopy(), key.independentCopy(), optional: optional, offset: offset)
        case .call(let call):
            return .call(
                Call(
                    name: call.name.independentCopy, overloads: call.overloads,
                    arguments: call.arguments.map { $0.independentCopy() }, offset: call.offset))
        case .and(let left, let right, let offset):
            return .and(left.independentCopy(), right.independentCopy(), offset: offset)
        case .or(let left, let right, let offset):
            return .or(left.independentCopy(), right.independentCopy(), offset: offset)
        case .conditional(let condition, let whenTrue, let whenFalse, let offset):
            return .conditional(
                condition.independentCopy(), whenTrue.independentCopy(), whenFalse.independentCopy(), offset: offset)
        case .notStrictlyFalse(let inner): return .notStrictlyFalse(inner.independentCopy())
        case .not(let inner, let offset): return .not(inner.independentCopy(), offset: offset)
        case .equality(let left, let right, let negated):
            return .equality(left.independentCopy(), right.independentCopy(), negated: negated)
        case .membership(let element, let collection, let offset):
            return .membership(element.independentCopy(), collection.independentCopy(), offset: offset)
        case .list(let elements, let optionals, let offset):
            return .list(elements.map { $0.independentCopy() }, optionalIndices: optionals, offset: offset)
        case .map(let entries, let offset):
            return .map(
                entries.map {
                    (key: $0.key.independentCopy(), value: $0.value.independentCopy(), optional: $0.optional)
                },
                offset: offset)
        case .record(let layout, let values):
            return .record(layout.independentCopy(), values: values.map { $0.independentCopy() })
        case .comprehension(let loop):
            return .comprehension(
                Loop(
                    firstSlot: loop.firstSlot, secondSlot: loop.secondSlot, range: loop.range.independentCopy(),
                    accumulatorSlot: loop.accumulatorSlot, initial: loop.initial.independentCopy(),
                    condition: loop.condition.independentCopy(), step: loop.step.independentCopy(),
                    result: loop.result.independentCopy(), offset: loop.offset))
        case .bind(let slot, let value, let body):
            return .bind(slot: slot, value: value.independentCopy(), body: body.independentCopy())
        case .append(let slot, let element): return .append(slot: slot, element: element.independentCopy())
        case .mapInsert(let slot, let key, let value, let offset):
            return .mapInsert(slot: slot, key: key.independentCopy(), value: value.independentCopy(), offset: offset)
        case .mapMerge(let slot, let entries, let offset):
            return .mapMerge(slot: slot, entries: entries.independentCopy(), offset: offset)
        case .optionalOr(let target, let alternative, let unwrap, let offset):
            return .optionalOr(target.independentCopy(), alternative.independentCopy(), unwrap: unwrap, offset: offset)
        case .guarded(let condition, let step, let slot, let offset):
            return .guarded(
                condition: condition.independentCopy(), step: step.independentCopy(), slot: slot, offset: offset)
        }
    }
}

extension Value {
    /// The same value in storage of its own (library-defined values, immutable, are shared).
    public func independentCopy() -> Value {
        switch self {
        case .string(let text): return .string(text.independentCopy)
        case .bytes(let bytes): return .bytes(Array(bytes))
        case .list(let elements): return .list(elements.map { $0.independentCopy() })
        case .map(let map):
            return .map(
                MapValue(
                    keys: map.keys.map(\.independentCopy), values: map.keys.map { (map[$0] ?? .null).independentCopy() }
                ))
        case .optional(let wrapped): return .optional(wrapped?.independentCopy())
        case .error(let error): return .error(EvalError(error.message.independentCopy, offset: error.offset))
        default: return self
        }
    }
}

extension MapKey {
    var independentCopy: MapKey {
        if case .string(let text) = self { return .string(text.independentCopy) }
        return self
    }
}

extension String {
    /// The same text in a buffer of its own (a short string is held inline and has none).
    var independentCopy: String {
        String(decoding: Array(utf8), as: UTF8.self)
    }
}
