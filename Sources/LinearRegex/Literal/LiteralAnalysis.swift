/// What the parsed tree says about literal text every match must contain.
enum LiteralAnalysis {
    struct Prefix {
        var bytes: [UInt8]
        /// The node is exactly this literal text (nothing else can match).
        var isExact: Bool
    }

    /// The bytes every match starts with (UTF-8 in Unicode mode), and whether that is all of it.
    static func prefix(of node: RegexNode, unicode: Bool) -> Prefix {
        switch node {
        case .empty:
            return Prefix(bytes: [], isExact: true)
        case .literal(let value):
            let bytes = unicode ? UTF8Sequences.encode(value) : [UInt8(truncatingIfNeeded: value)]
            return Prefix(bytes: bytes, isExact: true)
        case .characterClass(let set):
            if let single = set.singleScalar { return prefix(of: .literal(single), unicode: unicode) }
            return Prefix(bytes: [], isExact: false)
        case .assertion:
            // Zero-width: contributes no bytes, but the pattern is no longer a plain literal.
            return Prefix(bytes: [], isExact: false)
        case .capture(_, _, let body):
            return prefix(of: body, unicode: unicode)
        case .concatenation(let items):
            var bytes: [UInt8] = []
            for item in items {
                let part = prefix(of: item, unicode: unicode)
                bytes += part.bytes
                if !part.isExact {
                    // An assertion in front does not stop the literal that follows it.
                    if case .assertion = item, part.bytes.isEmpty { continue }
                    return Prefix(bytes: bytes, isExact: false)
                }
            }
            let exact = !items.contains { if case .assertion = $0 { return true } else { return false } }
            return Prefix(bytes: bytes, isExact: exact)
        case .alternation(let branches):
            guard let first = branches.first else { return Prefix(bytes: [], isExact: true) }
            var common = prefix(of: first, unicode: unicode).bytes
            for branch in branches.dropFirst() {
                let other = prefix(of: branch, unicode: unicode).bytes
                var length = 0
                while length < common.count && length < other.count && common[length] == other[length] { length += 1 }
                common.removeSubrange(length...)
            }
            return Prefix(bytes: common, isExact: false)
        case .repetition(let body, let min, let max, _):
            guard min >= 1 else { return Prefix(bytes: [], isExact: false) }
            let inner = prefix(of: body, unicode: unicode)
            if min == 1 && max == 1 { return inner }
            return Prefix(bytes: inner.bytes, isExact: false)
        }
    }

    /// The bytes a match can start with, when there are at most `limit` of them and no match is
    /// empty: `nil` otherwise. `(?i)\bhttps?://` starts with `h` or `H`; a quoted value with `'`
    /// or `"`. Zero-width assertions in front are passed over: they are checked where the search
    /// resumes.
    static func firstBytes(of node: RegexNode, unicode: Bool, limit: Int) -> [UInt8]? {
        guard let found = leadingBytes(of: node, unicode: unicode, limit: limit), !found.canBeEmpty,
            !found.bytes.isEmpty
        else { return nil }
        return found.bytes.sorted()
    }

    /// The bytes a match of `node` can start with, and whether it can match nothing at all (then
    /// what follows it can start the match too); `nil` when there are more than `limit`.
    private static func leadingBytes(
        of node: RegexNode, unicode: Bool, limit: Int
    ) -> (bytes: Set<UInt8>, canBeEmpty: Bool)? {
        switch node {
        case .empty, .assertion:
            return ([], true)
        case .literal(let value):
            let bytes = unicode ? UTF8Sequences.encode(value) : [UInt8(truncatingIfNeeded: value)]
            return (bytes.first.map { [$0] } ?? [], bytes.isEmpty)
        case .characterClass(let set):
            var bytes = Set<UInt8>()
            for range in set.ranges {
                guard range.count <= limit else { return nil }
                for scalar in range {
                    let encoded = unicode ? UTF8Sequences.encode(scalar) : [UInt8(truncatingIfNeeded: scalar)]
                    if let first = encoded.first { bytes.insert(first) }
                    if bytes.count > limit { return nil }
                }
            }
            return (bytes, false)
        case .capture(_, _, let body):
            return leadingBytes(of: body, unicode: unicode, limit: limit)
        case .concatenation(let items):
            var bytes = Set<UInt8>()
            for item in items {
                guard let part = leadingBytes(of: item, unicode: unicode, limit: limit) else { return nil }
                bytes.formUnion(part.bytes)
                if bytes.count > limit { return nil }
                if !part.canBeEmpty { return (bytes, false) }
            }
            return (bytes, true)
        case .alternation(let branches):
            var bytes = Set<UInt8>()
            var canBeEmpty = false
            for branch in branches {
                guard let part = leadingBytes(of: branch, unicode: unicode, limit: limit) else { return nil }
                bytes.formUnion(part.bytes)
                canBeEmpty = canBeEmpty || part.canBeEmpty
                if bytes.count > limit { return nil }
            }
            return (bytes, canBeEmpty)
        case .repetition(let body, let min, let max, _):
            if max == 0 { return ([], true) }
            guard let part = leadingBytes(of: body, unicode: unicode, limit: limit) else { return nil }
            return (part.bytes, part.canBeEmpty || min == 0)
        }
    }

    /// For a pattern whose only group is one of its top-level parts and whose other parts match a
    /// fixed number of bytes, those numbers before and after the group: every match then has
    /// the group at its range less them, whatever the group matched.
    static func groupMargins(of root: RegexNode, unicode: Bool) -> (before: Int, after: Int)? {
        let items: [RegexNode]
        switch root {
        case .concatenation(let parts): items = parts
        case .capture: items = [root]
        default: return nil
        }
        guard let group = items.firstIndex(where: { if case .capture = $0 { true } else { false } }) else {
            return nil
        }
        var before = 0
        var after = 0
        for (index, item) in items.enumerated() where index != group {
            guard let width = fixedWidth(of: item, unicode: unicode) else { return nil }
            if index < group { before += width } else { after += width }
        }
        return (before, after)
    }

    /// The number of bytes every match of `node` has, when it is always the same.
    static func fixedWidth(of node: RegexNode, unicode: Bool) -> Int? {
        switch node {
        case .empty, .assertion:
            return 0
        case .literal(let value):
            return unicode ? UTF8Sequences.encode(value).count : 1
        case .characterClass(let set):
            guard let first = set.ranges.first, let last = set.ranges.last else { return nil }
            guard unicode else { return 1 }
            // Every scalar of the class has as many UTF-8 bytes as its first and its last.
            let lengths = [first.lowerBound, last.upperBound].map { UTF8Sequences.encode($0).count }
            return lengths[0] == lengths[1] ? lengths[0] : nil
        case .capture:
            return nil
        case .concatenation(let items):
            var total = 0
            for item in items {
                guard let width = fixedWidth(of: item, unicode: unicode) else { return nil }
                total += width
            }
            return total
        case .alternation(let branches):
            guard let first = branches.first.flatMap({ fixedWidth(of: $0, unicode: unicode) }) else { return nil }
            return branches.dropFirst().allSatisfy { fixedWidth(of: $0, unicode: unicode) == first } ? first : nil
        case .repetition(let body, let min, let max, _):
            guard max == min, let width = fixedWidth(of: body, unicode: unicode) else { return nil }
            return width * min
        }
    }
}
