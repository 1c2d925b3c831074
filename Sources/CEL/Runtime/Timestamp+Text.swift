/// Text forms and calendar arithmetic for timestamps and durations, without Foundation:
/// RFC 3339 for timestamps, `1h2m3.5s`-style text for durations, and proleptic Gregorian
/// calendar fields computed from Unix seconds.
extension Timestamp {
    /// Calendar fields of a moment, in some fixed offset from UTC.
    struct Fields: Sendable, Hashable {
        var year: Int64
        /// 1 to 12.
        var month: Int64
        /// 1 to 31.
        var day: Int64
        var hour: Int64
        var minute: Int64
        var second: Int64
        /// 0 (Sunday) to 6.
        var dayOfWeek: Int64
        /// 0 (1 January) to 365.
        var dayOfYear: Int64
    }

    /// Days from 1970-01-01 to the given date of the proleptic Gregorian calendar.
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        // Count years from 1 March so that the leap day falls at the end of a year.
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func isLeapYear(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Calendar fields for a count of seconds since the Unix epoch (already shifted into the
    /// wanted offset). Valid for the whole range CEL timestamps can reach, plus a day.
    static func fields(unixSeconds: Int64) -> Fields {
        let days = unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds - 86_399) / 86_400
        let secondOfDay = unixSeconds - days * 86_400
        // The inverse of daysSinceEpoch.
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfShiftedYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfShiftedYear + 2) / 153
        let day = dayOfShiftedYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        // 1970-01-01 was a Thursday (4).
        let weekday = (days % 7 + 11) % 7
        let dayOfYear = days - daysSinceEpoch(year: year, month: 1, day: 1)
        return Fields(
            year: year, month: month, day: day, hour: secondOfDay / 3_600, minute: secondOfDay / 60 % 60,
            second: secondOfDay % 60, dayOfWeek: weekday, dayOfYear: dayOfYear)
    }

    /// The outcome of reading an RFC 3339 timestamp.
    enum ParseResult: Sendable {
        case valid(Timestamp)
        /// Well formed, but outside 0001-01-01 to 9999-12-31 once converted to UTC.
        case outOfRange
        case malformed
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`. Letters `T` and `Z` may be lower case;
    /// fractions longer than nine digits are truncated to nanoseconds.
    static func parse(_ text: String) -> ParseResult {
        var reader = DigitReader(text)
        guard let year = reader.number(digits: 4), reader.skip("-"),
            let month = reader.number(digits: 2), reader.skip("-"),
            let day = reader.number(digits: 2), reader.skip("T") || reader.skip("t"),
            let hour = reader.number(digits: 2), reader.skip(":"),
            let minute = reader.number(digits: 2), reader.skip(":"),
            let second = reader.number(digits: 2)
        else { return .malformed }
        var nanos: Int64 = 0
        if reader.skip(".") {
            var count = 0
            while let digit = reader.digit() {
                if count < 9 { nanos = nanos * 10 + digit }
                count += 1
            }
            guard count > 0 else { return .malformed }
            for _ in count..<max(count, 9) { nanos *= 10 }
        }
        var offset: Int64 = 0
        if reader.skip("Z") || reader.skip("z") {
            offset = 0
        } else {
            let sign: Int64
            if reader.skip("+") {
                sign = 1
            } else if reader.skip("-") {
                sign = -1
            } else {
                return .malformed
            }
            guard let offsetHours = reader.number(digits: 2), reader.skip(":"),
                let offsetMinutes = reader.number(digits: 2), offsetHours < 24, offsetMinutes < 60
            else { return .malformed }
            offset = sign * (offsetHours * 3_600 + offsetMinutes * 60)
        }
        guard reader.atEnd, (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second < 60
        else { return .malformed }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
        guard let timestamp = Timestamp(seconds: seconds, nanos: Int32(nanos)) else { return .outOfRange }
        return .valid(timestamp)
    }

    /// RFC 3339 in UTC with as few fractional digits as the value needs
    /// (`2009-02-13T23:31:30Z`, `2009-02-13T23:31:30.5Z`).
    public var rfc3339: String {
        let fields = Timestamp.fields(unixSeconds: seconds)
        var text = Timestamp.padded(fields.year, 4) + "-" + Timestamp.padded(fields.month, 2) + "-"
        text += Timestamp.padded(fields.day, 2) + "T" + Timestamp.padded(fields.hour, 2) + ":"
        text += Timestamp.padded(fields.minute, 2) + ":" + Timestamp.padded(fields.second, 2)
        text += Timestamp.fraction(Int64(nanos)) + "Z"
        return text
    }

    static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// `.5`, `.000000001`, or nothing for zero nanoseconds.
    static func fraction(_ nanos: Int64) -> String {
        guard nanos != 0 else { return "" }
        var digits = Array(padded(nanos, 9))
        while digits.last == "0" { digits.removeLast() }
        return "." + String(digits)
    }

    /// Nanoseconds since the Unix epoch.
    var totalNanoseconds: Int128 { Int128(seconds) * 1_000_000_000 + Int128(nanos) }

    /// The timestamp at a count of nanoseconds since the epoch, `nil` outside CEL's range.
    init?(totalNanoseconds: Int128) {
        let (quotient, remainder) = totalNanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        var seconds = quotient
        var nanos = remainder
        if nanos < 0 {
            nanos += 1_000_000_000
            seconds -= 1
        }
        guard seconds >= Int128(Timestamp.minSeconds), seconds <= Int128(Timestamp.maxSeconds) else { return nil }
        self.init(seconds: Int64(seconds), nanos: Int32(nanos))
    }
}

extension CELDuration {
    /// The largest span the standard library produces: what fits in an Int64 count of
    /// nanoseconds (about 292 years), as in cel-go. The conformance suite expects an error
    /// when two extreme timestamps are subtracted, which this bound gives.
    static let maxNanoseconds = Int128(Int64.max)

    /// Total nanoseconds, exactly.
    var nanoseconds: Int128 { Int128(seconds) * 1_000_000_000 + Int128(nanos) }

    /// A duration from a count of nanoseconds, `nil` beyond ±`maxNanoseconds`.
    init?(checkedNanoseconds total: Int128) {
        guard total >= -CELDuration.maxNanoseconds, total <= CELDuration.maxNanoseconds else { return nil }
        let (seconds, nanos) = total.quotientAndRemainder(dividingBy: 1_000_000_000)
        self.init(seconds: Int64(seconds), nanos: Int64(nanos))
    }

    /// Seconds with a minimal fraction and an `s` suffix: `1.5s`, `-0.000000001s`, `0s`.
    public var secondsText: String {
        let negative = seconds < 0 || nanos < 0
        let wholeSeconds = seconds.magnitude
        let fractionText = Timestamp.fraction(Int64(nanos.magnitude))
        return (negative ? "-" : "") + String(wholeSeconds) + fractionText + "s"
    }

    /// The outcome of reading duration text.
    enum ParseResult: Sendable {
        case valid(CELDuration)
        case outOfRange
        case malformed
    }

    /// Reads a signed sequence of decimal numbers, each with a unit: `h`, `m`, `s`, `ms`,
    /// `us` (or `µs`), `ns`; for example `1h2m3.5s`, `-1.5s`, `100ms`. A bare `0` is zero.
    static func parse(_ text: String) -> ParseResult {
        var scalars = Array(text.unicodeScalars)[...]
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        guard !scalars.isEmpty else { return .malformed }
        if scalars.count == 1 && scalars.first == "0" { scalars = [] }
        // Bound for the running total: anything beyond is out of range whatever follows.
        let limit = CELDuration.maxNanoseconds * 4
        var total: Int128 = 0
        while !scalars.isEmpty {
            var whole: Int128 = 0
            var fraction: Int128 = 0
            var fractionScale: Int128 = 1
            var sawDigit = false
            while let scalar = scalars.first, let digit = decimalValue(scalar) {
                sawDigit = true
                if whole <= limit { whole = whole * 10 + Int128(digit) }
                scalars = scalars.dropFirst()
            }
            if scalars.first == "." {
                scalars = scalars.dropFirst()
                while let scalar = scalars.first, let digit = decimalValue(scalar) {
                    sawDigit = true
                    // Digits beyond nanosecond precision of any unit change nothing.
                    if fractionScale < 1_000_000_000_000_000_000 {
                        fraction = fraction * 10 + Int128(digit)
                        fractionScale *= 10
                    }
                    scalars = scalars.dropFirst()
                }
            }
            guard sawDigit else { return .malformed }
            var unit = ""
            while let scalar = scalars.first, scalar != ".", decimalValue(scalar) == nil {
                unit.unicodeScalars.append(scalar)
                scalars = scalars.dropFirst()
            }
            let nanosPerUnit: Int128
            switch unit {
            case "ns": nanosPerUnit = 1
            case "us", "\u{00B5}s", "\u{03BC}s": nanosPerUnit = 1_000
            case "ms": nanosPerUnit = 1_000_000
            case "s": nanosPerUnit = 1_000_000_000
            case "m": nanosPerUnit = 60_000_000_000
            case "h": nanosPerUnit = 3_600_000_000_000
            default: return .malformed
            }
            guard whole <= limit else { return .outOfRange }
            total += whole * nanosPerUnit + fraction * nanosPerUnit / fractionScale
            guard total <= limit else { return .outOfRange }
        }
        guard let duration = CELDuration(checkedNanoseconds: negative ? -total : total) else { return .outOfRange }
        return .valid(duration)
    }

    private static func decimalValue(_ scalar: Unicode.Scalar) -> Int? {
        scalar.value >= 48 && scalar.value <= 57 ? Int(scalar.value - 48) : nil
    }
}

/// Reads fixed-width ASCII numbers and punctuation from the front of a string.
private struct DigitReader {
    private var bytes: ArraySlice<UInt8>

    init(_ text: String) { bytes = Array(text.utf8)[...] }

    var atEnd: Bool { bytes.isEmpty }

    mutating func digit() -> Int64? {
        guard let byte = bytes.first, byte >= 48, byte <= 57 else { return nil }
        bytes = bytes.dropFirst()
        return Int64(byte - 48)
    }

    mutating func number(digits: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<digits {
            guard let digit = digit() else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    mutating func skip(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, bytes.first == ascii else { return false }
        bytes = bytes.dropFirst()
        return true
    }
}
