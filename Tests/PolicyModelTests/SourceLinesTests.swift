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
}
