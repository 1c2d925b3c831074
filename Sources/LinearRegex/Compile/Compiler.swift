/// Turns parsed patterns into a byte-level `Program` (Thompson's construction).
/// Unicode classes become UTF-8 byte tries whose common suffixes are shared, so the
/// engines never decode the haystack. A reversed program (for finding where a match
/// starts by scanning backwards from its end) comes from the same code with `reverse`.
struct Compiler {
    private var program = Program()
    private let options: RegexOptions
    private let reverse: Bool
    private let keepGroups: Bool
    private let source: String
    private let limit: Int
    private var depth = 0

    /// A compiled piece with its dangling exits.
    private struct Fragment {
        var start: Int32
        /// Exits still to be connected: `pc * 2` for `next`, `pc * 2 + 1` for `alternate`.
        var holes: [Int32]
    }

    private struct TooLarge: Error {}

    /// - Parameters:
    ///   - keepGroups: emit saves for every group (otherwise only group 0).
    static func compile(
        _ patterns: [ParsedPattern], options: RegexOptions, reverse: Bool, keepGroups: Bool, source: String
    ) throws(RegexSyntaxError) -> Program {
        var compiler = Compiler(options: options, reverse: reverse, keepGroups: keepGroups, source: source)
        do {
            try compiler.compileAll(patterns)
        } catch {
            throw RegexSyntaxError(
                pattern: source, offset: 0,
                reason: "pattern too large: the compiled program exceeds \(options.maxProgramSize) instructions")
        }
        return compiler.program
    }

    private init(options: RegexOptions, reverse: Bool, keepGroups: Bool, source: String) {
        self.options = options
        self.reverse = reverse
        self.keepGroups = keepGroups
        self.source = source
        self.limit = options.maxProgramSize
    }

    private mutating func compileAll(_ patterns: [ParsedPattern]) throws(TooLarge) {
        // Instruction 0 is a permanent failure state, so that -1 never has to be followed.
        _ = try emit(.init(opcode: .fail))
        var starts: [Int32] = []
        for (index, pattern) in patterns.enumerated() {
            let body = try compileNode(pattern.root)
            var whole = body
            if !reverse {
                let open = try emit(.init(opcode: .save, next: body.start, alternate: 0))
                whole = Fragment(start: open, holes: body.holes)
                let close = try emit(.init(opcode: .save, alternate: 1))
                patch(whole.holes, to: close)
                whole.holes = [close * 2]
            }
            let match = try emit(.init(opcode: .match, alternate: Int32(index)))
            patch(whole.holes, to: match)
            starts.append(whole.start)
            if keepGroups { program.slotCount = max(program.slotCount, (pattern.groupCount + 1) * 2) }
        }
        program.patternStarts = starts
        // All patterns in preference order: split chain.
        var anchored = starts.last ?? 0
        for start in starts.dropLast().reversed() {
            anchored = try emit(.init(opcode: .split, next: start, alternate: anchored))
        }
        program.anchoredStart = anchored
        // Lazy any-byte loop in front: try the patterns here first, else skip one byte.
        let loop = try emit(.init(opcode: .split, next: anchored, alternate: -1))
        let anyByte = try emit(.init(opcode: .byteRange, low: 0, high: 255, next: loop))
        program.instructions[Int(loop)].alternate = anyByte
        program.unanchoredStart = loop
        program.byteClasses = byteClasses()
    }

    // MARK: Emitting

    private mutating func emit(_ instruction: Program.Instruction) throws(TooLarge) -> Int32 {
        guard program.instructions.count < limit else { throw TooLarge() }
        program.instructions.append(instruction)
        return Int32(program.instructions.count - 1)
    }

    private mutating func patch(_ holes: [Int32], to target: Int32) {
        for hole in holes {
            let pc = Int(hole >> 1)
            if hole & 1 == 0 {
                program.instructions[pc].next = target
            } else {
                program.instructions[pc].alternate = target
            }
        }
    }

    private mutating func nop() throws(TooLarge) -> Fragment {
        let pc = try emit(.init(opcode: .nop))
        return Fragment(start: pc, holes: [pc * 2])
    }

    // MARK: Nodes

    private mutating func compileNode(_ node: RegexNode) throws(TooLarge) -> Fragment {
        switch node {
        case .empty:
            return try nop()
        case .literal(let value):
            if options.unicode {
                var bytes = UTF8Sequences.encode(value)
                if reverse { bytes.reverse() }
                return try byteChain(bytes.map { $0...$0 })
            }
            return try byteChain([UInt8(truncatingIfNeeded: value)...UInt8(truncatingIfNeeded: value)])
        case .characterClass(let set):
            return try compileClass(set)
        case .assertion(let assertion):
            let effective = reverse ? assertion.reversed : assertion
            switch effective {
            case .beginLine, .endLine: program.usesLineAssertions = true
            case .beginText, .endText: program.usesTextAssertions = true
            case .wordBoundaryASCII, .notWordBoundaryASCII: program.usesWordBoundary = true
            case .wordBoundaryUnicode, .notWordBoundaryUnicode:
                program.usesWordBoundary = true
                program.usesUnicodeWordBoundary = true
            }
            let pc = try emit(.init(opcode: .assertion, alternate: Int32(effective.rawValue)))
            return Fragment(start: pc, holes: [pc * 2])
        case .capture(let index, _, let body):
            let inner = try compileNode(body)
            guard keepGroups && !reverse else { return inner }
            let open = try emit(.init(opcode: .save, next: inner.start, alternate: Int32(index * 2)))
            let close = try emit(.init(opcode: .save, alternate: Int32(index * 2 + 1)))
            patch(inner.holes, to: close)
            return Fragment(start: open, holes: [close * 2])
        case .concatenation(let items):
            guard !items.isEmpty else { return try nop() }
            let ordered = reverse ? items.reversed() : items
            var result: Fragment?
            for item in ordered {
                let next = try compileNode(item)
                if let current = result {
                    patch(current.holes, to: next.start)
                    result = Fragment(start: current.start, holes: next.holes)
                } else {
                    result = next
                }
            }
            if let result { return result }
            return try nop()
        case .alternation(let branches):
            var fragments: [Fragment] = []
            for branch in branches { fragments.append(try compileNode(branch)) }
            return try alternate(fragments)
        case .repetition(let body, let min, let max, let greedy):
            return try compileRepetition(body, min: min, max: max, greedy: greedy)
        }
    }

    private mutating func alternate(_ fragments: [Fragment]) throws(TooLarge) -> Fragment {
        guard var result = fragments.last else { return try nop() }
        for fragment in fragments.dropLast().reversed() {
            let split = try emit(.init(opcode: .split, next: fragment.start, alternate: result.start))
            result = Fragment(start: split, holes: fragment.holes + result.holes)
        }
        return result
    }

    private mutating func compileRepetition(_ body: RegexNode, min: Int, max: Int?, greedy: Bool)
        throws(TooLarge) -> Fragment
    {
        // x{n,m}: n copies, then (m - n) nested optionals; x{n,}: n - 1 copies then x+.
        var pieces: [Fragment] = []
        if let max {
            if max == 0 { return try nop() }
            for _ in 0..<min { pieces.append(try compileNode(body)) }
            if max > min {
                // (x(x(x)?)?)? built inside out.
                var tail: Fragment? = nil
                for _ in 0..<(max - min) {
                    var inner = try compileNode(body)
                    if let tail {
                        patch(inner.holes, to: tail.start)
                        inner.holes = tail.holes
                    }
                    tail = try optional(inner, greedy: greedy)
                }
                if let tail { pieces.append(tail) }
            }
        } else if min == 0 {
            if body.canMatchEmpty {
                // x* where x can match empty is compiled as (x+)?: an iteration that matched
                // nothing then ends the loop with the priority of that iteration, which is what
                // backtracking semantics (and RE2) give for patterns such as (a*)* and (|a)*.
                pieces.append(try optional(try plus(try compileNode(body), greedy: greedy), greedy: greedy))
            } else {
                pieces.append(try star(try compileNode(body), greedy: greedy))
            }
        } else {
            for _ in 0..<(min - 1) { pieces.append(try compileNode(body)) }
            pieces.append(try plus(try compileNode(body), greedy: greedy))
        }
        guard var result = pieces.first else { return try nop() }
        for piece in pieces.dropFirst() {
            patch(result.holes, to: piece.start)
            result.holes = piece.holes
        }
        return result
    }

    private mutating func optional(_ body: Fragment, greedy: Bool) throws(TooLarge) -> Fragment {
        if greedy {
            let split = try emit(.init(opcode: .split, next: body.start))
            return Fragment(start: split, holes: body.holes + [split * 2 + 1])
        }
        let split = try emit(.init(opcode: .split, alternate: body.start))
        return Fragment(start: split, holes: [split * 2] + body.holes)
    }

    private mutating func star(_ body: Fragment, greedy: Bool) throws(TooLarge) -> Fragment {
        let split: Int32
        let exit: Int32
        if greedy {
            split = try emit(.init(opcode: .split, next: body.start))
            exit = split * 2 + 1
        } else {
            split = try emit(.init(opcode: .split, alternate: body.start))
            exit = split * 2
        }
        patch(body.holes, to: split)
        return Fragment(start: split, holes: [exit])
    }

    private mutating func plus(_ body: Fragment, greedy: Bool) throws(TooLarge) -> Fragment {
        let looped = try star(body, greedy: greedy)
        return Fragment(start: body.start, holes: looped.holes)
    }

    private mutating func byteChain(_ ranges: [ClosedRange<UInt8>]) throws(TooLarge) -> Fragment {
        var result: Fragment?
        for range in ranges {
            let pc = try emit(.init(opcode: .byteRange, low: range.lowerBound, high: range.upperBound))
            if let current = result {
                patch(current.holes, to: pc)
                result = Fragment(start: current.start, holes: [pc * 2])
            } else {
                result = Fragment(start: pc, holes: [pc * 2])
            }
        }
        if let result { return result }
        return try nop()
    }

    // MARK: Classes

    /// One instruction that consumes a byte in any of `ranges` (sorted, disjoint).
    private mutating func byteSet(_ ranges: [ClosedRange<UInt8>]) throws(TooLarge) -> Fragment {
        guard let first = ranges.first else {
            let pc = try emit(.init(opcode: .fail))
            return Fragment(start: pc, holes: [])
        }
        if ranges.count == 1 {
            let pc = try emit(.init(opcode: .byteRange, low: first.lowerBound, high: first.upperBound))
            return Fragment(start: pc, holes: [pc * 2])
        }
        // A sparse instruction's transitions all lead to one shared exit.
        let exit = try emit(.init(opcode: .nop))
        guard program.sparse.count + ranges.count < limit * 4 else { throw TooLarge() }
        let firstTransition = Int32(program.sparse.count)
        for range in ranges {
            program.sparse.append(.init(low: range.lowerBound, high: range.upperBound, next: exit))
        }
        let pc = try emit(.init(opcode: .sparse, next: firstTransition, alternate: Int32(ranges.count)))
        return Fragment(start: pc, holes: [exit * 2])
    }

    /// A trie of byte ranges built from the class's UTF-8 sequences.
    private final class TrieNode {
        var edges: [(range: ClosedRange<UInt8>, child: TrieNode?)] = []
    }

    private mutating func compileClass(_ set: CharacterClass) throws(TooLarge) -> Fragment {
        if set.isEmpty {
            let pc = try emit(.init(opcode: .fail))
            return Fragment(start: pc, holes: [])
        }
        if let last = set.ranges.last, last.upperBound < 0x80 || !options.unicode {
            // ASCII (or byte-mode) classes are their own byte ranges: one instruction.
            return try byteSet(
                set.ranges.compactMap { range in
                    range.lowerBound > 0xFF ? nil : UInt8(range.lowerBound)...UInt8(min(range.upperBound, 0xFF))
                })
        }
        if options.unicode && reverse { return try compileReversedSequences(set) }
        let root = TrieNode()
        for range in set.ranges {
            for sequence in UTF8Sequences.sequences(for: range) { insert(sequence.ranges, into: root) }
        }
        // Every path ends at one shared exit.
        let exit = try emit(.init(opcode: .nop))
        var cache: [[Int32]: Int32] = [:]
        let start = try emitTrie(root, exit: exit, cache: &cache)
        return Fragment(start: start, holes: [exit * 2])
    }

    /// Adds one byte sequence to the trie. Sequences arrive in increasing scalar order, so a
    /// prefix shared with an earlier sequence is always shared with the most recent edge.
    private func insert(_ ranges: [ClosedRange<UInt8>], into root: TrieNode) {
        var node = root
        for (index, range) in ranges.enumerated() {
            let last = index == ranges.count - 1
            if !last, let edge = node.edges.last, edge.range == range, let child = edge.child {
                node = child
                continue
            }
            if last {
                node.edges.append((range, nil))
            } else {
                let child = TrieNode()
                node.edges.append((range, child))
                node = child
            }
        }
    }

    /// Reversed UTF-8 sequences start with continuation bytes whose ranges overlap from one
    /// sequence to the next, so they do not form a trie; they are compiled as alternatives that
    /// share common tails (the lead-byte ends), which keeps the program small.
    private mutating func compileReversedSequences(_ set: CharacterClass) throws(TooLarge) -> Fragment {
        let exit = try emit(.init(opcode: .nop))
        var cache: [[Int32]: Int32] = [:]
        var heads: [Int32] = []
        for range in set.ranges {
            for sequence in UTF8Sequences.sequences(for: range) {
                var next = exit
                // Reversed order: the lead byte is read last; emit from the lead byte backwards.
                for byteRange in sequence.ranges {
                    let key = [Int32(byteRange.lowerBound), Int32(byteRange.upperBound), next]
                    if let known = cache[key] {
                        next = known
                    } else {
                        let pc = try emit(
                            .init(opcode: .byteRange, low: byteRange.lowerBound, high: byteRange.upperBound, next: next)
                        )
                        cache[key] = pc
                        next = pc
                    }
                }
                if !heads.contains(next) { heads.append(next) }
            }
        }
        var start = heads.last ?? exit
        for head in heads.dropLast().reversed() {
            start = try emit(.init(opcode: .split, next: head, alternate: start))
        }
        return Fragment(start: start, holes: [exit * 2])
    }

    /// Emits a trie node bottom-up; identical subtrees (same edges to the same targets) are shared.
    private mutating func emitTrie(_ node: TrieNode, exit: Int32, cache: inout [[Int32]: Int32]) throws(TooLarge)
        -> Int32
    {
        var edges: [Program.Transition] = []
        for edge in node.edges {
            let target = try edge.child.map { child throws(TooLarge) in try emitTrie(child, exit: exit, cache: &cache) }
            edges.append(.init(low: edge.range.lowerBound, high: edge.range.upperBound, next: target ?? exit))
        }
        edges.sort { $0.low < $1.low }
        var key: [Int32] = []
        for edge in edges { key += [Int32(edge.low), Int32(edge.high), edge.next] }
        if let known = cache[key] { return known }
        let pc: Int32
        if edges.count == 1 {
            pc = try emit(.init(opcode: .byteRange, low: edges[0].low, high: edges[0].high, next: edges[0].next))
        } else {
            guard program.sparse.count + edges.count < limit * 4 else { throw TooLarge() }
            let first = Int32(program.sparse.count)
            program.sparse.append(contentsOf: edges)
            pc = try emit(.init(opcode: .sparse, next: first, alternate: Int32(edges.count)))
        }
        cache[key] = pc
        return pc
    }

    // MARK: Byte classes

    private func byteClasses() -> ByteClasses {
        var boundaries = [Bool](repeating: false, count: 257)
        func mark(_ low: UInt8, _ high: UInt8) {
            boundaries[Int(low)] = true
            boundaries[Int(high) + 1] = true
        }
        for instruction in program.instructions where instruction.opcode == .byteRange {
            mark(instruction.low, instruction.high)
        }
        for transition in program.sparse { mark(transition.low, transition.high) }
        if program.usesLineAssertions { mark(0x0A, 0x0A) }
        if program.usesWordBoundary {
            mark(0x30, 0x39)
            mark(0x41, 0x5A)
            mark(0x5F, 0x5F)
            mark(0x61, 0x7A)
        }
        if program.usesUnicodeWordBoundary { mark(0x80, 0xFF) }
        return ByteClasses(boundaries: Array(boundaries[0..<256]))
    }
}
