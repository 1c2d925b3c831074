/// A CEL value. Errors are values too (`.error`), so that `&&`, `||` and `?:` can absorb them
/// as the specification requires; `Program.evaluate` turns a final error into a thrown error.
///
/// Lists and maps are copy-on-write: binding a document that was converted once costs nothing
/// per evaluation, and evaluations never copy it.
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case bytes([UInt8])
    case list([Value])
    case map(MapValue)
    case timestamp(Timestamp)
    case duration(CELDuration)
    case type(CELType)
    /// `optional_type`: `nil` is `optional.none()`.
    indirect case optional(Value?)
    /// Values of library-defined types (`net.IP`, `net.CIDR`, `kubernetes.URL`, `kubernetes.Quantity`).
    // Boxed (indirect) so that a Value stays 17 bytes: it is copied on every step.
    indirect case opaque(any OpaqueValue)
    indirect case error(EvalError)
    /// A value the evaluation cannot know yet — the "unknown" of the specification's partial
    /// evaluation, e.g. a Terraform attribute computed only when the plan is applied. Operations
    /// on it give `.unknown` again, except where the result does not depend on it: `false && x`
    /// is `false` and `true || x` is `true` whatever `x` is.
    case unknown

    /// The error for a call whose argument types match no overload.
    public static var noSuchOverload: Value { .error(EvalError("no such overload")) }

    public static func error(_ message: String) -> Value { .error(EvalError(message)) }

    public var isError: Bool {
        if case .error = self { return true }
        return false
    }

    public var isUnknown: Bool {
        if case .unknown = self { return true }
        return false
    }

    /// Whether the value is an error or unknown: what a strict operation passes on instead of
    /// computing with it.
    var isErrorOrUnknown: Bool {
        switch self {
        case .error, .unknown: return true
        default: return false
        }
    }

    /// The CEL type of the value (for `type()` and for dispatch).
    public var celType: CELType {
        switch self {
        case .null: return .null
        case .bool: return .bool
        case .int: return .int
        case .uint: return .uint
        case .double: return .double
        case .string: return .string
        case .bytes: return .bytes
        case .list: return .list(.dyn)
        case .map: return .map(.dyn, .dyn)
        case .timestamp: return .timestamp
        case .duration: return .duration
        case .type: return .type(nil)
        case .optional: return .optional(.dyn)
        case .opaque(let value): return .opaque(value.typeName)
        case .error: return .error
        case .unknown: return .dyn
        }
    }
}

/// A value of a type that a library defines. Equality is the library's; ordering is optional.
public protocol OpaqueValue: Sendable, CustomStringConvertible {
    /// The CEL type name, e.g. `net.IP`.
    var typeName: String { get }
    func isEqual(to other: any OpaqueValue) -> Bool
}

/// An evaluation error: the message, and where in the expression it arose when known.
public struct EvalError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// Offset of the sub-expression in the source, in Unicode scalars, when known.
    public var offset: Int?

    public init(_ message: String, offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }

    public var description: String { message }
}
