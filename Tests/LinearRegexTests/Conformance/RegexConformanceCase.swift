import Foundation

/// One `[[test]]` table of the rust-lang/regex suite, read from the JSON that
/// `scripts/convert-regex-conformance.py` wrote (Conformance/regex/data, see its NOTICE).
/// Field names and defaults follow the suite's own format description.
struct RegexConformanceCase: Sendable {
    /// The `regex` field: one pattern, or a list of patterns searched as a set.
    enum Patterns: Sendable, Equatable {
        case single(String)
        case set([String])

        var all: [String] {
            switch self {
            case .single(let pattern): [pattern]
            case .set(let patterns): patterns
            }
        }
    }

    /// One entry of `matches`.
    struct ExpectedMatch: Sendable, Equatable {
        /// The pattern that matched (always 0 for a single regex).
        var id: Int
        /// Group spans in bytes, group 0 first; `nil` for a group that did not take part.
        var groups: [Range<Int>?]
        /// `true` when the data lists a span for every group, `false` when it gives only the
        /// overall span (then only group 0 is compared).
        var listsGroups: Bool

        var span: Range<Int>? { groups.first ?? nil }
    }

    /// Data file name without `.json` (`fowler-basic`).
    var file: String
    var name: String
    var regex: Patterns
    /// The haystack as written; see `haystackBytes` for what is searched.
    var haystack: String
    var matches: [ExpectedMatch]
    var bounds: Range<Int>?
    var matchLimit: Int?
    var compiles: Bool
    var anchored: Bool
    var caseInsensitive: Bool
    var unescape: Bool
    var unicode: Bool
    var utf8: Bool
    var lineTerminator: String?
    var matchKind: String
    var searchKind: String

    var fullName: String { "\(file)/\(name)" }

    /// The bytes the test searches: the UTF-8 of `haystack`, or with `unescape` the
    /// haystack's escapes decoded first (which may give invalid UTF-8).
    var haystackBytes: [UInt8] {
        unescape ? Self.unescapedBytes(haystack) : Array(haystack.utf8)
    }

    /// Decodes `\xNN`, `\n`, `\r`, `\t`, `\0` and `\\`, as the suite's own loader does; any other
    /// backslash stays as it is. The data uses `\xNN`, `\n`, `\r` and `\\`.
    static func unescapedBytes(_ text: String) -> [UInt8] {
        let scalars = Array(text.unicodeScalars)
        var bytes: [UInt8] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count {
                let next = scalars[index + 1]
                let simple: UInt8? =
                    switch next {
                    case "\\": 0x5C
                    case "n": 0x0A
                    case "r": 0x0D
                    case "t": 0x09
                    case "0": 0x00
                    default: nil
                    }
                if let simple {
                    bytes.append(simple)
                    index += 2
                    continue
                }
                if next == "x", index + 3 < scalars.count,
                    let high = hexValue(scalars[index + 2]), let low = hexValue(scalars[index + 3])
                {
                    bytes.append(high << 4 | low)
                    index += 4
                    continue
                }
            }
            bytes.append(contentsOf: String(scalar).utf8)
            index += 1
        }
        return bytes
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar {
        case "0"..."9": UInt8(scalar.value - 0x30)
        case "a"..."f": UInt8(scalar.value - 0x61 + 10)
        case "A"..."F": UInt8(scalar.value - 0x41 + 10)
        default: nil
        }
    }
}

// MARK: Decoding

extension RegexConformanceCase: Decodable {
    private enum Key: String, CodingKey {
        case name, regex, haystack, matches, bounds, compiles, anchored, unescape, unicode, utf8
        case matchLimit = "match-limit"
        case caseInsensitive = "case-insensitive"
        case lineTerminator = "line-terminator"
        case matchKind = "match-kind"
        case searchKind = "search-kind"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        file = ""
        name = try container.decode(String.self, forKey: .name)
        if let list = try? container.decode([String].self, forKey: .regex) {
            regex = .set(list)
        } else {
            regex = .single(try container.decode(String.self, forKey: .regex))
        }
        haystack = try container.decode(String.self, forKey: .haystack)
        matches = try container.decode([ExpectedMatch].self, forKey: .matches)
        if let pair = try container.decodeIfPresent([Int].self, forKey: .bounds) {
            guard pair.count == 2, pair[0] <= pair[1] else {
                throw DecodingError.dataCorruptedError(
                    forKey: .bounds, in: container, debugDescription: "bounds must be [start, end]")
            }
            bounds = pair[0]..<pair[1]
        } else {
            bounds = nil
        }
        matchLimit = try container.decodeIfPresent(Int.self, forKey: .matchLimit)
        compiles = try container.decodeIfPresent(Bool.self, forKey: .compiles) ?? true
        anchored = try container.decodeIfPresent(Bool.self, forKey: .anchored) ?? false
        caseInsensitive = try container.decodeIfPresent(Bool.self, forKey: .caseInsensitive) ?? false
        unescape = try container.decodeIfPresent(Bool.self, forKey: .unescape) ?? false
        unicode = try container.decodeIfPresent(Bool.self, forKey: .unicode) ?? true
        utf8 = try container.decodeIfPresent(Bool.self, forKey: .utf8) ?? true
        lineTerminator = try container.decodeIfPresent(String.self, forKey: .lineTerminator)
        matchKind = try container.decodeIfPresent(String.self, forKey: .matchKind) ?? "leftmost-first"
        searchKind = try container.decodeIfPresent(String.self, forKey: .searchKind) ?? "leftmost"
    }
}

extension RegexConformanceCase.ExpectedMatch: Decodable {
    private enum Key: String, CodingKey {
        case id, span, spans
    }

    /// Accepts the four forms of the suite: `[s, e]`, `[[s, e], [], ...]`,
    /// `{id, span = [s, e]}` and `{id, spans = [[s, e], [], ...]}`.
    init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let pair = try? single.decode([Int].self) {
            self.init(id: 0, groups: [try Self.span(pair, decoder)], listsGroups: false)
        } else if let single = try? decoder.singleValueContainer(), let list = try? single.decode([[Int]].self) {
            self.init(id: 0, groups: try Self.groups(list, decoder), listsGroups: true)
        } else {
            let container = try decoder.container(keyedBy: Key.self)
            let id = try container.decode(Int.self, forKey: .id)
            if let list = try container.decodeIfPresent([[Int]].self, forKey: .spans) {
                self.init(id: id, groups: try Self.groups(list, decoder), listsGroups: true)
            } else {
                let pair = try container.decode([Int].self, forKey: .span)
                self.init(id: id, groups: [try Self.span(pair, decoder)], listsGroups: false)
            }
        }
        guard span != nil else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a match needs an overall span"))
        }
    }

    private static func span(_ pair: [Int], _ decoder: any Decoder) throws -> Range<Int> {
        guard pair.count == 2, pair[0] <= pair[1] else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "a span is [start, end], got \(pair)"))
        }
        return pair[0]..<pair[1]
    }

    private static func groups(_ list: [[Int]], _ decoder: any Decoder) throws -> [Range<Int>?] {
        try list.map { $0.isEmpty ? nil : try span($0, decoder) }
    }
}
