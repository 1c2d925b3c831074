import DockerfileInput
import PolicyModel
import Testing

/// Directives, comments, continuation lines and line ends.
struct LineReadingTests {
    @Test func continuationLinesAreJoinedAndLocated() throws {
        let (items, diagnostics) = instructions(
            """
            FROM alpine
            RUN apt-get update && \\
                apt-get install -y curl
            USER app
            """)
        #expect(diagnostics.isEmpty)
        let run = try #require(items[safe: 1])
        #expect(run["arguments"]?.string == "apt-get update &&     apt-get install -y curl")
        #expect(run["arguments"]?.range == [2, 5, 3, 28])
        #expect(run.range == [2, 1, 3, 28])
        #expect(items[safe: 2]?["line"]?.integer == 4)
    }

    @Test func commentAndBlankLinesInsideAContinuationAreLeftOut() throws {
        let (items, _) = instructions(
            "FROM alpine\nRUN a \\\n# a comment \\\n    b \\\n   \n  # indented comment\n    c\nUSER app\n")
        #expect(items.map { $0["keyword"]?.string } == ["FROM", "RUN", "USER"])
        #expect(items[safe: 1]?["arguments"]?.string == "a     b     c")
        #expect(items[safe: 1]?["arguments"]?.range == [2, 5, 7, 6])
    }

    @Test func escapeAtTheEndOfTheLastLineIsAccepted() throws {
        let (items, diagnostics) = instructions("FROM alpine\nRUN echo hi \\")
        #expect(diagnostics.isEmpty)
        #expect(items.last?["arguments"]?.string == "echo hi")
    }

    @Test func commentLineDoesNotContinue() throws {
        let (items, _) = instructions("FROM alpine\n# not continued \\\nRUN echo\n")
        #expect(items.map { $0["keyword"]?.string } == ["FROM", "RUN"])
    }

    @Test func backtickEscapeDirectiveChangesTheContinuationCharacter() throws {
        let (content, diagnostics) = model(
            """
            # escape=`
            FROM mcr.microsoft.com/windows/servercore:ltsc2022
            WORKDIR C:\\
            RUN dir C:\\ `
                && echo done
            COPY "C:\\Program Files" `
                C:\\app
            """)
        #expect(diagnostics.isEmpty)
        #expect(content["directives"]?["escape"]?.string == "`")
        #expect(content["directives"]?["escape"]?.range == [1, 10, 1, 11])
        let items = try #require(content["instructions"]?.items)
        #expect(items.map { $0["keyword"]?.string } == ["FROM", "WORKDIR", "RUN", "COPY"])
        #expect(items[1]["arguments"]?.string == "C:\\")
        #expect(items[2]["arguments"]?.string == "dir C:\\     && echo done")
        #expect(items[3]["destination"]?.string == "C:\\app")
    }

    @Test func directivesAreReadOnlyAtTheTop() throws {
        let (content, diagnostics) = model(
            """
            #Syntax = docker/dockerfile:1
            # CHECK=skip=JSONArgsRecommended
            # escape=`
            # unknown=1
            # escape=\\
            FROM alpine
            RUN echo `
                continued
            """)
        #expect(diagnostics.isEmpty)
        let directives = try #require(content["directives"])
        #expect(directives.keys == ["syntax", "check", "escape"])
        #expect(directives["syntax"]?.string == "docker/dockerfile:1")
        #expect(directives["syntax"]?.range == [1, 11, 1, 30])
        #expect(directives["check"]?.string == "skip=JSONArgsRecommended")
        #expect(content["instructions"]?[1]?["arguments"]?.string == "echo     continued")
    }

    @Test(arguments: [
        "# a comment\n# escape=`\nFROM alpine\nRUN a `\n",
        "\n# escape=`\nFROM alpine\nRUN a `\n",
        "FROM alpine\n# escape=`\nRUN a `\n",
    ])
    func directiveAfterACommentBlankOrInstructionIsAComment(_ text: String) throws {
        let (content, _) = model(text)
        #expect(content["directives"]?.keys == [])
        #expect(content["instructions"]?.items?.last?["arguments"]?.string == "a `")
    }

    @Test func repeatedOrInvalidDirectivesAreReported() {
        let (content, diagnostics) = model("# escape=`\n# escape=\\\n# syntax=a\n# syntax=b\nFROM alpine\n")
        #expect(
            described(diagnostics) == [
                "2:10: error: parser directive \"escape\" is given more than once; the first one is used",
                "4:10: error: parser directive \"syntax\" is given more than once; the first one is used",
            ])
        #expect(content["directives"]?["escape"]?.string == "`")
        let invalid = model("# escape=x\nFROM alpine\nRUN a \\\n  b\n")
        #expect(described(invalid.diagnostics) == ["1:10: error: escape character \"x\" is not \\ or `; \\ is used"])
        #expect(invalid.content["instructions"]?[1]?["arguments"]?.string == "a   b")
    }

    @Test func crlfLinesReadLikeLfLines() throws {
        let (items, diagnostics) = instructions("FROM alpine:3.20\r\nRUN echo a \\\r\n    b\r\nUSER app\r\n")
        #expect(diagnostics.isEmpty)
        #expect(items[safe: 0]?["reference"]?.string == "alpine:3.20")
        #expect(items[safe: 0]?["tag"]?.range == [1, 13, 1, 17])
        #expect(items[safe: 1]?["arguments"]?.string == "echo a     b")
        #expect(items[safe: 1]?["arguments"]?.range == [2, 5, 3, 6])
        #expect(items[safe: 2]?["user"]?.string == "app")
        #expect(items[safe: 2]?["user"]?.range == [4, 6, 4, 9])
    }

    @Test func columnsCountUnicodeScalars() throws {
        let (items, _) = instructions("\u{FEFF}FROM alpine\nLABEL desc=\"café ☕\" owner=é\n")
        #expect(items[safe: 0]?["keyword"]?.range == [1, 1, 1, 5])
        let pairs = try #require(items[safe: 1]?["pairs"])
        #expect(pairs[0]?["value"]?.string == "café ☕")
        #expect(pairs[1]?["key"]?.start == [2, 21])
        #expect(pairs[1]?["value"]?.range == [2, 27, 2, 28])
    }
}

extension Array {
    /// The element at `index`, or `nil` past the ends.
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
