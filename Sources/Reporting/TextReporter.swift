import PolicyModel

/// Renders a report for people: findings and diagnostics grouped by file in the order of their
/// position, each as `path:line:column: severity: policy-id: resource: message` followed by the
/// source line and a caret when the file's text is at hand, then one summary line.
///
/// ```
/// deploy.yaml:12:13: high: k8s-privileged-container: Deployment/shop/web: container app runs privileged
///             privileged: true
///             ^
///
/// 1 finding (1 high) in 1 file; 0 errors
/// ```
///
/// The resource tells apart findings on the same line: the instances of a Terraform `for_each`, or
/// the objects of one manifest. Findings that cannot be decided until apply are listed with
/// `severity (unknown)`; suppressed and excepted findings are not listed; the summary counts them.
/// With `quiet`, only open findings and errors are written, a line each, without excerpts or
/// summary — nothing at all for a clean scan. With `color`, severities, paths and carets are coloured with ANSI escapes (for a
/// terminal; values from scanned files are still stripped of their own control characters).
public struct TextReporter: Sendable {
    /// The text of a file, for the excerpts; `nil` leaves the excerpt out.
    public var source: @Sendable (String) -> String?
    public var color = false
    public var quiet = false

    public init(sources: [String: String] = [:], color: Bool = false, quiet: Bool = false) {
        self.source = { sources[$0] }
        self.color = color
        self.quiet = quiet
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
        let diagnostics = quiet ? report.diagnostics.filter { $0.level == .error } : report.diagnostics
        let listed = report.findings.filter { $0.status == .open || ($0.status == .unknown && !quiet) }
        var entries = listed.map(Entry.finding) + diagnostics.map(Entry.diagnostic)
        // Stable: findings keep their order, diagnostics follow findings at the same position.
        entries = entries.enumerated().sorted { left, right in
            let (l, r) = (left.element.location, right.element.location)
            if (l.file, l.line, l.column) != (r.file, r.line, r.column) { return l < r }
            return left.offset < right.offset
        }.map(\.element)

        // Each file's lines are indexed once, when its first entry is shown.
        var indexed: [String: SourceLines?] = [:]
        func lines(_ file: String) -> SourceLines? {
            if let known = indexed[file] { return known }
            let made = source(file).map(SourceLines.init)
            indexed[file] = made
            return made
        }
        var text = ""
        var currentFile: String?
        for entry in entries {
            let location = entry.location
            if let currentFile, currentFile != location.file { text += "\n" }
            currentFile = location.file
            let place = paint("\(location):", .bold)
            switch entry {
            case .finding(let finding):
                let label = finding.severity.rawValue + (finding.status == .unknown ? " (unknown)" : "")
                let severity = paint(label, finding.status == .unknown ? .dim : Self.style(finding.severity))
                // A resource that is a whole file (a workflow, a Dockerfile) is named by the path already.
                let resource =
                    finding.resource.isEmpty || finding.resource == finding.location.file
                    ? "" : Self.printable(finding.resource) + ": "
                text += "\(place) \(severity): \(finding.policyID): \(resource)\(Self.printable(finding.message))\n"
            case .diagnostic(let diagnostic):
                let level = paint(diagnostic.level.rawValue, diagnostic.level == .error ? .red : .dim)
                text += "\(place) \(level): \(Self.printable(diagnostic.message))\n"
            }
            if !quiet, let lines = lines(location.file),
                let excerpt = lines.excerpt(line: location.line, column: location.column)
            {
                if color, let newline = excerpt.lastIndex(of: "\n") {
                    text +=
                        excerpt[..<newline] + "\n" + paint(String(excerpt[excerpt.index(after: newline)...]), .green)
                } else {
                    text += excerpt
                }
                text += "\n"
            }
        }
        if quiet { return text }
        if !entries.isEmpty { text += "\n" }
        text += paint(Self.summary(report), .bold) + "\n"
        return text
    }

    /// ANSI styles used on a terminal.
    enum Style: String {
        case bold = "1"
        case red = "31"
        case boldRed = "1;31"
        case yellow = "33"
        case cyan = "36"
        case green = "32"
        case dim = "2"
    }

    static func style(_ severity: Severity) -> Style {
        switch severity {
        case .critical: return .boldRed
        case .high: return .red
        case .medium: return .yellow
        case .low: return .cyan
        case .info: return .dim
        }
    }

    private func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// `N findings (x critical, y high, …) in M files; K errors`, with `and S suppressed, E
    /// excepted, U unknown until apply` when there are such and `, W warnings` when there are warnings.
    public static func summary(_ report: Report) -> String {
        let counts = report.countsBySeverity
        var text = plural(report.count(.open), "finding")
        let parts = Severity.allCases.reversed().compactMap { severity in
            counts[severity].map { "\($0) \(severity)" }
        }
        if !parts.isEmpty { text += " (" + parts.joined(separator: ", ") + ")" }
        let waived = [
            (report.count(.suppressed), "suppressed"), (report.count(.excepted), "excepted"),
            (report.count(.unknown), "unknown until apply"),
        ]
        .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
        if !waived.isEmpty { text += " and " + waived.joined(separator: ", ") }
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
