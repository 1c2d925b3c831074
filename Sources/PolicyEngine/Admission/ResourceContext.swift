import CEL

/// The value of the `resource` variable: the offline cluster state, read by `resource.Get` and
/// `resource.List` (Kyverno's `resource` library, which Palisade's own policies use too).
struct ResourceContext: OpaqueValue {
    /// The CEL type name, Kyverno's.
    static let typeName = "resource.Context"

    var state: ClusterState

    var typeName: String { Self.typeName }

    func isEqual(to other: any OpaqueValue) -> Bool { false }

    var description: String { "resource.Context(\(state.count) objects)" }
}
