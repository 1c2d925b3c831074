extension Library {
    /// The libraries Kubernetes adds to CEL for admission policies, in the order Kubernetes
    /// lists them: regular expressions, IP addresses and CIDR blocks, URLs, resource quantities.
    /// (Its list functions, `isSorted`, `sum`, `min`, `max`, `indexOf`, `lastIndexOf`, are in
    /// `Library.lists`.)
    public static let kubernetesLibraries: [Library] = [.regex, .network, .urls, .quantity]
}
