/// A container image reference split as Docker's reference grammar splits it:
/// `[registry[:port]/]repository[:tag][@digest]`. Every input that names images (Dockerfiles'
/// `FROM`, CI jobs' `image:` and `services:`, `docker://` actions) splits them here.
///
/// The first path component is the registry when another component follows it and it contains
/// `.` or `:`, is `localhost`, or has an upper-case letter (which a repository cannot); otherwise
/// there is no registry (Docker Hub) and the repository is kept as written (`python`, not
/// `library/python`). A tag is what follows the last colon after the last slash, so a registry's
/// port is not one. Parts are offsets into the reference's Unicode scalars, so that an input can
/// locate each part in its file.
public struct ContainerImage: Sendable, Equatable {
    public var registry: Range<Int>?
    public var repository: Range<Int>
    public var tag: Range<Int>?
    /// After the `@`: `sha256:…`.
    public var digest: Range<Int>?

    public init(scalars: [Unicode.Scalar]) {
        var nameEnd = scalars.count
        if let at = scalars.firstIndex(of: "@") {
            digest = (at + 1)..<scalars.count
            nameEnd = at
        }
        let lastSlash = scalars[..<nameEnd].lastIndex(of: "/")
        if let colon = scalars[..<nameEnd].lastIndex(of: ":"), colon > (lastSlash ?? -1) {
            tag = (colon + 1)..<nameEnd
            nameEnd = colon
        }
        repository = 0..<nameEnd
        if let slash = scalars[..<nameEnd].firstIndex(of: "/") {
            let first = scalars[..<slash]
            let isRegistry =
                first.contains(".") || first.contains(":") || first.elementsEqual("localhost".unicodeScalars)
                || first.contains { $0.value >= 65 && $0.value <= 90 }
            if isRegistry {
                registry = 0..<slash
                repository = (slash + 1)..<nameEnd
            }
        }
    }

    /// The parts of `reference` as text: registry (empty for Docker Hub), repository, the name
    /// without tag or digest, tag and digest (empty when not written).
    public static func parts(
        of reference: String
    ) -> (registry: String, repository: String, name: String, tag: String, digest: String) {
        let scalars = Array(reference.unicodeScalars)
        let image = ContainerImage(scalars: scalars)
        func text(_ range: Range<Int>?) -> String {
            guard let range else { return "" }
            var result = ""
            result.unicodeScalars.append(contentsOf: scalars[range])
            return result
        }
        let nameEnd = image.repository.upperBound
        return (text(image.registry), text(image.repository), text(0..<nameEnd), text(image.tag), text(image.digest))
    }

    /// Whether `digest` is `sha256:` with 64 hex digits or `sha512:` with 128: the only thing that
    /// pins the image that runs (a tag can be pushed again with other content).
    public static func isDigest(_ digest: String) -> Bool {
        for (algorithm, length) in [("sha256:", 64), ("sha512:", 128)] where digest.hasPrefix(algorithm) {
            let hex = digest.dropFirst(algorithm.count)
            return hex.count == length && hex.allSatisfy(\.isHexDigit)
        }
        return false
    }
}
