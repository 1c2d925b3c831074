/// The checked, resolved form of an expression that the interpreter runs: names are bound to
/// variable lookups, local slots or type values; calls carry their candidate overloads.
indirect enum Node: Sendable {
    case constant(Value)
    /// A declared variable, looked up in the activation by name.
    case variable(String, offset: Int)
    /// A comprehension or `cel.bind` variable, in the frame's slot.
    case local(Int)
    case select(Node, field: String, testOnly: Bool, optional: Bool, offset: Int)
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

    struct Call: Sendable {
        var name: String
        var overloads: [Overload]
        var arguments: [Node]
        var offset: Int
    }

    struct Loop: Sendable {
        var firstSlot: Int
        var secondSlot: Int?
        var range: Node
        var accumulatorSlot: Int
        var initial: Node
        var condition: Node
        var step: Node
        var result: Node
        var offset: Int
    }
}
