import PolicyEngine
import PolicyModel
import Reporting

/// `palisade policy list` and `policy show`: the loaded policies for people and machines.
public enum PolicyListing {
    /// One line per policy: id, severity, mode, kinds and title, in columns.
    public static func table(_ policies: [Policy]) -> String {
        let rows = policies.map {
            [$0.id, $0.severity.rawValue, $0.mode.rawValue, $0.kinds.joined(separator: ","), $0.title]
        }
        let header = ["ID", "SEVERITY", "MODE", "KINDS", "TITLE"]
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated().dropLast() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        var text = line(header) + "\n"
        for row in rows { text += line(row) + "\n" }
        text += "\(policies.count) polic\(policies.count == 1 ? "y" : "ies")\n"
        return text
    }

    /// A JSON array of the policies: id, title, kinds, severity, mode, equivalents, frameworks,
    /// aliases, deprecated and file, in the order given.
    public static func json(_ policies: [Policy]) -> String {
        var output = "[\n"
        for (index, policy) in policies.enumerated() {
            output += "  {"
            var first = true
            func key(_ name: String) {
                output += first ? "\n    " : ",\n    "
                first = false
                JSONText.writeString(name, to: &output)
                output += ": "
            }
            func string(_ value: String) { JSONText.writeString(value, to: &output) }
            func strings(_ values: [String]) {
                output += "["
                for (position, value) in values.enumerated() {
                    if position > 0 { output += ", " }
                    string(value)
                }
                output += "]"
            }
            key("id")
            string(policy.id)
            key("title")
            string(policy.title)
            key("kinds")
            strings(policy.kinds)
            key("severity")
            string(policy.severity.rawValue)
            key("mode")
            string(policy.mode.rawValue)
            key("equivalents")
            strings(policy.equivalents)
            key("frameworks")
            output += "{"
            for (position, framework) in policy.frameworks.sorted(by: { $0.key < $1.key }).enumerated() {
                if position > 0 { output += ", " }
                string(framework.key)
                output += ": "
                strings(framework.value)
            }
            output += "}"
            key("aliases")
            strings(policy.aliases)
            key("deprecated")
            output += policy.deprecated ? "true" : "false"
            key("file")
            string(policy.file)
            output += "\n  }" + (index == policies.count - 1 ? "\n" : ",\n")
        }
        output += "]\n"
        return output
    }

    /// Everything a person needs to know about one policy, from its document.
    public static func details(_ policy: Policy) -> String {
        var text = "\(policy.id): \(policy.title)\n\n"
        func field(_ name: String, _ value: String) { text += name.padding(13) + value + "\n" }
        field("severity", policy.severity.rawValue)
        field("mode", policy.mode.rawValue)
        field("kinds", policy.kinds.joined(separator: ", "))
        if !policy.match.resources.isEmpty { field("resources", policy.match.resources.joined(separator: ", ")) }
        if !policy.match.namespaces.isEmpty { field("namespaces", policy.match.namespaces.joined(separator: ", ")) }
        for (framework, controls) in policy.frameworks.sorted(by: { $0.key < $1.key }) {
            field(framework, controls.joined(separator: ", "))
        }
        if !policy.equivalents.isEmpty { field("equivalents", policy.equivalents.joined(separator: ", ")) }
        if !policy.aliases.isEmpty { field("aliases", policy.aliases.joined(separator: ", ")) }
        if policy.deprecated { field("deprecated", "yes") }
        field("file", "\(policy.location)")
        if let description = policy.description { text += "\n" + wrap(description) }
        if !policy.variables.isEmpty {
            text += "\nvariables:\n"
            for variable in policy.variables { text += "  \(variable.name) = \(variable.expression.source)\n" }
        }
        if let each = policy.each { text += "\neach item of: \(each.source)\n" }
        text += "\nvalidations (true when the resource complies):\n"
        for validation in policy.validations { text += "  - \(validation.expression.source)\n" }
        if let remediation = policy.remediation { text += "\nremediation:\n" + wrap(remediation) }
        if !policy.references.isEmpty {
            text += "\nreferences:\n" + policy.references.map { "  \($0)\n" }.joined()
        }
        return text
    }

    /// Folded text, indented by two spaces.
    private static func wrap(_ paragraph: String) -> String {
        var lines: [String] = []
        var current = ""
        for word in paragraph.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if !current.isEmpty && current.count + word.count + 1 > 88 {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines.map { "  \($0)\n" }.joined()
    }
}

extension PolicyListing {
    /// The reference page for the policies of one input kind, in Markdown: a table of every
    /// policy, then a section per policy with what it checks, why, how to fix it, its frameworks
    /// and equivalents. Generated from the policy files (`palisade policy docs`), never edited by
    /// hand, so the page and the library cannot drift apart.
    public static func markdown(kind: String, _ policies: [Policy]) -> String {
        let selected = policies.filter { $0.kinds.contains(kind) }.sorted { $0.id < $1.id }
        var text = "# Built-in \(kind) policies\n\n"
        text += "Generated by `palisade policy docs` from `Sources/PolicyLibrary/Policies/`; do not edit.\n"
        text += "\(selected.count) polic\(selected.count == 1 ? "y" : "ies").\n\n"
        text += "| id | severity | mode | title | equivalents |\n|---|---|---|---|---|\n"
        for policy in selected {
            let equivalents = policy.equivalents.map { "`\($0)`" }.joined(separator: ", ")
            text +=
                "| [`\(policy.id)`](#\(policy.id)) | \(policy.severity) | \(policy.mode.rawValue) | "
                + "\(cell(policy.title)) | \(equivalents) |\n"
        }
        for policy in selected {
            text += "\n## \(policy.id)\n\n**\(policy.title)** — \(policy.severity), \(policy.mode.rawValue) by default"
            if !policy.match.resources.isEmpty {
                text += "; applies to \(policy.match.resources.joined(separator: ", "))"
            }
            text += ".\n\n"
            if let description = policy.description { text += paragraph(description) + "\n\n" }
            if let remediation = policy.remediation { text += "**Fix:** " + paragraph(remediation) + "\n\n" }
            if !policy.frameworks.isEmpty {
                let controls = policy.frameworks.sorted { $0.key < $1.key }.map {
                    "\($0.key) \($0.value.joined(separator: ", "))"
                }
                text += "**Frameworks:** " + controls.joined(separator: "; ") + "\n\n"
            }
            if !policy.equivalents.isEmpty {
                text += "**Equivalents:** " + policy.equivalents.map { "`\($0)`" }.joined(separator: ", ") + "\n\n"
            }
            if !policy.aliases.isEmpty { text += "**Former ids:** " + policy.aliases.joined(separator: ", ") + "\n\n" }
            if policy.deprecated { text += "**Deprecated:** kept so that existing ignores still resolve.\n\n" }
            if !policy.keywords.isEmpty {
                text +=
                    "**Keywords:** " + policy.keywords.map { "`\($0)`" }.joined(separator: ", ")
                    + " (a file that holds none of them is not evaluated)\n\n"
            }
            text += "Checks (each true when the resource complies):\n\n"
            if let each = policy.each { text += "- for each item of `\(each.source)`:\n" }
            // What the checks read per item, so that `size(variables.found) == 0` says something.
            for index in policy.itemVariableIndices {
                let variable = policy.variables[index]
                text += "  - with `variables.\(variable.name)` = `\(cell(variable.expression.source))`\n"
            }
            for validation in policy.validations {
                text += (policy.each == nil ? "- " : "  - ") + "`\(cell(validation.expression.source))`\n"
            }
            if !policy.references.isEmpty {
                text += "\nReferences: " + policy.references.map { "<\($0)>" }.joined(separator: ", ") + "\n"
            }
        }
        return text
    }

    /// One line of Markdown: folded whitespace.
    private static func paragraph(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    /// Text for a table cell or inline code: one line, pipes escaped.
    private static func cell(_ text: String) -> String {
        paragraph(text).replacingPipes()
    }
}

extension String {
    fileprivate func replacingPipes() -> String {
        var result = ""
        for character in self { result += character == "|" ? "\\|" : String(character) }
        return result
    }

    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
