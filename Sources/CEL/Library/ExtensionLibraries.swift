extension Library {
    /// Every extension library: strings, math, encoders, lists (cel-go and Kubernetes), sets
    /// and the optional-value functions.
    public static let extensionLibraries: [Library] = [.strings, .math, .encoders, .lists, .sets, .optionals]
}
