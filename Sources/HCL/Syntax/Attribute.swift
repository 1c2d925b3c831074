/// `name = expression`: a value assigned to a name in a body.
public struct Attribute: Sendable, Hashable {
    /// The attribute name.
    public var name: String
    /// The value, as written.
    public var value: Expression
    /// The name alone.
    public var nameRange: SourceRange
    /// From the name to the end of the value.
    public var range: SourceRange

    /// An attribute from its parts.
    public init(name: String, value: Expression, nameRange: SourceRange, range: SourceRange) {
        self.name = name
        self.value = value
        self.nameRange = nameRange
        self.range = range
    }
}
