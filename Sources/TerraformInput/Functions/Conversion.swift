/// Terraform's automatic conversions between primitive types, as function arguments undergo them,
/// and the way numbers are written as text.
enum Conversion {
    /// A string, or a number or bool as Terraform writes it; `nil` for anything else.
    static func string(_ value: TerraformValue) -> String? {
        switch value {
        case .string(let text): return text
        case .number(let number): return text(number)
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }

    /// A number, or a string holding a decimal number (`"12"`, `"-1.5e3"`).
    static func number(_ value: TerraformValue) -> Double? {
        switch value {
        case .number(let number): return number
        case .string(let text): return parseNumber(text)
        default: return nil
        }
    }

    /// A bool, or the string `"true"` or `"false"`.
    static func bool(_ value: TerraformValue) -> Bool? {
        switch value {
        case .bool(let flag): return flag
        case .string("true"): return true
        case .string("false"): return false
        default: return nil
        }
    }

    /// The number as an `Int` when it is whole and in range.
    static func integer(_ number: Double) -> Int? {
        guard number.isFinite, number == number.rounded(), abs(number) < 9.0e18 else { return nil }
        return Int(number)
    }

    /// Decimal text: optional sign, digits with an optional fraction, optional exponent. No
    /// whitespace, no hexadecimal, no `inf` or `nan`.
    static func parseNumber(_ text: String) -> Double? {
        var sawDigit = false
        var previous: UInt8 = 0
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): break
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard offset == 0 || previous == UInt8(ascii: "e") || previous == UInt8(ascii: "E") else { return nil }
            default: return nil
            }
            previous = byte
        }
        guard sawDigit, let number = Double(text), number.isFinite else { return nil }
        return number
    }

    /// A number written as Terraform writes it: the shortest digits that read back as the same
    /// number, never in exponent form (`100000000000000000000`, `0.00001`), `-0` as `0`.
    static func text(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Inf" : "+Inf" }
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        let shortest = "\(abs(number))"
        var mantissa = Substring(shortest)
        var exponent = 0
        if let marker = shortest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = shortest[..<marker]
            exponent = Int(shortest[shortest.index(after: marker)...]) ?? 0
        }
        var digits = ""
        var point = mantissa.count
        for (offset, character) in mantissa.enumerated() {
            if character == "." { point = offset } else { digits.append(character) }
        }
        point += exponent
        var result = number < 0 ? "-" : ""
        if point <= 0 {
            result += "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            result += digits + String(repeating: "0", count: point - digits.count)
        } else {
            result += digits.prefix(point) + "." + digits.dropFirst(point)
        }
        return trimZeros(result)
    }

    /// Drops leading zeros before the integer digits and trailing zeros after a fraction.
    private static func trimZeros(_ text: String) -> String {
        var sign = ""
        var body = Substring(text)
        if body.hasPrefix("-") {
            sign = "-"
            body = body.dropFirst()
        }
        if body.contains(".") {
            while body.hasSuffix("0") { body = body.dropLast() }
            if body.hasSuffix(".") { body = body.dropLast() }
        }
        while body.count > 1, body.hasPrefix("0"), !body.hasPrefix("0.") { body = body.dropFirst() }
        return sign + body
    }

    /// Elements given one common type as Terraform gives a list or set one element type: when
    /// primitives of different types are mixed, all of them become strings. Nulls and unknowns
    /// are left alone. `nil` when a primitive is mixed with a list or object.
    static func unify(_ items: [TerraformValue]) -> [TerraformValue]? {
        var kinds = Set<String>()
        for item in items {
            switch item {
            case .null, .unknown: continue
            default: kinds.insert(item.typeName)
            }
        }
        guard kinds.count > 1 else { return items }
        guard kinds.isSubset(of: ["string", "number", "bool"]) else {
            if kinds.isSubset(of: ["list", "object"]), kinds.count == 1 { return items }
            return nil
        }
        return items.map { item in
            guard let text = string(item) else { return item }
            return .string(text)
        }
    }

    /// Whether `left` sorts before `right` comparing UTF-8 bytes, as Go compares strings.
    static func bytewiseLess(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }
}
