import HCL

/// Expression evaluation, as Terraform evaluates: HCL's operators and conversions, references to
/// the module's variables, locals, resources, data sources and module outputs, and functions.
/// Unknown values flow through every operation; an expression that cannot be evaluated throws,
/// and the caller reports it and takes the value as unknown.
extension ModuleInstance {
    func evaluate(_ expression: Expression, _ scope: Scope) throws(EvaluationError) -> TerraformValue {
        steps += 1
        if steps > Self.stepLimit {
            throw EvaluationError("evaluation stopped: more than \(Self.stepLimit) steps", expression.range)
        }
        switch expression {
        case .literal(let literal, let range):
            switch literal {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .string(let text): return .string(text)
            case .number(let text):
                guard let number = Double(text) else { throw EvaluationError("invalid number \(text)", range) }
                return .number(number)
            }
        case .template(let template, _):
            if case .quoted = template.form, let single = template.unwrapped {
                return try evaluate(single, scope)
            }
            var text = ""
            guard try render(template.parts, scope, into: &text) else { return .unknown }
            return .string(text)
        case .variable(let name, let range):
            if let value = scope.names[name] { return value }
            throw EvaluationError(Self.describeBareName(name), range)
        case .attribute(let base, let name, let range):
            if let value = try reference(base, name, range, scope) { return value }
            return try Self.attribute(of: try evaluate(base, scope), name, range)
        case .index(let base, let keyExpression, let range):
            let collection = try evaluate(base, scope)
            let key = try evaluate(keyExpression, scope)
            return try Self.index(collection, key, range)
        case .splat(let splat, _):
            let source = try evaluate(splat.source, scope)
            let items: [TerraformValue]
            switch source {
            case .unknown: return .unknown
            case .null: return .list([])
            case .list(let list): items = list
            default:
                // A splat over one value treats it as a list of that value.
                items = [source]
            }
            var results: [TerraformValue] = []
            var inner = scope
            for item in items {
                inner.splatItem = item
                results.append(try evaluate(splat.each, inner))
            }
            return .list(results)
        case .splatItem(let range):
            guard let item = scope.splatItem else { throw EvaluationError("splat item outside a splat", range) }
            return item
        case .tuple(let elements, _):
            var values: [TerraformValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try evaluate(element, scope)) }
            return .list(values)
        case .object(let items, _):
            var object = ObjectValue()
            var unknownKey = false
            for item in items {
                let key: String
                switch item.key {
                case .name(let name, _): key = name
                case .expression(let keyExpression):
                    let value = try evaluate(keyExpression, scope)
                    if value.isUnknown {
                        unknownKey = true
                        continue
                    }
                    guard let text = value.stringValue else {
                        throw EvaluationError("object key must be a string, not \(value.typeName)", keyExpression.range)
                    }
                    key = text
                }
                object.set(key, try evaluate(item.value, scope))
            }
            return unknownKey ? .unknown : .object(object)
        case .call(let call, let range):
            return try evaluateCall(call, range, scope)
        case .forExpression(let forExpression, let range):
            return try evaluateFor(forExpression, range, scope)
        case .conditional(let condition, let whenTrue, let whenFalse, _):
            switch try Self.bool(try evaluate(condition, scope), condition.range) {
            case true?: return try evaluate(whenTrue, scope)
            case false?: return try evaluate(whenFalse, scope)
            case nil:
                // Unknown condition: known only if both branches agree.
                let first = try? evaluate(whenTrue, scope)
                let second = try? evaluate(whenFalse, scope)
                if let first, first == second, !first.containsUnknown { return first }
                return .unknown
            }
        case .unary(let operation, let operand, let range):
            let value = try evaluate(operand, scope)
            switch operation {
            case .not:
                guard let flag = try Self.bool(value, range) else { return .unknown }
                return .bool(!flag)
            case .negate:
                guard let number = try Self.number(value, range) else { return .unknown }
                return .number(-number)
            }
        case .binary(let operation, let left, let right, let range):
            return try evaluateBinary(operation, left, right, range, scope)
        case .parenthesized(let inner, _):
            return try evaluate(inner, scope)
        }
    }

    private static func describeBareName(_ name: String) -> String {
        switch name {
        case "var", "local", "module", "data", "path", "terraform":
            return "\"\(name)\" must be followed by an attribute, such as \(name).example"
        case "count": return "count.index is available only in a resource or module with count"
        case "each": return "each.key and each.value are available only in a resource or module with for_each"
        default: return "unknown name \"\(name)\""
        }
    }

    // MARK: References

    /// The value of `base.name` when `base` names one of the module's namespaces (`var`,
    /// `local`, `module`, `path`, `terraform`, `data.TYPE`, a resource type); `nil` otherwise.
    private func reference(
        _ base: Expression, _ name: String, _ range: SourceRange, _ scope: Scope
    ) throws(EvaluationError) -> TerraformValue? {
        if case .attribute(.variable("data", _), let type, _) = base, scope.names["data"] == nil {
            return try resourceValue("data.\(type).\(name)", range)
        }
        guard case .variable(let root, _) = base, scope.names[root] == nil else { return nil }
        switch root {
        case "var":
            guard config.variables[name] != nil else {
                throw EvaluationError("reference to undeclared input variable \"\(name)\"", range, isStatic: true)
            }
            return variableValue(name)
        case "local":
            return try localValue(name, range)
        case "module":
            return try moduleValue(name, range)
        case "path":
            switch name {
            case "module": return .string(config.directory)
            case "root", "cwd": return .string(rootDirectory)
            default: throw EvaluationError("unknown path attribute \"\(name)\"", range)
            }
        case "terraform":
            if name == "workspace" { return .string("default") }
            return .unknown
        case "self":
            return .unknown
        case "data", "count", "each":
            return nil
        default:
            return try resourceValue("\(root).\(name)", range)
        }
    }

    static func attribute(of value: TerraformValue, _ name: String, _ range: SourceRange) throws(EvaluationError)
        -> TerraformValue
    {
        switch value {
        case .unknown: return .unknown
        case .object(let object):
            if let found = object[name] { return found }
            if object.isOpen { return .unknown }
            throw EvaluationError("this object does not have an attribute named \"\(name)\"", range)
        case .null:
            throw EvaluationError("attempt to get attribute \"\(name)\" from a null value", range)
        case .list:
            throw EvaluationError(
                "cannot access attribute \"\(name)\" on a list; use an index or a splat ([*].\(name))", range)
        default:
            throw EvaluationError("cannot access attribute \"\(name)\" on a \(value.typeName)", range)
        }
    }

    static func index(_ collection: TerraformValue, _ key: TerraformValue, _ range: SourceRange)
        throws(EvaluationError) -> TerraformValue
    {
        if collection.isUnknown || key.isUnknown { return .unknown }
        switch collection {
        case .list(let items):
            guard let number = try number(key, range), number == number.rounded(), number >= 0,
                number < Double(items.count)
            else {
                throw EvaluationError(
                    "index \(key.stringValue ?? key.typeName) is out of range for a list of \(items.count) elements",
                    range)
            }
            return items[Int(number)]
        case .object(let object):
            guard let name = key.stringValue else {
                throw EvaluationError("a map or object key must be a string, not \(key.typeName)", range)
            }
            if let found = object[name] { return found }
            if object.isOpen { return .unknown }
            throw EvaluationError("the given key \"\(name)\" does not exist", range)
        case .null:
            throw EvaluationError("cannot index a null value", range)
        default:
            throw EvaluationError("cannot index a \(collection.typeName)", range)
        }
    }

    // MARK: Templates

    /// Appends the rendered parts; `false` when an interpolated value is unknown.
    /// Renders with `placeholder` standing in for every unknown interpolation; `nil` when the
    /// template cannot be rendered even so (an unknown condition or collection of a directive).
    func render(_ template: Template, _ scope: Scope, placeholder: String) -> String? {
        var text = ""
        var inner = scope
        inner.unknownPlaceholder = placeholder
        guard (try? render(template.parts, inner, into: &text)) == true else { return nil }
        return text
    }

    private func render(_ parts: [Template.Part], _ scope: Scope, into text: inout String) throws(EvaluationError)
        -> Bool
    {
        for part in parts {
            switch part {
            case .literal(let literal, _):
                text += literal
            case .interpolation(let expression, let range):
                let value = try evaluate(expression, scope)
                if value.isUnknown {
                    guard let placeholder = scope.unknownPlaceholder else { return false }
                    text += placeholder
                    continue
                }
                guard let string = value.stringValue else {
                    if case .null = value { throw EvaluationError("cannot include a null value in a string", range) }
                    throw EvaluationError("cannot include a \(value.typeName) in a string", range)
                }
                text += string
            case .ifDirective(let condition, let whenTrue, let whenFalse, let range):
                guard let flag = try Self.bool(try evaluate(condition, scope), range) else { return false }
                if flag {
                    guard try render(whenTrue, scope, into: &text) else { return false }
                } else if let whenFalse {
                    guard try render(whenFalse, scope, into: &text) else { return false }
                }
            case .forDirective(let keyVariable, let valueVariable, let collection, let body, let range):
                let value = try evaluate(collection, scope)
                guard let pairs = try Self.iterationPairs(value, range) else { return false }
                for (key, element) in pairs {
                    var inner = scope.binding(valueVariable, element)
                    if let keyVariable { inner = inner.binding(keyVariable, key) }
                    guard try render(body, inner, into: &text) else { return false }
                }
            }
        }
        return true
    }

    /// The (key, value) pairs a `for` iterates: index and element of a list, key and value of an
    /// object; `nil` when the collection is unknown.
    static func iterationPairs(_ collection: TerraformValue, _ range: SourceRange) throws(EvaluationError)
        -> [(TerraformValue, TerraformValue)]?
    {
        switch collection {
        case .unknown: return nil
        case .list(let items): return items.enumerated().map { (.number(Double($0.offset)), $0.element) }
        case .object(let object): return object.entries.map { (.string($0.key), $0.value) }
        case .null: throw EvaluationError("cannot iterate over a null value", range)
        default: throw EvaluationError("cannot iterate over a \(collection.typeName)", range)
        }
    }

    // MARK: for expressions

    private func evaluateFor(_ form: Expression.ForExpression, _ range: SourceRange, _ scope: Scope)
        throws(EvaluationError) -> TerraformValue
    {
        let collection = try evaluate(form.collection, scope)
        guard let pairs = try Self.iterationPairs(collection, form.collection.range) else { return .unknown }
        var list: [TerraformValue] = []
        var object: [String: TerraformValue] = [:]
        var groups: [String: [TerraformValue]] = [:]
        var unknown = false
        for (key, element) in pairs {
            var inner = scope.binding(form.valueVariable, element)
            if let keyVariable = form.keyVariable { inner = inner.binding(keyVariable, key) }
            if let condition = form.condition {
                guard let keep = try Self.bool(try evaluate(condition, inner), condition.range) else {
                    unknown = true
                    continue
                }
                if !keep { continue }
            }
            let value = try evaluate(form.value, inner)
            guard let keyExpression = form.key else {
                list.append(value)
                continue
            }
            let keyValue = try evaluate(keyExpression, inner)
            if keyValue.isUnknown {
                unknown = true
                continue
            }
            guard let name = keyValue.stringValue else {
                throw EvaluationError(
                    "a for expression's key must be a string, not \(keyValue.typeName)", keyExpression.range)
            }
            if form.grouping {
                groups[name, default: []].append(value)
            } else {
                if object[name] != nil {
                    throw EvaluationError(
                        "duplicate key \"\(name)\" in a for expression; use ... to group values", range)
                }
                object[name] = value
            }
        }
        if unknown { return .unknown }
        if form.key == nil { return .list(list) }
        if form.grouping { return .object(groups.map { ($0.key, TerraformValue.list($0.value)) }) }
        return .object(object.map { ($0.key, $0.value) })
    }

    // MARK: Calls

    private func evaluateCall(_ call: Expression.FunctionCall, _ range: SourceRange, _ scope: Scope)
        throws(EvaluationError) -> TerraformValue
    {
        switch call.name {
        case "try":
            var last: EvaluationError?
            for argument in call.arguments {
                do throws(EvaluationError) {
                    return try evaluate(argument, scope)
                } catch {
                    if error.isStatic { throw error }
                    last = error
                }
            }
            throw EvaluationError(
                "no expression given to try could be evaluated" + (last.map { ": \($0.message)" } ?? ""), range)
        case "can":
            guard call.arguments.count == 1 else { throw EvaluationError("can takes exactly one argument", range) }
            do throws(EvaluationError) {
                let value = try evaluate(call.arguments[0], scope)
                return value.isUnknown ? .unknown : .bool(true)
            } catch {
                if error.isStatic { throw error }
                return .bool(false)
            }
        default:
            break
        }
        var arguments: [TerraformValue] = []
        for argument in call.arguments { arguments.append(try evaluate(argument, scope)) }
        if call.expandsFinalArgument, let last = arguments.popLast() {
            switch last {
            case .list(let items): arguments += items
            case .unknown: return .unknown
            default:
                throw EvaluationError(
                    "the final argument expanded with ... must be a list, not \(last.typeName)", range)
            }
        }
        if call.namespace != nil { return .unknown }  // provider-defined functions run in the provider
        guard let result = Functions.call(call.name, arguments, context: functionContext) else {
            throw EvaluationError("call to unknown function \"\(call.name)\"", call.nameRange)
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw EvaluationError(error.message, range)
        }
    }

    // MARK: Operators

    private func evaluateBinary(
        _ operation: Expression.BinaryOperator, _ leftExpression: Expression, _ rightExpression: Expression,
        _ range: SourceRange, _ scope: Scope
    ) throws(EvaluationError) -> TerraformValue {
        let left = try evaluate(leftExpression, scope)
        let right = try evaluate(rightExpression, scope)
        switch operation {
        case .and, .or:
            let a = try Self.bool(left, leftExpression.range)
            let b = try Self.bool(right, rightExpression.range)
            let decisive = operation == .or
            if a == decisive || b == decisive { return .bool(decisive) }
            guard let a, let b else { return .unknown }
            return .bool(operation == .and ? a && b : a || b)
        case .equal, .notEqual:
            if left.containsUnknown || right.containsUnknown { return .unknown }
            // Terraform's `==`: equal types and values (a number never equals a string).
            return .bool((left == right) == (operation == .equal))
        default:
            guard let a = try Self.number(left, leftExpression.range),
                let b = try Self.number(right, rightExpression.range)
            else { return .unknown }
            switch operation {
            case .less: return .bool(a < b)
            case .greater: return .bool(a > b)
            case .lessEqual: return .bool(a <= b)
            case .greaterEqual: return .bool(a >= b)
            case .add: return .number(a + b)
            case .subtract: return .number(a - b)
            case .multiply: return .number(a * b)
            case .divide:
                guard b != 0 else { throw EvaluationError("division by zero", range) }
                return .number(a / b)
            case .modulo:
                guard b != 0 else { throw EvaluationError("modulo by zero", range) }
                return .number(a.truncatingRemainder(dividingBy: b))
            default: return .unknown
            }
        }
    }

    /// A bool, converting the strings "true" and "false"; `nil` when unknown.
    static func bool(_ value: TerraformValue, _ range: SourceRange) throws(EvaluationError) -> Bool? {
        switch value {
        case .bool(let flag): return flag
        case .unknown: return nil
        case .string("true"): return true
        case .string("false"): return false
        case .null: throw EvaluationError("a null value cannot be used as a bool", range)
        default: throw EvaluationError("a bool is required, not a \(value.typeName)", range)
        }
    }

    /// A number, converting strings that spell one; `nil` when unknown.
    static func number(_ value: TerraformValue, _ range: SourceRange) throws(EvaluationError) -> Double? {
        switch value {
        case .number(let number): return number
        case .unknown: return nil
        case .string(let text):
            guard let number = Double(text.trimmingPrefixSpaces()) else {
                throw EvaluationError("a number is required, not the string \"\(text)\"", range)
            }
            return number
        case .null: throw EvaluationError("a null value cannot be used as a number", range)
        default: throw EvaluationError("a number is required, not a \(value.typeName)", range)
        }
    }
}

extension String {
    fileprivate func trimmingPrefixSpaces() -> String {
        String(drop { $0 == " " })
    }
}
