/// How a pattern is read and how much it may cost. The defaults are RE2's.
public struct RegexOptions: Sendable, Hashable {
    /// `(?i)` for the whole pattern: Unicode simple case folding (ASCII only in byte mode).
    public var caseInsensitive = false
    /// `(?m)`: `^` and `$` also match at line starts and ends.
    public var multiLine = false
    /// `(?s)`: `.` also matches `\n`.
    public var dotMatchesNewline = false
    /// `(?U)`: `x*` is lazy and `x*?` greedy.
    public var swapGreed = false
    /// `true`: the pattern and haystack are UTF-8 and a class matches whole code points.
    /// `false`: byte mode (RE2's Latin-1): each scalar up to U+00FF in the pattern stands for that
    /// byte, `.` and negated classes match any one byte.
    public var unicode = true
    /// `\d`, `\s`, `\w` and `\b` are ASCII-only in RE2. Set this for the Unicode-aware forms
    /// (`\d` = `\p{Nd}`, `\w` = letters, marks, digits, connector punctuation, join controls).
    public var unicodePerlClasses = false
    /// Counted repetition `{n,m}` may not exceed this (RE2: 1000).
    public var maxRepetition = 1000
    /// Groups, classes and repetitions may nest at most this deep.
    public var maxNesting = 250
    /// The compiled program may hold at most this many instructions.
    public var maxProgramSize = 200_000
    /// Bytes of memory one lazy DFA cache may use before it is cleared; a search that clears it
    /// too often finishes with the NFA instead.
    public var dfaCacheCapacity = 2 << 20

    public init() {}

    public init(caseInsensitive: Bool = false, multiLine: Bool = false, dotMatchesNewline: Bool = false) {
        self.caseInsensitive = caseInsensitive
        self.multiLine = multiLine
        self.dotMatchesNewline = dotMatchesNewline
    }
}
