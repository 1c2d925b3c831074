import PolicyModel

/// Builds what policies see of one GitLab CI file: the document as written plus these views, each
/// value located where it is written (a view replaces a top-level key of the same name).
///
/// GitLab's top level mixes jobs with keywords: every key that is not a global keyword
/// (`default include stages variables workflow image services cache before_script after_script
/// spec types`) and whose value is a mapping is a job; `pages` is a job like any other, and a key
/// starting with `.` is a hidden job, a template for `extends:` or a holder of YAML anchors.
///
/// - `jobList`: the jobs in order, hidden ones included, each as written plus `id` (its key),
///   `hidden`, `extends` (always a list), and what the job runs with, taken from the job itself,
///   else from what it `extends` (in this file; the last template named wins, as GitLab merges
///   them), else from `default:`, else from the deprecated top-level keyword:
///   - `image`: the image (as in `images` below) or null, and `imageFrom`: `job`, `extends`,
///     `default`, `global` or `none`;
///   - `services`: the service images (as in `images`), and `servicesFrom` likewise;
///   - `scripts`: `hooks.pre_get_sources_script`, `before_script`, `script` and `after_script`
///     as one list of strings, nested lists flattened as GitLab flattens them and `!reference`
///     tags resolved against this file (one that names another file's key is left out);
///   - `variables`: a map from name to value (a string, `{value: …}` read as its value): the
///     top-level `variables:`, overridden by those of the templates it extends, overridden by the
///     job's own.
/// - `includes`: every `include:` entry, each `{kind, location, project, file, ref, pinned,
///   dynamic, url, integrity, where}`: `kind` is `local`, `remote` (a string starting with
///   `http://` or `https://` is one), `project`, `template`, `component` or `unknown`;
///   `location` the path, URL, project, template name or component address; `file` a project's
///   files; `ref` a project's `ref:` or what follows a component's `@`; `pinned` whether the
///   included content is fixed: a full commit SHA for a project or component, an `integrity:`
///   hash for a remote file, always for local files and GitLab's own templates; `dynamic`
///   whether the ref comes from a variable; `url` a remote file's URL; `integrity` as written.
/// - `images`: every image named in the file — top-level, `default:` and every job's `image:`
///   and `services:` — once per place it is written (an alias is not listed again), each
///   `{kind, job, where, reference, written, name, registry, tag, digest, pinned, latest,
///   dynamic, entrypoint, alias, command, variables, dind, rootless}` (see `ImageReference`):
///   `kind` is `image` or `service`; `job` the job's id, or null; `where` the path
///   (`build.services[1]`, `default.image`); `reference` the reference with the file's own
///   variables expanded (`written` as written); `dind` whether it is the `docker` image in a
///   `dind` variant, `rootless` whether that variant is rootless.
/// - `scripts`: every script line written in the file, once per place (aliases and `!reference`
///   tags are not followed), each `{text, job, field, where}`: `field` is `before_script`,
///   `script`, `after_script` or `hooks.pre_get_sources_script`, `where` the path as written
///   (`test.script[2]`, `test.script[1][0]` in a nested list, `deploy.after_script` for a
///   single string, `default.before_script[0]`).
/// - `variableList`: every variable written in the file, each `{name, value, job, scope,
///   where, expand}`: `scope` is `global`, `job` or `service`, `value` the value as a string,
///   `expand` false when written `expand: false`.
struct PipelineModel {
    let file: String
    let source: SourceText
    var diagnostics: [Diagnostic] = []

    /// Top-level keys that are not jobs.
    static let globalKeywords: Set<String> = [
        "default", "include", "stages", "variables", "workflow", "image", "services", "cache", "before_script",
        "after_script", "spec", "types",
    ]
    /// GitLab resolves `!reference` tags and `extends` this deep, no deeper.
    static let maxReferenceDepth = 10
    static let maxExtendsDepth = 11
    /// Most items a view holds; a YAML alias may make a small file stand for a huge tree.
    static let maxItems = 100_000

    /// The document being read, its jobs by name and its top-level variables.
    private var document = Node(.null, span: Span(line: 1, column: 1))
    private var jobsByName: [String: Node] = [:]
    private var globalVariables: [(name: String, value: Node)] = []
    /// Values the views may still copy or visit. Aliases and `!reference` tags let a small file
    /// stand for a huge pipeline (every job sharing thousands of variables), so the reading stops
    /// here and says so.
    private var budget = 1_000_000
    /// Places already listed in a view, so that an alias is listed once.
    private var seenImages: Set<Span> = []
    private var seenScripts: Set<Span> = []
    private var seenVariables: Set<Span> = []

    init(file: String, source: SourceText) {
        self.file = file
        self.source = source
    }

    /// The document with the views added, and `header` (a `spec:` document) as `spec`.
    mutating func build(_ document: Node, header: Node?) -> Node {
        guard case .mapping(var entries) = document.content else { return document }
        self.document = document
        let at = Span(line: Int(document.span.line), column: Int(document.span.column))
        var jobs: [(id: Node, job: Node)] = []
        for entry in entries {
            guard let name = entry.key.string, !Self.globalKeywords.contains(name),
                case .mapping = entry.value.content
            else { continue }
            jobs.append((entry.key, entry.value))
            if jobsByName[name] == nil { jobsByName[name] = entry.value }
        }
        globalVariables = variableMap(document["variables"])

        var images: [Node] = []
        var scripts: [Node] = []
        var variables: [Node] = []
        let global = Dictionary(globalVariables.map { ($0.name, $0.value.string ?? "") }) { first, _ in first }
        listVariables(document["variables"], prefix: "variables", job: nil, scope: "global", into: &variables)
        listImages(of: document, prefix: "", job: nil, expanding: global, into: &images, variables: &variables)
        listScripts(of: document, prefix: "", job: nil, into: &scripts)
        if let defaults = document["default"] {
            listImages(
                of: defaults, prefix: "default.", job: nil, expanding: global, into: &images, variables: &variables)
            listScripts(of: defaults, prefix: "default.", job: nil, into: &scripts)
        }
        var jobList: [Node] = []
        for (id, job) in jobs.prefix(Self.maxItems) {
            guard budget > 0 else {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "the pipeline is too large to read every job (over a million values); "
                            + "jobs from here on are left out", at: id.location(in: file)))
                break
            }
            let name = id.string ?? ""
            let merged = mergedVariables(of: job)
            budget -= 1 + merged.count
            let expanding = Dictionary(merged.map { ($0.name, $0.value.string ?? "") }) { _, last in last }
            listVariables(job["variables"], prefix: name + ".variables", job: id, scope: "job", into: &variables)
            listImages(of: job, prefix: name + ".", job: id, expanding: expanding, into: &images, variables: &variables)
            listScripts(of: job, prefix: name + ".", job: id, into: &scripts)
            jobList.append(augmentedJob(id: id, job, variables: merged, expanding: expanding))
        }
        let views: [(String, Node)] = [
            ("jobList", Node(.sequence(jobList), span: at)),
            ("includes", Node(.sequence(includes(document["include"])), span: document["include"]?.span ?? at)),
            ("images", Node(.sequence(images), span: at)),
            ("scripts", Node(.sequence(scripts), span: at)),
            ("variableList", Node(.sequence(variables), span: at)),
        ]
        entries.removeAll { entry in views.contains { $0.0 == entry.key.string } }
        if let header, let spec = header["spec"], document["spec"] == nil {
            entries.append(Node.Entry(key: Node(.string("spec"), span: header.span), value: spec))
        }
        for (name, value) in views { entries.append(Node.Entry(key: Node(.string(name), span: at), value: value)) }
        return Node(.mapping(entries), span: document.span)
    }

    // MARK: Jobs

    private mutating func augmentedJob(
        id: Node, _ job: Node, variables: [(name: String, value: Node)], expanding: [String: String]
    ) -> Node {
        guard case .mapping(var entries) = job.content else { return job }
        let at = Span(line: Int(job.span.line), column: Int(job.span.column))
        let name = id.string ?? ""
        let defaults = document["default"]

        var imageFrom = "none"
        var image = Node(.null, span: at)
        if let (written, from) = runsWith("image", job, defaults: defaults),
            let normalised = imageNode(
                written, kind: "image", job: id, where: name + ".image", expanding: expanding, report: false)
        {
            image = normalised
            imageFrom = from
        }
        var servicesFrom = "none"
        var services: [Node] = []
        if let (written, from) = runsWith("services", job, defaults: defaults) {
            servicesFrom = from
            if case .sequence(let items) = written.content {
                for (index, item) in items.prefix(Self.maxItems).enumerated() {
                    if let service = imageNode(
                        item, kind: "service", job: id, where: "\(name).services[\(index)]", expanding: expanding,
                        report: false)
                    {
                        services.append(service)
                    }
                }
            }
        }
        var scripts: [(line: Node, path: String)] = []
        for field in ["hooks", "before_script", "script", "after_script"] {
            let written: Node?
            if field == "hooks" {
                written = runsWith("hooks", job, defaults: defaults)?.node["pre_get_sources_script"]
            } else if field == "script" {
                written = inherited("script", in: job)?.node
            } else {
                written = runsWith(field, job, defaults: defaults)?.node
            }
            if let written { flatten(written, path: field, resolving: true, depth: 0, into: &scripts) }
        }
        let variableMap = Node(
            .mapping(variables.map { Node.Entry(key: Node(.string($0.name), span: $0.value.span), value: $0.value) }),
            span: job["variables"]?.span ?? at)
        let views: [(String, Node)] = [
            ("id", id), ("hidden", Node(.bool(name.hasPrefix(".")), span: id.span)),
            ("extends", Node(.sequence(extendsList(job)), span: job["extends"]?.span ?? at)),
            ("image", image), ("imageFrom", Node(.string(imageFrom), span: image.span)),
            ("services", Node(.sequence(services), span: job["services"]?.span ?? at)),
            ("servicesFrom", Node(.string(servicesFrom), span: job["services"]?.span ?? at)),
            ("scripts", Node(.sequence(scripts.map(\.line)), span: job["script"]?.span ?? at)),
            ("variables", variableMap),
        ]
        entries.removeAll { entry in views.contains { $0.0 == entry.key.string } }
        for (view, value) in views { entries.append(Node.Entry(key: Node(.string(view), span: at), value: value)) }
        return Node(.mapping(entries), span: job.span)
    }

    /// The templates `job` names in `extends:`, as located strings.
    private func extendsList(_ job: Node) -> [Node] {
        guard let extends = job["extends"] else { return [] }
        switch extends.content {
        case .string: return [extends]
        case .sequence(let items): return items.filter { $0.string != nil }
        default: return []
        }
    }

    /// `key` of the job itself, else of the templates it extends (the last named first, each
    /// searched through what it extends in turn), with where it was found: `job` or `extends`.
    private func inherited(_ key: String, in job: Node) -> (node: Node, from: String)? {
        if let own = job[key] { return (own, "job") }
        var visited: Set<String> = []
        func search(_ template: Node, depth: Int) -> Node? {
            guard depth < Self.maxExtendsDepth else { return nil }
            for parent in extendsList(template).reversed() {
                guard let name = parent.string, visited.insert(name).inserted, let next = jobsByName[name] else {
                    continue
                }
                if let found = next[key] ?? search(next, depth: depth + 1) { return found }
            }
            return nil
        }
        return search(job, depth: 0).map { ($0, "extends") }
    }

    /// `key` as `inherited` finds it, else from `default:`, else from the top level.
    private func runsWith(_ key: String, _ job: Node, defaults: Node?) -> (node: Node, from: String)? {
        if let found = inherited(key, in: job) { return found }
        if let value = defaults?[key] { return (value, "default") }
        if key != "hooks", let value = document[key] { return (value, "global") }
        return nil
    }

    /// The top-level variables, overridden by those of the templates `job` extends (in the
    /// order named, each with what it extends), overridden by the job's own.
    private func mergedVariables(of job: Node) -> [(name: String, value: Node)] {
        var merged: [(name: String, value: Node)] = []
        var positions: [String: Int] = [:]
        var visited: Set<String> = []
        func overlay(_ variables: [(name: String, value: Node)]) {
            for variable in variables {
                if let index = positions[variable.name] {
                    merged[index] = variable
                } else {
                    positions[variable.name] = merged.count
                    merged.append(variable)
                }
            }
        }
        overlay(globalVariables)
        func apply(_ template: Node, depth: Int) {
            guard depth < Self.maxExtendsDepth else { return }
            for parent in extendsList(template) {
                guard let name = parent.string, visited.insert(name).inserted, let next = jobsByName[name] else {
                    continue
                }
                apply(next, depth: depth + 1)
                overlay(variableMap(next["variables"]))
            }
        }
        apply(job, depth: 0)
        overlay(variableMap(job["variables"]))
        return merged
    }

    /// A `variables:` mapping as names and string values (`{value: …}` read as its value).
    private func variableMap(_ node: Node?) -> [(name: String, value: Node)] {
        guard case .mapping(let entries)? = node?.content else { return [] }
        return entries.prefix(Self.maxItems).compactMap { entry in
            guard let name = entry.key.string, let value = variableValue(entry.value) else { return nil }
            return (name, value)
        }
    }

    /// A variable's value as a located string: a scalar as text, `{value: …}` as its value.
    func variableValue(_ node: Node) -> Node? {
        if case .mapping = node.content {
            guard let value = node["value"] else { return Node(.string(""), span: node.span) }
            return variableValue(value)
        }
        return text(of: node).map { Node(.string($0), span: node.span) }
    }

    /// A scalar's text: a string's value, a number or boolean as written (`3.10` stays `3.10`,
    /// a commit SHA of digits stays whole), `null` as empty; `nil` for a list or mapping.
    func text(of node: Node) -> String? {
        switch node.content {
        case .string(let text): return text
        case .null: return ""
        case .int, .double, .bool: return source.plainScalar(at: node.span) ?? Self.rendered(node.content)
        case .sequence, .mapping, .unknown: return nil
        }
    }

    /// A typed scalar printed, for the rare value whose source cannot be read back.
    private static func rendered(_ content: Node.Content) -> String {
        switch content {
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        default: return ""
        }
    }

    // MARK: Scripts

    /// The script lines of `node` with the path of each (`path`, then `[i]` per list level),
    /// nested lists flattened; with `resolving`, a `!reference` is replaced by what it names in
    /// this file, else it is left out.
    private mutating func flatten(
        _ node: Node, path: String, resolving: Bool, depth: Int, into lines: inout [(line: Node, path: String)]
    ) {
        guard lines.count < Self.maxItems, budget > 0 else { return }
        budget -= 1
        switch node.content {
        case .sequence(let items):
            if source.isTagged("!reference", at: node.span) {
                guard resolving, depth < Self.maxReferenceDepth, let target = resolve(reference: items) else { return }
                flatten(target, path: path, resolving: true, depth: depth + 1, into: &lines)
                return
            }
            guard depth <= Self.maxReferenceDepth else { return }
            for (index, item) in items.enumerated() {
                flatten(item, path: "\(path)[\(index)]", resolving: resolving, depth: depth + 1, into: &lines)
            }
        case .mapping, .unknown:
            if !resolving {
                diagnostics.append(
                    Diagnostic(
                        .error, "a script is a string or a list of strings, not a mapping", at: node.location(in: file)
                    ))
            }
        default:
            if let text = text(of: node) { lines.append((Node(.string(text), span: node.span), path)) }
        }
    }

    /// What `!reference [.job, key, …]` names in this document, or `nil`.
    private func resolve(reference items: [Node]) -> Node? {
        var current: Node? = document
        for item in items {
            guard let key = item.string else { return nil }
            current = current?[key]
        }
        return current
    }

    private mutating func listScripts(of owner: Node, prefix: String, job: Node?, into scripts: inout [Node]) {
        let fields: [(String, Node?)] = [
            ("hooks.pre_get_sources_script", owner["hooks"]?["pre_get_sources_script"]),
            ("before_script", owner["before_script"]),
            ("script", job == nil ? nil : owner["script"]),
            ("after_script", owner["after_script"]),
        ]
        for case (let field, let written?) in fields {
            var lines: [(line: Node, path: String)] = []
            flatten(written, path: prefix + field, resolving: false, depth: 0, into: &lines)
            for (line, place) in lines where scripts.count < Self.maxItems {
                guard seenScripts.insert(line.span).inserted else { continue }
                let span = line.span
                scripts.append(
                    .located(
                        [
                            ("text", line),
                            ("job", job.map { Node(.string($0.string ?? ""), span: span) } ?? null(span)),
                            ("field", Node(.string(field), span: span)),
                            ("where", Node(.string(place), span: span)),
                        ], at: span))
            }
        }
    }

    // MARK: Variables

    private mutating func listVariables(
        _ written: Node?, prefix: String, job: Node?, scope: String, into variables: inout [Node]
    ) {
        guard case .mapping(let entries)? = written?.content else { return }
        for entry in entries where variables.count < Self.maxItems {
            guard let name = entry.key.string, let value = variableValue(entry.value),
                seenVariables.insert(entry.key.span).inserted
            else { continue }
            let span = entry.key.span
            var expand = true
            if case .bool(false)? = entry.value["expand"]?.content { expand = false }
            variables.append(
                .located(
                    [
                        ("name", entry.key), ("value", value),
                        ("job", job.map { Node(.string($0.string ?? ""), span: span) } ?? null(span)),
                        ("scope", Node(.string(scope), span: span)),
                        ("where", Node(.string(prefix + "." + name), span: span)),
                        ("expand", Node(.bool(expand), span: entry.value["expand"]?.span ?? span)),
                    ], at: span))
        }
    }

    // MARK: Images

    private mutating func listImages(
        of owner: Node, prefix: String, job: Node?, expanding: [String: String], into images: inout [Node],
        variables: inout [Node]
    ) {
        if let image = owner["image"], seenImages.insert(image.span).inserted,
            let node = imageNode(image, kind: "image", job: job, where: prefix + "image", expanding: expanding)
        {
            images.append(node)
        }
        guard let services = owner["services"] else { return }
        guard case .sequence(let items) = services.content else {
            diagnostics.append(
                Diagnostic(.error, "`services:` is a list of images", at: services.location(in: file)))
            return
        }
        for (index, item) in items.enumerated() where images.count < Self.maxItems {
            guard seenImages.insert(item.span).inserted else { continue }
            let place = "\(prefix)services[\(index)]"
            if let node = imageNode(item, kind: "service", job: job, where: place, expanding: expanding) {
                images.append(node)
            }
            listVariables(item["variables"], prefix: place + ".variables", job: job, scope: "service", into: &variables)
        }
    }

    /// An `image:` or a service, a string or a mapping with `name:`, normalised; `nil` (and,
    /// with `report`, an error) when it names no image.
    private mutating func imageNode(
        _ written: Node, kind: String, job: Node?, where place: String, expanding: [String: String],
        report: Bool = true
    ) -> Node? {
        let nameNode: Node?
        switch written.content {
        case .string: nameNode = written
        case .mapping: nameNode = written["name"]
        default: nameNode = nil
        }
        guard let nameNode, let writtenName = nameNode.string,
            let reference = ImageReference(Self.expand(writtenName, with: expanding))
        else {
            if report {
                diagnostics.append(
                    Diagnostic(
                        .error, "an image is a name or a mapping with `name:`", at: written.location(in: file)))
            }
            return nil
        }
        let span = nameNode.span
        func strings(_ node: Node?) -> Node {
            guard let node else { return Node(.sequence([]), span: span) }
            switch node.content {
            case .string: return Node(.sequence([node]), span: node.span)
            case .sequence(let items):
                return Node(
                    .sequence(items.compactMap { item in text(of: item).map { Node(.string($0), span: item.span) } }),
                    span: node.span)
            default: return Node(.sequence([]), span: node.span)
            }
        }
        let variables = variableMap(written["variables"])
        let lastComponent = reference.name.split(separator: "/").last.map(String.init) ?? reference.name
        let dind = lastComponent == "docker" && reference.tag.contains("dind")
        var entries: [(String, Node)] = [
            ("kind", Node(.string(kind), span: span)),
            ("job", job.map { Node(.string($0.string ?? ""), span: span) } ?? null(span)),
            ("where", Node(.string(place), span: span)),
        ]
        entries += reference.entries(written: writtenName, at: span)
        entries += [
            ("entrypoint", strings(written["entrypoint"])),
            (
                "alias",
                written["alias"].flatMap { node in text(of: node).map { Node(.string($0), span: node.span) } }
                    ?? Node(.string(""), span: span)
            ),
            ("command", strings(written["command"])),
            (
                "variables",
                Node(
                    .mapping(
                        variables.map { Node.Entry(key: Node(.string($0.name), span: $0.value.span), value: $0.value) }),
                    span: written["variables"]?.span ?? span)
            ),
            ("dind", Node(.bool(dind), span: span)),
            ("rootless", Node(.bool(dind && reference.tag.contains("rootless")), span: span)),
        ]
        return .located(entries, at: written.span)
    }

    /// `text` with `$NAME` and `${NAME}` replaced by the variables known here; others stay as written.
    static func expand(_ text: String, with variables: [String: String]) -> String {
        guard text.contains("$"), !variables.isEmpty else { return text }
        var current = text
        // Values may name other variables; a few rounds, bounded in length, settle them.
        for _ in 0..<4 {
            var result = ""
            var changed = false
            var index = current.startIndex
            while index < current.endIndex {
                let character = current[index]
                guard character == "$" else {
                    result.append(character)
                    index = current.index(after: index)
                    continue
                }
                var cursor = current.index(after: index)
                let braced = cursor < current.endIndex && current[cursor] == "{"
                if braced { cursor = current.index(after: cursor) }
                let nameStart = cursor
                while cursor < current.endIndex,
                    current[cursor] == "_"
                        || (current[cursor].isASCII && (current[cursor].isLetter || current[cursor].isNumber))
                {
                    cursor = current.index(after: cursor)
                }
                let name = String(current[nameStart..<cursor])
                var end = cursor
                if braced {
                    guard end < current.endIndex, current[end] == "}" else {
                        result.append(character)
                        index = current.index(after: index)
                        continue
                    }
                    end = current.index(after: end)
                }
                if !name.isEmpty, let value = variables[name] {
                    result += value
                    changed = true
                } else {
                    result += current[index..<end]
                }
                index = end
            }
            current = result
            if !changed || current.utf8.count > 4096 { break }
        }
        return current
    }

    // MARK: Includes

    private mutating func includes(_ include: Node?) -> [Node] {
        guard let include else { return [] }
        let entries: [Node]
        switch include.content {
        case .sequence(let items): entries = items
        case .string, .mapping: entries = [include]
        default:
            diagnostics.append(
                Diagnostic(
                    .error, "`include:` is a path, a URL, a mapping or a list of them", at: include.location(in: file)))
            return []
        }
        var result: [Node] = []
        for (index, entry) in entries.prefix(Self.maxItems).enumerated() {
            if let node = includeNode(entry, where: "include[\(index)]") { result.append(node) }
        }
        return result
    }

    private mutating func includeNode(_ entry: Node, where place: String) -> Node? {
        let span = entry.span
        func string(_ text: String, at node: Node? = nil) -> Node { Node(.string(text), span: node?.span ?? span) }
        var kind = "unknown"
        var location = string("")
        var project = string("")
        var files: [Node] = []
        var ref = string("")
        var url = string("")
        var integrity = string("")
        var pinned = false
        if let text = entry.string {
            let isRemote = text.hasPrefix("https://") || text.hasPrefix("http://")
            kind = isRemote ? "remote" : "local"
            location = entry
            url = isRemote ? entry : string("")
            pinned = !isRemote
        } else if case .mapping = entry.content {
            if let local = entry["local"] {
                kind = "local"
                location = string(local.string ?? "", at: local)
                pinned = true
            } else if let remote = entry["remote"] {
                kind = "remote"
                location = string(remote.string ?? "", at: remote)
                url = location
                if let written = entry["integrity"] { integrity = string(written.string ?? "", at: written) }
                let hash = integrity.string ?? ""
                pinned = hash.hasPrefix("sha256-") && hash.count > "sha256-".count
            } else if let written = entry["project"] {
                kind = "project"
                location = string(written.string ?? "", at: written)
                project = location
                if let written = entry["ref"] { ref = string(text(of: written) ?? "", at: written) }
                switch entry["file"]?.content {
                case .string?: files = entry["file"].map { [$0] } ?? []
                case .sequence(let items)?: files = items.filter { $0.string != nil }
                default: break
                }
                pinned = Self.isCommit(ref.string ?? "")
            } else if let template = entry["template"] {
                kind = "template"
                location = string(template.string ?? "", at: template)
                pinned = true
            } else if let component = entry["component"] {
                kind = "component"
                let address = component.string ?? ""
                location = string(address, at: component)
                if let at = address.lastIndex(of: "@") {
                    ref = string(String(address[address.index(after: at)...]), at: component)
                    let path = address[..<at].split(separator: "/")
                    project = string(path.dropFirst().dropLast().joined(separator: "/"), at: component)
                }
                pinned = Self.isCommit(ref.string ?? "")
            }
        }
        if kind == "unknown" {
            diagnostics.append(
                Diagnostic(
                    .warning, "an include names `local`, `remote`, `project`, `template` or `component`",
                    at: entry.location(in: file)))
        }
        let dynamic = !pinned && (ref.string ?? "").contains("$")
        let pinnedAt = kind == "remote" ? integrity.span : ref.span
        return .located(
            [
                ("kind", string(kind)), ("location", location), ("project", project),
                ("file", Node(.sequence(files), span: entry["file"]?.span ?? span)), ("ref", ref),
                ("pinned", Node(.bool(pinned), span: pinnedAt)), ("dynamic", Node(.bool(dynamic), span: ref.span)),
                ("url", url), ("integrity", integrity), ("where", string(place)),
            ], at: span)
    }

    /// A full 40- or 64-digit hex commit SHA.
    static func isCommit(_ ref: String) -> Bool {
        (ref.count == 40 || ref.count == 64) && ref.allSatisfy(\.isHexDigit)
    }

    private func null(_ span: Span) -> Node { Node(.null, span: span) }
}
