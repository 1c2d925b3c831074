import PolicyModel

/// Checks on names, and the closest known name for a misspelt one.
extension PolicyReader {
    /// `^[a-z0-9]+(-[a-z0-9]+)*$`: lowercase letters and digits joined by single hyphens.
    static func isKebabCase(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last, first != "-", last != "-" else { return false }
        var previous: Unicode.Scalar = " "
        for scalar in scalars {
            switch scalar {
            case "a"..."z", "0"..."9": break
            case "-" where previous != "-": break
            default: return false
            }
            previous = scalar
        }
        return true
    }

    /// A CEL identifier: a letter or `_`, then letters, digits and `_` (ASCII only).
    static func isIdentifier(_ name: String) -> Bool {
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
        guard let first = name.unicodeScalars.first, first == "_" || isLetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("0"..."9").contains($0) || isLetter($0) }
    }

    /// The name of `known` closest to a misspelt `name`, when it is a few edits away (ignoring case).
    static func closest(to name: String, among known: [String]) -> String? {
        Spelling.closest(to: name, among: known)
    }
}
