import CEL
import Foundation
import Testing

/// One JSON file of the cel-spec suite under Conformance/cel/data, and what running it gave.
struct CELConformanceFile: Sendable, Hashable, CustomTestStringConvertible {
    /// File name without `.json` (`string_ext`).
    let name: String

    var testDescription: String { name }

    /// The resource folder that `Package.swift` copies (`.copy("Conformance/cel/data")`).
    static func dataDirectory() throws -> URL {
        if let url = Bundle.module.url(forResource: "data", withExtension: nil) { return url }
        guard let root = Bundle.module.resourceURL else { throw LoadError.missingData }
        return root.appendingPathComponent("data", isDirectory: true)
    }

    /// Every data file, sorted by name.
    static func all() throws -> [CELConformanceFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: dataDirectory().path)
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(".json".count)) }
            .sorted()
        guard !names.isEmpty else { throw LoadError.missingData }
        return names.map(CELConformanceFile.init(name:))
    }

    /// The file's tests, read with `Value(json:)`, in file order.
    func cases() throws -> [CELConformanceCase] {
        let url = try Self.dataDirectory().appendingPathComponent(name + ".json")
        let document = try Value(json: [UInt8](Data(contentsOf: url)))
        guard case .list(let sections)? = document[field: "sections"] else {
            throw CELConformanceCase.DataError(description: "\(name): no sections")
        }
        var cases: [CELConformanceCase] = []
        for section in sections {
            let sectionName = try section.requiredString("name", in: name)
            guard case .list(let tests)? = section[field: "tests"] else { continue }
            for (index, test) in tests.enumerated() {
                cases.append(try CELConformanceCase(file: name, section: sectionName, index: index, test: test))
            }
        }
        return cases
    }

    /// Runs every test of the file.
    func run() throws -> Report {
        var report = Report(file: name)
        for test in try cases() {
            if test.isCore { report.core += 1 }
            switch test.run() {
            case .passed(let note):
                report.passed += 1
                if let note { report.notes[note, default: []].append(test.fullName) }
            case .skipped(let reason): report.skipped[reason, default: 0] += 1
            case .failed(let message):
                if let defect = Self.knownDataDefects[test.fullName] {
                    report.knownDefects.append("\(test.fullName): \(defect)")
                } else {
                    report.failures.append(message)
                }
            }
            if Self.knownDataDefects[test.fullName] != nil, report.knownDefects.last?.hasPrefix(test.fullName) != true {
                // A listed defect that passes means the data or the engine changed: look again.
                report.failures.append("\(test.fullName) is listed as a data defect but no longer fails; remove it")
            }
        }
        return report
    }

    /// Tests whose expected value is wrong in the data itself, with the evidence. They are run;
    /// a failure is counted apart (and listed in docs/CONFORMANCE.md), and a pass is an issue.
    static let knownDataDefects: [String: String] = [
        "parse/bytes_literals/triple_single_quoted_unescaped_punctuation":
            "the expected bytes hold a backslash before '?' that the triple-quoted bytes literal does not "
            + "contain; the string form of the same test expects none, and Google's cel-expr-python lists this "
            + "test among its known failures",
        "parse/bytes_literals/triple_double_quoted_unescaped_punctuation":
            "as the single-quoted form: the expected bytes hold a backslash that the literal does not contain",
    ]

    /// Counts for one file, and the message of every failure.
    struct Report: Sendable {
        var file: String
        var passed = 0
        /// Tests with none of `proto_messages`, `type_check` or `unknowns`.
        var core = 0
        var skipped: [CELConformanceSkip: Int] = [:]
        var failures: [String] = []
        /// Failures explained by `knownDataDefects`.
        var knownDefects: [String] = []
        /// Names of the tests that passed with a note.
        var notes: [CELConformanceNote: [String]] = [:]

        var failed: Int { failures.count }
        var skippedCount: Int { skipped.values.reduce(0, +) }
        var total: Int { passed + failed + knownDefects.count + skippedCount }

        var line: String {
            "cel conformance \(file): \(passed) passed, \(failed) failed, \(skippedCount) skipped"
                + (knownDefects.isEmpty ? "" : ", \(knownDefects.count) known data defects")
                + " (\(total) tests, \(core) core)"
        }
    }

    enum LoadError: Error, CustomStringConvertible {
        case missingData

        var description: String { "no CEL conformance data in the test bundle (Conformance/cel/data)" }
    }
}
