/// A named family of CEL functions. Each function is declared once, with its documentation
/// and typed overloads; the checker and the interpreter both read this table.
public struct Library: Sendable {
    public let name: String
    public let functions: [Function]
    /// Names of the types the library defines (`net.IP`), usable as type values in expressions.
    public let typeNames: [String]

    public init(name: String, typeNames: [String] = [], functions: [Function]) {
        self.name = name
        self.functions = functions
        self.typeNames = typeNames
    }
}

/// One function name with all its overloads.
public struct Function: Sendable {
    public let name: String
    public let doc: String
    public let overloads: [Overload]

    public init(_ name: String, doc: String, overloads: [Overload]) {
        self.name = name
        self.doc = doc
        self.overloads = overloads
    }
}

/// One signature of a function and its implementation. Member overloads (`s.startsWith(p)`)
/// list the receiver as their first parameter.
public struct Overload: Sendable {
    public let id: String
    public let isMember: Bool
    public let parameters: [CELType]
    public let result: CELType
    public let implementation: @Sendable (Arguments) -> Value

    public init(
        id: String, isMember: Bool, parameters: [CELType], result: CELType,
        implementation: @escaping @Sendable (Arguments) -> Value
    ) {
        self.id = id
        self.isMember = isMember
        self.parameters = parameters
        self.result = result
        self.implementation = implementation
    }

    /// A global overload: `name(a, b)`.
    public static func global(
        _ id: String, _ parameters: [CELType], returns result: CELType,
        _ implementation: @escaping @Sendable (Arguments) -> Value
    ) -> Overload {
        Overload(id: id, isMember: false, parameters: parameters, result: result, implementation: implementation)
    }

    /// A member overload: `a.name(b)`; the receiver is `args[0]`.
    public static func member(
        _ id: String, _ parameters: [CELType], returns result: CELType,
        _ implementation: @escaping @Sendable (Arguments) -> Value
    ) -> Overload {
        Overload(id: id, isMember: true, parameters: parameters, result: result, implementation: implementation)
    }

    /// Whether the run-time values fit the declared parameter types.
    @inline(__always)
    func accepts(_ arguments: Arguments) -> Bool {
        guard arguments.count == parameters.count else { return false }
        for index in 0..<parameters.count where !parameters[index].accepts(arguments[index]) { return false }
        return true
    }
}

/// The arguments of one call. Up to three are held inline, so most calls allocate nothing.
public struct Arguments: Sendable {
    public let count: Int
    private let first: Value
    private let second: Value
    private let third: Value
    private let rest: [Value]

    public init(_ values: [Value]) {
        count = values.count
        first = values.count > 0 ? values[0] : .null
        second = values.count > 1 ? values[1] : .null
        third = values.count > 2 ? values[2] : .null
        rest = values.count > 3 ? Array(values[3...]) : []
    }

    public init(_ a: Value) {
        count = 1
        first = a
        second = .null
        third = .null
        rest = []
    }

    public init(_ a: Value, _ b: Value) {
        count = 2
        first = a
        second = b
        third = .null
        rest = []
    }

    public init(_ a: Value, _ b: Value, _ c: Value) {
        count = 3
        first = a
        second = b
        third = c
        rest = []
    }

    public subscript(index: Int) -> Value {
        switch index {
        case 0: return first
        case 1: return second
        case 2: return third
        default: return rest[index - 3]
        }
    }

    public var all: [Value] { (0..<count).map { self[$0] } }
}

extension CELType {
    /// Run-time check used for overload dispatch: element and key types are not inspected.
    @inline(__always)
    func accepts(_ value: Value) -> Bool {
        switch (self, value) {
        case (.dyn, _), (.parameter, _): return true
        case (.null, .null), (.bool, .bool), (.int, .int), (.uint, .uint), (.double, .double),
            (.string, .string), (.bytes, .bytes), (.list, .list), (.map, .map), (.timestamp, .timestamp),
            (.duration, .duration), (.type, .type), (.optional, .optional):
            return true
        case (.opaque(let name), .opaque(let opaque)): return name == opaque.typeName
        default: return false
        }
    }
}

extension Library {
    /// Calls `name` with run-time dispatch over this library's overloads: the first overload
    /// whose style (member or global), arity and parameter types fit. An error argument is the
    /// result (functions are strict). Tests use this to exercise one library on its own.
    public func invoke(_ name: String, member: Bool = false, _ values: [Value]) -> Value {
        if let error = values.first(where: \.isError) { return error }
        let arguments = Arguments(values)
        for function in functions where function.name == name {
            for overload in function.overloads where overload.isMember == member && overload.accepts(arguments) {
                return overload.implementation(arguments)
            }
        }
        return .noSuchOverload
    }
}
