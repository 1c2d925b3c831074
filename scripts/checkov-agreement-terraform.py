#!/usr/bin/env python3
"""Per-check agreement between Palisade and Checkov on the same Terraform tree, resource by resource.

usage: checkov-agreement-terraform.py PALISADE.json CHECKOV.json --policies POLICIES.json
                                      [--root DIR] [--checkov-list LIST.txt] [--map POLICY=CHECK_ID ...]
                                      [--details FILE] [--samples K] [--top N]

PALISADE.json is a palisade.report/v1 report (`palisade scan DIR --kinds terraform --format json`);
CHECKOV.json is `checkov -d DIR --framework terraform -o json` run on the same DIR *without*
--quiet, so that its passed checks are there too; POLICIES.json is `palisade policy list --format
json` (a list of policies, each with `equivalents`; `{"policies": [...]}` is read as well), so that
policies which did not fire still count as mapped. `--map POLICY=C` adds C to a policy's
equivalents for this comparison only.

The unit compared is a resource instance in a file. Checkov names one by `resource` (`aws_s3_bucket.logs`,
`module.x.aws_s3_bucket.y[0]`, `module.m["k"].aws_s3_bucket.this`) and `file_path` (relative to the
scanned folder, with a leading `/`); Palisade by the finding's `resource` identity and `file` (or
`location.file`), which starts with the scan root as given on the command line: --root strips it.
Both names are normalised first: `data.` is dropped (Checkov writes data sources as
`aws_iam_policy_document.x`), `provider.aws` becomes Checkov's `aws.default`, and single-quoted
instance keys become double-quoted. A pair matches *exactly* when file and normalised address are
equal, and *by block* when they are equal once every instance key (`[0]`, `["k"]`) is removed:
Checkov leaves a for_each it cannot resolve unexpanded (`aws_lambda_permission.fns`), where
Palisade may report `aws_lambda_permission.fns["resize"]`. As a last resort a pair matches *by
line* when a Palisade finding's line lies inside the Checkov resource's line range in the same file.

For each Checkov check id that some Palisade policy maps, the table gives: the resources Checkov
fails; of those, the ones Palisade reports (exact / by block or line) and the ones it does not;
then the resources Palisade reports that Checkov passed, and those Checkov did not evaluate at all
for that check (a resource type or attribute form its check does not cover, or an unresolved
module). Findings Palisade reports as unknown until apply are counted apart, on both sides: a
Checkov failure Palisade cannot decide yet is neither agreement nor a miss. Then the Checkov checks no policy maps, most failures first: what to write next.

Prints Markdown on standard output. With --details, writes up to K examples of each kind of
difference per check (file, lines, resource, Palisade's message) for reading by hand.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys

INDEX = re.compile(r"\[[^\[\]]*\]")


def norm_path(path: str, root: str = "") -> str:
    path = path.replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    if root:
        r = root.replace("\\", "/").rstrip("/") + "/"
        while r.startswith("./"):
            r = r[2:]
        if path.startswith(r):
            path = path[len(r):]
    return path.lstrip("/")


def split_address(address: str) -> list[str]:
    """Splits on the dots that are outside instance keys (`module.m["a.b"].x.y` has four parts)."""
    parts, depth, current, quoted = [], 0, "", False
    for ch in address:
        if ch == '"' and depth:
            quoted = not quoted
        elif not quoted and ch == "[":
            depth += 1
        elif not quoted and ch == "]":
            depth -= 1
        if ch == "." and depth == 0 and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return parts


def norm_address(address: str) -> str:
    """Checkov's and Palisade's spelling of the same resource address, made comparable."""
    a = re.sub(r"\s+", "", address.strip().replace("'", '"'))
    parts = split_address(a)
    if parts and (parts[0] == "provider" or parts[0].startswith("provider[")):
        # provider.aws, provider.aws.west, provider["registry.terraform.io/hashicorp/aws"].west
        rest = parts[1:] if parts[0] == "provider" else [parts[0][len("provider"):].strip('[]"').split("/")[-1]] + parts[1:]
        return f"{rest[0]}.default" if len(rest) == 1 else ".".join(rest)
    out = []
    for i, part in enumerate(parts):
        # `data.TYPE.NAME`: Checkov leaves `data.` out; a module may itself be called "data"
        if part == "data" and (i == 0 or not parts[i - 1].startswith("module")) and len(parts) - i >= 3:
            continue
        out.append(part)
    return ".".join(out)


def block_of(address: str) -> str:
    return INDEX.sub("", address)


def unkeyed(address: str) -> bool:
    """True when the resource itself carries no instance key (`x.y`, `module.m["k"].x.y`)."""
    return not address.endswith("]")


def lenient_matches(addr: str, s: int, e: int, pald: dict, pal_blocks: dict, ckd: dict, ck_blocks: dict):
    """Palisade addresses that name Checkov's resource `addr` (lines s..e) differently.

    By block: the same block where one side did not expand count/for_each; an instance Checkov
    evaluated under its own name is never taken for a sibling. By line: a name of a block Checkov
    does not know at all, whose finding lies in Checkov's line range.
    """
    by_block = [a for a in pal_blocks.get(block_of(addr), [])
                if a not in ckd and (unkeyed(addr) or unkeyed(a))]
    by_line = [a for a, fs in pald.items()
               if a not in ckd and block_of(a) not in ck_blocks and any(s <= f["_line"] <= e for f in fs)]
    return by_block, by_line


def order(check: str) -> tuple:
    head, _, num = check.rpartition("_")
    return (head, int(num) if num.isdigit() else 0)


def read_checkov_list(path: str) -> dict[str, str]:
    """Names per check id from `checkov --list --framework terraform`'s table."""
    names: dict[str, str] = {}
    for row in open(path):
        cells = [c.strip() for c in row.split("|")]
        if len(cells) > 5 and cells[2].startswith("CKV"):
            names.setdefault(cells[2], cells[5])
    return names


def finding_fields(x: dict) -> tuple[str, int, int]:
    loc = x.get("location") if isinstance(x.get("location"), dict) else {}
    file = x.get("file") or loc.get("file") or ""
    line = x.get("line") or loc.get("line") or 0
    end = x.get("end_line") or loc.get("end_line") or line
    return file, int(line), int(end)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("palisade")
    ap.add_argument("checkov")
    ap.add_argument("--policies", help="`palisade policy list --format json` output")
    ap.add_argument("--root", default="", help="the scan root as given to palisade (stripped from its paths)")
    ap.add_argument("--checkov-list", help="`checkov --list --framework terraform` output, for check names")
    ap.add_argument("--map", action="append", default=[], metavar="POLICY=CHECK_ID")
    ap.add_argument("--details", help="write examples of each difference to this Markdown file")
    ap.add_argument("--samples", type=int, default=8)
    ap.add_argument("--top", type=int, default=40, help="unmapped failing checks to list")
    o = ap.parse_args()

    pal = json.load(open(o.palisade))
    ck = json.load(open(o.checkov))
    runs = ck if isinstance(ck, list) else [ck]
    names: dict[str, str] = read_checkov_list(o.checkov_list) if o.checkov_list else {}

    extra: dict[str, set[str]] = collections.defaultdict(set)
    for pair in o.map:
        policy, _, check = pair.partition("=")
        extra[policy].add(check)

    # Checkov id -> Palisade policies that map it.
    policy_ids: dict[str, set[str]] = collections.defaultdict(set)
    if o.policies:
        try:
            pl = json.load(open(o.policies))
            for p in pl if isinstance(pl, list) else pl.get("policies", []):
                for c in set(p.get("equivalents") or []) | extra.get(p.get("id", ""), set()):
                    policy_ids[c].add(p.get("id", "?"))
        except (OSError, ValueError) as error:
            print(f"checkov-agreement-terraform.py: ignoring {o.policies}: {error}", file=sys.stderr)

    # Checkov results: (check, file) -> {address: (status, start, end, raw resource)}
    ck_res: dict[tuple[str, str], dict[str, tuple[str, int, int, str]]] = collections.defaultdict(dict)
    ck_fail_count: collections.Counter[str] = collections.Counter()
    ck_pass_count: collections.Counter[str] = collections.Counter()
    parse_errors = 0
    for run in runs:
        if run.get("check_type", "terraform") != "terraform":
            continue
        res = run.get("results") or {}
        parse_errors += len(res.get("parsing_errors") or [])
        for status, key in (("failed", "failed_checks"), ("passed", "passed_checks")):
            for f in res.get(key) or []:
                c = f["check_id"]
                names.setdefault(c, f.get("check_name", ""))
                fp = norm_path(f.get("file_path", ""))
                s, e = (f.get("file_line_range") or [0, 0])[:2]
                addr = norm_address(f.get("resource", ""))
                prev = ck_res[(c, fp)].get(addr)
                if prev and prev[0] == "failed":
                    continue  # a failure wins over a pass of the same resource (several evaluations)
                ck_res[(c, fp)][addr] = (status, s, e, f.get("resource", ""))
    for (c, _), entries in ck_res.items():
        for status, *_ in entries.values():
            (ck_fail_count if status == "failed" else ck_pass_count)[c] += 1

    # Palisade findings: (check, file) -> {address: [finding...]} for each Checkov id the policy maps.
    pal_res: dict[tuple[str, str], dict[str, list[dict]]] = collections.defaultdict(lambda: collections.defaultdict(list))
    # Findings Palisade cannot decide before apply (status "unknown"): neither a report nor a pass.
    pal_unknown: dict[tuple[str, str], dict[str, list[dict]]] = collections.defaultdict(
        lambda: collections.defaultdict(list))
    for x in pal.get("findings", []):
        eq = set(x.get("equivalents") or []) | extra.get(x.get("policy", ""), set())
        for c in eq:
            policy_ids[c].add(x.get("policy", "?"))
        file, line, end = finding_fields(x)
        fp = norm_path(file, o.root)
        addr = norm_address(x.get("resource", ""))
        target = pal_unknown if x.get("status") == "unknown" else pal_res
        for c in eq:
            if c.startswith("CKV"):
                target[(c, fp)][addr].append({**x, "_line": line, "_end": end})

    rows: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    samples: dict[tuple[str, str], list[str]] = collections.defaultdict(list)

    def sample(c: str, what: str, text: str) -> None:
        if len(samples[(c, what)]) < o.samples:
            samples[(c, what)].append(text)

    keys = set(ck_res) | set(pal_res) | set(pal_unknown)
    for c, fp in sorted(keys):
        if c not in policy_ids:
            for addr, (status, s, e, raw) in ck_res.get((c, fp), {}).items():
                if status == "failed":
                    rows[c]["checkov"] += 1
            continue
        ckd = ck_res.get((c, fp), {})
        pald = pal_res.get((c, fp), {})
        unkd = pal_unknown.get((c, fp), {})
        unk_blocks: dict[str, list[str]] = collections.defaultdict(list)
        for addr in unkd:
            unk_blocks[block_of(addr)].append(addr)
        used_unk: set[str] = set()
        ck_blocks: dict[str, list[str]] = collections.defaultdict(list)
        for addr in ckd:
            ck_blocks[block_of(addr)].append(addr)
        pal_blocks: dict[str, list[str]] = collections.defaultdict(list)
        for addr in pald:
            pal_blocks[block_of(addr)].append(addr)
        used_pal: set[str] = set()
        # Checkov's failures, one by one
        for addr, (status, s, e, raw) in sorted(ckd.items()):
            if status != "failed":
                continue
            rows[c]["checkov"] += 1
            if addr in pald:
                rows[c]["exact"] += 1
                used_pal.add(addr)
                continue
            by_block, by_line = lenient_matches(addr, s, e, pald, pal_blocks, ckd, ck_blocks)
            if by_block or by_line:
                rows[c]["lenient"] += 1
                used_pal.update(by_block or by_line)
                sample(c, "matched only by block or line (names differ)",
                       f"`{fp}:{s}-{e}` Checkov `{raw}` ~ Palisade `{(by_block or by_line)[0]}`")
            else:
                unk_exact = [addr] if addr in unkd else []
                unk_block, unk_line = ([], []) if unk_exact else lenient_matches(addr, s, e, unkd, unk_blocks, ckd, ck_blocks)
                unk = unk_exact or unk_block or unk_line
                if unk:
                    rows[c]["unknown_failed"] += 1
                    used_unk.update(unk)
                    f0 = unkd[unk[0]][0]
                    sample(c, "Checkov fails, Palisade cannot tell until apply",
                           f"`{fp}:{s}-{e}` `{raw}`: {f0.get('message', '')}")
                    continue
                rows[c]["only_checkov"] += 1
                sample(c, "Checkov fails, Palisade does not report", f"`{fp}:{s}-{e}` `{raw}`")
        for addr, fs in sorted(unkd.items()):
            if addr in used_unk:
                continue
            rows[c]["unknown_other"] += 1
            f0 = fs[0]
            sample(c, "Palisade cannot tell until apply, Checkov passed or did not evaluate it",
                   f"`{fp}:{f0['_line']}` `{f0.get('resource', '')}`: {f0.get('message', '')}")
        # Palisade's findings that no Checkov failure accounts for
        for addr, fs in sorted(pald.items()):
            rows[c]["palisade"] += 1
            if addr in used_pal:
                continue
            f0 = fs[0]
            ck_entry = ckd.get(addr)
            if ck_entry is None:
                # the same block under an unexpanded name on one side, else (a name Checkov does not
                # know at all) the Checkov resource whose lines hold the finding
                same_block = [ckd[a] for a in ck_blocks.get(block_of(addr), []) if unkeyed(a) or unkeyed(addr)]
                by_line = [v for v in ckd.values() if v[1] <= f0["_line"] <= v[2]] \
                    if block_of(addr) not in ck_blocks else []
                ck_entry = (same_block or by_line or [None])[0]
            if ck_entry is not None and ck_entry[0] == "failed":
                continue  # counted on Checkov's side already (several Palisade instances for one Checkov block)
            what = "passed" if ck_entry is not None else "unchecked"
            rows[c][f"only_palisade_{what}"] += 1
            label = ("Palisade reports, Checkov passed it" if what == "passed"
                     else "Palisade reports, Checkov did not evaluate it")
            sample(c, label, f"`{fp}:{f0['_line']}` `{f0.get('resource', '')}` ({f0.get('policy', '')}): {f0.get('message', '')}")

    mapped = sorted((c for c in policy_ids if c.startswith("CKV")
                     and (rows[c]["checkov"] or rows[c]["palisade"] or rows[c]["unknown_other"])), key=order)
    print("| Checkov id | Checkov check | Palisade policy | Checkov fails | both (exact) | both (by block/line) "
          "| Palisade unknown until apply | only Checkov | only Palisade: Checkov passed "
          "| only Palisade: not evaluated by Checkov | Palisade unknown, Checkov passed or n/a |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for c in mapped:
        r = rows[c]
        print(f"| {c} | {names.get(c, '')} | {', '.join(sorted(policy_ids[c]))} | {r['checkov']} | {r['exact']} | "
              f"{r['lenient']} | {r['unknown_failed']} | {r['only_checkov']} | {r['only_palisade_passed']} | "
              f"{r['only_palisade_unchecked']} | {r['unknown_other']} |")

    fail_ids = {c for c in ck_fail_count}
    mapped_fail_ids = fail_ids & set(policy_ids)
    total_fails = sum(ck_fail_count.values())
    mapped_fails = sum(rows[c]["checkov"] for c in mapped_fail_ids)
    both = sum(rows[c]["exact"] + rows[c]["lenient"] for c in mapped_fail_ids)
    exact = sum(rows[c]["exact"] for c in mapped_fail_ids)
    undecided = sum(rows[c]["unknown_failed"] for c in mapped_fail_ids)
    extra_passed = sum(rows[c]["only_palisade_passed"] for c in mapped)
    extra_unchecked = sum(rows[c]["only_palisade_unchecked"] for c in mapped)
    print()
    print(f"Checkov: {total_fails} failing resources over {len(fail_ids)} checks, {sum(ck_pass_count.values())} passing, "
          f"{parse_errors} parsing errors. Mapped to a Palisade policy: {len(mapped_fail_ids)} of those checks "
          f"({len(mapped_fail_ids) / max(len(fail_ids), 1):.1%}), {mapped_fails} failures, of which Palisade reports "
          f"{both} ({both / max(mapped_fails, 1):.1%}; {exact} with the same address), cannot tell until apply on "
          f"{undecided}, misses {mapped_fails - both - undecided}. Palisade reports {extra_passed} resources Checkov "
          f"passed and {extra_unchecked} it did not evaluate.")
    unmapped = sorted((c for c in fail_ids if c not in policy_ids), key=lambda c: (-ck_fail_count[c], order(c)))
    if unmapped:
        print()
        print(f"Failing Checkov checks with no Palisade equivalent ({len(unmapped)}; most failures first, "
              f"top {min(o.top, len(unmapped))}):")
        print()
        print("| Checkov id | Checkov check | failing resources | passing resources |")
        print("|---|---|---:|---:|")
        for c in unmapped[: o.top]:
            print(f"| {c} | {names.get(c, '')} | {ck_fail_count[c]} | {ck_pass_count[c]} |")

    if o.details:
        with open(o.details, "w") as out:
            out.write("# Palisade vs Checkov on Terraform: examples of each difference\n\n")
            for (c, what), lines in sorted(samples.items(), key=lambda kv: (order(kv[0][0]), kv[0][1])):
                out.write(f"## {c} {names.get(c, '')} ({', '.join(sorted(policy_ids.get(c, []))) or 'unmapped'}): {what}\n\n")
                out.writelines(f"- {t}\n" for t in lines)
                out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
