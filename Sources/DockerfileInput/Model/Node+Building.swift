import PolicyModel

/// Short ways to make the located values of the Dockerfile model.
extension Node {
    static func text(_ value: String, at span: Span) -> Node { Node(.string(value), span: span) }

    static func integer(_ value: Int, at span: Span) -> Node { Node(.int(Int64(value)), span: span) }

    static func boolean(_ value: Bool, at span: Span) -> Node { Node(.bool(value), span: span) }

    static func absent(at span: Span) -> Node { Node(.null, span: span) }

    static func list(_ items: [Node], at span: Span) -> Node { Node(.sequence(items), span: span) }

    /// A mapping with string keys, in the order given; each key is located at its value.
    static func fields(_ fields: [(String, Node)], at span: Span) -> Node {
        Node(.mapping(fields.map { Entry(key: Node(.string($0.0), span: $0.1.span), value: $0.1) }), span: span)
    }
}
