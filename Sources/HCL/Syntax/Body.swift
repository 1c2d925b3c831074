/// The content of a file or of a block: attributes and nested blocks, each kept in source
/// order. Within one body an attribute name is defined at most once (the parser reports a
/// second definition and keeps the first).
public struct Body: Sendable, Hashable {
    /// The attributes, in source order, each name once.
    public var attributes: [Attribute]
    /// The nested blocks, in source order.
    public var blocks: [Block]
    /// For a block's body, from its `{` to its `}`; for a file, the whole file.
    public var range: SourceRange

    /// A body from its parts.
    public init(attributes: [Attribute] = [], blocks: [Block] = [], range: SourceRange) {
        self.attributes = attributes
        self.blocks = blocks
        self.range = range
    }

    /// The attribute called `name`, if the body defines it.
    public func attribute(_ name: String) -> Attribute? {
        attributes.first { $0.name == name }
    }

    /// The blocks of one type, in source order.
    public func blocks(ofType type: String) -> [Block] {
        blocks.filter { $0.type == type }
    }
}
