import PolicyModel

/// A heredoc opened on an instruction line: `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`, optionally
/// after a file descriptor number (`3<<EOF`).
struct HeredocMarker {
    /// The line that ends the body, quotes removed.
    var delimiter: String
    /// `<<-`: leading tabs are removed from the body lines and the delimiter line.
    var stripTabs: Bool
    /// Whether the builder expands variables in the body: only when no part of the delimiter is
    /// quoted.
    var expand: Bool
    /// The marker word as written.
    var range: Range<Int>

    /// The markers among the words of `range`, in order. A word is a marker when it is, in full,
    /// digits, `<<`, an optional `-`, and a delimiter without `<` (so `<<<` here-strings are not).
    static func markers(in scalars: [Unicode.Scalar], range: Range<Int>) -> [HeredocMarker] {
        var markers: [HeredocMarker] = []
        for word in Words.quoted(scalars, in: range, escape: "\\") {
            var index = word.lowerBound
            while index < word.upperBound && scalars[index].isASCIIDigit { index += 1 }
            guard index + 1 < word.upperBound, scalars[index] == "<", scalars[index + 1] == "<" else { continue }
            index += 2
            let stripTabs = index < word.upperBound && scalars[index] == "-"
            if stripTabs { index += 1 }
            let rest = scalars[index..<word.upperBound]
            guard !rest.isEmpty, !rest.contains("<") else { continue }
            let quoted = rest.contains("\"") || rest.contains("'")
            markers.append(
                HeredocMarker(delimiter: unquoted(rest), stripTabs: stripTabs, expand: !quoted, range: word))
        }
        return markers
    }

    /// `text` with its quotes removed and `\` escapes resolved.
    private static func unquoted(_ text: ArraySlice<Unicode.Scalar>) -> String {
        var result: [Unicode.Scalar] = []
        var quote: Unicode.Scalar?
        var index = text.startIndex
        while index < text.endIndex {
            let scalar = text[index]
            index += 1
            if let open = quote {
                if scalar == open {
                    quote = nil
                } else if scalar == "\\" && open == "\"" && index < text.endIndex {
                    result.append(text[index])
                    index += 1
                } else {
                    result.append(scalar)
                }
            } else if scalar == "'" || scalar == "\"" {
                quote = scalar
            } else if scalar == "\\" {
                if index < text.endIndex {
                    result.append(text[index])
                    index += 1
                }
            } else {
                result.append(scalar)
            }
        }
        return String(scalars: result[...])
    }
}
