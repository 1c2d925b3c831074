import BenchmarkSupport

// What the benchmark measures. The same lists drive scripts/compare-regex.sh (which repeats
// them in bash) and docs/PERFORMANCE.md; change them together.

/// One pattern searched over the whole corpus, counting non-overlapping matches.
struct SearchCase: Sendable {
    let name: String
    let pattern: String
    let caseInsensitive: Bool
    let summary: String
}

/// Twenty words that a reviewer might grep source for, searched case-insensitively as one
/// alternation.
let caseInsensitiveWords = [
    "password", "secret", "token", "apikey", "credential", "private", "session", "cookie", "bearer", "oauth",
    "signature", "encrypt", "decrypt", "certificate", "passphrase", "username", "login", "authorize", "nonce", "salt",
]

let searchCases: [SearchCase] = [
    SearchCase(name: "literal", pattern: "AKIA", caseInsensitive: false, summary: "`AKIA`"),
    SearchCase(
        name: "literal-prefix", pattern: "AKIA[0-9A-Z]{16}", caseInsensitive: false, summary: "`AKIA[0-9A-Z]{16}`"),
    SearchCase(name: "class", pattern: "[a-z0-9]{32}", caseInsensitive: false, summary: "`[a-z0-9]{32}`"),
    SearchCase(
        name: "words-ci", pattern: caseInsensitiveWords.joined(separator: "|"), caseInsensitive: true,
        summary: "20 words, `-i`"),
]

/// Twenty secret-style detectors, in the spirit of a secrets scanner's rule set. Each has ten
/// planted tokens in the corpus (scripts/make-bench-corpus.py plants them in this order). They
/// use no anchors and no `\b`, and no class that can match a newline, so they find the same
/// text whether the haystack is the whole corpus, a 64 KiB chunk of it or a single line; and
/// they are written in the common ground of RE2, ICU, Rust's regex and Python's `re`.
let secretPatterns = [
    #"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}"#,
    #"ghp_[0-9A-Za-z]{36}"#,
    #"gho_[0-9A-Za-z]{36}"#,
    #"(?:ghu|ghs)_[0-9A-Za-z]{36}"#,
    #"github_pat_[0-9A-Za-z_]{82}"#,
    #"xox[baprs]-[0-9A-Za-z-]{10,72}"#,
    #"https://hooks\.slack\.com/services/T[0-9A-Z]{8,10}/B[0-9A-Z]{8,10}/[0-9A-Za-z]{24}"#,
    #"(?:sk|rk)_live_[0-9A-Za-z]{24,99}"#,
    #"AIza[0-9A-Za-z_-]{35}"#,
    #"-----BEGIN (?:RSA |EC |DSA |OPENSSH )?PRIVATE KEY-----"#,
    #"eyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}"#,
    #"npm_[0-9A-Za-z]{36}"#,
    #"pypi-AgEIcHlwaS5vcmc[0-9A-Za-z_-]{50,}"#,
    #"glpat-[0-9A-Za-z_-]{20}"#,
    #"SK[0-9a-fA-F]{32}"#,
    #"SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43}"#,
    #"key-[0-9a-z]{32}"#,
    #"(?i:password|passwd|secret|api_?key)[ \t]*[:=][ \t]*["'][0-9A-Za-z_./+=!@#%*-]{8,64}["']"#,
    #"AccountKey=[0-9A-Za-z+/]{86}=="#,
    #"shp(?:at|ca|pa|ss)_[0-9a-fA-F]{32}"#,
]

/// The twenty secret patterns as one alternation, for engines without a set type.
let secretAlternation = secretPatterns.map { "(?:\($0))" }.joined(separator: "|")

/// The size of the chunks a scanner hands the set, one file's worth at a time.
let setChunkSize = 64 * 1024

/// The set cases: `set-64k` asks `matchingPatterns` once per 64 KiB chunk (what a scanner
/// does per file), `set-whole` once for the whole corpus, `set-matches` walks every match of
/// any pattern over the whole corpus.
let setCaseNames = ["set-64k", "set-whole", "set-matches"]

/// A pattern that makes a backtracking engine try exponentially many paths on a haystack of
/// `size - 1` copies of `letter` followed by `!`. None of them matches there.
struct PathologicalCase: Sendable {
    let name: String
    let pattern: String
    let letter: UInt8
}

let pathologicalCases: [PathologicalCase] = [
    PathologicalCase(name: "nested-plus", pattern: "(a+)+$", letter: UInt8(ascii: "a")),
    PathologicalCase(name: "overlapping-alt", pattern: "(a|aa)*b", letter: UInt8(ascii: "a")),
    PathologicalCase(name: "nested-xx", pattern: "(x+x+)+y", letter: UInt8(ascii: "x")),
    PathologicalCase(name: "star-star", pattern: "(.*)*z", letter: UInt8(ascii: "a")),
]

/// Haystack sizes in characters. A backtracker stops growing at the first size that takes
/// longer than the cap; our engine runs every size.
let pathologicalSizes = [16, 24, 32, 48, 64, 1_000, 10_000, 100_000, 1_000_000]

func pathologicalHaystack(letter: UInt8, size: Int) -> [UInt8] {
    guard size > 0 else { return [] }
    return [UInt8](repeating: letter, count: size - 1) + [UInt8(ascii: "!")]
}

/// Cut `bytes` into chunks of about `size` bytes, each ending on a UTF-8 boundary, so the
/// same chunks can be handed to an engine that wants whole characters.
func utf8Chunks(_ bytes: [UInt8], size: Int) -> [Range<Int>] {
    var chunks: [Range<Int>] = []
    var start = 0
    while start < bytes.count {
        var end = min(start + size, bytes.count)
        while end < bytes.count, end > start + 1, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        chunks.append(start..<end)
        start = end
    }
    return chunks
}
