/// `type "label" label { body }`: a nested body with a type and zero or more labels.
public struct Block: Sendable, Hashable {
    /// One label of a block: a quoted string (`"aws_s3_bucket"`) or a bare name (`logs`).
    public struct Label: Sendable, Hashable {
        /// The label's text, with escapes decoded.
        public var value: String
        /// Whether it was written in quotes.
        public var quoted: Bool
        /// Including the quotes, if any.
        public var range: SourceRange

        /// A label from its parts.
        public init(value: String, quoted: Bool, range: SourceRange) {
            self.value = value
            self.quoted = quoted
            self.range = range
        }
    }

    /// The block type: `resource`, `variable`, `ingress`...
    public var type: String
    /// The labels in order, possibly none.
    public var labels: [Label]
    /// What is between the braces.
    public var body: Body
    /// The type name alone.
    public var typeRange: SourceRange
    /// From the type to the closing brace.
    public var range: SourceRange

    /// A block from its parts.
    public init(type: String, labels: [Label], body: Body, typeRange: SourceRange, range: SourceRange) {
        self.type = type
        self.labels = labels
        self.body = body
        self.typeRange = typeRange
        self.range = range
    }

    /// The labels' texts.
    public var labelValues: [String] { labels.map(\.value) }
}
