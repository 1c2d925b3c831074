import DockerfileInput
import PolicyModel
import Testing

/// Every problem is reported at its line and column, and the rest of the file is still read.
struct DiagnosticTests {
    @Test func problemsAreLocatedAndReadingGoesOn() throws {
        let (content, diagnostics) = model(
            """
            RUN echo early
            FROM
            FROM alpine AS base
              FROM   debian AS BASE
            RUNN echo typo
            FROM alpine AS 1bad
            FROM alpine extra
            USER app
            EXPOSE 22
            RUN <<EOF
            echo never ends
            """,
            file: "app/Dockerfile")
        #expect(
            described(diagnostics) == [
                "1:1: error: RUN before the first FROM; only ARG may come before it",
                "2:1: error: FROM has no image",
                "5:1: warning: unknown instruction \"RUNN\" is ignored",
                "6:16: error: stage name \"1bad\" is not valid: it must start with a letter and have only letters, "
                    + "digits, -, _ and .",
                "7:13: error: FROM takes an image, then optionally AS and a stage name",
                "10:5: error: heredoc \"EOF\" is not terminated",
            ])
        #expect(diagnostics.allSatisfy { $0.location.file == "app/Dockerfile" })
        #expect(diagnostics[4].location.endColumn == 18)
        let keywords = content["instructions"]?.items?.compactMap { $0["keyword"]?.string }
        #expect(keywords == ["RUN", "FROM", "FROM", "FROM", "FROM", "FROM", "USER", "EXPOSE", "RUN"])
        #expect(content["instructions"]?[0]?["stage"]?.integer == -1)
        let final = try #require(content["finalStage"])
        #expect(final["index"]?.integer == 4)
        #expect(final["user"]?.string == "app")
        #expect(final["instructions"]?[1]?["ports"]?[0]?["port"]?.integer == 22)
        #expect(content["stages"]?[0]?["base"]?["reference"]?.isNull == true)
    }

    @Test func keywordArgumentProblems() {
        let (_, diagnostics) = model(
            """
            FROM alpine
            ENV
            ENV ONLYKEY
            ENV A=1 B
            COPY onlyone
            HEALTHCHECK CHECK curl
            HEALTHCHECK NONE extra
            ONBUILD FROM alpine
            USER
            """)
        #expect(
            described(diagnostics) == [
                "2:1: error: ENV has no arguments",
                "3:5: error: ENV \"ONLYKEY\" has no value",
                "4:9: error: \"B\" is not of the form name=value, which ENV needs",
                "5:1: error: COPY needs at least one source and a destination",
                "6:13: error: HEALTHCHECK type \"CHECK\" is not CMD or NONE",
                "7:18: error: HEALTHCHECK NONE takes no arguments",
                "8:9: error: FROM is not allowed as an ONBUILD trigger",
                "9:1: error: USER has no user",
            ])
    }

    @Test func diagnosticRendersWithItsLine() throws {
        let text = "FROM alpine\nRUNN echo\n"
        let result = DockerfileParser.parse(text, file: "Dockerfile")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(
            diagnostic.rendered(source: text)
                == "Dockerfile:2:1: warning: unknown instruction \"RUNN\" is ignored\nRUNN echo\n^")
    }
}
