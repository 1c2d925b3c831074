import Foundation
import Testing

/// One JSON file of the rust-lang/regex suite under Conformance/regex/data, and what running
/// it gave.
struct RegexConformanceFile: Sendable, Hashable, CustomTestStringConvertible {
    /// File name without `.json` (`fowler-basic`).
    let name: String

    var testDescription: String { name }

    /// The resource folder that `Package.swift` copies (`.copy("Conformance/regex/data")`).
    static func dataDirectory() throws -> URL {
        if let url = Bundle.module.url(forResource: "data", withExtension: nil) { return url }
        guard let root = Bundle.module.resourceURL else { throw LoadError.missingData }
        return root.appendingPathComponent("data", isDirectory: true)
    }

    /// Every data file, sorted by name.
    static func all() throws -> [RegexConformanceFile] {
        let names = try FileManager.default.contentsOfDirectory(atPath: dataDirectory().path)
            .filter { $0.hasSuffix(".json") }
            .map { String($0.dropLast(".json".count)) }
            .sorted()
        guard !names.isEmpty else { throw LoadError.missingData }
        return names.map(RegexConformanceFile.init(name:))
    }

    func cases() throws -> [RegexConformanceCase] {
        struct Document: Decodable { var test: [RegexConformanceCase] }
        let url = try Self.dataDirectory().appendingPathComponent(name + ".json")
        let document = try JSONDecoder().decode(Document.self, from: Data(contentsOf: url))
        return document.test.map { test in
            var test = test
            test.file = name
            return test
        }
    }

    /// Runs every test of the file.
    func run() throws -> Report {
        var report = Report(file: name)
        for test in try cases() {
            switch test.run() {
            case .passed: report.passed += 1
            case .skipped(let reason): report.skipped[reason, default: 0] += 1
            case .failed(let message): report.failures.append(message)
            }
        }
        return report
    }

    /// Counts for one file, and the message of every failure.
    struct Report: Sendable {
        var file: String
        var passed = 0
        var skipped: [RegexConformanceSkip: Int] = [:]
        var failures: [String] = []

        var failed: Int { failures.count }
        var skippedCount: Int { skipped.values.reduce(0, +) }
        var total: Int { passed + failed + skippedCount }

        var line: String {
            "regex conformance \(file): \(passed) passed, \(failed) failed, \(skippedCount) skipped"
        }
    }

    enum LoadError: Error, CustomStringConvertible {
        case missingData

        var description: String { "no regex conformance data in the test bundle (Conformance/regex/data)" }
    }
}
