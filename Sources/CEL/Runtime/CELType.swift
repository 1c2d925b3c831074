/// CEL types, as declared for variables and functions and as returned by `type()`.
public indirect enum CELType: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool
    case int
    case uint
    case double
    case string
    case bytes
    case list(CELType)
    case map(CELType, CELType)
    case timestamp
    case duration
    /// The type of types; `type(nil)` is the unparameterised `type`.
    case type(CELType?)
    case optional(CELType)
    /// A library-defined type such as `net.IP`.
    case opaque(String)
    /// Any type, checked at run time.
    case dyn
    /// A type parameter in a function signature (`A` in `list(A)`).
    case parameter(String)
    case error

    /// The name `type()` values print as and compare by (`int`, `list`, `map`,
    /// `google.protobuf.Timestamp`, …), as the conformance data spells them.
    public var runtimeName: String {
        switch self {
        case .null: return "null_type"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint"
        case .double: return "double"
        case .string: return "string"
        case .bytes: return "bytes"
        case .list: return "list"
        case .map: return "map"
        case .timestamp: return "google.protobuf.Timestamp"
        case .duration: return "google.protobuf.Duration"
        case .type: return "type"
        case .optional: return "optional_type"
        case .opaque(let name): return name
        case .dyn: return "dyn"
        case .parameter(let name): return name
        case .error: return "error"
        }
    }

    /// The type in CEL notation, with parameters (`list(int)`, `map(string, dyn)`).
    public var description: String {
        switch self {
        case .list(let element): return "list(\(element))"
        case .map(let key, let value): return "map(\(key), \(value))"
        case .type(let inner): return inner.map { "type(\($0))" } ?? "type"
        case .optional(let inner): return "optional_type(\(inner))"
        case .timestamp: return "timestamp"
        case .duration: return "duration"
        default: return runtimeName
        }
    }
}
