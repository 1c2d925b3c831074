/// The errors found in one file, in the order they were found (which is source order, as the
/// parser reads forwards and recovers at the next line or block after each error).
public struct Diagnostics: Error, Sendable, Hashable, RandomAccessCollection, CustomStringConvertible {
    /// Every error, first found first.
    public var errors: [SyntaxError]

    /// The given errors, in the given order.
    public init(_ errors: [SyntaxError] = []) {
        self.errors = errors
    }

    /// The index of the first error.
    public var startIndex: Int { errors.startIndex }
    /// The index after the last error.
    public var endIndex: Int { errors.endIndex }
    /// The error at `position`.
    public subscript(position: Int) -> SyntaxError { errors[position] }

    /// Each error with its excerpt, one after the other.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
