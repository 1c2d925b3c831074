#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A scanned file's text as policy `keywords` are looked for in it: a cheap test, made before
/// any expression runs, that the file can hold what the policy reports.
///
/// A keyword is a necessary condition, so the file is read generously: ASCII letters are
/// lowercased, and quotes, backslashes, backticks and line breaks are dropped. A word the
/// policy reads after the shell or YAML has joined it (`"strict"-ssl`, `strict-\⏎ssl`) is then
/// still found; a few words found that the policy does not read cost only its evaluation. What
/// the dropping does not undo is a character spelt by its code (`\x2d` in a YAML string).
public struct KeywordText: Sendable {
    /// The inputs whose resources come whole from one file, so that the file is everything a
    /// policy that reads only `fileVariables` can see.
    static let kinds: Set<String> = ["dockerfile", "github-actions", "gitlab-ci", "kubernetes"]
    /// What such a policy may read: the resource, the request made of it, its own variables and item.
    static let fileVariables: Set<String> = ["object", "request", "variables", "item"]

    private let bytes: [UInt8]
    /// Which pairs of adjacent bytes the text holds, hashed into 4,096 bits: a keyword with a pair
    /// the text lacks is absent without a search, which is the common case (the keywords of a
    /// library of narrow checks are mostly rare words).
    private var pairs = [UInt64](repeating: 0, count: 64)
    /// The keywords asked about (each already normalised), and the answers so far by their place
    /// in that list: 0 not asked yet, 1 absent, 2 present. Policies share keywords (`curl`,
    /// `apt-get`).
    private let keywords: [String]
    private var answers: [UInt8]

    public init(_ text: String, keywords: [String]) {
        self.keywords = keywords
        answers = [UInt8](repeating: 0, count: keywords.count)
        bytes = Self.normalized(Array(text.utf8))
        var previous: UInt8 = 0
        for byte in bytes {
            let pair = Self.pair(previous, byte)
            pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            previous = byte
        }
    }

    private static func pair(_ first: UInt8, _ second: UInt8) -> Int { (Int(first) &* 67 &+ Int(second)) & 4095 }

    /// Whether `text` holds one of `words` (each already normalised), for a single question.
    public static func holds(_ text: String, anyOf words: [String]) -> Bool {
        var keywordText = KeywordText(text, keywords: words)
        return keywordText.containsAny(Array(words.indices))
    }

    /// Whether the text holds one of the keywords at `numbers` (places in `keywords`).
    public mutating func containsAny(_ numbers: [Int]) -> Bool {
        for number in numbers {
            switch answers[number] {
            case 2: return true
            case 1: continue
            default:
                let found = contains(keywords[number])
                answers[number] = found ? 2 : 1
                if found { return true }
            }
        }
        return false
    }

    private func contains(_ keyword: String) -> Bool {
        var keyword = keyword
        return keyword.withUTF8 { needle in
            for index in needle.indices.dropFirst() {
                let pair = Self.pair(needle[index - 1], needle[index])
                if pairs[pair >> 6] & (1 << UInt64(pair & 63)) == 0 { return false }
            }
            return search(needle)
        }
    }

    /// Whether the text holds `needle`, found by its first byte (memchr), then compared (memcmp).
    private func search(_ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { haystack in
            guard let first = needle.first else { return true }
            guard needle.count <= haystack.count, let base = haystack.baseAddress, let pattern = needle.baseAddress
            else { return false }
            var offset = 0
            let last = haystack.count - needle.count
            while offset <= last {
                guard let found = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
                let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + start, pattern, needle.count) == 0 { return true }
                offset = start + 1
            }
            return false
        }
    }

    /// The bytes lowercased (ASCII) with `" ' \ `` ` and line breaks left out.
    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): result.append(byte | 0x20)
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: "`"), 0x0A, 0x0D: break
            default: result.append(byte)
            }
        }
        return result
    }

    /// Why `word` cannot be a keyword, or `nil`: it must be something left in a normalised text.
    static func problem(with word: String) -> String? {
        if word.isEmpty { return "is empty" }
        if word.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 }) {
            return "holds a space; a keyword is one word, since the space between two may be written otherwise"
        }
        if normalized(Array(word.utf8)).count != word.utf8.count {
            return
                "holds a quote, backslash, backtick or line break, which are dropped from the text it is looked for in"
        }
        return nil
    }
}
