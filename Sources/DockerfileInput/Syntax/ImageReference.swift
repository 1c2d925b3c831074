/// An image reference split into its parts, as Docker's reference grammar splits it:
/// `[registry/]repository[:tag][@digest]`.
///
/// The first path component is the registry when there is another component after it and it
/// contains `.` or `:`, is `localhost`, or has an upper-case letter (which a repository cannot).
/// Otherwise there is no registry (Docker Hub) and the repository is kept as written: `python`, not
/// `library/python`. Parts are offsets into the reference's scalars, so that they can be located in
/// the file when the reference is written literally.
struct ImageReference {
    var registry: Range<Int>?
    var repository: Range<Int>
    var tag: Range<Int>?
    /// After the `@`: `sha256:…`.
    var digest: Range<Int>?

    init(_ scalars: [Unicode.Scalar]) {
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
}
