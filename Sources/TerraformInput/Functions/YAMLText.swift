/// YAML as Terraform's `yamlencode` writes it, and the part of YAML 1.2 that `yamldecode` reads.
///
/// Writing: block style, keys and strings double-quoted, a sequence inside a mapping at the
/// mapping's indentation, nested mappings two spaces in, multi-line strings as literal blocks.
///
/// Reading covers what configurations embed: block mappings and sequences, flow collections,
/// plain, single- and double-quoted scalars, literal (`|`) and folded (`>`) blocks, comments
/// and one document (with an optional `---`). Anchors, aliases, tags, complex keys and several
/// documents are errors rather than guesses; plain scalars resolve by the YAML 1.2 core schema.
/// Nesting is limited to `maximumDepth`.
enum YAMLText {
    static let maximumDepth = 256

    // MARK: Writing

    static func encode(_ value: TerraformValue) -> Result<String, FunctionError> {
        do throws(FunctionError) {
            return .success(try lines(value).map { $0 + "\n" }.joined())
        } catch {
            return .failure(error)
        }
    }

    /// The lines of a value written at indentation zero; the first line is the one that follows
    /// a key or a `- ` when the value is nested.
    private static func lines(_ value: TerraformValue) throws(FunctionError) -> [String] {
        switch value {
        case .list(let items) where !items.isEmpty:
            var result: [String] = []
            for item in items {
                let nested = try lines(item)
                result.append("- " + nested[0])
                result += nested.dropFirst().map { $0.isEmpty ? $0 : "  " + $0 }
            }
            return result
        case .object(let object) where !object.isEmpty:
            var result: [String] = []
            let entries = object.entries.sorted { Conversion.bytewiseLess($0.key, $1.key) }
            for (key, entry) in entries {
                let nested = try lines(entry)
                let prefix = quote(key) + ":"
                switch entry {
                case .list(let items) where !items.isEmpty:
                    result.append(prefix)
                    result += nested
                case .object(let inner) where !inner.isEmpty:
                    result.append(prefix)
                    result += nested.map { "  " + $0 }
                default:
                    result.append(prefix + " " + nested[0])
                    result += nested.dropFirst().map { $0.isEmpty ? $0 : "  " + $0 }
                }
            }
            return result
        case .list: return ["[]"]
        case .object: return ["{}"]
        case .null: return ["null"]
        case .bool(let flag): return [flag ? "true" : "false"]
        case .number(let number):
            guard number.isFinite else { return [number.isNaN ? ".nan" : (number < 0 ? "-.inf" : ".inf")] }
            return [Conversion.text(number)]
        case .string(let text): return scalarLines(text)
        case .unknown: throw FunctionError("cannot encode an unknown value as YAML")
        }
    }

    /// A string as a literal block when it spans lines and a block can hold it exactly,
    /// double-quoted otherwise. Content lines of a block come unindented; the caller indents
    /// them two spaces past its own line.
    private static func scalarLines(_ text: String) -> [String] {
        guard text.contains("\n"), literalBlockFits(text) else { return [quote(text)] }
        var body = Substring(text)
        var trailing = 0
        while body.hasSuffix("\n") {
            body = body.dropLast()
            trailing += 1
        }
        let header = trailing == 0 ? "|-" : (trailing == 1 ? "|" : "|+")
        var result = [header]
        result += body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if trailing > 1 { result += [String](repeating: "", count: trailing - 1) }
        return result
    }

    /// Whether a literal block reproduces `text`: printable, no leading space or break, no space
    /// next to a line break.
    private static func literalBlockFits(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first != " ", first != "\n" else { return false }
        var previous: Unicode.Scalar = "\0"
        for scalar in text.unicodeScalars {
            if !isPrintable(scalar) && scalar != "\n" { return false }
            if (previous == " " && scalar == "\n") || (previous == "\n" && scalar == " ") { return false }
            previous = scalar
        }
        return true
    }

    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0x10000...0x10FFFF: return true
        case 0xE000...0xFFFD: return scalar.value != 0xFEFF
        default: return false
        }
    }

    /// A double-quoted YAML scalar.
    static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\0": output += "\\0"
            case "\u{07}": output += "\\a"
            case "\u{08}": output += "\\b"
            case "\t": output += "\\t"
            case "\n": output += "\\n"
            case "\u{0B}": output += "\\v"
            case "\u{0C}": output += "\\f"
            case "\r": output += "\\r"
            case "\u{1B}": output += "\\e"
            case "\u{85}": output += "\\N"
            case "\u{A0}": output += "\\_"
            case "\u{2028}": output += "\\L"
            case "\u{2029}": output += "\\P"
            default:
                if isPrintable(scalar) {
                    output.unicodeScalars.append(scalar)
                } else if scalar.value <= 0xFF {
                    output += "\\x" + hex(scalar.value, digits: 2)
                } else if scalar.value <= 0xFFFF {
                    output += "\\u" + hex(scalar.value, digits: 4)
                } else {
                    output += "\\U" + hex(scalar.value, digits: 8)
                }
            }
        }
        return output + "\""
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    // MARK: Reading

    static func decode(_ text: String) -> Result<TerraformValue, FunctionError> {
        var parser = YAMLReader(text)
        do throws(FunctionError) {
            return .success(try parser.document())
        } catch {
            return .failure(error)
        }
    }
}
