import Foundation
import PolicyModel
import Yams

/// Reads YAML streams into located `Node` trees.
///
/// Scalars are typed by the YAML 1.2 core schema (`yes` stays a string, `010` is ten, `0o10` is
/// eight). Mapping entries keep their document order; `<<` merge keys are applied as YAML 1.1 tools
/// and Helm apply them. A key written twice in one mapping is an error, as in kubectl's strict mode
/// (reported at the key's first occurrence, which is where Yams detects it).
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
        return onLargeStack { compose(text, file: file, limits: limits) }
    }

    /// The same for raw file contents, which must be UTF-8 text: invalid UTF-8 and binary
    /// content (a NUL byte) are reported where they first occur.
    public static func load(
        bytes: [UInt8], file: String, limits: Limits = Limits()
    ) -> (documents: [PolicyModel.Node], errors: [ParseError]) {
        if let problem = screen(bytes: bytes, file: file, limits: limits) { return ([], [problem]) }
        let text = String(decoding: bytes, as: UTF8.self)
        return onLargeStack { compose(text, file: file, limits: limits) }
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

    /// Stack for composing: Yams builds each document recursively, as does `TreeBuilder`, and
    /// libyaml allows 1000 levels. Debug builds spend a few kilobytes a level, more than the 512 KB
    /// that macOS secondary threads and Swift concurrency workers have, so composing runs on a
    /// thread of its own (only the pages touched are ever committed).
    static let composeStackSize = 64 << 20

    /// Marks the threads `withLargeStackWorkers` starts, which compose in place.
    private static let largeStackKey = "palisade.yaml.largeStack"

    /// Runs `work(0..<count)` on `count` threads of their own, each with the stack composing needs,
    /// and returns when all have finished. Loads made on these threads compose in place instead of
    /// starting a thread per call: a scan of ten thousand files starts two threads, not ten thousand.
    public static func withLargeStackWorkers(count: Int, _ work: @escaping @Sendable (Int) -> Void) {
        let done = DispatchSemaphore(value: 0)
        for index in 0..<max(1, count) {
            let thread = Thread {
                Thread.current.threadDictionary[largeStackKey] = true
                work(index)
                done.signal()
            }
            thread.stackSize = composeStackSize
            thread.start()
        }
        for _ in 0..<max(1, count) { done.wait() }
    }

    private static func onLargeStack<Result: Sendable>(_ work: @escaping @Sendable () -> Result) -> Result {
        if Thread.current.threadDictionary[largeStackKey] as? Bool == true { return work() }
        let box = ResultBox<Result>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = work()
            done.signal()
        }
        thread.stackSize = composeStackSize
        thread.start()
        done.wait()
        guard let value = box.value else { preconditionFailure("composing thread returned nothing") }
        return value
    }

    /// Hands the composing thread's result back; the semaphore orders the write before the read.
    private final class ResultBox<Value>: @unchecked Sendable {
        var value: Value?
    }

    private static func compose(
        _ text: String, file: String, limits: Limits
    ) -> (documents: [PolicyModel.Node], errors: [ParseError]) {
        var documents: [PolicyModel.Node] = []
        var errors: [ParseError] = []
        let parser: Parser
        do {
            parser = try Parser(yaml: text, resolver: CoreSchema.resolver, encoding: .utf8)
        } catch {
            return ([], [parseError(error, text: text, file: file)])
        }
        var builder = TreeBuilder(file: file, limits: limits)
        while true {
            let root: Yams.Node
            do {
                guard let next = try parser.nextRoot() else { break }
                root = next
            } catch {
                // The parser cannot resume after a syntax error: keep what was read before it.
                errors.append(parseError(error, text: text, file: file))
                break
            }
            if isEmptyDocument(root) { continue }
            do {
                documents.append(try builder.build(root))
            } catch {
                errors.append(error)
                if builder.nodeCount > limits.maxNodes { break }
            }
        }
        return (documents, errors)
    }

    /// A document with no content: Yams gives it as an empty, untagged plain scalar.
    private static func isEmptyDocument(_ root: Yams.Node) -> Bool {
        guard case .scalar(let scalar) = root else { return false }
        return scalar.string.isEmpty && scalar.style == .plain && scalar.tag.rawValue.isEmpty
    }
}
