import LinearRegex
import PolicyModel

/// Finds the secrets in a text with a set of detectors, in one pass for the keywords and one per
/// detector whose keyword the text holds.
///
/// 1. The keywords of every detector are one pattern set (case-insensitive literals): a single
///    scan of the text says which detectors can match at all. Detectors without keywords always run.
/// 2. Each of those runs its pattern; the secret is its capture (`Detector.secretGroup`).
/// 3. A candidate is dropped when it is a placeholder (`Placeholders`), matches one of the
///    detector's `allow` patterns, has less entropy than the detector asks, or fails its
///    structure check; and when an earlier detector (the more specific ones come first) already
///    reported a secret overlapping it.
///
/// A finding's message names the credential and shows it redacted (`Redaction`); its fingerprint
/// is the secret's keyed identity (`SecretHasher`). Nothing a finding holds contains the secret.
public struct SecretScanner: Sendable {
    public let detectors: [Detector]
    /// Pattern `i` of the set is detector `keywordDetectors[i]`'s keywords.
    private let keywordSet: RegexSet?
    private let keywordDetectors: [Int]
    private let alwaysRun: [Int]
    private let hasher: SecretHasher

    public init(detectors: [Detector], hasher: SecretHasher) throws(RegexSetError) {
        // Generic detectors (no fixed shape to their secret) after the specific ones, so that a
        // token both recognise is reported as what it is.
        self.detectors = detectors.enumerated().sorted { left, right in
            (left.element.isGeneric ? 1 : 0, left.offset) < (right.element.isGeneric ? 1 : 0, right.offset)
        }.map(\.element)
        var patterns: [String] = []
        var owners: [Int] = []
        var always: [Int] = []
        for (index, detector) in self.detectors.enumerated() {
            if detector.keywords.isEmpty {
                always.append(index)
            } else {
                patterns.append("(?i)(?:" + detector.keywords.map(Self.literal).joined(separator: "|") + ")")
                owners.append(index)
            }
        }
        keywordSet = patterns.isEmpty ? nil : try RegexSet(patterns)
        keywordDetectors = owners
        alwaysRun = always
        self.hasher = hasher
    }

    /// `text` as a pattern that matches it literally.
    static func literal(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\\.+*?()|[]{}^$#&-~".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// The identity of the key the scanner's identities are made with (what a baseline records).
    public var keyIdentity: String { hasher.keyIdentity }

    /// The input kind of files read only for their secrets (`palisade scan --kinds secrets`).
    public static let inputKind = "secrets"

    /// The secrets in `text` (a file's bytes, read as UTF-8), located in `file`, in the order of
    /// their position.
    public func scan(_ text: UnsafeBufferPointer<UInt8>, file: String) -> [Finding] {
        secrets(in: text, file: file).map(\.finding)
    }

    /// The same, each with the byte range of the secret in `text` (to mask it where the text is
    /// shown: `masked(_:hiding:)`).
    public func secrets(in text: UnsafeBufferPointer<UInt8>, file: String) -> [(finding: Finding, range: Range<Int>)] {
        var candidates = alwaysRun
        if let keywordSet {
            candidates += keywordSet.matchingPatterns(in: text).map { keywordDetectors[$0] }
            candidates.sort()
        }
        guard !candidates.isEmpty else { return [] }
        var lines = LineIndex(text)
        var reported: [Range<Int>] = []
        var findings: [(finding: Finding, range: Range<Int>)] = []
        for index in candidates {
            let detector = detectors[index]
            detector.pattern.forEachMatch(in: text) { match in
                guard let range = match.groups[detector.secretGroup], !range.isEmpty,
                    !reported.contains(where: { $0.overlaps(range) })
                else { return true }
                let secret = Array(text[range])
                guard accepts(secret, detector: detector) else { return true }
                reported.append(range)
                findings.append((finding(detector, secret: secret, at: range, in: file, lines: &lines), range))
                return true
            }
        }
        return findings.sorted {
            ($0.range.lowerBound, $0.finding.policyID) < ($1.range.lowerBound, $1.finding.policyID)
        }
    }

    /// `text` with the bytes of each of `ranges` replaced by `*`, one per character, so that lines
    /// and columns stay where they were: what reporters may show of a file that held secrets.
    public static func masked(_ text: String, hiding ranges: [Range<Int>]) -> String {
        guard !ranges.isEmpty else { return text }
        var bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var position = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound })
        where range.lowerBound >= position && range.upperBound <= bytes.count {
            output += bytes[position..<range.lowerBound]
            for byte in bytes[range] where byte & 0xC0 != 0x80 { output.append(UInt8(ascii: "*")) }
            position = range.upperBound
        }
        output += bytes[position...]
        bytes = []
        return String(decoding: output, as: UTF8.self)
    }

    public func scan(_ text: [UInt8], file: String) -> [Finding] {
        text.withUnsafeBufferPointer { scan($0, file: file) }
    }

    /// Whether a candidate is a secret by the detector's further rules.
    func accepts(_ secret: [UInt8], detector: Detector) -> Bool {
        if Placeholders.isPlaceholder(secret) { return false }
        if detector.allow.contains(where: { $0.isMatch(secret) }) { return false }
        if let minimum = detector.minimumEntropy, Entropy.bitsPerCharacter(secret) < minimum { return false }
        if let check = detector.check, !check.passes(secret) { return false }
        return true
    }

    private func finding(
        _ detector: Detector, secret: [UInt8], at range: Range<Int>, in file: String, lines: inout LineIndex
    ) -> Finding {
        let start = lines.position(of: range.lowerBound)
        let end = lines.position(of: range.upperBound)
        var finding = Finding(
            policyID: detector.id, title: detector.title, severity: detector.severity, mode: "enforce",
            message: detector.title + " " + Redaction.redacted(secret, shown: detector.shown),
            location: Location(
                file: file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column),
            resource: file, path: "")
        finding.fingerprint = hasher.identity(of: secret)
        return finding
    }
}

extension Detector {
    /// A detector for secrets without a shape of their own (a password assigned in a
    /// configuration file, any high-entropy string), which specific detectors take precedence over.
    var isGeneric: Bool { id.contains("generic") || id.contains("high-entropy") }
}

/// Byte offsets to 1-based lines and columns (`LineStarts`), worked out only when a text has a
/// finding.
struct LineIndex {
    private let text: UnsafeBufferPointer<UInt8>
    private var starts: LineStarts?
    /// The last position worked out: a later offset on the same line counts on from there, so
    /// that the findings of one long line (a minified file) do not each count from its start.
    private var last: (line: Int, offset: Int, column: Int) = (0, 0, 1)

    init(_ text: UnsafeBufferPointer<UInt8>) { self.text = text }

    mutating func position(of offset: Int) -> (line: Int, column: Int) {
        let lines = starts ?? LineStarts(text)
        starts = lines
        let line = lines.line(of: offset)
        let lineStart = lines.offsets[line - 1]
        let column =
            last.line == line && last.offset <= offset && last.offset >= lineStart
            ? LineStarts.column(of: offset, in: text, from: last.offset, column: last.column)
            : LineStarts.column(of: offset, in: text, from: lineStart)
        last = (line, offset, column)
        return (line, column)
    }
}
