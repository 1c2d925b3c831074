#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

struct BenchError: Error, CustomStringConvertible {
    var description: String
}

// MARK: Timing

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    var nanoseconds: Double { seconds * 1e9 }
}

/// Keeps a value alive as far as the optimizer can tell, so the work that made it is not dropped.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

func medianOf(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// The spread of a set of per-operation times, in nanoseconds.
struct Sample {
    var median: Double
    var low: Double
    var high: Double
    /// How many times the operation ran while being timed.
    var operations: Int

    init(_ times: [Double], operations: Int) {
        let sorted = times.sorted()
        median = medianOf(sorted)
        low = sorted.first ?? 0
        high = sorted.last ?? 0
        self.operations = operations
    }
}

/// Times an operation that takes well under a microsecond to tens of microseconds.
///
/// A single call is too short for the clock (reading it costs tens of nanoseconds), so the
/// operation runs in batches: first for `warmUp` untimed, then the batch size is chosen so that
/// a batch takes about `batchTarget`, and batches are timed one by one until `budget` has passed
/// (at least `minimumBatches` of them). The result is the time of one operation in each batch.
func timeRepeated(
    warmUp: Duration = .milliseconds(50),
    batchTarget: Duration = .milliseconds(2),
    budget: Duration,
    minimumBatches: Int = 21,
    _ operation: () -> Void
) -> Sample {
    let clock = ContinuousClock()
    let warmUpEnd = clock.now + warmUp
    var calls = 0
    while clock.now < warmUpEnd {
        operation()
        calls += 1
    }
    // Calibrate on one timed run of the warm-up's size.
    let probe = max(calls, 1)
    let probeTime = clock.measure { for _ in 0..<probe { operation() } }
    let perCall = max(probeTime.nanoseconds / Double(probe), 1)
    let batch = max(1, Int(batchTarget.nanoseconds / perCall))

    var times: [Double] = []
    let start = clock.now
    while times.count < minimumBatches || clock.now - start < budget {
        let elapsed = clock.measure { for _ in 0..<batch { operation() } }
        times.append(elapsed.nanoseconds / Double(batch))
        if times.count >= 10_000 { break }
    }
    return Sample(times, operations: times.count * batch)
}

/// Times an operation of microseconds or more one call at a time: as many calls as fit in
/// `budget`, between `minimum` and `maximum` of them, after a short warm-up.
func timeEach(budget: Duration, minimum: Int = 21, maximum: Int = 20_001, _ operation: () -> Void) -> Sample {
    let clock = ContinuousClock()
    let warmUpEnd = clock.now + .milliseconds(20)
    repeat { operation() } while clock.now < warmUpEnd
    var times: [Double] = []
    let start = clock.now
    while times.count < maximum, times.count < minimum || clock.now - start < budget {
        times.append(clock.measure { operation() }.nanoseconds)
    }
    return Sample(times, operations: times.count)
}

// MARK: Formatting

/// `1234567` as `1,234,567`.
func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
        out.append(digit)
    }
    return value < 0 ? "-" + out : out
}

/// `value` with `places` decimals, rounded half away from zero, thousands grouped.
func fixed(_ value: Double, _ places: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    let whole = Int(scaled / scale)
    var text = grouped(whole)
    if places > 0 {
        let fraction = String(Int(scaled - Double(whole) * scale))
        text += "." + String(repeating: "0", count: places - fraction.count) + fraction
    }
    return value < 0 ? "-" + text : text
}

/// A time in nanoseconds with three significant figures or so, in the unit that suits:
/// `81.2 ns`, `4.31 µs`, `12.6 ms`.
func humanTime(nanoseconds ns: Double) -> String {
    func sig(_ v: Double) -> String { fixed(v, v < 10 ? 2 : v < 100 ? 1 : 0) }
    if ns < 1e3 { return sig(ns) + " ns" }
    if ns < 1e6 { return sig(ns / 1e3) + " µs" }
    if ns < 1e9 { return sig(ns / 1e6) + " ms" }
    return sig(ns / 1e9) + " s"
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
}

/// Writes to standard error.
func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(2, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if written <= 0 { break }
            offset += written
        }
    }
}

// MARK: Files

func readFile(_ path: String) throws -> [UInt8] {
    guard let file = fopen(path, "rb") else {
        throw BenchError(description: "cannot open \(path): \(String(cString: strerror(errno)))")
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        if count == 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    if ferror(file) != 0 { throw BenchError(description: "cannot read \(path)") }
    return bytes
}

/// `directory/name`, with one slash between them.
func joinPath(_ directory: String, _ name: String) -> String {
    if directory.isEmpty { return name }
    return directory.hasSuffix("/") ? directory + name : directory + "/" + name
}
