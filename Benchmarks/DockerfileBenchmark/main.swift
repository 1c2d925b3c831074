// Release-mode benchmark of the Dockerfile parser: throughput (MB/s, files/s) on a deterministic
// corpus of realistic Dockerfiles generated in memory, 10,000 files by default, and the time of a
// few hostile files (a million continuation lines, a 10 MB line, a 10 MB exec form, more
// instructions than the cap), which must stay linear in their size.
//
//     swift run -c release DockerfileBenchmark [--files N] [--runs N]

import BenchmarkSupport
import DockerfileInput
import PolicyModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Options {
    var files = 10_000
    var runs = 5
}

let usage = """
    usage: DockerfileBenchmark [--files N] [--runs N]

    --files N   realistic Dockerfiles in the corpus (default 10000)
    --runs N    timed runs of each case after one warm-up; the median is reported (default 5)
    """

func parseOptions(_ arguments: [String]) throws -> Options {
    var options = Options()
    var rest = arguments[...]
    func number(_ flag: String) throws -> Int {
        guard let text = rest.popFirst(), let value = Int(text), value >= 1 else {
            throw BenchError(description: "\(flag) needs a number of at least 1\n\(usage)")
        }
        return value
    }
    while let argument = rest.popFirst() {
        switch argument {
        case "--files": options.files = try number(argument)
        case "--runs": options.runs = try number(argument)
        case "-h", "--help":
            print(usage)
            exit(0)
        default:
            throw BenchError(description: "unknown argument \(argument)\n\(usage)")
        }
    }
    return options
}

/// One case and how long it took.
struct Row {
    var name: String
    var files: Int
    var bytes: Int
    /// Seconds per run, sorted.
    var times: [Double]

    var median: Double { times[times.count / 2] }
}

/// Parses every file and checks the instruction count; `clean` also requires no diagnostics.
func parseAll(_ files: [CorpusFile], clean: Bool) throws {
    for file in files {
        let result = DockerfileParser.parse(file.text, file: file.name)
        if clean, let diagnostic = result.diagnostics.first {
            throw BenchError(description: "the generated corpus has a diagnostic: \(diagnostic.rendered())")
        }
        guard case .sequence(let instructions)? = result.resources.first?.content["instructions"]?.content,
            instructions.count == file.instructions
        else {
            throw BenchError(description: "\(file.name): not \(file.instructions) instructions")
        }
        blackHole(result)
    }
}

func measure(_ name: String, _ files: [CorpusFile], runs: Int, clean: Bool = true) throws -> Row {
    try parseAll(files, clean: clean)  // warm-up, and the check
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<runs {
        var failure: (any Error)?
        let elapsed = clock.measure {
            do { try parseAll(files, clean: clean) } catch { failure = error }
        }
        if let failure { throw failure }
        times.append(elapsed.seconds)
    }
    return Row(
        name: name, files: files.count, bytes: files.reduce(0) { $0 + $1.text.utf8.count }, times: times.sorted())
}

func main() throws {
    let options = try parseOptions(Array(CommandLine.arguments.dropFirst()))
    let corpus = Corpus.realistic(count: options.files)
    let rows = [
        try measure("realistic, \(grouped(corpus.count)) files", corpus, runs: options.runs),
        try measure("1M continuation lines", [Corpus.continuationChain(lines: 1_000_000)], runs: options.runs),
        try measure("10 MB shell-form line", [Corpus.longLine(bytes: 10_000_000)], runs: options.runs),
        try measure("10 MB exec-form line", [Corpus.longExecForm(bytes: 10_000_000)], runs: options.runs),
        try measure(
            "200,000 instructions (cap)", [Corpus.manyInstructions(200_000)], runs: options.runs, clean: false),
    ]
    print("median of \(options.runs) runs after a warm-up; every run parses every file and checks it")
    print("")
    print(
        pad("case", 30) + pad("bytes", 14, right: true) + pad("time", 10, right: true) + pad("MB/s", 9, right: true)
            + pad("files/s", 11, right: true))
    for row in rows {
        print(
            pad(row.name, 30) + pad(grouped(row.bytes), 14, right: true)
                + pad(humanTime(nanoseconds: row.median * 1e9), 10, right: true)
                + pad(fixed(Double(row.bytes) / row.median / 1e6, 1), 9, right: true)
                + pad(grouped(Int((Double(row.files) / row.median).rounded())), 11, right: true))
    }
}

do {
    try main()
} catch {
    printError("DockerfileBenchmark: \(error)")
    exit(1)
}
