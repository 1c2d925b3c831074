/// Limits that keep hostile or broken input cheap to reject.
public struct ParseOptions: Sendable, Hashable {
    /// How deeply blocks, expressions, template directives and JSON values may nest (each
    /// bracket, operator in a chain, traversal step or block counts as a level). Deeper input
    /// is an error, never a stack overflow.
    public var maxDepth: Int
    /// How many errors are reported before the parser stops reading the file.
    public var maxErrors: Int

    /// The defaults: 256 levels, 100 errors (at least one).
    public init(maxDepth: Int = 256, maxErrors: Int = 100) {
        self.maxDepth = maxDepth
        self.maxErrors = max(1, maxErrors)
    }
}
