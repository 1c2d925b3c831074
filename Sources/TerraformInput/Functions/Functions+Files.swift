extension Functions {
    /// Functions that read the module's files through the context (`file`, `fileexists`,
    /// `templatefile`, the `file…` hashes) or work on paths (`abspath`, `dirname`, `basename`,
    /// `pathexpand`), and those whose result is only known when Terraform runs (`timestamp`,
    /// `plantimestamp`, `uuid`, `bcrypt`), which give unknown.
    static let files: [BuiltinFunction] = [
        BuiltinFunction("file", arguments: 1) { call in .string(try read(call)) },
        BuiltinFunction("fileexists", arguments: 1) { call in
            .bool(call.context.readFile(try call.string(0)) != nil)
        },
        BuiltinFunction("filebase64", arguments: 1) { call in .string(Base64.encode(Array(try read(call).utf8))) },
        BuiltinFunction("filemd5", arguments: 1) { call in .string(Digest.hex(Digest.md5(Array(try read(call).utf8))))
        },
        BuiltinFunction("filesha1", arguments: 1) { call in
            .string(Digest.hex(Digest.sha1(Array(try read(call).utf8))))
        },
        BuiltinFunction("filesha256", arguments: 1) { call in
            .string(Digest.hex(Digest.sha256(Array(try read(call).utf8))))
        },
        BuiltinFunction("filesha512", arguments: 1) { call in
            .string(Digest.hex(Digest.sha512(Array(try read(call).utf8))))
        },
        BuiltinFunction("filebase64sha256", arguments: 1) { call in
            .string(Base64.encode(Digest.sha256(Array(try read(call).utf8))))
        },
        BuiltinFunction("filebase64sha512", arguments: 1) { call in
            .string(Base64.encode(Digest.sha512(Array(try read(call).utf8))))
        },
        BuiltinFunction("templatefile", arguments: 2, unknowns: .topLevel) { call in
            let path = try call.string(0)
            let variables: ObjectValue
            switch call[1] {
            case .null: variables = ObjectValue()
            case .object(let object): variables = object
            default: throw call.mismatch(1, expected: "a map of template variables")
            }
            let source = try read(call)
            switch call.context.renderTemplate(source, path: path, variables: variables) {
            case .success(let value): return value
            case .failure(let error): throw call.error(error.message)
            }
        },
        BuiltinFunction("abspath", arguments: 1) { call in
            let path = try call.string(0)
            // A relative path becomes absolute against the directory Terraform runs in.
            return path.hasPrefix("/") ? .string(cleanPath(path)) : .unknown
        },
        BuiltinFunction("dirname", arguments: 1) { call in .string(dirname(try call.string(0))) },
        BuiltinFunction("basename", arguments: 1) { call in .string(basename(try call.string(0))) },
        BuiltinFunction("pathexpand", arguments: 1) { call in
            let path = try call.string(0)
            // `~` is the home directory of whoever runs Terraform.
            return path == "~" || path.hasPrefix("~/") ? .unknown : .string(path)
        },
        BuiltinFunction("timestamp", arguments: 0, unknowns: .byFunction) { _ in .unknown },
        BuiltinFunction("plantimestamp", arguments: 0, unknowns: .byFunction) { _ in .unknown },
        BuiltinFunction("uuid", arguments: 0, unknowns: .byFunction) { _ in .unknown },
        BuiltinFunction("bcrypt", arity: 1...2) { call in
            _ = try call.string(0)
            return .unknown
        },
    ]

    /// The text of the file named by argument 1, or an error naming the path.
    private static func read(_ call: FunctionCall) throws(FunctionError) -> String {
        let path = try call.string(0)
        guard let text = call.context.readFile(path) else {
            throw call.error("no readable text file at \"\(path)\" inside the module")
        }
        return text
    }

    /// Go's `path/filepath.Clean` for slash-separated paths: repeated slashes, `.` and resolvable
    /// `..` elements removed; the empty path is `.`.
    static func cleanPath(_ path: String) -> String {
        let rooted = path.hasPrefix("/")
        var elements: [Substring] = []
        for element in path.split(separator: "/") {
            switch element {
            case ".": continue
            case "..":
                if let last = elements.last, last != ".." {
                    elements.removeLast()
                } else if !rooted {
                    elements.append(element)
                }
            default: elements.append(element)
            }
        }
        let joined = elements.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// Go's `filepath.Dir`: all but the last element, cleaned.
    static func dirname(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return cleanPath(String(path[...slash]))
    }

    /// Go's `filepath.Base`: the last element, ignoring trailing slashes.
    static func basename(_ path: String) -> String {
        if path.isEmpty { return "." }
        var trimmed = Substring(path)
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed.isEmpty { return "/" }
        if let slash = trimmed.lastIndex(of: "/") { return String(trimmed[trimmed.index(after: slash)...]) }
        return String(trimmed)
    }
}
