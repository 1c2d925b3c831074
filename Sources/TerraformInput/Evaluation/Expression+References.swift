import HCL

extension Expression {
    /// Calls `visit` with the root name of every traversal in the expression and the names of its
    /// first two attribute steps (`aws_s3_bucket`, `logs`, `id` for `aws_s3_bucket.logs.id`;
    /// index steps are passed over: `aws_s3_bucket.logs[0].id` gives the same).
    func forEachTraversalRoot(_ visit: (String, String?, String?) -> Void) {
        var stack: [Expression] = [self]
        while let expression = stack.popLast() {
            switch expression {
            case .variable(let name, _):
                visit(name, nil, nil)
            case .attribute, .index:
                var steps: [String] = []
                var current = expression
                var root: String?
                loop: while true {
                    switch current {
                    case .attribute(let base, let name, _):
                        steps.append(name)
                        current = base
                    case .index(let base, let key, _):
                        stack.append(key)
                        steps.removeAll()
                        current = base
                    case .variable(let name, _):
                        root = name
                        break loop
                    default:
                        stack.append(current)
                        break loop
                    }
                }
                if let root {
                    let ordered = Array(steps.reversed())
                    visit(root, ordered.first, ordered.count > 1 ? ordered[1] : nil)
                }
            case .literal, .splatItem:
                continue
            case .template(let template, _):
                stack += Self.expressions(in: template.parts)
            case .splat(let splat, _):
                stack.append(splat.source)
                stack.append(splat.each)
            case .tuple(let items, _):
                stack += items
            case .object(let items, _):
                for item in items {
                    if case .expression(let key) = item.key { stack.append(key) }
                    stack.append(item.value)
                }
            case .call(let call, _):
                stack += call.arguments
            case .forExpression(let form, _):
                stack.append(form.collection)
                stack.append(form.value)
                if let key = form.key { stack.append(key) }
                if let condition = form.condition { stack.append(condition) }
            case .conditional(let condition, let whenTrue, let whenFalse, _):
                stack += [condition, whenTrue, whenFalse]
            case .unary(_, let operand, _):
                stack.append(operand)
            case .binary(_, let left, let right, _):
                stack += [left, right]
            case .parenthesized(let inner, _):
                stack.append(inner)
            }
        }
    }

    private static func expressions(in parts: [Template.Part]) -> [Expression] {
        var result: [Expression] = []
        for part in parts {
            switch part {
            case .literal: continue
            case .interpolation(let expression, _): result.append(expression)
            case .ifDirective(let condition, let whenTrue, let whenFalse, _):
                result.append(condition)
                result += expressions(in: whenTrue) + expressions(in: whenFalse ?? [])
            case .forDirective(_, _, let collection, let body, _):
                result.append(collection)
                result += expressions(in: body)
            }
        }
        return result
    }
}
