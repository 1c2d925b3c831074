import PolicyModel

/// How a scalar's text becomes a typed value under the YAML 1.2 core schema: `null`, `~` and the
/// empty plain scalar are null; `true`/`false` (three spellings each) are booleans; decimal, `0o`
/// octal and `0x` hexadecimal integers are ints; decimal floats and `.inf`/`.nan` are doubles.
/// Everything else — `yes`, `on`, dates, quoted and block scalars — stays a string.
enum CoreSchema {
    /// The failsafe, JSON and core schemas' tag prefix, as libyaml expands `!!`.
    private static let prefix = "tag:yaml.org,2002:"
    /// The tag of quoted and block scalars that carry none.
    static let stringTag = prefix + "str"

    /// The content of a scalar written as `text` with the given tag ("" when untagged and plain,
    /// `stringTag` when quoted or a block scalar). `nil` when an explicit tag does not
    /// fit the text, such as `!!int abc`.
    static func content(of text: String, tag: String) -> PolicyModel.Node.Content? {
        switch tag {
        case "": return resolve(text)
        case prefix + "str", "!": return .string(text)
        case prefix + "null": return isNull(text) ? .null : nil
        case prefix + "bool": return bool(text).map { .bool($0) }
        case prefix + "int": return int(text).map { .int($0) }
        case prefix + "float":
            if let value = double(text) { return .double(value) }
            return int(text).map { .double(Double($0)) }
        default:
            // Application tags (`!Ref`, `!!binary`, `!!timestamp`) keep the text as written.
            return .string(text)
        }
    }

    /// The type an untagged plain scalar resolves to.
    static func resolve(_ text: String) -> PolicyModel.Node.Content {
        if isNull(text) { return .null }
        if let value = bool(text) { return .bool(value) }
        if let value = int(text) { return .int(value) }
        if isDecimalInteger(text) {
            // Too large for 64 bits: still a number, as JSON readers treat it.
            return Double(text).map { .double($0) } ?? .string(text)
        }
        if let value = double(text) { return .double(value) }
        return .string(text)
    }

    static func isNull(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`, when the value fits in 64 bits.
    static func int(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            let digits = String(decoding: bytes[2...], as: UTF8.self)
            if bytes[1] == UInt8(ascii: "o") {
                guard bytes[2...].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }) else { return nil }
                return Int64(digits, radix: 8)
            }
            if bytes[1] == UInt8(ascii: "x") {
                guard bytes[2...].allSatisfy(isHexDigit) else { return nil }
                return Int64(digits, radix: 16)
            }
        }
        guard isDecimalInteger(text) else { return nil }
        return Int64(text)
    }

    private static func isDecimalInteger(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf` and `.nan` (three spellings).
    static func double(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        let bytes = Array(text.utf8)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        let whole = digits()
        var fraction = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fraction = digits()
            if whole == 0 && fraction == 0 { return nil }
        } else if whole == 0 {
            return nil
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            if digits() == 0 { return nil }
        }
        guard index == bytes.count else { return nil }
        return Double(text)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
}
