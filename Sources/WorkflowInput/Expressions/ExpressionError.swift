/// Why an expression could not be read, at a byte range of the text given to the parser.
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var range: ByteRange

    public init(_ message: String, _ range: ByteRange) {
        self.message = message
        self.range = range
    }

    public var description: String { "\(message) at \(range)" }
}
