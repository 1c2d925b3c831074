#!/usr/bin/env python3
"""Per-audit agreement between Palisade and zizmor on the same GitHub Actions files.

usage: zizmor-agreement.py PALISADE.json ZIZMOR.json [--policies POLICIES.json]
                           [--pal-root DIR] [--zizmor-root DIR] [--map POLICY=AUDIT ...]
                           [--details FILE] [--samples K] [--corpus DIR]

PALISADE.json is a palisade.report/v1 report (`palisade scan DIR --kinds github-actions --format
json`), ZIZMOR.json is `zizmor --offline --collect=all --format json DIR` on the same DIR (the
regular persona, zizmor's default, unless the caller chose another with --persona). POLICIES.json
is `palisade policy list --format json` (a list, or `{"policies": [...]}`), so that a policy which
did not fire still counts as mapping its audits. A zizmor audit is *mapped* when some Palisade policy lists it among
its `equivalents` (as `template-injection`, `zizmor/template-injection` or
`zizmor:template-injection`); `--map POLICY=AUDIT` adds one for this comparison only.

Paths: both reports are read relative to the folder each tool was given; --pal-root and
--zizmor-root strip a prefix when a tool was run from elsewhere (`./` is always stripped).

The unit compared is one finding on one file for one audit. zizmor places a finding by its
locations: the route of the primary one (`jobs`, job id, `steps`, index, key) and its span (rows
counted from 0); Palisade by the finding's line and, where its message or `path` names one, the
job (`jobs.<id>.…`). Within each file and audit the findings are paired one to one, first *by
line* (Palisade's line inside the span of zizmor's primary location), then *by job* (same job,
or neither names a job, as for a composite action). What is left is reported as only
Palisade or only zizmor. Palisade findings that are suppressed or excepted are left out; zizmor
already leaves out what its own ignore comments silence.

Prints Markdown: per audit, the Palisade policies mapping it, zizmor's findings, Palisade's, the
pairs (by line and by job), only Palisade and only zizmor; then the audits no policy maps, most
findings first. With --details, writes up to K examples of each kind of difference per audit
(file:line, the line itself when --corpus names the scanned folder, and both messages).
zizmor's regular persona also reports low-severity and informational findings (for
template-injection: expansions of values that are not attacker-controlled), so the table counts
apart the only-zizmor findings zizmor itself rates medium or high. Only policies of the
`github-actions` kind, and findings on files that input read, take part.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from dataclasses import dataclass, field

# Palisade names a job as `jobs.<id>.…` in paths and step messages, and as `job <id>` in the
# messages of job-level findings ("the container of job build, …").
JOB_IN_TEXT = re.compile(r"\bjobs\.([A-Za-z0-9_-]+)|\bjob ([A-Za-z0-9_-]+)")
PREFIXES = ("zizmor/", "zizmor:", "zizmor.")


def norm_path(path: str, root: str = "") -> str:
    path = path.replace("\\", "/")
    if path.startswith("file://"):
        path = path[len("file://"):]
    while path.startswith("./"):
        path = path[2:]
    if root:
        prefix = root.replace("\\", "/").rstrip("/") + "/"
        while prefix.startswith("./"):
            prefix = prefix[2:]
        if path.startswith(prefix):
            path = path[len(prefix):]
    return path.lstrip("/")


def audit_name(equivalent: str) -> str | None:
    """The zizmor audit an `equivalents` entry names, or None for another tool's id."""
    name = equivalent.strip()
    for prefix in PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix):]
    # Checkov ids (CKV_GHA_2, CKV2_GHA_1) and other tools' upper-case ids are not zizmor audits.
    if not name or name.upper() == name or "_" in name:
        return None
    return name


@dataclass
class Item:
    file: str
    line: int
    end: int
    job: str | None
    text: str
    raw: dict = field(repr=False, default_factory=dict)


def zizmor_items(report: list, root: str) -> tuple[dict[tuple[str, str], list[Item]], int]:
    out: dict[tuple[str, str], list[Item]] = collections.defaultdict(list)
    ignored = 0
    for finding in report:
        if finding.get("ignored"):
            ignored += 1
            continue
        locations = finding.get("locations") or []
        primary = [loc for loc in locations if loc["symbolic"].get("kind") == "Primary"] or locations
        if not primary:
            continue
        loc = primary[0]
        key = loc["symbolic"].get("key") or {}
        local = key.get("Local") or {}
        path = local.get("verbatim_path") or local.get("given_path") or ""
        if not path and isinstance(key.get("Remote"), dict):
            path = key["Remote"].get("path", "")
        route = [r for r in (loc["symbolic"].get("route") or {}).get("route", [])]
        job = None
        if len(route) > 1 and route[0].get("Key") == "jobs" and "Key" in route[1]:
            job = str(route[1]["Key"])
        span = (loc.get("concrete") or {}).get("location") or {}
        start = (span.get("start_point") or {}).get("row", -1) + 1
        end = (span.get("end_point") or {}).get("row", start - 1) + 1
        annotation = loc["symbolic"].get("annotation", "")
        text = f"{finding.get('desc', '')}: {annotation}".strip(": ")
        out[(finding["ident"], norm_path(path, root))].append(
            Item(norm_path(path, root), start, max(end, start), job, text, finding))
    return out, ignored


def palisade_job(finding: dict) -> str | None:
    for source in (finding.get("path"), finding.get("message"), finding.get("resource")):
        if isinstance(source, str):
            match = JOB_IN_TEXT.search(source)
            if match:
                return match.group(1) or match.group(2)
    return None


def serious(item: Item) -> bool:
    """zizmor rates the finding medium or high severity (regular persona shows low and informational too)."""
    severity = ((item.raw.get("determinations") or {}).get("severity") or "").lower()
    return severity in ("medium", "high")


def pair(zs: list[Item], ps: list[Item]) -> tuple[list, list, list[Item], list[Item]]:
    """One-to-one pairs by line, then by job; returns (by_line, by_job, only_zizmor, only_palisade)."""
    left_z, left_p = list(zs), list(ps)
    by_line, by_job = [], []
    for z in sorted(zs, key=lambda i: (i.end - i.line, i.line)):
        hit = next((p for p in left_p if z.line <= p.line <= z.end), None)
        if hit is not None:
            by_line.append((z, hit))
            left_z.remove(z)
            left_p.remove(hit)
    for z in list(left_z):
        hit = next((p for p in left_p if p.job == z.job), None)
        if hit is not None:
            by_job.append((z, hit))
            left_z.remove(z)
            left_p.remove(hit)
    # A zizmor finding about the whole workflow (no job: "no permissions: block") is the one
    # Palisade reports for each job it affects; those per-job findings pair with it together.
    for z in [z for z in left_z if z.job is None]:
        hits = [p for p in left_p if p.job is not None]
        if hits:
            by_job.append((z, hits[0]))
            left_z.remove(z)
            for p in hits:
                left_p.remove(p)
    return by_line, by_job, left_z, left_p


def read_policies(path: str) -> list[dict]:
    try:
        data = json.load(open(path))
    except (OSError, ValueError) as error:
        print(f"zizmor-agreement.py: ignoring {path}: {error}", file=sys.stderr)
        return []
    return data if isinstance(data, list) else data.get("policies", [])


def source_line(corpus: str | None, file: str, line: int) -> str:
    if not corpus or line < 1:
        return ""
    try:
        with open(f"{corpus.rstrip('/')}/{file}", encoding="utf-8", errors="replace") as handle:
            for number, text in enumerate(handle, 1):
                if number == line:
                    return text.strip()[:160]
    except OSError:
        pass
    return ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("palisade")
    ap.add_argument("zizmor")
    ap.add_argument("--policies", help="`palisade policy list --format json` output")
    ap.add_argument("--pal-root", default="", help="prefix to strip from Palisade's paths")
    ap.add_argument("--zizmor-root", default="", help="prefix to strip from zizmor's paths")
    ap.add_argument("--map", action="append", default=[], metavar="POLICY=AUDIT")
    ap.add_argument("--details", help="write examples of each difference to this Markdown file")
    ap.add_argument("--samples", type=int, default=10)
    ap.add_argument("--corpus", help="the scanned folder, to quote the reported lines in --details")
    o = ap.parse_args()

    pal = json.load(open(o.palisade))
    zz = json.load(open(o.zizmor))
    if isinstance(zz, dict):
        zz = zz.get("findings", [])

    # zizmor audit -> Palisade policies that list it.
    policies_of: dict[str, set[str]] = collections.defaultdict(set)
    extra: dict[str, set[str]] = collections.defaultdict(set)
    for entry in o.map:
        policy, _, audit = entry.partition("=")
        extra[policy].add(audit)
    listed = read_policies(o.policies) if o.policies else []
    for policy in listed:
        if "github-actions" not in (policy.get("kinds") or ["github-actions"]):
            continue  # other inputs' equivalents name other tools' rules (gitleaks ids look like audits)
        for eq in policy.get("equivalents") or []:
            if (audit := audit_name(str(eq))) is not None:
                policies_of[audit].add(policy.get("id", "?"))
        for audit in extra.get(policy.get("id", ""), ()):
            policies_of[audit].add(policy.get("id", "?"))
    for policy, audits in extra.items():
        for audit in audits:
            policies_of[audit].add(policy)

    z_items, z_ignored = zizmor_items(zz, o.zizmor_root)

    p_items: dict[tuple[str, str], list[Item]] = collections.defaultdict(list)
    skipped_status = collections.Counter()
    for finding in pal.get("findings", []):
        if finding.get("kind") not in (None, "github-actions"):
            continue
        status = finding.get("status", "open")
        if status in ("suppressed", "excepted"):
            skipped_status[status] += 1
            continue
        audits = {a for eq in finding.get("equivalents") or [] if (a := audit_name(str(eq))) is not None}
        audits |= extra.get(finding.get("policy", ""), set())
        for audit in audits:
            policies_of[audit].add(finding.get("policy", "?"))
        file = norm_path(finding.get("file") or "", o.pal_root)
        line = int(finding.get("line") or 0)
        end = int(finding.get("end_line") or line)
        item = Item(file, line, end, palisade_job(finding), finding.get("message", ""), finding)
        for audit in audits:
            p_items[(audit, file)].append(item)

    rows: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    samples: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    z_files = collections.defaultdict(set)

    def sample(audit: str, what: str, text: str) -> None:
        if len(samples[(audit, what)]) < o.samples:
            samples[(audit, what)].append(text)

    def quote(item: Item) -> str:
        line = source_line(o.corpus, item.file, item.line)
        return f" — `{line}`" if line else ""

    for (audit, file), items in z_items.items():
        rows[audit]["zizmor"] += len(items)
        z_files[audit].add(file)
    for audit in sorted(set(a for a, _ in z_items) | set(a for a, _ in p_items)):
        if audit not in policies_of:
            continue
        files = sorted({f for a, f in z_items if a == audit} | {f for a, f in p_items if a == audit})
        for file in files:
            zs, ps = z_items.get((audit, file), []), p_items.get((audit, file), [])
            rows[audit]["palisade"] += len(ps)
            by_line, by_job, only_z, only_p = pair(zs, ps)
            rows[audit]["by_line"] += len(by_line)
            rows[audit]["by_job"] += len(by_job)
            rows[audit]["only_zizmor"] += len(only_z)
            rows[audit]["only_zizmor_medium"] += sum(1 for z in only_z if serious(z))
            rows[audit]["only_palisade"] += len(only_p)
            for z, p in by_job:
                sample(audit, "paired by job only (lines differ)",
                       f"`{file}` zizmor line {z.line}-{z.end}, Palisade line {p.line} (job `{z.job or '-'}`)")
            for z in only_z:
                level = (z.raw.get("determinations") or {})
                sample(audit, "zizmor reports, Palisade does not" + (" (medium or high)" if serious(z) else ""),
                       f"`{file}:{z.line}` job `{z.job or '-'}` ({level.get('severity', '?')}, "
                       f"{level.get('confidence', '?')} confidence): {z.text}{quote(z)}")
            for p in only_p:
                sample(audit, "Palisade reports, zizmor does not",
                       f"`{file}:{p.line}` job `{p.job or '-'}` ({p.raw.get('policy', '?')}): {p.text}{quote(p)}")

    mapped = sorted(policies_of)
    print(f"zizmor: {sum(len(v) for v in z_items.values())} findings over {len({a for a, _ in z_items})} audits"
          f"{f' ({z_ignored} marked ignored, left out)' if z_ignored else ''}; "
          f"Palisade: {sum(1 for f in pal.get('findings', []))} findings"
          f"{''.join(f', {n} {s} left out' for s, n in sorted(skipped_status.items()))}, "
          f"{pal.get('summary', {}).get('errors', 0)} errors.")
    print()
    print("| zizmor audit | Palisade policies | zizmor | Palisade | both (by line) | both (by job or workflow) "
          "| only Palisade | only zizmor | of which medium or high |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    totals = collections.Counter()
    for audit in mapped:
        r = rows[audit]
        totals.update(r)
        print(f"| {audit} | {', '.join(sorted(policies_of[audit]))} | {r['zizmor']} | {r['palisade']} "
              f"| {r['by_line']} | {r['by_job']} | {r['only_palisade']} | {r['only_zizmor']} "
              f"| {r['only_zizmor_medium']} |")
    print(f"| **all mapped** | | {totals['zizmor']} | {totals['palisade']} | {totals['by_line']} "
          f"| {totals['by_job']} | {totals['only_palisade']} | {totals['only_zizmor']} "
          f"| {totals['only_zizmor_medium']} |")
    both = totals["by_line"] + totals["by_job"]
    if totals["zizmor"] or totals["palisade"]:
        recall = both / totals["zizmor"] if totals["zizmor"] else 0.0
        precision = both / totals["palisade"] if totals["palisade"] else 0.0
        print()
        print(f"Of zizmor's {totals['zizmor']} findings in mapped audits Palisade reports {both} ({recall:.1%}; "
              f"{totals['by_line']} on the same line); of Palisade's {totals['palisade']} findings in those "
              f"audits zizmor reports {both} ({precision:.1%}).")
    unmapped = sorted((a for a in {a for a, _ in z_items} if a not in policies_of),
                      key=lambda a: (-rows[a]["zizmor"], a))
    if unmapped:
        print()
        print(f"zizmor audits no Palisade policy maps ({len(unmapped)}; most findings first):")
        print()
        print("| zizmor audit | findings | files |")
        print("|---|---:|---:|")
        for audit in unmapped:
            print(f"| {audit} | {rows[audit]['zizmor']} | {len(z_files[audit])} |")
    if o.details:
        with open(o.details, "w") as out:
            out.write("# Palisade vs zizmor on GitHub Actions: examples of each difference\n\n")
            for (audit, what), lines in sorted(samples.items()):
                out.write(f"## {audit} ({', '.join(sorted(policies_of.get(audit, []))) or 'unmapped'}): {what}\n\n")
                out.writelines(f"- {t}\n" for t in lines)
                out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
