import CEL

/// One test of the cel-spec "simple" suite, as the JSON under Conformance/cel/data writes it
/// (one `SimpleTest` message per test; see the NOTICE there and docs/CONFORMANCE.md).
///
/// Bindings and the expectation stay in their tagged JSON form until the test runs, because
/// tests that are skipped may hold values (protobuf messages, enums) that have no `Value`.
struct CELConformanceCase: Sendable {
    /// Data file name without `.json` (`string_ext`).
    var file: String
    var section: String
    var name: String
    /// Index of the test in its section: names repeat, so this tells twins apart.
    var index: Int
    var expression: String
    var disableCheck: Bool
    var checkOnly: Bool
    /// The namespace for name resolution, when the test sets one.
    var container: String?
    /// Variable name to tagged VALUE, in the file's order.
    var bindings: [(name: String, value: Value)]
    /// `true` when the test declares names (`type_env`); the declarations themselves are not used.
    var declaresNames: Bool
    /// The `expected` object: `{"value": VALUE}`, `{"error": "..."}` or a form the runner does not run.
    var expected: Value
    /// The test's `requires` tags (`proto_messages`, `extension:strings`, ...).
    var requires: Set<String>

    var fullName: String { "\(file)/\(section)/\(name)" }

    /// Tests with none of `proto_messages`, `type_check` or `unknowns`, as the data's README
    /// counts them.
    var isCore: Bool { requires.isDisjoint(with: ["proto_messages", "type_check", "unknowns"]) }
}

// MARK: Reading the data

extension CELConformanceCase {
    /// A field of the data that is missing or has the wrong shape.
    struct DataError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads one test object.
    init(file: String, section: String, index: Int, test: Value) throws {
        self.file = file
        self.section = section
        self.index = index
        name = try test.requiredString("name", in: "\(file)/\(section) test \(index)")
        let context = "\(file)/\(section)/\(name)"
        expression = try test.requiredString("expr", in: context)
        disableCheck = test[field: "disable_check"]?.boolValue ?? false
        checkOnly = test[field: "check_only"]?.boolValue ?? false
        container = test[field: "container"]?.stringValue
        guard case .map(let bound)? = test[field: "bindings"] else {
            throw DataError(description: "\(context): bindings missing")
        }
        bindings = try bound.entries.map { entry in
            guard case .string(let name) = entry.key else {
                throw DataError(description: "\(context): binding name \(entry.key) is not a string")
            }
            return (name, entry.value)
        }
        declaresNames = test[field: "type_env"] != nil
        guard let expected = test[field: "expected"] else {
            throw DataError(description: "\(context): expected missing")
        }
        self.expected = expected
        guard case .list(let tags)? = test[field: "requires"] else {
            throw DataError(description: "\(context): requires missing")
        }
        requires = Set(tags.compactMap(\.stringValue))
    }
}

extension Value {
    /// The named field of a JSON object.
    subscript(field name: String) -> Value? {
        guard case .map(let map) = self else { return nil }
        return map[.string(name)]
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    func requiredString(_ name: String, in context: String) throws -> String {
        guard let text = self[field: name]?.stringValue else {
            throw CELConformanceCase.DataError(description: "\(context): \(name) missing or not a string")
        }
        return text
    }
}
