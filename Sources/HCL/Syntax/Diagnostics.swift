/// The errors found in one file, in the order they were found (which is source order, as the
/// parser reads forwards and recovers at the next line or block after each error).
public struct Diagnostics: Error, Sendable, Hashable, RandomAccessCollection, CustomStringConvertible {
    /// Every error, first found first.
    public var errors: [SyntaxError]

    public init(_ errors: [SyntaxError] = []) {
        self.errors = errors
    }

    public var startIndex: Int { errors.startIndex }
    public var endIndex: Int { errors.endIndex }
    public subscript(position: Int) -> SyntaxError { errors[position] }

    /// Each error with its excerpt, one after the other.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
