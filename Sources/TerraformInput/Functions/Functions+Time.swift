extension Functions {
    /// `timeadd` and `timecmp` over RFC 3339 timestamps, as Terraform writes them
    /// (`2026-01-01T00:00:00Z`, `2026-01-01T09:30:00+05:30`). `timestamp()` is unknown until
    /// apply and lives with the other run-time functions.
    static let times: [BuiltinFunction] = [
        BuiltinFunction("timeadd", arguments: 2) { call in
            guard let time = Timestamp(rfc3339: try call.string(0)) else {
                throw call.error("\"\(try call.string(0))\" is not an RFC 3339 timestamp")
            }
            guard let nanoseconds = Timestamp.duration(try call.string(1)) else {
                throw call.error("\"\(try call.string(1))\" is not a duration such as \"1h30m\" or \"-8760h\"")
            }
            return .string(time.adding(nanoseconds: nanoseconds).rfc3339)
        },
        BuiltinFunction("timecmp", arguments: 2) { call in
            guard let left = Timestamp(rfc3339: try call.string(0)) else {
                throw call.error("\"\(try call.string(0))\" is not an RFC 3339 timestamp")
            }
            guard let right = Timestamp(rfc3339: try call.string(1)) else {
                throw call.error("\"\(try call.string(1))\" is not an RFC 3339 timestamp")
            }
            let order = (left.seconds, left.nanoseconds) < (right.seconds, right.nanoseconds) ? -1 : 0
            return .number(Double((left.seconds, left.nanoseconds) > (right.seconds, right.nanoseconds) ? 1 : order))
        },
    ]
}

/// An instant read from RFC 3339 text, with the offset it was written in, so `timeadd` answers in
/// the same offset as Terraform does.
struct Timestamp: Equatable {
    /// Seconds since 1970-01-01T00:00:00Z.
    var seconds: Int
    var nanoseconds: Int
    /// The written offset from UTC, in seconds (0 for `Z`).
    var offset: Int

    init(seconds: Int, nanoseconds: Int, offset: Int) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.offset = offset
    }

    /// `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`; `nil` for anything else or an impossible date.
    init?(rfc3339 text: String) {
        let bytes = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func byte(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }
        guard let year = digits(0, 4), byte(4) == 0x2D, let month = digits(5, 2), byte(7) == 0x2D,
            let day = digits(8, 2), let separator = byte(10), separator == 0x54 || separator == 0x74,
            let hour = digits(11, 2), byte(13) == 0x3A, let minute = digits(14, 2), byte(16) == 0x3A,
            let second = digits(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), hour < 24,
            minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction = 0
        if byte(index) == 0x2E {
            index += 1
            var scale = 100_000_000
            let start = index
            while let next = byte(index), next >= 0x30, next <= 0x39 {
                fraction += Int(next - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        var offset = 0
        switch byte(index) {
        case 0x5A?, 0x7A?:
            index += 1
        case let sign? where sign == 0x2B || sign == 0x2D:
            guard let hours = digits(index + 1, 2), byte(index + 3) == 0x3A, let minutes = digits(index + 4, 2),
                hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (sign == 0x2D ? -1 : 1)
            index += 6
        default:
            return nil
        }
        guard index == bytes.count else { return nil }
        let days = Self.daysFromEpoch(year: year, month: month, day: day)
        self.init(
            seconds: days * 86_400 + hour * 3600 + minute * 60 + second - offset, nanoseconds: fraction,
            offset: offset)
    }

    func adding(nanoseconds duration: Int) -> Timestamp {
        let total = nanoseconds + duration % 1_000_000_000
        let carry = total >= 1_000_000_000 ? 1 : total < 0 ? -1 : 0
        return Timestamp(
            seconds: seconds + duration / 1_000_000_000 + carry, nanoseconds: total - carry * 1_000_000_000,
            offset: offset)
    }

    /// RFC 3339 in the written offset, whole seconds (Go's `time.RFC3339` layout).
    var rfc3339: String {
        let local = seconds + offset
        let days = Int((Double(local) / 86_400).rounded(.down))
        let (year, month, day) = Self.civil(daysFromEpoch: days)
        let inDay = local - days * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let digits = String(year)
        var text = String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "-\(two(month))-\(two(day))T"
        text += "\(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))"
        if offset == 0 { return text + "Z" }
        let magnitude = abs(offset)
        return text + (offset < 0 ? "-" : "+") + "\(two(magnitude / 3600)):\(two(magnitude / 60 % 60))"
    }

    /// A Go duration (`300ms`, `-1.5h`, `2h45m`) in nanoseconds; `nil` for anything else.
    static func duration(_ text: String) -> Int? {
        var rest = Substring(text)
        var sign = 1.0
        if rest.first == "-" || rest.first == "+" {
            if rest.first == "-" { sign = -1 }
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { return nil }
        let units: [(String, Double)] = [
            ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
        ]
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let (unit, scale) = units.first(where: { rest.hasPrefix($0.0) && !rest.hasPrefix($0.0 + "s") })
            else { return nil }
            rest = rest.dropFirst(unit.count)
            total += value * scale
        }
        guard total < 9.2e18 else { return nil }
        return Int(sign * total)
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
    static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01.
    static func civil(daysFromEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
