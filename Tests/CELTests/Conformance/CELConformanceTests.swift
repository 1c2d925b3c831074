import Foundation
import Testing

/// The cel-spec conformance suite (Conformance/cel, see its NOTICE) run against Palisade's CEL
/// with every library it has. Run it with `swift test --filter CELConformance`;
/// docs/CONFORMANCE.md has the figures, the skip reasons and the known failures.
/// `CEL_CONFORMANCE_VERBOSE=1` prints every failure, not only the first of each file.
struct CELConformanceTests {
    /// At most this many failures per file become issues; the rest are only counted.
    static let issuesPerFile = 20

    /// Every file's report, computed once (the first test to ask pays) and shared by both tests.
    static let reports = Result { try CELConformanceFile.all().map { try $0.run() } }

    /// Every test of the file that is not skipped by its tags gives the expected value or error.
    @Test(arguments: try CELConformanceFile.all())
    func fileMatchesExpectations(_ file: CELConformanceFile) throws {
        let report = try #require(try Self.reports.get().first { $0.file == file.name })
        for message in report.failures.prefix(Self.issuesPerFile) {
            Issue.record(Comment(rawValue: message))
        }
        if report.failed > Self.issuesPerFile {
            Issue.record(
                Comment(rawValue: "\(file.name): \(report.failed - Self.issuesPerFile) more failures not shown"))
        }
    }

    /// Prints the per-file lines, the total, the skip reasons and the noted passes, and checks
    /// that no file or test went missing.
    @Test func summaryCoversEveryTest() throws {
        let reports = try Self.reports.get()
        var skips: [CELConformanceSkip: Int] = [:]
        var notes: [CELConformanceNote: [String]] = [:]
        let verbose = ProcessInfo.processInfo.environment["CEL_CONFORMANCE_VERBOSE"] == "1"
        for report in reports {
            print(report.line)
            skips.merge(report.skipped, uniquingKeysWith: +)
            notes.merge(report.notes, uniquingKeysWith: +)
            if verbose {
                for failure in report.failures { print("cel conformance failure " + failure) }
            }
        }
        let passed = reports.map(\.passed).reduce(0, +)
        let failed = reports.map(\.failed).reduce(0, +)
        let skipped = reports.map(\.skippedCount).reduce(0, +)
        let core = reports.map(\.core).reduce(0, +)
        let defects = reports.flatMap(\.knownDefects)
        print(
            "cel conformance total: \(passed) passed, \(failed) failed, \(skipped) skipped, "
                + "\(defects.count) known data defects (\(core) core)")
        for defect in defects { print("cel conformance known data defect: \(defect)") }
        for reason in CELConformanceSkip.allCases {
            if let count = skips[reason] { print("cel conformance skipped \(count): \(reason.reason)") }
        }
        for note in CELConformanceNote.allCases {
            guard let names = notes[note] else { continue }
            print("cel conformance passed \(names.count) with \(note.rawValue): \(names.joined(separator: ", "))")
        }

        #expect(reports.count == 30)
        #expect(passed + failed + skipped + defects.count == 2456)
        #expect(core == 1670)
        #expect(failed == 0, "\(failed) conformance tests failed; fileMatchesExpectations lists them")
    }
}
