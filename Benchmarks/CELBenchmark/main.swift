// Release-mode benchmark of the CEL engine: how long a policy expression takes to compile
// (parse, macro expansion and type check), and how long one evaluation takes over a realistic
// Pod or ClusterRole.
//
//     swift run -c release CELBenchmark [DATA-DIR] [--only NAME[,NAME...]] [--time SECONDS]
//         [--markdown] [--json FILE]
//
//     swift run -c release CELBenchmark [DATA-DIR] --evaluate NAME COUNT
//
// DATA-DIR (default Benchmarks/cel-data/) holds cases.tsv and the JSON documents it names; the
// same files drive scripts/cel_python_bench.py, so every engine runs the same cases.
// docs/PERFORMANCE.md explains the cases and records the figures.

import BenchmarkSupport
import CEL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct Options {
    var dataDirectory = "Benchmarks/cel-data/"
    var only: Set<String>?
    /// How long each case's evaluations are timed for.
    var budget: Duration = .seconds(1)
    var markdown = false
    /// `--json FILE`: also write the figures there, for scripts/compare-cel.sh.
    var jsonPath: String?
    /// `--evaluate NAME COUNT`: compile one case and evaluate it COUNT times, untimed, for
    /// counting allocations under valgrind (run with COUNT 0 and N; the difference / N is per
    /// evaluation).
    var evaluateOnly: (name: String, count: Int)?
}

let usage = """
    usage: CELBenchmark [DATA-DIR] [--only NAME[,NAME...]] [--time SECONDS] [--markdown]
                       [--json FILE]
           CELBenchmark [DATA-DIR] --evaluate NAME COUNT
           CELBenchmark [DATA-DIR] --list-cases

    DATA-DIR          cases.tsv and the JSON it names (default Benchmarks/cel-data/)
    --only NAMES      run only these cases (comma-separated)
    --time SECONDS    how long each case's evaluations are timed (default 1)
    --markdown        also print the results as Markdown rows for docs/PERFORMANCE.md
    --json FILE       also write the figures and results to FILE (for scripts/compare-cel.sh)
    --evaluate NAME COUNT
                      compile NAME and evaluate it COUNT times without timing, then print the
                      result: for counting allocations, e.g. under valgrind
    --list-cases      print the cases and exit
    """

func parseOptions(_ arguments: [String]) throws -> (Options, listOnly: Bool) {
    var options = Options()
    var listOnly = false
    var rest = arguments[...]
    func value(_ flag: String) throws -> String {
        guard let next = rest.popFirst() else { throw BenchError(description: "\(flag) needs a value\n\(usage)") }
        return next
    }
    var sawDirectory = false
    while let argument = rest.popFirst() {
        switch argument {
        case "--data": options.dataDirectory = try value(argument)
        case "--only":
            let names = try value(argument).split(separator: ",").map(String.init)
            options.only = (options.only ?? []).union(names)
        case "--time":
            let text = try value(argument)
            guard let seconds = Double(text), seconds > 0, seconds < 3600 else {
                throw BenchError(description: "--time: not a positive number of seconds: \(text)")
            }
            options.budget = .milliseconds(Int((seconds * 1000).rounded()))
        case "--markdown": options.markdown = true
        case "--json": options.jsonPath = try value(argument)
        case "--evaluate":
            let name = try value(argument)
            let text = try value(argument)
            guard let count = Int(text), count >= 0 else {
                throw BenchError(description: "--evaluate: not a count: \(text)")
            }
            options.evaluateOnly = (name, count)
        case "--list-cases": listOnly = true
        case "-h", "--help":
            print(usage)
            exit(0)
        default:
            guard !argument.hasPrefix("-"), !sawDirectory else {
                throw BenchError(description: "unknown argument \(argument)\n\(usage)")
            }
            options.dataDirectory = argument
            sawDirectory = true
        }
    }
    return (options, listOnly)
}

// MARK: One case

struct Row {
    var test: Case
    var units: Int
    var compile: Sample
    var evaluate: Sample
    var result: String
    var cost: Int
}

/// The number of units (containers, rules) in the document, worked out by the engine itself.
func countUnits(_ test: Case, environment: Environment, bindings: [String: Value]) throws -> Int {
    let program: Program
    do {
        program = try environment.compile(test.countExpression)
    } catch {
        throw BenchError(description: "\(test.name): count expression: \(error)")
    }
    guard case .int(let count) = program.evaluate(bindings), count > 0 else {
        throw BenchError(description: "\(test.name): \(test.countExpression) is not a positive int")
    }
    return Int(count)
}

func runCase(_ test: Case, environment: Environment, document: Document, budget: Duration) throws -> Row {
    let bindings = ["object": document.value]
    let units = try countUnits(test, environment: environment, bindings: bindings)
    let program: Program
    do {
        program = try environment.compile(test.expression)
    } catch {
        throw BenchError(description: "\(test.name): \(error)")
    }
    let (result, cost) = program.evaluateWithCost(bindings)

    let compile = timeEach(budget: budget / 4) {
        do {
            blackHole(try environment.compile(test.expression))
        } catch {
            blackHole(error)
        }
    }
    let evaluate = timeRepeated(budget: budget) { blackHole(program.evaluate(bindings)) }
    return Row(test: test, units: units, compile: compile, evaluate: evaluate, result: describe(result), cost: cost)
}

// MARK: Main

func main() throws {
    let (options, listOnly) = try parseOptions(Array(CommandLine.arguments.dropFirst()))
    var cases = try readCases(directory: options.dataDirectory)
    if listOnly {
        for test in cases { print("\(test.name)\t\(test.input)\t\(test.expression)") }
        return
    }
    if let only = options.only {
        if let unknown = only.subtracting(cases.map(\.name)).sorted().first {
            throw BenchError(description: "--only: no case called \(unknown); see --list-cases")
        }
        cases = cases.filter { only.contains($0.name) }
    }

    var documents: [String: Document] = [:]
    for name in cases.map(\.input) where documents[name] == nil {
        documents[name] = try loadDocument(directory: options.dataDirectory, name: name)
    }
    let environment = makeEnvironment()

    if let (name, count) = options.evaluateOnly {
        guard let test = cases.first(where: { $0.name == name }), let document = documents[test.input] else {
            throw BenchError(description: "--evaluate: no case called \(name); see --list-cases")
        }
        let program: Program
        do {
            program = try environment.compile(test.expression)
        } catch {
            throw BenchError(description: "\(test.name): \(error)")
        }
        let bindings = ["object": document.value]
        var result = Value.null
        for _ in 0..<count { result = program.evaluate(bindings) }
        print(count == 0 ? "(not evaluated)" : describe(result))
        return
    }

    // What a process pays once, before its first evaluation.
    let setupBudget = options.budget / 4
    let environmentTime = timeEach(budget: setupBudget) { blackHole(makeEnvironment()) }
    print("data: \(options.dataDirectory)")
    var loadTimes: [(Document, Sample)] = []
    for name in documents.keys.sorted() {
        guard let document = documents[name] else { continue }
        let bytes = try readFile(joinPath(options.dataDirectory, name))
        let sample = timeEach(budget: setupBudget) {
            do {
                blackHole(try Value(json: bytes))
            } catch {
                blackHole(error)
            }
        }
        loadTimes.append((document, sample))
        print(
            "  \(name): \(grouped(document.bytes)) bytes, Value(json:) \(humanTime(nanoseconds: sample.median)) "
                + "(\(fixed(Double(document.bytes) / sample.median * 1e3, 1)) MB/s)")
    }
    print("Environment with every library: \(humanTime(nanoseconds: environmentTime.median))")
    // The floor: evaluating a constant, which is the cost of the call itself.
    let constant: Program
    do {
        constant = try environment.compile("true")
    } catch {
        throw BenchError(description: "true: \(error)")
    }
    let noBindings: [String: Value] = [:]
    let constantTime = timeRepeated(budget: setupBudget) { blackHole(constant.evaluate(noBindings)) }
    print("evaluate `true` (the cost of a call): \(humanTime(nanoseconds: constantTime.median))")
    print("")
    print("compile = median of single compiles (parse, macros, check); evaluate = median over batches of")
    print("evaluations, \(options.budget) per case; per item = evaluate / number of containers or rules")
    print("")
    print(
        pad("case", 15) + pad("compile", 10, right: true) + pad("evaluate", 11, right: true)
            + pad("per item", 18, right: true) + pad("evals/s", 13, right: true) + pad("spread", 22, right: true)
            + pad("cost", 6, right: true) + "  result")

    var rows: [Row] = []
    for test in cases {
        guard let document = documents[test.input] else { continue }
        let row = try runCase(test, environment: environment, document: document, budget: options.budget)
        rows.append(row)
        let perUnit = row.evaluate.median / Double(row.units)
        print(
            pad(test.name, 15) + pad(humanTime(nanoseconds: row.compile.median), 10, right: true)
                + pad(humanTime(nanoseconds: row.evaluate.median), 11, right: true)
                + pad("\(humanTime(nanoseconds: perUnit))/\(test.unit)", 18, right: true)
                + pad(grouped(Int((1e9 / row.evaluate.median).rounded())), 13, right: true)
                + pad(
                    "\(humanTime(nanoseconds: row.evaluate.low))–\(humanTime(nanoseconds: row.evaluate.high))", 22,
                    right: true)
                + pad(String(row.cost), 6, right: true) + "  \(row.result)")
    }

    if let path = options.jsonPath {
        var setup: [(String, Double)] = [
            ("environment", environmentTime.median), ("evaluate true", constantTime.median),
        ]
        for (document, sample) in loadTimes { setup.append(("json \(document.name)", sample.median)) }
        try writeJSON(rows: rows, setup: setup, to: path)
    }

    if options.markdown {
        print("")
        print("| case | items | compile | evaluate | per item | evaluations/s | result |")
        print("|---|---:|---:|---:|---:|---:|---|")
        for row in rows {
            let perUnit = row.evaluate.median / Double(row.units)
            print(
                "| \(row.test.name) | \(row.units) \(row.test.unit)\(row.units == 1 ? "" : "s") "
                    + "| \(humanTime(nanoseconds: row.compile.median)) "
                    + "| \(humanTime(nanoseconds: row.evaluate.median)) | \(humanTime(nanoseconds: perUnit)) "
                    + "| \(grouped(Int((1e9 / row.evaluate.median).rounded()))) | `\(row.result)` |")
        }
        print("")
        print("| step | time |")
        print("|---|---:|")
        print("| `Environment` with every library | \(humanTime(nanoseconds: environmentTime.median)) |")
        print("| evaluate `true` | \(humanTime(nanoseconds: constantTime.median)) |")
        for (document, sample) in loadTimes {
            print(
                "| `Value(json:)` \(document.name), \(grouped(document.bytes)) bytes "
                    + "| \(humanTime(nanoseconds: sample.median)) |"
            )
        }
    }
}

/// The figures as JSON: `{"setup": {STEP: NS}, "cases": [{"name", "items", "unit", "compile_ns",
/// "evaluate_ns", "evaluations_timed", "cost", "result"}]}`.
func writeJSON(rows: [Row], setup: [(String, Double)], to path: String) throws {
    func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
    func number(_ value: Double) -> String { value.isFinite ? String(value) : "null" }
    var text = "{\n \"setup\": {"
    text += setup.map { "\(quoted($0.0)): \(number($0.1))" }.joined(separator: ", ")
    text += "},\n \"cases\": [\n"
    text += rows.map { row in
        "  {\"name\": \(quoted(row.test.name)), \"items\": \(row.units), \"unit\": \(quoted(row.test.unit)), "
            + "\"compile_ns\": \(number(row.compile.median)), \"evaluate_ns\": \(number(row.evaluate.median)), "
            + "\"evaluations_timed\": \(row.evaluate.operations), \"cost\": \(row.cost), "
            + "\"result\": \(quoted(row.result))}"
    }.joined(separator: ",\n")
    text += "\n ]\n}\n"
    guard let file = fopen(path, "wb") else {
        throw BenchError(description: "cannot write \(path): \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    let bytes = Array(text.utf8)
    guard fwrite(bytes, 1, bytes.count, file) == bytes.count else {
        throw BenchError(description: "cannot write \(path)")
    }
}

do {
    try main()
} catch {
    printError("CELBenchmark: \(error)")
    exit(1)
}
