import Synchronization

/// How long each policy took in a scan, for `palisade scan --profile`: the policy author's
/// question "which of my policies is slow, and on what?".
///
/// Times are the wall time of evaluating the policy on a resource, summed over resources and
/// cores, so they add up to about the CPU time of evaluation. Work that several policies share
/// is counted for the first that needs it: the commands of a shell script are split once per
/// file, for the first policy that asks.
public final class PolicyProfile: Sendable {
    public struct Entry: Sendable, Equatable {
        /// Resources the policy was evaluated on.
        public var resources = 0
        public var time: Duration = .zero
        public var findings = 0
        /// Resources passed over because their file holds none of the policy's keywords.
        public var skipped = 0

        public init() {}
    }

    private let entries = Mutex<[String: Entry]>([:])

    public init() {}

    /// Adds one scanner's measurements (merged once per scan call, not once per resource).
    func add(_ measured: [String: Entry]) {
        guard !measured.isEmpty else { return }
        entries.withLock { entries in
            for (id, entry) in measured {
                var total = entries[id] ?? Entry()
                total.resources += entry.resources
                total.time += entry.time
                total.findings += entry.findings
                total.skipped += entry.skipped
                entries[id] = total
            }
        }
    }

    /// Every policy evaluated, the slowest first.
    public var policies: [(id: String, entry: Entry)] {
        entries.withLock { $0 }.map { (id: $0.key, entry: $0.value) }.sorted {
            $0.entry.time != $1.entry.time ? $0.entry.time > $1.entry.time : $0.id < $1.id
        }
    }
}
