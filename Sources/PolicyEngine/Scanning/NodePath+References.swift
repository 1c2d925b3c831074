extension NodePath {
    /// The first path over `root` that `source` reads, as text: in
    /// `object.spec.containers.all(c, has(c.image))` it is `object.spec.containers` (the call
    /// `.all` is not part of it). Imported policies have no `at`, so their findings point where
    /// this path is written. String literals are skipped; an optional selection (`.?`) ends the
    /// path.
    static func firstReference(to root: String, in source: String) -> String? {
        let scalars = Array(source.unicodeScalars)
        let rootScalars = Array(root.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\"" || scalar == "'" {
                index = endOfString(scalars, from: index)
                continue
            }
            guard isIdentifierStart(scalar), index == 0 || !isIdentifierPart(scalars[index - 1]) else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, isIdentifierPart(scalars[end]) { end += 1 }
            let precededByDot = index > 0 && scalars[index - 1] == "."
            if !precededByDot, Array(scalars[index..<end]) == rootScalars {
                return path(scalars, from: index, rootEnd: end)
            }
            index = end
        }
        return nil
    }

    /// The path text starting at `start`: the root, then `.field` and `[…]` steps, without a
    /// final step that is called.
    private static func path(_ scalars: [Unicode.Scalar], from start: Int, rootEnd: Int) -> String {
        var end = rootEnd
        var position = rootEnd
        while position < scalars.count {
            if scalars[position] == ".", position + 1 < scalars.count, isIdentifierStart(scalars[position + 1]) {
                var next = position + 1
                while next < scalars.count, isIdentifierPart(scalars[next]) { next += 1 }
                if next < scalars.count, scalars[next] == "(" { break }  // a method call
                end = next
                position = next
            } else if scalars[position] == "[" {
                guard let close = scalars[position...].firstIndex(of: "]") else { break }
                end = close + 1
                position = close + 1
            } else {
                break
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[start..<end])
        return text
    }

    /// The index just after the string literal that starts at `start`.
    private static func endOfString(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        let quote = scalars[start]
        var index = start + 1
        while index < scalars.count {
            if scalars[index] == "\\" {
                index += 2
                continue
            }
            if scalars[index] == quote { return index + 1 }
            index += 1
        }
        return index
    }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    private static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
        isIdentifierStart(scalar) || ("0"..."9").contains(scalar)
    }
}
