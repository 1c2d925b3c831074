/// Values that have a secret's shape but are not secrets: the examples that providers publish in
/// their documentation, template references, and the fillers people write where a secret will go.
/// Reporting them teaches developers to ignore the scanner, so they are never findings.
///
/// Every candidate a generic detector matches is asked (tens of thousands in a large tree), so the
/// checks work on the bytes: no string is made and nothing is allocated.
public enum Placeholders {
    /// Published examples, reported nowhere (AWS's documentation keys among them).
    static let documentedExamples: [[UInt8]] = [
        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "ASIAIOSFODNN7EXAMPLE",
        "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        // jwt.io's example token, in countless READMEs and tests.
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
            + "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    ].map { Array($0.utf8) }

    /// Words that mark a filler wherever they appear in the value (compared lower-cased), and runs
    /// of the alphabet or the digits.
    static let fillerWords: [[UInt8]] = [
        "example", "placeholder", "changeme", "change_me", "change-me", "dummy", "redacted", "your_", "your-",
        "yourkey", "insert", "replace_me", "replaceme", "xxxxxx", "******", "<token>", "<secret>", "<password>",
        "fake", "mock",
        "abcdef", "123456",
    ].map { Array($0.utf8) }

    public static func isPlaceholder(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = value.first, let last = value.last else { return false }
        // A reference to a value kept elsewhere: `${TOKEN}`, `$TOKEN`, `{{ .Values.token }}`,
        // `{settings.token}`, `%(token)s`, `<your token>`.
        if first == UInt8(ascii: "$") || (first == UInt8(ascii: "<") && last == UInt8(ascii: ">"))
            || (first == UInt8(ascii: "{") && last == UInt8(ascii: "}"))
        {
            return true
        }
        // An example cut short: `eyJ2IjoiMSIsInMiOjEsImMiOi...`.
        if value.count > 3, value[value.count - 3..<value.count].allSatisfy({ $0 == UInt8(ascii: ".") }) {
            return true
        }
        if value.count > 3, value[value.count - 3..<value.count].elementsEqual([0xE2, 0x80, 0xA6]) { return true }
        if value.count >= 2,
            (first, value[1]) == (UInt8(ascii: "{"), UInt8(ascii: "{"))
                || (first, value[1]) == (UInt8(ascii: "%"), UInt8(ascii: "("))
        {
            return true
        }
        // One character repeated, or characters in order (`46abceflmnpqrstuvwzBCDMNRW` lists
        // option letters): a random value of any length is practically never sorted.
        if value.allSatisfy({ $0 == first }) { return true }
        if value.count >= 12, isInOrder(value) { return true }
        if documentedExamples.contains(where: { $0.elementsEqual(value) }) { return true }
        return fillerWords.contains { containsIgnoringCase(value, $0) }
    }

    /// Whether `value` is words run together, an identifier rather than a key:
    /// `AwsAppSyncGraphQlApiLambdaAuthorizerConfigDetails`, `InfluxDBv2Parameters`,
    /// `storage_cache_max`. Cut into words where a small letter or a digit is followed by a capital
    /// (and before the last capital of a run that a small letter follows: `XMLParser`), and at
    /// `_`, `-`, `.`, three words in four of an identifier are words: three letters or more with a
    /// vowel, or an acronym of capitals, digits allowed only at their end. A generated key's case
    /// changes leave it in fragments (of random 20-character base-62 keys, 0.7 % pass for words).
    static func isWordsRunTogether(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        @inline(__always) func isUpper(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "A") < 26 }
        @inline(__always) func isLower(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "a") < 26 }
        @inline(__always) func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
        var words = 0
        var wordlike = 0
        var letters = 0
        var capitals = 0
        var vowel = false
        var digitsSinceLetter = 0
        var digitInside = false
        func endWord() {
            if letters + digitsSinceLetter > 0 {
                words += 1
                let acronym = letters >= 2 && capitals == letters
                if !digitInside && (acronym || (letters >= 3 && vowel)) { wordlike += 1 }
            }
            letters = 0
            capitals = 0
            vowel = false
            digitsSinceLetter = 0
            digitInside = false
        }
        for index in value.indices {
            let byte = value[index]
            if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") {
                endWord()
                continue
            }
            guard isUpper(byte) || isLower(byte) || isDigit(byte) else { return false }
            if isUpper(byte), index > 0 {
                let previous = value[index - 1]
                let nextLower = index + 1 < value.count && isLower(value[index + 1])
                if isLower(previous) || isDigit(previous) || (isUpper(previous) && nextLower) { endWord() }
            }
            if isDigit(byte) {
                digitsSinceLetter += 1
            } else {
                // A letter after digits inside the word: `a1b` is not a word.
                if digitsSinceLetter > 0 { digitInside = true }
                digitsSinceLetter = 0
                letters += 1
                if isUpper(byte) { capitals += 1 }
                if "aeiouyAEIOUY".utf8.contains(byte) { vowel = true }
            }
        }
        endWord()
        return words >= 2 && wordlike * 4 >= words * 3
    }

    /// Whether `value` is characters in order, allowing one fresh start (`46abcfz` then `BCDW`:
    /// option letters listed lower case then upper case). Of random values of twelve characters
    /// or more, practically none is.
    static func isInOrder(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        var descents = 0
        for index in value.indices.dropFirst() where value[index] < value[index - 1] {
            descents += 1
            if descents > 1 { return false }
        }
        return true
    }

    /// Whether `word` (lower-case) occurs in `text`, ASCII letters compared without case.
    static func containsIgnoringCase(_ text: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        guard let head = word.first, word.count <= text.count else { return false }
        var start = 0
        while start + word.count <= text.count {
            if lowered(text[start]) == head {
                var offset = 1
                while offset < word.count, lowered(text[start + offset]) == word[offset] { offset += 1 }
                if offset == word.count { return true }
            }
            start += 1
        }
        return false
    }

    @inline(__always)
    static func lowered(_ byte: UInt8) -> UInt8 {
        byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
    }
}
