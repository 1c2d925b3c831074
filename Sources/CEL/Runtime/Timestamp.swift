/// A point in time with nanosecond precision, between 0001-01-01 and 9999-12-31 UTC
/// (the range CEL allows).
public struct Timestamp: Sendable, Hashable, Comparable {
    public var seconds: Int64
    public var nanos: Int32

    public static let minSeconds: Int64 = -62_135_596_800  // 0001-01-01T00:00:00Z
    public static let maxSeconds: Int64 = 253_402_300_799  // 9999-12-31T23:59:59Z

    /// `nil` when outside CEL's range.
    public init?(seconds: Int64, nanos: Int32) {
        var seconds = seconds
        var nanos = nanos
        if nanos < 0 {
            nanos += 1_000_000_000
            seconds -= 1
        }
        guard seconds >= Self.minSeconds && seconds <= Self.maxSeconds else { return nil }
        self.seconds = seconds
        self.nanos = nanos
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }
}

/// A signed span of time with nanosecond precision, within ±315,576,000,000 seconds
/// (the range of google.protobuf.Duration, which CEL uses).
public struct CELDuration: Sendable, Hashable, Comparable {
    /// Whole seconds and the remaining nanoseconds, both with the sign of the duration.
    public var seconds: Int64
    public var nanos: Int32

    public static let maxSeconds: Int64 = 315_576_000_000

    /// Normalises the signs; `nil` when out of range.
    public init?(seconds: Int64, nanos: Int64) {
        let (extra, remainder) = nanos.quotientAndRemainder(dividingBy: 1_000_000_000)
        var (total, overflow) = seconds.addingReportingOverflow(extra)
        guard !overflow else { return nil }
        var rest = remainder
        if total > 0 && rest < 0 {
            total -= 1
            rest += 1_000_000_000
        } else if total < 0 && rest > 0 {
            total += 1
            rest -= 1_000_000_000
        }
        overflow = false
        guard total >= -Self.maxSeconds && total <= Self.maxSeconds else { return nil }
        self.seconds = total
        self.nanos = Int32(rest)
    }

    /// Total nanoseconds, when that fits in an Int64.
    public var totalNanoseconds: Int64? {
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        let (sum, overflow2) = product.addingReportingOverflow(Int64(nanos))
        return overflow2 ? nil : sum
    }

    public static func < (lhs: CELDuration, rhs: CELDuration) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }
}
