#!/usr/bin/env python3
"""Convert the rust-lang/regex TOML test suite into JSON for LinearRegexTests.

Usage:
    scripts/convert-regex-conformance.py [SOURCE_DIR] [OUTPUT_DIR]

SOURCE_DIR defaults to /work/shared/conformance/regex (the TOML files copied
unchanged from rust-lang/regex `testdata/`); OUTPUT_DIR defaults to
Tests/LinearRegexTests/Conformance/regex/data next to this script's package.

Every `[[test]]` table becomes one JSON object with the same keys in the same
order and the same values. The only normalisation: `bounds`, which the TOML
writes either as `[start, end]` or as `{ start = .., end = .. }`, is always
written as a `[start, end]` pair. A file in a sub-folder is flattened into one
name (`fowler/basic.toml` -> `fowler-basic.json`). Each JSON file holds
`{"test": [...]}`, one test per line, so a change to the data diffs cleanly.

Needs only the Python 3.11 standard library (`tomllib`).
"""

import json
import sys
import tomllib
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = Path("/work/shared/conformance/regex")
DEFAULT_OUTPUT = PACKAGE_ROOT / "Tests/LinearRegexTests/Conformance/regex/data"


def normalised_bounds(value, where):
    """Return `bounds` as a [start, end] list, whichever TOML form it had."""
    if isinstance(value, dict):
        if set(value) != {"start", "end"}:
            raise ValueError(f"{where}: bounds table needs exactly start and end, got {sorted(value)}")
        return [value["start"], value["end"]]
    if isinstance(value, list) and len(value) == 2 and all(isinstance(x, int) for x in value):
        return list(value)
    raise ValueError(f"{where}: bounds must be [start, end] or {{start, end}}, got {value!r}")


def converted_test(test, where):
    """The test with every key kept in order; only `bounds` changes shape."""
    out = {}
    for key, value in test.items():
        out[key] = normalised_bounds(value, where) if key == "bounds" else value
    return out


def json_name(toml_path, source_dir):
    relative = toml_path.relative_to(source_dir).with_suffix("")
    return "-".join(relative.parts) + ".json"


def convert(source_dir, output_dir):
    toml_files = sorted(source_dir.rglob("*.toml"))
    if not toml_files:
        raise SystemExit(f"no .toml files under {source_dir}")
    output_dir.mkdir(parents=True, exist_ok=True)
    written = set()
    total = 0
    for toml_path in toml_files:
        with toml_path.open("rb") as handle:
            document = tomllib.load(handle)
        unknown = set(document) - {"test"}
        if unknown:
            raise SystemExit(f"{toml_path}: unexpected top-level keys {sorted(unknown)}")
        tests = document.get("test", [])
        name = json_name(toml_path, source_dir)
        lines = [
            json.dumps(converted_test(test, f"{toml_path.name}:{test.get('name')}"), ensure_ascii=False)
            for test in tests
        ]
        text = '{"test": [\n' + ",\n".join(lines) + "\n]}\n"
        (output_dir / name).write_text(text, encoding="utf-8")
        written.add(name)
        total += len(tests)
        print(f"{toml_path.relative_to(source_dir)} -> {name}: {len(tests)} tests")
    for stale in output_dir.glob("*.json"):
        if stale.name not in written:
            stale.unlink()
            print(f"removed stale {stale.name}")
    print(f"{total} tests in {len(written)} files")


def main(argv):
    source_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    output_dir = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUTPUT
    convert(source_dir.resolve(), output_dir.resolve())


if __name__ == "__main__":
    main(sys.argv)
