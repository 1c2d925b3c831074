import PolicyModel

/// Renders a report as GitHub Actions workflow commands, which GitHub shows as annotations on the
/// files of a pull request: one line per open finding (suppressed and excepted ones are left
/// out), in report order,
///
/// ```
/// ::error file=deploy.yaml,line=12,col=13,title=k8s-privileged-container::container app runs privileged
/// ```
///
/// `::error` for critical and high findings, `::warning` for medium, `::notice` for low and info.
/// Then one line per diagnostic, titled `palisade`: `::error` for input and configuration errors,
/// `::warning` and `::notice` for the others. There is no summary line.
///
/// Values are escaped as GitHub's runner expects: `%`, `\r` and `\n` as `%25`, `%0D` and `%0A`
/// everywhere, and `:` and `,` as `%3A` and `%2C` in the properties too. Other control characters
/// are written as `\u{1B}`, so a value from a scanned file cannot send escape sequences to the log.
public struct GitHubReporter: Sendable {
    public init() {}

    public func render(_ report: Report) -> String {
        var text = ""
        for finding in report.openFindings {
            let command: String
            switch finding.severity {
            case .critical, .high: command = "error"
            case .medium: command = "warning"
            case .low, .info: command = "notice"
            }
            text += Self.line(command, finding.location, title: finding.policyID, message: finding.message)
        }
        for diagnostic in report.diagnostics {
            text += Self.line(
                diagnostic.level.rawValue, diagnostic.location, title: "palisade", message: diagnostic.message)
        }
        return text
    }

    private static func line(_ command: String, _ location: Location, title: String, message: String) -> String {
        let properties = [
            "file=" + property(location.file), "line=\(location.line)", "col=\(location.column)",
            "title=" + property(title),
        ]
        return "::\(command) \(properties.joined(separator: ","))::\(self.message(message))\n"
    }

    /// `value` escaped for the message, after the second `::`.
    static func message(_ value: String) -> String { escape(value, property: false) }

    /// `value` escaped for a `key=value` property.
    static func property(_ value: String) -> String { escape(value, property: true) }

    private static func escape(_ value: String, property: Bool) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "%": result += "%25"
            case "\r": result += "%0D"
            case "\n": result += "%0A"
            case ":" where property: result += "%3A"
            case "," where property: result += "%2C"
            case "\t": result += "\t"
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) {
                    result += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
