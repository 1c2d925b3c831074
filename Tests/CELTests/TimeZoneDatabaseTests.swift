// Foundation is the oracle here only: the CEL module itself reads the zone files without it.
import Foundation
import Testing

@testable import CEL

@Suite struct TimeZoneDatabaseTests {
    /// Zones chosen for their awkward corners: half- and quarter-hour offsets, 30-minute DST
    /// (Lord Howe), negative DST (Dublin, Casablanca), southern-hemisphere rules, rule times
    /// past 24:00 or below 0:00 (Jerusalem, Nuuk, Santiago, Cairo), a two-hour DST (Troll),
    /// a date-line jump (Apia), and zones with no transitions at all.
    static let zones = [
        "America/Los_Angeles", "America/New_York", "Europe/London", "Europe/Berlin", "Asia/Kolkata",
        "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns", "Africa/Casablanca",
        "Asia/Tehran", "America/Sao_Paulo", "Antarctica/Troll", "Pacific/Apia", "UTC", "Etc/GMT+5",
        "Etc/GMT-14", "Europe/Dublin", "Asia/Jerusalem", "America/Nuuk", "America/Santiago", "Pacific/Easter",
        "Africa/Cairo", "America/Havana", "Asia/Gaza", "Australia/Adelaide", "Pacific/Auckland",
        "Pacific/Kiritimati", "Europe/Moscow", "America/Adak", "US/Central", "Asia/Tokyo", "Pacific/Norfolk",
    ]

    /// 1900-01-01T00:00:00Z and 2100-12-31T23:59:59Z.
    static let firstInstant: Int64 = -2_208_988_800
    static let lastInstant: Int64 = 4_133_980_799

    /// Instants spread over 1900-2100: the first and last second of every year, and one
    /// moment in every month whose day and time of day wander from year to year.
    static let sampleInstants: [Int64] = {
        var instants: [Int64] = []
        for year in Int64(1900)...2100 {
            let newYear = Timestamp.daysSinceEpoch(year: year, month: 1, day: 1) * 86_400
            instants.append(newYear)
            instants.append(newYear - 1)
            for month in Int64(1)...12 {
                let day = 1 + (year * 7 + month * 3) % Timestamp.daysInMonth(year: year, month: month)
                let second = (year * 3_607 + month * 7_919) % 86_400
                instants.append(Timestamp.daysSinceEpoch(year: year, month: month, day: day) * 86_400 + second)
            }
        }
        return instants.filter { $0 >= firstInstant && $0 <= lastInstant }
    }()

    static func foundationOffset(_ zone: TimeZone, _ instant: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }

    @Test(arguments: zones)
    func matchesFoundation(zone: String) throws {
        let reference = try #require(TimeZone(identifier: zone))
        let rules = try #require(TimeZoneDatabase.system.rules(for: zone))
        var instants = Self.sampleInstants
        // Around every transition Foundation reports, and every one in the file: the second
        // before, the second itself and the one after, and an hour either side.
        var transitions = rules.transitions.filter { $0 >= Self.firstInstant && $0 <= Self.lastInstant }
        var cursor = Date(timeIntervalSince1970: TimeInterval(Self.firstInstant))
        while let next = reference.nextDaylightSavingTimeTransition(after: cursor),
            next.timeIntervalSince1970 <= TimeInterval(Self.lastInstant)
        {
            transitions.append(Int64(next.timeIntervalSince1970.rounded(.down)))
            cursor = next
        }
        for transition in transitions {
            instants += [transition - 3_600, transition - 1, transition, transition + 1, transition + 3_600]
        }
        var mismatches: [String] = []
        for instant in instants {
            let expected = Self.foundationOffset(reference, instant)
            let actual = TimeZoneDatabase.system.offsetSeconds(zone: zone, atUnixSeconds: instant)
            if actual != expected {
                mismatches.append("at \(instant): file \(actual.map(String.init) ?? "nil"), Foundation \(expected)")
            }
        }
        #expect(instants.count > Self.sampleInstants.count || rules.transitions.isEmpty)
        #expect(mismatches.isEmpty, "\(zone): \(mismatches.count) of \(instants.count) differ: \(mismatches.prefix(5))")
    }

    @Test func knownOffsets() throws {
        // 2024-07-01T12:00:00Z is 05:00 in Los Angeles (PDT) and 17:45 in Kathmandu.
        let moment = try #require(Timestamp(seconds: 1_719_835_200, nanos: 0))
        let database = TimeZoneDatabase.system
        #expect(database.offsetSeconds(zone: "America/Los_Angeles", atUnixSeconds: moment.seconds) == -25_200)
        #expect(database.offsetSeconds(zone: "Asia/Kathmandu", atUnixSeconds: moment.seconds) == 20_700)
    }

    @Test(arguments: [
        "", "../etc/passwd", "/etc/passwd", "America/../../etc/passwd", "..", ".", "./UTC", "America//New_York",
        "America/New_York/", "America/Los Angeles", "Europe/London\u{0}", "Europe/Zürich", "UTC.", "~root",
        String(repeating: "A", count: 65), "Mars/Olympus", "America", "zone.tab", "tzdata.zi", "right/UTC",
    ])
    func rejectsBadOrUnknownNames(name: String) {
        #expect(TimeZoneDatabase.system.offsetSeconds(zone: name, atUnixSeconds: 0) == nil)
    }

    @Test func nameValidation() {
        #expect(TimeZoneDatabase.isValidName("America/Argentina/Buenos_Aires"))
        #expect(TimeZoneDatabase.isValidName("Etc/GMT+5"))
        #expect(TimeZoneDatabase.isValidName("America/Port-au-Prince"))
        #expect(TimeZoneDatabase.isValidName(String(repeating: "A", count: 64)))
        #expect(!TimeZoneDatabase.isValidName(String(repeating: "A", count: 65)))
        #expect(!TimeZoneDatabase.isValidName("../etc/passwd"))
        #expect(!TimeZoneDatabase.isValidName("/etc/passwd"))
        #expect(!TimeZoneDatabase.isValidName(""))
        #expect(!TimeZoneDatabase.isValidName("a/../b"))
    }

    /// A scratch zoneinfo directory holding one real zone file and several broken ones.
    static func scratchDatabase() throws -> (TimeZoneDatabase, URL) {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("palisade-tz-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let real = try Data(contentsOf: URL(fileURLWithPath: "/usr/share/zoneinfo/America/Los_Angeles"))
        func write(_ name: String, _ bytes: Data) throws {
            try bytes.write(to: directory.appendingPathComponent(name))
        }
        try write("Copy", real)
        try write("Garbage", Data((0..<4_096).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }))
        try write("Empty", Data())
        try write("MagicOnly", Data("TZif2".utf8))
        try write("Truncated", real.prefix(real.count / 2))
        try write("NoFooterEnd", real.dropLast())
        // A valid-looking header whose transition count promises far more data than follows.
        var huge = Data(real.prefix(44))
        huge.replaceSubrange(32..<36, with: [0x7F, 0xFF, 0xFF, 0xFF])
        try write("HugeCounts", huge + real.dropFirst(44))
        var badFooter = Data(real.dropLast())
        badFooter.removeLast(7)
        try write("BadFooter", badFooter + Data("M13.1.0\n".utf8))
        try write("TooLarge", real + Data(count: TimeZoneDatabase.maxFileSize))
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("Folder"), withIntermediateDirectories: true)
        return (TimeZoneDatabase(directory: directory.path, capacity: 4), directory)
    }

    @Test func malformedFilesAreUnknownZones() throws {
        let (database, directory) = try Self.scratchDatabase()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The intact copy reads, so the failures below are about the files' contents.
        #expect(database.offsetSeconds(zone: "Copy", atUnixSeconds: 1_719_835_200) == -25_200)
        let broken = [
            "Garbage", "Empty", "MagicOnly", "Truncated", "NoFooterEnd", "HugeCounts", "BadFooter", "TooLarge",
            "Folder", "Missing",
        ]
        for name in broken {
            #expect(database.offsetSeconds(zone: name, atUnixSeconds: 0) == nil, "\(name)")
        }
        #expect(database.cachedCount <= 4)
    }

    @Test func damagedBytesNeverCrash() throws {
        let real = try Data(contentsOf: URL(fileURLWithPath: "/usr/share/zoneinfo/Australia/Lord_Howe"))
        let bytes = [UInt8](real)
        let probes: [Int64] = [Int64.min, -2_208_988_800, 0, 1_719_835_200, 4_133_980_799, Int64.max]
        func exercise(_ candidate: [UInt8]) {
            guard let rules = TimeZoneRules(tzif: candidate) else { return }
            for instant in probes { _ = rules.offsetSeconds(atUnixSeconds: instant) }
        }
        for length in 0..<bytes.count { exercise(Array(bytes.prefix(length))) }
        for index in bytes.indices {
            for value: UInt8 in [0x00, 0x7F, 0xFF] {
                var damaged = bytes
                damaged[index] = value
                exercise(damaged)
            }
        }
        #expect(TimeZoneRules(tzif: bytes) != nil)
        #expect(TimeZoneRules(tzif: Array(bytes.dropLast())) == nil)
    }

    @Test func footerRules() throws {
        func offset(_ rule: String, _ iso: String) throws -> Int64 {
            let parsed = try #require(PosixTimeZoneRule(Substring(rule)), "\(rule)")
            guard case .valid(let timestamp) = Timestamp.parse(iso) else {
                Issue.record("bad timestamp \(iso)")
                return 0
            }
            return parsed.offsetSeconds(atUnixSeconds: timestamp.seconds)
        }
        // Daylight saving time all year: January 1 00:00 to December 31 25:00.
        #expect(try offset("EST5EDT4,0/0,J365/25", "2023-06-01T00:00:00Z") == -14_400)
        #expect(try offset("EST5EDT4,0/0,J365/25", "2024-01-01T04:30:00Z") == -14_400)
        #expect(try offset("EST5EDT4,0/0,J365/25", "2024-12-31T23:59:59Z") == -14_400)
        // Negative DST (Irish standard time is the summer one).
        #expect(try offset("IST-1GMT0,M10.5.0,M3.5.0/1", "2024-07-01T00:00:00Z") == 3_600)
        #expect(try offset("IST-1GMT0,M10.5.0,M3.5.0/1", "2024-01-01T00:00:00Z") == 0)
        // A negative rule time: 2024-03-30 23:00 local (-02) is 2024-03-31T01:00:00Z.
        #expect(try offset("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "2024-03-31T00:59:59Z") == -7_200)
        #expect(try offset("<-02>2<-01>,M3.5.0/-1,M10.5.0/0", "2024-03-31T01:00:00Z") == -3_600)
        // Julian days skip 29 February: J60 is 1 March even in a leap year; day 59 (0-based) is not.
        #expect(try offset("AAA0BBB-1,J60/0,J300/0", "2024-02-29T23:59:59Z") == 0)
        #expect(try offset("AAA0BBB-1,J60/0,J300/0", "2024-03-01T00:00:00Z") == 3_600)
        #expect(try offset("AAA0BBB-1,59/0,300/0", "2024-02-29T00:00:00Z") == 3_600)
        // No dates: the default United States rules.
        #expect(try offset("EST5EDT", "2024-07-01T00:00:00Z") == -14_400)
        #expect(try offset("<+0545>-5:45", "2024-07-01T00:00:00Z") == 20_700)
        for bad in [
            "", "ES5", "EST", "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.6.0,M11.1.0", "EST5EDT,J0,J365", "EST5EDT,0,366",
            "<+03-3", "<+3>-3", "EST25", "EST5EDT,M3.2.0/168,M11.1.0", "EST5:60", "EST5EDT,M3.2.0", "EST5 ", "EST5EDT,",
        ] {
            #expect(PosixTimeZoneRule(Substring(bad)) == nil, "\(bad)")
        }
    }
}
