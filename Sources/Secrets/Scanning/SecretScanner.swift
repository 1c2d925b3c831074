import LinearRegex
import PolicyModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the secrets in a text with a set of detectors, in one pass for the keywords and one per
/// detector whose keyword the text holds.
///
/// 1. The keywords of every detector are one automaton (`KeywordFilter`, case-insensitive): a
///    single pass over the text says which detectors can match at all, and where. Detectors
///    without keywords always run.
/// 2. Each of those runs its pattern over the lines within `keywordReach` bytes of one of its
///    keywords (the whole of most files; a few stretches of a large one); the secret is its
///    capture (`Detector.secret(in:)`).
/// 3. A candidate is dropped when it is a placeholder (`Placeholders`), matches one of the
///    detector's `allow` patterns, has less entropy than the detector asks, or fails its
///    structure check; and when an earlier detector (the more specific ones come first) already
///    reported a secret overlapping it.
///
/// A finding's message names the credential and shows it redacted (`Redaction`); its fingerprint
/// is the secret's keyed identity (`SecretHasher`). Nothing a finding holds contains the secret.
public struct SecretScanner: Sendable {
    public let detectors: [Detector]
    private let keywords: KeywordFilter?
    private let alwaysRun: [Int]
    private let hasher: SecretHasher

    public init(detectors: [Detector], hasher: SecretHasher) {
        // Generic detectors (no fixed shape to their secret) after the specific ones, so that a
        // token both recognise is reported as what it is.
        self.detectors = detectors.enumerated().sorted { left, right in
            (left.element.isGeneric ? 1 : 0, left.offset) < (right.element.isGeneric ? 1 : 0, right.offset)
        }.map(\.element)
        var keywords: [[String]] = []
        var owners: [Int] = []
        var always: [Int] = []
        for (index, detector) in self.detectors.enumerated() {
            if detector.keywords.isEmpty {
                always.append(index)
            } else {
                keywords.append(detector.keywords)
                owners.append(index)
            }
        }
        self.keywords = owners.isEmpty ? nil : KeywordFilter(keywords: keywords, owners: owners)
        alwaysRun = always
        self.hasher = hasher
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
        var plan = plan(for: text)
        // Test fixtures hold made-up passwords and keys by the hundred: only detectors that
        // recognise a credential by its own shape report there.
        if Self.isTestFixture(file) { plan.removeAll { detectors[$0.detector].isGeneric } }
        guard !plan.isEmpty else { return [] }
        var lines = LineIndex(text)
        var reported = RangeIndex()
        // Candidates a specific detector recognised by their shape and judged not secrets (a
        // `ghs_` token whose checksum fails, a documented example): no generic detector reports
        // them for being long and random after all.
        var rejected = RangeIndex()
        var findings: [(finding: Finding, range: Range<Int>)] = []
        for (index, regions) in plan {
            let detector = detectors[index]
            let generic = detector.isGeneric
            for region in regions {
                detector.pattern.forEachMatch(in: text, range: region) { match in
                    guard let range = detector.secret(in: match), !range.isEmpty,
                        !reported.overlaps(range), !generic || !rejected.overlaps(range)
                    else { return true }
                    let secret = UnsafeBufferPointer(rebasing: text[range])
                    guard Self.isPreceded(match.range, in: text, asAsked: detector) else { return true }
                    guard accepts(secret, detector: detector),
                        detector.allowLine.isEmpty || !Self.lineAllowed(around: range, in: text, by: detector)
                    else {
                        if !generic { rejected.insert(range) }
                        return true
                    }
                    reported.insert(range)
                    findings.append(
                        (finding(detector, secret: Array(secret), at: range, in: file, lines: &lines), range))
                    return true
                }
            }
        }
        return findings.sorted {
            ($0.range.lowerBound, $0.finding.policyID) < ($1.range.lowerBound, $1.finding.policyID)
        }
    }

    /// How far from a keyword a detector's pattern looks, each way, before the stretch is widened
    /// to whole lines: a secret and the keyword that announces it are on one line or a few.
    public static let keywordReach = 4096
    /// How much further a stretch is widened to reach the start or end of a line (a minified file's
    /// lines can be megabytes long).
    static let lineReach = 4096

    /// The detectors (indexes into `detectors`, in order) that run over `text`, each with the
    /// stretches it runs over: those with keywords over the lines around them, those without over
    /// the whole text.
    public func plan(for text: UnsafeBufferPointer<UInt8>) -> [(detector: Int, regions: [Range<Int>])] {
        let whole = [0..<text.count]
        var plan = alwaysRun.map { (detector: $0, regions: whole) }
        guard let keywords else { return plan }
        for (owner, regions) in keywords.regions(in: text, ownerCount: detectors.count, reach: Self.keywordReach) {
            plan.append((owner, Self.widenedToLines(regions, in: text)))
        }
        plan.sort { $0.detector < $1.detector }
        return plan
    }

    /// `regions` widened to the start and end of the lines they cut (up to `lineReach` further),
    /// merged where they then meet.
    static func widenedToLines(_ regions: [Range<Int>], in text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard let base = text.baseAddress else { return regions }
        var widened: [Range<Int>] = []
        for region in regions {
            var start = region.lowerBound
            let floor = max(0, start - lineReach)
            while start > floor && base[start - 1] != 0x0A { start -= 1 }
            var end = region.upperBound
            let ceiling = min(text.count, end + lineReach)
            if end < ceiling, let newline = memchr(base + end, 0x0A, ceiling - end) {
                end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
            } else {
                end = ceiling
            }
            if let last = widened.last, last.upperBound >= start {
                widened[widened.count - 1] = last.lowerBound..<max(last.upperBound, end)
            } else {
                widened.append(start..<end)
            }
        }
        return widened
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
    /// The cheapest tests first: most candidates of the generic detectors fail on entropy.
    func accepts(_ secret: UnsafeBufferPointer<UInt8>, detector: Detector) -> Bool {
        if let entropy = detector.entropy, !entropy.admits(secret) { return false }
        if Placeholders.isPlaceholder(secret) { return false }
        // A generic detector has only the value's randomness to go by: an identifier made of
        // words (`AwsAppSyncGraphQlApiLambdaAuthorizerConfigDetails`) is not a key.
        if detector.isGeneric, Placeholders.isWordsRunTogether(secret) { return false }
        if detector.allow.contains(where: { $0.isMatch(in: secret) }) { return false }
        if let check = detector.check, !check.passes(Array(secret)) { return false }
        return true
    }

    /// Folders that hold tests and their fixtures, and the names of test files.
    static let testFolders: Set<Substring> = [
        "test", "tests", "testdata", "testing", "fixtures", "__tests__", "__fixtures__", "spec", "specs", "mocks",
        "__mocks__",
    ]

    /// Whether `path` is a test or a test fixture: in a folder named like `tests` or `fixtures`, or
    /// named like `test_x.py`, `x_test.go`, `x.test.ts`, `x.spec.js`, `XTest.java`, `XTests.swift`.
    static func isTestFixture(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard let name = parts.last else { return false }
        if parts.dropLast().contains(where: { testFolders.contains(Substring($0.lowercased())) }) { return true }
        let stem = name.split(separator: ".").first ?? name
        return stem.hasPrefix("test_") || stem.hasSuffix("_test") || stem.hasSuffix("Test") || stem.hasSuffix("Tests")
            || name.contains(".test.") || name.contains(".spec.")
    }

    /// How much of the text before a match `preceded-by` is asked of: a name and an operator
    /// fit, and every candidate on a long line costs no more than that.
    public static let precedingReach = 128

    /// Whether the text before a match, on its line (up to `precedingReach` bytes of it), ends
    /// with what the detector's `preceded-by` asks.
    static func isPreceded(_ match: Range<Int>, in text: UnsafeBufferPointer<UInt8>, asAsked detector: Detector) -> Bool
    {
        guard let precededBy = detector.precededBy else { return true }
        var start = match.lowerBound
        while start > 0 && text[start - 1] != 0x0A && match.lowerBound - start < precedingReach { start -= 1 }
        // Matched on its own, so that the end of the stretch is the end of the text for `\z`.
        let before = UnsafeBufferPointer(rebasing: text[start..<match.lowerBound])
        return precededBy.isMatch(in: before)
    }

    /// Whether the line holding `range` matches one of the detector's `allow-line` patterns.
    static func lineAllowed(around range: Range<Int>, in text: UnsafeBufferPointer<UInt8>, by detector: Detector)
        -> Bool
    {
        var start = range.lowerBound
        while start > 0 && text[start - 1] != 0x0A && range.lowerBound - start < lineReach { start -= 1 }
        var end = range.upperBound
        while end < text.count && text[end] != 0x0A && end - range.upperBound < lineReach { end += 1 }
        return detector.allowLine.contains { $0.isMatch(in: text, range: start..<end) }
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

/// Byte ranges, asked whether a range overlaps any of them in constant time however many there
/// are (a file of a hundred thousand secrets must not cost a hundred thousand squared): each is
/// filed under the 256-byte blocks it spans.
struct RangeIndex {
    private var blocks: [Int: [Range<Int>]] = [:]
    private static let shift = 8

    mutating func insert(_ range: Range<Int>) {
        for block in Self.blocks(of: range) { blocks[block, default: []].append(range) }
    }

    func overlaps(_ range: Range<Int>) -> Bool {
        Self.blocks(of: range).contains { block in blocks[block]?.contains { $0.overlaps(range) } ?? false }
    }

    private static func blocks(of range: Range<Int>) -> ClosedRange<Int> {
        (range.lowerBound >> shift)...(max(range.lowerBound, range.upperBound - 1) >> shift)
    }
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
