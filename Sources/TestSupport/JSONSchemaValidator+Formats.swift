import Foundation

extension JSONSchemaValidator {
    /// The `format` values the validator checks.
    static let formats: Set<String> = ["uri", "uri-reference", "date-time"]

    /// Whether `text` has the form `format` names. The URI checks are loose, a lexical screen
    /// rather than RFC 3986's grammar: only ASCII characters that a URI may hold, `%` followed by
    /// two hex digits, at most one `#`, and a well-formed scheme before the first `:` when that
    /// colon comes before any `/`, `?` or `#` (a `uri` must have one). `date-time` is RFC 3339's
    /// `date-time`, with the ranges of its fields checked but not the length of each month.
    static func conforms(_ text: String, to format: String) -> Bool {
        switch format {
        case "uri": return isURIReference(text, requiringScheme: true)
        case "uri-reference": return isURIReference(text, requiringScheme: false)
        case "date-time": return isDateTime(text)
        default: return true
        }
    }

    private static func isURIReference(_ text: String, requiringScheme: Bool) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var fragments = 0
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar.value > 0x20, scalar.value < 0x7F, !"\"<>\\^`{|}".unicodeScalars.contains(scalar) else {
                return false
            }
            if scalar == "#" { fragments += 1 }
            if scalar == "%" {
                guard index + 2 < scalars.count, isHexDigit(scalars[index + 1]),
                    isHexDigit(scalars[index + 2])
                else { return false }
                index += 2
            }
            index += 1
        }
        guard fragments <= 1 else { return false }
        let head = scalars.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard let colon = head.firstIndex(of: ":") else { return !requiringScheme }
        let scheme = scalars[..<colon]
        guard let first = scheme.first, isLetter(first) else { return false }
        return scheme.allSatisfy { isLetter($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0) }
    }

    private static func isDateTime(_ text: String) -> Bool {
        let pattern =
            "^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?([Zz]|[+-]([0-9]{2}):([0-9]{2}))$"
        guard let expression = try? NSRegularExpression(pattern: pattern),
            let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        else { return false }
        func field(_ group: Int) -> Int? {
            guard let range = Range(match.range(at: group), in: text) else { return nil }
            return Int(text[range])
        }
        let limits: [(group: Int, low: Int, high: Int)] = [
            (2, 1, 12), (3, 1, 31), (4, 0, 23), (5, 0, 59), (6, 0, 60), (9, 0, 23), (10, 0, 59),
        ]
        for limit in limits {
            guard let value = field(limit.group) else {
                if limit.group >= 9 { continue }  // `Z`: no offset fields
                return false
            }
            if value < limit.low || value > limit.high { return false }
        }
        return true
    }

    private static func isHexDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
