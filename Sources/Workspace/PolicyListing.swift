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

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
