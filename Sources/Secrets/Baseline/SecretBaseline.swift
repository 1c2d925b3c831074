import PolicyModel
import Reporting
import YAMLSupport

/// The secrets a repository already holds and has decided about: their identities (never their
/// values), each with the detector, where it was first seen and, optionally, why it stays. A scan
/// with a baseline reports only the secrets that are not in it; a secret in it is recognised by its
/// identity wherever it is, and a new secret on the same line as a known one is still reported.
///
/// Identities are keyed (`SecretHasher`), so a baseline is only comparable with scans made with the
/// same key: it records the key's own identity and a scan with another key says so rather than
/// reporting every known secret again.
///
/// ```json
/// {
///   "schema": "palisade.secrets-baseline/v1",
///   "key": "key:3f6c…",
///   "secrets": [
///     {"identity": "hmac:…", "detector": "secret-github-pat", "file": "deploy.sh", "line": 2,
///      "reason": "revoked on 2026-11-01"}
///   ]
/// }
/// ```
public struct SecretBaseline: Sendable, Equatable {
    public static let schema = "palisade.secrets-baseline/v1"

    public struct Entry: Sendable, Equatable {
        public var identity: String
        public var detector: String
        public var file: String
        public var line: Int
        public var reason: String?

        public init(identity: String, detector: String, file: String, line: Int, reason: String? = nil) {
            self.identity = identity
            self.detector = detector
            self.file = file
            self.line = line
            self.reason = reason
        }
    }

    /// The identity of the key the entries were made with (`SecretHasher.keyIdentity`).
    public var key: String
    public var entries: [Entry]

    public init(key: String, entries: [Entry]) {
        self.key = key
        self.entries = entries
    }

    /// A baseline of `findings` (secret findings: their fingerprints are identities), each secret
    /// once, where it is first found; the reasons of `previous` are kept for the secrets it had.
    public init(key: String, findings: [Finding], previous: SecretBaseline? = nil) {
        var reasons: [String: String] = [:]
        for entry in previous?.entries ?? [] { reasons[entry.identity] = entry.reason }
        var seen: Set<String> = []
        var entries: [Entry] = []
        for finding in findings
        where finding.fingerprint.hasPrefix("hmac:") && seen.insert(finding.fingerprint).inserted {
            entries.append(
                Entry(
                    identity: finding.fingerprint, detector: finding.policyID, file: finding.location.file,
                    line: finding.location.line, reason: reasons[finding.fingerprint]))
        }
        self.init(key: key, entries: entries)
    }

    /// Marks the findings whose secret is in the baseline as suppressed, with the entry's reason.
    public func apply(to findings: inout [Finding], file: String) {
        var known: [String: Entry] = [:]
        for entry in entries { known[entry.identity] = entry }
        for index in findings.indices where findings[index].status == .open {
            guard let entry = known[findings[index].fingerprint] else { continue }
            findings[index].status = .suppressed
            findings[index].statusReason = "in the secrets baseline \(file)" + (entry.reason.map { ": " + $0 } ?? "")
        }
    }

    // MARK: JSON

    /// Reads a baseline written by `json()` (or by hand: JSON or YAML). Problems are diagnostics
    /// at their place; an entry with a problem is left out, the others are kept.
    public static func read(_ text: String, file: String) -> (baseline: SecretBaseline?, diagnostics: [Diagnostic]) {
        let loaded = YAMLLoader.load(text, file: file)
        var problems = loaded.errors.map(\.diagnostic)
        guard let document = loaded.documents.first else {
            if problems.isEmpty {
                problems.append(
                    Diagnostic(.error, "the secrets baseline is empty", at: Location(file: file, line: 1, column: 1)))
            }
            return (nil, problems)
        }
        func at(_ node: Node) -> Location { node.location(in: file) }
        guard document["schema"]?.string == schema else {
            problems.append(
                Diagnostic(
                    .error, "not a secrets baseline: \"schema\" must be \"\(schema)\"",
                    at: at(document["schema"] ?? document)))
            return (nil, problems)
        }
        guard let key = document["key"]?.string, key.hasPrefix("key:") else {
            problems.append(
                Diagnostic(
                    .error, "\"key\" must be the identity of the key (key:…)", at: at(document["key"] ?? document)))
            return (nil, problems)
        }
        var entries: [Entry] = []
        if case .sequence(let items)? = document["secrets"]?.content {
            for item in items {
                guard let identity = item["identity"]?.string, identity.hasPrefix("hmac:"),
                    let detector = item["detector"]?.string, let file = item["file"]?.string
                else {
                    problems.append(
                        Diagnostic(
                            .error, "a baseline entry needs \"identity\" (hmac:…), \"detector\" and \"file\"",
                            at: at(item)))
                    continue
                }
                var line = 1
                if case .int(let number)? = item["line"]?.content { line = Int(number) }
                entries.append(
                    Entry(
                        identity: identity, detector: detector, file: file, line: line, reason: item["reason"]?.string))
            }
        } else {
            problems.append(Diagnostic(.error, "\"secrets\" must be a list", at: at(document["secrets"] ?? document)))
        }
        return (SecretBaseline(key: key, entries: entries), problems)
    }

    /// The baseline as JSON, entries in the order of their file and line.
    public func json() -> String {
        let sorted = entries.sorted { ($0.file, $0.line, $0.identity) < ($1.file, $1.line, $1.identity) }
        var lines = ["{", "  \"schema\": \(Self.quoted(Self.schema)),", "  \"key\": \(Self.quoted(key)),"]
        if sorted.isEmpty {
            lines.append("  \"secrets\": []")
        } else {
            lines.append("  \"secrets\": [")
            for (position, entry) in sorted.enumerated() {
                var members = [
                    "\"identity\": \(Self.quoted(entry.identity))", "\"detector\": \(Self.quoted(entry.detector))",
                    "\"file\": \(Self.quoted(entry.file))", "\"line\": \(entry.line)",
                ]
                if let reason = entry.reason { members.append("\"reason\": \(Self.quoted(reason))") }
                lines.append("    {" + members.joined(separator: ", ") + "}" + (position < sorted.count - 1 ? "," : ""))
            }
            lines.append("  ]")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quoted(_ text: String) -> String {
        var output = ""
        JSONText.writeString(text, to: &output)
        return output
    }
}
