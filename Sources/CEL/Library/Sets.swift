extension Library {
    /// The sets extension library of cel-go: set relations between lists, with CEL equality
    /// (so `1`, `1u` and `1.0` are the same element).
    public static let sets = Library(
        name: "sets",
        functions: [
            Function(
                "sets.contains", doc: "Whether every element of the second list is in the first.",
                overloads: [
                    SetExtension.relation("sets_contains_list_list") { first, second in
                        SetExtension.contains(first, second)
                    }
                ]),
            Function(
                "sets.equivalent", doc: "Whether each list contains every element of the other (sizes may differ).",
                overloads: [
                    SetExtension.relation("sets_equivalent_list_list") { first, second in
                        SetExtension.contains(first, second) && SetExtension.contains(second, first)
                    }
                ]),
            Function(
                "sets.intersects", doc: "Whether the lists have at least one element in common.",
                overloads: [
                    SetExtension.relation("sets_intersects_list_list") { first, second in
                        first.contains { element in second.contains { $0.celEquals(element) } }
                    }
                ]),
        ])
}

/// The implementations of the set functions.
enum SetExtension {
    static func relation(_ id: String, _ test: @escaping @Sendable ([Value], [Value]) -> Bool) -> Overload {
        .global(id, [.list(.parameter("T")), .list(.parameter("T"))], returns: .bool) { args in
            guard case .list(let first) = args[0], case .list(let second) = args[1] else { return .noSuchOverload }
            return .bool(test(first, second))
        }
    }

    /// Whether every element of `part` equals some element of `whole`.
    static func contains(_ whole: [Value], _ part: [Value]) -> Bool {
        part.allSatisfy { element in whole.contains { $0.celEquals(element) } }
    }
}
