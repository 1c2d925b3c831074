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
    /// For each parameter, a bit per `Value.kindIndex` it accepts (dispatch without walking types).
    let acceptedKinds: [UInt32]

    public init(
        id: String, isMember: Bool, parameters: [CELType], result: CELType,
        implementation: @escaping @Sendable (Arguments) -> Value
    ) {
        self.id = id
        self.isMember = isMember
        self.parameters = parameters
        self.result = result
        self.implementation = implementation
        acceptedKinds = parameters.map(\.acceptedKinds)
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

    /// Whether the run-time values fit the declared parameter types. Opaque parameters also
    /// check the type name; everything else is decided by the kind masks.
    @inline(__always)
    func accepts(_ arguments: Arguments) -> Bool {
        guard arguments.count == acceptedKinds.count else { return false }
        for index in 0..<acceptedKinds.count {
            let value = arguments[index]
            guard acceptedKinds[index] & (1 << value.kindIndex) != 0 else { return false }
            if case .opaque(let opaque) = value, case .opaque(let name) = parameters[index], name != opaque.typeName {
                return false
            }
        }
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

extension Value {
    /// A small number per kind of value, for overload dispatch masks.
    @inline(__always)
    var kindIndex: UInt32 {
        switch self {
        case .null: return 0
        case .bool: return 1
        case .int: return 2
        case .uint: return 3
        case .double: return 4
        case .string: return 5
        case .bytes: return 6
        case .list: return 7
        case .map: return 8
        case .timestamp: return 9
        case .duration: return 10
        case .type: return 11
        case .optional: return 12
        case .opaque: return 13
        case .error, .unknown: return 14
        }
    }
}

extension CELType {
    /// The value kinds a parameter of this type accepts, as a mask over `Value.kindIndex`.
    var acceptedKinds: UInt32 {
        switch self {
        case .dyn, .parameter: return 0x3FFF  // every kind but errors
        case .null: return 1 << 0
        case .bool: return 1 << 1
        case .int: return 1 << 2
        case .uint: return 1 << 3
        case .double: return 1 << 4
        case .string: return 1 << 5
        case .bytes: return 1 << 6
        case .list: return 1 << 7
        case .map: return 1 << 8
        case .timestamp: return 1 << 9
        case .duration: return 1 << 10
        case .type: return 1 << 11
        case .optional: return 1 << 12
        case .opaque: return 1 << 13
        case .error: return 0
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
