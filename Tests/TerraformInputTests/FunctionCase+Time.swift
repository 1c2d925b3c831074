@testable import TerraformInput

extension FunctionCase {
    /// Expected values worked out by hand from the calendar (and Terraform's documented examples).
    static let timeCases: [FunctionCase] = [
        call("timeadd", [s("2017-11-22T00:00:00Z"), s("10m")], s("2017-11-22T00:10:00Z")),
        call("timeadd", [s("2026-01-01T00:00:00Z"), s("8760h")], s("2027-01-01T00:00:00Z")),
        call("timeadd", [s("2024-01-01T00:00:00Z"), s("8760h")], s("2024-12-31T00:00:00Z")),
        call("timeadd", [s("2024-03-01T00:00:00Z"), s("-24h")], s("2024-02-29T00:00:00Z")),
        call("timeadd", [s("2026-06-30T23:30:00+05:30"), s("1h30m")], s("2026-07-01T01:00:00+05:30")),
        call("timeadd", [s("1970-01-01T00:00:00Z"), s("-1.5s")], s("1969-12-31T23:59:58Z")),
        call("timeadd", [s("2026-01-01T00:00:00.75Z"), s("500ms")], s("2026-01-01T00:00:01Z")),
        fails(
            "timeadd", [s("2026-02-30T00:00:00Z"), s("1h")],
            "timeadd: \"2026-02-30T00:00:00Z\" is not an RFC 3339 timestamp"),
        fails("timeadd", [s("2026-01-01"), s("1h")], "timeadd: \"2026-01-01\" is not an RFC 3339 timestamp"),
        fails(
            "timeadd", [s("2026-01-01T00:00:00Z"), s("1d")],
            "timeadd: \"1d\" is not a duration such as \"1h30m\" or \"-8760h\""),
        call("timecmp", [s("2017-11-22T00:00:00Z"), s("2017-11-22T00:00:00Z")], n(0)),
        call("timecmp", [s("2017-11-22T00:00:00Z"), s("2017-11-22T01:00:00Z")], n(-1)),
        call("timecmp", [s("2017-11-22T01:00:00Z"), s("2017-11-22T00:00:00Z")], n(1)),
        call("timecmp", [s("2017-11-22T01:00:00Z"), s("2017-11-22T00:00:00-01:00")], n(0)),
        call("timeadd", [.unknown, s("1h")], .unknown),
    ]
}
