import PolicyModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `# palisade:ignore[policy-id,…] reason` comments in a scanned file (`//` comments too, in
/// Terraform), Checkov's `#checkov:skip=CKV_AWS_20:reason` and zizmor's
/// `# zizmor: ignore[template-injection] reason`, which waive the policies that list that Checkov
/// id or zizmor audit among their `equivalents`, so teams that migrate keep their skips.
///
/// - A comment after content on a line waives the findings reported on that line.
/// - A comment on a line of its own waives the findings on the next line that is neither blank
///   nor a comment; when that line is where a resource starts, it waives the policy for the whole
///   resource. A comment inside a resource (between the lines where it starts and ends) waives
///   the policy for that resource, as Checkov's skips do.
/// - The reason is required: an ignore without one is not applied and is itself a finding
///   (policy `palisade-ignore-without-reason`), so a waiver nobody explained cannot pass review
///   unnoticed. One that names no known policy is reported and not applied (a typo would
///   otherwise waive nothing while looking like it does). An ignore that waives nothing is
///   reported as a notice, so stale ones get cleaned up.
///
/// Secrets are waived by what they are, not where: `palisade:ignore[secret-github-pat@hmac:1a2b3c4d5e6f]
/// reason` names the secret by the start (12 hex digits or more) of its identity, the finding's
/// fingerprint, and waives that secret wherever it is in the file; a new secret written on the same
/// line is still reported. An ignore naming a secret detector without an identity waives nothing
/// and says which identity to write.
///
/// Waived findings are kept, with status `suppressed` and the reason; they do not fail a scan.
public struct InlineSuppressions: Sendable {
    /// A secret an ignore names: its detector and the start of its identity (`hmac:1a2b3c4d5e6f`).
    public struct SecretName: Sendable, Hashable {
        public var policy: String
        public var identity: String

        /// `policy@identity`, as written in the comment.
        public var written: String { policy + "@" + identity }
    }

    /// One parsed ignore comment.
    public struct Ignore: Sendable, Hashable {
        /// The policies it waives on its target line (or resource).
        public var policies: [String]
        /// The secrets it waives anywhere in the file.
        public var secrets: [SecretName] = []
        public var reason: String
        /// The comment's own line and column.
        public var line: Int
        public var column: Int
        /// The line whose findings it waives.
        public var target: Int
    }

    public static let marker = "palisade:ignore"
    public static let checkovMarker = "checkov:skip="
    public static let zizmorMarker = "zizmor: ignore["
    /// The id of the findings given for ignores without a reason.
    public static let missingReasonPolicy = "palisade-ignore-without-reason"
    /// How a secret finding's fingerprint starts (`SecretHasher`): such findings are waived only by
    /// identity.
    public static let secretIdentityPrefix = "hmac:"
    /// The fewest hex digits of an identity an ignore must give (48 bits: no two secrets of a
    /// repository share them by chance).
    public static let leastIdentityDigits = 12

    public private(set) var ignores: [Ignore] = []
    public private(set) var diagnostics: [Diagnostic] = []
    /// Ignores written without a reason, as findings.
    public private(set) var findings: [Finding] = []
    private let file: String
    /// Checkov id → the policies that list it among their equivalents.
    private let equivalents: [String: [String]]

    /// Reads the ignore comments of `text`. `knownPolicies` maps every policy id and alias to the
    /// policy id findings carry; `equivalents` maps a peer's id (`CKV_AWS_20`) to the policies
    /// that list it.
    public init(text: String, file: String, knownPolicies: [String: String], equivalents: [String: [String]] = [:]) {
        self.file = file
        self.equivalents = equivalents
        guard Self.mentionsAMarker(text) else { return }
        var pending: [Parsed] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            let isCommentOnly = trimmed.hasPrefix("#") || trimmed.hasPrefix("//")
            if trimmed.isEmpty || isCommentOnly {
                if isCommentOnly, let parsed = parse(line, lineNumber: lineNumber, known: knownPolicies) {
                    pending.append(parsed)
                }
                continue
            }
            for comment in pending { ignores.append(comment.ignore(target: lineNumber)) }
            pending.removeAll()
            if let parsed = parse(line, lineNumber: lineNumber, known: knownPolicies) {
                ignores.append(parsed.ignore(target: lineNumber))
            }
        }
        for comment in pending {
            // Secrets named by identity are waived wherever they are: such an ignore needs no line.
            if comment.policies.isEmpty {
                ignores.append(comment.ignore(target: 0))
                continue
            }
            diagnostics.append(
                Diagnostic(
                    .notice, "\(Self.marker) is followed by nothing it could apply to",
                    at: Location(file: file, line: comment.line, column: comment.column)))
        }
    }

    /// Whether `text` holds any marker at all, looked for at each colon (every marker has one):
    /// most files hold none, and every scanned file is asked.
    static func mentionsAMarker(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { mentionsAMarker($0) }
    }

    /// Whether one line holds a marker: only those lines are parsed.
    static func mentionsAMarker(_ line: Substring) -> Bool {
        line.utf8.withContiguousStorageIfAvailable { mentionsAMarker($0) } ?? true
    }

    private static let markerWords: [[UInt8]] = [Array("palisade".utf8), Array("checkov".utf8), Array("zizmor".utf8)]

    static func mentionsAMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var offset = 0
        while offset < bytes.count, let found = memchr(base + offset, Int32(UInt8(ascii: ":")), bytes.count - offset) {
            let colon = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            for word in markerWords where colon >= word.count {
                if bytes[(colon - word.count)..<colon].elementsEqual(word) { return true }
            }
            offset = colon + 1
        }
        return false
    }

    /// An ignore comment as read, before the line it applies to is known.
    private struct Parsed {
        var policies: [String]
        var secrets: [SecretName] = []
        var reason: String
        var line: Int
        var column: Int

        func ignore(target: Int) -> Ignore {
            Ignore(policies: policies, secrets: secrets, reason: reason, line: line, column: column, target: target)
        }
    }

    /// The ignore comment in `line`, if it has a valid one; problems become diagnostics.
    private mutating func parse(_ line: Substring, lineNumber: Int, known: [String: String]) -> Parsed? {
        guard Self.mentionsAMarker(line) else { return nil }
        if let checkov = line.firstRange(of: Self.checkovMarker) {
            return parseCheckovSkip(line, checkov, lineNumber: lineNumber)
        }
        if let zizmor = line.firstRange(of: Self.zizmorMarker) ?? line.firstRange(of: "zizmor:ignore[") {
            return parseZizmorIgnore(line, zizmor, lineNumber: lineNumber)
        }
        guard let markerRange = line.firstRange(of: Self.marker) else { return nil }
        guard let location = commentLocation(line, before: markerRange.lowerBound, lineNumber: lineNumber) else {
            return nil
        }
        var rest = line[markerRange.upperBound...]
        guard rest.hasPrefix("["), let close = rest.firstIndex(of: "]") else {
            diagnostics.append(
                Diagnostic(
                    .warning, "\(Self.marker) must name policies: \(Self.marker)[policy-id] reason", at: location))
            return nil
        }
        let names = rest[rest.index(after: rest.startIndex)..<close].split(separator: ",").map {
            String($0.trimmingSpaces)
        }.filter { !$0.isEmpty }
        rest = rest[rest.index(after: close)...]
        let reason = String(rest.trimmingSpaces)
        guard !names.isEmpty else {
            diagnostics.append(Diagnostic(.warning, "\(Self.marker)[] names no policy; not applied", at: location))
            return nil
        }
        guard !reason.isEmpty else {
            missingReason("\(Self.marker)[\(names.joined(separator: ","))] gives no reason; not applied", at: location)
            return nil
        }
        var policies: [String] = []
        var secrets: [SecretName] = []
        for written in names {
            var name = written
            var identity: String?
            if let at = written.firstIndex(of: "@") {
                name = String(written[..<at])
                identity = String(written[written.index(after: at)...])
            }
            if let id = known[name], let identity {
                if Self.isIdentityStart(identity) {
                    secrets.append(SecretName(policy: id, identity: identity))
                } else {
                    diagnostics.append(
                        Diagnostic(
                            .warning,
                            "\(Self.marker)[\(written)]: \"\(identity)\" is not a secret's identity (\(Self.secretIdentityPrefix) "
                                + "and at least \(Self.leastIdentityDigits) hex digits of the finding's fingerprint); not applied",
                            at: location))
                }
            } else if let id = known[name] {
                policies.append(id)
            } else {
                var message = "\(Self.marker) names an unknown policy \"\(name)\"; not applied"
                if let suggestion = Spelling.closest(to: name, among: Array(known.keys)) {
                    message += " (did you mean \"\(suggestion)\"?)"
                }
                diagnostics.append(Diagnostic(.warning, message, at: location))
            }
        }
        guard !policies.isEmpty || !secrets.isEmpty else { return nil }
        return Parsed(policies: policies, secrets: secrets, reason: reason, line: lineNumber, column: location.column)
    }

    /// Whether `text` is the start of a secret's identity long enough to name one secret.
    static func isIdentityStart(_ text: String) -> Bool {
        guard text.hasPrefix(secretIdentityPrefix) else { return false }
        let digits = text.utf8.dropFirst(secretIdentityPrefix.utf8.count)
        return digits.count >= leastIdentityDigits && digits.count <= 64
            && digits.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Where the comment holding a marker starts, or `nil` when the marker is not in a comment.
    private func commentLocation(_ line: Substring, before marker: Substring.Index, lineNumber: Int) -> Location? {
        guard let hash = Self.commentStart(line, before: marker) else { return nil }
        return Location(file: file, line: lineNumber, column: line.utf8.distance(from: line.startIndex, to: hash) + 1)
    }

    /// Where a comment starts when the marker is in one: a `#` or `//` before the marker with
    /// nothing but spaces between them.
    private static func commentStart(_ line: Substring, before marker: Substring.Index) -> Substring.Index? {
        let before = line[..<marker]
        guard let last = before.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return nil }
        if before[last] == "#" { return last }
        if before[last] == "/", last > before.startIndex, before[before.index(before: last)] == "/" {
            return before.index(before: last)
        }
        return nil
    }

    /// `checkov:skip=CKV_AWS_20:reason` → the policies listing CKV_AWS_20 among their equivalents.
    private mutating func parseCheckovSkip(_ line: Substring, _ marker: Range<Substring.Index>, lineNumber: Int)
        -> Parsed?
    {
        guard let location = commentLocation(line, before: marker.lowerBound, lineNumber: lineNumber) else {
            return nil
        }
        let rest = line[marker.upperBound...]
        let parts = rest.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let id = String(parts[0].trimmingSpaces)
        let reason = parts.count > 1 ? String(parts[1].trimmingSpaces) : ""
        guard !id.isEmpty else { return nil }
        return peerIgnore(
            ids: [id], reason: reason, comment: "checkov:skip=\(id)", naming: { "checkov:skip=\($0)" }, at: location)
    }

    /// `zizmor: ignore[audit,…] reason` → the policies listing those audits among their
    /// equivalents. zizmor itself takes no reason; Palisade asks for one as for its own ignores.
    private mutating func parseZizmorIgnore(_ line: Substring, _ marker: Range<Substring.Index>, lineNumber: Int)
        -> Parsed?
    {
        guard let location = commentLocation(line, before: marker.lowerBound, lineNumber: lineNumber) else {
            return nil
        }
        let rest = line[marker.upperBound...]
        guard let close = rest.firstIndex(of: "]") else { return nil }
        let audits = rest[..<close].split(separator: ",").map { String($0.trimmingSpaces) }.filter { !$0.isEmpty }
        let reason = String(rest[rest.index(after: close)...].trimmingSpaces)
        guard !audits.isEmpty else { return nil }
        return peerIgnore(
            ids: audits, reason: reason, comment: "zizmor: ignore[\(audits.joined(separator: ","))]",
            naming: { "zizmor: ignore[\($0)]" }, at: location)
    }

    /// Another tool's ignore comment (`comment`, as written) that names its own `ids`: the
    /// policies listing them among their equivalents, once a reason is given. An id no policy
    /// lists is a notice (`naming` writes the comment for one id).
    private mutating func peerIgnore(
        ids: [String], reason: String, comment: String, naming: (String) -> String, at location: Location
    ) -> Parsed? {
        guard !reason.isEmpty else {
            missingReason("\(comment) gives no reason; not applied", at: location)
            return nil
        }
        var policies: [String] = []
        for id in ids {
            if let mapped = equivalents[id], !mapped.isEmpty {
                policies += mapped
            } else {
                diagnostics.append(
                    Diagnostic(
                        .notice, "\(naming(id)): no Palisade policy is equivalent to \(id); nothing to waive",
                        at: location))
            }
        }
        return policies.isEmpty
            ? nil : Parsed(policies: policies, reason: reason, line: location.line, column: location.column)
    }

    private mutating func missingReason(_ message: String, at location: Location) {
        var finding = Finding(
            policyID: Self.missingReasonPolicy, title: "Suppression without a reason", severity: .medium,
            mode: "enforce", message: message, location: location, resource: "", path: "")
        finding.statusReason = nil
        findings.append(finding)
    }

    /// Marks the findings of this file that an ignore waives; `resourceStarts` maps a line where a
    /// resource starts to its identity, `resourceRanges` the lines each resource spans (an ignore
    /// inside one waives the policy for it). Ignores that waived nothing are reported as notices.
    public mutating func apply(
        to findings: inout [Finding], resourceStarts: [Int: String],
        resourceRanges: [(lines: ClosedRange<Int>, identity: String)] = []
    ) {
        guard !ignores.isEmpty else { return }
        var used = Set<Int>()
        for index in findings.indices where findings[index].location.file == file {
            let finding = findings[index]
            if finding.fingerprint.hasPrefix(Self.secretIdentityPrefix) {
                waiveSecret(&findings[index], used: &used)
                continue
            }
            for (number, ignore) in ignores.enumerated() where ignore.policies.contains(finding.policyID) {
                let sameLine = ignore.target == finding.location.line
                let inside = resourceRanges.contains { range in
                    range.identity == finding.resource && range.lines.contains(ignore.line)
                        && range.lines.lowerBound != ignore.line
                }
                let wholeResource = resourceStarts[ignore.target] == finding.resource || inside
                guard sameLine || wholeResource else { continue }
                findings[index].status = .suppressed
                findings[index].statusReason = ignore.reason
                used.insert(number)
                break
            }
        }
        for (number, ignore) in ignores.enumerated() where !used.contains(number) {
            let names = ignore.policies + ignore.secrets.map(\.written)
            diagnostics.append(
                Diagnostic(
                    .notice,
                    "\(Self.marker)[\(names.joined(separator: ","))] waives no finding; remove it if it is stale",
                    at: Location(file: file, line: ignore.line, column: ignore.column)))
        }
    }

    /// Waives a secret finding when an ignore names its identity. An ignore that names only its
    /// detector, on its line, is not applied (it would waive whatever secret is written there
    /// next); the warning gives the identity to write instead.
    private mutating func waiveSecret(_ finding: inout Finding, used: inout Set<Int>) {
        for (number, ignore) in ignores.enumerated() {
            let named = ignore.secrets.contains {
                $0.policy == finding.policyID && finding.fingerprint.hasPrefix($0.identity)
            }
            guard named else { continue }
            finding.status = .suppressed
            finding.statusReason = ignore.reason
            used.insert(number)
            return
        }
        for (number, ignore) in ignores.enumerated()
        where ignore.target == finding.location.line && ignore.policies.contains(finding.policyID) {
            used.insert(number)
            let identity = String(
                finding.fingerprint.prefix(Self.secretIdentityPrefix.count + Self.leastIdentityDigits))
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "\(Self.marker)[\(finding.policyID)] does not waive a secret by its line, or a new secret "
                        + "written there would pass unseen: name this one, \(Self.marker)[\(finding.policyID)@\(identity)]",
                    at: Location(file: file, line: ignore.line, column: ignore.column)))
        }
    }
}

extension Substring {
    /// Without the spaces and tabs at either end.
    fileprivate var trimmingSpaces: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
