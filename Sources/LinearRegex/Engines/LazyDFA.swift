/// A DFA built on the fly from the byte program, one state per set of NFA threads reached, with
/// transitions filled in as the haystack asks for them (RE2's approach). Each haystack byte costs
/// one table lookup once the states it needs exist. The table lives in a fixed memory budget:
/// when it is full the cache is cleared and rebuilt; if that happens too often for the progress
/// made, the search gives up and the caller finishes with the Pike VM — never with backtracking.
///
/// A state at position `p` holds the threads waiting to read `haystack[p]` (before their empty
/// transitions are followed, since assertions such as `$` and `\b` need that byte) and what the
/// previous byte was. A match is seen one byte late: the state reached by reading `haystack[p]`
/// is flagged when some thread matched at `p`.
///
/// Not thread-safe: a search borrows one from its engine's pool and gives it back.
final class LazyDFA {
    enum Kind {
        /// Leftmost-first: threads after a matching one are dropped.
        case leftmostFirst
        /// Every thread survives a match (regex sets, and the reverse scan for a match start).
        case all
    }

    enum Outcome {
        case noMatch
        case match(position: Int, pattern: Int)
        case gaveUp
    }

    private struct StateKey: Hashable {
        var pcs: [Int32]
        var flags: UInt8
        var patterns: [Int32]
    }

    private struct State {
        var pcs: [Int32]
        var flags: UInt8
        var patterns: [Int32]
    }

    // Lookbehind bits of a state, then its kind bits.
    private static let atTextStart: UInt8 = 1
    private static let afterNewline: UInt8 = 2
    private static let afterWordByte: UInt8 = 4
    private static let matchBit: UInt8 = 8
    private static let deadBit: UInt8 = 16
    private static let acceleratedBit: UInt8 = 32
    private static let contextBits: UInt8 = 7

    private static let unknown = Int32.min
    private static let quit = Int32.min + 1

    let program: Program
    let kind: Kind
    /// Lets the unanchored start state skip ahead with the literal prefilter.
    let prefilter: LiteralPrefilter?
    private let stride: Int
    private let endOfText: Int
    private let classOf: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var table: UnsafeMutablePointer<Int32>
    @exclusivity(unchecked) private var tableCapacity: Int
    private let maxStates: Int
    private let memoryBudget: Int
    @exclusivity(unchecked) private var states: [State] = []
    @exclusivity(unchecked) private var lookup: [StateKey: Int32] = [:]
    @exclusivity(unchecked) private var memoryUsed = 0
    private let contextMask: UInt8

    // Scratch for computing transitions.
    @exclusivity(unchecked) private var seen: [Int32]
    @exclusivity(unchecked) private var seenGeneration: Int32 = 0
    @exclusivity(unchecked) private var stack: [Int32] = []
    @exclusivity(unchecked) private var newPCs: [Int32] = []

    // Bail-out accounting for the current search: how often the cache was cleared, and where.
    @exclusivity(unchecked) private var clears = 0
    @exclusivity(unchecked) private var positionAtClear = 0

    init(program: Program, kind: Kind, capacity: Int, prefilter: LiteralPrefilter?) {
        self.program = program
        self.kind = kind
        self.prefilter = prefilter
        stride = program.byteClasses.classCount + 1
        endOfText = program.byteClasses.classCount
        classOf = .allocate(capacity: 256)
        for byte in 0..<256 { classOf[byte] = program.byteClasses.classOf[byte] }
        maxStates = max(32, capacity / (stride * 4 + 96))
        memoryBudget = capacity
        tableCapacity = min(maxStates, 16)
        table = .allocate(capacity: tableCapacity * stride)
        seen = [Int32](repeating: -1, count: program.count)
        var mask: UInt8 = Self.atTextStart
        if program.usesLineAssertions { mask |= Self.afterNewline }
        if program.usesWordBoundary { mask |= Self.afterWordByte }
        contextMask = mask
        reset()
    }

    deinit {
        classOf.deallocate()
        table.deallocate()
    }

    private func reset() {
        states.removeAll(keepingCapacity: true)
        lookup.removeAll(keepingCapacity: true)
        startStates.removeAll(keepingCapacity: true)
        acceleratedPC = -1
        for flags in acceleratedStarts.indices { acceleratedStarts[flags] = -1 }
        memoryUsed = 0
        // State 0: dead, no match. Its row points to itself.
        _ = addState(pcs: [], flags: Self.deadBit)
    }

    // MARK: States

    @inline(__always)
    private func encode(_ index: Int32) -> Int32 {
        let offset = index * Int32(stride)
        return states[Int(index)].flags & (Self.matchBit | Self.deadBit | Self.acceleratedBit) != 0 ? ~offset : offset
    }

    /// Adds a state or finds the existing one; `nil` when the cache is full.
    private func addState(pcs: [Int32], flags: UInt8) -> Int32? {
        let patterns = flags & Self.matchBit != 0 ? pendingPatterns : []
        let key = StateKey(pcs: pcs, flags: flags, patterns: patterns)
        if let known = lookup[key] { return known }
        let cost = stride * 4 + pcs.count * 8 + 96
        guard states.count < maxStates, memoryUsed + cost <= memoryBudget || states.count < 4 else { return nil }
        let index = Int32(states.count)
        if states.count == tableCapacity {
            // Grow the table; callers reload `table` after any slow-path call.
            let grown = min(maxStates, tableCapacity * 2)
            let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: grown * stride)
            bigger.moveInitialize(from: table, count: tableCapacity * stride)
            table.deallocate()
            table = bigger
            tableCapacity = grown
        }
        states.append(State(pcs: pcs, flags: flags, patterns: patterns))
        lookup[key] = index
        memoryUsed += cost
        let row = table + Int(index) * stride
        if pcs.isEmpty && flags & Self.matchBit == 0 {
            // Dead: every transition stays dead.
            row.initialize(repeating: ~(index * Int32(stride)), count: stride)
        } else {
            row.initialize(repeating: Self.unknown, count: stride)
        }
        return index
    }

    /// Patterns matched by the transition being computed (set before `addState`).
    @exclusivity(unchecked) private var pendingPatterns: [Int32] = []

    private func contextFlags(before position: Int, in haystack: UnsafeBufferPointer<UInt8>, reverse: Bool) -> UInt8 {
        var flags: UInt8 = 0
        let previous: UInt8?
        if reverse {
            previous = position < haystack.count ? haystack[position] : nil
        } else {
            previous = position > 0 ? haystack[position - 1] : nil
        }
        guard let previous else { return Self.atTextStart & contextMask }
        if previous == 0x0A { flags |= Self.afterNewline }
        if Context.isWordByte(previous) { flags |= Self.afterWordByte }
        return flags & contextMask
    }

    /// The start state for a scan beginning at `position`; `nil` when the DFA cannot proceed.
    private func startState(pc: Int32, flags: UInt8, accelerate: Bool) -> Int32? {
        // The accelerated start states, asked for at every prefilter candidate, by their context
        // alone: no hashing there.
        if accelerate, pc == acceleratedPC, acceleratedStarts[Int(flags)] >= 0 {
            return acceleratedStarts[Int(flags)]
        }
        let key = Int(pc) << 8 | Int(flags)
        if let known = startStates[key] { return known }
        pendingPatterns = []
        var index = addState(pcs: [pc], flags: flags)
        if index == nil {
            clearCache()
            index = addState(pcs: [pc], flags: flags)
        }
        guard let index else { return nil }
        if accelerate && prefilter != nil {
            states[Int(index)].flags |= Self.acceleratedBit
            if acceleratedPC == pc || acceleratedPC < 0 {
                acceleratedPC = pc
                acceleratedStarts[Int(flags)] = index
            }
        }
        startStates[key] = index
        return index
    }

    /// The program counter of the accelerated start states in `acceleratedStarts` (by context
    /// flags, -1 when not made yet).
    @exclusivity(unchecked) private var acceleratedPC: Int32 = -1
    @exclusivity(unchecked) private var acceleratedStarts = [Int32](repeating: -1, count: 8)

    /// Start states by program counter and context, so a search does not hash a state to begin.
    @exclusivity(unchecked) private var startStates: [Int: Int32] = [:]

    private func clearCache() {
        clears += 1
        reset()
    }

    /// Fills in the transition of state `index` on byte class `byteClass`.
    /// Returns the encoded target, `quit` if the byte cannot be handled, or `nil` if the cache
    /// was cleared (the caller re-creates its current state).
    private func computeTransition(from index: Int32, byteClass: Int) -> Int32? {
        let state = states[Int(index)]
        let byte: Int = byteClass == endOfText ? -1 : Int(program.byteClasses.representatives[byteClass])
        if program.usesUnicodeWordBoundary && byte >= 0x80 { return Self.quit }
        // Which assertions hold between the previous byte and this one.
        let atStart = state.flags & Self.atTextStart != 0
        let lineStart = atStart || state.flags & Self.afterNewline != 0
        let previousWord = state.flags & Self.afterWordByte != 0
        let nextWord = byte >= 0 && Context.isWordByte(UInt8(byte))
        let atEnd = byte < 0
        let lineEnd = atEnd || byte == 0x0A

        seenGeneration &+= 1
        if seenGeneration == Int32.max {
            for index in seen.indices { seen[index] = -1 }
            seenGeneration = 0
        }
        let generation = seenGeneration
        newPCs.removeAll(keepingCapacity: true)
        pendingPatterns = []
        var matched = false

        outer: for root in state.pcs {
            stack.append(root)
            while let top = stack.popLast() {
                var pc = top
                while true {
                    if seen[Int(pc)] == generation { break }
                    seen[Int(pc)] = generation
                    let instruction = program.instructions[Int(pc)]
                    switch instruction.opcode {
                    case .split:
                        stack.append(instruction.alternate)
                        pc = instruction.next
                        continue
                    case .nop, .save:
                        pc = instruction.next
                        continue
                    case .assertion:
                        let holds: Bool
                        switch Assertion(rawValue: UInt8(instruction.alternate)) {
                        case .beginLine: holds = lineStart
                        case .endLine: holds = lineEnd
                        case .beginText: holds = atStart
                        case .endText: holds = atEnd
                        case .wordBoundaryASCII, .wordBoundaryUnicode: holds = previousWord != nextWord
                        case .notWordBoundaryASCII, .notWordBoundaryUnicode: holds = previousWord == nextWord
                        case nil: holds = false
                        }
                        if holds {
                            pc = instruction.next
                            continue
                        }
                    case .byteRange:
                        if byte >= Int(instruction.low) && byte <= Int(instruction.high) {
                            appendUnique(instruction.next)
                        }
                    case .sparse:
                        if byte >= 0 {
                            let first = Int(instruction.next)
                            for transitionIndex in first..<(first + Int(instruction.alternate)) {
                                let transition = program.sparse[transitionIndex]
                                if byte < Int(transition.low) { break }
                                if byte <= Int(transition.high) {
                                    appendUnique(transition.next)
                                    break
                                }
                            }
                        }
                    case .match:
                        matched = true
                        pendingPatterns.append(instruction.alternate)
                        if kind == .leftmostFirst {
                            stack.removeAll(keepingCapacity: true)
                            break outer
                        }
                    case .fail:
                        break
                    }
                    break
                }
            }
        }
        if kind == .all { pendingPatterns.sort() }

        var flags: UInt8 = 0
        if byte == 0x0A { flags |= Self.afterNewline }
        if nextWord { flags |= Self.afterWordByte }
        flags &= contextMask
        if matched { flags |= Self.matchBit }
        if newPCs.isEmpty { flags = (flags & Self.matchBit) | Self.deadBit }
        guard let target = addState(pcs: newPCs, flags: flags) else { return nil }
        let encoded = encode(target)
        table[Int(index) * stride + byteClass] = encoded
        return encoded
    }

    @inline(__always)
    private func appendUnique(_ pc: Int32) {
        if !newPCs.contains(pc) { newPCs.append(pc) }
    }

    /// Moves from state `index` on `byteClass`, computing and caching as needed.
    /// `index` is updated if the cache had to be cleared. `nil` means give up.
    @inline(__always)
    private func step(_ index: inout Int32, byteClass: Int, position: Int) -> Int32? {
        let cached = table[Int(index) * stride + byteClass]
        if cached != Self.unknown { return cached }
        if let next = computeTransition(from: index, byteClass: byteClass) { return next == Self.quit ? nil : next }
        // Cache full: keep the current state, clear, and retry once.
        let current = states[Int(index)]
        // A cache refilled after fewer than ten bytes per state is thrashing: the NFA is cheaper.
        if clears > 0 && abs(position - positionAtClear) < 10 * max(states.count, 1) { return nil }
        clearCache()
        positionAtClear = position
        pendingPatterns = current.patterns
        guard let readded = addState(pcs: current.pcs, flags: current.flags) else { return nil }
        index = readded
        guard let next = computeTransition(from: readded, byteClass: byteClass), next != Self.quit else { return nil }
        return next
    }

    // MARK: Searching

    /// Scans forward through `haystack[bounds]` from the start program counter.
    /// - `earliest`: stop at the first match seen (position is then where that match ends).
    /// - `matched`: with `.all`, receives every pattern that matches; the scan runs to the end
    ///   unless every pattern has matched.
    func searchForward(
        _ haystack: UnsafeBufferPointer<UInt8>, bounds: Range<Int>, start pc: Int32, anchored: Bool, earliest: Bool,
        matched: inout [Bool]
    ) -> Outcome {
        clears = 0
        if program.usesUnicodeWordBoundary && bounds.lowerBound > 0 && haystack[bounds.lowerBound - 1] >= 0x80 {
            return .gaveUp
        }
        let accelerate = !anchored && prefilter != nil
        var position = bounds.lowerBound
        let end = bounds.upperBound
        guard
            var index = startState(
                pc: pc, flags: contextFlags(before: position, in: haystack, reverse: false),
                accelerate: accelerate)
        else { return .gaveUp }
        var result: Outcome = .noMatch
        var remaining = kind == .all ? matched.reduce(0) { $0 + ($1 ? 0 : 1) } : 0
        let stride = self.stride
        guard let base = haystack.baseAddress else {
            return finish(index, haystack: haystack, end: end, result: result, matched: &matched)
        }
        var state = Int(index) * stride
        if accelerate {
            // The start state is accelerated: jump to the first candidate.
            switch jumpToCandidate(pc: pc, haystack, from: position, end: end) {
            case .noCandidate: return .noMatch
            case .gaveUp: return .gaveUp
            case .at(let candidate, let restarted):
                position = candidate
                state = Int(restarted) * stride
            }
        }
        var table = self.table
        while position < end {
            var next = table[state + Int(classOf[Int(base[position])])]
            if next >= 0 {
                state = Int(next)
                position += 1
                continue
            }
            // Slow path: unknown transition or a flagged state.
            index = Int32(state / stride)
            if next == Self.unknown {
                guard let computed = step(&index, byteClass: Int(classOf[Int(base[position])]), position: position)
                else { return .gaveUp }
                table = self.table
                next = computed
                if next >= 0 {
                    state = Int(next)
                    position += 1
                    continue
                }
            }
            let target = Int(~next) / stride
            let flags = states[target].flags
            if flags & Self.matchBit != 0 {
                switch kind {
                case .leftmostFirst:
                    result = .match(position: position, pattern: Int(states[target].patterns.first ?? 0))
                    if earliest { return result }
                case .all:
                    for pattern in states[target].patterns where !matched[Int(pattern)] {
                        matched[Int(pattern)] = true
                        remaining -= 1
                    }
                    if remaining <= 0 || earliest {
                        return .match(position: position, pattern: Int(states[target].patterns.first ?? 0))
                    }
                }
            }
            if flags & Self.deadBit != 0 {
                if kind == .all { return matched.contains(true) ? .match(position: position, pattern: 0) : .noMatch }
                return result
            }
            state = target * stride
            position += 1
            if flags & Self.acceleratedBit != 0 {
                // Back in the start state, and no match is pending: skip to the next candidate.
                switch jumpToCandidate(pc: pc, haystack, from: position, end: end) {
                case .noCandidate: return result
                case .gaveUp: return .gaveUp
                case .at(let candidate, let restarted):
                    position = candidate
                    state = Int(restarted) * stride
                    table = self.table
                }
            }
        }
        return finish(Int32(state / stride), haystack: haystack, end: end, result: result, matched: &matched)
    }

    private enum Jump {
        case at(position: Int, state: Int32)
        case noCandidate
        case gaveUp
    }

    /// The next place the prefilter's literal occurs, with the start state for its context.
    private func jumpToCandidate(pc: Int32, _ haystack: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Jump {
        guard let prefilter, let candidate = prefilter.find(in: haystack, from: from, to: end) else {
            return .noCandidate
        }
        let flags = contextFlags(before: candidate, in: haystack, reverse: false)
        guard let state = startState(pc: pc, flags: flags, accelerate: true) else { return .gaveUp }
        return .at(position: candidate, state: state)
    }

    /// Feeds the byte after the window (or end of text) so that matches ending at `end` are seen.
    private func finish(
        _ current: Int32, haystack: UnsafeBufferPointer<UInt8>, end: Int, result: Outcome,
        matched: inout [Bool]
    ) -> Outcome {
        var index = current
        let byteClass = end < haystack.count ? Int(classOf[Int(haystack[end])]) : endOfText
        guard let next = step(&index, byteClass: byteClass, position: end) else { return .gaveUp }
        let target = Int(next < 0 ? ~next : next) / stride
        let state = states[target]
        if state.flags & Self.matchBit != 0 {
            switch kind {
            case .leftmostFirst:
                return .match(position: end, pattern: Int(state.patterns.first ?? 0))
            case .all:
                for pattern in state.patterns { matched[Int(pattern)] = true }
            }
        }
        if kind == .all { return matched.contains(true) ? .match(position: end, pattern: 0) : .noMatch }
        return result
    }

    /// Scans backwards from `end` down to `lowerBound`, anchored at `end`, and returns the
    /// smallest position where a match of the (reversed) program begins.
    func searchReverse(_ haystack: UnsafeBufferPointer<UInt8>, lowerBound: Int, end: Int, start pc: Int32) -> Outcome {
        clears = 0
        if program.usesUnicodeWordBoundary && end < haystack.count && haystack[end] >= 0x80 { return .gaveUp }
        guard
            var index = startState(
                pc: pc, flags: contextFlags(before: end, in: haystack, reverse: true),
                accelerate: false)
        else { return .gaveUp }
        var result: Outcome = .noMatch
        var position = end
        while position > lowerBound {
            let byteClass = Int(classOf[Int(haystack[position - 1])])
            var next = table[Int(index) * stride + byteClass]
            if next == Self.unknown {
                guard let computed = step(&index, byteClass: byteClass, position: position) else { return .gaveUp }
                next = computed
            }
            let target = Int32(Int(next < 0 ? ~next : next) / stride)
            if next < 0 {
                let state = states[Int(target)]
                if state.flags & Self.matchBit != 0 {
                    result = .match(position: position, pattern: Int(state.patterns.first ?? 0))
                }
                if state.flags & Self.deadBit != 0 { return result }
            }
            index = target
            position -= 1
        }
        let byteClass = lowerBound > 0 ? Int(classOf[Int(haystack[lowerBound - 1])]) : endOfText
        guard let next = step(&index, byteClass: byteClass, position: lowerBound) else { return .gaveUp }
        let target = Int(next < 0 ? ~next : next) / stride
        if states[target].flags & Self.matchBit != 0 {
            return .match(position: lowerBound, pattern: Int(states[target].patterns.first ?? 0))
        }
        return result
    }
}
