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
            ("findings", .text(findingsText(report, indent: 1))),
            ("errors", .array(report.diagnostics.map(diagnostic))),
        ])
        var output = ""
        document.write(to: &output, indent: 0)
        output += "\n"
        return output
    }

    /// The findings array, written in chunks on every core (a large scan has tens of thousands of
    /// findings) and joined in report order. No chunk holds more than its findings as JSON values.
    private func findingsText(_ report: Report, indent: Int) -> String {
        let findings = report.findings
        guard !findings.isEmpty else { return "[]" }
        let chunkSize = 256
        let chunkCount = (findings.count + chunkSize - 1) / chunkSize
        let pad = String(repeating: "  ", count: indent + 1)
        let chunks = Mutex([String](repeating: "", count: chunkCount))
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            var text = ""
            let range = chunk * chunkSize..<min(findings.count, (chunk + 1) * chunkSize)
            for index in range {
                text += pad
                self.finding(report, findings[index]).write(to: &text, indent: indent + 1)
                text += index == findings.count - 1 ? "\n" : ",\n"
            }
            chunks.withLock { $0[chunk] = text }
        }
        var output = "[\n"
        chunks.withLock { parts in
            output.reserveCapacity(parts.reduce(output.utf8.count + pad.utf8.count + 2) { $0 + $1.utf8.count })
            for part in parts { output += part }
        }
        output += String(repeating: "  ", count: indent) + "]"
        return output
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
    /// JSON text already written, with the indentation of where it goes.
    case text(String)

    func write(to output: inout String, indent: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .string(let value): Self.writeString(value, to: &output)
        case .text(let text): output += text
        case .array(let elements):
            JSONValue.generated(count: elements.count) { elements[$0] }.write(to: &output, indent: indent)
        case .generated(let count, let element):
            guard count > 0 else { return output += "[]" }
            output += "[\n"
            for index in 0..<count {
                output += String(repeating: "  ", count: indent + 1)
                element(index).write(to: &output, indent: indent + 1)
                output += index == count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { return output += "{}" }
            output += "{\n"
            for (index, (key, value)) in members.enumerated() {
                output += String(repeating: "  ", count: indent + 1)
                Self.writeString(key, to: &output)
                output += ": "
                value.write(to: &output, indent: indent + 1)
                output += index == members.count - 1 ? "\n" : ",\n"
            }
            output += String(repeating: "  ", count: indent) + "}"
        }
    }

    static func writeString(_ value: String, to output: inout String) {
        JSONText.writeString(value, to: &output)
    }
}
