extension Library {
    /// CEL's standard definitions, the libraries every environment starts with: operators,
    /// core functions (`size`, `contains`, `matches`, `type`, …), conversions, and time.
    /// Extensions (strings, math, lists, …) are added on top of these.
    public static let standardLibraries: [Library] = [.operators, .core, .conversions, .time]
}
