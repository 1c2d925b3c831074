/// Splitting instruction arguments into words, the two ways BuildKit does it.
enum Words {
    /// Words separated by blanks, where quotes group blanks into a word and the escape character
    /// takes the next character into it (except inside single quotes). Each word is returned as
    /// written, quotes and escapes included — how `ENV`, `LABEL` and `ARG` split their arguments.
    static func quoted(_ scalars: [Unicode.Scalar], in range: Range<Int>, escape: Unicode.Scalar) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var index = range.lowerBound
        while index < range.upperBound {
            while index < range.upperBound && isBlank(scalars[index]) { index += 1 }
            guard index < range.upperBound else { break }
            let start = index
            var quote: Unicode.Scalar?
            while index < range.upperBound {
                let scalar = scalars[index]
                if let open = quote {
                    if scalar == open {
                        quote = nil
                    } else if scalar == escape && open != "'" {
                        index += 1
                    }
                } else if isBlank(scalar) {
                    break
                } else if scalar == "'" || scalar == "\"" {
                    quote = scalar
                } else if scalar == escape {
                    index += 1
                }
                index += 1
            }
            index = min(index, range.upperBound)
            words.append(start..<index)
        }
        return words
    }

    /// Words separated by blanks, nothing else considered — how `FROM`, `EXPOSE` and the shell form
    /// of `COPY` and `ADD` split their arguments.
    static func plain(_ scalars: [Unicode.Scalar], in range: Range<Int>) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var index = range.lowerBound
        while index < range.upperBound {
            while index < range.upperBound && isBlank(scalars[index]) { index += 1 }
            guard index < range.upperBound else { break }
            let start = index
            while index < range.upperBound && !isBlank(scalars[index]) { index += 1 }
            words.append(start..<index)
        }
        return words
    }
}
