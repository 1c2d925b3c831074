import Foundation
import PolicyModel

/// Reads YAML streams into located `Node` trees.
///
/// Scalars are typed by the YAML 1.2 core schema (`yes` stays a string, `010` is ten, `0o10` is
/// eight). Mapping entries keep their document order; `<<` merge keys are applied as YAML 1.1 tools
/// and Helm apply them. A key written twice in one mapping is an error, as in kubectl's strict mode
/// (reported at the key's first occurrence when written alike, at the second when only equal
/// once typed, such as `10` and `0xA`). libyaml, the C parser inside Yams, reads the text; the
/// nodes are built from its events by `Composer`.
///
/// Trees may share subtrees: every alias stands for the very `Node` built for its anchor, and the
/// span of an alias is therefore that of the anchored node. Shared nodes count once against
/// `Limits.maxNodes`; a consumer that expands aliases (printing, hashing a whole document) should
/// bound its work with `expandedSize(_:limit:)` first.
public enum YAMLLoader {
    /// Bounds on what one stream may cost.
    public struct Limits: Sendable {
        /// Largest input accepted, in bytes.
        public var maxBytes = 64 << 20
        /// Most lists and mappings nested in one another, counted through aliases. The YAML parser
        /// underneath stops at 1000 levels whatever this says.
        public var maxDepth = 512
        /// Most nodes in the whole stream, each shared node counted once.
        public var maxNodes = 5_000_000

        public init() {}
    }

    /// Every document of a (multi-document) YAML stream as located nodes. A document that fails to
    /// parse is a ParseError with file:line:column; documents before it are still returned (report
    /// what was read). Parsing stops at the first syntax error; an error found while building a
    /// document (too deep, too many nodes, a bad merge) skips that document only. Empty documents
    /// (nothing, or only comments, between `---` markers) are left out.
    public static func load(
        _ text: String, file: String, limits: Limits = Limits()
    ) -> (documents: [PolicyModel.Node], errors: [ParseError]) {
        if let problem = screen(text, file: file, limits: limits) { return ([], [problem]) }
        var text = text
        return text.withUTF8 { bytes in
            var composer = Composer(file: file, limits: limits)
            return composer.compose(bytes)
        }
    }

    /// The same for raw file contents, which must be UTF-8 text: invalid UTF-8 and binary
    /// content (a NUL byte) are reported where they first occur.
    public static func load(
        bytes: [UInt8], file: String, limits: Limits = Limits()
    ) -> (documents: [PolicyModel.Node], errors: [ParseError]) {
        if let problem = screen(bytes: bytes, file: file, limits: limits) { return ([], [problem]) }
        return bytes.withUnsafeBufferPointer { bytes in
            var composer = Composer(file: file, limits: limits)
            return composer.compose(bytes)
        }
    }

    /// How many nodes `node` stands for once every shared subtree is counted at each place it is
    /// used, or `nil` as soon as that passes `limit`. Costs at most `limit` steps, so a consumer
    /// can ask before expanding a tree (to print it or compare it whole).
    public static func expandedSize(_ node: PolicyModel.Node, limit: Int) -> Int? {
        var total = 0
        var pending = [node]
        while let next = pending.popLast() {
            total += 1
            if total > limit { return nil }
            switch next.content {
            case .sequence(let items): pending += items
            case .mapping(let entries):
                for entry in entries {
                    pending.append(entry.key)
                    pending.append(entry.value)
                }
            default: break
            }
        }
        return total
    }

    /// Stack for the threads `withLargeStackWorkers` starts: composing needs no more than any
    /// thread has, but what reads the trees does (converting a document to values and building
    /// models recurse once per level, and documents nest up to `Limits.maxDepth` levels), and
    /// debug builds spend a few kilobytes a level. Only the pages touched are ever committed.
    static let composeStackSize = 64 << 20

    /// Runs `work(0..<count)` on `count` threads of their own, each with `composeStackSize` of
    /// stack, and returns when all have finished: a scan reads and evaluates its files on these.
    public static func withLargeStackWorkers(count: Int, _ work: @escaping @Sendable (Int) -> Void) {
        let done = DispatchSemaphore(value: 0)
        for index in 0..<max(1, count) {
            let thread = Thread {
                work(index)
                done.signal()
            }
            thread.stackSize = composeStackSize
            thread.start()
        }
        for _ in 0..<max(1, count) { done.wait() }
    }
}
