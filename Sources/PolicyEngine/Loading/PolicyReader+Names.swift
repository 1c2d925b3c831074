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

    /// A Kubernetes qualified name: an optional DNS subdomain prefix and `/`, then at most 63
    /// letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit
    /// (`exclude-leases`, `example.com/MyName`).
    static func isQualifiedName(_ name: String) -> Bool {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let last = parts.last else { return false }
        if parts.count == 2 {
            let prefix = parts[0]
            guard !prefix.isEmpty, prefix.count <= 253,
                prefix.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({
                    isKebabCase(String($0))
                })
            else { return false }
        }
        func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        let scalars = Array(last.unicodeScalars)
        guard let first = scalars.first, let end = scalars.last, scalars.count <= 63, isAlphanumeric(first),
            isAlphanumeric(end)
        else { return false }
        return scalars.allSatisfy { isAlphanumeric($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    /// The name of `known` closest to a misspelt `name`, when it is a few edits away (ignoring case).
    static func closest(to name: String, among known: [String]) -> String? {
        Spelling.closest(to: name, among: known)
    }
}
