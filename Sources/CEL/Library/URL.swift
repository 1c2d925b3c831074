extension CELType {
    /// `kubernetes.URL`, the type of `url('…')`.
    public static let kubernetesURL = CELType.opaque(URLValue.typeName)
}

extension Library {
    /// The Kubernetes URL library: `url`, `isURL` and the `get…` accessors.
    ///
    /// A URL must be an absolute URI (`https://host/path`, `mailto:x`) or an absolute path
    /// (`/path`), as Go's `url.ParseRequestURI` decides; the accessors then read the URL as
    /// `url.Parse` splits it (so a `#fragment` is not part of the path or the query).
    public static let urls = Library(
        name: "kubernetes.urls",
        typeNames: [URLValue.typeName],
        functions: [
            Function(
                "url", doc: "Parses an absolute URI or an absolute path into a URL.",
                overloads: [
                    .global("string_to_url", [.string], returns: .kubernetesURL) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        switch URLValue.parse(text) {
                        case .success(let url): return .opaque(url)
                        case .failure(let error):
                            return .error("URL parse error during conversion from string: \(error.message)")
                        }
                    }
                ]),
            Function(
                "isURL", doc: "Reports whether the string is an absolute URI or an absolute path.",
                overloads: [
                    .global("is_url_string", [.string], returns: .bool) { args in
                        guard case .string(let text) = args[0] else { return .noSuchOverload }
                        return .bool(URLValue.isValid(text))
                    }
                ]),
            URLValue.accessor("getScheme", "url_get_scheme", doc: "Returns the scheme, lower-cased, or ''.") {
                $0.scheme
            },
            URLValue.accessor(
                "getHost", "url_get_host",
                doc: "Returns the host with its port, IPv6 addresses in brackets (`[::1]:80`), or ''."
            ) { $0.host },
            URLValue.accessor(
                "getHostname", "url_get_hostname",
                doc: "Returns the host without port or brackets (`::1`), or ''."
            ) { $0.hostname },
            URLValue.accessor("getPort", "url_get_port", doc: "Returns the port, or ''.") { $0.port },
            URLValue.accessor(
                "getEscapedPath", "url_get_escaped_path",
                doc: "Returns the path, percent-escaped (`/with%20space`), or ''."
            ) { $0.escapedPath },
            Function(
                "getQuery",
                doc: """
                    Returns the query parameters, unescaped, each key with all its values in order; \
                    malformed pairs are skipped.
                    """,
                overloads: [
                    .member("url_get_query", [.kubernetesURL], returns: .map(.string, .list(.string))) { args in
                        guard case .opaque(let opaque) = args[0], let url = opaque as? URLValue else {
                            return .noSuchOverload
                        }
                        return url.query
                    }
                ]),
        ])
}

/// A parsed URL (`kubernetes.URL`). Two URLs are equal when all their parts are.
struct URLValue: OpaqueValue {
    static let typeName = "kubernetes.URL"

    /// The text it was parsed from.
    let text: String
    let parts: GoURL.Parts

    var typeName: String { Self.typeName }
    var description: String { text }

    func isEqual(to other: any OpaqueValue) -> Bool {
        guard let other = other as? URLValue else { return false }
        return parts == other.parts
    }

    var scheme: String { parts.scheme }
    var host: String { String(decoding: parts.host, as: UTF8.self) }
    var hostname: String { String(decoding: GoURL.splitHostPort(parts.host[...]).host, as: UTF8.self) }
    var port: String { String(decoding: GoURL.splitHostPort(parts.host[...]).port, as: UTF8.self) }
    var escapedPath: String { parts.escapedPath }

    /// `getQuery()`: keys in order of first appearance.
    var query: Value {
        var order: [String] = []
        var values: [String: [Value]] = [:]
        for (key, value) in GoURL.parseQuery(parts.rawQuery[...]) {
            if values[key] == nil {
                order.append(key)
                values[key] = []
            }
            values[key, default: []].append(.string(value))
        }
        let entries = order.map { (MapKey.string($0), Value.list(values[$0] ?? [])) }
        return MapValue(entries: entries).map(Value.map) ?? .error("duplicate query key")
    }

    /// As Kubernetes' `url()`: valid for `ParseRequestURI`, parts as `Parse` reads them.
    static func parse(_ text: String) -> Result<URLValue, GoURL.ParseError> {
        let bytes = Array(text.utf8)[...]
        do {
            _ = try GoURL.parse(bytes, viaRequest: true)
            return .success(URLValue(text: text, parts: try GoURL.parseReference(bytes)))
        } catch {
            return .failure(error)
        }
    }

    /// As Kubernetes' `isURL()`: valid for `ParseRequestURI`.
    static func isValid(_ text: String) -> Bool {
        (try? GoURL.parse(Array(text.utf8)[...], viaRequest: true)) != nil
    }

    static func accessor(
        _ name: String, _ id: String, doc: String, _ body: @escaping @Sendable (URLValue) -> String
    ) -> Function {
        Function(
            name, doc: doc,
            overloads: [
                .member(id, [.kubernetesURL], returns: .string) { args in
                    guard case .opaque(let opaque) = args[0], let url = opaque as? URLValue else {
                        return .noSuchOverload
                    }
                    return .string(body(url))
                }
            ])
    }
}

/// URL parsing with the rules of Go's `net/url` (RFC 3986 with Go's leniencies), which is what
/// Kubernetes' URL library exposes. Works on UTF-8 bytes; every step is linear in the input.
enum GoURL {
    struct ParseError: Error, Sendable, Equatable {
        var message: String
    }

    /// The parts of a URL. Byte fields are unescaped; `escapedPath` is the path as written
    /// when that is a valid encoding, else the path escaped again.
    struct Parts: Sendable, Hashable {
        var scheme = ""
        var opaque: [UInt8] = []
        var username: [UInt8]?
        var password: [UInt8]?
        var host: [UInt8] = []
        var escapedPath = ""
        var rawQuery: [UInt8] = []
        var forceQuery = false
        var fragment: [UInt8] = []
    }

    /// The contexts that decide which bytes may appear unescaped.
    enum Mode {
        case path, userPassword, queryComponent, fragment, host, zone
    }

    // MARK: Parsing

    /// Go's `url.Parse`: a `#fragment` is cut off first, then the rest may also be relative.
    static func parseReference(_ raw: ArraySlice<UInt8>) throws(ParseError) -> Parts {
        guard let hash = raw.firstIndex(of: ascii("#")) else { return try parse(raw, viaRequest: false) }
        var parts = try parse(raw[raw.startIndex..<hash], viaRequest: false)
        let fragment = raw[(hash + 1)...]
        if !fragment.isEmpty { parts.fragment = try unescape(fragment, .fragment) }
        return parts
    }

    /// Go's internal `parse`; `viaRequest` is `ParseRequestURI` (absolute URI or absolute
    /// path only, no fragment handling).
    static func parse(_ raw: ArraySlice<UInt8>, viaRequest: Bool) throws(ParseError) -> Parts {
        if raw.contains(where: { $0 < 0x20 || $0 == 0x7f }) {
            throw ParseError(message: "net/url: invalid control character in URL")
        }
        if raw.isEmpty && viaRequest { throw ParseError(message: "empty url") }
        var parts = Parts()
        if raw.count == 1 && raw.first == ascii("*") {
            parts.escapedPath = "*"
            return parts
        }
        let (scheme, afterScheme) = try splitScheme(raw)
        parts.scheme = String(decoding: scheme.map(lowercased), as: UTF8.self)
        var rest = afterScheme
        if rest.last == ascii("?") && rest.count(where: { $0 == ascii("?") }) == 1 {
            parts.forceQuery = true
            rest = rest.dropLast()
        } else if let question = rest.firstIndex(of: ascii("?")) {
            parts.rawQuery = Array(rest[(question + 1)...])
            rest = rest[rest.startIndex..<question]
        }
        if rest.first != ascii("/") {
            if !parts.scheme.isEmpty {
                // A rootless path after a scheme is opaque (`mailto:user@example.com`).
                parts.opaque = Array(rest)
                return parts
            }
            if viaRequest { throw ParseError(message: "invalid URI for request") }
            let segmentEnd = rest.firstIndex(of: ascii("/")) ?? rest.endIndex
            if rest[rest.startIndex..<segmentEnd].contains(ascii(":")) {
                throw ParseError(message: "first path segment in URL cannot contain colon")
            }
        }
        let startsWithTwoSlashes = rest.starts(with: [ascii("/"), ascii("/")])
        let startsWithThreeSlashes = rest.starts(with: [ascii("/"), ascii("/"), ascii("/")])
        if (!parts.scheme.isEmpty || !viaRequest && !startsWithThreeSlashes) && startsWithTwoSlashes {
            var authority = rest.dropFirst(2)
            rest = authority[authority.endIndex...]
            if let slash = authority.firstIndex(of: ascii("/")) {
                rest = authority[slash...]
                authority = authority[authority.startIndex..<slash]
            }
            try parseAuthority(authority, scheme: parts.scheme, into: &parts)
        }
        let path = try unescape(rest, .path)
        parts.escapedPath =
            isValidEncoded(rest, .path) ? String(decoding: rest, as: UTF8.self) : escape(path[...], .path)
        return parts
    }

    /// A leading `scheme:` (a letter, then letters, digits, `+`, `-`, `.`), if there is one.
    private static func splitScheme(_ raw: ArraySlice<UInt8>) throws(ParseError) -> (
        ArraySlice<UInt8>, ArraySlice<UInt8>
    ) {
        for index in raw.indices {
            let byte = raw[index]
            if isLetter(byte) { continue }
            if isDigit(byte) || byte == ascii("+") || byte == ascii("-") || byte == ascii(".") {
                if index == raw.startIndex { return (raw[raw.startIndex..<raw.startIndex], raw) }
                continue
            }
            if byte == ascii(":") {
                if index == raw.startIndex { throw ParseError(message: "missing protocol scheme") }
                return (raw[raw.startIndex..<index], raw[(index + 1)...])
            }
            break
        }
        return (raw[raw.startIndex..<raw.startIndex], raw)
    }

    private static func parseAuthority(
        _ authority: ArraySlice<UInt8>, scheme: String, into parts: inout Parts
    ) throws(ParseError) {
        guard let at = authority.lastIndex(of: ascii("@")) else {
            parts.host = try parseHost(authority, scheme: scheme)
            return
        }
        parts.host = try parseHost(authority[(at + 1)...], scheme: scheme)
        let userinfo = authority[authority.startIndex..<at]
        guard userinfo.allSatisfy(isUserinfoByte) else { throw ParseError(message: "net/url: invalid userinfo") }
        if let colon = userinfo.firstIndex(of: ascii(":")) {
            parts.username = try unescape(userinfo[userinfo.startIndex..<colon], .userPassword)
            parts.password = try unescape(userinfo[(colon + 1)...], .userPassword)
        } else {
            parts.username = try unescape(userinfo, .userPassword)
        }
    }

    /// `host[:port]`; an IP literal in brackets must be an IPv6 address (zone `%25…` allowed).
    private static func parseHost(_ host: ArraySlice<UInt8>, scheme: String) throws(ParseError) -> [UInt8] {
        if let open = host.lastIndex(of: ascii("[")) {
            guard open == host.startIndex else { throw ParseError(message: "invalid IP-literal") }
            guard let close = host.lastIndex(of: ascii("]")) else {
                throw ParseError(message: "missing ']' in host")
            }
            let colonPort = host[(close + 1)...]
            guard isValidOptionalPort(colonPort) else {
                throw ParseError(message: "invalid port \(quoted(colonPort)) after host")
            }
            let hostname = host[(open + 1)..<close]
            var unescaped: [UInt8]
            if let zone = firstIndex(of: [ascii("%"), ascii("2"), ascii("5")], in: hostname) {
                unescaped = try unescape(hostname[hostname.startIndex..<zone], .host)
                unescaped += try unescape(hostname[zone...], .zone)
            } else {
                unescaped = try unescape(hostname, .host)
            }
            switch IPAddress.parseNetIP(unescaped[...]) {
            case .failure(let failure):
                if case .syntax(let reason) = failure { throw ParseError(message: "invalid host: \(reason)") }
                throw ParseError(message: "invalid host")
            case .success(let parsed):
                if parsed.address.isIPv4 { throw ParseError(message: "invalid IP-literal") }
            }
            return [ascii("[")] + unescaped + [ascii("]")] + Array(colonPort)
        }
        if let firstColon = host.firstIndex(of: ascii(":")) {
            var colon = firstColon
            // Only http and https insist that a host has at most one colon (Go 1.26).
            if scheme != "http" && scheme != "https", let lastColon = host.lastIndex(of: ascii(":")) {
                colon = lastColon
            }
            let colonPort = host[colon...]
            guard isValidOptionalPort(colonPort) else {
                throw ParseError(message: "invalid port \(quoted(colonPort)) after host")
            }
        }
        return try unescape(host, .host)
    }

    /// Splits `host:port` at the last colon when what follows is a port, and strips IPv6
    /// brackets (Go's `URL.Hostname` and `URL.Port`).
    static func splitHostPort(_ hostPort: ArraySlice<UInt8>) -> (host: ArraySlice<UInt8>, port: ArraySlice<UInt8>) {
        var host = hostPort
        var port = hostPort[hostPort.endIndex...]
        if let colon = host.lastIndex(of: ascii(":")), isValidOptionalPort(host[colon...]) {
            port = host[(colon + 1)...]
            host = host[host.startIndex..<colon]
        }
        if host.count >= 2 && host.first == ascii("[") && host.last == ascii("]") {
            host = host.dropFirst().dropLast()
        }
        return (host, port)
    }

    /// Go's `ParseQuery`, keeping the pairs that decode: `&`-separated `key=value` settings,
    /// `+` as space, `%XX` escapes; a setting with a `;` or a bad escape is skipped.
    static func parseQuery(_ query: ArraySlice<UInt8>) -> [(String, String)] {
        var result: [(String, String)] = []
        var rest = query
        while !rest.isEmpty {
            let ampersand = rest.firstIndex(of: ascii("&")) ?? rest.endIndex
            let setting = rest[rest.startIndex..<ampersand]
            rest = ampersand < rest.endIndex ? rest[(ampersand + 1)...] : rest[rest.endIndex...]
            if setting.isEmpty || setting.contains(ascii(";")) { continue }
            let equals = setting.firstIndex(of: ascii("=")) ?? setting.endIndex
            let rawValue = equals < setting.endIndex ? setting[(equals + 1)...] : setting[setting.endIndex...]
            guard let key = try? unescape(setting[setting.startIndex..<equals], .queryComponent),
                let value = try? unescape(rawValue, .queryComponent)
            else { continue }
            result.append((String(decoding: key, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        return result
    }

    // MARK: Escaping

    /// Whether `byte` must be percent-escaped in `mode` (Go's `shouldEscape`).
    static func shouldEscape(_ byte: UInt8, _ mode: Mode) -> Bool {
        if isLetter(byte) || isDigit(byte) { return false }
        if mode == .host || mode == .zone {
            switch byte {
            case ascii("!"), ascii("$"), ascii("&"), ascii("'"), ascii("("), ascii(")"), ascii("*"), ascii("+"),
                ascii(","), ascii(";"), ascii("="), ascii(":"), ascii("["), ascii("]"), ascii("<"), ascii(">"),
                ascii("\""):
                return false
            default: break
            }
        }
        switch byte {
        case ascii("-"), ascii("_"), ascii("."), ascii("~"):
            return false
        case ascii("$"), ascii("&"), ascii("+"), ascii(","), ascii("/"), ascii(":"), ascii(";"), ascii("="),
            ascii("?"), ascii("@"):
            switch mode {
            case .path: return byte == ascii("?")
            case .userPassword:
                return byte == ascii("@") || byte == ascii("/") || byte == ascii("?") || byte == ascii(":")
            case .queryComponent: return true
            case .fragment: return false
            case .host, .zone: return true
            }
        default:
            break
        }
        if mode == .fragment {
            switch byte {
            case ascii("!"), ascii("("), ascii(")"), ascii("*"): return false
            default: break
            }
        }
        return true
    }

    /// Decodes `%XX` escapes (and `+` in a query component), rejecting malformed escapes and,
    /// in a host, bytes a host may not contain.
    static func unescape(_ text: ArraySlice<UInt8>, _ mode: Mode) throws(ParseError) -> [UInt8] {
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == ascii("%") {
                guard index + 2 < text.endIndex, let high = hexValue(text[index + 1]),
                    let low = hexValue(text[index + 2])
                else {
                    let bad = text[index..<min(index + 3, text.endIndex)]
                    throw ParseError(message: "invalid URL escape \(quoted(bad))")
                }
                let isPercent25 = high == 2 && low == 5
                if mode == .host && high < 8 && !isPercent25 {
                    throw ParseError(message: "invalid URL escape \(quoted(text[index..<(index + 3)]))")
                }
                if mode == .zone {
                    let decoded = high << 4 | low
                    if !isPercent25 && decoded != ascii(" ") && shouldEscape(decoded, .host) {
                        throw ParseError(message: "invalid URL escape \(quoted(text[index..<(index + 3)]))")
                    }
                }
                index += 3
            } else {
                if (mode == .host || mode == .zone) && byte < 0x80 && shouldEscape(byte, mode) {
                    throw ParseError(message: "invalid character \(quoted(text[index...index])) in host name")
                }
                index += 1
            }
        }
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == ascii("%"), let high = hexValue(text[index + 1]), let low = hexValue(text[index + 2]) {
                result.append(high << 4 | low)
                index += 3
                continue
            }
            result.append(byte == ascii("+") && mode == .queryComponent ? ascii(" ") : byte)
            index += 1
        }
        return result
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    static func escape(_ bytes: ArraySlice<UInt8>, _ mode: Mode) -> String {
        let digits = hexDigits
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte == ascii(" ") && mode == .queryComponent {
                result.append(ascii("+"))
            } else if shouldEscape(byte, mode) {
                result += [ascii("%"), digits[Int(byte >> 4)], digits[Int(byte & 0xf)]]
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether `text` needs no further escaping to stand as written (Go's `validEncoded`).
    static func isValidEncoded(_ text: ArraySlice<UInt8>, _ mode: Mode) -> Bool {
        text.allSatisfy { byte in
            switch byte {
            case ascii("!"), ascii("$"), ascii("&"), ascii("'"), ascii("("), ascii(")"), ascii("*"), ascii("+"),
                ascii(","), ascii(";"), ascii("="), ascii(":"), ascii("@"), ascii("["), ascii("]"), ascii("%"):
                return true
            default:
                return !shouldEscape(byte, mode)
            }
        }
    }

    // MARK: Bytes

    private static let userinfoPunctuation = Set("-._:~!$&'()*+,;=%@".utf8)

    private static func isUserinfoByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || userinfoPunctuation.contains(byte)
    }

    /// Empty, or `:` followed by decimal digits only.
    private static func isValidOptionalPort(_ port: ArraySlice<UInt8>) -> Bool {
        guard let first = port.first else { return true }
        return first == ascii(":") && port.dropFirst().allSatisfy(isDigit)
    }

    private static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// Bytes in double quotes for an error message, cut to 64 bytes.
    private static func quoted(_ bytes: ArraySlice<UInt8>) -> String {
        let cut = bytes.prefix(64)
        return "\"" + String(decoding: cut, as: UTF8.self) + (bytes.count > 64 ? "…" : "") + "\""
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case ascii("0")...ascii("9"): return byte - ascii("0")
        case ascii("a")...ascii("f"): return byte - ascii("a") + 10
        case ascii("A")...ascii("F"): return byte - ascii("A") + 10
        default: return nil
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= ascii("a") && byte <= ascii("z")) || (byte >= ascii("A") && byte <= ascii("Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= ascii("0") && byte <= ascii("9") }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= ascii("A") && byte <= ascii("Z") ? byte + 32 : byte
    }

    private static func ascii(_ scalar: Unicode.Scalar) -> UInt8 { UInt8(ascii: scalar) }
}
