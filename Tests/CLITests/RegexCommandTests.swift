import ArgumentParser
import Foundation
import Testing

@testable import CLI

/// End-to-end runs of the real `palisade` binary, as a user or CI job runs it.
struct RegexCommandTests {
    @Test func readmeExampleFindsBothKeys() throws {
        let result = try PalisadeProcess.run([
            "regex", "AKIA[0-9A-Z]{16}", PalisadeProcess.repository("examples/regex/deploy.env"),
        ])
        #expect(result.status == 0)
        #expect(result.stdout == "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nOLD_AWS_ACCESS_KEY_ID=AKIAI44QH8DHBEXAMPLE\n")
    }

    @Test func spansPrintOffsetsOfMatchAndGroups() throws {
        let result = try PalisadeProcess.run(["regex", "--spans", "(a)(x)?|(b)", "-"], stdin: "ab\na")
        #expect(result.status == 0)
        #expect(result.stdout == "0 1 0 1 -1 -1 -1 -1\n1 2 -1 -1 -1 -1 1 2\n3 4 3 4 -1 -1 -1 -1\n")
    }

    @Test func countCountsLinesNotMatches() throws {
        let result = try PalisadeProcess.run(["regex", "--count", "o", "-"], stdin: "foo\nbar\nboo\n")
        #expect(result.status == 0)
        #expect(result.stdout == "2\n")
    }

    @Test func caseInsensitiveFlag() throws {
        let result = try PalisadeProcess.run(["regex", "-i", "secret", "-"], stdin: "SECRET=1\nother\nSeCrEt\n")
        #expect(result.stdout == "SECRET=1\nSeCrEt\n")
    }

    @Test func noMatchExitsOne() throws {
        let result = try PalisadeProcess.run(["regex", "zzz", "-"], stdin: "abc\n")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let counted = try PalisadeProcess.run(["regex", "--count", "zzz", "-"], stdin: "abc\n")
        #expect(counted.status == 1)
        #expect(counted.stdout == "0\n")
    }

    @Test func compileErrorShowsCaretAndExitsTwo() throws {
        let result = try PalisadeProcess.run(["regex", "a(?=b)", "-"], stdin: "ab\n")
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "palisade regex: error: lookaround assertions are not supported (at byte offset 1)\na(?=b)\n ^\n")
    }

    @Test func unreadableFileExitsTwo() throws {
        let result = try PalisadeProcess.run(["regex", "a", "/nonexistent/file.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot read \"/nonexistent/file.txt\""))
    }

    @Test func versionFlag() throws {
        let result = try PalisadeProcess.run(["--version"])
        #expect(result.stdout == "\(Palisade.version)\n")
    }

    @Test func spansAndCountTogetherAreRejected() throws {
        #expect(throws: (any Error).self) { try Palisade.parseAsRoot(["regex", "--spans", "--count", "a"]) }
        let parsed = try Palisade.parseAsRoot(["regex", "-i", "a", "file.txt"])
        let command = try #require(parsed as? Palisade.RegexCommand)
        #expect(command.ignoreCase && command.file == "file.txt")
    }

    @Test(arguments: [["--help"], ["regex", "--help"]])
    func helpMatchesSnapshot(_ arguments: [String]) throws {
        let result = try PalisadeProcess.run(arguments)
        #expect(result.status == 0)
        let name = arguments.joined(separator: "-").replacingOccurrences(of: "--", with: "") + ".txt"
        try assertSnapshot(result.stdout, named: name)
    }
}

extension RegexCommandTests {
    @Test func lineModeIsLineOrientedLikeGrep() throws {
        // ^ and $ are line anchors, and a match may not run past its line.
        let anchors = try PalisadeProcess.run(["regex", "^b.*$", "-"], stdin: "ab\nbc\nb")
        #expect(anchors.stdout == "bc\nb\n")
        let spanning = try PalisadeProcess.run(["regex", "--count", "a\\s+b", "-"], stdin: "a\nb\na b\n")
        #expect(spanning.stdout == "1\n")
        let lineLater = try PalisadeProcess.run(["regex", "x\\s*y", "-"], stdin: "x\nzz xy\n")
        #expect(lineLater.stdout == "zz xy\n")
    }

    @Test func spansSeeTheWholeInput() throws {
        let result = try PalisadeProcess.run(["regex", "--spans", "a\\s+b", "-"], stdin: "a\nb")
        #expect(result.stdout == "0 3\n")
    }
}

extension RegexCommandTests {
    @Test func usageErrorsExitTwo() throws {
        let unknown = try PalisadeProcess.run(["regex", "--bogus", "a"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("Error: Unknown option '--bogus'"))
        let missing = try PalisadeProcess.run(["regex"])
        #expect(missing.status == 2)
    }
}
