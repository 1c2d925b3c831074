import HCL

/// Why an expression has no value: a reference to something undeclared, an operator applied to
/// the wrong type, a function that failed. Reported at `range` in the expression's file; the
/// attribute it was part of becomes unknown.
struct EvaluationError: Error, Sendable {
    var message: String
    var range: SourceRange
    /// An error of the configuration itself (a reference to something undeclared), which
    /// Terraform reports before evaluating anything: `try` and `can` do not catch it, so a
    /// fallback is never taken for a value that is not known.
    var isStatic = false

    init(_ message: String, _ range: SourceRange, isStatic: Bool = false) {
        self.message = message
        self.range = range
        self.isStatic = isStatic
    }
}

/// What an expression can see besides the module's declarations: `count`, `each`, the iterator
/// of a `dynamic` block, the variables of `for` expressions and template `for` directives, and
/// the element a splat is applied to.
struct Scope {
    /// The file the expression is written in.
    var file: String
    var names: [String: TerraformValue] = [:]
    var splatItem: TerraformValue?
    /// When set, a template writes this text for an unknown interpolation instead of becoming
    /// unknown as a whole: to read the known parts of a JSON document written as a heredoc.
    var unknownPlaceholder: String?

    init(file: String, names: [String: TerraformValue] = [:]) {
        self.file = file
        self.names = names
    }

    func binding(_ name: String, _ value: TerraformValue) -> Scope {
        var scope = self
        scope.names[name] = value
        return scope
    }
}
