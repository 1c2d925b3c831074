import PolicyModel

/// The bytes of a file with its line starts, to turn a place inside a YAML scalar into a line
/// and column: the scalar's node knows where it starts, not where a `${{` within it is.
struct SourceText: Sendable {
    let bytes: [UInt8]
    private let lines: LineStarts

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        lines = LineStarts(bytes)
    }

    /// The byte offset of a 1-based line and column (columns counted in Unicode scalars).
    func offset(line: Int, column: Int) -> Int {
        guard line >= 1, line <= lines.offsets.count else { return bytes.count }
        var offset = lines.offsets[line - 1]
        var scalars = 1
        while scalars < column, offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") {
            offset += 1
            // Continuation bytes do not start a scalar.
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            scalars += 1
        }
        return offset
    }

    /// The comment after the scalar that starts at `span`, on the same line (`# v6.0.2` after a
    /// commit id), without its `#`; `nil` when there is none. A quoted scalar is skipped whole.
    func comment(onLineOf span: Span) -> String? {
        var cursor = offset(line: Int(span.line), column: Int(span.column))
        guard cursor < bytes.count else { return nil }
        let quote = bytes[cursor]
        if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") {
            cursor += 1
            while cursor < bytes.count, bytes[cursor] != quote, bytes[cursor] != UInt8(ascii: "\n") { cursor += 1 }
            cursor += 1
        }
        // A `#` begins a comment only after a space or tab (`a#b` is part of a plain scalar).
        var previous = UInt8(ascii: "x")
        while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\n") {
            if bytes[cursor] == UInt8(ascii: "#"), previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t") {
                var end = cursor + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n"), bytes[end] != UInt8(ascii: "\r") { end += 1 }
                return String(decoding: bytes[(cursor + 1)..<end], as: UTF8.self).trimmingSpaces
            }
            previous = bytes[cursor]
            cursor += 1
        }
        return nil
    }

    /// The 1-based line and column of a byte offset (a position inside a multi-byte scalar counts
    /// that scalar once).
    func position(of offset: Int) -> (line: Int, column: Int) {
        bytes.withUnsafeBufferPointer { lines.position(of: offset, in: $0) }
    }

    /// Where the `occurrence`th (0-based) `${{` from `start` on is, provided the source there
    /// reads `expected` (the value's own bytes of that template); `nil` otherwise — a scalar
    /// whose escapes or folding spell it differently. Node spans give only where a scalar
    /// starts, so the search runs on from there and the check keeps it from straying into the
    /// next value.
    func templateStart(occurrence: Int, from start: Span, expected: ArraySlice<UInt8>) -> Span? {
        var cursor = offset(line: Int(start.line), column: Int(start.column))
        var seen = 0
        while cursor + 2 < bytes.count {
            if bytes[cursor] == UInt8(ascii: "$"), bytes[cursor + 1] == UInt8(ascii: "{"),
                bytes[cursor + 2] == UInt8(ascii: "{")
            {
                if seen == occurrence {
                    guard bytes[cursor...].starts(with: expected) else { return nil }
                    let position = position(of: cursor)
                    return Span(line: position.line, column: position.column)
                }
                seen += 1
                cursor += 3
            } else {
                cursor += 1
            }
        }
        return nil
    }
}
