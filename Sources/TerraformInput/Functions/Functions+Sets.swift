extension Functions {
    /// Set operations and type conversions: `toset`, `tolist`, `tomap`, `tostring`, `tonumber`,
    /// `tobool`, `setunion`, `setintersection`, `setsubtract`, `setproduct`, and the sensitivity
    /// functions (Palisade does not track sensitivity, so they pass values through).
    static let setsAndConversions: [BuiltinFunction] = [
        BuiltinFunction("toset", arguments: 1) { call in
            switch call[0] {
            case .null: return .null
            case .list(let items):
                guard let unified = Conversion.unify(items) else {
                    throw call.error("all elements must have the same type")
                }
                return .list(set(unified))
            default: throw call.mismatch(0, expected: "a list or set")
            }
        },
        BuiltinFunction("tolist", arguments: 1, unknowns: .topLevel) { call in
            switch call[0] {
            case .null: return .null
            case .list(let items):
                guard let unified = Conversion.unify(items) else {
                    throw call.error("all elements must have the same type")
                }
                return .list(unified)
            default: throw call.mismatch(0, expected: "a list or set")
            }
        },
        BuiltinFunction("tomap", arguments: 1, unknowns: .topLevel) { call in
            switch call[0] {
            case .null: return .null
            case .object(let object):
                guard let unified = Conversion.unify(object.values) else {
                    throw call.error("all values must have the same type")
                }
                return .object(Array(zip(object.keys, unified)))
            default: throw call.mismatch(0, expected: "a map or object")
            }
        },
        BuiltinFunction("tostring", arguments: 1, unknowns: .topLevel) { call in
            if case .null = call[0] { return .null }
            return .string(try call.string(0))
        },
        BuiltinFunction("tonumber", arguments: 1, unknowns: .topLevel) { call in
            if case .null = call[0] { return .null }
            return .number(try call.number(0))
        },
        BuiltinFunction("tobool", arguments: 1, unknowns: .topLevel) { call in
            if case .null = call[0] { return .null }
            return .bool(try call.bool(0))
        },
        BuiltinFunction("setunion", arity: 1...Int.max) { call in
            var all: [TerraformValue] = []
            for index in 0..<call.count { all += try call.list(index) }
            return .list(set(Conversion.unify(all) ?? all))
        },
        BuiltinFunction("setintersection", arity: 1...Int.max) { call in
            var result = set(try call.list(0))
            for index in 1..<call.count {
                let other = Set(try call.list(index))
                result = result.filter { other.contains($0) }
            }
            return .list(result)
        },
        BuiltinFunction("setsubtract", arguments: 2) { call in
            let removed = Set(try call.list(1))
            return .list(set(try call.list(0)).filter { !removed.contains($0) })
        },
        BuiltinFunction("setproduct", arity: 1...Int.max) { call in
            var sets: [[TerraformValue]] = []
            var total = 1
            for index in 0..<call.count {
                let items = try call.list(index)
                sets.append(items)
                let (grown, overflow) = total.multipliedReportingOverflow(by: items.count)
                total = overflow ? Int.max : grown
                guard total <= maximumElements else {
                    throw call.error("the product would have more than \(maximumElements) elements")
                }
            }
            var product: [[TerraformValue]] = [[]]
            for items in sets {
                product = product.flatMap { prefix in items.map { prefix + [$0] } }
            }
            return .list(product.map { .list($0) })
        },
        BuiltinFunction("sensitive", arguments: 1, unknowns: .byFunction) { call in call[0] },
        BuiltinFunction("nonsensitive", arguments: 1, unknowns: .byFunction) { call in call[0] },
        BuiltinFunction("issensitive", arguments: 1, unknowns: .byFunction) { _ in
            // Sensitivity is not tracked: whether a value is marked is not known here.
            .unknown
        },
    ]

    /// The most elements a function builds that can grow faster than its arguments.
    static let maximumElements = 1_000_000

    /// The elements without repeats, in the order Terraform gives a set: strings by their bytes,
    /// numbers by value, bools false first; other elements as they first appear.
    static func set(_ items: [TerraformValue]) -> [TerraformValue] {
        let unique = distinct(items)
        if unique.allSatisfy({ if case .string = $0 { true } else { false } }) {
            return unique.sorted { Conversion.bytewiseLess($0.stringValue ?? "", $1.stringValue ?? "") }
        }
        if unique.allSatisfy({ if case .number = $0 { true } else { false } }) {
            return unique.sorted { (Conversion.number($0) ?? 0) < (Conversion.number($1) ?? 0) }
        }
        if unique.allSatisfy({ if case .bool = $0 { true } else { false } }) {
            return unique.sorted { Conversion.bool($0) == false && Conversion.bool($1) == true }
        }
        return unique
    }
}
