extension Expression {
    /// A literal value.
    public enum Literal: Sendable, Hashable {
        /// A number exactly as written (`1`, `-2.50`, `1e6`; JSON numbers may also read `-0`),
        /// so that no precision is lost before evaluation.
        case number(String)
        /// A string with escapes decoded.
        case string(String)
        case bool(Bool)
        case null
    }

    /// `!` and `-` before an operand.
    public enum UnaryOperator: String, Sendable, Hashable, CaseIterable {
        case not = "!"
        case negate = "-"
    }

    /// The binary operators, with HCL's precedence (higher binds tighter; all are
    /// left-associative).
    public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
        case or = "||"
        case and = "&&"
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case greater = ">"
        case lessEqual = "<="
        case greaterEqual = ">="
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
        case modulo = "%"

        /// 1 for `||` up to 6 for `*`, `/` and `%`.
        public var precedence: Int {
            switch self {
            case .or: return 1
            case .and: return 2
            case .equal, .notEqual: return 3
            case .less, .greater, .lessEqual, .greaterEqual: return 4
            case .add, .subtract: return 5
            case .multiply, .divide, .modulo: return 6
            }
        }
    }

    /// A splat: `source.*` followed by attribute names only, or `source[*]` followed by any
    /// attribute and index steps.
    public struct Splat: Sendable, Hashable {
        /// Which of the two splat operators.
        public enum Kind: Sendable, Hashable {
            /// `.*`: the steps after it are attribute names; a later `[i]` indexes the result.
            case attributes
            /// `[*]`: the steps after it, indexes included, apply to each element.
            case full
        }

        /// The collection the splat applies to.
        public var source: Expression
        /// The steps applied to each element, rooted at `.splatItem` (just `.splatItem` when
        /// there are none).
        public var each: Expression
        /// `.*` or `[*]`.
        public var kind: Kind

        /// A splat of `source`, applying `each` to every element.
        public init(source: Expression, each: Expression, kind: Kind) {
            self.source = source
            self.each = each
            self.kind = kind
        }
    }

    /// One `key = value` (or `key: value`) of an object.
    public struct ObjectItem: Sendable, Hashable {
        /// The key, a literal name or an expression.
        public var key: ObjectKey
        /// The value assigned to the key.
        public var value: Expression
        /// From the key to the end of the value.
        public var range: SourceRange

        /// An item from its parts.
        public init(key: ObjectKey, value: Expression, range: SourceRange) {
            self.key = key
            self.value = value
            self.range = range
        }
    }

    /// An object key: a bare name is the literal attribute name, anything else (a quoted
    /// string, a template, a parenthesised expression, a number) is evaluated.
    public enum ObjectKey: Sendable, Hashable {
        case name(String, SourceRange)
        case expression(Expression)

        /// Where the key is written.
        public var range: SourceRange {
            switch self {
            case .name(_, let range): return range
            case .expression(let expression): return expression.range
            }
        }
    }

    /// A function call.
    public struct FunctionCall: Sendable, Hashable {
        /// The whole name, namespaces included: `length`, `provider::aws::arn_parse`.
        public var name: String
        /// The whole name, namespaces included.
        public var nameRange: SourceRange
        /// The arguments in order (the last one expanded when `expandsFinalArgument`).
        public var arguments: [Expression]
        /// Whether the last argument is followed by `...` (its elements become the arguments).
        public var expandsFinalArgument: Bool

        /// A call from its parts.
        public init(name: String, nameRange: SourceRange, arguments: [Expression], expandsFinalArgument: Bool) {
            self.name = name
            self.nameRange = nameRange
            self.arguments = arguments
            self.expandsFinalArgument = expandsFinalArgument
        }

        /// The part of the name before the last `::` (`provider::aws` for
        /// `provider::aws::arn_parse`), or nil for a plain name.
        public var namespace: String? {
            guard let separator = lastSeparator else { return nil }
            return String(decoding: name.utf8[..<separator], as: UTF8.self)
        }

        /// The name after the last `::`.
        public var baseName: String {
            guard let separator = lastSeparator else { return name }
            return String(decoding: name.utf8[name.utf8.index(separator, offsetBy: 2)...], as: UTF8.self)
        }

        /// Where the last `::` starts.
        private var lastSeparator: String.Index? {
            let utf8 = name.utf8
            var found: String.Index?
            var index = utf8.startIndex
            while index < utf8.endIndex {
                let next = utf8.index(after: index)
                if utf8[index] == UInt8(ascii: ":"), next < utf8.endIndex, utf8[next] == UInt8(ascii: ":") {
                    found = index
                }
                index = next
            }
            return found
        }
    }

    /// `[for k, v in collection : value if condition]` or
    /// `{for k, v in collection : key => value... if condition}`.
    public struct ForExpression: Sendable, Hashable {
        /// The first of two variables, if two are given.
        public var keyVariable: String?
        /// The variable bound to each element (to its value, when there are two variables).
        public var valueVariable: String
        /// What is iterated over.
        public var collection: Expression
        /// The key expression of the object form; nil for the tuple form.
        public var key: Expression?
        /// The element of the tuple form, or the value of the object form.
        public var value: Expression
        /// `...` after the value: the object form groups values with the same key into tuples.
        public var grouping: Bool
        /// The `if` filter, if any.
        public var condition: Expression?

        /// A `for` expression from its parts.
        public init(
            keyVariable: String?, valueVariable: String, collection: Expression, key: Expression?,
            value: Expression, grouping: Bool, condition: Expression?
        ) {
            self.keyVariable = keyVariable
            self.valueVariable = valueVariable
            self.collection = collection
            self.key = key
            self.value = value
            self.grouping = grouping
            self.condition = condition
        }

        /// Whether this is the `{...}` form, which produces an object.
        public var producesObject: Bool { key != nil }
    }
}
