import Testing

@testable import CEL

/// Unknown values (the specification's partial evaluation): a result that depends on one is
/// unknown, one that does not is computed as usual.
struct UnknownValueTests {
    static func map(_ entries: [(String, Value)]) -> Value {
        var map = MapValue()
        for (key, value) in entries { map.set(.string(key), value) }
        return .map(map)
    }

    static let resource = map([
        ("acl", .unknown), ("name", .string("logs")),
        ("rules", .list([map([("cidr", .unknown)]), map([("cidr", .string("10.0.0.0/8"))])])),
    ])

    static let cases: [(String, Value)] = [
        ("r.acl == 'private'", .unknown),
        ("r.acl.startsWith('pub')", .unknown),
        ("!(r.acl == 'public-read')", .unknown),
        ("has(r.acl)", .bool(true)),
        ("has(r.versioning)", .bool(false)),
        ("r.name == 'other' && r.acl == 'private'", .bool(false)),
        ("r.acl == 'private' && r.name == 'other'", .bool(false)),
        ("r.name == 'logs' || r.acl == 'private'", .bool(true)),
        ("r.name == 'logs' && r.acl == 'private'", .unknown),
        ("r.acl == 'x' ? 1 : 2", .unknown),
        ("r.rules.all(x, x.cidr != '0.0.0.0/0')", .unknown),
        ("r.rules.exists(x, x.cidr == '10.0.0.0/8')", .bool(true)),
        ("r.rules.exists(x, x.cidr == '0.0.0.0/0')", .unknown),
        ("r.rules.all(x, x.cidr == '192.168.0.0/16')", .bool(false)),
        ("size(r.rules)", .int(2)),
        ("'private' in [r.acl]", .unknown),
        ("r.acl in ['private']", .unknown),
        ("r.acl[0]", .unknown),
        ("r.acl.field", .unknown),
    ]

    @Test(arguments: cases)
    func unknownPropagatesOnlyWhereTheResultDependsOnIt(source: String, expected: Value) throws {
        let result = try CELEvaluationTests.evaluate(source, ["r": Self.resource])
        #expect(result.description == expected.description, "\(source)")
    }
}
