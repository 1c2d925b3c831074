import DockerfileInput
import PolicyModel
import Testing

struct HeredocTests {
    @Test func bodyIsReadToTheDelimiterAndNotPartOfTheArguments() throws {
        let (items, diagnostics) = instructions(
            """
            FROM debian
            RUN <<EOF
            apt-get update
            apt-get install -y curl
            EOF
            USER app
            """)
        #expect(diagnostics.isEmpty)
        let run = try #require(items[safe: 1])
        #expect(run["arguments"]?.string == "<<EOF")
        #expect(run.range == [2, 1, 5, 4])
        let heredoc = try #require(run["heredocs"]?[0])
        #expect(heredoc["delimiter"]?.string == "EOF")
        #expect(heredoc["delimiter"]?.range == [2, 5, 2, 10])
        #expect(heredoc["body"]?.string == "apt-get update\napt-get install -y curl\n")
        #expect(heredoc["body"]?.range == [3, 1, 4, 24])
        #expect(heredoc["expand"]?.boolean == true)
        #expect(items[safe: 2]?["line"]?.integer == 6)
    }

    @Test func dashFormStripsTabsAndQuotedDelimiterDoesNotExpand() throws {
        let (items, diagnostics) = instructions(
            "FROM debian\nRUN <<-\"EOT\" bash -e\n\techo \"$HOME\"\n\t\tdone\n\tEOT\nRUN <<'RAW'\n\tkept\n\tRAW\nRAW\n")
        #expect(diagnostics.isEmpty)
        let dash = try #require(items[safe: 1]?["heredocs"]?[0])
        #expect(dash["delimiter"]?.string == "EOT")
        #expect(dash["body"]?.string == "echo \"$HOME\"\ndone\n")
        #expect(dash["expand"]?.boolean == false)
        #expect(items[safe: 1]?["arguments"]?.string == "<<-\"EOT\" bash -e")
        let raw = try #require(items[safe: 2]?["heredocs"]?[0])
        #expect(raw["body"]?.string == "\tkept\n\tRAW\n")
        #expect(raw["expand"]?.boolean == false)
    }

    @Test func severalHeredocsOnOneLineAreReadInOrder() throws {
        let (items, diagnostics) = instructions(
            """
            FROM alpine
            COPY <<one.txt <<two.txt /dest/
            1
            one.txt
            2
            two.txt
            RUN cat <<'A' > /a && cat 3<<B > /b
            a
            A
            b
            B
            """)
        #expect(diagnostics.isEmpty)
        let copy = try #require(items[safe: 1])
        #expect(copy["heredocs"]?.items?.compactMap { $0["delimiter"]?.string } == ["one.txt", "two.txt"])
        #expect(copy["heredocs"]?.items?.compactMap { $0["body"]?.string } == ["1\n", "2\n"])
        #expect(copy["sources"]?.strings == ["<<one.txt", "<<two.txt"])
        #expect(copy["destination"]?.string == "/dest/")
        let run = try #require(items[safe: 2])
        #expect(run["line"]?.integer == 7)
        #expect(run["heredocs"]?.items?.compactMap { $0["body"]?.string } == ["a\n", "b\n"])
        #expect(run["heredocs"]?.items?.compactMap { $0["expand"]?.boolean } == [false, true])
        #expect(run.range == [7, 1, 11, 2])
    }

    @Test func hereStringsExecFormAndOtherKeywordsHaveNoHeredocs() throws {
        let (items, _) = instructions(
            "FROM alpine\nRUN cat <<<\"x\"\nCMD [\"cat\", \"<<EOF\"]\nENV A=<<EOF\nRUN cat<<EOF\nUSER app\n")
        #expect(items.map { $0["keyword"]?.string } == ["FROM", "RUN", "CMD", "ENV", "RUN", "USER"])
        #expect(items.allSatisfy { $0["heredocs"]?.items?.isEmpty == true })
    }

    @Test func unterminatedHeredocIsReportedAtItsMarker() throws {
        let (items, diagnostics) = instructions("FROM alpine\nRUN echo start && <<EOF sh\necho body\n")
        #expect(described(diagnostics) == ["2:19: error: heredoc \"EOF\" is not terminated"])
        #expect(items[safe: 1]?["heredocs"]?[0]?["body"]?.string == "echo body\n")
    }

    @Test func onlyTheFirstUnterminatedHeredocOfALineIsReported() throws {
        let markers = (0..<1_000).map { "<<M\($0)" }.joined(separator: " ")
        let (items, diagnostics) = instructions("FROM alpine\nRUN cat \(markers)\nbody\n")
        #expect(described(diagnostics) == ["2:9: error: heredoc \"M0\" is not terminated"])
        #expect(items[safe: 1]?["heredocs"]?.items?.count == 1)
        #expect(items[safe: 1]?["heredocs"]?[0]?["body"]?.string == "body\n")
    }
}
