import BenchmarkSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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

/// `directory/name`, with one slash between them.
func joinPath(_ directory: String, _ name: String) -> String {
    if directory.isEmpty { return name }
    return directory.hasSuffix("/") ? directory + name : directory + "/" + name
}
