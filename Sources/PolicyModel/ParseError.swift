/// Input that could not be read as what it claims to be: the message and where. Every parser
/// throws this, so every error can be printed as `path:line:column: error: message`.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var location: Location

    public init(_ message: String, at location: Location) {
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): error: \(message)" }

    /// The error as a diagnostic, to report beside findings.
    public var diagnostic: Diagnostic { Diagnostic(.error, message, at: location) }
}
