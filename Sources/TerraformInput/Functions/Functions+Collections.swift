extension Functions {
    /// Functions over lists, sets and maps: `length`, `concat`, `merge`, `lookup`, `element`,
    /// `flatten`, `keys`, `values`, `zipmap`, `slice`, `chunklist`, `transpose` and the rest.
    static let collections: [BuiltinFunction] = [
        BuiltinFunction("length", arguments: 1, unknowns: .topLevel) { call in
            switch call[0] {
            case .string(let text): return .number(Double(text.count))
            case .list(let items): return .number(Double(items.count))
            case .object(let object): return .number(Double(object.count))
            default: throw call.mismatch(0, expected: "a string, list or map")
            }
        },
        BuiltinFunction("concat", arity: 1...Int.max, unknowns: .topLevel) { call in
            var result: [TerraformValue] = []
            for index in 0..<call.count { result += try call.list(index) }
            return .list(result)
        },
        BuiltinFunction("merge", arity: 0...Int.max, unknowns: .topLevel) { call in
            var result = ObjectValue()
            for index in 0..<call.count {
                if case .null = call[index] { continue }
                for (key, value) in try call.object(index).entries { result.set(key, value) }
            }
            return .object(result)
        },
        BuiltinFunction("lookup", arity: 2...3, unknowns: .topLevel) { call in
            let object = try call.object(0)
            let key = try call.string(1)
            if let value = object[key] { return value }
            if call.count == 3 { return call[2] }
            throw call.error("the map has no key \"\(key)\" and no default was given")
        },
        BuiltinFunction("element", arguments: 2, unknowns: .topLevel) { call in
            let items = try call.list(0)
            let index = try call.integer(1)
            guard !items.isEmpty else { throw call.error("cannot take an element of an empty list") }
            guard index >= 0 else { throw call.error("the index must not be negative, got \(index)") }
            return items[index % items.count]
        },
        BuiltinFunction("flatten", arguments: 1, unknowns: .topLevel) { call in
            var result: [TerraformValue] = []
            func add(_ items: [TerraformValue]) -> Bool {
                for item in items {
                    switch item {
                    case .unknown: return false
                    case .list(let nested): if !add(nested) { return false }
                    default: result.append(item)
                    }
                }
                return true
            }
            return add(try call.list(0)) ? .list(result) : .unknown
        },
        BuiltinFunction("distinct", arguments: 1) { call in
            .list(distinct(try call.list(0)))
        },
        BuiltinFunction("keys", arguments: 1, unknowns: .topLevel) { call in
            .list(try call.object(0).keys.map { .string($0) })
        },
        BuiltinFunction("values", arguments: 1, unknowns: .topLevel) { call in
            .list(try call.object(0).values)
        },
        BuiltinFunction("contains", arguments: 2) { call in
            let items = try call.list(0)
            return .bool(items.contains { looselyEqual($0, call[1]) })
        },
        BuiltinFunction("index", arguments: 2) { call in
            let items = try call.list(0)
            guard let position = items.firstIndex(where: { looselyEqual($0, call[1]) }) else {
                throw call.error("the list does not contain the given value")
            }
            return .number(Double(position))
        },
        BuiltinFunction("coalesce", arity: 1...Int.max, unknowns: .byFunction) { call in
            for argument in call.arguments {
                switch argument {
                case .unknown: return .unknown
                case .null, .string(""): continue
                default:
                    let mixesStrings = call.arguments.contains { if case .string = $0 { true } else { false } }
                    if mixesStrings, let text = Conversion.string(argument) { return .string(text) }
                    return argument
                }
            }
            throw call.error("no non-null, non-empty-string arguments")
        },
        BuiltinFunction("coalescelist", arity: 1...Int.max, unknowns: .byFunction) { call in
            for index in 0..<call.count {
                switch call[index] {
                case .unknown: return .unknown
                case .null: continue
                default: if try !call.list(index).isEmpty { return call[index] }
                }
            }
            throw call.error("no non-null, non-empty list arguments")
        },
        BuiltinFunction("compact", arguments: 1) { call in
            guard case .list(let items) = call[0] else { throw call.mismatch(0, expected: "a list of strings") }
            var result: [TerraformValue] = []
            for (position, item) in items.enumerated() {
                if case .null = item { continue }
                guard let text = Conversion.string(item) else {
                    throw call.error("element \(position) of argument 1 must be a string, not \(item.typeName)")
                }
                if !text.isEmpty { result.append(.string(text)) }
            }
            return .list(result)
        },
        BuiltinFunction("zipmap", arguments: 2, unknowns: .topLevel) { call in
            guard case .list(let keyItems) = call[0] else { throw call.mismatch(0, expected: "a list of strings") }
            if keyItems.contains(where: \.isUnknown) { return .unknown }
            let keys = try call.stringList(0)
            let values = try call.list(1)
            guard keys.count == values.count else {
                throw call.error("there are \(keys.count) keys but \(values.count) values")
            }
            return .object(Array(zip(keys, values)))
        },
        BuiltinFunction("slice", arguments: 3, unknowns: .topLevel) { call in
            let items = try call.list(0)
            let start = try call.integer(1)
            let end = try call.integer(2)
            guard start >= 0 else { throw call.error("the start index must not be negative, got \(start)") }
            guard end <= items.count else {
                throw call.error("the end index \(end) is beyond the list's length \(items.count)")
            }
            guard start <= end else {
                throw call.error("the start index \(start) is greater than the end index \(end)")
            }
            return .list(Array(items[start..<end]))
        },
        BuiltinFunction("one", arguments: 1, unknowns: .topLevel) { call in
            let items = try call.list(0)
            switch items.count {
            case 0: return .null
            case 1: return items[0]
            default: throw call.error("the list must have zero or one elements, it has \(items.count)")
            }
        },
        BuiltinFunction("reverse", arguments: 1, unknowns: .topLevel) { call in
            .list(try call.list(0).reversed())
        },
        BuiltinFunction("sort", arguments: 1) { call in
            .list(try call.stringList(0).sorted(by: Conversion.bytewiseLess).map { .string($0) })
        },
        BuiltinFunction("chunklist", arguments: 2, unknowns: .topLevel) { call in
            let items = try call.list(0)
            let size = try call.integer(1)
            guard size >= 0 else { throw call.error("the chunk size must not be negative, got \(size)") }
            if size == 0 { return .list([.list(items)]) }
            return .list(
                stride(from: 0, to: items.count, by: size).map { start in
                    .list(Array(items[start..<min(start + size, items.count)]))
                })
        },
        BuiltinFunction("matchkeys", arguments: 3) { call in
            let values = try call.list(0)
            let keys = try call.list(1)
            let search = try call.list(2)
            guard values.count == keys.count else {
                throw call.error("the values list has \(values.count) elements but the keys list \(keys.count)")
            }
            var result: [TerraformValue] = []
            for (value, key) in zip(values, keys) where search.contains(where: { looselyEqual($0, key) }) {
                result.append(value)
            }
            return .list(result)
        },
        BuiltinFunction("transpose", arguments: 1) { call in
            var result: [String: [TerraformValue]] = [:]
            for (key, value) in try call.object(0).entries {
                guard case .list(let items) = value else {
                    throw call.error("the value of \"\(key)\" must be a list of strings, not \(value.typeName)")
                }
                for item in items {
                    guard let text = Conversion.string(item) else {
                        throw call.error("the list of \"\(key)\" must hold strings, not \(item.typeName)")
                    }
                    result[text, default: []].append(.string(key))
                }
            }
            return .object(result.map { ($0.key, TerraformValue.list($0.value)) })
        },
        BuiltinFunction("alltrue", arguments: 1, unknowns: .topLevel) { call in
            try allOrAny(call, all: true)
        },
        BuiltinFunction("anytrue", arguments: 1, unknowns: .topLevel) { call in
            try allOrAny(call, all: false)
        },
        BuiltinFunction("range", arity: 1...3) { call in
            try range(call)
        },
    ]

    /// The elements without repeats, each kept where it first appears.
    static func distinct(_ items: [TerraformValue]) -> [TerraformValue] {
        var seen = Set<TerraformValue>()
        return items.filter { seen.insert($0).inserted }
    }

    /// Equality with Terraform's conversions between primitives: `1` equals `"1"`.
    static func looselyEqual(_ left: TerraformValue, _ right: TerraformValue) -> Bool {
        if left == right { return true }
        switch (left, right) {
        case (.string(let text), .number), (.string(let text), .bool):
            return Conversion.string(right) == text
        case (.number, .string(let text)), (.bool, .string(let text)):
            return Conversion.string(left) == text
        default:
            return false
        }
    }

    private static func allOrAny(_ call: FunctionCall, all: Bool) throws(FunctionError) -> TerraformValue {
        var sawUnknown = false
        for (position, item) in try call.list(0).enumerated() {
            if item.isUnknown {
                sawUnknown = true
                continue
            }
            if case .null = item {
                if all { return .bool(false) }
                continue
            }
            guard let flag = Conversion.bool(item) else {
                throw call.error("element \(position) of argument 1 must be a bool, not \(item.typeName)")
            }
            if flag != all { return .bool(flag) }
        }
        return sawUnknown ? .unknown : .bool(all)
    }

    /// The most numbers `range` produces, as in Terraform.
    static let rangeLimit = 1024

    private static func range(_ call: FunctionCall) throws(FunctionError) -> TerraformValue {
        var start = 0.0
        let limit: Double
        switch call.count {
        case 1: limit = try call.number(0)
        default:
            start = try call.number(0)
            limit = try call.number(1)
        }
        let step = call.count == 3 ? try call.number(2) : (limit < start ? -1 : 1)
        guard start.isFinite, limit.isFinite, step.isFinite else { throw call.error("arguments must be finite") }
        guard step != 0 || start == limit else { throw call.error("the step must not be zero") }
        var result: [TerraformValue] = []
        var current = start
        while step > 0 ? current < limit : current > limit {
            guard result.count < rangeLimit else {
                throw call.error("more than \(rangeLimit) numbers would be generated")
            }
            result.append(.number(current))
            current += step
        }
        return .list(result)
    }
}
