import CEL
import Reporting

/// How `palisade cel eval` prints a result: its type in CEL notation, and the tagged JSON
/// encoding of the CEL conformance data.
enum CelValueFormat {
    /// The value's type, with element types where the elements agree: `list(int)`,
    /// `map(string, dyn)`, `optional_type(string)`; `dyn` where they differ or are unknown
    /// (an empty list says nothing about its elements, so `[[1], []]` is a `list(list(int))`).
    static func type(of value: Value) -> CELType {
        settled(inferred(value))
    }

    /// Stands for "no element seen yet" while types are joined.
    private static let unknown = CELType.parameter("?")

    private static func inferred(_ value: Value) -> CELType {
        switch value {
        case .list(let elements):
            return .list(elements.lazy.map(inferred).reduce(unknown, join))
        case .map(let map):
            let keys = map.keys.lazy.map { inferred($0.value) }.reduce(unknown, join)
            let values = map.entries.lazy.map { inferred($0.value) }.reduce(unknown, join)
            return .map(keys, values)
        case .optional(let wrapped):
            return .optional(wrapped.map(inferred) ?? unknown)
        case .type(let denoted):
            return .type(denoted)
        default:
            return value.celType
        }
    }

    /// The most precise type both belong to.
    private static func join(_ lhs: CELType, _ rhs: CELType) -> CELType {
        switch (lhs, rhs) {
        case _ where lhs == rhs: return lhs
        case (unknown, _): return rhs
        case (_, unknown): return lhs
        case (.list(let a), .list(let b)): return .list(join(a, b))
        case (.map(let ak, let av), .map(let bk, let bv)): return .map(join(ak, bk), join(av, bv))
        case (.optional(let a), .optional(let b)): return .optional(join(a, b))
        default: return .dyn
        }
    }

    /// `dyn` wherever nothing was learnt.
    private static func settled(_ type: CELType) -> CELType {
        switch type {
        case unknown: return .dyn
        case .list(let element): return .list(settled(element))
        case .map(let key, let value): return .map(settled(key), settled(value))
        case .optional(let wrapped): return .optional(settled(wrapped))
        default: return type
        }
    }

    /// One line of tagged JSON: `{"int": "1"}`, `{"list": [...]}`, `{"map": [[K, V], ...]}`.
    static func taggedJSON(_ value: Value) -> String {
        var text = ""
        write(value, to: &text)
        return text
    }

    private static func write(_ value: Value, to text: inout String) {
        switch value {
        case .null: text += #"{"null": true}"#
        case .bool(let flag): text += #"{"bool": \#(flag)}"#
        case .int(let number): text += #"{"int": "\#(number)"}"#
        case .uint(let number): text += #"{"uint": "\#(number)"}"#
        case .double(let number):
            if number.isNaN {
                text += #"{"double": "NaN"}"#
            } else if number.isInfinite {
                text += number < 0 ? #"{"double": "-Infinity"}"# : #"{"double": "Infinity"}"#
            } else if number == 0 && number.sign == .minus {
                text += #"{"double": "-0"}"#
            } else {
                // Swift's shortest round-trip form is valid JSON: 1.0, 0.1, 1e+100.
                text += #"{"double": \#(number)}"#
            }
        case .string(let string):
            text += #"{"string": "#
            JSONText.writeString(string, to: &text)
            text += "}"
        case .bytes(let bytes): text += #"{"bytes_b64": ""# + Base64.encode(bytes) + #""}"#
        case .list(let elements):
            text += #"{"list": ["#
            for (index, element) in elements.enumerated() {
                if index > 0 { text += ", " }
                write(element, to: &text)
            }
            text += "]}"
        case .map(let map):
            text += #"{"map": ["#
            for (index, entry) in map.entries.enumerated() {
                if index > 0 { text += ", " }
                text += "["
                write(entry.key.value, to: &text)
                text += ", "
                write(entry.value, to: &text)
                text += "]"
            }
            text += "]}"
        case .timestamp(let timestamp): text += #"{"timestamp": ""# + timestamp.rfc3339 + #""}"#
        case .duration(let duration): text += #"{"duration": ""# + duration.secondsText + #""}"#
        case .type(let type):
            text += #"{"type": "#
            JSONText.writeString(type.runtimeName, to: &text)
            text += "}"
        case .optional(let wrapped):
            text += #"{"optional": "#
            if let wrapped { write(wrapped, to: &text) } else { text += "null" }
            text += "}"
        case .opaque(let opaque):
            text += #"{"opaque": {"type": "#
            JSONText.writeString(opaque.typeName, to: &text)
            text += #", "value": "#
            JSONText.writeString(opaque.description, to: &text)
            text += "}}"
        case .error(let error):
            text += #"{"error": "#
            JSONText.writeString(error.message, to: &text)
            text += "}"
        case .unknown: text += #"{"unknown": true}"#
        }
    }
}
