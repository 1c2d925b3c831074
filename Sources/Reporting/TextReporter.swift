import PolicyModel

/// Renders a report for people: findings and diagnostics grouped by file in the order of their
/// position, each as `path:line:column: severity: policy-id: message` followed by the source line
/// and a caret when the file's text is at hand, then one summary line.
///
/// ```
/// deploy.yaml:12:13: high: k8s-privileged-container: container app runs privileged
///             privileged: true
///             ^
///
/// 1 finding (1 high) in 1 file; 0 errors
/// ```
public struct TextReporter: Sendable {
    /// The text of a file, for the excerpts; `nil` leaves the excerpt out.
    public var source: @Sendable (String) -> String?

    public init(sources: [String: String] = [:]) {
        self.source = { sources[$0] }
    }

    public init(source: @escaping @Sendable (String) -> String?) {
        self.source = source
    }

    public func render(_ report: Report) -> String {
        enum Entry {
            case finding(Finding)
            case diagnostic(Diagnostic)

            var location: Location {
                switch self {
                case .finding(let finding): return finding.location
                case .diagnostic(let diagnostic): return diagnostic.location
                }
            }
        }
        var entries = report.findings.map(Entry.finding) + report.diagnostics.map(Entry.diagnostic)
        // Stable: findings keep their order, diagnostics follow findings at the same position.
        entries = entries.enumerated().sorted { left, right in
            let (l, r) = (left.element.location, right.element.location)
            if (l.file, l.line, l.column) != (r.file, r.line, r.column) { return l < r }
            return left.offset < right.offset
        }.map(\.element)

        var text = ""
        var currentFile: String?
        for entry in entries {
            let location = entry.location
            if let currentFile, currentFile != location.file { text += "\n" }
            currentFile = location.file
            switch entry {
            case .finding(let finding):
                text += "\(location): \(finding.severity): \(finding.policyID): \(Self.printable(finding.message))\n"
            case .diagnostic(let diagnostic):
                text += "\(location): \(diagnostic.level.rawValue): \(Self.printable(diagnostic.message))\n"
            }
            if let source = source(location.file),
                let excerpt = Diagnostic.excerpt(source, line: location.line, column: location.column)
            {
                text += excerpt + "\n"
            }
        }
        if !entries.isEmpty { text += "\n" }
        text += Self.summary(report) + "\n"
        return text
    }

    /// `N findings (x critical, y high, …) in M files; K errors`, with `, W warnings` when there
    /// are warnings.
    public static func summary(_ report: Report) -> String {
        let counts = report.countsBySeverity
        var text = plural(report.findings.count, "finding")
        let parts = Severity.allCases.reversed().compactMap { severity in
            counts[severity].map { "\($0) \(severity)" }
        }
        if !parts.isEmpty { text += " (" + parts.joined(separator: ", ") + ")" }
        text += " in " + plural(report.files, "file") + "; " + plural(report.errorCount, "error")
        if report.warningCount > 0 { text += ", " + plural(report.warningCount, "warning") }
        return text
    }

    /// `message` with control characters other than tab written as `\u{1B}`, so a value from a
    /// scanned file cannot send escape sequences to the terminal.
    static func printable(_ message: String) -> String {
        var result = ""
        for scalar in message.unicodeScalars {
            let value = scalar.value
            if (value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(value) {
                result += "\\u{" + String(value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
