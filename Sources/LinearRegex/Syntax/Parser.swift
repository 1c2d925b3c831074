/// The result of parsing one pattern.
struct ParsedPattern: Sendable, Hashable {
    var root: RegexNode
    /// Number of capturing groups, not counting group 0.
    var groupCount: Int
    /// Name of each group by index; index 0 (the whole match) is always `nil`.
    var groupNames: [String?]
}

/// Reads RE2 syntax into a `RegexNode` tree. Works on the pattern's UTF-8 bytes so that every
/// error carries a byte offset, and never recurses on the pattern's nesting: groups are kept on
/// an explicit stack, so a deeply nested pattern is a size error, not a stack overflow.
struct Parser {
    private let bytes: [UInt8]
    private let source: String
    private let options: RegexOptions
    private var position = 0
    private var flags: Flags
    private var groupCount = 0
    private var groupNames: [String?] = [nil]

    struct Flags: Hashable {
        var caseInsensitive: Bool
        var multiLine: Bool
        var dotMatchesNewline: Bool
        var swapGreed: Bool
    }

    /// One open group, or the top level.
    private struct Frame {
        var alternatives: [RegexNode] = []
        var items: [RegexNode] = []
        var flagsOutside: Flags
        var kind: Kind
        var openOffset: Int

        enum Kind {
            case top
            case capture(index: Int, name: String?)
            case group
        }
    }

    static func parse(_ pattern: String, options: RegexOptions) throws(RegexSyntaxError) -> ParsedPattern {
        try parse(bytes: Array(pattern.utf8), options: options)
    }

    static func parse(bytes: [UInt8], options: RegexOptions) throws(RegexSyntaxError) -> ParsedPattern {
        var parser = Parser(bytes: bytes, options: options)
        return try parser.run()
    }

    private init(bytes: [UInt8], options: RegexOptions) {
        self.bytes = bytes
        self.source = String(decoding: bytes, as: UTF8.self)
        self.options = options
        self.flags = Flags(
            caseInsensitive: options.caseInsensitive, multiLine: options.multiLine,
            dotMatchesNewline: options.dotMatchesNewline, swapGreed: options.swapGreed)
    }

    // MARK: Errors

    private func error(_ reason: String, at offset: Int? = nil) -> RegexSyntaxError {
        RegexSyntaxError(pattern: source, offset: offset ?? position, reason: reason)
    }

    // MARK: Reading

    private var atEnd: Bool { position >= bytes.count }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let index = position + ahead
        return index < bytes.count ? bytes[index] : nil
    }

    private func lookingAt(_ text: String) -> Bool {
        var index = position
        for byte in text.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    /// Decodes the scalar at the current position and advances past it.
    private mutating func nextScalar() throws(RegexSyntaxError) -> UInt32 {
        let start = position
        guard let lead = peek() else { throw error("unexpected end of pattern") }
        if lead < 0x80 {
            position += 1
            return UInt32(lead)
        }
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: throw error("invalid UTF-8 in pattern", at: start)
        }
        guard start + length <= bytes.count else { throw error("invalid UTF-8 in pattern", at: start) }
        for index in (start + 1)..<(start + length) {
            let byte = bytes[index]
            guard byte & 0xC0 == 0x80 else { throw error("invalid UTF-8 in pattern", at: start) }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : (length == 3 ? 0x800 : 0x10000)
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else {
            throw error("invalid UTF-8 in pattern", at: start)
        }
        position += length
        return value
    }

    // MARK: Top level

    private mutating func run() throws(RegexSyntaxError) -> ParsedPattern {
        var stack: [Frame] = [Frame(flagsOutside: flags, kind: .top, openOffset: 0)]
        while !atEnd {
            let start = position
            guard let byte = peek() else { break }
            switch byte {
            case UInt8(ascii: "("):
                if let flagOnly = try parseGroupOpening(stack: &stack) {
                    // `(?flags)` changes the flags of the enclosing group from here on.
                    flags = flagOnly
                }
                if stack.count > options.maxNesting {
                    throw error("pattern nests more than \(options.maxNesting) levels deep", at: start)
                }
            case UInt8(ascii: "|"):
                position += 1
                let top = stack.count - 1
                stack[top].alternatives.append(Self.concatenate(stack[top].items))
                stack[top].items = []
            case UInt8(ascii: ")"):
                position += 1
                guard stack.count > 1 else { throw error("unmatched \")\"", at: start) }
                let frame = stack.removeLast()
                flags = frame.flagsOutside
                var alternatives = frame.alternatives
                alternatives.append(Self.concatenate(frame.items))
                let body = alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
                let node: RegexNode
                switch frame.kind {
                case .capture(let index, let name): node = .capture(index: index, name: name, body)
                case .group, .top:
                    // `(?:a*)*` is allowed; only an operator written right after another is not.
                    if case .repetition = body { node = .concatenation([body]) } else { node = body }
                }
                stack[stack.count - 1].items.append(node)
            case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
                position += 1
                let (min, max): (Int, Int?) =
                    byte == UInt8(ascii: "*") ? (0, nil) : (byte == UInt8(ascii: "+") ? (1, nil) : (0, 1))
                try applyRepetition(min: min, max: max, operatorStart: start, frame: &stack[stack.count - 1])
            case UInt8(ascii: "{"):
                if let (min, max) = try parseCountedRepetition() {
                    try applyRepetition(min: min, max: max, operatorStart: start, frame: &stack[stack.count - 1])
                } else {
                    position += 1
                    stack[stack.count - 1].items.append(literalNode(UInt32(byte)))
                }
            case UInt8(ascii: "["):
                let node = try parseClass()
                stack[stack.count - 1].items.append(node)
            case UInt8(ascii: "."):
                position += 1
                stack[stack.count - 1].items.append(dotNode())
            case UInt8(ascii: "^"):
                position += 1
                stack[stack.count - 1].items.append(.assertion(flags.multiLine ? .beginLine : .beginText))
            case UInt8(ascii: "$"):
                position += 1
                stack[stack.count - 1].items.append(.assertion(flags.multiLine ? .endLine : .endText))
            case UInt8(ascii: "\\"):
                if lookingAt("\\Q") {
                    position += 2
                    while !atEnd && !lookingAt("\\E") {
                        let scalar = try nextScalar()
                        stack[stack.count - 1].items.append(literalNode(scalar))
                    }
                    if lookingAt("\\E") { position += 2 }
                } else if lookingAt("\\E") {
                    // A stray \E (after \Q...\E or alone) is ignored, as RE2 does.
                    position += 2
                } else {
                    let node = try parseEscapeOutsideClass()
                    stack[stack.count - 1].items.append(node)
                }
            default:
                let scalar = try nextScalar()
                stack[stack.count - 1].items.append(literalNode(scalar))
            }
        }
        guard stack.count == 1, var top = stack.popLast() else {
            throw error("missing \")\"", at: stack.last?.openOffset ?? position)
        }
        top.alternatives.append(Self.concatenate(top.items))
        let root = top.alternatives.count == 1 ? top.alternatives[0] : .alternation(top.alternatives)
        return ParsedPattern(root: root, groupCount: groupCount, groupNames: groupNames)
    }

    private static func concatenate(_ items: [RegexNode]) -> RegexNode {
        switch items.count {
        case 0: return .empty
        case 1: return items[0]
        default: return .concatenation(items)
        }
    }

    // MARK: Groups and flags

    /// Opens a group on the stack, or returns new flags for a bare `(?flags)`.
    private mutating func parseGroupOpening(stack: inout [Frame]) throws(RegexSyntaxError) -> Flags? {
        let start = position
        position += 1  // (
        guard peek() == UInt8(ascii: "?") else {
            groupCount += 1
            groupNames.append(nil)
            stack.append(Frame(flagsOutside: flags, kind: .capture(index: groupCount, name: nil), openOffset: start))
            return nil
        }
        position += 1  // ?
        if lookingAt("P<") || (lookingAt("<") && peek(1) != UInt8(ascii: "=") && peek(1) != UInt8(ascii: "!")) {
            position += lookingAt("P<") ? 2 : 1
            let nameStart = position
            while let byte = peek(), byte != UInt8(ascii: ">") {
                guard Self.isNameByte(byte) else {
                    throw error("invalid character in group name", at: position)
                }
                position += 1
            }
            guard peek() == UInt8(ascii: ">") else { throw error("unterminated group name", at: nameStart) }
            let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
            position += 1
            guard !name.isEmpty else { throw error("empty group name", at: nameStart) }
            guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
                throw error("group name \"\(name)\" starts with a digit", at: nameStart)
            }
            guard !groupNames.contains(name) else { throw error("duplicate group name \"\(name)\"", at: nameStart) }
            groupCount += 1
            groupNames.append(name)
            stack.append(Frame(flagsOutside: flags, kind: .capture(index: groupCount, name: name), openOffset: start))
            return nil
        }
        if lookingAt("P=") || lookingAt("P>") {
            throw error("backreferences are not supported", at: start)
        }
        if lookingAt("=") || lookingAt("!") || lookingAt("<=") || lookingAt("<!") {
            throw error("lookaround assertions are not supported", at: start)
        }
        // Flags: (?ims-U) or (?i:...)
        var newFlags = flags
        var negated = false
        var sawFlag = false
        var sawFlagAfterMinus = false
        while true {
            guard let byte = peek() else { throw error("missing \")\"", at: start) }
            position += 1
            switch byte {
            case UInt8(ascii: "i"): newFlags.caseInsensitive = !negated
            case UInt8(ascii: "m"): newFlags.multiLine = !negated
            case UInt8(ascii: "s"): newFlags.dotMatchesNewline = !negated
            case UInt8(ascii: "U"): newFlags.swapGreed = !negated
            case UInt8(ascii: "-"):
                guard !negated else { throw error("invalid flag group: repeated \"-\"", at: position - 1) }
                negated = true
                continue
            case UInt8(ascii: ":"), UInt8(ascii: ")"):
                guard sawFlag || (byte == UInt8(ascii: ":") && !negated) else {
                    throw error(negated ? "\"-\" with no flag after it" : "empty flag group", at: start)
                }
                if negated && !sawFlagAfterMinus {
                    throw error("\"-\" with no flag after it", at: position - 2)
                }
                if byte == UInt8(ascii: ")") { return newFlags }
                stack.append(Frame(flagsOutside: flags, kind: .group, openOffset: start))
                flags = newFlags
                return nil
            default:
                throw error("unknown flag or group syntax \"(?\(Character(Unicode.Scalar(byte)))\"", at: position - 1)
            }
            sawFlag = true
            if negated { sawFlagAfterMinus = true }
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }

    // MARK: Repetition

    /// Reads `{n}`, `{n,}` or `{n,m}` at the current position; `nil` (position unchanged) when
    /// the brace does not start a valid repetition, in which case it is a literal `{`.
    private mutating func parseCountedRepetition() throws(RegexSyntaxError) -> (Int, Int?)? {
        let start = position
        var index = position + 1
        func number() -> Int?? {
            let digitsStart = index
            var value = 0
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                value = min(value * 10 + Int(bytes[index] - UInt8(ascii: "0")), 1_000_000)
                index += 1
            }
            return index == digitsStart ? .some(nil) : .some(value)
        }
        guard let minimum = number() ?? nil else { return nil }
        var maximum: Int? = minimum
        if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
            index += 1
            maximum = number() ?? nil
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else { return nil }
        position = index + 1
        let limit = options.maxRepetition
        if minimum > limit || (maximum ?? 0) > limit {
            throw error("counted repetition exceeds the limit of \(limit)", at: start)
        }
        if let maximum, maximum < minimum {
            throw error("invalid repetition range: {\(minimum),\(maximum)}", at: start)
        }
        return (minimum, maximum)
    }

    private mutating func applyRepetition(min: Int, max: Int?, operatorStart: Int, frame: inout Frame)
        throws(RegexSyntaxError)
    {
        var greedy = true
        if peek() == UInt8(ascii: "?") {
            position += 1
            greedy = false
        }
        if flags.swapGreed { greedy.toggle() }
        if let next = peek(), next == UInt8(ascii: "*") || next == UInt8(ascii: "+") || next == UInt8(ascii: "?") {
            throw error("repeated repetition operator (possessive quantifiers are not supported)", at: position)
        }
        guard let operand = frame.items.popLast() else {
            throw error("missing argument to repetition operator", at: operatorStart)
        }
        if case .repetition = operand {
            throw error("repeated repetition operator", at: operatorStart)
        }
        frame.items.append(.repetition(operand, min: min, max: max, greedy: greedy))
    }

    // MARK: Atoms

    private func literalNode(_ scalar: UInt32) -> RegexNode {
        if !options.unicode && scalar > 0x7F && scalar <= 0x10FFFF && !isByteEscape {
            // In byte mode a non-ASCII character written in the pattern means its UTF-8 bytes.
            var utf8: [RegexNode] = []
            if let unicodeScalar = Unicode.Scalar(scalar) {
                for byte in String(Character(unicodeScalar)).utf8 { utf8.append(.literal(UInt32(byte))) }
            }
            return .concatenation(utf8)
        }
        guard flags.caseInsensitive else { return .literal(scalar) }
        let folded = foldClass(CharacterClass(scalar: scalar))
        if let single = folded.singleScalar { return .literal(single) }
        return .characterClass(folded)
    }

    /// Set while turning a `\x..` or octal escape into a literal, which in byte mode is a byte.
    private var isByteEscape = false

    private func foldClass(_ set: CharacterClass) -> CharacterClass {
        guard flags.caseInsensitive else { return set }
        if options.unicode { return set.caseFolded() }
        var result = set
        let lower = set.intersection(CharacterClass([0x61...0x7A]))
        let upper = set.intersection(CharacterClass([0x41...0x5A]))
        for range in lower.ranges { result.appendUnsorted((range.lowerBound - 0x20)...(range.upperBound - 0x20)) }
        for range in upper.ranges { result.appendUnsorted((range.lowerBound + 0x20)...(range.upperBound + 0x20)) }
        result.canonicalize()
        return result
    }

    private var universe: CharacterClass {
        options.unicode ? CharacterClass([0...0xD7FF, 0xE000...CharacterClass.maxScalar]) : CharacterClass([0...0xFF])
    }

    private var upperLimit: UInt32 { options.unicode ? CharacterClass.maxScalar : 0xFF }

    private func dotNode() -> RegexNode {
        var set = universe
        if !flags.dotMatchesNewline { set.subtract(0x0A...0x0A) }
        return .characterClass(set)
    }

    private mutating func parseEscapeOutsideClass() throws(RegexSyntaxError) -> RegexNode {
        let start = position
        position += 1  // backslash
        guard let byte = peek() else { throw error("trailing backslash at end of pattern", at: start) }
        switch byte {
        case UInt8(ascii: "A"):
            position += 1
            return .assertion(.beginText)
        case UInt8(ascii: "z"):
            position += 1
            return .assertion(.endText)
        case UInt8(ascii: "b"), UInt8(ascii: "B"):
            position += 1
            let unicodeWords = options.unicode && options.unicodePerlClasses
            if byte == UInt8(ascii: "b") {
                return .assertion(unicodeWords ? .wordBoundaryUnicode : .wordBoundaryASCII)
            }
            return .assertion(unicodeWords ? .notWordBoundaryUnicode : .notWordBoundaryASCII)
        case UInt8(ascii: "Z"):
            throw error("\\Z is not supported; use \\z for the end of text", at: start)
        case UInt8(ascii: "C"):
            throw error("\\C (any byte) is not supported", at: start)
        case UInt8(ascii: "G"), UInt8(ascii: "K"), UInt8(ascii: "R"), UInt8(ascii: "X"):
            throw error("invalid escape sequence \"\\\(Character(Unicode.Scalar(byte)))\"", at: start)
        default:
            position = start
            switch try parseEscape(inClass: false) {
            case .scalar(let scalar, let fromByteEscape):
                isByteEscape = fromByteEscape
                defer { isByteEscape = false }
                return literalNode(scalar)
            case .set(let set):
                return .characterClass(foldClass(set))
            }
        }
    }

    private enum Escape {
        case scalar(UInt32, fromByteEscape: Bool)
        case set(CharacterClass)
    }

    /// Reads an escape that stands for a character or a class (not an assertion).
    private mutating func parseEscape(inClass: Bool) throws(RegexSyntaxError) -> Escape {
        let start = position
        position += 1  // backslash
        guard let byte = peek() else { throw error("trailing backslash at end of pattern", at: start) }
        position += 1
        switch byte {
        case UInt8(ascii: "a"): return .scalar(0x07, fromByteEscape: false)
        case UInt8(ascii: "f"): return .scalar(0x0C, fromByteEscape: false)
        case UInt8(ascii: "t"): return .scalar(0x09, fromByteEscape: false)
        case UInt8(ascii: "n"): return .scalar(0x0A, fromByteEscape: false)
        case UInt8(ascii: "r"): return .scalar(0x0D, fromByteEscape: false)
        case UInt8(ascii: "v"): return .scalar(0x0B, fromByteEscape: false)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            // Octal: \0 and \1..\7 followed by another octal digit; a lone \1..\9 is a backreference.
            if byte != UInt8(ascii: "0") {
                guard let next = peek(), (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(next) else {
                    throw error("backreferences are not supported", at: start)
                }
            }
            var value = UInt32(byte - UInt8(ascii: "0"))
            var digits = 1
            while digits < 3, let next = peek(), (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(next) {
                value = value * 8 + UInt32(next - UInt8(ascii: "0"))
                position += 1
                digits += 1
            }
            return .scalar(value, fromByteEscape: true)
        case UInt8(ascii: "8"), UInt8(ascii: "9"):
            throw error("backreferences are not supported", at: start)
        case UInt8(ascii: "x"):
            return .scalar(try parseHexEscape(start: start), fromByteEscape: true)
        case UInt8(ascii: "d"), UInt8(ascii: "D"), UInt8(ascii: "s"), UInt8(ascii: "S"),
            UInt8(ascii: "w"), UInt8(ascii: "W"):
            var set = perlClass(byte | 0x20)
            if byte < UInt8(ascii: "a") { set = set.inverted(upperLimit: upperLimit) }
            return .set(set)
        case UInt8(ascii: "p"), UInt8(ascii: "P"):
            return .set(try parseUnicodeClass(negated: byte == UInt8(ascii: "P"), start: start))
        case UInt8(ascii: "b") where inClass:
            throw error("\\b is not allowed inside a character class", at: start)
        default:
            if byte < 0x80, !Self.isNameByte(byte) {
                // Escaped ASCII punctuation (or space) stands for itself.
                return .scalar(UInt32(byte), fromByteEscape: false)
            }
            position = start + 1
            let scalar = (try? nextScalar()) ?? UInt32(byte)
            let shown = Unicode.Scalar(scalar).map { String(Character($0)) } ?? "?"
            throw error("invalid escape sequence \"\\\(shown)\"", at: start)
        }
    }

    private mutating func parseHexEscape(start: Int) throws(RegexSyntaxError) -> UInt32 {
        func hexValue(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        if peek() == UInt8(ascii: "{") {
            position += 1
            var value: UInt32 = 0
            var digits = 0
            while let byte = peek(), let digit = hexValue(byte) {
                value = value * 16 + digit
                digits += 1
                position += 1
                if digits > 8 { throw error("hexadecimal escape is too long", at: start) }
            }
            guard digits > 0, peek() == UInt8(ascii: "}") else {
                throw error("invalid hexadecimal escape", at: start)
            }
            position += 1
            guard value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else {
                throw error(
                    "escape \\x{\(String(value, radix: 16, uppercase: true))} is not a Unicode scalar", at: start)
            }
            if !options.unicode && value > 0xFF {
                throw error("escape above \\xFF in byte mode", at: start)
            }
            return value
        }
        guard let high = peek().flatMap(hexValue), let low = peek(1).flatMap(hexValue) else {
            throw error("invalid hexadecimal escape", at: start)
        }
        position += 2
        return high * 16 + low
    }

    private func perlClass(_ letter: UInt8) -> CharacterClass {
        let unicodeForms = options.unicode && options.unicodePerlClasses
        switch letter {
        case UInt8(ascii: "d"):
            return unicodeForms ? CharacterClass(UnicodeTables.perlDigit) : CharacterClass([0x30...0x39])
        case UInt8(ascii: "s"):
            return unicodeForms
                ? CharacterClass(UnicodeTables.perlSpace) : CharacterClass([0x09...0x0A, 0x0C...0x0D, 0x20...0x20])
        default:
            return unicodeForms
                ? CharacterClass(UnicodeTables.perlWord)
                : CharacterClass([0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A])
        }
    }

    private mutating func parseUnicodeClass(negated: Bool, start: Int) throws(RegexSyntaxError) -> CharacterClass {
        guard options.unicode else { throw error("Unicode classes are not available in byte mode", at: start) }
        var negate = negated
        var name: String
        if peek() == UInt8(ascii: "{") {
            position += 1
            let nameStart = position
            while let byte = peek(), byte != UInt8(ascii: "}") { position += 1 }
            guard peek() == UInt8(ascii: "}") else { throw error("unterminated Unicode class name", at: start) }
            name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
            position += 1
            if name.hasPrefix("^") {
                negate.toggle()
                name.removeFirst()
            }
        } else {
            guard peek() != nil else { throw error("missing Unicode class name", at: start) }
            let scalar = try nextScalar()
            name = Unicode.Scalar(scalar).map { String(Character($0)) } ?? ""
        }
        guard let ranges = UnicodeTables.ranges(forProperty: name) else {
            throw error("unknown Unicode class \"\(name)\"", at: start)
        }
        var set = CharacterClass(ranges)
        set.subtract(0xD800...0xDFFF)
        if flags.caseInsensitive { set = set.caseFolded() }
        return negate ? set.inverted() : set
    }

    // MARK: Bracketed classes

    private static let posixClasses: [String: [ClosedRange<UInt32>]] = [
        "alnum": [0x30...0x39, 0x41...0x5A, 0x61...0x7A],
        "alpha": [0x41...0x5A, 0x61...0x7A],
        "ascii": [0x00...0x7F],
        "blank": [0x09...0x09, 0x20...0x20],
        "cntrl": [0x00...0x1F, 0x7F...0x7F],
        "digit": [0x30...0x39],
        "graph": [0x21...0x7E],
        "lower": [0x61...0x7A],
        "print": [0x20...0x7E],
        "punct": [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E],
        "space": [0x09...0x0D, 0x20...0x20],
        "upper": [0x41...0x5A],
        "word": [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A],
        "xdigit": [0x30...0x39, 0x41...0x46, 0x61...0x66],
    ]

    private mutating func parseClass() throws(RegexSyntaxError) -> RegexNode {
        let start = position
        position += 1  // [
        var negated = false
        if peek() == UInt8(ascii: "^") {
            negated = true
            position += 1
        }
        var set = CharacterClass()
        var first = true
        while true {
            guard let byte = peek() else { throw error("missing \"]\" to close the character class", at: start) }
            if byte == UInt8(ascii: "]") && !first { break }
            first = false
            let itemStart = position
            if byte == UInt8(ascii: "[") && lookingAt("[:") {
                if let posix = try parsePosixClass() {
                    set.formUnion(posix)
                    continue
                }
            }
            let low: UInt32
            switch try classAtom() {
            case .set(let member):
                set.formUnion(member)
                continue
            case .scalar(let scalar, _):
                low = scalar
            }
            if peek() == UInt8(ascii: "-"), let after = peek(1), after != UInt8(ascii: "]") {
                position += 1
                let highStart = position
                switch try classAtom() {
                case .set:
                    throw error("a class such as \\d cannot end a range", at: highStart)
                case .scalar(let high, _):
                    guard low <= high else {
                        throw error("invalid character class range (start after end)", at: itemStart)
                    }
                    set.insert(low...high)
                }
            } else {
                set.insert(low...low)
            }
        }
        position += 1  // ]
        set = foldClass(set)
        if !options.unicode {
            if let last = set.ranges.last, last.upperBound > 0xFF {
                throw error("character above \\xFF in a byte-mode class", at: start)
            }
        }
        if negated { set = set.inverted(upperLimit: upperLimit) }
        return .characterClass(set)
    }

    private mutating func classAtom() throws(RegexSyntaxError) -> Escape {
        if peek() == UInt8(ascii: "\\") {
            return try parseEscape(inClass: true)
        }
        return .scalar(try nextScalar(), fromByteEscape: false)
    }

    /// `[:name:]` or `[:^name:]`; `nil` (position unchanged) if the text is not a POSIX class.
    private mutating func parsePosixClass() throws(RegexSyntaxError) -> CharacterClass? {
        let start = position
        var index = position + 2
        var negate = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "^") {
            negate = true
            index += 1
        }
        let nameStart = index
        while index < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index]) { index += 1 }
        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: ":"), bytes[index + 1] == UInt8(ascii: "]") else {
            return nil
        }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        guard let ranges = Self.posixClasses[name] else {
            throw error("unknown POSIX class \"[:\(name):]\"", at: start)
        }
        position = index + 2
        let set = CharacterClass(ranges)
        return negate ? set.inverted(upperLimit: upperLimit) : set
    }
}
