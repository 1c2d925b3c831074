// No Foundation: the calendar arithmetic is Timestamp's own, and IANA zone names are looked
// up in the system's zone files by TimeZoneDatabase.

extension Library {
    /// Timestamp and duration arithmetic that the operators leave out, and the calendar and
    /// clock accessors: `getFullYear`, `getMonth`, … on timestamps (in UTC, or in a time zone
    /// given by IANA name or fixed offset) and `getHours`, … on durations.
    static let time = Library(
        name: "time",
        functions: [
            Function(
                "_-_", doc: "The duration between two timestamps, or a timestamp moved back by a duration.",
                overloads: [
                    .global("subtract_timestamp_timestamp", [.timestamp, .timestamp], returns: .duration) { args in
                        guard case .timestamp(let a) = args[0], case .timestamp(let b) = args[1] else {
                            return .noSuchOverload
                        }
                        return CheckedArithmetic.duration(a.totalNanoseconds - b.totalNanoseconds)
                    },
                    .global("subtract_timestamp_duration", [.timestamp, .duration], returns: .timestamp) { args in
                        guard case .timestamp(let t) = args[0], case .duration(let d) = args[1] else {
                            return .noSuchOverload
                        }
                        return CheckedArithmetic.shift(t, by: -d.nanoseconds)
                    },
                ]),
            Clock.accessor("getFullYear", "timestamp_to_year", doc: "The year.") { $0.fields.year },
            Clock.accessor("getMonth", "timestamp_to_month", doc: "The month, from 0 (January) to 11.") {
                $0.fields.month - 1
            },
            Clock.accessor("getDayOfYear", "timestamp_to_day_of_year", doc: "The day of the year, from 0.") {
                $0.fields.dayOfYear
            },
            Clock.accessor("getDayOfMonth", "timestamp_to_day_of_month", doc: "The day of the month, from 0.") {
                $0.fields.day - 1
            },
            Clock.accessor("getDate", "timestamp_to_day_of_month_1_based", doc: "The day of the month, from 1.") {
                $0.fields.day
            },
            Clock.accessor("getDayOfWeek", "timestamp_to_day_of_week", doc: "The day of the week, from 0 (Sunday).") {
                $0.fields.dayOfWeek
            },
            Clock.accessor(
                "getHours", "timestamp_to_hours",
                doc: "The hour (0-23) of a timestamp, or the whole hours of a duration.",
                duration: ("duration_to_hours", { $0 / 3_600_000_000_000 })
            ) { $0.fields.hour },
            Clock.accessor(
                "getMinutes", "timestamp_to_minutes",
                doc: "The minute (0-59) of a timestamp, or the whole minutes of a duration.",
                duration: ("duration_to_minutes", { $0 / 60_000_000_000 })
            ) { $0.fields.minute },
            Clock.accessor(
                "getSeconds", "timestamp_to_seconds",
                doc: "The second (0-59) of a timestamp, or the whole seconds of a duration.",
                duration: ("duration_to_seconds", { $0 / 1_000_000_000 })
            ) { $0.fields.second },
            Clock.accessor(
                "getMilliseconds", "timestamp_to_milliseconds",
                doc: "The millisecond within the second (0-999), of a timestamp or a duration.",
                duration: ("duration_to_milliseconds", { $0 % 1_000_000_000 / 1_000_000 })
            ) { $0.nanos / 1_000_000 },
        ])
}

/// A timestamp seen in one time zone: its calendar fields there and its sub-second part.
private struct LocalTime {
    var fields: Timestamp.Fields
    var nanos: Int64
}

private enum Clock {
    /// A function with a timestamp overload (`id`), its time-zone form (`id_with_tz`), and
    /// optionally a duration overload that maps total nanoseconds to the result.
    static func accessor(
        _ name: String, _ id: String, doc: String,
        duration: (id: String, value: @Sendable (Int128) -> Int128)? = nil,
        _ value: @escaping @Sendable (LocalTime) -> Int64
    ) -> Function {
        var overloads: [Overload] = [
            .member(id, [.timestamp], returns: .int) { args in
                guard case .timestamp(let t) = args[0] else { return .noSuchOverload }
                return .int(value(local(t, offset: 0)))
            },
            .member(id + "_with_tz", [.timestamp, .string], returns: .int) { args in
                guard case .timestamp(let t) = args[0], case .string(let zone) = args[1] else {
                    return .noSuchOverload
                }
                guard let offset = offsetSeconds(zone: zone, at: t) else {
                    return .error("unknown time zone \"\(zone)\"")
                }
                return .int(value(local(t, offset: offset)))
            },
        ]
        if let duration {
            overloads.append(
                .member(duration.id, [.duration], returns: .int) { args in
                    guard case .duration(let d) = args[0] else { return .noSuchOverload }
                    // Every result is at most the duration's nanoseconds, which fit in an Int64.
                    return Int64(exactly: duration.value(d.nanoseconds)).map(Value.int) ?? .error("integer overflow")
                })
        }
        return Function(name, doc: doc, overloads: overloads)
    }

    static func local(_ timestamp: Timestamp, offset: Int64) -> LocalTime {
        LocalTime(fields: Timestamp.fields(unixSeconds: timestamp.seconds + offset), nanos: Int64(timestamp.nanos))
    }

    /// Seconds east of UTC for `UTC`, a fixed offset `±HH:MM` (the sign may be left out), or an
    /// IANA zone name such as `America/Los_Angeles` at the given moment; `nil` when unknown.
    static func offsetSeconds(zone: String, at timestamp: Timestamp) -> Int64? {
        if zone == "UTC" || zone == "Z" { return 0 }
        if zone.contains(":") { return fixedOffset(zone) }
        return TimeZoneDatabase.system.offsetSeconds(zone: zone, atUnixSeconds: timestamp.seconds)
    }

    private static func fixedOffset(_ text: String) -> Int64? {
        var body = Substring(text)
        var sign: Int64 = 1
        if body.first == "+" || body.first == "-" {
            sign = body.first == "-" ? -1 : 1
            body = body.dropFirst()
        }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0 >= "0" && $0 <= "9" } }),
            let hours = Int64(parts[0]), let minutes = Int64(parts[1]), hours < 24, minutes < 60
        else { return nil }
        return sign * (hours * 3_600 + minutes * 60)
    }
}
