import CEL
import PolicyModel

/// Turns one located YAML document into a `Policy`, collecting a diagnostic for every problem
/// rather than stopping at the first, so one run shows an author everything to fix.
struct PolicyReader {
    let file: String
    /// The file's text, split into lines of Unicode scalars only to place an error inside an
    /// expression (most files have none).
    let text: String
    private var lines: [[Unicode.Scalar]]?
    var diagnostics: [Diagnostic] = []
    /// Known keys that an unknown key was taken for (`"validations[0].expression"`), so that the
    /// misspelling is reported once rather than also as a missing key.
    private var suggestedKeys: Set<String> = []

    static let policyKeys = [
        "id", "title", "description", "severity", "kinds", "match", "variables", "each", "validations",
        "remediation", "references", "frameworks", "equivalents", "mode", "aliases", "deprecated", "tests",
        "keywords",
    ]
    static let testKeys = ["name", "expect", "findings", "file", "object"]
    static let matchKeys = ["resources", "namespaces", "labels", "matchConditions"]
    static let namedExpressionKeys = ["name", "expression"]
    static let validationKeys = ["expression", "message", "messageExpression", "at"]

    /// The variables every policy expression may use; `item` is added when the policy has `each`.
    /// `resource` reads the offline cluster state (`resource.Get`, `resource.List`).
    static let declaredVariables: [String: CELType] = [
        "object": .dyn, "oldObject": .dyn, "request": .dyn, "params": .dyn, "namespaceObject": .dyn,
        "variables": .dyn, "resource": .opaque(ResourceContext.typeName),
        "module": .opaque(TerraformModuleContext.typeName),
    ]
    /// The CEL libraries of Kubernetes' admission policies.
    static let libraries = Library.standardLibraries + Library.extensionLibraries + Library.kubernetesLibraries
    static let environment = Environment(variables: declaredVariables, libraries: libraries + palisadeLibraries)
    static let itemEnvironment = Environment(
        variables: declaredVariables.merging(["item": .dyn]) { first, _ in first },
        libraries: libraries + palisadeLibraries)
    /// What Palisade's own policies have besides Kubernetes' libraries: the offline cluster state,
    /// a Terraform resource's module, IAM policy documents, shell scripts and workflow contexts.
    static let palisadeLibraries: [Library] = [
        .clusterResources, .terraformModule, .iamPolicies, .jsonDocuments, .workflows,
    ]

    init(file: String, text: String) {
        self.file = file
        self.text = text
    }

    /// The policy `document` declares, or `nil` (with diagnostics) when anything in it is wrong.
    mutating func read(_ document: Node) -> Policy? {
        let before = diagnostics.count
        guard let entries = mapping(document, "the policy document") else { return nil }
        checkKeys(entries, allowed: Self.policyKeys, in: nil)

        let id = required("id", in: document, path: nil).flatMap { string($0, "id") }
        if let id, let node = document["id"], !Self.isKebabCase(id) {
            error("policy id \"\(id)\" is not kebab-case (lowercase letters and digits joined by single hyphens)", node)
        }
        let title = required("title", in: document, path: nil).flatMap { string($0, "title") }
        let severity = required("severity", in: document, path: nil).flatMap { node in
            string(node, "severity").flatMap { name in
                oneOf(Severity.allCases, named: name, what: "severity", at: node)
            }
        }
        let kinds = required("kinds", in: document, path: nil).flatMap { readKinds($0) }
        let mode = document["mode"].flatMap { node in
            string(node, "mode").flatMap { oneOf(Policy.Mode.allCases, named: $0, what: "mode", at: node) }
        }
        let match = document["match"].flatMap { readMatch($0) } ?? Policy.Match()
        // With `each`, a variable may read `item`: it is then evaluated once per item.
        let variables =
            document["variables"].map {
                readVariables($0, in: document["each"] == nil ? Self.environment : Self.itemEnvironment)
            } ?? []
        // A variable that is a literal is compiled into the expressions that read it.
        var constants: [String: Value] = [:]
        for variable in variables {
            if let value = variable.expression.program.constantValue { constants["variables." + variable.name] = value }
        }
        var environment = Self.environment
        environment.constants = constants
        let each = document["each"].flatMap { expression($0, "each", in: environment) }
        let eachFilter = each.flatMap { Self.eachFilter(of: $0, in: environment) }
        var itemEnvironment = document["each"] == nil ? Self.environment : Self.itemEnvironment
        itemEnvironment.constants = constants
        var validations: [Policy.Validation] = []
        if let node = required("validations", in: document, path: nil), let items = sequence(node, "validations") {
            if items.isEmpty { error("\"validations\" must hold at least one validation", node) }
            for (index, item) in items.enumerated() {
                if let validation = readValidation(item, "validations[\(index)]", in: itemEnvironment) {
                    validations.append(validation)
                }
            }
        }
        let description = document["description"].flatMap { string($0, "description") }
        let remediation = document["remediation"].flatMap { string($0, "remediation") }
        let references = document["references"].flatMap { strings($0, "references") } ?? []
        let frameworks = document["frameworks"].flatMap { readFrameworks($0) } ?? [:]
        let equivalents = document["equivalents"].flatMap { strings($0, "equivalents") } ?? []
        let aliases = document["aliases"].flatMap { readAliases($0) } ?? []
        let deprecated = document["deprecated"].flatMap { bool($0, "deprecated") } ?? false
        let tests = document["tests"].map { readTests($0) } ?? []
        let keywords = document["keywords"].flatMap { readKeywords($0) } ?? []
        if !keywords.isEmpty, let node = document["keywords"] {
            checkKeywordsApply(
                node, kinds: kinds ?? [],
                programs: match.conditions.map(\.expression) + variables.map(\.expression) + [each].compactMap { $0 }
                    + validations.flatMap { [$0.expression] + [$0.messageExpression, $0.at].compactMap { $0 } })
        }

        guard diagnostics.count == before, let id, let title, let severity, let kinds else { return nil }
        var policy = Policy(
            id: id, title: title, description: description, severity: severity, kinds: kinds, match: match,
            variables: variables, each: each, validations: validations, remediation: remediation,
            references: references, frameworks: frameworks, equivalents: equivalents, mode: mode ?? .enforce,
            aliases: aliases, deprecated: deprecated, file: file, location: document.location(in: file))
        policy.tests = tests
        policy.keywords = keywords
        policy.eachFilter = eachFilter
        return policy
    }

    /// `tests`: a list of `{name, expect: pass|fail, findings?, file | object}`.
    private mutating func readTests(_ node: Node) -> [Policy.Test] {
        guard let items = sequence(node, "tests") else { return [] }
        var tests: [Policy.Test] = []
        for (index, item) in items.enumerated() {
            let path = "tests[\(index)]"
            guard let entries = mapping(item, path) else { continue }
            checkKeys(entries, allowed: Self.testKeys, in: path)
            let name = item["name"].flatMap { string($0, "\(path).name") } ?? "test \(index + 1)"
            guard let expectNode = required("expect", in: item, path: path),
                let expectName = string(expectNode, "\(path).expect"),
                let expect = oneOf(
                    Policy.Test.Expectation.allCases, named: expectName, what: "expectation", at: expectNode)
            else { continue }
            var findings: Int?
            if let count = item["findings"] {
                guard case .int(let value) = count.content, value >= 1, value <= 1_000_000, expect == .fail else {
                    error("\"\(path).findings\" must be a positive count, on a test that expects fail", count)
                    continue
                }
                findings = Int(value)
            }
            let file = item["file"].flatMap { string($0, "\(path).file") }
            let object = item["object"]
            guard (file == nil) != (object == nil) else {
                error("\(path) needs exactly one of \"file\" and \"object\"", item)
                continue
            }
            tests.append(
                Policy.Test(
                    name: name, expect: expect, findings: findings, file: file, object: object,
                    location: item.location(in: self.file)))
        }
        return tests
    }

    // MARK: - Sections

    private mutating func readKinds(_ node: Node) -> [String]? {
        guard let kinds = strings(node, "kinds") else { return nil }
        if kinds.isEmpty { error("\"kinds\" must name at least one input", node) }
        guard case .sequence(let items) = node.content else { return kinds }
        for (kind, item) in zip(kinds, items) where !Policy.knownKinds.contains(kind) {
            let suggestion = Self.closest(to: kind, among: Policy.knownKinds).map { "; did you mean \"\($0)\"?" } ?? ""
            error("unknown kind \"\(kind)\"\(suggestion)", item)
        }
        return kinds
    }

    private mutating func readMatch(_ node: Node) -> Policy.Match? {
        guard let entries = mapping(node, "match") else { return nil }
        checkKeys(entries, allowed: Self.matchKeys, in: "match")
        var match = Policy.Match()
        match.resources = node["resources"].flatMap { strings($0, "match.resources") } ?? []
        match.namespaces = node["namespaces"].flatMap { strings($0, "match.namespaces") } ?? []
        if let labels = node["labels"], let labelEntries = mapping(labels, "match.labels") {
            for entry in labelEntries {
                guard let key = string(entry.key, "a label name in \"match.labels\""),
                    let value = string(entry.value, "match.labels.\(key)")
                else { continue }
                match.labels[key] = value
            }
        }
        if let conditions = node["matchConditions"] {
            match.conditions = readNamedExpressions(conditions, "match.matchConditions")
        }
        return match
    }

    /// `variables` as a mapping of names to expressions (the Palisade form) or as a list of
    /// `{name, expression}` (the form a ValidatingAdmissionPolicy writes).
    private mutating func readVariables(_ node: Node, in environment: Environment) -> [Policy.NamedExpression] {
        if case .sequence = node.content { return readNamedExpressions(node, "variables", in: environment) }
        guard let entries = mapping(node, "variables") else { return [] }
        var variables: [Policy.NamedExpression] = []
        // Earlier variables that are literals are compiled into later ones.
        var environment = environment
        for entry in entries {
            guard let name = string(entry.key, "a variable name") else { continue }
            guard Self.isIdentifier(name) else {
                error("variable name \"\(name)\" is not a CEL identifier", entry.key)
                continue
            }
            if let compiled = expression(entry.value, "variables.\(name)", in: environment) {
                variables.append(Policy.NamedExpression(name: name, expression: compiled))
                if let value = compiled.program.constantValue { environment.constants["variables." + name] = value }
            }
        }
        return variables
    }

    /// A list of `{name, expression}` mappings with distinct names: CEL identifiers, or, with
    /// `qualifiedNames` (the match conditions of imported policies), Kubernetes qualified names
    /// such as `exclude-leases`.
    mutating func readNamedExpressions(
        _ node: Node, _ path: String, in environment: Environment = Self.environment, qualifiedNames: Bool = false
    ) -> [Policy.NamedExpression] {
        guard let items = sequence(node, path) else { return [] }
        var result: [Policy.NamedExpression] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let entries = mapping(item, itemPath) else { continue }
            checkKeys(entries, allowed: Self.namedExpressionKeys, in: itemPath)
            let nameNode = required("name", in: item, path: itemPath)
            let name = nameNode.flatMap { string($0, "\(itemPath).name") }
            if let name, let nameNode {
                if qualifiedNames && !Self.isQualifiedName(name) {
                    error("name \"\(name)\" in \"\(path)\" is not a qualified name", nameNode)
                } else if !qualifiedNames && !Self.isIdentifier(name) {
                    error("name \"\(name)\" in \"\(path)\" is not a CEL identifier", nameNode)
                } else if let first = seen[name] {
                    error("duplicate name \"\(name)\" in \"\(path)\" (first at line \(first))", nameNode)
                }
                seen[name] = seen[name] ?? Int(nameNode.span.line)
            }
            let compiled = required("expression", in: item, path: itemPath).flatMap {
                expression($0, "\(itemPath).expression", in: environment)
            }
            if let name, let compiled { result.append(Policy.NamedExpression(name: name, expression: compiled)) }
        }
        return result
    }

    mutating func readValidation(
        _ node: Node, _ path: String, in environment: Environment
    ) -> Policy.Validation? {
        guard let entries = mapping(node, path) else { return nil }
        checkKeys(entries, allowed: Self.validationKeys, in: path)
        let check = required("expression", in: node, path: path).flatMap {
            expression($0, "\(path).expression", in: environment)
        }
        let message = node["message"].flatMap { string($0, "\(path).message") }
        let messageExpression = node["messageExpression"].flatMap {
            expression($0, "\(path).messageExpression", in: environment)
        }
        let at = node["at"].flatMap { expression($0, "\(path).at", in: environment) }
        guard let check else { return nil }
        return Policy.Validation(expression: check, message: message, messageExpression: messageExpression, at: at)
    }

    /// An `each` written `<list>.filter(x, <condition>)` taken apart: the list, and the condition
    /// compiled as `cel.bind(x, item, <condition>)`, so that the validations run on the elements
    /// kept while findings are located in the list as written. `nil` for any other `each` (or one
    /// whose parts do not compile apart, which then runs as written).
    static func eachFilter(of each: Policy.Expression, in environment: Environment) -> Policy.EachFilter? {
        let source = AdmissionRun.trimmed(each.source)
        guard source.hasSuffix(")") else { return nil }
        // The last `.filter(` outside brackets and quotes, whose parenthesis closes at the end.
        var start: String.Index?
        var closes: String.Index?
        NodePath.scanOutsideQuotes(source) { index, character, depth in
            if depth == 0, character == ".", source[index...].hasPrefix(".filter(") {
                start = index
                closes = nil
            }
            // The parenthesis that brings the depth back to 0 after the last `.filter(`.
            if start != nil, closes == nil, depth == 1, character == ")" { closes = index }
            return true
        }
        guard let start, let closes, source.index(after: closes) == source.endIndex else { return nil }
        let list = String(source[..<start])
        let arguments = String(
            source[source.index(start, offsetBy: ".filter(".count)..<source.index(before: source.endIndex)])
        // The parts are slices of `arguments`: the condition is everything after the first comma.
        let parts = NodePath.split(arguments, on: ",")
        guard parts.count >= 2 else { return nil }
        let name = AdmissionRun.trimmed(String(parts[0]))
        guard isIdentifier(name), name != "item" else { return nil }
        let condition = String(arguments[parts[1].startIndex...])
        var itemEnvironment = itemEnvironment
        itemEnvironment.constants = environment.constants
        guard let listProgram = try? environment.compile(list),
            let conditionProgram = try? itemEnvironment.compile("cel.bind(\(name), item, \(condition))")
        else { return nil }
        return Policy.EachFilter(
            list: Policy.Expression(source: list, program: listProgram, location: each.location),
            condition: conditionProgram)
    }

    /// `keywords`: a list of words, compared with a file's text as `KeywordText` reads it.
    private mutating func readKeywords(_ node: Node) -> [String]? {
        guard let words = strings(node, "keywords"), case .sequence(let items) = node.content else { return nil }
        if words.isEmpty { error("\"keywords\" must hold at least one word, or be left out", node) }
        var result: [String] = []
        for (word, item) in zip(words, items) {
            let problem = KeywordText.problem(with: word)
            if let problem {
                error("keyword \"\(word)\" \(problem)", item)
            } else {
                result.append(String(decoding: KeywordText.normalized(Array(word.utf8)), as: UTF8.self))
            }
        }
        return result
    }

    /// Keywords are read from the file a resource comes from, so they are refused for a policy
    /// that sees anything else: other resources, a namespace, parameters, a Terraform module.
    private mutating func checkKeywordsApply(_ node: Node, kinds: [String], programs: [Policy.Expression]) {
        let outside = kinds.filter { !KeywordText.kinds.contains($0) }
        if !outside.isEmpty {
            error(
                "\"keywords\" are read from one file, which \(outside.joined(separator: ", ")) resources do not "
                    + "come from alone; only \(KeywordText.kinds.sorted().joined(separator: ", ")) policies may have them",
                node)
        }
        let read = programs.reduce(into: Set<String>()) { $0.formUnion($1.program.variablesRead) }
        let beyond = read.subtracting(KeywordText.fileVariables).sorted()
        if !beyond.isEmpty {
            error(
                "\"keywords\" are read from the resource's own file, but the policy also reads "
                    + beyond.joined(separator: ", ") + ", which can hold what that file does not",
                node)
        }
    }

    private mutating func readFrameworks(_ node: Node) -> [String: [String]]? {
        guard let entries = mapping(node, "frameworks") else { return nil }
        var frameworks: [String: [String]] = [:]
        for entry in entries {
            guard let name = string(entry.key, "a framework name in \"frameworks\"") else { continue }
            if let controls = strings(entry.value, "frameworks.\(name)") { frameworks[name] = controls }
        }
        return frameworks
    }

    private mutating func readAliases(_ node: Node) -> [String]? {
        guard let aliases = strings(node, "aliases"), case .sequence(let items) = node.content else { return nil }
        for (alias, item) in zip(aliases, items) where !Self.isKebabCase(alias) {
            error("alias \"\(alias)\" is not kebab-case (lowercase letters and digits joined by single hyphens)", item)
        }
        return aliases
    }

    // MARK: - Values

    /// Compiles the expression held by `node`; a compile error is placed where it is in the file.
    mutating func expression(
        _ node: Node, _ path: String, in environment: Environment
    ) -> Policy.Expression? {
        guard let source = node.string else {
            error("\"\(path)\" must be a string holding a CEL expression", node)
            return nil
        }
        do {
            let program = try environment.compile(source)
            return Policy.Expression(source: source, program: program, location: node.location(in: file))
        } catch {
            let lines =
                self.lines
                ?? text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                    Array((line.hasSuffix("\r") ? line.dropLast() : line).unicodeScalars)
                }
            self.lines = lines
            let (line, column) = ScalarPosition.locate(
                offset: error.offset, scalarLine: Int(node.span.line), scalarColumn: Int(node.span.column),
                lines: lines)
            diagnostics.append(Diagnostic(.error, error.message, at: Location(file: file, line: line, column: column)))
            return nil
        }
    }

    mutating func required(_ key: String, in node: Node, path: String?) -> Node? {
        if let value = node[key] { return value }
        if suggestedKeys.contains(path.map { "\($0).\(key)" } ?? key) { return nil }
        let place = path.map { " in \"\($0)\"" } ?? ""
        error("missing required key \"\(key)\"\(place)", node)
        return nil
    }

    mutating func string(_ node: Node, _ path: String) -> String? {
        if let text = node.string { return text }
        error(path.hasPrefix("a ") ? "\(path) must be a string" : "\"\(path)\" must be a string", node)
        return nil
    }

    mutating func bool(_ node: Node, _ path: String) -> Bool? {
        if case .bool(let value) = node.content { return value }
        error("\"\(path)\" must be true or false", node)
        return nil
    }

    mutating func strings(_ node: Node, _ path: String) -> [String]? {
        guard let items = sequence(node, path) else { return nil }
        var result: [String] = []
        var valid = true
        for item in items {
            if let text = item.string {
                result.append(text)
            } else {
                error("\"\(path)\" must be a list of strings (quote numbers such as \"1.10\")", item)
                valid = false
            }
        }
        return valid ? result : nil
    }

    mutating func sequence(_ node: Node, _ path: String) -> [Node]? {
        if case .sequence(let items) = node.content { return items }
        error("\"\(path)\" must be a list", node)
        return nil
    }

    mutating func mapping(_ node: Node, _ path: String) -> [Node.Entry]? {
        if case .mapping(let entries) = node.content { return entries }
        error(path.hasPrefix("the ") ? "\(path) must be a mapping" : "\"\(path)\" must be a mapping", node)
        return nil
    }

    /// The case of `values` whose raw value is `name`, or an error listing the choices.
    mutating func oneOf<Choice: RawRepresentable>(
        _ values: [Choice], named name: String, what: String, at node: Node
    ) -> Choice? where Choice.RawValue == String {
        if let value = values.first(where: { $0.rawValue == name }) { return value }
        let names = values.map(\.rawValue)
        error("unknown \(what) \"\(name)\" (expected one of \(names.joined(separator: ", ")))", node)
        return nil
    }

    /// An error for each key of `entries` that is not in `allowed`, at the key.
    mutating func checkKeys(_ entries: [Node.Entry], allowed: [String], in path: String?) {
        for entry in entries {
            guard let key = entry.key.string else {
                error("keys of \(path.map { "\"\($0)\"" } ?? "a policy") must be strings", entry.key)
                continue
            }
            guard !allowed.contains(key) else { continue }
            let place = path.map { " in \"\($0)\"" } ?? ""
            let closest = Self.closest(to: key, among: allowed)
            if let closest { suggestedKeys.insert(path.map { "\($0).\(closest)" } ?? closest) }
            let suggestion = closest.map { "; did you mean \"\($0)\"?" } ?? ""
            error("unknown key \"\(key)\"\(place)\(suggestion)", entry.key)
        }
    }

    mutating func error(_ message: String, _ node: Node) {
        diagnostics.append(Diagnostic(.error, message, at: node.location(in: file)))
    }
}
