import BenchmarkSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: Timing

func median(_ values: [Duration]) -> Duration {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .zero }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

struct SearchTiming {
    var median: Duration
    var runs: Int
    /// The count every run returned; `nil` when two runs disagreed (a bug worth reporting).
    var count: Int?
}

/// One warm-up run, then `runs` timed runs (at least 5), reporting the median. A search that
/// takes longer than two seconds in the warm-up gets 5 runs, to keep the whole benchmark short.
func timeSearch(runs: Int, _ search: () -> Int) -> SearchTiming {
    let clock = ContinuousClock()
    var first = 0
    let warmUp = clock.measure { first = search() }
    let planned = warmUp > .seconds(2) ? 5 : max(runs, 5)
    var times: [Duration] = []
    var consistent = true
    for _ in 0..<planned {
        var count = 0
        times.append(clock.measure { count = search() })
        if count != first { consistent = false }
    }
    return SearchTiming(median: median(times), runs: planned, count: consistent ? first : nil)
}

/// Median time of one compile: as many compiles as fit in about a quarter of a second,
/// between 21 and 2001 of them, each timed on its own.
func timeCompile(_ compile: () throws -> Int) throws -> Duration {
    let clock = ContinuousClock()
    blackHole(try compile())  // warm-up, and the error if there is one
    var times: [Duration] = []
    let start = clock.now
    while times.count < 2001, times.count < 21 || clock.now - start < .milliseconds(250) {
        var result = 0
        times.append(try clock.measure { result = try compile() })
        blackHole(result)
    }
    return median(times)
}

// MARK: Child processes

enum ChildOutcome {
    case exited(status: Int32, output: String)
    case killed(signal: Int32, output: String)
    /// Still running at the deadline, so killed.
    case timedOut
}

/// The path of this executable, for running a case in a child process of its own.
func executablePath() -> String? {
    #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    #endif
    return CommandLine.arguments.first
}

/// Runs this executable again with `arguments`, its standard output piped back, and kills it
/// once `timeout` has passed. A backtracking engine cannot be interrupted from inside a
/// search, so a case that may never finish runs in a child like this.
func runChild(_ arguments: [String], timeout: Duration) throws -> ChildOutcome {
    guard let executable = executablePath() else { throw BenchError(description: "cannot find own executable") }
    var pipeEnds: [Int32] = [0, 0]
    guard pipe(&pipeEnds) == 0 else { throw BenchError(description: "pipe failed") }

    #if os(Linux)
        var actions = posix_spawn_file_actions_t()
    #else
        var actions: posix_spawn_file_actions_t?
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
    posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
    posix_spawn_file_actions_addclose(&actions, pipeEnds[1])

    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    let environment: [UnsafeMutablePointer<CChar>?] =
        ["PATH", "HOME", "LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"].compactMap { key in
            getenv(key).flatMap { strdup(key + "=" + String(cString: $0)) }
        } + [nil]
    defer {
        for pointer in argv { free(pointer) }
        for pointer in environment { free(pointer) }
    }

    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environment)
    close(pipeEnds[1])
    defer { close(pipeEnds[0]) }
    guard spawned == 0 else { throw BenchError(description: "posix_spawn failed: \(spawned)") }

    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    var status: Int32 = 0
    while true {
        let done = waitpid(pid, &status, WNOHANG)
        if done == pid { break }
        if done < 0 { throw BenchError(description: "waitpid failed") }
        if clock.now >= deadline {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            return .timedOut
        }
        usleep(2_000)
    }

    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
        if count <= 0 { break }
        output.append(contentsOf: buffer[0..<count])
    }
    let text = String(decoding: output, as: UTF8.self)
    let signal = status & 0x7f
    return signal == 0 ? .exited(status: (status >> 8) & 0xff, output: text) : .killed(signal: signal, output: text)
}
