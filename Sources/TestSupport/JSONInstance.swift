/// A JSON value as a schema validator sees it. Integers are kept apart from other numbers, since
/// a schema's `integer` type asks for a number written without a fraction or an exponent; object
/// members are kept in a dictionary, duplicate names having been rejected by the parser.
public enum JSONInstance: Sendable {
    case null
    case bool(Bool)
    /// A number written without a fraction or exponent that fits in an `Int`.
    case integer(Int)
    /// Any other number.
    case number(Double)
    case string(String)
    case array([JSONInstance])
    case object([String: JSONInstance])

    /// The JSON Schema type name: `null`, `boolean`, `integer`, `number`, `string`, `array`, `object`.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .integer: return "integer"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    /// The value of a number, whichever way it was written.
    public var numberValue: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .number(let value): return value
        default: return nil
        }
    }

    /// The member `name` of an object; nil for a missing member or a value that is not an object.
    public subscript(name: String) -> JSONInstance? {
        if case .object(let members) = self { return members[name] }
        return nil
    }

    /// The element at `index` of an array; nil when out of range or not an array.
    public subscript(index: Int) -> JSONInstance? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    /// JSON Schema's equality: numbers by value (`1` equals `1.0`), arrays element by element,
    /// objects member by member, whatever the order of their names.
    public func isEqual(to other: JSONInstance) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.integer(let a), .integer(let b)): return a == b
        case (.integer, .number), (.number, .integer), (.number, .number):
            return numberValue == other.numberValue
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEqual(to: $1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count
                && a.allSatisfy { name, value in b[name].map { value.isEqual(to: $0) } ?? false }
        default: return false
        }
    }
}
