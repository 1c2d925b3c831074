#!/usr/bin/env python3
"""Per-check agreement between a palisade.report/v1 JSON and a Checkov JSON on the same tree.

usage: checkov-agreement.py PALISADE.json CHECKOV.json [--policies POLICIES.json]
                            [--checkov-list LIST.txt] [--map POLICY=CHECK_ID ...]
                            [--details FILE] [--samples K]

It matches the way /work/shared/bench/compare_checkov.py does, so that the totals of both agree:
a Checkov failure (check C on file F, lines [s, e]) is *mapped* when some Palisade policy lists
C in `equivalents`, and *found* when Palisade has a finding on F whose lines meet [s, e] and
whose policy lists C. POLICIES.json is `palisade policy list --format json` output (or the same
shape, `{"policies": [{"id", "equivalents"}]}`), so that policies which did not fire still count
as mapped. `--map POLICY=C` adds C to a policy's equivalents for this comparison only (to see
what a fix to a policy's metadata would give).

Then the other way: each Palisade finding, for each C its policy maps, either meets a Checkov
failure of C on the same file and lines, or does not (Checkov passed it, or the check does not
apply there; `--quiet` leaves Checkov's passes out of its report, so the two are not told apart).

LIST.txt is the output of `checkov --list --framework kubernetes`: with it, the script names
every check, leaves out of the table the checks that only read PodSecurityPolicy objects when
Checkov found none to fail, and lists Checkov's Kubernetes checks that no Palisade policy maps.

Prints Markdown. With --details, writes up to K examples of each kind of disagreement per check
(file:lines, resource, message) for reading by hand.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys


def norm(path: str) -> str:
    path = path.replace("\\", "/")
    while path.startswith("./") or path.startswith("/"):
        path = path[2:] if path.startswith("./") else path[1:]
    return path


def overlaps(line: int, end: int, s: int, e: int) -> bool:
    return s <= line <= e or s <= end <= e or (line <= s and end >= e)


def order(check: str) -> tuple:
    head, _, num = check.rpartition("_")
    return (head, int(num) if num.isdigit() else 0)


def read_checkov_list(path: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Names and entity kinds per check id from `checkov --list`'s table."""
    names: dict[str, str] = {}
    kinds: dict[str, set[str]] = collections.defaultdict(set)
    for row in open(path):
        cells = [c.strip() for c in row.split("|")]
        if len(cells) > 5 and cells[2].startswith("CKV"):
            names.setdefault(cells[2], cells[5])
            kinds[cells[2]].add(cells[4])
    return names, kinds


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("palisade")
    ap.add_argument("checkov")
    ap.add_argument("--policies")
    ap.add_argument("--checkov-list")
    ap.add_argument("--map", action="append", default=[])
    ap.add_argument("--details")
    ap.add_argument("--samples", type=int, default=8)
    o = ap.parse_args()

    pal = json.load(open(o.palisade))
    ck = json.load(open(o.checkov))
    runs = ck if isinstance(ck, list) else [ck]
    names: dict[str, str] = {}
    kinds: dict[str, set[str]] = {}
    if o.checkov_list:
        names, kinds = read_checkov_list(o.checkov_list)

    failures_at: dict[tuple[str, str], list[tuple[int, int]]] = collections.defaultdict(list)
    fails: list[tuple[str, str, int, int, str]] = []
    for run in runs:
        for f in (run.get("results") or {}).get("failed_checks", []):
            s, e = (f.get("file_line_range") or [0, 0])[:2]
            fp = norm(f.get("file_path", ""))
            failures_at[(f["check_id"], fp)].append((s, e))
            names.setdefault(f["check_id"], f.get("check_name", ""))
            fails.append((f["check_id"], fp, s, e, f.get("resource", "")))

    extra: dict[str, set[str]] = collections.defaultdict(set)
    for pair in o.map:
        policy, _, check = pair.partition("=")
        extra[policy].add(check)

    # Which Palisade policies map each Checkov id.
    policy_ids: dict[str, set[str]] = collections.defaultdict(set)
    if o.policies:
        try:
            pl = json.load(open(o.policies))
            for p in pl if isinstance(pl, list) else pl.get("policies", []):
                for c in set(p.get("equivalents") or []) | extra.get(p.get("id", ""), set()):
                    policy_ids[c].add(p.get("id", "?"))
        except (OSError, ValueError) as error:
            print(f"checkov-agreement.py: ignoring {o.policies}: {error}", file=sys.stderr)
    by_file: dict[str, list] = collections.defaultdict(list)
    for x in pal.get("findings", []):
        eq = set(x.get("equivalents") or []) | extra.get(x.get("policy", ""), set())
        for c in eq:
            policy_ids[c].add(x.get("policy", "?"))
        line = x.get("line") or 0
        by_file[norm(x.get("file", ""))].append((line, x.get("end_line") or line, eq, x))

    rows: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    samples: dict[tuple[str, str], list[str]] = collections.defaultdict(list)

    def sample(c: str, what: str, text: str) -> None:
        if len(samples[(c, what)]) < o.samples:
            samples[(c, what)].append(text)

    for c, fp, s, e, resource in fails:
        rows[c]["checkov"] += 1
        if c not in policy_ids:
            continue
        if any(c in eq and overlaps(line, end, s, e) for line, end, eq, _ in by_file.get(fp, [])):
            rows[c]["found"] += 1
        else:
            rows[c]["missed"] += 1
            sample(c, "Checkov fails, Palisade does not", f"{fp}:{s}-{e} {resource}")

    for fp, entries in by_file.items():
        for line, end, eq, x in entries:
            for c in eq:
                rows[c]["palisade"] += 1
                if any(overlaps(line, end, s, e) for s, e in failures_at.get((c, fp), [])):
                    rows[c]["both"] += 1
                else:
                    sample(c, "Palisade reports, Checkov does not fail",
                           f"{fp}:{line} {x.get('resource', '')}: {x.get('message', '')}")

    def psp_only(c: str) -> bool:
        return bool(kinds.get(c)) and kinds[c] <= {"PodSecurityPolicy"}

    print("| Checkov id | Checkov check | Palisade policy | Checkov failures | found by Palisade | missed "
          "| Palisade findings | of which Checkov fails too |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for c in sorted(set(rows) | set(policy_ids), key=order):
        r = rows[c]
        if not c.startswith("CKV"):
            continue
        if not r["checkov"] and (not r["palisade"] or psp_only(c)):
            continue
        mapped = c in policy_ids
        pols = ", ".join(sorted(policy_ids.get(c, []))) or "—"
        print(f"| {c} | {names.get(c, '')} | {pols} | {r['checkov']} | {r['found'] if mapped else '—'} | "
              f"{r['missed'] if mapped else '—'} | {r['palisade'] if mapped else '—'} | "
              f"{r['both'] if mapped else '—'} |")

    odd = sorted(c for c in policy_ids if not c.startswith("CKV"))
    if odd:
        print()
        print("Equivalents that are not Checkov ids (left out above): " + "; ".join(
            f"{', '.join(sorted(policy_ids[c]))}: \"{c}\"" for c in odd) + ".")
    fail_ids = {c for c, *_ in fails}
    mapped_ids = fail_ids & set(policy_ids)
    mapped_fails = sum(rows[c]["checkov"] for c in mapped_ids)
    found = sum(rows[c]["found"] for c in mapped_ids)
    print()
    print(f"Checkov: {len(fails)} failures of {len(fail_ids)} checks. Mapped to a Palisade policy: "
          f"{len(mapped_ids)} of those checks ({len(mapped_ids) / max(len(fail_ids), 1):.1%}), "
          f"{mapped_fails} failures, of which Palisade reports {found} "
          f"({found / max(mapped_fails, 1):.1%}) on the same file and lines.")
    if kinds:
        unmapped = sorted((c for c in kinds if c not in policy_ids), key=order)
        failing = [c for c in unmapped if rows[c]["checkov"]]
        quiet = [c for c in unmapped if not rows[c]["checkov"]]
        print()
        print(f"Checkov's Kubernetes checks with no Palisade equivalent: {len(unmapped)} of {len(kinds)}.")
        print()
        print("Failing on this corpus: " + "; ".join(f"{c} {names.get(c, '')} ({rows[c]['checkov']})" for c in failing) + ".")
        print()
        print("Not failing on this corpus: " + ", ".join(quiet) + ".")
    if o.details:
        with open(o.details, "w") as out:
            for (c, what), lines in sorted(samples.items(), key=lambda kv: (order(kv[0][0]), kv[0][1])):
                out.write(f"## {c} ({', '.join(sorted(policy_ids.get(c, []))) or 'unmapped'}): {what}\n")
                out.writelines(f"- {t}\n" for t in lines)
                out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
