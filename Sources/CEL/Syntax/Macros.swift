/// Expands CEL's macros into comprehensions at parse time, as the reference implementations do:
/// `has`, `all`, `exists`, `exists_one`, `map`, `filter`, their two-variable forms
/// (`all(k, v, p)`, `existsOne`, `transformList`, `transformMap`), `cel.bind`, and the optional
/// helpers `optMap` and `optFlatMap`.
enum Macros {
    typealias Located = CompileError.Located

    static func expand(_ name: String, target: Expr?, arguments: [Expr], offset: Int) throws(Located) -> Expr? {
        if target == nil {
            if name == "has" && arguments.count == 1 {
                guard case .select(let operand, let field, false, false, let selectOffset) = arguments[0] else {
                    throw Located(message: "invalid argument to has() macro", offset: offset)
                }
                return .select(operand, field: field, testOnly: true, optional: false, offset: selectOffset)
            }
            return nil
        }
        guard let target else { return nil }
        if case .identifier("cel", _) = target, let block = try blockForm(name, arguments: arguments, offset: offset) {
            return block
        }
        if case .identifier("cel", _) = target, name == "bind", arguments.count == 3 {
            let variable = try variableName(arguments[0], macro: "cel.bind")
            return .bind(name: variable, value: arguments[1], body: arguments[2], offset: offset)
        }
        if case .identifier("math", _) = target, name == "greatest" || name == "least", arguments.count > 3 {
            // Any number of arguments: math.greatest(a, b, c, d) is math.greatest([a, b, c, d]).
            return .call(
                function: "math." + name, target: nil,
                arguments: [.list(arguments, optionalIndices: [], offset: offset)], offset: offset)
        }
        switch (name, arguments.count) {
        case ("all", 2), ("exists", 2), ("exists_one", 2), ("existsOne", 2), ("map", 2), ("map", 3), ("filter", 2):
            let variable = try variableName(arguments[0], macro: name)
            return try oneVariable(
                name, range: target, variable: variable, arguments: Array(arguments.dropFirst()),
                offset: offset)
        case ("all", 3), ("exists", 3), ("exists_one", 3), ("existsOne", 3), ("transformList", 3),
            ("transformList", 4), ("transformMap", 3), ("transformMap", 4), ("transformMapEntry", 3),
            ("transformMapEntry", 4):
            let first = try variableName(arguments[0], macro: name)
            let second = try variableName(arguments[1], macro: name)
            if first == second {
                throw Located(message: "\(name)() macro: the two variables must have different names", offset: offset)
            }
            return twoVariables(
                name, range: target, first: first, second: second,
                arguments: Array(arguments.dropFirst(2)), offset: offset)
        case ("optMap", 2), ("optFlatMap", 2):
            let variable = try variableName(arguments[0], macro: name)
            let hasValue = Expr.call(function: "hasValue", target: target, arguments: [], offset: offset)
            let unwrapped = Expr.call(function: "value", target: target, arguments: [], offset: offset)
            var body = Expr.bind(name: variable, value: unwrapped, body: arguments[1], offset: offset)
            if name == "optMap" {
                body = .call(function: "optional.of", target: nil, arguments: [body], offset: offset)
            }
            let none = Expr.call(function: "optional.none", target: nil, arguments: [], offset: offset)
            return .call(function: "_?_:_", target: nil, arguments: [hasValue, body, none], offset: offset)
        default:
            return nil
        }
    }

    /// The `cel.block` form that cel-go's optimizer writes: `cel.block([e0, e1, …], result)`
    /// binds `cel.index(0)`, `cel.index(1)`, … to the entries in order (each may use the ones
    /// before it), and `cel.iterVar(depth, n)` / `cel.accuVar(depth, n)` name loop variables.
    private static func blockForm(_ name: String, arguments: [Expr], offset: Int) throws(Located) -> Expr? {
        func integer(_ expression: Expr) -> Int64? {
            if case .literal(.int(let value), _) = expression, value >= 0 { return value }
            return nil
        }
        switch (name, arguments.count) {
        case ("index", 1):
            guard let index = integer(arguments[0]) else { return nil }
            return .identifier("@index:\(index)", offset: offset)
        case ("iterVar", 2), ("accuVar", 2):
            guard let depth = integer(arguments[0]), let position = integer(arguments[1]) else { return nil }
            return .identifier("@\(name):\(depth):\(position)", offset: offset)
        case ("block", 2):
            guard case .list(let entries, let optionals, _) = arguments[0], optionals.isEmpty else {
                throw Located(message: "cel.block() needs a list literal of expressions", offset: offset)
            }
            var body = arguments[1]
            for (index, entry) in entries.enumerated().reversed() {
                body = .bind(name: "@index:\(index)", value: entry, body: body, offset: offset)
            }
            return body
        default:
            return nil
        }
    }

    private static func variableName(_ expression: Expr, macro: String) throws(Located) -> String {
        guard case .identifier(let name, _) = expression else {
            throw Located(message: "\(macro)() macro: the variable must be a simple name", offset: expression.offset)
        }
        if name == accumulatorName {
            throw Located(message: "\(macro)() macro: \(name) is reserved", offset: expression.offset)
        }
        return name
    }

    private static func accumulator(_ offset: Int) -> Expr { .identifier(accumulatorName, offset: offset) }

    private static func call(_ function: String, _ arguments: [Expr], _ offset: Int) -> Expr {
        .call(function: function, target: nil, arguments: arguments, offset: offset)
    }

    private static func boolean(_ value: Bool, _ offset: Int) -> Expr { .literal(.bool(value), offset: offset) }

    /// The loop shapes shared by the one- and two-variable forms.
    private static func loop(
        _ kind: String, range: Expr, first: String, second: String?, predicate: Expr?, transform: Expr?,
        keyTransform: Expr? = nil, offset: Int
    ) -> Expr {
        let accu = accumulator(offset)
        let initial: Expr
        let condition: Expr
        let step: Expr
        let result: Expr
        switch kind {
        case "all":
            initial = boolean(true, offset)
            condition = call("@not_strictly_false", [accu], offset)
            step = call("_&&_", [accu, predicate ?? boolean(true, offset)], offset)
            result = accu
        case "exists":
            initial = boolean(false, offset)
            condition = call("@not_strictly_false", [call("!_", [accu], offset)], offset)
            step = call("_||_", [accu, predicate ?? boolean(false, offset)], offset)
            result = accu
        case "exists_one":
            initial = .literal(.int(0), offset: offset)
            condition = boolean(true, offset)
            step = call(
                "_?_:_",
                [
                    predicate ?? boolean(false, offset),
                    call("_+_", [accu, .literal(.int(1), offset: offset)], offset), accu,
                ],
                offset)
            result = call("_==_", [accu, .literal(.int(1), offset: offset)], offset)
        case "map-entry":
            // transformMap: accumulate into a map keyed by the original key.
            initial = .map([], offset: offset)
            condition = boolean(true, offset)
            let key = keyTransform ?? .identifier(first, offset: offset)
            let added = call("@map_insert", [accu, key, transform ?? accu], offset)
            step = predicate.map { call("_?_:_", [$0, added, accu], offset) } ?? added
            result = accu
        case "map-merge":
            // transformMapEntry: the transform yields a map whose entries are merged in.
            initial = .map([], offset: offset)
            condition = boolean(true, offset)
            let merged = call("@map_merge", [accu, transform ?? accu], offset)
            step = predicate.map { call("_?_:_", [$0, merged, accu], offset) } ?? merged
            result = accu
        default:  // "map": list building (map, filter, transformList)
            initial = .list([], optionalIndices: [], offset: offset)
            condition = boolean(true, offset)
            let appended = call("_+_", [accu, .list([transform ?? accu], optionalIndices: [], offset: offset)], offset)
            step = predicate.map { call("_?_:_", [$0, appended, accu], offset) } ?? appended
            result = accu
        }
        return .comprehension(
            Expr.Comprehension(
                variable: first, secondVariable: second, range: range, accumulator: accumulatorName, initial: initial,
                condition: condition, step: step, result: result),
            offset: offset)
    }

    private static func oneVariable(_ name: String, range: Expr, variable: String, arguments: [Expr], offset: Int)
        throws(Located) -> Expr
    {
        switch name {
        case "all", "exists":
            return loop(
                name, range: range, first: variable, second: nil, predicate: arguments[0], transform: nil,
                offset: offset)
        case "exists_one", "existsOne":
            return loop(
                "exists_one", range: range, first: variable, second: nil, predicate: arguments[0],
                transform: nil, offset: offset)
        case "filter":
            return loop(
                "map", range: range, first: variable, second: nil, predicate: arguments[0],
                transform: .identifier(variable, offset: offset), offset: offset)
        default:  // map
            if arguments.count == 2 {
                return loop(
                    "map", range: range, first: variable, second: nil, predicate: arguments[0],
                    transform: arguments[1], offset: offset)
            }
            return loop(
                "map", range: range, first: variable, second: nil, predicate: nil, transform: arguments[0],
                offset: offset)
        }
    }

    private static func twoVariables(
        _ name: String, range: Expr, first: String, second: String, arguments: [Expr], offset: Int
    ) -> Expr {
        let predicate = arguments.count == 2 ? arguments[0] : nil
        let transform = arguments.last
        switch name {
        case "all", "exists":
            return loop(
                name, range: range, first: first, second: second, predicate: arguments[0], transform: nil,
                offset: offset)
        case "exists_one", "existsOne":
            return loop(
                "exists_one", range: range, first: first, second: second, predicate: arguments[0],
                transform: nil, offset: offset)
        case "transformList":
            return loop(
                "map", range: range, first: first, second: second, predicate: predicate,
                transform: transform, offset: offset)
        case "transformMap":
            return loop(
                "map-entry", range: range, first: first, second: second, predicate: predicate,
                transform: transform, offset: offset)
        default:  // transformMapEntry
            return loop(
                "map-merge", range: range, first: first, second: second, predicate: predicate,
                transform: transform, offset: offset)
        }
    }
}
