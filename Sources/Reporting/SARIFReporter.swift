import PolicyModel

/// Renders a report as a SARIF 2.1.0 log, the format GitHub code scanning and most security
/// dashboards read. The log holds one run:
///
/// - `tool.driver`: `name`, `version`, `informationUri` when one is given, and `rules`: one
///   reporting descriptor per policy the report knows (every policy in `policyInfo` and every
///   policy with a result), sorted by id, each with `id`, `name` (the id in UpperCamelCase),
///   `shortDescription` (the title), `fullDescription` (the description, else the title), `help`
///   (remediation and references, as text and Markdown), `helpUri` (the first http(s) reference),
///   `defaultConfiguration.level`, and `properties`: `security-severity`, `tags` (`security`
///   and the policy's frameworks), `precision`, and `frameworks` and `equivalents` when known;
/// - `invocations[0]`: `executionSuccessful` (false when the report has an error diagnostic) and
///   `toolExecutionNotifications`, one per diagnostic with its level and location;
/// - `originalUriBaseIds`: `%SRCROOT%`, the folder the paths are relative to;
/// - `results`, in report order: `ruleId`, `ruleIndex`, `level`, `message.text`, one location
///   (the file relative to `%SRCROOT%`, the region, and the resource as a logical location),
///   `partialFingerprints["palisade/v1"]` (the finding's fingerprint, which ignores line
///   numbers), and `properties` `mode`, `resource` and, when known, `path`;
/// - `columnKind` `unicodeCodePoints`, since columns count Unicode scalars.
///
/// Levels: critical and high findings are `error`, medium ones `warning`, low and info ones `note`.
/// `security-severity` places each severity inside GitHub's bands (critical above 9, high 7 to
/// 8.9, medium 4 to 6.9, low below 4): critical 9.5, high 8.0, medium 5.5, low 3.0, info 0.0.
///
/// Suppressed and excepted findings (status other than `open`) are left out unless `includeSuppressed` is set; then
/// they are written with a `suppressions` entry. They are left out by default because GitHub code
/// scanning does not read `suppressions` and would open an alert for each of them.
///
/// A region ends where the location's end is, when that end lies after its start; `endColumn` is
/// the column after the last character, as in SARIF. Keys are written in a fixed order and the
/// output is indented by two spaces, as in the JSON report, so the same scan always gives the same
/// bytes.
public struct SARIFReporter: Sendable {
    /// The SARIF version written.
    public static let version = "2.1.0"
    /// The OASIS schema of SARIF 2.1.0 with its first errata, written as `$schema`.
    public static let schemaURI =
        "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The base id that every relative path is resolved against.
    public static let sourceRootID = "%SRCROOT%"
    /// The key of the finding's fingerprint in `partialFingerprints`.
    public static let fingerprintKey = "palisade/v1"

    public var toolName: String
    public var toolVersion: String
    /// An absolute URI about the tool, written as `informationUri`; left out when nil.
    public var informationURI: String?
    /// The absolute path of the folder the report's relative paths start from (the folder the
    /// scan ran in). It becomes `%SRCROOT%`'s URI, and absolute paths under it are made relative.
    /// When nil, `%SRCROOT%` is described but has no URI.
    public var sourceRoot: String?
    /// Whether to write suppressed and excepted findings too, marked with `suppressions`.
    public var includeSuppressed: Bool

    public init(
        toolName: String = "palisade", toolVersion: String, informationURI: String? = nil, sourceRoot: String? = nil,
        includeSuppressed: Bool = false
    ) {
        self.toolName = toolName
        self.toolVersion = toolVersion
        self.informationURI = informationURI
        self.sourceRoot = sourceRoot
        self.includeSuppressed = includeSuppressed
    }

    public func render(_ report: Report) -> String { String(decoding: renderUTF8(report), as: UTF8.self) }

    /// The log as UTF-8 bytes, for writing out without making a string of tens of megabytes.
    public func renderUTF8(_ report: Report) -> [UInt8] {
        let entries = resultEntries(report)
        let ruleIDs = Set(report.policyInfo.keys).union(entries.map(\.finding.policyID)).sorted()
        var ruleIndex: [String: Int] = [:]
        for (index, id) in ruleIDs.enumerated() { ruleIndex[id] = index }
        let rules = ruleIDs.map { id in
            rule(id, info: report.policyInfo[id], example: entries.first { $0.finding.policyID == id }?.finding)
        }

        var driver: [(String, JSONValue)] = [("name", .string(toolName)), ("version", .string(toolVersion))]
        if let informationURI { driver.append(("informationUri", .string(informationURI))) }
        driver.append(("rules", .array(rules)))

        let run = JSONValue.object([
            ("tool", .object([("driver", .object(driver))])),
            (
                "invocations",
                .array([
                    .object([
                        ("executionSuccessful", .bool(report.errorCount == 0)),
                        ("toolExecutionNotifications", .array(report.diagnostics.map(notification))),
                    ])
                ])
            ),
            ("originalUriBaseIds", .object([(Self.sourceRootID, sourceRootLocation)])),
            ("results", .array(entries.map { result($0, ruleIndex: ruleIndex[$0.finding.policyID] ?? -1) })),
            ("columnKind", .string("unicodeCodePoints")),
        ])
        let log = JSONValue.object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string(Self.version)),
            ("runs", .array([run])),
        ])
        var output: [UInt8] = []
        log.write(into: &output, indent: 0)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    // MARK: - Results

    /// A finding to write, and what set it aside if anything did.
    private struct Entry {
        var finding: Finding
    }

    /// The open findings, and the suppressed and excepted ones when asked for, in finding order.
    private func resultEntries(_ report: Report) -> [Entry] {
        report.findings.filter { includeSuppressed || $0.status == .open }.map { Entry(finding: $0) }
    }

    private func result(_ entry: Entry, ruleIndex: Int) -> JSONValue {
        let finding = entry.finding
        var location: [(String, JSONValue)] = []
        if let physical = physicalLocation(finding.location) { location.append(("physicalLocation", physical)) }
        location.append(
            (
                "logicalLocations",
                .array([.object([("fullyQualifiedName", .string(finding.resource)), ("kind", .string("resource"))])])
            ))
        var properties: [(String, JSONValue)] = [
            ("mode", .string(finding.mode)), ("resource", .string(finding.resource)),
        ]
        if !finding.path.isEmpty { properties.append(("path", .string(finding.path))) }

        var members: [(String, JSONValue)] = [
            ("ruleId", .string(finding.policyID)),
            ("ruleIndex", .int(ruleIndex)),
            ("level", .string(Self.level(finding.severity))),
            ("message", message(finding.message.isEmpty ? finding.title : finding.message)),
            ("locations", .array([.object(location)])),
            ("partialFingerprints", .object([(Self.fingerprintKey, .string(finding.fingerprint))])),
        ]
        if finding.status == .unknown {
            // Neither a pass nor a failure: a reviewer must judge it.
            members.append(("kind", .string("review")))
        } else if finding.status != .open {
            let kind = finding.status == .suppressed ? "inSource" : "external"
            members.append(
                (
                    "suppressions",
                    .array([
                        .object([
                            ("kind", .string(kind)), ("status", .string("accepted")),
                            ("justification", .string(finding.statusReason ?? "")),
                        ])
                    ])
                ))
        }
        members.append(("properties", .object(properties)))
        return .object(members)
    }

    private func notification(_ diagnostic: Diagnostic) -> JSONValue {
        let level: String
        switch diagnostic.level {
        case .error: level = "error"
        case .warning: level = "warning"
        case .notice: level = "note"
        }
        var members: [(String, JSONValue)] = [("level", .string(level)), ("message", message(diagnostic.message))]
        if let physical = physicalLocation(diagnostic.location) {
            members.append(("locations", .array([.object([("physicalLocation", physical)])])))
        }
        return .object(members)
    }

    // MARK: - Rules

    private func rule(_ id: String, info: ReportPolicyInfo?, example: Finding?) -> JSONValue {
        let title = Self.nonEmpty(info?.title) ?? Self.nonEmpty(example?.title) ?? id
        let severity = info?.severity ?? example?.severity
        var members: [(String, JSONValue)] = [
            ("id", .string(id)),
            ("name", .string(Self.ruleName(id))),
            ("shortDescription", message(title)),
            ("fullDescription", message(Self.nonEmpty(info?.description) ?? title)),
        ]
        let references = (info?.references ?? []).filter { !$0.isEmpty }
        if let help = help(remediation: Self.nonEmpty(info?.remediation), references: references) {
            members.append(("help", help))
        }
        if let helpURI = references.first(where: Self.isWebURI) { members.append(("helpUri", .string(helpURI))) }
        if let severity {
            members.append(("defaultConfiguration", .object([("level", .string(Self.level(severity)))])))
        }

        let frameworks = (info?.frameworks ?? [:]).sorted { $0.key < $1.key }
        var tags = ["security"]
        for (framework, _) in frameworks where !tags.contains(framework) { tags.append(framework) }
        var properties: [(String, JSONValue)] = []
        if let severity { properties.append(("security-severity", .string(Self.securitySeverity(severity)))) }
        properties.append(("tags", .array(tags.map(JSONValue.string))))
        properties.append(("precision", .string("very-high")))
        if !frameworks.isEmpty {
            properties.append(
                ("frameworks", .object(frameworks.map { ($0.key, .array($0.value.map(JSONValue.string))) })))
        }
        if let equivalents = info?.equivalents, !equivalents.isEmpty {
            properties.append(("equivalents", .array(equivalents.map(JSONValue.string))))
        }
        members.append(("properties", .object(properties)))
        return .object(members)
    }

    /// The remediation and the references, as plain text and as Markdown; nil when there are neither.
    private func help(remediation: String?, references: [String]) -> JSONValue? {
        guard remediation != nil || !references.isEmpty else { return nil }
        var text: [String] = []
        var markdown: [String] = []
        if let remediation {
            text.append(remediation)
            markdown.append(Self.markdownEscaped(remediation))
        }
        if !references.isEmpty {
            text.append("References:\n" + references.map { "- " + $0 }.joined(separator: "\n"))
            markdown.append(
                "**References**\n\n" + references.map { "- " + Self.markdownLink($0) }.joined(separator: "\n"))
        }
        return .object([
            ("text", .string(text.joined(separator: "\n\n"))),
            ("markdown", .string(markdown.joined(separator: "\n\n"))),
        ])
    }

    // MARK: - Locations

    /// `%SRCROOT%`: the source root as a `file` URI ending in a slash, or only a description.
    private var sourceRootLocation: JSONValue {
        guard let root = sourceRoot.map(Self.trimmingTrailingSlashes), root.hasPrefix("/") else {
            return .object([
                ("description", message("The folder the scan ran in; result paths are relative to it."))
            ])
        }
        return .object([("uri", .string("file://" + Self.percentEncoded(root == "/" ? "/" : root + "/")))])
    }

    private func physicalLocation(_ location: Location) -> JSONValue? {
        guard let artifact = artifactLocation(location.file) else { return nil }
        var members: [(String, JSONValue)] = [("artifactLocation", artifact)]
        if let region = Self.region(location) { members.append(("region", region)) }
        return .object(members)
    }

    /// A relative path as a URI reference against `%SRCROOT%`; an absolute path under the source
    /// root likewise, any other absolute path as a `file` URI.
    private func artifactLocation(_ file: String) -> JSONValue? {
        var path = Substring(file)
        while path.hasPrefix("./") { path = path.dropFirst(2).drop { $0 == "/" } }
        guard !path.isEmpty else { return nil }
        if path.hasPrefix("/") {
            if let root = sourceRoot.map(Self.trimmingTrailingSlashes), root.hasPrefix("/"),
                path.hasPrefix(root == "/" ? "/" : root + "/")
            {
                path = path.dropFirst(root == "/" ? 1 : root.count + 1)
            } else {
                return .object([("uri", .string("file://" + Self.percentEncoded(String(path))))])
            }
        }
        return .object([
            ("uri", .string(Self.percentEncoded(String(path)))), ("uriBaseId", .string(Self.sourceRootID)),
        ])
    }

    /// The start, and the end when it lies after the start; nil without a line.
    private static func region(_ location: Location) -> JSONValue? {
        guard location.line >= 1 else { return nil }
        var members: [(String, JSONValue)] = [("startLine", .int(location.line))]
        guard location.column >= 1 else { return .object(members) }
        members.append(("startColumn", .int(location.column)))
        let endLine = location.endLine ?? location.line
        if let endColumn = location.endColumn, endColumn >= 1,
            endLine > location.line || (endLine == location.line && endColumn > location.column)
        {
            members.append(("endLine", .int(endLine)))
            members.append(("endColumn", .int(endColumn)))
        } else if endLine > location.line {
            members.append(("endLine", .int(endLine)))
        }
        return .object(members)
    }

    // MARK: - Values

    private func message(_ text: String) -> JSONValue { .object([("text", .string(text))]) }

    /// SARIF's level for a severity.
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .info: return "note"
        }
    }

    /// GitHub's `security-severity`: a number inside the band GitHub gives the severity.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "3.0"
        case .info: return "0.0"
        }
    }

    /// `k8s-privileged-container` → `K8sPrivilegedContainer`: each run of letters and digits with
    /// its first letter upper-cased.
    static func ruleName(_ id: String) -> String {
        var name = ""
        var startOfWord = true
        for character in id {
            guard character.isLetter || character.isNumber else {
                startOfWord = true
                continue
            }
            name += startOfWord ? character.uppercased() : String(character)
            startOfWord = false
        }
        return name.isEmpty ? id : name
    }

    /// `path` with every byte outside RFC 3986's unreserved characters, sub-delimiters, `@` and `/`
    /// percent-encoded. `:` is encoded too, so a relative path never reads as a scheme.
    static func percentEncoded(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case _ where "-._~!$&'()*+,;=@/".utf8.contains(byte):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }

    /// Plain text made safe to place in Markdown: punctuation that Markdown or HTML would act on
    /// is escaped with a backslash.
    static func markdownEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>#|~&".contains(character) { result += "\\" }
            result.append(character)
        }
        return result
    }

    /// A reference as a Markdown autolink when it is a web URI, else as escaped text.
    private static func markdownLink(_ reference: String) -> String {
        isWebURI(reference) ? "<" + reference + ">" : markdownEscaped(reference)
    }

    /// Whether `text` is an `http` or `https` URI made only of the ASCII characters a URI may
    /// hold (no spaces, quotes, angle brackets, braces, backslashes or control characters).
    private static func isWebURI(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("https://") || lowered.hasPrefix("http://") else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.value > 0x20 && $0.value < 0x7F && !"\"<>\\^`{|}".unicodeScalars.contains($0)
        }
    }

    /// `text` without its leading and trailing white space; nil when nothing else is left.
    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return nil }
        return String(text[first...last])
    }

    private static func trimmingTrailingSlashes(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }
}
