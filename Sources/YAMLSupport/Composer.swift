import CYaml
import PolicyModel

/// Builds located `Node` trees straight from the events of libyaml (the C parser Yams carries),
/// one pass and no recursion: each event adds to the collection being built on an explicit
/// stack, so neither deep nesting nor a large file needs a large thread stack.
///
/// What it keeps from a composing YAML library, and what it adds:
/// - A syntax error, an alias to an anchor not yet defined, or a key written twice alike in one
///   mapping (`name` and `name`) ends the stream: the documents before it are returned.
/// - Every alias stands for the very node built for its anchor, which is built and counted once
///   (a "billion laughs" stream costs what its text costs); its depth still counts where it is
///   used, so a consumer walking the tree never goes deeper than `Limits.maxDepth`.
/// - Errors of one document only — a value that does not fit its tag (`!!int abc`), keys equal
///   once typed though written differently (`a` and `'a'`, `10` and `0xA`), a bad `<<` merge,
///   nesting past `Limits.maxDepth` — skip that document; the next one is still read.
///   `Limits.maxNodes` bounds the whole stream.
struct Composer {
    let file: String
    let limits: YAMLLoader.Limits

    private var documents: [Node] = []
    private var errors: [ParseError] = []
    /// Nodes built so far in the whole stream; shared nodes count once.
    private var nodeCount = 0
    /// Built anchored nodes by anchor name (a later anchor of the same name replaces one).
    private var anchors: [String: Built] = [:]
    /// The collections being built, outermost first.
    private var stack: [Frame] = []
    /// The first error of the document being read: the rest of the document is then passed over.
    private var documentError: ParseError?
    private var root: Built?

    private struct Built {
        var node: Node
        /// Collection levels in the subtree: 0 for a scalar, 1 for a flat list or mapping.
        var height: Int
        /// How a scalar was written, for telling keys written alike and merge keys.
        var scalar: ScalarForm?
    }

    /// A scalar's text and the tag it resolves to (`nil` when plain and untagged).
    private struct ScalarForm: Hashable {
        var text: String
        var tag: String?
    }

    private enum Frame {
        case sequence(Sequence)
        case mapping(Mapping)
    }

    private struct Sequence {
        var span: Span
        var anchor: String?
        var items: [Node] = []
        var height = 0
    }

    private struct Mapping {
        var span: Span
        var anchor: String?
        var entries: [Node.Entry] = []
        var height = 0
        var pendingKey: Built?
        var pendingIsMerge = false
        var merges: [(position: Int, sources: [Node])] = []
        /// Each key by its typed value, and the line it is first written on.
        var written: [ScalarKey: Int] = [:]
        /// Each key as written, and where: the same key written alike twice ends the stream.
        var spellings: [ScalarForm: Span] = [:]
        var repeated: Set<ScalarForm> = []
    }

    /// Thrown when the stream cannot go on.
    private struct StreamError: Error {
        var error: ParseError
    }

    init(file: String, limits: YAMLLoader.Limits) {
        self.file = file
        self.limits = limits
    }

    /// Every non-empty document of `bytes` (UTF-8), and the errors met.
    mutating func compose(_ bytes: UnsafeBufferPointer<UInt8>) -> (documents: [Node], errors: [ParseError]) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return ([], [ParseError("out of memory", at: Location(file: file, line: 1, column: 1))])
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        // libyaml reads the input through a pointer it does not keep past `yaml_parser_delete`.
        yaml_parser_set_input_string(&parser, bytes.baseAddress ?? UnsafePointer(bitPattern: 1), bytes.count)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                errors.append(Self.parserError(parser, bytes: bytes, file: file))
                break
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { break }
            do {
                try handle(event)
            } catch {
                errors.append(error.error)
                break
            }
        }
        return (documents, errors)
    }

    private mutating func handle(_ event: yaml_event_t) throws(StreamError) {
        let span = Span(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        if documentError != nil && event.type != YAML_DOCUMENT_START_EVENT && event.type != YAML_DOCUMENT_END_EVENT {
            return
        }
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            stack = []
            root = nil
            documentError = nil
        case YAML_DOCUMENT_END_EVENT:
            if let documentError {
                errors.append(documentError)
                if nodeCount > limits.maxNodes { throw StreamError(error: documentError) }
            } else if let root, !Self.isEmpty(root) {
                documents.append(root.node)
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            // Quoted and block scalars are strings unless tagged; plain ones are typed by the core schema.
            let tag = scalar.quoted_implicit == 1 ? CoreSchema.stringTag : Self.string(scalar.tag)
            guard count(1, at: span) else { return }
            var built = Built(node: Node(.null, span: span), height: 0, scalar: ScalarForm(text: text, tag: tag))
            guard let content = CoreSchema.content(of: text, tag: tag ?? "") else {
                return fail("\"\(text)\" is not a valid \(Self.shortTag(tag ?? ""))", at: span)
            }
            built.node = Node(content, span: span)
            if let anchor = Self.string(scalar.anchor) { anchors[anchor] = built }
            add(built)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let known = anchors[name] else {
                throw StreamError(error: error("found undefined alias \"\(name)\"", at: span))
            }
            // Reused deeper than it was written, it must still fit under the limit.
            guard stack.count + known.height <= limits.maxDepth else { return tooDeep(at: span) }
            add(known)
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            guard stack.count < limits.maxDepth else { return tooDeep(at: span) }
            guard count(1, at: span) else { return }
            if event.type == YAML_SEQUENCE_START_EVENT {
                stack.append(.sequence(Sequence(span: span, anchor: Self.string(event.data.sequence_start.anchor))))
            } else {
                stack.append(.mapping(Mapping(span: span, anchor: Self.string(event.data.mapping_start.anchor))))
            }
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { return }
            switch frame {
            case .sequence(let sequence):
                let built = Built(
                    node: Node(.sequence(sequence.items), span: sequence.span), height: sequence.height + 1)
                if let anchor = sequence.anchor { anchors[anchor] = built }
                add(built)
            case .mapping(let mapping):
                if !mapping.repeated.isEmpty {
                    // Reported at the first place of the first key in order, as Yams reports it.
                    let keys = mapping.repeated.sorted { $0.text < $1.text }
                    let place = mapping.spellings[keys[0]] ?? mapping.span
                    let names = keys.map { "\"\($0.text)\"" }.joined(separator: ", ")
                    throw StreamError(
                        error: error(
                            "mapping \(keys.count == 1 ? "key" : "keys") \(names) written more than once", at: place))
                }
                let node = merged(mapping)
                if documentError != nil { return }
                let built = Built(node: node, height: mapping.height + 1)
                if let anchor = mapping.anchor { anchors[anchor] = built }
                add(built)
            }
        default:
            break
        }
    }

    /// Adds a finished node to the collection being built, or makes it the document's root.
    private mutating func add(_ built: Built) {
        guard let last = stack.indices.last else {
            root = built
            return
        }
        switch stack[last] {
        case .sequence(var sequence):
            stack[last] = .sequence(Sequence(span: .init(line: 1, column: 1)))  // keep the items unique
            sequence.items.append(built.node)
            sequence.height = max(sequence.height, built.height)
            stack[last] = .sequence(sequence)
        case .mapping(var mapping):
            stack[last] = .sequence(Sequence(span: .init(line: 1, column: 1)))
            defer { stack[last] = .mapping(mapping) }
            mapping.height = max(mapping.height, built.height)
            guard let key = mapping.pendingKey else {
                mapping.pendingKey = built
                mapping.pendingIsMerge = Self.isMergeKey(built)
                if let form = built.scalar {
                    if mapping.spellings[form] != nil {
                        mapping.repeated.insert(form)
                    } else {
                        mapping.spellings[form] = built.node.span
                    }
                }
                return
            }
            mapping.pendingKey = nil
            if mapping.pendingIsMerge {
                if let sources = Self.mergeSources(built.node) {
                    mapping.merges.append((mapping.entries.count, sources))
                } else {
                    fail("the value of a \"<<\" merge key must be a mapping or a list of mappings", at: built.node.span)
                }
                return
            }
            if let scalarKey = ScalarKey(key.node), key.scalar.map({ !mapping.repeated.contains($0) }) ?? true {
                if let first = mapping.written[scalarKey] {
                    fail("mapping key \(scalarKey) written more than once (first at line \(first))", at: key.node.span)
                } else {
                    mapping.written[scalarKey] = Int(key.node.span.line)
                }
            }
            mapping.entries.append(Node.Entry(key: key.node, value: built.node))
        }
    }

    /// A mapping with its `<<` merge keys applied as YAML 1.1 tools (and Helm) do: the entries of
    /// the merged mapping, or of each mapping in a merged list, join at the place of the `<<` key,
    /// unless the mapping writes the key itself; among merged mappings the earlier one wins.
    private mutating func merged(_ mapping: Mapping) -> Node {
        guard !mapping.merges.isEmpty else { return Node(.mapping(mapping.entries), span: mapping.span) }
        var result: [Node.Entry] = []
        var taken = Set(mapping.written.keys)
        var next = 0
        for merge in mapping.merges {
            result += mapping.entries[next..<merge.position]
            next = merge.position
            for source in merge.sources {
                guard case .mapping(let sourceEntries) = source.content else { continue }
                guard count(sourceEntries.count, at: mapping.span) else { break }
                for entry in sourceEntries {
                    if let key = ScalarKey(entry.key) {
                        guard taken.insert(key).inserted else { continue }
                    }
                    result.append(entry)
                }
            }
        }
        result += mapping.entries[next...]
        return Node(.mapping(result), span: mapping.span)
    }

    /// The mappings a `<<` value stands for.
    private static func mergeSources(_ value: Node) -> [Node]? {
        switch value.content {
        case .mapping: return [value]
        case .sequence(let items) where items.allSatisfy({ if case .mapping = $0.content { true } else { false } }):
            return items
        default: return nil
        }
    }

    /// Counts nodes against the stream's limit; past it, the document fails.
    private mutating func count(_ added: Int, at span: Span) -> Bool {
        nodeCount += added
        guard nodeCount <= limits.maxNodes else {
            fail("the stream holds more than \(limits.maxNodes) nodes", at: span)
            return false
        }
        return true
    }

    /// Records the document's first error; the document is then not returned.
    private mutating func fail(_ message: String, at span: Span) {
        if documentError == nil { documentError = error(message, at: span) }
    }

    private mutating func tooDeep(at span: Span) {
        fail("lists and mappings nest more than \(limits.maxDepth) levels deep", at: span)
    }

    private func error(_ message: String, at span: Span) -> ParseError {
        ParseError(message, at: Location(file: file, line: Int(span.line), column: Int(span.column)))
    }

    /// A document with no content: an empty, untagged plain scalar.
    private static func isEmpty(_ built: Built) -> Bool {
        guard let form = built.scalar else { return false }
        return form.text.isEmpty && form.tag == nil
    }

    /// A plain, untagged `<<` (or one tagged `!!merge`).
    private static func isMergeKey(_ built: Built) -> Bool {
        guard let form = built.scalar, form.text == "<<" else { return false }
        return form.tag == nil || form.tag == "tag:yaml.org,2002:merge"
    }

    private static func shortTag(_ tag: String) -> String {
        let prefix = "tag:yaml.org,2002:"
        return tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// libyaml's error, at its line and column.
    private static func parserError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>, file: String)
        -> ParseError
    {
        let problem = parser.problem.map { String(cString: $0) } ?? "the YAML cannot be read"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return ParseError("out of memory", at: Location(file: file, line: 1, column: 1))
        case YAML_READER_ERROR:
            return ParseError(problem, at: location(ofByte: parser.problem_offset, in: bytes, file: file))
        default:
            let mark = parser.problem_mark
            let at = Location(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
            if problem.hasPrefix("Maximum nesting level reached") {
                return ParseError("lists and mappings nest more than 1000 levels deep", at: at)
            }
            guard let context = parser.context.map({ String(cString: $0) }), !context.isEmpty else {
                return ParseError(problem, at: at)
            }
            let place = parser.context_mark
            return ParseError(
                "\(problem) (\(context) at line \(place.line + 1), column \(place.column + 1))", at: at)
        }
    }

    /// The line and column (in Unicode scalars) of a byte offset.
    private static func location(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String) -> Location {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return Location(file: file, line: line, column: column)
    }
}

/// A scalar mapping key by type and value, to tell which keys a mapping writes itself.
private enum ScalarKey: Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)

    init?(_ node: Node) {
        switch node.content {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .int(value)
        case .double(let value): self = .double(value)
        case .string(let value): self = .string(value)
        case .sequence, .mapping, .unknown: return nil
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return "\(value)"
        case .int(let value): return "\(value)"
        case .double(let value): return "\(value)"
        case .string(let value): return "\"\(value)\""
        }
    }
}
