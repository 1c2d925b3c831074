// Reads the IANA time-zone database straight from the system's compiled zone files
// (/usr/share/zoneinfo/<Name>, TZif format: RFC 8536, since revised as RFC 9636), so that
// named time zones need neither Foundation nor ICU.
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// UTC offsets of IANA time zones, from the TZif files of one zoneinfo directory.
///
/// A zone name is checked before any file is opened: only ASCII letters, digits and `_ + - /`,
/// at most 64 bytes, relative, with no empty, `.` or `..` component. A name that fails the
/// check, names no file, or names a file that is not a well-formed TZif file (or is larger
/// than 1 MiB) is an unknown zone. Parsed zones, known or not, are kept in a small cache.
final class TimeZoneDatabase: Sendable {
    /// The system database.
    static let system = TimeZoneDatabase(directory: "/usr/share/zoneinfo")

    static let maxNameLength = 64
    static let maxFileSize = 1 << 20

    let directory: String
    let capacity: Int

    private struct Cache {
        /// `nil` rules record a name known to be unknown, so it is not looked up again.
        var zones: [String: TimeZoneRules?] = [:]
        /// Names in the order they were cached, oldest first.
        var order: [String] = []
    }
    private let cache = Mutex(Cache())

    /// A database reading the zone files under `directory` (tests point this elsewhere).
    init(directory: String, capacity: Int = 64) {
        self.directory = directory
        self.capacity = max(capacity, 1)
    }

    /// Seconds east of UTC in the zone `name` at `unixSeconds`; `nil` when the zone is unknown.
    func offsetSeconds(zone name: String, atUnixSeconds unixSeconds: Int64) -> Int64? {
        rules(for: name)?.offsetSeconds(atUnixSeconds: unixSeconds)
    }

    /// The parsed rules of a zone, from the cache or else from its file.
    func rules(for name: String) -> TimeZoneRules? {
        if let cached = cache.withLock({ $0.zones[name] }) { return cached }
        guard Self.isValidName(name) else { return nil }
        // Read and parse outside the lock: other lookups need not wait on the file system.
        let rules = Self.readFile(directory + "/" + name).flatMap(TimeZoneRules.init(tzif:))
        cache.withLock { cache in
            guard cache.zones[name] == nil else { return }
            if cache.zones.count >= capacity {
                let dropped = max(capacity / 2, 1)
                for old in cache.order.prefix(dropped) { cache.zones[old] = nil }
                cache.order.removeFirst(min(dropped, cache.order.count))
            }
            cache.zones[name] = .some(rules)
            cache.order.append(name)
        }
        return rules
    }

    /// How many names (known or unknown) the cache holds.
    var cachedCount: Int { cache.withLock { $0.zones.count } }

    /// Whether `name` has the shape of an IANA zone name, so that it is safe to append to the
    /// directory path: it cannot climb out of the directory or name anything but a file path.
    static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= maxNameLength else { return false }
        let allowed = bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "+"), UInt8(ascii: "-"),
                UInt8(ascii: "/"):
                return true
            default:
                return false
            }
        }
        guard allowed else { return false }
        // Splitting without dropping empty pieces also catches a leading, trailing or doubled `/`.
        let components = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        return components.allSatisfy { component in
            !component.isEmpty && !component.elementsEqual("..".utf8) && !component.elementsEqual(".".utf8)
        }
    }

    /// The bytes of a regular file of at most `maxFileSize` bytes; `nil` for anything else.
    static func readFile(_ path: String) -> [UInt8]? {
        // O_NONBLOCK keeps a FIFO from stalling the open; fstat then turns it away.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
            status.st_size >= 0, status.st_size <= maxFileSize
        else { return nil }
        // Ask for one byte more than fstat reported, to notice a file that changed meanwhile.
        let size = Int(status.st_size)
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            filled += count
        }
        guard filled == size else { return nil }
        bytes.removeLast()
        return bytes
    }
}

/// The offsets of one zone: its transitions, and the footer rule that continues them.
struct TimeZoneRules: Sendable, Equatable {
    /// UTC instants (Unix seconds) at which the offset changes, strictly increasing.
    var transitions: [Int64]
    /// The offset in effect from each transition until the next.
    var offsets: [Int64]
    /// The offset before the first transition: that of time type 0.
    var initialOffset: Int64
    /// The rule for instants on or after the last transition (or for all instants when there
    /// are no transitions); `nil` when the file has none.
    var footer: PosixTimeZoneRule?

    func offsetSeconds(atUnixSeconds instant: Int64) -> Int64 {
        guard let first = transitions.first, let last = transitions.last else {
            return footer?.offsetSeconds(atUnixSeconds: instant) ?? initialOffset
        }
        if instant < first { return initialOffset }
        if instant >= last { return footer?.offsetSeconds(atUnixSeconds: instant) ?? offsets[offsets.count - 1] }
        // The last transition at or before the instant: transitions[low] <= instant < transitions[high].
        var low = 0
        var high = transitions.count - 1
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if transitions[middle] <= instant { low = middle } else { high = middle }
        }
        return offsets[low]
    }
}

extension TimeZoneRules {
    /// Parses a TZif file; `nil` when it is malformed in any way the lookup depends on.
    ///
    /// Version 1 files are read from their 32-bit data; later versions from the 64-bit data
    /// block that follows the second header, plus the footer. Files with leap-second records
    /// (the `right/` zones) are refused: their transition times are not POSIX times.
    init?(tzif bytes: [UInt8]) {
        var reader = TZifReader(bytes: bytes)
        guard let first = reader.header() else { return nil }
        if first.version == 0 {
            guard let block = reader.dataBlock(first, timeSize: 4) else { return nil }
            self.init(block, footer: nil)
            return
        }
        guard reader.skip(first.dataLength(timeSize: 4)), let second = reader.header(), second.version != 0,
            let block = reader.dataBlock(second, timeSize: 8), let footerText = reader.footer()
        else { return nil }
        var footer: PosixTimeZoneRule?
        if !footerText.isEmpty {
            guard let parsed = PosixTimeZoneRule(footerText) else { return nil }
            footer = parsed
        }
        self.init(block, footer: footer)
    }

    private init(_ block: TZifReader.DataBlock, footer: PosixTimeZoneRule?) {
        transitions = block.transitions
        offsets = block.transitionTypes.map { block.typeOffsets[Int($0)] }
        initialOffset = block.typeOffsets[0]
        self.footer = footer
    }
}

/// A cursor over the bytes of a TZif file that checks every length against what is left.
private struct TZifReader {
    struct Header {
        var version: UInt8
        var utIndicatorCount: Int
        var standardIndicatorCount: Int
        var leapCount: Int
        var transitionCount: Int
        var typeCount: Int
        var designationCount: Int

        /// Length of the data block that follows this header. Every count is below the file
        /// size (checked when read), so this cannot overflow.
        func dataLength(timeSize: Int) -> Int {
            transitionCount * timeSize + transitionCount + typeCount * 6 + designationCount
                + leapCount * (timeSize + 4) + standardIndicatorCount + utIndicatorCount
        }
    }

    struct DataBlock {
        var transitions: [Int64]
        var transitionTypes: [UInt8]
        var typeOffsets: [Int64]
    }

    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    var remaining: Int { bytes.count - position }

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, count <= remaining else { return false }
        position += count
        return true
    }

    /// A big-endian signed integer of `size` bytes (4 or 8). The caller has checked the length.
    mutating func integer(size: Int) -> Int64 {
        var value: UInt64 = 0
        for index in position..<position + size { value = value << 8 | UInt64(bytes[index]) }
        position += size
        // Sign-extend from the top bit of the field.
        let unused = UInt64(64 - size * 8)
        return Int64(bitPattern: value << unused) >> Int64(unused)
    }

    /// The 44-byte header: magic, version, 15 reserved bytes and six 32-bit counts.
    mutating func header() -> Header? {
        guard remaining >= 44, bytes[position..<position + 4].elementsEqual("TZif".utf8) else { return nil }
        let version = bytes[position + 4]
        guard version == 0 || version >= UInt8(ascii: "2") else { return nil }
        position += 20
        var counts: [Int] = []
        for _ in 0..<6 {
            let count = integer(size: 4)
            // A count read as negative is above 2^31; either way larger than any accepted file.
            guard count >= 0, count <= bytes.count else { return nil }
            counts.append(Int(count))
        }
        return Header(
            version: version, utIndicatorCount: counts[0], standardIndicatorCount: counts[1],
            leapCount: counts[2], transitionCount: counts[3], typeCount: counts[4], designationCount: counts[5])
    }

    /// The data block after `header`, checked as RFC 8536 requires for what the lookup uses.
    mutating func dataBlock(_ header: Header, timeSize: Int) -> DataBlock? {
        guard header.typeCount >= 1, header.designationCount >= 1, header.leapCount == 0,
            header.utIndicatorCount == 0 || header.utIndicatorCount == header.typeCount,
            header.standardIndicatorCount == 0 || header.standardIndicatorCount == header.typeCount,
            header.dataLength(timeSize: timeSize) <= remaining
        else { return nil }
        var transitions: [Int64] = []
        transitions.reserveCapacity(header.transitionCount)
        for _ in 0..<header.transitionCount {
            let time = integer(size: timeSize)
            if let previous = transitions.last, time <= previous { return nil }
            transitions.append(time)
        }
        let transitionTypes = Array(bytes[position..<position + header.transitionCount])
        position += header.transitionCount
        guard transitionTypes.allSatisfy({ Int($0) < header.typeCount }) else { return nil }
        var typeOffsets: [Int64] = []
        for _ in 0..<header.typeCount {
            let offset = integer(size: 4)
            let isDaylight = bytes[position]
            let designationIndex = Int(bytes[position + 1])
            position += 2
            // RFC 8536 forbids -2^31; real offsets lie within a day or so of UTC.
            guard offset > -(1 << 31), offset.magnitude < 2 * 86_400, isDaylight <= 1,
                designationIndex < header.designationCount
            else { return nil }
            typeOffsets.append(offset)
        }
        // Designations, leap seconds (none) and the indicators are not needed.
        position += header.designationCount + header.standardIndicatorCount + header.utIndicatorCount
        return DataBlock(transitions: transitions, transitionTypes: transitionTypes, typeOffsets: typeOffsets)
    }

    /// The footer of a version 2+ file: the text between a newline and the next one.
    mutating func footer() -> Substring? {
        guard remaining >= 2, bytes[position] == UInt8(ascii: "\n") else { return nil }
        let start = position + 1
        guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        position = end + 1
        let text = bytes[start..<end]
        // The rule is plain ASCII; anything else cannot parse, so refuse it here.
        guard text.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        return Substring(decoding: text, as: UTF8.self)
    }
}

/// A POSIX TZ rule as found in TZif footers, with the RFC 8536 extensions:
/// `std offset [dst [offset] [,start[/time],end[/time]]]`, where names are three or more
/// letters or `<…>`-quoted (letters, digits, `+`, `-`), offsets count hours *west* of UTC,
/// dates are `Jn` (1-365, never counting 29 February), `n` (0-365, counting it) or `Mm.w.d`
/// (weekday d of week w, 5 meaning the last, of month m), and transition times run from
/// -167 to 167 hours.
struct PosixTimeZoneRule: Sendable, Equatable {
    /// Seconds east of UTC in standard time.
    var standardOffset: Int64
    /// Daylight saving time, when the zone has it.
    var daylight: Daylight?

    struct Daylight: Sendable, Equatable {
        /// Seconds east of UTC while it is in effect.
        var offset: Int64
        var start: Change
        var end: Change
    }

    /// A yearly switch: a day of the year and a local time on it. The start is read in
    /// standard time and the end in daylight time.
    struct Change: Sendable, Equatable {
        var day: Day
        /// Seconds after local midnight; may be negative or exceed a day.
        var time: Int64
    }

    enum Day: Sendable, Equatable {
        /// 1 to 365, 29 February never counted.
        case julianSkippingLeapDay(Int64)
        /// 0 to 365, 29 February counted.
        case zeroBased(Int64)
        /// Month 1-12, week 1-5 (5 being the last), weekday 0 (Sunday) to 6.
        case monthWeekDay(month: Int64, week: Int64, weekday: Int64)
    }

    /// `nil` unless the whole text is a well-formed rule.
    init?(_ text: Substring) {
        var scanner = RuleScanner(text)
        guard scanner.name(), let standardWest = scanner.time(maxHours: 24, signed: true) else { return nil }
        standardOffset = -standardWest
        if scanner.isAtEnd {
            daylight = nil
            return
        }
        guard scanner.name() else { return nil }
        var daylightOffset = standardOffset + 3_600
        if !scanner.isAtEnd && scanner.peek != "," {
            guard let west = scanner.time(maxHours: 24, signed: true) else { return nil }
            daylightOffset = -west
        }
        let start: Change
        let end: Change
        if scanner.isAtEnd {
            // No dates given: POSIX leaves this to the implementation; the tz code uses the
            // United States rules of 2007.
            start = Change(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7_200)
            end = Change(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7_200)
        } else {
            guard scanner.take(","), let first = scanner.change(), scanner.take(","), let second = scanner.change(),
                scanner.isAtEnd
            else { return nil }
            start = first
            end = second
        }
        daylight = Daylight(offset: daylightOffset, start: start, end: end)
    }

    /// Seconds east of UTC at a UTC instant.
    func offsetSeconds(atUnixSeconds instant: Int64) -> Int64 {
        guard let daylight else { return standardOffset }
        // Far beyond any timestamp CEL allows; clamping keeps the calendar arithmetic in range.
        let limit: Int64 = 1 << 50
        let instant = min(max(instant, -limit), limit)
        let year = Timestamp.fields(unixSeconds: instant).year
        // The switches of the year around the instant and of the years either side: rule times
        // can move a switch up to a week into a neighbouring year. Where an end and a start
        // fall on the same instant (daylight time all year), the start is the later event.
        var events: [(instant: Int64, isDaylight: Bool)] = []
        for candidate in year - 1...year + 1 {
            events.append((utcInstant(of: daylight.end, year: candidate, offset: daylight.offset), false))
            events.append((utcInstant(of: daylight.start, year: candidate, offset: standardOffset), true))
        }
        events.sort { ($0.instant, $0.isDaylight ? 1 : 0) < ($1.instant, $1.isDaylight ? 1 : 0) }
        let isDaylight: Bool
        if let latest = events.last(where: { $0.instant <= instant }) {
            isDaylight = latest.isDaylight
        } else {
            isDaylight = !events[0].isDaylight
        }
        return isDaylight ? daylight.offset : standardOffset
    }

    /// When `change` happens in `year`, as a UTC instant, given the offset in effect before it.
    private func utcInstant(of change: Change, year: Int64, offset: Int64) -> Int64 {
        let newYear = Timestamp.daysSinceEpoch(year: year, month: 1, day: 1)
        let day: Int64
        switch change.day {
        case .julianSkippingLeapDay(let n):
            // Day 60 is always 1 March, so leap years skip one day from there on.
            day = newYear + n - 1 + (Timestamp.isLeapYear(year) && n >= 60 ? 1 : 0)
        case .zeroBased(let n):
            day = newYear + n
        case .monthWeekDay(let month, let week, let weekday):
            let first = Timestamp.daysSinceEpoch(year: year, month: month, day: 1)
            // 1970-01-01, day 0, was a Thursday (4).
            let firstWeekday = ((first % 7) + 7 + 4) % 7
            var candidate = first + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            let length = Timestamp.daysInMonth(year: year, month: month)
            while candidate >= first + length { candidate -= 7 }
            day = candidate
        }
        return day * 86_400 + change.time - offset
    }
}

/// Reads the pieces of a POSIX TZ rule from left to right.
private struct RuleScanner {
    let characters: [Character]
    var index = 0

    init(_ text: Substring) { characters = Array(text) }

    var isAtEnd: Bool { index == characters.count }
    var peek: Character? { isAtEnd ? nil : characters[index] }

    mutating func take(_ character: Character) -> Bool {
        guard peek == character else { return false }
        index += 1
        return true
    }

    /// A zone abbreviation: three or more ASCII letters, or `<` three or more ASCII letters,
    /// digits, `+` or `-` `>`. Only its shape matters here.
    mutating func name() -> Bool {
        if take("<") {
            let start = index
            while let character = peek, character.isASCII,
                character.isLetter || character.isNumber || "+-".contains(character)
            {
                index += 1
            }
            return index - start >= 3 && take(">")
        }
        let start = index
        while let character = peek, character.isASCII, character.isLetter { index += 1 }
        return index - start >= 3
    }

    /// An unsigned decimal number of one to three digits.
    mutating func number() -> Int64? {
        var value: Int64 = 0
        var digits = 0
        while let character = peek, let digit = character.wholeNumberValue, character.isASCII, digits < 3 {
            value = value * 10 + Int64(digit)
            digits += 1
            index += 1
        }
        return digits == 0 ? nil : value
    }

    /// `[+|-]hh[:mm[:ss]]` in seconds, with the hours at most `maxHours`.
    mutating func time(maxHours: Int64, signed: Bool) -> Int64? {
        var sign: Int64 = 1
        if signed && take("-") {
            sign = -1
        } else if signed {
            _ = take("+")
        }
        guard let hours = number(), hours <= maxHours else { return nil }
        var total = hours * 3_600
        for unit: Int64 in [60, 1] {
            guard take(":") else { break }
            guard let value = number(), value <= 59 else { return nil }
            total += value * unit
        }
        return sign * total
    }

    /// `date[/time]`, the time defaulting to 02:00.
    mutating func change() -> PosixTimeZoneRule.Change? {
        let day: PosixTimeZoneRule.Day
        if take("J") {
            guard let n = number(), (1...365).contains(n) else { return nil }
            day = .julianSkippingLeapDay(n)
        } else if take("M") {
            guard let month = number(), (1...12).contains(month), take("."), let week = number(),
                (1...5).contains(week), take("."), let weekday = number(), (0...6).contains(weekday)
            else { return nil }
            day = .monthWeekDay(month: month, week: week, weekday: weekday)
        } else {
            guard let n = number(), (0...365).contains(n) else { return nil }
            day = .zeroBased(n)
        }
        var time: Int64 = 7_200
        if take("/") {
            guard let parsed = self.time(maxHours: 167, signed: true) else { return nil }
            time = parsed
        }
        return PosixTimeZoneRule.Change(day: day, time: time)
    }
}
