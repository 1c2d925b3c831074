extension Library {
    /// The functions of cel-go's optional types library: `optional.of`, `optional.ofNonZeroValue`,
    /// `optional.none`, and the members `hasValue`, `value`, `or`, `orValue`. (The `?.`, `[?…]`
    /// and `{?k: v}` syntax and the `optMap` / `optFlatMap` macros belong to the parser and
    /// interpreter; `first` and `last` are with the list functions.)
    ///
    /// cel-go evaluates `or` and `orValue` lazily: the argument is only evaluated when the
    /// receiver is `optional.none()`. The functions here are strict; the interpreter must give
    /// them that treatment for errors in an unused alternative to be ignored.
    public static let optionals = Library(
        name: "optionals",
        functions: [
            Function(
                "optional.of", doc: "An optional value holding the argument (even null).",
                overloads: [
                    .global("optional_of_dyn", [.parameter("T")], returns: .optional(.parameter("T"))) { args in
                        .optional(args[0])
                    }
                ]),
            Function(
                "optional.ofNonZeroValue",
                doc:
                    "optional.none() for the zero value of its type (0, '', [], {}, null, …), else optional.of.",
                overloads: [
                    .global(
                        "optional_of_non_zero_value_dyn", [.parameter("T")], returns: .optional(.parameter("T"))
                    ) { args in
                        OptionalExtension.isZero(args[0]) ? .optional(nil) : .optional(args[0])
                    }
                ]),
            Function(
                "optional.none", doc: "The empty optional value.",
                overloads: [
                    .global("optional_none", [], returns: .optional(.dyn)) { _ in .optional(nil) }
                ]),
            Function(
                "hasValue", doc: "Whether an optional value holds a value.",
                overloads: [
                    .member("has_value_optional", [.optional(.parameter("T"))], returns: .bool) { args in
                        guard case .optional(let wrapped) = args[0] else { return .noSuchOverload }
                        return .bool(wrapped != nil)
                    }
                ]),
            Function(
                "value", doc: "The value an optional holds; an error for optional.none().",
                overloads: [
                    .member("value_optional", [.optional(.parameter("T"))], returns: .parameter("T")) { args in
                        guard case .optional(let wrapped) = args[0] else { return .noSuchOverload }
                        return wrapped ?? .error("optional.none() dereference")
                    }
                ]),
            Function(
                "or", doc: "The receiver if it holds a value, else the other optional.",
                overloads: [
                    .member(
                        "or_optional_optional", [.optional(.parameter("T")), .optional(.parameter("T"))],
                        returns: .optional(.parameter("T"))
                    ) { args in
                        guard case .optional(let wrapped) = args[0], case .optional = args[1] else {
                            return .noSuchOverload
                        }
                        return wrapped == nil ? args[1] : args[0]
                    }
                ]),
            Function(
                "orValue", doc: "The value the receiver holds, else the given default.",
                overloads: [
                    .member(
                        "or_value_optional_dyn", [.optional(.parameter("T")), .parameter("T")],
                        returns: .parameter("T")
                    ) { args in
                        guard case .optional(let wrapped) = args[0] else { return .noSuchOverload }
                        return wrapped ?? args[1]
                    }
                ]),
        ])
}

/// The implementations of the optional functions.
enum OptionalExtension {
    /// Whether a value is the zero value of its type: `null`, `false`, `0`, `0u`, `0.0`, `''`,
    /// `b''`, `[]`, `{}`, a zero duration, the Unix epoch (the zero `google.protobuf.Timestamp`)
    /// and `optional.none()`.
    static func isZero(_ value: Value) -> Bool {
        switch value {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i): return i == 0
        case .uint(let u): return u == 0
        case .double(let d): return d == 0
        case .string(let s): return s.isEmpty
        case .bytes(let bytes): return bytes.isEmpty
        case .list(let elements): return elements.isEmpty
        case .map(let map): return map.count == 0
        case .duration(let d): return d.seconds == 0 && d.nanos == 0
        case .timestamp(let t): return t.seconds == 0 && t.nanos == 0
        case .optional(let wrapped): return wrapped == nil
        case .type, .opaque, .error, .unknown: return false
        }
    }
}
