import PolicyModel

/// A container image reference as GitLab CI's `image:` and `services:` write it:
/// `[registry[:port]/]path[:tag][@digest]`, perhaps holding `$VARIABLES`. Only a digest pins the
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
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        } else {
            digest = ""
        }
        // A tag is what follows the last colon after the last slash (a registry port is not one).
        let lastSlash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let colon = rest[lastSlash...].lastIndex(of: ":") {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        } else {
            tag = ""
        }
        name = String(rest)
        let components = rest.split(separator: "/", omittingEmptySubsequences: false)
        if components.count > 1, let first = components.first,
            first.contains(".") || first.contains(":") || first == "localhost"
        {
            registry = String(first)
        } else {
            registry = ""
        }
        pinned = Self.isDigest(digest)
        latest = digest.isEmpty && (tag.isEmpty || tag == "latest")
        let lastComponent = components.last ?? rest
        dynamic =
            !pinned
            && (digest.contains("$") || tag.contains("$")
                || (digest.isEmpty && tag.isEmpty && lastComponent.contains("$")))
    }

    /// Whether `digest` is `sha256:` with 64 hex digits or `sha512:` with 128.
    static func isDigest(_ digest: String) -> Bool {
        for (algorithm, length) in [("sha256:", 64), ("sha512:", 128)] where digest.hasPrefix(algorithm) {
            let hex = digest.dropFirst(algorithm.count)
            return hex.count == length && hex.allSatisfy(\.isHexDigit)
        }
        return false
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
