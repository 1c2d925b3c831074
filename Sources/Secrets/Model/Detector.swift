import LinearRegex
import PolicyModel

/// One kind of credential and how to recognise it: a YAML document (`Detectors/<id>.yaml` for the
/// built-in ones, the same format for a user's), read by `DetectorReader`.
///
/// ```yaml
/// id: secret-github-pat
/// title: GitHub personal access token (classic)
/// provider: GitHub
/// severity: critical
/// description: What the credential opens, and why it must not be in a file.
/// remediation: How to revoke it and where the replacement belongs.
/// pattern: '\b(ghp_[A-Za-z0-9]{36})\b'   # RE2; the group named `secret`, else the first group
///                                       # that took part in the match, else the match
/// keywords: [ghp_]          # the file must hold one (case-insensitive) for the pattern to run
/// entropy: 3.0              # optional: least Shannon entropy, in bits per character, of the secret;
///                           # or one per character class: {hex: 3.0, base64: 4.5, any: 3.5}
/// check: github-checksum    # optional: a structural check the secret must pass (`StructureCheck`)
/// allow: ['(?i)sample']     # optional: patterns of placeholders that are not secrets
/// allow-line: ['(?i)sha256'] # optional: patterns of lines whose candidates are not secrets
/// preceded-by: '=\s*'       # optional: what the text before a match, on its line, must end with
/// shown: 4                  # optional: leading characters that are the format, not the secret
///                           # (`ghp_`), shown in redactions; none by default
/// equivalents: [github-pat, GitHubTokenDetector]   # gitleaks rule ids, detect-secrets plugins
/// ```
public struct Detector: Sendable {
    public var id: String
    public var title: String
    public var provider: String
    public var severity: Severity
    public var description: String
    public var remediation: String
    /// The pattern as written, and compiled.
    public var patternSource: String
    public var pattern: RegularExpression
    /// The capture group that holds the secret (0 for the whole match); without a group named
    /// `secret`, the first group that took part in a match (a pattern of alternatives has a
    /// group in each): `secret(in:)`.
    public var secretGroup: Int
    /// Lower-cased; empty means the pattern runs on every file.
    public var keywords: [String]
    public var entropy: EntropyFloor?
    public var check: StructureCheck?
    public var allow: [RegularExpression]
    /// Patterns of the line a candidate is on that say it is not a secret (a value assigned to
    /// `sha256` is a digest).
    public var allowLine: [RegularExpression]
    /// What the text before a match on its line must end with (`name = `), as written and
    /// compiled anchored at its end: context a pattern cannot start with without making every
    /// byte of a file a place where a match may start.
    public var precededBySource: String?
    public var precededBy: RegularExpression?
    /// How many leading characters of a secret are its public format (`ghp_`, `sk_live_`), which a
    /// redaction may show: `Redaction.redacted(_:shown:)`.
    public var shown: Int
    public var equivalents: [String]
    /// Where the document was read from, for messages about it.
    public var location: Location

    public init(
        id: String, title: String, provider: String, severity: Severity, description: String = "",
        remediation: String = "", pattern: String, keywords: [String] = [], entropy: EntropyFloor? = nil,
        check: StructureCheck? = nil, allow: [String] = [], allowLine: [String] = [], precededBy: String? = nil,
        shown: Int = 0, equivalents: [String] = [],
        location: Location = Location(file: "", line: 1, column: 1)
    ) throws(RegexSyntaxError) {
        self.id = id
        self.title = title
        self.provider = provider
        self.severity = severity
        self.description = description
        self.remediation = remediation
        patternSource = pattern
        self.pattern = try RegularExpression(pattern)
        secretGroup = Self.secretGroup(of: self.pattern)
        self.keywords = keywords.map { $0.lowercased() }
        self.entropy = entropy
        self.check = check
        self.allow = try allow.map { (source) throws(RegexSyntaxError) in try RegularExpression(source) }
        self.allowLine = try allowLine.map { (source) throws(RegexSyntaxError) in try RegularExpression(source) }
        precededBySource = precededBy
        self.precededBy = try precededBy.map { (source) throws(RegexSyntaxError) in
            try RegularExpression("(?:" + source + ")\\z")
        }
        self.shown = shown
        self.equivalents = equivalents
        self.location = location
    }

    /// The group named `secret`, else the first group, else the whole match.
    static func secretGroup(of pattern: RegularExpression) -> Int {
        if let named = pattern.index(ofGroupNamed: "secret") { return named }
        return pattern.captureCount > 1 ? 1 : 0
    }

    /// Where a match's secret is: the group named `secret`, else the first group that took part,
    /// else the whole match.
    public func secret(in match: RegexMatch) -> Range<Int>? {
        if secretGroup != 1 || match.groups.count <= 2 || pattern.index(ofGroupNamed: "secret") != nil {
            return match.groups[secretGroup]
        }
        return match.groups.dropFirst().first { $0 != nil } ?? nil
    }
}
