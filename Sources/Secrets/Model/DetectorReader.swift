import LinearRegex
import PolicyModel
import YAMLSupport

/// Reads detector documents (the format `Detector` describes). Every problem is a diagnostic at
/// the file, line and column of the value at fault; a detector with a problem is left out and the
/// others in the file are still read.
public enum DetectorReader {
    static let knownKeys: Set<String> = [
        "id", "title", "provider", "severity", "description", "remediation", "pattern", "keywords", "entropy",
        "check", "allow", "allow-line", "preceded-by", "shown", "equivalents",
    ]

    public static func read(_ text: String, file: String) -> (detectors: [Detector], diagnostics: [Diagnostic]) {
        let loaded = YAMLLoader.load(text, file: file)
        var detectors: [Detector] = []
        var diagnostics = loaded.errors.map(\.diagnostic)
        for document in loaded.documents {
            var problems: [Diagnostic] = []
            if let detector = detector(document, file: file, problems: &problems) { detectors.append(detector) }
            diagnostics += problems
        }
        return (detectors, diagnostics)
    }

    private static func detector(_ node: Node, file: String, problems: inout [Diagnostic]) -> Detector? {
        func at(_ node: Node) -> Location { node.location(in: file) }
        guard case .mapping(let entries) = node.content else {
            problems.append(Diagnostic(.error, "a detector is a mapping", at: at(node)))
            return nil
        }
        for entry in entries {
            if let key = entry.key.string, !knownKeys.contains(key) {
                problems.append(
                    Diagnostic(
                        .error, "unknown key \"\(key)\"; a detector has \(knownKeys.sorted().joined(separator: ", "))",
                        at: at(entry.key)))
            }
        }
        func text(_ key: String, required: Bool = true) -> String? {
            guard let value = node[key] else {
                if required { problems.append(Diagnostic(.error, "\"\(key)\" is missing", at: at(node))) }
                return nil
            }
            guard let string = value.string, !string.isEmpty else {
                problems.append(Diagnostic(.error, "\"\(key)\" must be a non-empty string", at: at(value)))
                return nil
            }
            return string
        }
        func strings(_ key: String) -> [String] {
            guard let value = node[key] else { return [] }
            guard case .sequence(let items) = value.content else {
                problems.append(Diagnostic(.error, "\"\(key)\" must be a list of strings", at: at(value)))
                return []
            }
            return items.compactMap { item in
                guard let string = item.string, !string.isEmpty else {
                    problems.append(Diagnostic(.error, "\"\(key)\" must hold non-empty strings", at: at(item)))
                    return nil
                }
                return string
            }
        }
        let before = problems.count
        let id = text("id")
        if let id, !id.hasPrefix("secret-") {
            problems.append(Diagnostic(.error, "a detector id starts with \"secret-\"", at: at(node["id"] ?? node)))
        }
        let title = text("title")
        let provider = text("provider")
        let severityText = text("severity")
        let severity = severityText.flatMap(Severity.init(rawValue:))
        if let severityText, severity == nil {
            problems.append(
                Diagnostic(
                    .error, "severity \"\(severityText)\" is not one of info, low, medium, high, critical",
                    at: at(node["severity"] ?? node)))
        }
        let pattern = text("pattern")
        let keywords = strings("keywords")
        var entropy: EntropyFloor?
        if let value = node["entropy"] {
            func bits(_ node: Node) -> Double? {
                switch node.content {
                case .double(let number) where number >= 0 && number <= 8: return number
                case .int(let number) where number >= 0 && number <= 8: return Double(number)
                default:
                    problems.append(
                        Diagnostic(.error, "entropy must be a number of bits per character, 0 to 8", at: at(node)))
                    return nil
                }
            }
            if case .mapping(let entries) = value.content {
                var floors: [EntropyFloor.CharacterClass: Double] = [:]
                for entry in entries {
                    guard let name = entry.key.string, let characterClass = EntropyFloor.CharacterClass(rawValue: name)
                    else {
                        let classes = EntropyFloor.CharacterClass.allCases.map(\.rawValue).joined(separator: ", ")
                        problems.append(
                            Diagnostic(
                                .error,
                                "\"\(entry.key.string ?? "")\" is not a character class; the classes are \(classes)",
                                at: at(entry.key)))
                        continue
                    }
                    floors[characterClass] = bits(entry.value)
                }
                entropy = EntropyFloor(floors: floors)
            } else if let number = bits(value) {
                entropy = EntropyFloor(number)
            }
        }
        var check: StructureCheck?
        if let name = text("check", required: false) {
            check = StructureCheck(rawValue: name)
            if check == nil {
                problems.append(
                    Diagnostic(
                        .error,
                        "unknown check \"\(name)\"; the checks are "
                            + StructureCheck.allCases.map(\.rawValue).joined(separator: ", "),
                        at: at(node["check"] ?? node)))
            }
        }
        let allow = strings("allow")
        let allowLine = strings("allow-line")
        var shown = 0
        if let value = node["shown"] {
            if case .int(let number) = value.content, number >= 0, number <= 64 {
                shown = Int(number)
            } else {
                problems.append(
                    Diagnostic(.error, "\"shown\" must be a number of characters, 0 to 64", at: at(value)))
            }
        }
        let equivalents = strings("equivalents")
        guard problems.count == before, let id, let title, let provider, let severity, let pattern else { return nil }
        do throws(RegexSyntaxError) {
            let detector = try Detector(
                id: id, title: title, provider: provider, severity: severity,
                description: text("description", required: false) ?? "",
                remediation: text("remediation", required: false) ?? "", pattern: pattern, keywords: keywords,
                entropy: entropy, check: check, allow: allow, allowLine: allowLine,
                precededBy: text("preceded-by", required: false), shown: shown, equivalents: equivalents,
                location: at(node))
            return detector
        } catch {
            // Which of the patterns: the secret's own, or one of the placeholders.
            let faulty =
                ["allow", "allow-line"].lazy.compactMap { key in
                    node[key].flatMap { list -> Node? in
                        guard case .sequence(let items) = list.content else { return nil }
                        return items.first { item in
                            (try? RegularExpression(item.string ?? "")) == nil
                        }
                    }
                }.first
                ?? node["preceded-by"].flatMap { item in
                    (try? RegularExpression(item.string ?? "")) == nil ? item : nil
                } ?? node["pattern"] ?? node
            problems.append(Diagnostic(.error, "pattern does not compile: \(error)", at: at(faulty)))
            return nil
        }
    }
}
