import Testing

@testable import PolicyModel

struct SourceLinesTests {
    @Test func linesWithoutBreaksAndCarriageReturns() {
        let lines = SourceLines("first\r\nsecond\n\n\tfourth é\nlast")
        #expect(lines.line(1) == "first")
        #expect(lines.line(2) == "second")
        #expect(lines.line(3) == "")
        #expect(lines.line(4) == "\tfourth é")
        #expect(lines.line(5) == "last")
        #expect(lines.line(0) == nil && lines.line(6) == nil)
    }

    @Test func excerptPutsTheCaretUnderTheColumnKeepingTabs() {
        let lines = SourceLines("a: 1\n\tkey: é value\n")
        #expect(lines.excerpt(line: 2, column: 7) == "\tkey: é value\n\t     ^")
        #expect(lines.excerpt(line: 3, column: 1) == "\n^")
        #expect(Diagnostic.excerpt("a: 1\n\tkey: é value\n", line: 2, column: 7) == lines.excerpt(line: 2, column: 7))
    }

    /// A minified file's line is megabytes long: the excerpt is the stretch around the column.
    @Test func aLongLineIsShownAroundTheColumn() throws {
        let long = String(repeating: "abcdefghij", count: 100_000) + "é"
        let lines = SourceLines(long + "\nshort\n")
        let middle = try #require(lines.excerpt(line: 1, column: 500_001))
        let parts = middle.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(parts[0].hasPrefix("…") && parts[0].hasSuffix("…"))
        #expect(parts[0].unicodeScalars.count == SourceLines.excerptWidth + 2)
        // The caret is under the character at the column, as in the whole line.
        let caret = try #require(parts[1].firstIndex(of: "^"))
        let under = parts[0].unicodeScalars[
            parts[0].unicodeScalars.index(
                parts[0].startIndex, offsetBy: parts[1].distance(from: parts[1].startIndex, to: caret))]
        #expect(under == "a")
        let end = try #require(lines.excerpt(line: 1, column: 1_000_001))
        #expect(end.hasPrefix("…") && end.split(separator: "\n")[0].hasSuffix("é"))
        let start = try #require(lines.excerpt(line: 1, column: 3))
        #expect(start.hasPrefix("abc") && start.split(separator: "\n")[1] == "  ^")
        #expect(lines.excerpt(line: 2, column: 2) == "short\n ^")
    }
}
