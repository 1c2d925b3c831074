import PolicyModel

/// Renders a report as JUnit XML, for CI systems that show test results:
///
/// - one `<testsuite>` per policy that ran (every policy in `policyInfo` and every policy with a
///   finding), in policy id order, with `tests`, `failures` and `errors` counts;
/// - in it, one `<testcase>` per resource with findings of that policy (`classname` the policy id,
///   `name` the resource), in resource order, holding one `<failure>` whose `message` is the first
///   finding's message, whose `type` is the highest severity, and whose body has a
///   `file:line:column: message` line for each finding;
/// - when the scan had errors, a last `palisade.errors` suite with one
///   `<testcase name="FILE">` per error diagnostic holding an `<error>` (warnings are left out);
/// - around them, `<testsuites name="palisade" tests= failures= errors=>` with the totals.
///
/// Text and attribute values are escaped (`&`, `<`, `>`, `"`, `'`; line breaks and tabs in
/// attributes as character references), and characters XML 1.0 cannot hold (other control
/// characters, U+FFFE, U+FFFF) are written as `\u{1B}`. There is no time, so the same scan always
/// gives the same bytes.
public struct JUnitReporter: Sendable {
    /// The name of the suite that holds input and configuration errors.
    public static let errorSuite = "palisade.errors"

    public init() {}

    public func render(_ report: Report) -> String {
        // Findings are sorted by location; group them by policy, then resource.
        var byPolicy: [String: [String: [Finding]]] = [:]
        for finding in report.openFindings {
            byPolicy[finding.policyID, default: [:]][finding.resource, default: []].append(finding)
        }
        let policyIDs = Set(report.policyInfo.keys).union(byPolicy.keys).sorted()
        let errors = report.diagnostics.filter { $0.level == .error }

        var suites = ""
        var failures = 0
        for policyID in policyIDs {
            let resources = byPolicy[policyID] ?? [:]
            failures += resources.count
            let name = Self.attribute(policyID)
            let counts = "tests=\"\(resources.count)\" failures=\"\(resources.count)\" errors=\"0\""
            guard !resources.isEmpty else {
                suites += "  <testsuite name=\"\(name)\" \(counts)/>\n"
                continue
            }
            suites += "  <testsuite name=\"\(name)\" \(counts)>\n"
            for (resource, findings) in resources.sorted(by: { $0.key < $1.key }) {
                let severity = findings.map(\.severity).max()!
                let body = findings.map { "\($0.location): \($0.message)" }.joined(separator: "\n")
                suites += "    <testcase classname=\"\(name)\" name=\"\(Self.attribute(resource))\">\n"
                suites += "      <failure message=\"\(Self.attribute(findings[0].message))\" type=\"\(severity)\">"
                suites += Self.text(body) + "</failure>\n"
                suites += "    </testcase>\n"
            }
            suites += "  </testsuite>\n"
        }
        if !errors.isEmpty {
            suites += "  <testsuite name=\"\(Self.errorSuite)\" tests=\"\(errors.count)\" failures=\"0\" "
            suites += "errors=\"\(errors.count)\">\n"
            for error in errors {
                suites +=
                    "    <testcase classname=\"\(Self.errorSuite)\" name=\"\(Self.attribute(error.location.file))\">\n"
                suites += "      <error message=\"\(Self.attribute(error.message))\" type=\"error\">"
                suites += Self.text("\(error.location): \(error.message)") + "</error>\n"
                suites += "    </testcase>\n"
            }
            suites += "  </testsuite>\n"
        }
        let tests = failures + errors.count
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="palisade" tests="\(tests)" failures="\(failures)" errors="\(errors.count)">
            \(suites)</testsuites>

            """
    }

    /// `value` escaped for element content.
    static func text(_ value: String) -> String { escape(value, attribute: false) }

    /// `value` escaped for a double- or single-quoted attribute value.
    static func attribute(_ value: String) -> String { escape(value, attribute: true) }

    private static func escape(_ value: String, attribute: Bool) -> String {
        var result = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where attribute: result += "&quot;"
            case "'" where attribute: result += "&apos;"
            // Attribute value normalization would turn these into spaces.
            case "\n" where attribute: result += "&#10;"
            case "\r": result += "&#13;"
            case "\t" where attribute: result += "&#9;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || value == 0xFFFE || value == 0xFFFF {
                    result += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
