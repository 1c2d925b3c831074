/// Values that have a secret's shape but are not secrets: the examples that providers publish in
/// their documentation, template references, and the fillers people write where a secret will go.
/// Reporting them teaches developers to ignore the scanner, so they are never findings.
public enum Placeholders {
    /// Published examples, reported nowhere (AWS's documentation keys among them).
    static let documentedExamples: Set<String> = [
        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "ASIAIOSFODNN7EXAMPLE",
        "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    ]

    /// Words that mark a filler wherever they appear in the value (compared lower-cased).
    static let fillerWords: [String] = [
        "example", "placeholder", "changeme", "change_me", "change-me", "dummy", "redacted", "your_", "your-",
        "yourkey", "insert", "replace_me", "replaceme", "xxxxxx", "******", "<token>", "<secret>", "<password>",
    ]

    public static func isPlaceholder(_ value: [UInt8]) -> Bool {
        let text = String(decoding: value, as: UTF8.self)
        if documentedExamples.contains(text) { return true }
        // A reference to a value kept elsewhere: `${TOKEN}`, `$TOKEN`, `{{ .Values.token }}`,
        // `%(token)s`, `<your token>`.
        if let first = value.first,
            first == UInt8(ascii: "$") || text.hasPrefix("{{") || text.hasPrefix("%(")
                || (first == UInt8(ascii: "<") && value.last == UInt8(ascii: ">"))
        {
            return true
        }
        let lowered = text.lowercased()
        if fillerWords.contains(where: { lowered.contains($0) }) { return true }
        // One character repeated, or a run of the alphabet or the digits.
        if let first = value.first, value.allSatisfy({ $0 == first }) { return true }
        if lowered.contains("abcdefghij") || lowered.contains("0123456789") { return true }
        return false
    }
}
