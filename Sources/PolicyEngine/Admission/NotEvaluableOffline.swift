import CEL

/// The evaluation errors of what an offline scan cannot know: the authorizer's answers, HTTP
/// calls, Kyverno's global context, image registries. Variables for them are bound to such an
/// error, so an expression that needs them fails with it, while one whose result does not depend
/// on them (`true || authorizer…`) still gives its value, as CEL's error absorption wants.
///
/// These errors are told apart from ordinary evaluation errors by their message: a cluster would
/// have evaluated the expression, so its failure policy says nothing about them. A policy that
/// meets one is reported as not evaluable, never as passing.
enum NotEvaluableOffline {
    /// The start of every such error's message.
    static let marker = "not evaluable offline: "

    /// The error for `what` (`"the authorizer"`).
    static func error(_ what: String) -> Value {
        .error(marker + what + " is not available without a cluster")
    }

    /// Whether `value` is such an error.
    static func isOffline(_ value: Value) -> Bool {
        if case .error(let error) = value { return error.message.hasPrefix(marker) }
        return false
    }
}
