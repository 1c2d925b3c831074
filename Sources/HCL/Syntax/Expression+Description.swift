extension Expression: CustomStringConvertible {
    /// The expression printed in an HCL-like form that shows its structure: every unary,
    /// binary and conditional operation in parentheses, splats as `(splat. source each)` or
    /// `(splat[] source each)` with `@` for the element, templates as `template[...]`.
    /// Tests compare parsed expressions with it.
    public var description: String {
        switch self {
        case .literal(let literal, _):
            switch literal {
            case .number(let text): return text
            case .string(let text): return Self.quoted(text)
            case .bool(let value): return value ? "true" : "false"
            case .null: return "null"
            }
        case .template(let template, _):
            return "template" + Self.describe(template.parts)
        case .variable(let name, _):
            return name
        case .attribute(let operand, let name, _):
            return "\(operand).\(name)"
        case .index(let operand, let key, _):
            return "\(operand)[\(key)]"
        case .splat(let splat, _):
            return "(splat\(splat.kind == .full ? "[]" : ".") \(splat.source) \(splat.each))"
        case .splatItem:
            return "@"
        case .tuple(let elements, _):
            return "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .object(let items, _):
            let shown = items.map { item in
                switch item.key {
                case .name(let name, _): return "\(name) = \(item.value)"
                case .expression(let key): return "\(key) = \(item.value)"
                }
            }
            return "{" + shown.joined(separator: ", ") + "}"
        case .call(let call, _):
            let arguments = call.arguments.map(\.description).joined(separator: ", ")
            return "\(call.name)(\(arguments)\(call.expandsFinalArgument ? "..." : ""))"
        case .forExpression(let clause, _):
            let variables = (clause.keyVariable.map { $0 + ", " } ?? "") + clause.valueVariable
            var text = "for \(variables) in \(clause.collection) : "
            if let key = clause.key { text += "\(key) => " }
            text += clause.value.description
            if clause.grouping { text += "..." }
            if let condition = clause.condition { text += " if \(condition)" }
            return clause.producesObject ? "{\(text)}" : "[\(text)]"
        case .conditional(let condition, let whenTrue, let whenFalse, _):
            return "(\(condition) ? \(whenTrue) : \(whenFalse))"
        case .unary(let operation, let operand, _):
            return "(\(operation.rawValue)\(operand))"
        case .binary(let operation, let left, let right, _):
            return "(\(left) \(operation.rawValue) \(right))"
        case .parenthesized(let inner, _):
            return "(\(inner))"
        }
    }

    static func describe(_ parts: [Template.Part]) -> String {
        let shown = parts.map { part -> String in
            switch part {
            case .literal(let text, _):
                return quoted(text)
            case .interpolation(let expression, _):
                return "${\(expression)}"
            case .ifDirective(let condition, let whenTrue, let whenFalse, _):
                var text = "%{if \(condition)}" + describe(whenTrue)
                if let whenFalse { text += "%{else}" + describe(whenFalse) }
                return text
            case .forDirective(let key, let value, let collection, let body, _):
                let variables = (key.map { $0 + ", " } ?? "") + value
                return "%{for \(variables) in \(collection)}" + describe(body)
            }
        }
        return "[" + shown.joined(separator: ", ") + "]"
    }

    /// `text` in double quotes, with quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let digits = String(scalar.value, radix: 16, uppercase: true)
                    result += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension Body: CustomStringConvertible {
    /// The body printed like HCL, two spaces per level, attributes before blocks, values as
    /// `Expression.description` prints them.
    public var description: String {
        var lines: [String] = []
        describe(into: &lines, indent: "")
        return lines.joined(separator: "\n")
    }

    private func describe(into lines: inout [String], indent: String) {
        for attribute in attributes {
            lines.append("\(indent)\(attribute.name) = \(attribute.value)")
        }
        for block in blocks {
            let labels = block.labels.map { $0.quoted ? Expression.quoted($0.value) : $0.value }
            let header = ([block.type] + labels).joined(separator: " ")
            if block.body.attributes.isEmpty, block.body.blocks.isEmpty {
                lines.append("\(indent)\(header) {}")
            } else {
                lines.append("\(indent)\(header) {")
                block.body.describe(into: &lines, indent: indent + "  ")
                lines.append("\(indent)}")
            }
        }
    }
}
