/// Thompson NFA simulation with capture slots (Pike's VM): every thread advances one byte at a
/// time in priority order, so a search costs O(haystack × program) and nothing is retried.
/// It is the engine of last resort and the one that reports capture groups.
struct PikeVM {
    let program: Program

    enum Mode {
        /// Leftmost-first: the first-priority thread that matches wins; lower ones are cut.
        case leftmostFirst
        /// Stop at the first match seen (only whether there is one matters).
        case earliest
        /// Run to the end and collect every pattern that matches (regex sets).
        case allPatterns
    }

    struct Result {
        var pattern: Int
        var slots: [Int]
    }

    /// Memory for one search at a time, kept between searches so that finding the groups of
    /// each of many small matches does not allocate program-sized tables every time.
    final class Cache {
        @exclusivity(unchecked) fileprivate var current: ThreadList
        @exclusivity(unchecked) fileprivate var next: ThreadList
        @exclusivity(unchecked) fileprivate var scratch: [Int]
        @exclusivity(unchecked) fileprivate var stack: [Frame] = []
        let slotCount: Int

        init(program: Program) {
            slotCount = program.slotCount
            current = ThreadList(capacity: program.count, slotCount: slotCount)
            next = ThreadList(capacity: program.count, slotCount: slotCount)
            scratch = [Int](repeating: -1, count: slotCount)
        }
    }

    /// A set of program counters in insertion (priority) order, with slots per counter.
    fileprivate struct ThreadList {
        var dense: [Int32]
        var index: [Int32]
        var count = 0
        var slots: [Int]

        init(capacity: Int, slotCount: Int) {
            dense = [Int32](repeating: 0, count: capacity)
            index = [Int32](repeating: 0, count: capacity)
            // Slots of a counter are written when it is inserted, before anything reads them.
            slots = [Int](repeating: -1, count: capacity * slotCount)
        }

        @inline(__always)
        func contains(_ pc: Int32) -> Bool {
            let position = Int(index[Int(pc)])
            return position < count && dense[position] == pc
        }

        @inline(__always)
        mutating func insert(_ pc: Int32) {
            index[Int(pc)] = Int32(count)
            dense[count] = pc
            count += 1
        }
    }

    fileprivate enum Frame {
        case explore(Int32)
        case restore(slot: Int, value: Int)
    }

    /// Runs the program over `haystack[bounds]` starting at `start` (a pc); `nil` when nothing matches.
    /// For `.allPatterns`, `matched` receives every pattern that matches and the result is `nil`.
    func search(
        _ haystack: UnsafeBufferPointer<UInt8>, bounds: Range<Int>, anchored: Bool, start: Int32, mode: Mode,
        matched: inout [Bool], cache: Cache
    ) -> Result? {
        // Only group 0 matters unless groups are asked for; the lists keep the full stride.
        let slotCount = cache.slotCount
        // Move the buffers out of the cache (so they are not copied on write) and back at the end.
        var current = ThreadList(capacity: 0, slotCount: 0)
        var next = ThreadList(capacity: 0, slotCount: 0)
        var scratch: [Int] = []
        var stack: [Frame] = []
        swap(&current, &cache.current)
        swap(&next, &cache.next)
        swap(&scratch, &cache.scratch)
        swap(&stack, &cache.stack)
        current.count = 0
        next.count = 0
        defer {
            swap(&current, &cache.current)
            swap(&next, &cache.next)
            swap(&scratch, &cache.scratch)
            swap(&stack, &cache.stack)
        }
        var best: Result?
        var remaining = mode == .allPatterns ? matched.reduce(0) { $0 + ($1 ? 0 : 1) } : 1
        var position = bounds.lowerBound
        let end = bounds.upperBound

        while true {
            if best == nil && (!anchored || position == bounds.lowerBound) {
                for slot in 0..<slotCount { scratch[slot] = -1 }
                addThread(&current, start, at: position, slots: &scratch, stack: &stack, haystack: haystack)
            }
            if current.count == 0 { break }
            let byte: Int = position < end ? Int(haystack[position]) : -1
            var cursor = 0
            threads: while cursor < current.count {
                let pc = current.dense[cursor]
                cursor += 1
                let instruction = program.instructions[Int(pc)]
                var target: Int32 = -1
                switch instruction.opcode {
                case .byteRange:
                    if byte >= Int(instruction.low) && byte <= Int(instruction.high) { target = instruction.next }
                case .sparse:
                    let first = Int(instruction.next)
                    for index in first..<(first + Int(instruction.alternate)) {
                        let transition = program.sparse[index]
                        if byte < Int(transition.low) { break }
                        if byte <= Int(transition.high) {
                            target = transition.next
                            break
                        }
                    }
                case .match:
                    let pattern = Int(instruction.alternate)
                    switch mode {
                    case .leftmostFirst, .earliest:
                        let base = Int(pc) * slotCount
                        best = Result(pattern: pattern, slots: Array(current.slots[base..<(base + slotCount)]))
                        if mode == .earliest { return best }
                        break threads  // lower-priority threads can no longer win
                    case .allPatterns:
                        if !matched[pattern] {
                            matched[pattern] = true
                            remaining -= 1
                            if remaining == 0 { return nil }
                        }
                    }
                default:
                    break
                }
                if target >= 0 {
                    let base = Int(pc) * slotCount
                    for slot in 0..<slotCount { scratch[slot] = current.slots[base + slot] }
                    addThread(&next, target, at: position + 1, slots: &scratch, stack: &stack, haystack: haystack)
                }
            }
            if position >= end { break }
            position += 1
            swap(&current, &next)
            next.count = 0
        }
        return best
    }

    /// Follows empty transitions from `pc` at `position`, adding each reachable consuming or
    /// matching instruction to `list` (in priority order) with the slots as they stand there.
    private func addThread(
        _ list: inout ThreadList, _ pc: Int32, at position: Int, slots: inout [Int], stack: inout [Frame],
        haystack: UnsafeBufferPointer<UInt8>
    ) {
        let slotCount = slots.count
        stack.append(.explore(pc))
        while let frame = stack.popLast() {
            switch frame {
            case .restore(let slot, let value):
                slots[slot] = value
            case .explore(var pc):
                // Follow a chain of single successors without pushing frames.
                while true {
                    if list.contains(pc) { break }
                    list.insert(pc)
                    let instruction = program.instructions[Int(pc)]
                    switch instruction.opcode {
                    case .split:
                        stack.append(.explore(instruction.alternate))
                        pc = instruction.next
                        continue
                    case .nop:
                        pc = instruction.next
                        continue
                    case .save:
                        let slot = Int(instruction.alternate)
                        if slot < slotCount {
                            stack.append(.restore(slot: slot, value: slots[slot]))
                            slots[slot] = position
                        }
                        pc = instruction.next
                        continue
                    case .assertion:
                        guard let assertion = Assertion(rawValue: UInt8(instruction.alternate)),
                            Context.holds(assertion, in: haystack, at: position)
                        else { break }
                        pc = instruction.next
                        continue
                    case .byteRange, .sparse, .match, .fail:
                        let base = Int(pc) * slotCount
                        for slot in 0..<slotCount { list.slots[base + slot] = slots[slot] }
                    }
                    break
                }
            }
        }
    }
}
