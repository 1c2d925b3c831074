import Dispatch
import PolicyModel
import Synchronization

/// Renders a report as JSON for machines, schema `palisade.report/v1`:
///
/// - `tool`: `name`, `version`;
/// - `summary`: `files`, `resources`, `policies`, `findings` (open ones), `suppressed`, `unknown`,
///   `excepted`, `by_severity` (open findings of every severity, most severe first), `errors`,
///   `warnings`, `duration_ms`;
/// - `findings`, every one whatever its status, in report order: `policy`, `title`, `severity`, `kind` (the input that read the
///   file), `file`, `line`, `column`, `end_line`, `resource`, `message`, `mode`, `status`
///   (`open`, `excepted`, `suppressed` or `unknown`), `status_reason`, `equivalents`, `frameworks`, `fingerprint`, `remediation`;
/// - `errors`: every diagnostic, with `file`, `line`, `column`, `level`, `message`.
///
/// Keys are written in that order and the output is indented by two spaces, so the same scan
/// always gives the same bytes (but for `duration_ms`). Unknown values are `null`.
public struct JSONReporter: Sendable {
    public static let schema = "palisade.report/v1"

    public var toolName: String
    public var toolVersion: String

    public init(toolName: String = "palisade", toolVersion: String) {
        self.toolName = toolName
        self.toolVersion = toolVersion
    }

    public func render(_ report: Report) -> String { String(decoding: renderUTF8(report), as: UTF8.self) }

    /// The report as UTF-8 bytes, for writing out without making a string of tens of megabytes.
    public func renderUTF8(_ report: Report) -> [UInt8] { Array(renderChunks(report).joined()) }

    /// The report as UTF-8 bytes in pieces that follow one another, made on every core: written
    /// out as they are, a report of tens of megabytes is never copied into one array.
    public func renderChunks(_ report: Report) -> [[UInt8]] {
        let counts = report.countsBySeverity
        let bySeverity = JSONValue.object(
            Severity.allCases.reversed().map { ($0.rawValue, .int(counts[$0] ?? 0)) })
        let document = JSONValue.object([
            ("schema", .string(Self.schema)),
            ("tool", .object([("name", .string(toolName)), ("version", .string(toolVersion))])),
            (
                "summary",
                .object([
                    ("files", .int(report.files)),
                    ("resources", .int(report.resources)),
                    ("policies", .int(report.policies)),
                    ("findings", .int(report.count(.open))),
                    ("suppressed", .int(report.count(.suppressed))),
                    ("excepted", .int(report.count(.excepted))),
                    ("unknown", .int(report.count(.unknown))),
                    ("by_severity", bySeverity),
                    ("errors", .int(report.errorCount)),
                    ("warnings", .int(report.warningCount)),
                    ("duration_ms", .int(report.durationMilliseconds)),
                ])
            ),
            // A NUL byte, which no JSON text holds unescaped, marks where the findings go.
            ("findings", .raw([0])),
            ("errors", .array(report.diagnostics.map(diagnostic))),
        ])
        var output: [UInt8] = []
        document.write(into: &output, indent: 0)
        output.append(UInt8(ascii: "\n"))
        let marker = output.firstIndex(of: 0) ?? output.endIndex
        return [Array(output[..<marker])] + findingsChunks(report, indent: 1)
            + [Array(output[min(marker + 1, output.endIndex)...])]
    }

    /// The findings array, written in chunks on every core (a large scan has tens of thousands of
    /// findings), in report order.
    private func findingsChunks(_ report: Report, indent: Int) -> [[UInt8]] {
        let findings = report.findings
        guard !findings.isEmpty else { return [Array("[]".utf8)] }
        // What a finding takes from its policy is the same in each of its findings: written once.
        var positions: [String: Int] = [:]
        var blocks: [PolicyBlock] = []
        for index in findings.indices where positions[findings[index].policyID] == nil {
            positions[findings[index].policyID] = blocks.count
            blocks.append(PolicyBlock(report.policyInfo[findings[index].policyID], indent: indent + 2))
        }
        let policyPositions = positions
        let policyBlocks = blocks
        let keys = FindingKeys(indent: indent + 1)
        let chunkSize = 256
        let chunkCount = (findings.count + chunkSize - 1) / chunkSize
        let chunks = Mutex([[UInt8]](repeating: [], count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(chunkSize * 1024)
            let range = chunk * chunkSize..<min(findings.count, (chunk + 1) * chunkSize)
            // Findings come sorted by file, and a file's often from one policy: the last answers
            // are kept rather than looked up again.
            var lastPolicy = (id: "", position: 0)
            var lastFile = (file: "", kind: String?.none)
            findings.withUnsafeBufferPointer { buffer in
                for index in range {
                    if buffer[index].policyID != lastPolicy.id || index == range.lowerBound {
                        lastPolicy = (buffer[index].policyID, policyPositions[buffer[index].policyID] ?? 0)
                    }
                    if buffer[index].location.file != lastFile.file || index == range.lowerBound {
                        lastFile = (buffer[index].location.file, report.fileKinds[buffer[index].location.file])
                    }
                    JSONValue.pad(&bytes, indent + 1)
                    Self.write(
                        buffer[index], policy: policyBlocks[lastPolicy.position], kind: lastFile.kind, keys: keys,
                        into: &bytes)
                    bytes += index == findings.count - 1 ? JSONValue.newline : JSONValue.commaNewline
                }
            }
            chunks.withLock { $0[chunk] = bytes }
        }
        var closing: [UInt8] = []
        JSONValue.pad(&closing, indent)
        closing.append(UInt8(ascii: "]"))
        return [Array("[\n".utf8)] + chunks.withLock { $0 } + [closing]
    }

    /// The text before each member of a finding — the comma ending the one before, the line
    /// break, the indentation, the key and the colon — made once for a report.
    private struct FindingKeys {
        let policy, title, severity, kind, file, line, column, endLine, resource, message, mode, status,
            statusReason, equivalents, frameworks, fingerprint, remediation: [UInt8]
        /// The closing line break, indentation and brace.
        let close: [UInt8]

        init(indent: Int) {
            let pad = [UInt8](repeating: UInt8(ascii: " "), count: 2 * indent + 2)
            func key(_ name: String, first: Bool = false) -> [UInt8] {
                (first ? Array("{\n".utf8) : Array(",\n".utf8)) + pad + Array("\"\(name)\": ".utf8)
            }
            policy = key("policy", first: true)
            title = key("title")
            severity = key("severity")
            kind = key("kind")
            file = key("file")
            line = key("line")
            column = key("column")
            endLine = key("end_line")
            resource = key("resource")
            message = key("message")
            mode = key("mode")
            status = key("status")
            statusReason = key("status_reason")
            equivalents = key("equivalents")
            frameworks = key("frameworks")
            fingerprint = key("fingerprint")
            remediation = key("remediation")
            close = Array("\n".utf8) + [UInt8](repeating: UInt8(ascii: " "), count: 2 * indent) + [UInt8(ascii: "}")]
        }
    }

    /// A finding's members that come from its policy, as JSON text at the indentation of a
    /// finding's members.
    private struct PolicyBlock {
        var title: String
        /// `equivalents` and `frameworks`, each as `"key": value` (no padding before, none after).
        var equivalents: [UInt8]
        var frameworks: [UInt8]
        var remediation: [UInt8]

        init(_ info: ReportPolicyInfo?, indent: Int) {
            title = info?.title ?? ""
            equivalents = []
            JSONValue.array((info?.equivalents ?? []).map(JSONValue.string)).write(into: &equivalents, indent: indent)
            frameworks = []
            JSONValue.object(
                (info?.frameworks ?? [:]).sorted { $0.key < $1.key }.map {
                    ($0.key, JSONValue.array($0.value.map(JSONValue.string)))
                }
            ).write(into: &frameworks, indent: indent)
            remediation = []
            (info?.remediation.map(JSONValue.string) ?? .null).write(into: &remediation, indent: indent)
        }
    }

    /// One finding as a JSON object, written straight into `output`: a report of tens of thousands
    /// of findings spends its time here, so no intermediate values are made.
    private static func write(
        _ finding: borrowing Finding, policy: borrowing PolicyBlock, kind: String?, keys: borrowing FindingKeys,
        into output: inout [UInt8]
    ) {
        output += keys.policy
        JSONText.writeString(finding.policyID, into: &output)
        output += keys.title
        JSONText.writeString(finding.title.isEmpty ? policy.title : finding.title, into: &output)
        output += keys.severity
        JSONText.writeString(finding.severity.rawValue, into: &output)
        output += keys.kind
        if let kind { JSONText.writeString(kind, into: &output) } else { output += JSONValue.nullText }
        output += keys.file
        JSONText.writeString(finding.location.file, into: &output)
        output += keys.line
        output += String(finding.location.line).utf8
        output += keys.column
        output += String(finding.location.column).utf8
        output += keys.endLine
        if let endLine = finding.location.endLine {
            output += String(endLine).utf8
        } else {
            output += JSONValue.nullText
        }
        output += keys.resource
        JSONText.writeString(finding.resource, into: &output)
        output += keys.message
        JSONText.writeString(finding.message, into: &output)
        output += keys.mode
        JSONText.writeString(finding.mode, into: &output)
        output += keys.status
        JSONText.writeString(finding.status.rawValue, into: &output)
        output += keys.statusReason
        if let reason = finding.statusReason {
            JSONText.writeString(reason, into: &output)
        } else {
            output += JSONValue.nullText
        }
        output += keys.equivalents
        output += policy.equivalents
        output += keys.frameworks
        output += policy.frameworks
        output += keys.fingerprint
        JSONText.writeString(finding.fingerprint, into: &output)
        output += keys.remediation
        output += policy.remediation
        output += keys.close
    }

    private func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("file", .string(diagnostic.location.file)),
            ("line", .int(diagnostic.location.line)),
            ("column", .int(diagnostic.location.column)),
            ("level", .string(diagnostic.level.rawValue)),
            ("message", .string(diagnostic.message)),
        ])
    }
}

/// Just enough JSON to write a report: objects keep their keys in the order given.
enum JSONValue {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    /// An array whose elements are made as they are written.
    case generated(count: Int, element: (Int) -> JSONValue)
    case object([(String, JSONValue)])
    /// JSON already written as UTF-8, with the indentation of where it goes.
    case raw([UInt8])

    /// Written as UTF-8 bytes: a large report is tens of megabytes, and appending bytes costs a
    /// fraction of appending strings.
    func write(into output: inout [UInt8], indent: Int) {
        switch self {
        case .null: output += Self.nullText
        case .bool(let value): output += value ? Self.trueText : Self.falseText
        case .int(let value): output += String(value).utf8
        case .string(let value): JSONText.writeString(value, into: &output)
        case .raw(let bytes): output += bytes
        case .array(let elements):
            JSONValue.generated(count: elements.count) { elements[$0] }.write(into: &output, indent: indent)
        case .generated(let count, let element):
            guard count > 0 else { return output += Self.emptyArray }
            output += Self.openArray
            for index in 0..<count {
                Self.pad(&output, indent + 1)
                element(index).write(into: &output, indent: indent + 1)
                output += index == count - 1 ? Self.newline : Self.commaNewline
            }
            Self.pad(&output, indent)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return output += Self.emptyObject }
            output += Self.openObject
            for (index, (key, value)) in members.enumerated() {
                Self.pad(&output, indent + 1)
                JSONText.writeString(key, into: &output)
                output += Self.colon
                value.write(into: &output, indent: indent + 1)
                output += index == members.count - 1 ? Self.newline : Self.commaNewline
            }
            Self.pad(&output, indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    static func pad(_ output: inout [UInt8], _ indent: Int) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    static let nullText = Array("null".utf8)
    private static let trueText = Array("true".utf8)
    private static let falseText = Array("false".utf8)
    static let emptyArray = Array("[]".utf8)
    static let emptyObject = Array("{}".utf8)
    static let openArray = Array("[\n".utf8)
    static let openObject = Array("{\n".utf8)
    static let newline = Array("\n".utf8)
    static let commaNewline = Array(",\n".utf8)
    static let colon = Array(": ".utf8)

    static func writeString(_ value: String, to output: inout String) {
        JSONText.writeString(value, to: &output)
    }
}
