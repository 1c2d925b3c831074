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
    /// The version the reference runs, when it can be told: its ref when that is a version tag
    /// (`v5`, `v6.5.0`), else the version a comment after a commit id names
    /// (`@de0fac2… # v6.0.2`, as Dependabot and Renovate write it); `nil` otherwise.
    public var version: String?

    /// The first number of `version` (`6` for `v6.5.0`).
    public var majorVersion: Int? {
        guard let version else { return nil }
        return Int(version.drop { $0 == "v" || $0 == "V" }.prefix { $0.isASCII && $0.isNumber })
    }

    /// Reads `uses`; `nil` for an empty value. `comment` is the comment written after the value
    /// on its line, if any, which names the version of a commit id.
    public init?(_ uses: String, comment: String? = nil) {
        let text = uses.trimmingSpaces
        guard !text.isEmpty else { return nil }
        workflow = false
        version = nil
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
        version = pinned ? comment.flatMap(Self.version(inComment:)) : Self.version(ref)
    }

    /// `text` when it is a version (`v5`, `6.5.0`, `v1.2.3-rc.1`: an optional `v`, then digits and
    /// dots, then anything), else `nil`.
    static func version(_ text: Substring) -> String? {
        let digits = text.first == "v" || text.first == "V" ? text.dropFirst() : text
        guard let first = digits.first, first.isASCII, first.isNumber else { return nil }
        return String(text)
    }

    static func version(_ text: String) -> String? { version(text[...]) }

    /// The first version a comment names: a word that is one (`v6.0.2`), or one after `tag=`,
    /// `@` or `:` (`tag=v4.1.1`, `pin@v4`).
    static func version(inComment comment: String) -> String? {
        for word in comment.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "(" || $0 == ")" }) {
            let candidate = word.split(whereSeparator: { $0 == "=" || $0 == "@" || $0 == ":" }).last ?? word
            if let version = version(candidate) { return version }
        }
        return nil
    }

    /// The reference as a located mapping for policies:
    /// `{kind, owner, repository, path, ref, pinned, workflow, version?, majorVersion?}`, every
    /// value at `span`; the versions are absent when unknown.
    func node(at span: Span) -> Node {
        func value(_ content: Node.Content) -> Node { Node(content, span: span) }
        var entries: [(String, Node)] = [
            ("kind", value(.string(kind.rawValue))), ("owner", value(.string(owner))),
            ("repository", value(.string(repository))), ("path", value(.string(path))),
            ("ref", value(.string(ref))), ("pinned", value(.bool(pinned))), ("workflow", value(.bool(workflow))),
        ]
        if let version { entries.append(("version", value(.string(version)))) }
        if let majorVersion { entries.append(("majorVersion", value(.int(Int64(majorVersion))))) }
        return .located(entries, at: span)
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
