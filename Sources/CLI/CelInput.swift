import CEL
import Workspace
import Yams

/// Reads the variables of `palisade cel eval` from JSON and YAML.
enum CelInput {
    /// Why a variable could not be read, worded for the user and printed as it is:
    /// `PLACE:LINE:COLUMN: error: MESSAGE` and an excerpt when the position is known.
    struct InputError: Error, CustomStringConvertible {
        var description: String
    }

    /// Most arrays and objects a YAML document may nest, as for JSON.
    static let maxNesting = Value.defaultJSONNesting
    /// Most nodes a YAML document may hold. Aliases do not count again: an anchored node is
    /// converted once and shared (lists and maps are copy-on-write), so a few lines of nested
    /// aliases cannot stand for billions of nodes.
    static let maxYAMLNodes = 10_000_000

    /// `NAME=JSON`.
    static func variable(fromAssignment assignment: String) throws(InputError) -> (String, Value) {
        guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
            throw InputError(description: "palisade cel eval: error: --var \"\(assignment)\": expected NAME=JSON")
        }
        let name = String(assignment[..<equals])
        let json = String(assignment[assignment.index(after: equals)...])
        do {
            return (name, try Value(json: json))
        } catch {
            let place = excerpt(of: json, line: error.line, column: error.column)
            throw InputError(
                description: "<var \(name)>:\(error.line):\(error.column): error: \(error.message)\n\(place)")
        }
    }

    /// Each top-level key of the object in the file (or standard input for "-").
    static func variables(fromFile path: String) throws -> [String: Value] {
        let lowercased = path.lowercased()
        let document: Value = try InputReader.withContents(path: path) { bytes in
            let yaml: Bool
            if lowercased.hasSuffix(".yaml") || lowercased.hasSuffix(".yml") {
                yaml = true
            } else if lowercased.hasSuffix(".json") {
                yaml = false
            } else {
                yaml = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) != UInt8(ascii: "{")
            }
            return yaml ? readYAML(bytes, path: path) : readJSON(bytes, path: path)
        }.get()
        guard case .map(let map) = document else {
            throw InputError(
                description:
                    "\(path): error: the document must be an object whose keys are variable names, not \(kind(document))"
            )
        }
        var variables: [String: Value] = [:]
        for (key, value) in map.entries {
            guard case .string(let name) = key else {
                throw InputError(
                    description: "\(path): error: the key \(key) is not a string, so it cannot name a variable")
            }
            variables[name] = value
        }
        return variables
    }

    private static func kind(_ value: Value) -> String {
        switch value {
        case .list: return "a list"
        case .null: return "null"
        default: return "a single \(value.celType.runtimeName)"
        }
    }

    private static func readJSON(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> Result<Value, InputError> {
        do {
            return .success(try Value(json: bytes))
        } catch {
            let text = String(decoding: bytes, as: UTF8.self)
            let place = excerpt(of: text, line: error.line, column: error.column)
            return .failure(
                InputError(description: "\(path):\(error.line):\(error.column): error: \(error.message)\n\(place)"))
        }
    }

    private static func readYAML(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> Result<Value, InputError> {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            guard let root = try Yams.compose(yaml: text, coreSchema) else { return .success(.map(MapValue())) }
            var converter = YAMLConverter()
            return .success(try converter.value(root, depth: 0))
        } catch let error as InputError {
            return .failure(InputError(description: "\(path):\(error.description)"))
        } catch {
            // Yams writes "LINE:COLUMN: error: ..." and the offending line.
            return .failure(InputError(description: "\(path):\(error)"))
        }
    }

    /// The line of `text` and a caret under the column.
    static func excerpt(of text: String, line: Int, column: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard line - 1 < lines.count else { return "" }
        let shown = lines[line - 1]
        var padding = ""
        for (index, scalar) in shown.unicodeScalars.enumerated() where index < column - 1 {
            padding.append(scalar == "\t" ? "\t" : " ")
        }
        return String(shown) + "\n" + padding + "^"
    }

    // MARK: YAML

    /// YAML 1.2's core schema: only true/false are booleans, only ~/null/empty are null, and
    /// dates are plain strings. (Yams' default schema is YAML 1.1's, where `no` is false.)
    static let coreSchema: Resolver = {
        let rules: [(Tag.Name, String)] = [
            (.null, "^(?:~|null|Null|NULL|)$"),
            (.bool, "^(?:true|True|TRUE|false|False|FALSE)$"),
            (.int, "^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
            (
                .float,
                "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"
            ),
            (.merge, "^<<$"),
        ]
        var resolver = Resolver.basic
        for (tag, pattern) in rules {
            // The patterns are constants; a bad one is a programming error caught by the tests.
            resolver = try! resolver.appending(tag, pattern)
        }
        return resolver
    }()

    /// Turns a composed YAML node into a `Value`. compose() puts the anchored node itself
    /// wherever an alias stood; each list and mapping is converted once and then reused.
    private struct YAMLConverter {
        var nodes = 0
        /// The deepest level reached by the conversion so far.
        var reached = 0
        /// Converted lists and mappings and how many levels they hold, by where they start.
        var anchored: [Position: (value: Value, height: Int)] = [:]

        struct Position: Hashable {
            var line: Int
            var column: Int
            var kind: Int
        }

        mutating func value(_ node: Node, depth: Int) throws(InputError) -> Value {
            // Yams keeps anchors only while parsing, so a reused node is known by its position:
            // no two lists or two mappings start at the same place.
            let kind: Int
            switch node {
            case .sequence: kind = 0
            case .mapping: kind = 1
            default: return try convert(node, depth: depth)
            }
            guard let mark = node.mark else { return try convert(node, depth: depth) }
            let key = Position(line: mark.line, column: mark.column, kind: kind)
            if let known = anchored[key] {
                // Reused deeper than it was written, it must still fit under the nesting limit.
                try checkNesting(depth + known.height, node)
                reached = max(reached, depth + known.height)
                return known.value
            }
            let outer = reached
            reached = depth
            let converted = try convert(node, depth: depth)
            anchored[key] = (converted, reached - depth)
            reached = max(outer, reached)
            return converted
        }

        private func checkNesting(_ depth: Int, _ node: Node) throws(InputError) {
            guard depth <= CelInput.maxNesting else {
                throw fail(node, "lists and mappings nest more than \(CelInput.maxNesting) levels deep")
            }
        }

        private mutating func convert(_ node: Node, depth: Int) throws(InputError) -> Value {
            nodes += 1
            guard nodes <= CelInput.maxYAMLNodes else {
                throw fail(nil, "the document has more than \(CelInput.maxYAMLNodes) nodes")
            }
            try checkNesting(depth, node)
            reached = max(reached, depth)
            switch node {
            case .scalar(let scalar):
                return try self.scalar(scalar, tag: Tag.Name(rawValue: node.tag.rawValue))
            case .sequence(let sequence):
                var elements: [Value] = []
                elements.reserveCapacity(sequence.count)
                for element in sequence { elements.append(try value(element, depth: depth + 1)) }
                return .list(elements)
            case .mapping(let mapping):
                var map = MapValue()
                var merged: [(MapKey, Value)] = []
                for (keyNode, valueNode) in mapping {
                    if case .scalar = keyNode, Tag.Name(rawValue: keyNode.tag.rawValue) == .merge {
                        merged += try mergeEntries(valueNode, depth: depth)
                        continue
                    }
                    let key = try value(keyNode, depth: depth + 1)
                    guard let mapKey = MapKey(key) else {
                        throw fail(keyNode, "a mapping key must be a string, int or bool")
                    }
                    map.set(mapKey, try value(valueNode, depth: depth + 1))
                }
                // Keys written in the mapping win over keys merged in with <<.
                for (key, value) in merged where map[key] == nil { map.set(key, value) }
                return .map(map)
            case .alias:
                // compose() replaces aliases with the anchored nodes; nothing is left to follow.
                throw fail(node, "unresolved alias")
            }
        }

        /// The entries of a `<<` value: a mapping, or a list of mappings (earlier ones win).
        private mutating func mergeEntries(_ node: Node, depth: Int) throws(InputError) -> [(MapKey, Value)] {
            var sources: [Node] = []
            switch node {
            case .mapping: sources = [node]
            case .sequence(let sequence): sources = Array(sequence)
            default: throw fail(node, "<< must be followed by a mapping or a list of them")
            }
            var entries: [(MapKey, Value)] = []
            for source in sources {
                guard case .map(let map) = try value(source, depth: depth + 1) else {
                    throw fail(source, "<< must be followed by a mapping or a list of them")
                }
                entries += map.entries.map { ($0.key, $0.value) }
            }
            return entries
        }

        private func scalar(_ scalar: Node.Scalar, tag: Tag.Name) throws(InputError) -> Value {
            let text = scalar.string
            switch tag {
            case .null:
                return .null
            case .bool:
                switch text.lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default: throw fail(.scalar(scalar), "'\(text)' is not a boolean")
                }
            case .int:
                if let value = Self.integer(text) { return value }
                throw fail(.scalar(scalar), "'\(text)' is not an integer")
            case .float:
                if let value = Self.double(text) { return .double(value) }
                throw fail(.scalar(scalar), "'\(text)' is not a number")
            default:
                return .string(text)
            }
        }

        /// Decimal, 0o octal or 0x hex; a decimal too large for an int becomes a double, as in JSON.
        private static func integer(_ text: String) -> Value? {
            var body = Substring(text)
            var negative = false
            if let sign = body.first, sign == "-" || sign == "+" {
                negative = sign == "-"
                body = body.dropFirst()
            }
            var radix = 10
            if body.hasPrefix("0x") {
                radix = 16
                body = body.dropFirst(2)
            } else if body.hasPrefix("0o") {
                radix = 8
                body = body.dropFirst(2)
            }
            if let magnitude = UInt64(body, radix: radix) {
                if negative {
                    if magnitude <= UInt64(Int64.max) + 1 {
                        return .int(magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude))
                    }
                } else if magnitude <= UInt64(Int64.max) {
                    return .int(Int64(magnitude))
                }
            }
            guard radix == 10, let double = Double(text), double.isFinite else { return nil }
            return .double(double)
        }

        private static func double(_ text: String) -> Double? {
            switch text {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
            case "-.inf", "-.Inf", "-.INF": return -.infinity
            case ".nan", ".NaN", ".NAN": return .nan
            default: break
            }
            // Swift's Double(String) accepts "1." and ".5" but not a leading "+".
            let unsigned = text.hasPrefix("+") ? String(text.dropFirst()) : text
            guard let value = Double(unsigned), value.isFinite else { return nil }
            return value
        }

        /// An error at a node: `LINE:COLUMN: error: MESSAGE`, for the file name to precede.
        private func fail(_ node: Node?, _ message: String) -> InputError {
            guard let mark = node?.mark else { return InputError(description: " error: " + message) }
            return InputError(description: "\(mark.line):\(mark.column): error: " + message)
        }
    }
}
