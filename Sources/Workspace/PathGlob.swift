/// A `--skip-path` pattern: shell-style wildcards over paths relative to the scan root, with the
/// conventions of `.gitignore`.
///
/// - `*` matches any run of characters within one path component, `?` one character, and
///   `[abc]`, `[a-z]`, `[!abc]` one character of (or not of) a set;
/// - `**` as a whole component matches any number of components, none included
///   (`charts/**/templates`, `**/testdata`);
/// - a pattern without a slash matches the name of a file or folder at any depth (`*.tpl.yaml`,
///   `vendor`); with a slash it matches from the root (`deploy/legacy/*.yaml`). A leading `./`
///   or `/` is ignored, and a trailing `/` still matches a folder;
/// - a folder that matches is skipped whole, so `vendor` skips everything under every `vendor`.
///
/// Matching works on bytes with a cost bounded by pattern length × path length, so a hostile
/// pattern such as `*a*a*a*a*b` cannot make a scan slow.
public struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    /// A problem with a pattern: an unclosed `[`, an empty pattern.
    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public var pattern: String
        public var reason: String
        public var description: String { "invalid path pattern \"\(pattern)\": \(reason)" }
    }

    public let pattern: String
    /// The pattern's components, `**` kept as its own component.
    private let components: [[UInt8]]
    /// Whether the pattern may match at any depth (it had no slash).
    private let anyDepth: Bool

    public var description: String { pattern }

    public init(_ pattern: String) throws(SyntaxError) {
        self.pattern = pattern
        var text = Substring(pattern)
        while text.hasPrefix("./") { text = text.dropFirst(2) }
        while text.hasPrefix("/") { text = text.dropFirst() }
        while text.hasSuffix("/") { text = text.dropLast() }
        guard !text.isEmpty else { throw SyntaxError(pattern: pattern, reason: "it matches no path") }
        let parts = text.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        for part in parts where !Self.hasBalancedBrackets(part) {
            throw SyntaxError(pattern: pattern, reason: "a '[' is not closed")
        }
        components = parts
        anyDepth = parts.count == 1 && parts[0] != Array("**".utf8)
    }

    /// Whether `path` (relative to the scan root, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        var text = Substring(path)
        while text.hasPrefix("./") { text = text.dropFirst(2) }
        let parts = text.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.utf8) }
        if anyDepth {
            return parts.last.map { Self.matchComponent(components[0], $0) } ?? false
        }
        return Self.matchPath(components, parts)
    }

    /// Components against components, `**` matching any number of them; a table of reachable
    /// states keeps it quadratic at worst.
    private static func matchPath(_ pattern: [[UInt8]], _ path: [[UInt8]]) -> Bool {
        let doubleStar = Array("**".utf8)
        // reachable[j]: the pattern's first i components can match the path's first j.
        var reachable = [Bool](repeating: false, count: path.count + 1)
        reachable[0] = true
        for component in pattern {
            var next = [Bool](repeating: false, count: path.count + 1)
            if component == doubleStar {
                var seen = false
                for j in 0...path.count {
                    seen = seen || reachable[j]
                    next[j] = seen
                }
            } else {
                for j in 0..<path.count where reachable[j] && matchComponent(component, path[j]) {
                    next[j + 1] = true
                }
            }
            reachable = next
        }
        return reachable[path.count]
    }

    /// One component's wildcards against one path component, by the classic two-pointer walk with
    /// backtracking to the last `*` only (linear-time for a single star, quadratic at worst).
    static func matchComponent(_ pattern: [UInt8], _ name: [UInt8]) -> Bool {
        var p = 0
        var n = 0
        var starP = -1
        var starN = 0
        while n < name.count {
            if p < pattern.count {
                switch pattern[p] {
                case UInt8(ascii: "*"):
                    starP = p
                    starN = n
                    p += 1
                    continue
                case UInt8(ascii: "?"):
                    p += 1
                    n += 1
                    continue
                case UInt8(ascii: "["):
                    if let (matched, end) = matchClass(pattern, from: p, byte: name[n]), matched {
                        p = end
                        n += 1
                        continue
                    }
                default:
                    if pattern[p] == name[n] {
                        p += 1
                        n += 1
                        continue
                    }
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1
            starN += 1
            n = starN
        }
        while p < pattern.count && pattern[p] == UInt8(ascii: "*") { p += 1 }
        return p == pattern.count
    }

    /// Whether `byte` is in the `[...]` set starting at `start`, and the index after the set.
    private static func matchClass(_ pattern: [UInt8], from start: Int, byte: UInt8) -> (Bool, Int)? {
        var index = start + 1
        var negated = false
        if index < pattern.count && (pattern[index] == UInt8(ascii: "!") || pattern[index] == UInt8(ascii: "^")) {
            negated = true
            index += 1
        }
        var matched = false
        var first = true
        while index < pattern.count {
            let current = pattern[index]
            if current == UInt8(ascii: "]") && !first { return (matched != negated, index + 1) }
            first = false
            if index + 2 < pattern.count && pattern[index + 1] == UInt8(ascii: "-")
                && pattern[index + 2] != UInt8(ascii: "]")
            {
                if current <= byte && byte <= pattern[index + 2] { matched = true }
                index += 3
            } else {
                if current == byte { matched = true }
                index += 1
            }
        }
        return nil
    }

    private static func hasBalancedBrackets(_ part: [UInt8]) -> Bool {
        var index = 0
        while index < part.count {
            if part[index] == UInt8(ascii: "[") {
                guard matchClass(part, from: index, byte: 0) != nil else { return false }
                var end = index + 1
                if end < part.count && (part[end] == UInt8(ascii: "!") || part[end] == UInt8(ascii: "^")) { end += 1 }
                end += 1
                while end < part.count && part[end] != UInt8(ascii: "]") { end += 1 }
                index = end + 1
            } else {
                index += 1
            }
        }
        return true
    }
}
