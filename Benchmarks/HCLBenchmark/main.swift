// Release-mode benchmark of the HCL parser: throughput (MB/s, files/s, resources/s) on a
// deterministic Terraform corpus generated in memory, 20,000 resources by default.
//
//     swift run -c release HCLBenchmark [--resources N] [--per-file N] [--runs N] [--markdown]
//         [--write DIR]
//
// docs/PERFORMANCE.md ("HCL parser") describes the corpus and records the figures.

import BenchmarkSupport
import HCL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Options {
    var resources = 20_000
    var perFile = 50
    var runs = 7
    var markdown = false
    /// `--write DIR`: also write the generated files there, to look at or to feed other tools.
    var writeDirectory: String?
}

let usage = """
    usage: HCLBenchmark [--resources N] [--per-file N] [--runs N] [--markdown] [--write DIR]

    --resources N   resources in the corpus (default 20000)
    --per-file N    resources per file (default 50)
    --runs N        timed runs of each case after one warm-up; the median is reported (default 7)
    --markdown      also print the results as Markdown rows for docs/PERFORMANCE.md
    --write DIR     also write the generated corpus to DIR (native/ and json/)
    """

func parseOptions(_ arguments: [String]) throws -> Options {
    var options = Options()
    var rest = arguments[...]
    func number(_ flag: String, minimum: Int) throws -> Int {
        guard let text = rest.popFirst(), let value = Int(text), value >= minimum else {
            throw BenchError(description: "\(flag) needs a number of at least \(minimum)\n\(usage)")
        }
        return value
    }
    while let argument = rest.popFirst() {
        switch argument {
        case "--resources": options.resources = try number(argument, minimum: 1)
        case "--per-file": options.perFile = try number(argument, minimum: 1)
        case "--runs": options.runs = try number(argument, minimum: 1)
        case "--markdown": options.markdown = true
        case "--write":
            guard let directory = rest.popFirst() else { throw BenchError(description: "--write needs a directory") }
            options.writeDirectory = directory
        case "-h", "--help":
            print(usage)
            exit(0)
        default:
            throw BenchError(description: "unknown argument \(argument)\n\(usage)")
        }
    }
    return options
}

/// One way of reading the corpus, and how long it took.
struct Row {
    var name: String
    var files: Int
    var bytes: Int
    var resources: Int
    /// Seconds per run, sorted.
    var times: [Double]

    var median: Double { times[times.count / 2] }
    var megabytesPerSecond: Double { Double(bytes) / median / 1e6 }
    var filesPerSecond: Double { Double(files) / median }
    var resourcesPerSecond: Double { Double(resources) / median }
}

/// Parses every file, checks that it parsed cleanly and holds the expected resources, and
/// returns the number of resource blocks.
func parseAll(_ files: [CorpusFile], json: Bool) throws -> Int {
    var resources = 0
    for file in files {
        let parsed =
            json
            ? ConfigFile.parseJSON(utf8: file.bytes, path: file.name)
            : ConfigFile.parse(utf8: file.bytes, path: file.name)
        if let error = parsed.diagnostics.first {
            throw BenchError(description: "the generated corpus does not parse:\n\(error)")
        }
        let count = parsed.body.blocks.reduce(0) { $0 + ($1.type == "resource" ? 1 : 0) }
        guard count == file.resources else {
            throw BenchError(description: "\(file.name): \(count) resources parsed, \(file.resources) generated")
        }
        resources += count
        blackHole(parsed)
    }
    return resources
}

func measure(_ name: String, _ files: [CorpusFile], json: Bool, runs: Int) throws -> Row {
    let resources = try parseAll(files, json: json)  // warm-up, and the check
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<runs {
        var failure: (any Error)?
        let elapsed = clock.measure {
            do {
                _ = try parseAll(files, json: json)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        times.append(elapsed.seconds)
    }
    return Row(
        name: name, files: files.count, bytes: files.reduce(0) { $0 + $1.bytes.count }, resources: resources,
        times: times.sorted())
}

func write(_ files: [CorpusFile], to directory: String) throws {
    mkdir(directory, 0o755)
    for file in files {
        let path = directory.hasSuffix("/") ? directory + file.name : directory + "/" + file.name
        guard let handle = fopen(path, "wb") else {
            throw BenchError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(handle) }
        guard fwrite(file.bytes, 1, file.bytes.count, handle) == file.bytes.count else {
            throw BenchError(description: "cannot write \(path)")
        }
    }
}

func main() throws {
    let options = try parseOptions(Array(CommandLine.arguments.dropFirst()))
    let generationStart = ContinuousClock.now
    let native = Corpus.native(resources: options.resources, perFile: options.perFile)
    let single = [
        CorpusFile(
            name: "all.tf", bytes: native.flatMap(\.bytes), resources: native.reduce(0) { $0 + $1.resources })
    ]
    let json = Corpus.json(resources: options.resources, perFile: options.perFile)
    let generation = ContinuousClock.now - generationStart
    if let directory = options.writeDirectory {
        mkdir(directory, 0o755)
        try write(native, to: directory + "/native")
        try write(json, to: directory + "/json")
    }
    print(
        "corpus: \(grouped(options.resources)) resources, \(options.perFile) per file, generated in \(humanTime(generation))"
    )

    let rows = [
        try measure("native, \(native.count) files", native, json: false, runs: options.runs),
        try measure("native, one file", single, json: false, runs: options.runs),
        try measure("JSON, \(json.count) files", json, json: true, runs: options.runs),
    ]

    print("median of \(options.runs) runs after a warm-up; every run parses every file and checks it")
    print("")
    print(
        pad("case", 24) + pad("bytes", 14, right: true) + pad("time", 10, right: true) + pad("MB/s", 9, right: true)
            + pad("files/s", 11, right: true) + pad("resources/s", 13, right: true) + pad("spread", 22, right: true))
    for row in rows {
        print(
            pad(row.name, 24) + pad(grouped(row.bytes), 14, right: true)
                + pad(humanTime(nanoseconds: row.median * 1e9), 10, right: true)
                + pad(fixed(row.megabytesPerSecond, 1), 9, right: true)
                + pad(grouped(Int(row.filesPerSecond.rounded())), 11, right: true)
                + pad(grouped(Int(row.resourcesPerSecond.rounded())), 13, right: true)
                + pad(
                    "\(humanTime(nanoseconds: (row.times.first ?? 0) * 1e9))–\(humanTime(nanoseconds: (row.times.last ?? 0) * 1e9))",
                    22, right: true))
    }

    if options.markdown {
        print("")
        print("| case | files | bytes | resources | time (median) | MB/s | files/s | resources/s |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for row in rows {
            print(
                "| \(row.name) | \(grouped(row.files)) | \(grouped(row.bytes)) | \(grouped(row.resources)) "
                    + "| \(humanTime(nanoseconds: row.median * 1e9)) | \(fixed(row.megabytesPerSecond, 1)) "
                    + "| \(grouped(Int(row.filesPerSecond.rounded()))) | \(grouped(Int(row.resourcesPerSecond.rounded()))) |"
            )
        }
    }
}

do {
    try main()
} catch {
    printError("HCLBenchmark: \(error)")
    exit(1)
}
