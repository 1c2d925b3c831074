extension Library {
    /// List functions: the cel-go lists extension (`slice`, `flatten`, `distinct`, `sort`,
    /// `lists.range`, `reverse`, and the optional-returning `first` and `last`), and the
    /// Kubernetes list library (`isSorted`, `sum`, `min`, `max`, `indexOf`, `lastIndexOf`).
    /// `sortBy` is a macro over `sort`-like ordering and lives with the macros.
    public static let lists = Library(
        name: "lists",
        functions: [
            Function(
                "slice", doc: "The elements from a start index up to an end index (exclusive).",
                overloads: [
                    .member(
                        "slice_list_int_int", [.list(.parameter("T")), .int, .int], returns: .list(.parameter("T"))
                    ) { args in
                        guard case .list(let elements) = args[0], case .int(let start) = args[1],
                            case .int(let end) = args[2]
                        else { return .noSuchOverload }
                        return ListExtension.slice(elements, start, end)
                    }
                ]),
            Function(
                "flatten",
                doc: "Splices nested lists into the list, one level deep or to a given depth.",
                overloads: [
                    .member("flatten_list", [.list(.list(.parameter("T")))], returns: .list(.parameter("T"))) { args in
                        guard case .list(let elements) = args[0] else { return .noSuchOverload }
                        return .list(ListExtension.flatten(elements, depth: 1))
                    },
                    .member("flatten_list_int", [.list(.dyn), .int], returns: .list(.dyn)) { args in
                        guard case .list(let elements) = args[0], case .int(let depth) = args[1] else {
                            return .noSuchOverload
                        }
                        guard depth >= 0 else { return .error("level must be non-negative") }
                        return .list(ListExtension.flatten(elements, depth: depth))
                    },
                ]),
            Function(
                "distinct", doc: "The list without repeated elements (CEL equality), first occurrences kept.",
                overloads: [
                    .member("distinct_list", [.list(.parameter("T"))], returns: .list(.parameter("T"))) { args in
                        guard case .list(let elements) = args[0] else { return .noSuchOverload }
                        return .list(ListExtension.distinct(elements))
                    }
                ]),
            Function(
                "sort",
                doc: "The list in ascending order; the elements must all have the same comparable type.",
                overloads: ListExtension.comparableTypes.map { name, type in
                    .member("sort_list_\(name)", [.list(type)], returns: .list(type)) { args in
                        guard case .list(let elements) = args[0] else { return .noSuchOverload }
                        return ListExtension.sort(elements)
                    }
                }),
            Function(
                "lists.range", doc: "The list of ints from 0 up to, not including, a count.",
                overloads: [
                    .global("lists_range_int", [.int], returns: .list(.int)) { args in
                        guard case .int(let count) = args[0] else { return .noSuchOverload }
                        guard count >= 0 else { return .error("lists.range: size must be non-negative, got \(count)") }
                        guard count <= ListExtension.maxRangeSize else {
                            return .error(
                                "lists.range: size \(count) exceeds maximum allowed (\(ListExtension.maxRangeSize))")
                        }
                        return .list((0..<count).map { .int($0) })
                    }
                ]),
            Function(
                "reverse", doc: "The list in reverse order.",
                overloads: [
                    .member("reverse_list", [.list(.parameter("T"))], returns: .list(.parameter("T"))) { args in
                        guard case .list(let elements) = args[0] else { return .noSuchOverload }
                        return .list(elements.reversed())
                    }
                ]),
            Function(
                "first", doc: "The first element as an optional value, optional.none() for an empty list.",
                overloads: [
                    .member("first_list", [.list(.parameter("T"))], returns: .optional(.parameter("T"))) { args in
                        guard case .list(let elements) = args[0] else { return .noSuchOverload }
                        return .optional(elements.first)
                    }
                ]),
            Function(
                "last", doc: "The last element as an optional value, optional.none() for an empty list.",
                overloads: [
                    .member("last_list", [.list(.parameter("T"))], returns: .optional(.parameter("T"))) { args in
                        guard case .list(let elements) = args[0] else { return .noSuchOverload }
                        return .optional(elements.last)
                    }
                ]),
            Function(
                "isSorted", doc: "Whether the elements are in ascending order (equal neighbours allowed).",
                overloads: ListExtension.comparableTypes.map { name, type in
                    .member("is_sorted_list_\(name)", [.list(type)], returns: .bool) { args in
                        guard case .list(let elements) = args[0] else { return .noSuchOverload }
                        return ListExtension.isSorted(elements)
                    }
                }),
            Function(
                "sum", doc: "The sum of a list of numbers or durations; the zero of the element type for [].",
                overloads: ListExtension.summableTypes.map { name, type, zero in
                    .member("sum_list_\(name)", [.list(type)], returns: type) { args in
                        guard case .list(let elements) = args[0] else { return .noSuchOverload }
                        return ListExtension.sum(elements, zero: zero)
                    }
                }),
            Function(
                "min", doc: "The least element of a non-empty list of comparable values.",
                overloads: ListExtension.comparableTypes.map { name, type in
                    .member("min_list_\(name)", [.list(type)], returns: type) { args in
                        guard case .list(let elements) = args[0] else { return .noSuchOverload }
                        return ListExtension.extreme(elements, greatest: false)
                    }
                }),
            Function(
                "max", doc: "The greatest element of a non-empty list of comparable values.",
                overloads: ListExtension.comparableTypes.map { name, type in
                    .member("max_list_\(name)", [.list(type)], returns: type) { args in
                        guard case .list(let elements) = args[0] else { return .noSuchOverload }
                        return ListExtension.extreme(elements, greatest: true)
                    }
                }),
            Function(
                "indexOf", doc: "The index of the first element equal to the argument, -1 if there is none.",
                overloads: [
                    .member("index_of_list_dyn", [.list(.parameter("A")), .parameter("A")], returns: .int) { args in
                        guard case .list(let elements) = args[0] else { return .noSuchOverload }
                        let index = elements.firstIndex { $0.celEquals(args[1]) }
                        return .int(index.map { Int64($0) } ?? -1)
                    }
                ]),
            Function(
                "lastIndexOf", doc: "The index of the last element equal to the argument, -1 if there is none.",
                overloads: [
                    .member("last_index_of_list_dyn", [.list(.parameter("A")), .parameter("A")], returns: .int) {
                        args in
                        guard case .list(let elements) = args[0] else { return .noSuchOverload }
                        let index = elements.lastIndex { $0.celEquals(args[1]) }
                        return .int(index.map { Int64($0) } ?? -1)
                    }
                ]),
        ])
}

/// The implementations of the list functions.
enum ListExtension {
    /// The element types `sort`, `isSorted`, `min` and `max` accept.
    static let comparableTypes: [(name: String, type: CELType)] = [
        ("int", .int), ("uint", .uint), ("double", .double), ("bool", .bool), ("duration", .duration),
        ("timestamp", .timestamp), ("string", .string), ("bytes", .bytes),
    ]

    /// The element types `sum` accepts, with the sum of an empty list.
    static let summableTypes: [(name: String, type: CELType, zero: Value)] = [
        ("int", .int, .int(0)), ("uint", .uint, .uint(0)), ("double", .double, .double(0)),
        ("duration", .duration, CELDuration(seconds: 0, nanos: 0).map(Value.duration) ?? .int(0)),
    ]

    /// The longest list `lists.range` builds.
    static let maxRangeSize: Int64 = 10_000_000

    static func slice(_ elements: [Value], _ start: Int64, _ end: Int64) -> Value {
        guard start >= 0, end >= 0 else {
            return .error("cannot slice(\(start), \(end)), negative indexes not supported")
        }
        guard start <= end else {
            return .error("cannot slice(\(start), \(end)), start index must be less than or equal to end index")
        }
        guard end <= Int64(elements.count) else {
            return .error("cannot slice(\(start), \(end)), list is length \(elements.count)")
        }
        return .list(Array(elements[Int(start)..<Int(end)]))
    }

    static func flatten(_ elements: [Value], depth: Int64) -> [Value] {
        var result: [Value] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            if depth > 0, case .list(let nested) = element {
                result += flatten(nested, depth: depth - 1)
            } else {
                result.append(element)
            }
        }
        return result
    }

    static func distinct(_ elements: [Value]) -> [Value] {
        var unique: [Value] = []
        for element in elements where !unique.contains(where: { $0.celEquals(element) }) {
            unique.append(element)
        }
        return unique
    }

    /// Whether values of this kind have an order (the kinds of `comparableTypes`).
    private static func isComparable(_ value: Value) -> Bool {
        switch value {
        case .int, .uint, .double, .bool, .duration, .timestamp, .string, .bytes: return true
        default: return false
        }
    }

    /// Sorts elements that all have one comparable type (as cel-go, an int and a uint are
    /// different types here). Equal elements keep their order.
    static func sort(_ elements: [Value]) -> Value {
        guard let first = elements.first else { return .list(elements) }
        guard isComparable(first) else { return .error("list elements must be comparable") }
        let kind = first.celType
        for element in elements where element.celType != kind {
            return .error("list elements must have the same type")
        }
        let sorted = elements.enumerated().sorted { left, right in
            switch left.element.celCompare(right.element) {
            case .less: return true
            case .greater: return false
            case .equal, nil: return left.offset < right.offset
            }
        }
        return .list(sorted.map(\.element))
    }

    /// Kubernetes `isSorted`: no element is greater than the one after it.
    static func isSorted(_ elements: [Value]) -> Value {
        for element in elements where !isComparable(element) { return .noSuchOverload }
        for index in elements.indices.dropFirst() {
            guard let order = elements[index - 1].celCompare(elements[index]) else { return .noSuchOverload }
            if order == .greater { return .bool(false) }
        }
        return .bool(true)
    }

    /// Kubernetes `min` / `max`: the first least (greatest) element.
    static func extreme(_ elements: [Value], greatest: Bool) -> Value {
        guard var best = elements.first else {
            return .error("\(greatest ? "max" : "min") called on empty list")
        }
        guard isComparable(best) else { return .noSuchOverload }
        for element in elements.dropFirst() {
            guard let order = element.celCompare(best) else { return .noSuchOverload }
            if order == (greatest ? .greater : .less) { best = element }
        }
        return best
    }

    /// Kubernetes `sum`: adds elements of one numeric or duration type, with overflow errors.
    static func sum(_ elements: [Value], zero: Value) -> Value {
        guard let first = elements.first else { return zero }
        switch first {
        case .int:
            var total: Int64 = 0
            for element in elements {
                guard case .int(let value) = element else { return .noSuchOverload }
                let (result, overflow) = total.addingReportingOverflow(value)
                guard !overflow else { return .error("integer overflow") }
                total = result
            }
            return .int(total)
        case .uint:
            var total: UInt64 = 0
            for element in elements {
                guard case .uint(let value) = element else { return .noSuchOverload }
                let (result, overflow) = total.addingReportingOverflow(value)
                guard !overflow else { return .error("unsigned integer overflow") }
                total = result
            }
            return .uint(total)
        case .double:
            var total = 0.0
            for element in elements {
                guard case .double(let value) = element else { return .noSuchOverload }
                total += value
            }
            return .double(total)
        case .duration:
            var total: Int128 = 0
            for element in elements {
                guard case .duration(let value) = element else { return .noSuchOverload }
                // Each term is far below Int128's limits, so checking every partial sum suffices.
                total += value.nanoseconds
                guard CELDuration(checkedNanoseconds: total) != nil else { return .error("duration out of range") }
            }
            return CELDuration(checkedNanoseconds: total).map(Value.duration) ?? .error("duration out of range")
        default:
            return .noSuchOverload
        }
    }
}
