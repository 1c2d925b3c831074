#!/usr/bin/env python3
"""Write LinearRegex's Unicode tables from the Unicode Character Database.

Usage:
    python3 scripts/generate-unicode-tables.py [UCD_DIR]

UCD_DIR defaults to /usr/share/unicode (Debian's `unicode-data` package puts the files there). The script reads
UnicodeData.txt, Scripts.txt, ScriptExtensions.txt, PropList.txt, DerivedCoreProperties.txt, emoji-data.txt (in
UCD_DIR/emoji or UCD_DIR itself), CaseFolding.txt, PropertyAliases.txt and PropertyValueAliases.txt, and rewrites

    Sources/LinearRegex/Unicode/UnicodeTables.swift
    Sources/LinearRegex/Unicode/CaseFolding.swift

relative to the repository root. It is run by hand when moving to a new Unicode version; its output is committed.
Only the Python 3 standard library is used.

Packed number format (shared by both Swift files): a number is written in base 32, most significant digit first,
with the 64-character alphabet 0-9 A-Z a-z - _ . Characters worth 0...31 carry the last digit of a number; characters
worth 32...63 carry a non-final digit (worth value - 32). Any other character (line breaks, indentation) is skipped.
"""

from __future__ import annotations

import argparse
import pathlib
import re
import sys
import textwrap

MAX_SCALAR = 0x10FFFF
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
WRAP = 112  # characters of packed data per line; with 8 spaces of indentation a line stays within 120 columns

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT_DIR = REPO_ROOT / "Sources" / "LinearRegex" / "Unicode"

Ranges = list[tuple[int, int]]


# ---------------------------------------------------------------------------------------------------------------------
# Reading the UCD


def data_fields(path: pathlib.Path):
    """Yield the ';'-separated, stripped fields of each data line, comments removed."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            if line:
                yield [field.strip() for field in line.split(";")]


def parse_code_points(text: str) -> tuple[int, int]:
    if ".." in text:
        low, high = text.split("..")
        return int(low, 16), int(high, 16)
    value = int(text, 16)
    return value, value


def file_version(path: pathlib.Path) -> str | None:
    """The version in a header line such as '# Scripts-15.0.0.txt'."""
    with path.open(encoding="utf-8") as handle:
        match = re.match(r"#\s*\S+-(\d+\.\d+\.\d+)\.txt", handle.readline())
    return match.group(1) if match else None


def find_file(ucd: pathlib.Path, name: str, subdirs: tuple[str, ...] = ()) -> pathlib.Path:
    for folder in (ucd, *(ucd / sub for sub in subdirs)):
        if (folder / name).is_file():
            return folder / name
    sys.exit(f"error: {name} not found under {ucd}")


# ---------------------------------------------------------------------------------------------------------------------
# Range arithmetic


def normalize(ranges) -> Ranges:
    """Sort, then merge overlapping and adjacent ranges."""
    merged: Ranges = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            if high > merged[-1][1]:
                merged[-1] = (merged[-1][0], high)
        else:
            merged.append((low, high))
    return merged


def union(*sets: Ranges) -> Ranges:
    return normalize(r for ranges in sets for r in ranges)


def complement(ranges: Ranges) -> Ranges:
    result: Ranges = []
    next_low = 0
    for low, high in ranges:
        if low > next_low:
            result.append((next_low, low - 1))
        next_low = high + 1
    if next_low <= MAX_SCALAR:
        result.append((next_low, MAX_SCALAR))
    return result


def subtract(ranges: Ranges, removed: Ranges) -> Ranges:
    return intersect(ranges, complement(removed))


def intersect(a: Ranges, b: Ranges) -> Ranges:
    result: Ranges = []
    i = j = 0
    while i < len(a) and j < len(b):
        low = max(a[i][0], b[j][0])
        high = min(a[i][1], b[j][1])
        if low <= high:
            result.append((low, high))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return result


def runs(values: list) -> dict[object, Ranges]:
    """Group a per-code-point list into ranges of equal values."""
    grouped: dict[object, Ranges] = {}
    start = 0
    for cp in range(1, len(values) + 1):
        if cp == len(values) or values[cp] != values[start]:
            grouped.setdefault(values[start], []).append((start, cp - 1))
            start = cp
    return grouped


# ---------------------------------------------------------------------------------------------------------------------
# Packing


def pack_number(value: int) -> str:
    assert value >= 0
    digits = []
    while True:
        digits.append(value & 31)
        value >>= 5
        if value == 0:
            break
    digits.reverse()
    return "".join(ALPHABET[32 + d] for d in digits[:-1]) + ALPHABET[digits[-1]]


def pack_ranges(ranges: Ranges) -> str:
    """Each range is two numbers: its distance from the lowest possible start, then its length minus one.

    The first range may start at 0; since ranges are merged, each later range starts at least two past the end of
    the previous one.
    """
    out = []
    lowest = 0
    for low, high in ranges:
        out.append(pack_number(low - lowest))
        out.append(pack_number(high - low))
        lowest = high + 2
    return "".join(out)


def unpack_ranges(text: str) -> Ranges:
    """The generator's own reading of `pack_ranges`, used to check the output round-trips."""
    numbers = []
    value = 0
    for ch in text:
        if ch not in ALPHABET:
            continue
        digit = ALPHABET.index(ch)
        if digit < 32:
            numbers.append(value << 5 | digit)
            value = 0
        else:
            value = value << 5 | (digit - 32)
    ranges = []
    lowest = 0
    for gap, length in zip(numbers[::2], numbers[1::2]):
        low = lowest + gap
        ranges.append((low, low + length))
        lowest = low + length + 2
    return ranges


def swift_string_argument(packed: str, indent: str, prefix_len: int) -> str:
    """A Swift string literal for `packed`: on one line if it fits, else a multi-line literal wrapped at WRAP."""
    if prefix_len + len(packed) + 4 <= 120:
        return f'"{packed}"'
    lines = [packed[i:i + WRAP] for i in range(0, len(packed), WRAP)]
    inner = indent + "    "
    return '"""\n' + "".join(inner + line + "\n" for line in lines) + inner + '"""'


def loose(name: str) -> str:
    """UAX #44 LM3 loose matching key, without the optional 'is' prefix handling."""
    return re.sub(r"[\s_\-]", "", name).lower()


def swift_identifier(prefix: str, name: str) -> str:
    return prefix + "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\s\-]+", name) if part)


# ---------------------------------------------------------------------------------------------------------------------
# Building the property tables


class Tables:
    """Distinct range tables, each with a Swift name, plus the names that select them."""

    def __init__(self) -> None:
        self.tables: list[tuple[str, str, Ranges]] = []  # (swift name, description, ranges)
        self.by_content: dict[tuple, int] = {}
        self.names: dict[str, dict[int, list[str]]] = {}  # namespace -> table id -> loose names

    def add(self, swift_name: str, description: str, ranges: Ranges) -> int:
        key = tuple(ranges)
        if key in self.by_content:
            table_id = self.by_content[key]
            name, old_description, _ = self.tables[table_id]
            self.tables[table_id] = (name, old_description + "; " + description, ranges)
            return table_id
        self.by_content[key] = len(self.tables)
        self.tables.append((swift_name, description, ranges))
        return len(self.tables) - 1

    def name(self, namespace: str, table_id: int, aliases) -> None:
        bucket = self.names.setdefault(namespace, {}).setdefault(table_id, [])
        for alias in aliases:
            key = loose(alias)
            if key not in bucket:
                bucket.append(key)


def build(ucd: pathlib.Path):
    paths = {
        "UnicodeData": find_file(ucd, "UnicodeData.txt"),
        "Scripts": find_file(ucd, "Scripts.txt"),
        "ScriptExtensions": find_file(ucd, "ScriptExtensions.txt"),
        "PropList": find_file(ucd, "PropList.txt"),
        "DerivedCoreProperties": find_file(ucd, "DerivedCoreProperties.txt"),
        "emoji-data": find_file(ucd, "emoji-data.txt", ("emoji",)),
        "CaseFolding": find_file(ucd, "CaseFolding.txt"),
        "PropertyAliases": find_file(ucd, "PropertyAliases.txt"),
        "PropertyValueAliases": find_file(ucd, "PropertyValueAliases.txt"),
    }
    versions = {name: file_version(path) for name, path in paths.items() if name not in ("UnicodeData", "emoji-data")}
    distinct = {v for v in versions.values() if v}
    if len(distinct) != 1:
        sys.exit(f"error: UCD files disagree on or lack a version: {versions}")
    version = distinct.pop()

    # Aliases.
    gc_aliases: dict[str, list[str]] = {}
    sc_aliases: dict[str, list[str]] = {}  # short code -> [short, long, others]
    for fields in data_fields(paths["PropertyValueAliases"]):
        if fields[0] == "gc":
            gc_aliases[fields[1]] = fields[1:]
        elif fields[0] == "sc":
            sc_aliases[fields[1]] = fields[1:]
    property_aliases: dict[str, list[str]] = {}  # long name -> all names
    for fields in data_fields(paths["PropertyAliases"]):
        property_aliases[fields[1]] = fields
    long_to_code = {aliases[1]: code for code, aliases in sc_aliases.items()}

    # General category.
    categories = ["Cn"] * (MAX_SCALAR + 1)
    range_start = None
    for fields in data_fields(paths["UnicodeData"]):
        cp, name, gc = int(fields[0], 16), fields[1], fields[2]
        if name.endswith(", First>"):
            range_start = cp
            continue
        if name.endswith(", Last>"):
            assert range_start is not None
            categories[range_start:cp + 1] = [gc] * (cp + 1 - range_start)
            range_start = None
            continue
        categories[cp] = gc
    by_category = runs(categories)

    # Scripts: code points not listed are Unknown (Zzzz).
    scripts = ["Zzzz"] * (MAX_SCALAR + 1)
    for fields in data_fields(paths["Scripts"]):
        low, high = parse_code_points(fields[0])
        scripts[low:high + 1] = [long_to_code[fields[1]]] * (high + 1 - low)
    by_script = runs(scripts)

    # Script extensions: listed code points take the listed set; all others take {Script}.
    listed: Ranges = []
    extension_ranges: dict[str, Ranges] = {}
    for fields in data_fields(paths["ScriptExtensions"]):
        low, high = parse_code_points(fields[0])
        listed.append((low, high))
        for code in fields[1].split():
            code = code if code in sc_aliases else long_to_code[code]
            extension_ranges.setdefault(code, []).append((low, high))
    listed = normalize(listed)
    by_extension = {
        code: union(subtract(by_script.get(code, []), listed), extension_ranges.get(code, []))
        for code in sc_aliases
    }

    # Binary properties.
    binary: dict[str, Ranges] = {}
    for key in ("PropList", "DerivedCoreProperties", "emoji-data"):
        for fields in data_fields(paths[key]):
            if len(fields) != 2:  # skip enumerated properties that share these files (e.g. InCB in later versions)
                continue
            binary.setdefault(fields[1], []).append(parse_code_points(fields[0]))
    binary = {name: normalize(ranges) for name, ranges in binary.items()}

    tables = Tables()
    everything = [(0, MAX_SCALAR)]
    tables.name("o", tables.add("anyScalar", "Any", everything), ["Any"])
    tables.name("o", tables.add("asciiScalars", "ASCII", [(0, 0x7F)]), ["ASCII"])
    assigned = complement(normalize(by_category.get("Cn", [])))
    tables.name("o", tables.add("assignedScalars", "Assigned", assigned), ["Assigned"])

    category_ranges: dict[str, Ranges] = {}
    for code, aliases in gc_aliases.items():
        if len(code) == 2 and code != "LC":
            ranges = normalize(by_category.get(code, []))
        else:
            members = [c for c in gc_aliases if len(c) == 2 and c != "LC" and c[0] == code[0]]
            if code == "LC":
                members = ["Lu", "Ll", "Lt"]
            ranges = union(*(by_category.get(c, []) for c in members))
        category_ranges[code] = ranges
        table_id = tables.add(swift_identifier("category", aliases[1]), f"gc={code}", ranges)
        tables.name("g", table_id, aliases)

    for code, aliases in sorted(sc_aliases.items(), key=lambda item: item[1][1]):
        table_id = tables.add(swift_identifier("script", aliases[1]), f"sc={code}", normalize(by_script.get(code, [])))
        tables.name("s", table_id, aliases)
    for code, aliases in sorted(sc_aliases.items(), key=lambda item: item[1][1]):
        table_id = tables.add(swift_identifier("extensions", aliases[1]), f"scx={code}", by_extension[code])
        tables.name("x", table_id, aliases)

    for name in sorted(binary):
        aliases = property_aliases.get(name)
        if aliases is None:
            sys.exit(f"error: binary property {name} has no entry in PropertyAliases.txt")
        table_id = tables.add(swift_identifier("property", name), name, binary[name])
        tables.name("b", table_id, aliases)

    # \w per UTS #18 annex C: Alphabetic, Mark, Decimal_Number, Connector_Punctuation, Join_Control.
    word = union(binary["Alphabetic"], category_ranges["M"], category_ranges["Nd"], category_ranges["Pc"],
                 binary["Join_Control"])
    ascii_word = [(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)]
    assert intersect(word, [(0, 0x7F)]) == ascii_word, "the ASCII fast path of isWordCharacter would be wrong"
    word_id = tables.add("wordCharacters", "perl \\w", word)
    digit_id = tables.by_content[tuple(category_ranges["Nd"])]
    space_id = tables.by_content[tuple(binary["White_Space"])]

    # Bare names are tried in the order o, g, s, b: report any name that two of those namespaces share.
    seen: dict[str, str] = {}
    for namespace in "ogsb":
        for names in tables.names.get(namespace, {}).values():
            for key in names:
                if key in seen and seen[key] != namespace:
                    print(f"note: bare name '{key}' is in both {seen[key]} and {namespace}; "
                          f"{seen[key]} wins", file=sys.stderr)
                seen.setdefault(key, namespace)

    folding = build_orbits(paths["CaseFolding"])
    return version, tables, (digit_id, space_id, word_id), folding


def build_orbits(path: pathlib.Path) -> list[list[int]]:
    """Equivalence classes of simple case folding (statuses C and S) with more than one member."""
    fold: dict[int, int] = {}
    for fields in data_fields(path):
        if fields[1] in ("C", "S"):
            fold[int(fields[0], 16)] = int(fields[2], 16)
    for target in fold.values():
        assert fold.get(target, target) == target, f"fold target {target:04X} does not fold to itself"
    classes: dict[int, set[int]] = {}
    for source, target in fold.items():
        classes.setdefault(target, {target}).add(source)
    return sorted(sorted(members) for members in classes.values())


# ---------------------------------------------------------------------------------------------------------------------
# Writing Swift


HEADER = """\
// swift-format-ignore-file
// Generated by scripts/generate-unicode-tables.py from the Unicode Character Database, version {version}.
// Do not edit by hand: change the generator and run it again.
"""

TABLES_TEMPLATE = '''\
{header}
/// Unicode property data for `\\p{{...}}`, `\\P{{...}}` and the Unicode-aware Perl classes `\\d`, `\\s` and `\\w`.
///
/// Every table is a sorted list of non-overlapping, non-adjacent scalar ranges. The generator packs each one into a
/// string literal (see `PackedNumbers`) and it is unpacked on first use into its own `static let`, so looking up one
/// name unpacks only the table it selects.
enum UnicodeTables {{
    /// Scalar ranges (sorted, non-overlapping, merged) for the name inside \\p{{...}} / \\P{{...}}, or nil if unknown.
    ///
    /// Accepts general categories by short or long name (`L`, `Letter`, `Lu`, `Uppercase_Letter`, `LC`, ...),
    /// scripts by long name or four-letter code (`Greek`, `Grek`, ...), `Any`, `ASCII`, `Assigned`, the binary
    /// properties of PropList.txt, DerivedCoreProperties.txt and emoji-data.txt by any of their aliases (`Alphabetic`,
    /// `Alpha`, `White_Space`, `Emoji`, ...), and the forms `gc=`/`General_Category=`, `sc=`/`Script=` and
    /// `scx=`/`Script_Extensions=` followed by a value; `:` may stand for `=`. A binary property may also be written
    /// `Name=Yes` (or `Y`, `T`, `True`) and `Name=No` (or `N`, `F`, `False`), the latter giving its complement.
    /// A bare name is tried as `Any`/`ASCII`/`Assigned`, then as a general category, a script, a binary property.
    /// Names are matched loosely (UAX #44 LM3): case, spaces, underscores and hyphens are ignored, and so is a
    /// leading "is".
    static func ranges(forProperty name: String) -> [ClosedRange<UInt32>]? {{
        if let separator = name.firstIndex(where: {{ $0 == "=" || $0 == ":" }}) {{
            return keyedRanges(key: name[..<separator], value: name[name.index(after: separator)...])
        }}
        for namespace in ["o", "g", "s", "b"] {{
            if let id = tableID(namespace, name) {{ return table(id) }}
        }}
        return nil
    }}

    /// `\\d` in Unicode mode: general category Nd.
    static var perlDigit: [ClosedRange<UInt32>] {{ {digit} }}

    /// `\\s` in Unicode mode: the White_Space property.
    static var perlSpace: [ClosedRange<UInt32>] {{ {space} }}

    /// `\\w` in Unicode mode (UTS #18 annex C): Alphabetic, Mark, Decimal_Number, Connector_Punctuation, Join_Control.
    static var perlWord: [ClosedRange<UInt32>] {{ wordCharacters }}

    /// Fast membership test for the Unicode `\\w` set (used for Unicode `\\b` at match time: binary search,
    /// no allocation).
    static func isWordCharacter(_ scalar: UInt32) -> Bool {{
        if scalar < 0x80 {{
            // In ASCII, Unicode \\w is exactly [0-9A-Za-z_].
            let lowered = scalar | 0x20
            return (lowered >= 0x61 && lowered <= 0x7A) || (scalar >= 0x30 && scalar <= 0x39) || scalar == 0x5F
        }}
        let table = wordCharacters
        var low = 0
        var high = table.count
        while low < high {{
            let mid = (low + high) / 2
            if table[mid].upperBound < scalar {{
                low = mid + 1
            }} else if table[mid].lowerBound > scalar {{
                high = mid
            }} else {{
                return true
            }}
        }}
        return false
    }}

    // MARK: - Name lookup

    /// `key=value` forms: general category, script, script extensions, or a binary property with a Yes/No value.
    private static func keyedRanges(key: Substring, value: Substring) -> [ClosedRange<UInt32>]? {{
        if let namespace = looseVariants(key).lazy.compactMap({{ keyNamespaces[$0] }}).first {{
            return tableID(namespace, value).map(table)
        }}
        guard let id = tableID("b", key) else {{ return nil }}
        switch looseVariants(value).first {{
        case "y", "yes", "t", "true": return table(id)
        case "n", "no", "f", "false": return complement(of: table(id))
        default: return nil
        }}
    }}

    /// Property names that take a value, by loose name, with the namespace of their values.
    private static let keyNamespaces: [String: String] = [
        "gc": "g", "generalcategory": "g", "sc": "s", "script": "s", "scx": "x", "scriptextensions": "x",
    ]

    /// The table a name selects in one namespace: "o" (Any, ASCII, Assigned), "g" (general categories),
    /// "s" (scripts), "x" (script extensions) or "b" (binary properties).
    private static func tableID(_ namespace: String, _ name: some StringProtocol) -> Int? {{
        for variant in looseVariants(name) {{
            if let id = tableIDs[namespace + ":" + variant] {{ return id }}
        }}
        return nil
    }}

    /// The UAX #44 LM3 loose form of `name`, followed by that form without a leading "is" when it has one.
    private static func looseVariants(_ name: some StringProtocol) -> [String] {{
        var loose = ""
        for scalar in name.unicodeScalars {{
            switch scalar {{
            case " ", "\\t", "\\n", "\\r", "_", "-": continue
            case "A"..."Z": loose.unicodeScalars.append(Unicode.Scalar(scalar.value + 0x20) ?? scalar)
            default: loose.unicodeScalars.append(scalar)
            }}
        }}
        return loose.hasPrefix("is") ? [loose, String(loose.dropFirst(2))] : [loose]
    }}

    private static func complement(of ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {{
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for range in ranges {{
            if range.lowerBound > next {{ result.append(next...(range.lowerBound - 1)) }}
            next = range.upperBound + 1
        }}
        if next <= 0x10FFFF {{ result.append(next...0x10FFFF) }}
        return result
    }}

    /// "namespace:loosename" to table number, unpacked from `packedNames` on first use.
    private static let tableIDs: [String: Int] = {{
        var ids: [String: Int] = [:]
        ids.reserveCapacity({name_count})
        var key: [UInt8] = []  // "<namespace>:" followed by the alias being read
        var id = 0
        var inID = false
        for byte in packedNames.utf8 {{
            switch byte {{
            case UInt8(ascii: "="):
                inID = false
            case UInt8(ascii: ","), UInt8(ascii: " "), UInt8(ascii: "\\n"):
                if key.count > 2 {{
                    ids[String(decoding: key, as: UTF8.self)] = id
                    key.removeSubrange(2...)
                }}
                if byte != UInt8(ascii: ",") {{ key.removeAll(keepingCapacity: true) }}
            case UInt8(ascii: "0")...UInt8(ascii: "9") where inID:
                id = id * 10 + Int(byte - UInt8(ascii: "0"))
            default:
                if key.isEmpty {{
                    key = [byte, UInt8(ascii: ":")]
                    id = 0
                    inID = true
                }} else {{
                    key.append(byte)
                }}
            }}
        }}
        if key.count > 2 {{ ids[String(decoding: key, as: UTF8.self)] = id }}
        return ids
    }}()

    /// Entries `<namespace><table>=<loose name>,<loose name>...`, separated by spaces and line breaks.
    private static let packedNames = """
{names}
        """

    // MARK: - Unpacking

    /// Reads the numbers of a packed table: base 32, most significant digit first, alphabet `0-9A-Za-z-_`. Characters
    /// worth 0...31 end a number; characters worth 32...63 hold a non-final digit (their worth minus 32). Other
    /// characters, such as the line breaks and indentation of a multi-line literal, are skipped.
    struct PackedNumbers: IteratorProtocol {{
        private var bytes: String.UTF8View.Iterator

        init(_ text: String) {{ bytes = text.utf8.makeIterator() }}

        mutating func next() -> UInt32? {{
            var value: UInt32 = 0
            while let byte = bytes.next() {{
                let digit: UInt32
                switch byte {{
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte) - 0x30
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = UInt32(byte) - 0x41 + 10
                case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = UInt32(byte) - 0x61 + 36
                case UInt8(ascii: "-"): digit = 62
                case UInt8(ascii: "_"): digit = 63
                default: continue
                }}
                if digit < 32 {{ return value << 5 | digit }}
                value = value << 5 | (digit - 32)
            }}
            return nil
        }}
    }}

    /// Unpacks a range table. Each range is two numbers: how far it starts past the lowest start it could have
    /// (0 for the first range, two past the previous range's end for the others, since ranges are merged), then its
    /// length minus one.
    static func unpack(_ text: String) -> [ClosedRange<UInt32>] {{
        var ranges: [ClosedRange<UInt32>] = []
        var numbers = PackedNumbers(text)
        var lowest: UInt32 = 0
        while let gap = numbers.next(), let length = numbers.next() {{
            let (start, startOverflow) = lowest.addingReportingOverflow(gap)
            let (end, endOverflow) = start.addingReportingOverflow(length)
            guard !startOverflow, !endOverflow, end <= 0x10FFFF else {{ break }}
            ranges.append(start...end)
            lowest = end + 2
        }}
        return ranges
    }}

    // MARK: - Tables

    private static func table(_ id: Int) -> [ClosedRange<UInt32>] {{
        switch id {{
{cases}
        default: return []
        }}
    }}
{tables}}}
'''

FOLDING_TEMPLATE = '''\
{header}
/// Simple case folding (CaseFolding.txt statuses C and S) as equivalence classes, or "orbits": two scalars are in the
/// same orbit when they fold to the same scalar. Only scalars in orbits of two or more are stored.
enum CaseFolding {{
    /// Every scalar that Unicode simple case folding (CaseFolding.txt statuses C and S) puts in the same equivalence
    /// class ("orbit") as `scalar`, sorted, including `scalar` itself; [scalar] if it folds with nothing.
    static func orbit(of scalar: UInt32) -> [UInt32] {{
        let table = orbitTable
        guard let start = table.index(of: scalar) else {{ return [scalar] }}
        var members: [UInt32] = []
        var index = start
        repeat {{
            members.append(table.members[index])
            index = table.successors[index]
        }} while index != start
        members.sort()
        return members
    }}

    /// Calls `body` for every scalar in the orbit of every scalar in `range`. Each orbit that meets `range` is reported
    /// once, with all of its members, some of which may lie inside `range`; scalars that fold with nothing are not
    /// reported. Only the stored entries inside `range` are visited, so the cost does not depend on the range's size.
    static func forEachOrbitMember(in range: ClosedRange<UInt32>, _ body: (UInt32) -> Void) {{
        let table = orbitTable
        var index = table.firstIndex(atLeast: range.lowerBound)
        while index < table.members.count, table.members[index] <= range.upperBound {{
            let scalar = table.members[index]
            // Report the orbit only from its smallest member inside the range.
            var isFirstInRange = true
            var other = table.successors[index]
            while other != index {{
                let member = table.members[other]
                if member < scalar && member >= range.lowerBound {{
                    isFirstInRange = false
                    break
                }}
                other = table.successors[other]
            }}
            if isFirstInRange {{
                var member = index
                repeat {{
                    body(table.members[member])
                    member = table.successors[member]
                }} while member != index
            }}
            index += 1
        }}
    }}

    // MARK: - Table

    /// The stored scalars in ascending order; `successors[i]` is the index of the next member of `members[i]`'s orbit,
    /// the largest member leading back to the smallest.
    private struct OrbitTable {{
        var members: [UInt32] = []
        var successors: [Int] = []

        func firstIndex(atLeast scalar: UInt32) -> Int {{
            var low = 0
            var high = members.count
            while low < high {{
                let mid = (low + high) / 2
                if members[mid] < scalar {{
                    low = mid + 1
                }} else {{
                    high = mid
                }}
            }}
            return low
        }}

        func index(of scalar: UInt32) -> Int? {{
            let index = firstIndex(atLeast: scalar)
            return index < members.count && members[index] == scalar ? index : nil
        }}
    }}

    private static let orbitTable: OrbitTable = {{
        // One entry per stored scalar, in ascending order: the scalar's distance from the previous one (from 0 for
        // the first), then the offset from its own index to its successor's, zigzag-encoded (2n for n >= 0, -2n-1
        // for n < 0).
        var table = OrbitTable()
        var numbers = UnicodeTables.PackedNumbers(packedOrbits)
        var scalar: UInt32 = 0
        while let gap = numbers.next(), let offset = numbers.next() {{
            scalar &+= gap
            let index = table.members.count
            let distance = Int(offset >> 1)
            table.members.append(scalar)
            table.successors.append(offset & 1 == 0 ? index + distance : index - distance - 1)
        }}
        // A malformed successor would make the orbit walks run wild: fall back to no orbits at all.
        guard table.successors.allSatisfy({{ table.members.indices.contains($0) }}) else {{ return OrbitTable() }}
        return table
    }}()

    /// {orbit_count} orbits, {member_count} scalars.
    private static let packedOrbits = {orbits}
}}
'''


def render_tables(version: str, tables: Tables, perl_ids: tuple[int, int, int]) -> str:
    names_lines = []
    for namespace in "ogsxb":
        for table_id, aliases in tables.names.get(namespace, {}).items():
            names_lines.append(f"{namespace}{table_id}={','.join(aliases)}")
    # Wrap the name entries into lines of at most 120 columns (8 columns of indentation).
    wrapped: list[str] = []
    for entry in names_lines:
        if wrapped and len(wrapped[-1]) + 1 + len(entry) <= WRAP:
            wrapped[-1] += " " + entry
        else:
            wrapped.append(entry)
    names = "\n".join("        " + line for line in wrapped)

    cases = []
    decls = []
    for table_id, (swift_name, description, ranges) in enumerate(tables.tables):
        cases.append(f"        case {table_id}: return {swift_name}")
        prefix = f"    private static let {swift_name}: [ClosedRange<UInt32>] = unpack("
        packed = pack_ranges(ranges)
        assert unpack_ranges(packed) == ranges
        literal = swift_string_argument(packed, "    ", len(prefix))
        scalars = sum(high - low + 1 for low, high in ranges)
        summary = f"{len(ranges)} range{'' if len(ranges) == 1 else 's'}, {scalars} scalar{'' if scalars == 1 else 's'}"
        doc = textwrap.wrap(f"{description} ({summary}).", 120 - 8)
        decls.append("\n" + "".join(f"    /// {line}\n" for line in doc) + f"{prefix}{literal})\n")
    digit, space, _ = perl_ids
    return TABLES_TEMPLATE.format(
        header=HEADER.format(version=version),
        digit=tables.tables[digit][0],
        space=tables.tables[space][0],
        names=names,
        name_count=sum(len(a) for m in tables.names.values() for a in m.values()),
        cases="\n".join(cases),
        tables="".join(decls),
    )


def render_folding(version: str, orbits: list[list[int]]) -> str:
    members = sorted(m for orbit in orbits for m in orbit)
    index_of = {m: i for i, m in enumerate(members)}
    successor = {}
    for orbit in orbits:
        for k, m in enumerate(orbit):
            successor[m] = orbit[(k + 1) % len(orbit)]
    out = []
    previous = 0
    for i, m in enumerate(members):
        offset = index_of[successor[m]] - i
        out.append(pack_number(m - previous))
        out.append(pack_number(2 * offset if offset >= 0 else -2 * offset - 1))
        previous = m
    packed = "".join(out)
    prefix = "    private static let packedOrbits = "
    return FOLDING_TEMPLATE.format(
        header=HEADER.format(version=version),
        orbit_count=len(orbits),
        member_count=len(members),
        orbits=swift_string_argument(packed, "    ", len(prefix)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ucd", nargs="?", default="/usr/share/unicode", help="UCD directory")
    args = parser.parse_args()
    ucd = pathlib.Path(args.ucd)
    version, tables, perl_ids, orbits = build(ucd)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "UnicodeTables.swift").write_text(render_tables(version, tables, perl_ids), encoding="utf-8")
    (OUT_DIR / "CaseFolding.swift").write_text(render_folding(version, orbits), encoding="utf-8")
    print(f"Unicode {version}: {len(tables.tables)} tables, {len(orbits)} case-folding orbits written to {OUT_DIR}")


if __name__ == "__main__":
    main()
