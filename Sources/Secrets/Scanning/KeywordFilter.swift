/// Which detectors' keywords a text holds, in one pass over its bytes: an Aho-Corasick automaton
/// of every keyword (ASCII letters folded to lower case), built whole when the scanner is made and
/// shared by every core.
///
/// A lazily built DFA of the same keywords costs each core hundreds of milliseconds of transition
/// building before it runs at full speed (a state of the keyword set holds hundreds of NFA
/// threads); this one is complete from the start, one table lookup per byte.
struct KeywordFilter: Sendable {
    /// `transitions[state * classCount + byteClass]`: the next state, premultiplied by
    /// `classCount` (one multiplication fewer on each byte's dependency chain); the high bit marks
    /// a state where some keyword ends (its detectors are in `outputs`).
    private let transitions: [UInt32]
    /// Byte → class: the bytes that occur in no keyword share one class; letters fold.
    private let classOf: [UInt8]
    private let classCount: Int
    /// The detectors whose keyword ends at each state (with those of its suffix states).
    private let outputs: [[Int]]
    /// The length of the keyword that ends at each state (the longest, when several do).
    private let depths: [Int]
    /// The length of the longest keyword.
    private let longest: Int
    private static let outputBit: UInt32 = 1 << 31

    /// `keywords[i]` are detector `owners[i]`'s keywords.
    init(keywords: [[String]], owners: [Int]) {
        // Byte classes: one per byte that occurs in a keyword (letters folded), one for the rest.
        var classOf = [UInt8](repeating: 0, count: 256)
        var classCount = 1
        let words: [(bytes: [UInt8], owner: Int)] = zip(keywords, owners).flatMap { words, owner in
            words.filter { !$0.isEmpty }.map { (Array($0.lowercased().utf8), owner) }
        }
        for (bytes, _) in words {
            for byte in bytes where classOf[Int(byte)] == 0 {
                classOf[Int(byte)] = UInt8(classCount)
                classCount += 1
            }
        }
        for upper in UInt8(ascii: "A")...UInt8(ascii: "Z") { classOf[Int(upper)] = classOf[Int(upper | 0x20)] }

        // The trie.
        var children: [[Int32]] = [[Int32](repeating: -1, count: classCount)]
        var ends: [[Int]] = [[]]
        var depths = [0]
        for (bytes, owner) in words {
            var node = 0
            for byte in bytes {
                let byteClass = Int(classOf[Int(byte)])
                if children[node][byteClass] < 0 {
                    children[node][byteClass] = Int32(children.count)
                    children.append([Int32](repeating: -1, count: classCount))
                    ends.append([])
                    depths.append(depths[node] + 1)
                }
                node = Int(children[node][byteClass])
            }
            if !ends[node].contains(owner) { ends[node].append(owner) }
        }

        // Failure links breadth first, turning the trie into a complete automaton.
        var transitions = [UInt32](repeating: 0, count: children.count * classCount)
        var failure = [Int](repeating: 0, count: children.count)
        var queue: [Int] = []
        for byteClass in 0..<classCount {
            let child = Int(children[0][byteClass])
            transitions[byteClass] = UInt32(max(child, 0))
            if child > 0 { queue.append(child) }
        }
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            ends[node] += ends[failure[node]].filter { !ends[node].contains($0) }
            for byteClass in 0..<classCount {
                let child = Int(children[node][byteClass])
                let fallback = transitions[failure[node] * classCount + byteClass] & ~Self.outputBit
                if child > 0 {
                    failure[child] = Int(fallback)
                    transitions[node * classCount + byteClass] = UInt32(child)
                    queue.append(child)
                } else {
                    transitions[node * classCount + byteClass] = fallback
                }
            }
        }
        // Premultiply, and flag the transitions into states where a keyword ends.
        for index in transitions.indices {
            let target = Int(transitions[index])
            transitions[index] = UInt32(target * classCount) | (ends[target].isEmpty ? 0 : Self.outputBit)
        }
        self.transitions = transitions
        self.classOf = classOf
        self.classCount = classCount
        outputs = ends
        self.depths = depths
        longest = max(1, depths.max() ?? 1)
    }

    /// The detectors (owners) whose keywords `text` holds, each with the stretches of text within
    /// `reach` bytes of one of its keywords, either side (merged where they meet), in the order
    /// first found.
    func regions(in text: UnsafeBufferPointer<UInt8>, ownerCount: Int, reach: Int) -> [(
        owner: Int, regions: [Range<Int>]
    )] {
        let hits = keywordEnds(in: text)
        guard !hits.isEmpty else { return [] }
        // Slot of each owner in `found`, -1 until its first keyword.
        var slot = [Int](repeating: -1, count: ownerCount)
        var found: [(owner: Int, regions: [Range<Int>])] = []
        let count = text.count
        for (position, node) in hits {
            let around = max(0, position + 1 - depths[node] - reach)..<min(count, position + 1 + reach)
            for owner in outputs[node] {
                if slot[owner] < 0 {
                    slot[owner] = found.count
                    found.append((owner, [around]))
                    continue
                }
                let index = slot[owner]
                if let last = found[index].regions.last, last.upperBound >= around.lowerBound {
                    found[index].regions[found[index].regions.count - 1] = last.lowerBound..<around.upperBound
                } else {
                    found[index].regions.append(around)
                }
            }
        }
        return found
    }

    /// Where keywords end in `text` (the position of their last byte) and the state reached
    /// there, in order.
    ///
    /// Each byte's step waits for the one before (the next state is read from the table at the
    /// current one), so a single pass runs at the latency of a memory load per byte. The text is
    /// cut in four stretches walked side by side, four independent chains the processor overlaps;
    /// each stretch but the first starts early by the longest keyword's length, so that no keyword
    /// across a cut is missed, and keeps only the keywords that end inside it.
    func keywordEnds(in text: UnsafeBufferPointer<UInt8>) -> [(position: Int, node: Int)] {
        guard let base = text.baseAddress, !text.isEmpty, transitions.count > classCount else { return [] }
        let count = text.count
        let lanes = count >= 4096 ? 4 : 1
        let length = count / lanes
        // Stretch k ends where k + 1 begins; the last one takes the remainder.
        let ends = (0..<lanes).map { $0 == lanes - 1 ? count : ($0 + 1) * length }
        let begins = (0..<lanes).map { $0 * length }
        let lead = longest - 1
        var hits = [[(position: Int, node: Int)]](repeating: [], count: lanes)
        transitions.withUnsafeBufferPointer { table in
            classOf.withUnsafeBufferPointer { classes in
                @inline(__always) func step(_ state: inout Int, _ position: Int, lane: Int) {
                    let next = table[state &+ Int(classes[Int(base[position])])]
                    state = Int(next & ~Self.outputBit)
                    if next & Self.outputBit != 0, position >= begins[lane] {
                        hits[lane].append((position, state / classCount))
                    }
                }
                if lanes == 1 {
                    var state = 0
                    for position in 0..<count { step(&state, position, lane: 0) }
                    return
                }
                // The four walk `length` bytes in step (the first lane's whole stretch), then each
                // finishes what is left of its own alone: the lead and the remainder, a few bytes.
                var positions = (0..<lanes).map { $0 == 0 ? 0 : begins[$0] - lead }
                var states = (0, 0, 0, 0)
                var (p0, p1, p2, p3) = (positions[0], positions[1], positions[2], positions[3])
                for _ in 0..<length {
                    step(&states.0, p0, lane: 0)
                    step(&states.1, p1, lane: 1)
                    step(&states.2, p2, lane: 2)
                    step(&states.3, p3, lane: 3)
                    p0 += 1
                    p1 += 1
                    p2 += 1
                    p3 += 1
                }
                positions = [p0, p1, p2, p3]
                var rest = [states.0, states.1, states.2, states.3]
                for lane in 0..<lanes {
                    while positions[lane] < ends[lane] {
                        step(&rest[lane], positions[lane], lane: lane)
                        positions[lane] += 1
                    }
                }
            }
        }
        return hits.flatMap { $0 }
    }
}
