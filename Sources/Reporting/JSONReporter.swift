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

    public func render(_ report: Report) -> String {
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
            ("findings", .raw(findingsText(report, indent: 1))),
            ("errors", .array(report.diagnostics.map(diagnostic))),
        ])
        var output: [UInt8] = []
        document.write(into: &output, indent: 0)
        output.append(UInt8(ascii: "\n"))
        return String(decoding: output, as: UTF8.self)
    }

    /// The findings array, written in chunks on every core (a large scan has tens of thousands of
    /// findings) and joined in report order. No chunk holds more than its findings as JSON values.
    private func findingsText(_ report: Report, indent: Int) -> [UInt8] {
        let findings = report.findings
        guard !findings.isEmpty else { return Array("[]".utf8) }
        let chunkSize = 256
        let chunkCount = (findings.count + chunkSize - 1) / chunkSize
        let pad = String(repeating: "  ", count: indent + 1)
        let chunks = Mutex([[UInt8]](repeating: [], count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(chunkSize * 1024)
            let range = chunk * chunkSize..<min(findings.count, (chunk + 1) * chunkSize)
            for index in range {
                bytes += pad.utf8
                self.finding(report, findings[index]).write(into: &bytes, indent: indent + 1)
                bytes += (index == findings.count - 1 ? "\n" : ",\n").utf8
            }
            chunks.withLock { $0[chunk] = bytes }
        }
        var bytes = Array("[\n".utf8)
        chunks.withLock { parts in
            bytes.reserveCapacity(parts.reduce(bytes.count + pad.utf8.count + 2) { $0 + $1.count })
            for part in parts { bytes += part }
        }
        bytes += String(repeating: "  ", count: indent).utf8
        bytes.append(UInt8(ascii: "]"))
        return bytes
    }

    private func finding(_ report: Report, _ finding: Finding) -> JSONValue {
        let info = report.policyInfo[finding.policyID]
        let frameworks = (info?.frameworks ?? [:]).sorted { $0.key < $1.key }.map {
            ($0.key, JSONValue.array($0.value.map(JSONValue.string)))
        }
        return .object([
            ("policy", .string(finding.policyID)),
            ("title", .string(finding.title.isEmpty ? info?.title ?? "" : finding.title)),
            ("severity", .string(finding.severity.rawValue)),
            ("kind", report.fileKinds[finding.location.file].map(JSONValue.string) ?? .null),
            ("file", .string(finding.location.file)),
            ("line", .int(finding.location.line)),
            ("column", .int(finding.location.column)),
            ("end_line", finding.location.endLine.map(JSONValue.int) ?? .null),
            ("resource", .string(finding.resource)),
            ("message", .string(finding.message)),
            ("mode", .string(finding.mode)),
            ("status", .string(finding.status.rawValue)),
            ("status_reason", finding.statusReason.map(JSONValue.string) ?? .null),
            ("equivalents", .array((info?.equivalents ?? []).map(JSONValue.string))),
            ("frameworks", .object(frameworks)),
            ("fingerprint", .string(finding.fingerprint)),
            ("remediation", info?.remediation.map(JSONValue.string) ?? .null),
        ])
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

    private static func pad(_ output: inout [UInt8], _ indent: Int) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    private static let nullText = Array("null".utf8)
    private static let trueText = Array("true".utf8)
    private static let falseText = Array("false".utf8)
    private static let emptyArray = Array("[]".utf8)
    private static let emptyObject = Array("{}".utf8)
    private static let openArray = Array("[\n".utf8)
    private static let openObject = Array("{\n".utf8)
    private static let newline = Array("\n".utf8)
    private static let commaNewline = Array(",\n".utf8)
    private static let colon = Array(": ".utf8)

    static func writeString(_ value: String, to output: inout String) {
        JSONText.writeString(value, to: &output)
    }
}
