/// A Thompson NFA over bytes: what every engine in this library executes.
struct Program: Sendable {
    enum Opcode: UInt8, Sendable {
        /// Consume one byte in `low...high`, go to `next`.
        case byteRange
        /// Consume one byte in one of the ranges `sparse[next ..< next + alternate]`.
        case sparse
        /// Go to `next` first, then to `alternate` (leftmost-first preference order).
        case split
        /// Record the position in capture slot `alternate`, go to `next`.
        case save
        /// Go to `next` if the assertion `alternate` holds here.
        case assertion
        /// Go to `next`.
        case nop
        /// Pattern `alternate` matches here.
        case match
        /// Never matches.
        case fail
    }

    struct Instruction: Sendable {
        var opcode: Opcode
        var low: UInt8 = 0
        var high: UInt8 = 0
        var next: Int32 = -1
        var alternate: Int32 = -1
    }

    struct Transition: Sendable {
        var low: UInt8
        var high: UInt8
        var next: Int32
    }

    var instructions: [Instruction] = []
    var sparse: [Transition] = []
    /// Where each pattern begins (anchored).
    var patternStarts: [Int32] = []
    /// All patterns in order of preference, anchored at the search start.
    var anchoredStart: Int32 = 0
    /// The same behind a lazy any-byte loop, for unanchored search.
    var unanchoredStart: Int32 = 0
    /// Capture slots per thread: two per group, group 0 first.
    var slotCount = 2
    /// Which assertions occur, so engines skip context they never need.
    var usesLineAssertions = false
    var usesTextAssertions = false
    var usesWordBoundary = false
    var usesUnicodeWordBoundary = false
    /// Byte equivalence classes: bytes that no instruction tells apart share a class.
    var byteClasses = ByteClasses()

    var count: Int { instructions.count }
}

/// Maps each byte to a class number so that the DFA's tables have one column per class.
struct ByteClasses: Sendable {
    var classOf = [UInt8](repeating: 0, count: 256)
    var classCount = 1
    /// One byte of each class, to compute a class's transition.
    var representatives: [UInt8] = [0]

    init() {}

    /// `boundaries[b]` is true when byte `b` starts a new class.
    init(boundaries: [Bool]) {
        var current: UInt8 = 0
        representatives = [0]
        for byte in 0..<256 {
            if byte > 0 && boundaries[byte] {
                current += 1
                representatives.append(UInt8(byte))
            }
            classOf[byte] = current
        }
        classCount = Int(current) + 1
    }
}
