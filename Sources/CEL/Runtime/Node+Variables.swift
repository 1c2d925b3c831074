extension Program {
    /// The names of the declared variables the program reads (`object` for `object.spec`), found
    /// in the compiled form: a variable folded into a constant at compile time is not read.
    ///
    /// For a caller that must know what an expression can see before running it, as a policy
    /// engine that skips a policy on what one file holds.
    public var variablesRead: Set<String> {
        var names = Set<String>()
        root.collectVariables(into: &names)
        return names
    }
}

extension Node {
    /// Adds the name of every variable under this node. Iterative, so that the deepest tree the
    /// parser accepts cannot exhaust the stack.
    func collectVariables(into names: inout Set<String>) {
        var pending: [Node] = [self]
        while let node = pending.popLast() {
            switch node {
            case .constant, .local: break
            case .variable(let name, _, _): names.insert(name)
            case .select(let operand, _, _, _, _): pending.append(operand)
            case .index(let operand, let key, _, _): pending += [operand, key]
            case .call(let call): pending += call.arguments
            case .and(let left, let right, _), .or(let left, let right, _), .equality(let left, let right, _),
                .membership(let left, let right, _), .optionalOr(let left, let right, _, _):
                pending += [left, right]
            case .conditional(let condition, let whenTrue, let whenFalse, _):
                pending += [condition, whenTrue, whenFalse]
            case .notStrictlyFalse(let inner), .not(let inner, _): pending.append(inner)
            case .list(let elements, _, _), .record(_, let elements): pending += elements
            case .map(let entries, _):
                for entry in entries { pending += [entry.key, entry.value] }
            case .comprehension(let loop):
                pending += [loop.range, loop.initial, loop.condition, loop.step, loop.result]
            case .bind(_, let value, let body): pending += [value, body]
            case .append(_, let element): pending.append(element)
            case .mapInsert(_, let key, let value, _): pending += [key, value]
            case .mapMerge(_, let entries, _): pending.append(entries)
            case .guarded(let condition, let step, _, _): pending += [condition, step]
            }
        }
    }
}
