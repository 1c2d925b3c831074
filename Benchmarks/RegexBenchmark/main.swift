// Release-mode throughput benchmark for LinearRegex, and the same cases on NSRegularExpression.
//
//     swift run -c release RegexBenchmark [--corpus bench-data/corpus.txt]
//         [--engine linear|foundation] [--only NAME[,NAME...]] [--runs N] [--cap SECONDS]
//         [--sizes N,N,...] [--markdown]
//
// Build the corpus first with scripts/make-bench-corpus.py. docs/PERFORMANCE.md explains the
// cases and records the figures.

import BenchmarkSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Options {
    var corpusPath = "bench-data/corpus.txt"
    var engine = "linear"
    var only: Set<String>?
    var runs = 7
    var cap: Duration = .seconds(10)
    var sizes = pathologicalSizes
    var markdown = false
    /// Internal: run one pathological case in this (child) process and print the result.
    var child: (name: String, size: Int)?
}

let usage = """
    usage: RegexBenchmark [--corpus PATH] [--engine linear|foundation] [--only NAME[,NAME...]]
                          [--runs N] [--cap SECONDS] [--sizes N,N,...] [--markdown]

    Cases (for --only): \((searchCases.map(\.name) + setCaseNames).joined(separator: ", ")),
      \(pathologicalCases.map(\.name).joined(separator: ", ")); "search", "set" and "pathological"
      name each group.
    --runs N       timed runs per search case after one warm-up (at least 5; default 7)
    --cap SECONDS  a pathological run that takes longer is killed and the sizes stop growing (default 10)
    --markdown     also print the tables as Markdown rows for docs/PERFORMANCE.md
    --list-cases   print the patterns, tab-separated, for scripts/compare-regex.sh
    """

/// `KIND<TAB>NAME<TAB>FLAG<TAB>PATTERN` per line, KIND one of search, secret, pathological.
/// FLAG is `i` for a case-insensitive search, `-` otherwise, and for a pathological case the
/// letter its haystack repeats.
func listCases() {
    for test in searchCases {
        print("search\t\(test.name)\t\(test.caseInsensitive ? "i" : "-")\t\(test.pattern)")
    }
    for (index, pattern) in secretPatterns.enumerated() {
        print("secret\t\(index)\t-\t\(pattern)")
    }
    for test in pathologicalCases {
        print("pathological\t\(test.name)\t\(Character(Unicode.Scalar(test.letter)))\t\(test.pattern)")
    }
}

func parseOptions(_ arguments: [String]) throws -> Options {
    var options = Options()
    var rest = arguments[...]
    func value(_ flag: String) throws -> String {
        guard let next = rest.popFirst() else { throw BenchError(description: "\(flag) needs a value") }
        return next
    }
    func number(_ flag: String) throws -> Int {
        let text = try value(flag)
        guard let n = Int(text.filter { $0 != "_" && $0 != "," }), n > 0 else {
            throw BenchError(description: "\(flag): not a positive number: \(text)")
        }
        return n
    }
    while let argument = rest.popFirst() {
        switch argument {
        case "--corpus": options.corpusPath = try value(argument)
        case "--engine": options.engine = try value(argument)
        case "--only":
            let names = try value(argument).split(separator: ",").map(String.init)
            options.only = (options.only ?? []).union(names)
        case "--runs": options.runs = try number(argument)
        case "--cap":
            let text = try value(argument)
            guard let seconds = Double(text), seconds > 0 else { throw BenchError(description: "--cap: \(text)") }
            options.cap = .milliseconds(Int((seconds * 1000).rounded()))
        case "--sizes":
            let text = try value(argument)
            let sizes = text.split(separator: ",").compactMap { Int($0.filter { $0 != "_" }) }.filter { $0 > 0 }
            guard !sizes.isEmpty else { throw BenchError(description: "--sizes: \(text)") }
            options.sizes = sizes
        case "--markdown": options.markdown = true
        case "--list-cases":
            listCases()
            exit(0)
        case "--child-pathological":
            let name = try value(argument)
            options.child = (name, try number(argument))
        case "-h", "--help":
            print(usage)
            exit(0)
        default: throw BenchError(description: "unknown argument \(argument)\n\(usage)")
        }
    }
    if let only = options.only {
        let known = Set(searchCases.map(\.name) + setCaseNames + pathologicalCases.map(\.name))
            .union(["search", "set", "pathological"])
        if let unknown = only.subtracting(known).sorted().first {
            throw BenchError(description: "--only: no case called \(unknown)\n\(usage)")
        }
    }
    return options
}

func selected(_ name: String, group: String, _ options: Options) -> Bool {
    guard let only = options.only else { return true }
    return only.contains(name) || only.contains(group)
}

// MARK: Child mode

/// Runs one pathological case and prints `SECONDS MATCHED`. The first search is timed on its
/// own (it may be the only one that finishes); if it was quick, five more are, and the median
/// of those is printed.
func runPathologicalChild(_ name: String, size: Int, engine: any RegexEngine) throws {
    guard let test = pathologicalCases.first(where: { $0.name == name }) else {
        throw BenchError(description: "no pathological case \(name)")
    }
    let search = try engine.makePathologicalSearch(
        test.pattern, haystack: pathologicalHaystack(letter: test.letter, size: size))
    let clock = ContinuousClock()
    var matched = false
    var elapsed = clock.measure { matched = search() }
    if elapsed < .milliseconds(200) {
        var times: [Duration] = []
        for _ in 0..<5 { times.append(clock.measure { blackHole(search()) }) }
        elapsed = median(times)
    }
    print(elapsed.seconds, matched ? 1 : 0)
}

// MARK: Throughput

struct Row {
    var name: String
    var summary: String
    var compile: Duration?
    var timing: SearchTiming?
    var error: String?
}

let countNotes = [
    "set-64k": "(chunk, pattern) pairs that match",
    "set-whole": "patterns that match",
    "set-matches": "matches of any pattern",
]

func throughputRows(_ options: Options, engine: any RegexEngine) throws -> (rows: [Row], corpusBytes: Int) {
    let searches = searchCases.filter { selected($0.name, group: "search", options) }
    let sets = setCaseNames.filter { selected($0, group: "set", options) }
    guard !searches.isEmpty || !sets.isEmpty else { return ([], 0) }

    let corpus: [UInt8]
    do {
        corpus = try readFile(options.corpusPath)
    } catch {
        throw BenchError(description: "\(error)\nbuild the corpus first: python3 scripts/make-bench-corpus.py")
    }
    let chunks = utf8Chunks(corpus, size: setChunkSize)
    engine.load(corpus: corpus, chunks: chunks)
    print(
        "corpus: \(options.corpusPath), \(grouped(corpus.count)) bytes (\(fixed(Double(corpus.count) / 1e6, 2)) MB), "
            + "\(chunks.count) chunks of \(setChunkSize / 1024) KiB for set-64k")
    print("MB/s = 10^6 bytes of the corpus per second of the median run; compile = median of many compiles")
    print("")
    print(
        pad("case", 16) + pad("pattern", 22) + pad("compile", 11, right: true) + pad("search", 11, right: true)
            + pad("MB/s", 10, right: true) + pad("count", 9, right: true) + "  runs")

    var rows: [Row] = []
    func report(_ row: Row) {
        rows.append(row)
        var line = pad(row.name, 16) + pad(row.summary, 22)
        line += pad(row.compile.map(humanTime) ?? "-", 11, right: true)
        if let timing = row.timing {
            let mbps = Double(corpus.count) / 1e6 / max(timing.median.seconds, 1e-12)
            line += pad(humanTime(timing.median), 11, right: true) + pad(fixed(mbps, 1), 10, right: true)
            line += pad(timing.count.map(grouped) ?? "VARIES", 9, right: true) + "  \(timing.runs)"
            if let note = countNotes[row.name] { line += "  count = \(note)" }
        }
        if let error = row.error { line += "  error: \(error)" }
        print(line)
    }

    for test in searches {
        var row = Row(name: test.name, summary: test.summary)
        do {
            row.compile = try timeCompile {
                try engine.compileOnce(test.pattern, caseInsensitive: test.caseInsensitive)
            }
            row.timing = timeSearch(
                runs: options.runs, try engine.makeCountMatches(test.pattern, caseInsensitive: test.caseInsensitive))
        } catch {
            row.error = "\(error)"
        }
        report(row)
    }

    if !sets.isEmpty {
        var setCompile: Duration?
        var setError: String?
        do {
            setCompile = try timeCompile { try engine.compileSetOnce(secretPatterns) }
        } catch {
            setError = "\(error)"
        }
        for name in sets {
            var row = Row(
                name: name, summary: "\(secretPatterns.count) secret patterns", compile: setCompile, error: setError)
            if setError == nil {
                do {
                    let search: () -> Int =
                        switch name {
                        case "set-64k": try engine.makeSetChunks(secretPatterns)
                        case "set-whole": try engine.makeSetWhole(secretPatterns)
                        default: try engine.makeSetMatches(secretPatterns)
                        }
                    row.timing = timeSearch(runs: options.runs, search)
                } catch {
                    row.error = "\(error)"
                }
            }
            report(row)
        }
    }
    return (rows, corpus.count)
}

// MARK: Pathological

struct PathologicalRow {
    var test: PathologicalCase
    /// One cell per size: a time, "> N s", "not run" or an error.
    var cells: [String]
}

func pathologicalRows(_ options: Options, engineName: String) throws -> [PathologicalRow] {
    let tests = pathologicalCases.filter { selected($0.name, group: "pathological", options) }
    guard !tests.isEmpty else { return [] }
    let capText = "> \(fixed(options.cap.seconds, options.cap.seconds < 10 ? 1 : 0)) s"
    print("")
    print("pathological: haystack of n characters, n-1 of the letter then '!' (no match); search time of one run,")
    print("each size in its own process, killed after \(capText.dropFirst(2)); sizes stop growing after a kill")
    print(pad("pattern", 12) + options.sizes.map { pad(grouped($0), 11, right: true) }.joined())

    var rows: [PathologicalRow] = []
    for test in tests {
        var cells: [String] = []
        var stopped = false
        for size in options.sizes {
            if stopped {
                cells.append("not run")
                continue
            }
            let outcome = try runChild(
                ["--engine", engineName, "--child-pathological", test.name, String(size)], timeout: options.cap)
            switch outcome {
            case .timedOut:
                cells.append(capText)
                stopped = true
            case .exited(0, let output):
                let fields = output.split(whereSeparator: { $0 == " " || $0 == "\n" })
                if fields.count == 2, let seconds = Double(fields[0]) {
                    let time = humanTime(.nanoseconds(Int64((seconds * 1e9).rounded())))
                    cells.append(fields[1] == "1" ? time + " (match!)" : time)
                } else {
                    cells.append("bad output")
                    stopped = true
                }
            case .exited(let status, _):
                cells.append("exit \(status)")
                stopped = true
            case .killed(let signal, _):
                cells.append(signal == SIGSEGV ? "crashed (stack)" : "signal \(signal)")
                stopped = true
            }
        }
        print(pad(test.pattern, 12) + cells.map { pad($0, 11, right: true) }.joined())
        rows.append(PathologicalRow(test: test, cells: cells))
    }
    return rows
}

// MARK: Markdown

func printMarkdown(_ rows: [Row], _ patho: [PathologicalRow], engine: String, sizes: [Int], corpusBytes: Int) {
    print("")
    print("<!-- RegexBenchmark --engine \(engine) --markdown -->")
    if !rows.isEmpty {
        print("| case | pattern | engine | compile (µs) | search | MB/s | count |")
        print("|---|---|---|---:|---:|---:|---:|")
        for row in rows {
            let compile = row.compile.map { fixed($0.seconds * 1e6, 1) } ?? "–"
            guard let timing = row.timing else {
                print("| \(row.name) | \(row.summary) | \(engine) | \(compile) | – | – | \(row.error ?? "–") |")
                continue
            }
            let mbps = Double(corpusBytes) / 1e6 / max(timing.median.seconds, 1e-12)
            print(
                "| \(row.name) | \(row.summary) | \(engine) | \(compile) | \(humanTime(timing.median)) "
                    + "| \(fixed(mbps, 1)) | \(timing.count.map(grouped) ?? "varies between runs") |")
        }
    }
    if !patho.isEmpty {
        print("")
        print("| pattern | engine | " + sizes.map { "n = \(grouped($0))" }.joined(separator: " | ") + " |")
        print("|---|---|" + sizes.map { _ in "---:" }.joined(separator: "|") + "|")
        for row in patho {
            let pattern = row.test.pattern.replacingAll("|", with: "\\|")
            print("| `\(pattern)` | \(engine) | " + row.cells.joined(separator: " | ") + " |")
        }
    }
}

extension String {
    /// Every `target` character replaced (a Markdown table cell needs its `|` escaped).
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}

// MARK: Main

do {
    let options = try parseOptions(Array(CommandLine.arguments.dropFirst()))
    guard let engine = makeEngine(named: options.engine) else {
        throw BenchError(description: "--engine: \(options.engine)? (linear or foundation)")
    }
    if let child = options.child {
        try runPathologicalChild(child.name, size: child.size, engine: engine)
        exit(0)
    }
    print("RegexBenchmark, engine: \(engine.name)")
    let (rows, corpusBytes) = try throughputRows(options, engine: engine)
    let patho = try pathologicalRows(options, engineName: options.engine)
    if options.markdown {
        printMarkdown(rows, patho, engine: engine.name, sizes: options.sizes, corpusBytes: corpusBytes)
    }
} catch {
    printError("RegexBenchmark: \(error)")
    exit(2)
}
