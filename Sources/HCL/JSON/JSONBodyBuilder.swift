/// Maps a JSON document onto the same `Body`, `Block`, `Attribute` and `Expression` model as
/// the native syntax, following the HCL JSON syntax specification:
///
/// - A body is an object, or an array of objects whose properties are read in order. A
///   `"//"` property of a body is a comment and is skipped.
/// - A property whose name the schema calls a block type with N labels holds N levels of
///   objects (or arrays of objects) keyed by the labels; then one block body, or an array of
///   block bodies for several blocks with the same labels. `null` stands for no block.
/// - Any other property is an attribute. Its value maps to an expression: objects to object
///   expressions (whose keys are templates too), arrays to tuples, numbers (exact text),
///   booleans and null to literals, and strings to templates: `"${var.a}"` is an
///   interpolation, `"a-${b}"` a template, text alone a string literal. Template errors are
///   reported at their place in the file.
struct JSONBodyBuilder {
    let source: SourceText
    let schema: JSONSchema
    let options: ParseOptions
    var errors: [SyntaxError] = []

    init(source: SourceText, schema: JSONSchema, options: ParseOptions) {
        self.source = source
        self.schema = schema
        self.options = options
    }

    private mutating func record(_ message: String, at range: SourceRange) {
        guard errors.count < options.maxErrors else { return }
        errors.append(source.error(message, at: range))
    }

    // MARK: Bodies and blocks

    /// The properties of a body: an object's, or those of each object of an array, in order.
    private mutating func properties(of value: JSONValue, what: String) -> [JSONValue.Member] {
        switch value {
        case .object(let members, _):
            return members
        case .array(let elements, _):
            var members: [JSONValue.Member] = []
            for element in elements {
                if case .object(let inner, _) = element {
                    members.append(contentsOf: inner)
                } else {
                    record(
                        "expected a JSON object for \(what) but found \(article(element.kindName))", at: element.range)
                }
            }
            return members
        case .null:
            return []
        default:
            record(
                "expected a JSON object or an array of objects for \(what) but found \(article(value.kindName))",
                at: value.range)
            return []
        }
    }

    mutating func body(_ value: JSONValue, enclosing: [JSONSchema.Scope], depth: Int) -> Body {
        var attributes: [Attribute] = []
        var blocks: [Block] = []
        var defined: [String: Position] = [:]
        let what = enclosing.last.map { "the body of block \"\($0.type)\"" } ?? "the file's body"
        for member in properties(of: value, what: what) {
            if member.key == "//" { continue }
            if let labelCount = schema.labelCount(forBlock: member.key, in: enclosing) {
                let header = Header(type: member.key, typeRange: member.keyRange, labels: [])
                collectBlocks(
                    member.value, header: header, labelsLeft: labelCount, enclosing: enclosing, depth: depth,
                    into: &blocks)
                continue
            }
            if let first = defined[member.key] {
                record(
                    "attribute \"\(member.key)\" is already defined at line \(first.line), column \(first.column)",
                    at: member.keyRange)
                continue
            }
            defined[member.key] = member.keyRange.start
            let expression = self.expression(member.value, depth: depth + 1)
            attributes.append(
                Attribute(
                    name: member.key, value: expression, nameRange: member.keyRange,
                    range: member.keyRange.through(member.value.range)))
        }
        return Body(attributes: attributes, blocks: blocks, range: value.range)
    }

    /// A block's type and the labels read so far.
    private struct Header {
        var type: String
        var typeRange: SourceRange
        var labels: [Block.Label]
    }

    private mutating func collectBlocks(
        _ value: JSONValue, header: Header, labelsLeft: Int, enclosing: [JSONSchema.Scope], depth: Int,
        into blocks: inout [Block]
    ) {
        guard depth < options.maxDepth else {
            record("nesting is too deep: more than \(options.maxDepth) levels", at: value.range)
            return
        }
        if labelsLeft > 0 {
            let level = header.labels.count + 1
            let members = properties(of: value, what: "the labels of block \"\(header.type)\"")
            if members.isEmpty, Self.holdsOnlyEmptyObjects(value) {
                record(
                    "block \"\(header.type)\" needs label \(level) of \(level + labelsLeft - 1): an object whose keys are the labels",
                    at: value.range)
            }
            for member in members {
                var next = header
                next.labels.append(Block.Label(value: member.key, quoted: true, range: member.keyRange))
                collectBlocks(
                    member.value, header: next, labelsLeft: labelsLeft - 1, enclosing: enclosing, depth: depth + 1,
                    into: &blocks)
            }
            return
        }
        let scope = JSONSchema.Scope(type: header.type, labels: header.labels.map(\.value))
        switch value {
        case .null:
            return
        case .object:
            blocks.append(makeBlock(value, header: header, enclosing: enclosing + [scope], depth: depth))
        case .array(let elements, _):
            for element in elements {
                blocks.append(makeBlock(element, header: header, enclosing: enclosing + [scope], depth: depth))
            }
        default:
            record(
                "expected a JSON object or an array of objects for the body of block \"\(header.type)\" but found \(article(value.kindName))",
                at: value.range)
        }
    }

    private mutating func makeBlock(_ value: JSONValue, header: Header, enclosing: [JSONSchema.Scope], depth: Int)
        -> Block
    {
        let body = self.body(value, enclosing: enclosing, depth: depth + 1)
        return Block(
            type: header.type, labels: header.labels, body: body, typeRange: header.typeRange,
            range: header.typeRange.through(value.range))
    }

    /// An empty object, or a non-empty array of empty objects: a block level with no label.
    private static func holdsOnlyEmptyObjects(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members, _):
            return members.isEmpty
        case .array(let elements, _):
            return !elements.isEmpty
                && elements.allSatisfy { element in
                    if case .object(let members, _) = element { return members.isEmpty }
                    return false
                }
        default:
            return false
        }
    }

    private func article(_ kind: String) -> String {
        kind == "array" || kind == "object" ? "an \(kind)" : "a \(kind)"
    }

    // MARK: Expressions

    mutating func expression(_ value: JSONValue, depth: Int) -> Expression {
        guard depth < options.maxDepth else {
            record("nesting is too deep: more than \(options.maxDepth) levels", at: value.range)
            return .literal(.null, value.range)
        }
        switch value {
        case .object(let members, let range):
            var items: [Expression.ObjectItem] = []
            for member in members {
                let key = template(member.key, range: member.keyRange, depth: depth + 1)
                let element = expression(member.value, depth: depth + 1)
                items.append(
                    Expression.ObjectItem(
                        key: .expression(key), value: element, range: member.keyRange.through(element.range)))
            }
            return .object(items, range)
        case .array(let elements, let range):
            return .tuple(elements.map { expression($0, depth: depth + 1) }, range)
        case .string(let text, let range):
            return template(text, range: range, depth: depth)
        case .number(let text, let range):
            return .literal(.number(text), range)
        case .bool(let flag, let range):
            return .literal(.bool(flag), range)
        case .null(let range):
            return .literal(.null, range)
        }
    }

    /// A JSON string (`range` includes its quotes) read as a standalone template.
    private mutating func template(_ text: String, range: SourceRange, depth: Int) -> Expression {
        guard Self.mayHoldTemplateSequences(text) else { return .literal(.string(text), range) }
        let decoded = Array(text.utf8)
        var table: [Position]?
        // Without escapes the decoded bytes sit right after the opening quote; with them, each
        // decoded byte's position comes from a table.
        if range.end.offset - range.start.offset - 2 != decoded.count {
            table = JSONReader.decodeWithPositions(source.bytes, range: range).table
        }
        let base = Position(offset: range.start.offset + 1, line: range.start.line, column: range.start.column + 1)
        var remaining = options
        remaining.maxErrors = max(1, options.maxErrors - errors.count)
        let (parsed, templateErrors) = Parser.parseStandaloneTemplate(
            decoded, source: source, base: base, table: table, options: remaining, depth: depth)
        for error in templateErrors where errors.count < options.maxErrors {
            errors.append(error)
        }
        guard let parsed else { return .literal(.string(text), range) }
        switch parsed {
        case .template(let template, _): return .template(template, range)
        case .literal(let literal, _): return .literal(literal, range)
        default: return parsed
        }
    }

    /// Whether the text contains `${` or `%{` (which includes the escapes `$${` and `%%{`).
    private static func mayHoldTemplateSequences(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "{"), previous == UInt8(ascii: "$") || previous == UInt8(ascii: "%") { return true }
            previous = byte
        }
        return false
    }
}

extension ConfigFile {
    /// Parses a file in the JSON syntax (`.tf.json`), reading its properties as blocks or
    /// attributes according to `schema` (Terraform's block types by default; see
    /// `JSONSchema.terraform`). A JSON syntax error stops the read; errors in the mapping and in
    /// templates inside strings are all reported.
    public static func parseJSON(
        _ source: String, path: String = "", schema: JSONSchema = .terraform, options: ParseOptions = ParseOptions()
    ) -> ConfigFile {
        parseJSON(utf8: Array(source.utf8), path: path, schema: schema, options: options)
    }

    /// Parses a file in the JSON syntax from its bytes, which must be UTF-8.
    public static func parseJSON(
        utf8 bytes: [UInt8], path: String = "", schema: JSONSchema = .terraform, options: ParseOptions = ParseOptions()
    ) -> ConfigFile {
        let value: JSONValue
        do throws(Diagnostics) {
            value = try JSONValue.parse(utf8: bytes, path: path, options: options)
        } catch {
            return ConfigFile(path: path, body: Body(range: SourceRange(at: .start)), diagnostics: error)
        }
        var builder = JSONBodyBuilder(source: SourceText(path: path, bytes: bytes), schema: schema, options: options)
        let body = builder.body(value, enclosing: [], depth: 0)
        let sorted = builder.errors.enumerated().sorted { lhs, rhs in
            lhs.element.range.start.offset != rhs.element.range.start.offset
                ? lhs.element.range.start.offset < rhs.element.range.start.offset : lhs.offset < rhs.offset
        }.map(\.element)
        return ConfigFile(path: path, body: body, diagnostics: Diagnostics(sorted))
    }
}
