/// The parsed form of a pattern, with every flag already applied: case-insensitive literals
/// are classes of their case-fold orbit, `.` is a class that does or does not include `\n`,
/// `^`/`$` are line or text assertions, and greediness is explicit. The compiler never
/// needs to know which flags were in force.
indirect enum RegexNode: Sendable, Hashable {
    /// Matches the empty string.
    case empty
    /// One Unicode scalar (or, in byte mode, one byte value below 256).
    case literal(UInt32)
    /// Any one scalar in the set.
    case characterClass(CharacterClass)
    /// A zero-width test of the surroundings.
    case assertion(Assertion)
    /// A capturing group; `index` starts at 1 (group 0 is the whole match).
    case capture(index: Int, name: String?, RegexNode)
    case concatenation([RegexNode])
    /// Alternatives in order of preference (leftmost-first).
    case alternation([RegexNode])
    /// `max == nil` means unbounded.
    case repetition(RegexNode, min: Int, max: Int?, greedy: Bool)
}

extension RegexNode {
    /// Whether the node can match without consuming any byte.
    var canMatchEmpty: Bool {
        switch self {
        case .empty, .assertion: return true
        case .literal, .characterClass: return false
        case .capture(_, _, let body): return body.canMatchEmpty
        case .concatenation(let items): return items.allSatisfy(\.canMatchEmpty)
        case .alternation(let branches): return branches.contains(where: \.canMatchEmpty)
        case .repetition(let body, let min, _, _): return min == 0 || body.canMatchEmpty
        }
    }
}

/// Zero-width assertions. "Line" forms treat `\n` as the line terminator.
enum Assertion: UInt8, Sendable, Hashable {
    case beginLine  // (?m)^
    case endLine  // (?m)$
    case beginText  // ^ without m, \A
    case endText  // $ without m, \z
    case wordBoundaryASCII  // \b
    case notWordBoundaryASCII  // \B
    case wordBoundaryUnicode  // \b with Unicode word characters
    case notWordBoundaryUnicode  // \B with Unicode word characters

    /// The same test seen by a matcher that scans the haystack backwards.
    var reversed: Assertion {
        switch self {
        case .beginLine: return .endLine
        case .endLine: return .beginLine
        case .beginText: return .endText
        case .endText: return .beginText
        default: return self
        }
    }

    var isUnicodeWordTest: Bool { self == .wordBoundaryUnicode || self == .notWordBoundaryUnicode }
}
