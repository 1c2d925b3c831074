/// One policy's verdict that one value of one resource does not comply: what was checked, how much
/// it matters, and where the offending value is written.
public struct Finding: Sendable, Hashable, Codable {
    /// Whether a finding still counts: only `open` findings fail a scan or an admission request.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Nothing waives it.
        case open
        /// A governed exception (owner, approver, expiry) covers it.
        case excepted
        /// An inline `palisade:ignore` comment in the scanned file waives it.
        case suppressed
        /// The validation depends on a value known only when the configuration is applied (a
        /// computed attribute, a data source, an unset variable): neither a pass nor a failure.
        /// Reported, but gates the scan only when the user asks for unknowns to fail.
        case unknown
    }

    public var policyID: String
    public var title: String
    public var severity: Severity
    /// What the finding does: `enforce`, `warn` or `audit` (the policy's default mode).
    public var mode: String
    public var message: String
    /// The file, line and column of the offending value.
    public var location: Location
    /// The identity of the resource (`Deployment/default/web`).
    public var resource: String
    /// The logical path of the offending value inside the resource
    /// (`spec.template.spec.containers[1].securityContext.privileged`); empty for the resource itself.
    public var path: String
    /// Stays the same while the resource's lines move: see `fingerprint(policyID:file:resource:path:)`.
    public var fingerprint: String
    /// `open` unless an exception or an inline ignore waives the finding, or it is `unknown`.
    public var status: Status = .open
    /// Why it is waived: the ignore comment's reason or the exception's id; `nil` when open.
    public var statusReason: String?

    public init(
        policyID: String, title: String, severity: Severity, mode: String, message: String, location: Location,
        resource: String, path: String
    ) {
        self.policyID = policyID
        self.title = title
        self.severity = severity
        self.mode = mode
        self.message = message
        self.location = location
        self.resource = resource
        self.path = path
        self.fingerprint = Self.fingerprint(policyID: policyID, file: location.file, resource: resource, path: path)
    }

    /// FNV-1a (64 bits) over the UTF-8 of the policy id, file, resource identity and path, each
    /// followed by a zero byte, as sixteen lower-case hex digits. Line numbers are left out on
    /// purpose, so inserting lines above a finding keeps its fingerprint. FNV is not a
    /// cryptographic hash: it identifies findings, it does not protect them; a keyed or
    /// cryptographic hash can replace it when fingerprints must resist forgery.
    public static func fingerprint(policyID: String, file: String, resource: String, path: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // Each part's bytes in place, then a zero byte between parts (every finding computes this).
        func add(_ part: String) {
            var part = part
            part.withUTF8 { bytes in
                for byte in bytes {
                    hash ^= UInt64(byte)
                    hash = hash &* 0x0000_0100_0000_01b3
                }
            }
            hash = hash &* 0x0000_0100_0000_01b3
        }
        add(policyID)
        add(file)
        add(resource)
        add(path)
        // Sixteen lower-case hex digits.
        var text = [UInt8](repeating: 0, count: 16)
        for index in 0..<16 { text[index] = hexDigits[Int((hash >> UInt64(60 - 4 * index)) & 0xF)] }
        return String(decoding: text, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

extension Finding: Comparable {
    /// Ordered by file, line, column, then policy id: the order findings are reported in.
    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        let left = lhs.location
        let right = rhs.location
        if (left.file, left.line, left.column) != (right.file, right.line, right.column) { return left < right }
        if lhs.policyID != rhs.policyID { return lhs.policyID < rhs.policyID }
        return (lhs.path, lhs.message) < (rhs.path, rhs.message)
    }
}
