/// The bytes of a file and its name, kept so that an error can quote the line it is on.
struct SourceText: Sendable {
    var path: String
    var bytes: [UInt8]

    /// How many bytes of a long line an excerpt shows either side of the error.
    static let excerptReach = 160

    /// The line that holds `position`, without its line break, and the 1-based column of the
    /// position within that text. A very long line is cut to `excerptReach` bytes either side
    /// (at character boundaries), so quoting it costs the same on a minified file.
    func excerpt(at position: Position) -> (text: String, column: Int) {
        let offset = min(max(position.offset, 0), bytes.count)
        var start = offset
        while start > 0, bytes[start - 1] != 0x0A, offset - start < Self.excerptReach { start -= 1 }
        let cutStart = start > 0 && bytes[start - 1] != 0x0A
        while cutStart, start < offset, bytes[start] & 0xC0 == 0x80 { start += 1 }
        var end = offset
        while end < bytes.count, bytes[end] != 0x0A, end - offset < Self.excerptReach { end += 1 }
        if end < bytes.count, bytes[end] != 0x0A {
            while end > offset, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        }
        if end > offset, bytes[end - 1] == 0x0D, end == bytes.count || bytes[end] == 0x0A { end -= 1 }
        let prefix = String(decoding: bytes[start..<offset], as: UTF8.self)
        let text = String(decoding: bytes[start..<end], as: UTF8.self)
        return (text, prefix.unicodeScalars.count + 1)
    }

    /// An error at `range`, with the line quoted.
    func error(_ message: String, at range: SourceRange) -> SyntaxError {
        let (text, column) = excerpt(at: range.start)
        return SyntaxError(path: path, range: range, message: message, lineText: text, excerptColumn: column)
    }
}
