/// The checked, resolved form of an expression that the interpreter runs: names are bound to
/// variable lookups, local slots or type values; calls carry their candidate overloads.
indirect enum Node: Sendable {
    case constant(Value)
    /// A variable, looked up in the activation by name, or by `slot` (its place among the
    /// environment's declared names) in an `Activation`.
    case variable(String, slot: Int?, offset: Int)
    /// A comprehension or `cel.bind` variable, in the frame's slot.
    case local(Int)
    case select(Node, field: FieldName, testOnly: Bool, optional: Bool, offset: Int)
    case index(Node, Node, optional: Bool, offset: Int)
    /// A strict call: any error argument is the result; otherwise the first overload that
    /// accepts the argument values runs.
    case call(Call)
    case and(Node, Node, offset: Int)
    case or(Node, Node, offset: Int)
    case conditional(Node, Node, Node, offset: Int)
    case notStrictlyFalse(Node)
    /// `!x` on a bool (anything else is "no such overload"); the commonest call, so it skips dispatch.
    case not(Node, offset: Int)
    /// `a == b` / `a != b`: CEL equality over any two values, again without dispatch.
    case equality(Node, Node, negated: Bool)
    /// `a in b` on a list or a map (the key test), without dispatch.
    case membership(Node, Node, offset: Int)
    case list([Node], optionalIndices: Set<Int>, offset: Int)
    case map([(key: Node, value: Node, optional: Bool)], offset: Int)
    /// A map literal whose keys are distinct constants and whose entries are all required
    /// (`{'tool': t, 'packages': p}`): only the values are evaluated, into a map of `layout`.
    case record(MapLayout, values: [Node])
    case comprehension(Loop)
    case bind(slot: Int, value: Node, body: Node)
    /// `accumulator + [element]` in a list-building macro, done in place.
    case append(slot: Int, element: Node)
    /// `accumulator[key] = value` in transformMap, done in place; a repeated key is an error.
    case mapInsert(slot: Int, key: Node, value: Node, offset: Int)
    /// transformMapEntry: merge the entries of a map into the accumulator.
    case mapMerge(slot: Int, entries: Node, offset: Int)
    /// `target.or(alternative)` / `target.orValue(alternative)`: the alternative is evaluated
    /// only when the target is `optional.none()`.
    case optionalOr(Node, Node, unwrap: Bool, offset: Int)
    /// `cond ? step : accumulator` where the step updates the accumulator in place.
    case guarded(condition: Node, step: Node, slot: Int, offset: Int)

    /// A call site. A class, so that evaluating a call retains one object rather than every
    /// field of the call and of each overload it tries.
    final class Call: Sendable {
        let name: String
        let overloads: [Overload]
        let arguments: [Node]
        let offset: Int
        /// For overload `o` and argument `a`, `masks[o * arguments.count + a]` holds a bit per
        /// `Value.kindIndex` the parameter accepts: dispatch reads only these.
        let masks: [UInt32]
        /// Each overload's implementation, in a struct: a function stored straight in an array
        /// is called through a conversion thunk, which cost as much as some of the calls.
        let implementations: [Implementation]
        /// Whether some parameter is a library type, whose name must be checked too.
        let checksOpaqueNames: Bool

        init(name: String, overloads: [Overload], arguments: [Node], offset: Int) {
            self.name = name
            self.overloads = overloads
            self.arguments = arguments
            self.offset = offset
            var masks: [UInt32] = []
            var opaque = false
            for overload in overloads {
                for index in 0..<arguments.count {
                    masks.append(index < overload.acceptedKinds.count ? overload.acceptedKinds[index] : 0)
                    if index < overload.parameters.count, case .opaque = overload.parameters[index] { opaque = true }
                }
            }
            self.masks = masks
            implementations = overloads.map { Implementation(run: $0.implementation) }
            checksOpaqueNames = opaque
        }
    }

    struct Implementation: Sendable {
        let run: @Sendable (Arguments) -> Value
    }

    /// A comprehension. A class for the same reason as `Call`.
    final class Loop: Sendable {
        let firstSlot: Int
        let secondSlot: Int?
        let range: Node
        let accumulatorSlot: Int
        let initial: Node
        let condition: Node
        let step: Node
        let result: Node
        let offset: Int

        init(
            firstSlot: Int, secondSlot: Int?, range: Node, accumulatorSlot: Int, initial: Node, condition: Node,
            step: Node, result: Node, offset: Int
        ) {
            self.firstSlot = firstSlot
            self.secondSlot = secondSlot
            self.range = range
            self.accumulatorSlot = accumulatorSlot
            self.initial = initial
            self.condition = condition
            self.step = step
            self.result = result
            self.offset = offset
        }
    }
}

/// A field name as selections use it: the name, and its signature for map look-ups, worked out
/// once when the expression is compiled rather than at every selection.
struct FieldName: Sendable {
    let text: String
    let signature: FieldSignature

    init(_ text: String) {
        self.text = text
        signature = FieldSignature(text)
    }
}
