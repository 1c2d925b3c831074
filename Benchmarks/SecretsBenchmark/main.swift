// Release-mode benchmark of the secrets scanner: throughput (MB/s) of the built-in detectors over
// the text files of a folder, read into memory first so that only the search is timed; and, with
// --per-detector, what each detector's pattern costs on its own over the files its keywords
// select (where the time goes when the total is not what it should be).
//
//     swift run -c release SecretsBenchmark PATH [--runs N] [--per-detector]

import BenchmarkSupport
import Crypto
import LinearRegex
import Secrets

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Options {
    var path = ""
    var runs = 5
    var perDetector = false
}

let usage = """
    usage: SecretsBenchmark PATH [--runs N] [--per-detector]

    PATH             a folder: its text files (binary ones, with a NUL in the first 8 KiB, are left out)
    --runs N         timed runs after one warm-up; the median is reported (default 5)
    --per-detector   also time each detector's pattern alone, over the files holding its keywords
    """

func parseOptions(_ arguments: [String]) throws -> Options {
    var options = Options()
    var rest = arguments[...]
    while let argument = rest.popFirst() {
        switch argument {
        case "--runs":
            guard let text = rest.popFirst(), let value = Int(text), value >= 1 else {
                throw BenchError(description: "--runs needs a number of at least 1\n\(usage)")
            }
            options.runs = value
        case "--per-detector": options.perDetector = true
        case "-h", "--help":
            print(usage)
            exit(0)
        default:
            guard options.path.isEmpty, !argument.hasPrefix("-") else {
                throw BenchError(description: "unknown argument \(argument)\n\(usage)")
            }
            options.path = argument
        }
    }
    guard !options.path.isEmpty else { throw BenchError(description: usage) }
    return options
}

/// Every regular file under `path` (hidden folders included: a benchmark reads what it is given).
func files(under path: String) -> [String] {
    var found: [String] = []
    var folders = [path]
    while let folder = folders.popLast() {
        guard let directory = opendir(folder) else { continue }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let full = folder + "/" + name
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR { folders.append(full) }
            if info.st_mode & S_IFMT == S_IFREG { found.append(full) }
        }
    }
    return found.sorted()
}

func contents(of file: String) -> [UInt8]? {
    guard let handle = fopen(file, "rb") else { return nil }
    defer { fclose(handle) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = fread(&buffer, 1, buffer.count, handle)
        if count <= 0 { break }
        bytes += buffer[0..<count]
    }
    return bytes
}

func median(_ times: [Double]) -> Double { times.sorted()[times.count / 2] }

func run() throws {
    let options = try parseOptions(Array(CommandLine.arguments.dropFirst()))
    let loaded = BuiltInDetectors.load()
    let scanner = SecretScanner(
        detectors: loaded.detectors, hasher: SecretHasher(key: SymmetricKey(data: [UInt8](repeating: 7, count: 32))))
    let texts = files(under: options.path).compactMap(contents).filter { !$0.prefix(8192).contains(0) }
    let bytes = texts.reduce(0) { $0 + $1.count }
    print(
        "\(grouped(texts.count)) text files, \(fixed(Double(bytes) / 1e6, 1)) MB, \(scanner.detectors.count) detectors")

    func timeScan() -> (seconds: Double, findings: Int) {
        let clock = ContinuousClock()
        var findings = 0
        let elapsed = clock.measure {
            for text in texts { findings += text.withUnsafeBufferPointer { scanner.scan($0, file: "f").count } }
        }
        return (elapsed.seconds, findings)
    }
    let warm = timeScan()
    let times = (0..<options.runs).map { _ in timeScan().seconds }
    let seconds = median(times)
    print(
        "all detectors, one core: \(humanTime(nanoseconds: seconds * 1e9)) (median of \(options.runs)), "
            + "\(fixed(Double(bytes) / 1e6 / seconds, 0)) MB/s, \(grouped(warm.findings)) findings")

    guard options.perDetector else { return }
    let clock = ContinuousClock()
    let keywordTime = clock.measure {
        for text in texts { blackHole(text.withUnsafeBufferPointer { scanner.plan(for: $0) }) }
    }
    print("keyword pass alone: \(humanTime(nanoseconds: keywordTime.seconds * 1e9))")
    var rows: [(id: String, files: Int, seconds: Double, matches: Int)] = []
    var plans: [[Int: [Range<Int>]]] = []
    for text in texts {
        var plan: [Int: [Range<Int>]] = [:]
        for (detector, regions) in text.withUnsafeBufferPointer({ scanner.plan(for: $0) }) { plan[detector] = regions }
        plans.append(plan)
    }
    for (index, detector) in scanner.detectors.enumerated() {
        var matches = 0
        var count = 0
        let elapsed = clock.measure {
            for (text, plan) in zip(texts, plans) {
                guard let regions = plan[index] else { continue }
                count += 1
                text.withUnsafeBufferPointer { buffer in
                    for region in regions {
                        detector.pattern.forEachMatch(in: buffer, range: region) { _ in
                            matches += 1
                            return true
                        }
                    }
                }
            }
        }
        rows.append((detector.id, count, elapsed.seconds, matches))
    }
    let total = rows.reduce(0) { $0 + $1.seconds }
    print("every detector's pattern, one after the other: \(humanTime(nanoseconds: total * 1e9))")
    print("slowest detectors (pattern alone, over the stretches their keywords select):")
    for row in rows.sorted(by: { $0.seconds > $1.seconds }).prefix(15) {
        print(
            "  \(row.id): \(humanTime(nanoseconds: row.seconds * 1e9)), \(grouped(row.files)) files, "
                + "\(grouped(row.matches)) matches")
    }
}

do {
    try run()
} catch {
    printError("SecretsBenchmark: \(error)")
    exit(2)
}
