import PolicyModel

/// `# palisade:ignore[policy-id,…] reason` comments in a scanned file.
///
/// - A comment after content on a line waives the findings reported on that line.
/// - A comment on a line of its own waives the findings on the next line that is neither blank
///   nor a comment; when that line is where a resource starts, it waives the policy for the whole
///   resource.
/// - The reason is required: an ignore without one is reported and not applied, and so is one
///   that names no known policy (a typo would otherwise waive nothing while looking like it does).
///   An ignore that waives nothing is reported as a notice, so stale ones get cleaned up.
///
/// Waived findings are kept, with status `suppressed` and the reason; they do not fail a scan.
public struct InlineSuppressions: Sendable {
    /// One parsed ignore comment.
    public struct Ignore: Sendable, Hashable {
        public var policies: [String]
        public var reason: String
        /// The comment's own line and column.
        public var line: Int
        public var column: Int
        /// The line whose findings it waives.
        public var target: Int
    }

    public static let marker = "palisade:ignore"

    public private(set) var ignores: [Ignore] = []
    public private(set) var diagnostics: [Diagnostic] = []
    private let file: String

    /// Reads the ignore comments of `text`. `knownPolicies` maps every policy id and alias to the
    /// policy id findings carry.
    public init(text: String, file: String, knownPolicies: [String: String]) {
        self.file = file
        guard text.utf8.contains(UInt8(ascii: ":")), text.contains(Self.marker) else { return }
        var pending: [(policies: [String], reason: String, line: Int, column: Int)] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            let isCommentOnly = trimmed.hasPrefix("#")
            if trimmed.isEmpty || isCommentOnly {
                if isCommentOnly, let parsed = parse(line, lineNumber: lineNumber, known: knownPolicies) {
                    pending.append(parsed)
                }
                continue
            }
            for comment in pending {
                ignores.append(
                    Ignore(
                        policies: comment.policies, reason: comment.reason, line: comment.line, column: comment.column,
                        target: lineNumber))
            }
            pending.removeAll()
            if let parsed = parse(line, lineNumber: lineNumber, known: knownPolicies) {
                ignores.append(
                    Ignore(
                        policies: parsed.policies, reason: parsed.reason, line: parsed.line, column: parsed.column,
                        target: lineNumber))
            }
        }
        for comment in pending {
            diagnostics.append(
                Diagnostic(
                    .notice, "\(Self.marker) is followed by nothing it could apply to",
                    at: Location(file: file, line: comment.line, column: comment.column)))
        }
    }

    /// The ignore comment in `line`, if it has a valid one; problems become diagnostics.
    private mutating func parse(
        _ line: Substring, lineNumber: Int, known: [String: String]
    ) -> (policies: [String], reason: String, line: Int, column: Int)? {
        guard let markerRange = line.firstRange(of: Self.marker) else { return nil }
        // Only in a comment: a '#' before the marker with nothing but spaces between them.
        let before = line[..<markerRange.lowerBound]
        guard let hash = before.lastIndex(of: "#"),
            before[before.index(after: hash)...].allSatisfy({ $0 == " " || $0 == "\t" })
        else { return nil }
        let column = line.utf8.distance(from: line.startIndex, to: hash) + 1
        let location = Location(file: file, line: lineNumber, column: column)
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
            diagnostics.append(
                Diagnostic(
                    .warning, "\(Self.marker)[\(names.joined(separator: ","))] gives no reason; not applied",
                    at: location))
            return nil
        }
        var policies: [String] = []
        for name in names {
            if let id = known[name] {
                policies.append(id)
            } else {
                var message = "\(Self.marker) names an unknown policy \"\(name)\"; not applied"
                if let suggestion = Spelling.closest(to: name, among: Array(known.keys)) {
                    message += " (did you mean \"\(suggestion)\"?)"
                }
                diagnostics.append(Diagnostic(.warning, message, at: location))
            }
        }
        return policies.isEmpty ? nil : (policies, reason, lineNumber, column)
    }

    /// Marks the findings of this file that an ignore waives; `resourceStarts` maps a line where a
    /// resource starts to its identity. Ignores that waived nothing are reported as notices.
    public mutating func apply(to findings: inout [Finding], resourceStarts: [Int: String]) {
        guard !ignores.isEmpty else { return }
        var used = Set<Int>()
        for index in findings.indices where findings[index].location.file == file {
            let finding = findings[index]
            for (number, ignore) in ignores.enumerated() where ignore.policies.contains(finding.policyID) {
                let sameLine = ignore.target == finding.location.line
                let wholeResource = resourceStarts[ignore.target] == finding.resource
                guard sameLine || wholeResource else { continue }
                findings[index].status = .suppressed
                findings[index].statusReason = ignore.reason
                used.insert(number)
                break
            }
        }
        for (number, ignore) in ignores.enumerated() where !used.contains(number) {
            diagnostics.append(
                Diagnostic(
                    .notice,
                    "\(Self.marker)[\(ignore.policies.joined(separator: ","))] waives no finding; remove it if it is stale",
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
