/// Values written for people, in CEL's own literal syntax: what you would type to get the value
/// back, wherever CEL has a literal for it.
///
/// | value | text |
/// |---|---|
/// | int, uint | `1`, `1u` |
/// | double | `1.5`, `2.0`, `1e+100`, `double("NaN")`, `double("-Infinity")` |
/// | string | `"text"`, escaped as in CEL (`"a\"b\n"`, `"\u200b"`) |
/// | bytes | `b"abc\x00\xff"`: printable ASCII as is, anything else as `\x` |
/// | list, map | `[1, 2]`, `{"a": 1, 2: true}`, entries in the map's order |
/// | timestamp, duration | `timestamp("2024-01-01T00:00:00Z")`, `duration("1.5s")` |
/// | type | its name: `int`, `list`, `google.protobuf.Timestamp`, `net.IP` |
/// | optional | `optional.of(1)`, `optional.none()` |
/// | library type | the library's own description |
/// | error | `error: message` |
extension Value: CustomStringConvertible {
    public var description: String {
        var text = ""
        write(to: &text, depth: 0)
        return text
    }

    /// Values nested deeper than this print as `...` (a value built from hostile input must not
    /// exhaust the stack when printed).
    private static let maxDescribedDepth = 1_000

    private func write(to text: inout String, depth: Int) {
        guard depth < Self.maxDescribedDepth else {
            text += "..."
            return
        }
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .int(let value): text += String(value)
        case .uint(let value): text += String(value) + "u"
        case .double(let value): text += Self.literal(value)
        case .string(let value): Self.writeQuoted(value, to: &text)
        case .bytes(let value): Self.writeBytes(value, to: &text)
        case .list(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += ", " }
                element.write(to: &text, depth: depth + 1)
            }
            text += "]"
        case .map(let map):
            text += "{"
            for (index, entry) in map.entries.enumerated() {
                if index > 0 { text += ", " }
                entry.key.value.write(to: &text, depth: depth + 1)
                text += ": "
                entry.value.write(to: &text, depth: depth + 1)
            }
            text += "}"
        case .timestamp(let value): text += "timestamp(\"" + value.rfc3339 + "\")"
        case .duration(let value): text += "duration(\"" + value.secondsText + "\")"
        case .type(let type): text += type.runtimeName
        case .optional(let wrapped):
            if let wrapped {
                text += "optional.of("
                wrapped.write(to: &text, depth: depth + 1)
                text += ")"
            } else {
                text += "optional.none()"
            }
        case .opaque(let value): text += value.description
        case .error(let error): text += "error: " + error.message
        case .unknown: text += "unknown"
        }
    }

    /// A double as a CEL literal: always with a fraction or exponent so that it reads back as
    /// a double; NaN and the infinities through `double()`, which has no literal for them.
    private static func literal(_ value: Double) -> String {
        if value.isNaN { return "double(\"NaN\")" }
        if value.isInfinite { return value < 0 ? "double(\"-Infinity\")" : "double(\"Infinity\")" }
        // Swift prints the shortest text that reads back exactly: 1.0, 0.1, 1e+16, 5e-324.
        return value.description
    }

    /// A CEL string literal in double quotes.
    static func writeQuoted(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{07}": text += "\\a"
            case "\u{08}": text += "\\b"
            case "\u{0B}": text += "\\v"
            case "\u{0C}": text += "\\f"
            default:
                if isInvisible(scalar) {
                    text +=
                        scalar.value > 0xFFFF
                        ? "\\U" + hex(scalar.value, width: 8) : "\\u" + hex(scalar.value, width: 4)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }

    /// Characters a reader could not see or tell apart: controls, format characters (zero-width
    /// space, bidirectional overrides), separators other than the space, and unassigned or
    /// private-use code points.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate:
            return true
        case .spaceSeparator:
            return scalar != " "
        default:
            return false
        }
    }

    private static func writeBytes(_ value: [UInt8], to text: inout String) {
        text += "b\""
        for byte in value {
            switch byte {
            case UInt8(ascii: "\""): text += "\\\""
            case UInt8(ascii: "\\"): text += "\\\\"
            case UInt8(ascii: "\n"): text += "\\n"
            case UInt8(ascii: "\r"): text += "\\r"
            case UInt8(ascii: "\t"): text += "\\t"
            case 0x20..<0x7F: text.unicodeScalars.append(Unicode.Scalar(byte))
            default: text += "\\x" + hex(UInt32(byte), width: 2)
            }
        }
        text += "\""
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
