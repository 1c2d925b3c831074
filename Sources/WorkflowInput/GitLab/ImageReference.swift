import PolicyModel

/// A container image reference as GitLab CI's `image:` and `services:` write it, split by
/// `ContainerImage`, perhaps holding `$VARIABLES`. Only a digest pins the
/// image that runs: a tag can be pushed again with other content, and no tag means `latest`.
public struct ImageReference: Sendable, Equatable {
    /// The reference as written (after any variable expansion the reader could do).
    public var reference: String
    /// The image without tag or digest (`registry.example.com:5000/team/app`).
    public var name: String
    /// The registry host (with port) when the first path component names one, else empty (Docker Hub).
    public var registry: String
    /// What follows the tag colon, or empty.
    public var tag: String
    /// What follows `@` (`sha256:…`), or empty.
    public var digest: String
    /// A well-formed `sha256:` (64 hex digits) or `sha512:` (128) digest.
    public var pinned: Bool
    /// No digest, and the tag is `latest` or missing (which Docker reads as `latest`).
    public var latest: Bool
    /// The part that would pin or tag the image comes from a variable the reader could not expand
    /// (`app:$VERSION`, `$IMAGE`), so whether it is pinned cannot be told from the file.
    public var dynamic: Bool

    /// Reads `text`; `nil` for an empty reference.
    public init?(_ text: String) {
        let text = text.trimmingSpaces
        guard !text.isEmpty else { return nil }
        reference = text
        let parts = ContainerImage.parts(of: text)
        (registry, name, tag, digest) = (parts.registry, parts.name, parts.tag, parts.digest)
        let lastComponent = name.split(separator: "/").last.map(String.init) ?? name
        pinned = ContainerImage.isDigest(digest)
        latest = digest.isEmpty && (tag.isEmpty || tag == "latest")
        dynamic =
            !pinned
            && (digest.contains("$") || tag.contains("$")
                || (digest.isEmpty && tag.isEmpty && lastComponent.contains("$")))
    }

    /// The reference as located values for policies:
    /// `{reference, written, name, registry, tag, digest, pinned, latest, dynamic}`, each at `span`.
    func entries(written: String, at span: Span) -> [(String, Node)] {
        func value(_ content: Node.Content) -> Node { Node(content, span: span) }
        return [
            ("reference", value(.string(reference))), ("written", value(.string(written))),
            ("name", value(.string(name))), ("registry", value(.string(registry))), ("tag", value(.string(tag))),
            ("digest", value(.string(digest))), ("pinned", value(.bool(pinned))), ("latest", value(.bool(latest))),
            ("dynamic", value(.bool(dynamic))),
        ]
    }
}
