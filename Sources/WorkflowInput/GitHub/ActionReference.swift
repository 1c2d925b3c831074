import PolicyModel

/// What a `uses:` names: an action or reusable workflow in a repository
/// (`owner/repo/path@ref`), one in the same repository (`./path`), or a container image
/// (`docker://image:tag`). Only a full commit id (or an image digest) pins the code that runs:
/// a tag or a branch can be moved to other code after review.
public struct ActionReference: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case repository
        case local
        case docker
    }

    public var kind: Kind
    /// `owner` of `owner/repo`; empty for local and docker references.
    public var owner: String
    /// `owner/repo`, lower-cased as GitHub compares them; for docker, the image without tag or digest.
    public var repository: String
    /// The path inside the repository (`dir/sub`, `.github/workflows/build.yml`), or empty.
    public var path: String
    /// What follows `@` (or an image's tag or digest); empty when none is written.
    public var ref: String
    /// A full 40- or 64-digit hex commit id, or an image `@sha256:` digest.
    public var pinned: Bool
    /// A reusable workflow (`…/.github/workflows/x.yml`) rather than an action.
    public var workflow: Bool

    /// Reads `uses`; `nil` for an empty value.
    public init?(_ uses: String) {
        let text = uses.trimmingSpaces
        guard !text.isEmpty else { return nil }
        workflow = false
        if text.hasPrefix("docker://") {
            kind = .docker
            owner = ""
            path = ""
            let image = ContainerImage.parts(of: String(text.dropFirst("docker://".count)))
            repository = image.name
            ref = image.digest.isEmpty ? image.tag : image.digest
            pinned = image.digest.hasPrefix("sha256:") && ContainerImage.isDigest(image.digest)
            return
        }
        if text.hasPrefix("./") || text.hasPrefix("../") || text == "." {
            kind = .local
            owner = ""
            repository = ""
            path = text
            ref = ""
            pinned = true
            workflow = text.contains(".github/workflows/")
            return
        }
        kind = .repository
        let name: Substring
        if let at = text.lastIndex(of: "@") {
            name = text[..<at]
            ref = String(text[text.index(after: at)...])
        } else {
            name = text[...]
            ref = ""
        }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        owner = parts.first.map { String($0).lowercased() } ?? ""
        repository = parts.prefix(2).joined(separator: "/").lowercased()
        path = parts.dropFirst(2).joined(separator: "/")
        pinned = (ref.count == 40 || ref.count == 64) && ref.allSatisfy(\.isHexDigit)
        workflow = path.hasPrefix(".github/workflows/")
    }

    /// The reference as a located mapping for policies:
    /// `{kind, owner, repository, path, ref, pinned, workflow}`, every value at `span`.
    func node(at span: Span) -> Node {
        func value(_ content: Node.Content) -> Node { Node(content, span: span) }
        return .located(
            [
                ("kind", value(.string(kind.rawValue))), ("owner", value(.string(owner))),
                ("repository", value(.string(repository))), ("path", value(.string(path))),
                ("ref", value(.string(ref))), ("pinned", value(.bool(pinned))), ("workflow", value(.bool(workflow))),
            ], at: span)
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}

extension Node {
    /// A mapping of string keys, each key located at `span` like its value's start.
    static func located(_ entries: [(String, Node)], at span: Span) -> Node {
        Node(
            .mapping(entries.map { Node.Entry(key: Node(.string($0.0), span: $0.1.span), value: $0.1) }), span: span)
    }
}
