import HCL

/// Checks that every range in a parsed body is well formed and nested: each node's range lies
/// inside the file and inside its parent's range. Returns a description of each violation.
struct RangeInvariant {
    let size: Int
    private(set) var violations: [String] = []

    init(size: Int) {
        self.size = size
    }

    static func check(_ body: Body, size: Int) -> [String] {
        var checker = RangeInvariant(size: size)
        checker.visit(body, within: nil)
        return checker.violations
    }

    private mutating func check(_ range: SourceRange, within parent: SourceRange?, _ what: @autoclosure () -> String) {
        let start = range.start
        let end = range.end
        if start.offset > end.offset || end.offset > size || start.line < 1 || start.column < 1 || end.line < start.line
        {
            violations.append("\(what()) has a malformed range \(range) (\(start.offset)..<\(end.offset))")
        }
        if let parent, start.offset < parent.start.offset || end.offset > parent.end.offset {
            violations.append("\(what()) at \(range) lies outside its parent \(parent)")
        }
    }

    mutating func visit(_ body: Body, within parent: SourceRange?) {
        check(body.range, within: parent, "body")
        for attribute in body.attributes {
            check(attribute.range, within: body.range, "attribute \(attribute.name)")
            check(attribute.nameRange, within: attribute.range, "name of \(attribute.name)")
            visit(attribute.value, within: attribute.range)
        }
        for block in body.blocks {
            check(block.range, within: body.range, "block \(block.type)")
            check(block.typeRange, within: block.range, "type of \(block.type)")
            for label in block.labels { check(label.range, within: block.range, "label \(label.value)") }
            visit(block.body, within: block.range)
        }
    }

    mutating func visit(_ expression: Expression, within parent: SourceRange) {
        let range = expression.range
        check(range, within: parent, "expression \(expression)")
        switch expression {
        case .literal, .variable, .splatItem:
            break
        case .template(let template, _):
            visit(template.parts, within: range)
        case .attribute(let operand, _, _):
            visit(operand, within: range)
        case .index(let operand, let key, _):
            visit(operand, within: range)
            visit(key, within: range)
        case .splat(let splat, _):
            visit(splat.source, within: range)
            visit(splat.each, within: range)
        case .tuple(let elements, _):
            for element in elements { visit(element, within: range) }
        case .object(let items, _):
            for item in items {
                check(item.range, within: range, "object item")
                if case .expression(let key) = item.key { visit(key, within: item.range) }
                visit(item.value, within: item.range)
            }
        case .call(let call, _):
            check(call.nameRange, within: range, "function name \(call.name)")
            for argument in call.arguments { visit(argument, within: range) }
        case .forExpression(let clause, _):
            visit(clause.collection, within: range)
            if let key = clause.key { visit(key, within: range) }
            visit(clause.value, within: range)
            if let condition = clause.condition { visit(condition, within: range) }
        case .conditional(let condition, let whenTrue, let whenFalse, _):
            visit(condition, within: range)
            visit(whenTrue, within: range)
            visit(whenFalse, within: range)
        case .unary(_, let operand, _), .parenthesized(let operand, _):
            visit(operand, within: range)
        case .binary(_, let left, let right, _):
            visit(left, within: range)
            visit(right, within: range)
        }
    }

    mutating func visit(_ parts: [Template.Part], within parent: SourceRange) {
        for part in parts {
            let range = part.range
            check(range, within: parent, "template part")
            switch part {
            case .literal:
                break
            case .interpolation(let expression, _):
                visit(expression, within: range)
            case .ifDirective(let condition, let whenTrue, let whenFalse, _):
                visit(condition, within: range)
                visit(whenTrue, within: range)
                if let whenFalse { visit(whenFalse, within: range) }
            case .forDirective(_, _, let collection, let body, _):
                visit(collection, within: range)
                visit(body, within: range)
            }
        }
    }
}
