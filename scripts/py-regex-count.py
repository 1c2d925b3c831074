#!/usr/bin/env python3
"""Count matching lines with Python's `re`, the way `grep -c` does: the baseline
that scripts/compare-regex.sh times against `palisade regex --count` and `rg --count`.

    py-regex-count.py [-i] [--matches] (PATTERN | -e PATTERN...) FILE

The file is read as UTF-8 text and split on '\\n' only. `-e` may be given more than once;
the patterns are then tried as one alternation, `(?:p1)|(?:p2)|...`, so a line counts once
however many of them it holds. `--matches` prints the number of non-overlapping matches
over the whole file instead of the number of lines.
"""

import argparse
import re
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description="count matching lines with Python's re")
    parser.add_argument("-i", "--ignore-case", action="store_true")
    parser.add_argument("--matches", action="store_true", help="count matches, not lines")
    parser.add_argument("-e", dest="patterns", action="append", metavar="PATTERN")
    parser.add_argument("rest", nargs="+", metavar="[PATTERN] FILE")
    args = parser.parse_args()

    patterns = list(args.patterns or [])
    rest = list(args.rest)
    if not patterns:
        patterns.append(rest.pop(0))
    if len(rest) != 1:
        parser.error("expected exactly one FILE")
    pattern = patterns[0] if len(patterns) == 1 else "|".join(f"(?:{p})" for p in patterns)
    regex = re.compile(pattern, re.IGNORECASE if args.ignore_case else 0)

    with open(rest[0], encoding="utf-8", newline="") as f:
        text = f.read()
    if args.matches:
        print(sum(1 for _ in regex.finditer(text)))
    else:
        search = regex.search
        print(sum(1 for line in text.split("\n") if search(line)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
