import Testing

/// The rust-lang/regex test suite (Conformance/regex, see its NOTICE) run against LinearRegex.
/// Run it with `swift test --filter RegexConformance`; docs/CONFORMANCE.md has the figures and
/// the reasons for every skip.
struct RegexConformanceTests {
    /// At most this many failures per file become issues; the rest are only counted.
    static let issuesPerFile = 20

    /// Every file's report, computed once (the first test to ask pays) and shared by both tests.
    static let reports = Result { try RegexConformanceFile.all().map { try $0.run() } }

    /// Every test of the file that RE2's syntax and API can express gives the expected matches.
    @Test(arguments: try RegexConformanceFile.all())
    func fileMatchesExpectations(_ file: RegexConformanceFile) throws {
        let report = try #require(try Self.reports.get().first { $0.file == file.name })
        for message in report.failures.prefix(Self.issuesPerFile) {
            Issue.record(Comment(rawValue: message))
        }
        if report.failed > Self.issuesPerFile {
            Issue.record(
                Comment(rawValue: "\(file.name): \(report.failed - Self.issuesPerFile) more failures not shown"))
        }
    }

    /// Prints the per-file table, the total and the skip reasons, and checks that no test
    /// went missing between the TOML and the JSON.
    @Test func summaryCoversEveryTest() throws {
        let reports = try Self.reports.get()
        var skips: [RegexConformanceSkip: Int] = [:]
        for report in reports {
            print(report.line)
            skips.merge(report.skipped, uniquingKeysWith: +)
        }
        let passed = reports.map(\.passed).reduce(0, +)
        let failed = reports.map(\.failed).reduce(0, +)
        let skipped = reports.map(\.skippedCount).reduce(0, +)
        print("regex conformance total: \(passed) passed, \(failed) failed, \(skipped) skipped")
        for reason in RegexConformanceSkip.allCases {
            if let count = skips[reason] { print("regex conformance skipped \(count): \(reason.rawValue)") }
        }

        #expect(reports.count == 26)
        #expect(passed + failed + skipped == 1203)
        #expect(failed == 0, "\(failed) conformance tests failed; fileMatchesExpectations lists them")
    }
}
