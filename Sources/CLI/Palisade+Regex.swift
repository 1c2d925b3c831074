import ArgumentParser
import LinearRegex
import Workspace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Palisade {
    /// `palisade regex`: grep with the engine that policies and secret detectors use.
    struct RegexCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "regex",
            abstract: "Search text with an RE2 pattern, as policies and secret detectors do.",
            discussion: """
                Prints the lines that contain a match, like grep: a match never runs past the end \
                of its line, and ^ and $ match at the start and end of every line. With --spans \
                the whole input is one haystack (^ and $ as the pattern says) and each match is \
                printed as byte offsets: START END, then START END for each capture group (-1 -1 \
                for a group that did not take part). The engine runs in time linear in the input \
                for every pattern.

                Exit status: 0 when something matched, 1 when nothing did, 2 when the pattern does \
                not compile or the input cannot be read.
                """
        )

        @Argument(help: "The pattern, in RE2 syntax.")
        var pattern: String

        @Argument(help: "The file to search; '-' or nothing reads standard input.")
        var file: String?

        @Flag(name: [.customShort("i"), .long], help: "Match case-insensitively (Unicode simple case folding).")
        var ignoreCase = false

        @Flag(name: .customLong("spans"), help: "Print the byte offsets of every match and its groups.")
        var spans = false

        @Flag(name: [.customShort("c"), .long], help: "Print only the number of matching lines.")
        var count = false

        func validate() throws {
            if spans && count { throw ValidationError("--spans and --count cannot be used together") }
        }

        func run() throws {
            var options = RegexOptions()
            options.caseInsensitive = ignoreCase
            // Line mode works like grep: ^ and $ match at every line's ends.
            options.multiLine = !spans
            let regex: RegularExpression
            do {
                regex = try RegularExpression(pattern, options: options)
            } catch {
                printError("palisade regex: error: \(error.reason) (at byte offset \(error.offset))")
                printError(error.caretExcerpt)
                throw ExitCode(2)
            }
            let found: Bool
            do {
                found = try InputReader.withContents(path: file) { haystack in
                    spans ? printSpans(regex, haystack) : printLines(regex, haystack)
                }
            } catch {
                printError("palisade regex: error: \(error)")
                throw ExitCode(2)
            }
            if !found { throw ExitCode(1) }
        }

        /// One line per match: the whole match's offsets, then each group's.
        private func printSpans(_ regex: RegularExpression, _ haystack: UnsafeBufferPointer<UInt8>) -> Bool {
            var output = OutputBuffer()
            var any = false
            regex.forEachMatch(in: haystack) { match in
                any = true
                var fields: [String] = []
                for group in match.groups {
                    if let group {
                        fields.append("\(group.lowerBound) \(group.upperBound)")
                    } else {
                        fields.append("-1 -1")
                    }
                }
                output.write(fields.joined(separator: " "))
                output.write("\n")
                return true
            }
            output.flush()
            return any
        }

        /// Matching lines (or their count). After a match the search resumes at the next line,
        /// so each line is reported once however many matches it holds.
        private func printLines(_ regex: RegularExpression, _ haystack: UnsafeBufferPointer<UInt8>) -> Bool {
            var output = OutputBuffer()
            var lines = 0
            var position = 0
            while position <= haystack.count,
                let range = regex.firstMatchRange(in: haystack, range: position..<haystack.count)
            {
                let lineStart = Self.lineStart(before: range.lowerBound, in: haystack, notBefore: position)
                let lineEnd = Self.lineEnd(from: range.lowerBound, in: haystack)
                // A match may not run past its line, as in grep: if this one does, the line
                // counts only if it matches on its own.
                if range.upperBound > lineEnd
                    && regex.firstMatchRange(in: haystack, range: lineStart..<lineEnd) == nil
                {
                    if lineEnd >= haystack.count { break }
                    position = lineEnd + 1
                    continue
                }
                lines += 1
                if !count {
                    output.write(bytes: UnsafeBufferPointer(rebasing: haystack[lineStart..<lineEnd]))
                    output.write("\n")
                }
                if lineEnd >= haystack.count { break }
                position = lineEnd + 1
            }
            if count { output.write("\(lines)\n") }
            output.flush()
            return lines > 0
        }

        private static func lineStart(before index: Int, in haystack: UnsafeBufferPointer<UInt8>, notBefore: Int)
            -> Int
        {
            var start = index
            while start > notBefore && haystack[start - 1] != 0x0A { start -= 1 }
            return start
        }

        private static func lineEnd(from index: Int, in haystack: UnsafeBufferPointer<UInt8>) -> Int {
            guard let base = haystack.baseAddress, index < haystack.count else { return haystack.count }
            guard let found = memchr(base + index, 0x0A, haystack.count - index) else { return haystack.count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }
}
