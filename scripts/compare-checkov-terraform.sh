#!/usr/bin/env bash
# Palisade against Checkov on Terraform: speed, peak memory, scaling, and agreement on the checks
# that map, on generated trees and on public corpora. Prints a Markdown summary on standard
# output; progress goes to standard error. The Terraform counterpart of compare-checkov.sh.
#
#   scripts/compare-checkov-terraform.sh [N] [--runs R] [--scaling-runs R] [--sizes "200 2000 20000"]
#                                        [--seed S] [--nice K] [--no-build] [--agreement-only]
#                                        [--no-checkov] [--no-scaling] [--no-corpora]
#
#   N                 resources in the generated tree of the side-by-side run (default 2000)
#   --runs R          side-by-side runs of each tool, alternating (default 3; Checkov takes about
#                     half a minute on 2,000 resources and five minutes on 20,000)
#   --scaling-runs R  Palisade runs per tree size in the scaling series (default 5)
#   --sizes LIST      tree sizes of the scaling series (default "200 2000 20000")
#   --seed S          generator seed (default 4242)
#   --nice K          run both tools at this niceness (default 0; the machine is shared, so both
#                     get the same, never only one)
#   --no-build        use the release build already in .build/release
#   --agreement-only  no timing: run Palisade once per tree and reuse Checkov's report of the same
#                     tree when there is one (Checkov's results do not change with our policies).
#                     The command to re-measure after policies change.
#   --no-checkov      no side-by-side run and no agreement (Palisade's scaling only)
#   --no-scaling      skip the scaling series
#   --no-corpora      skip the public corpora in bench-data/tf-corpora
#   PALISADE=PATH     (environment) the palisade binary to time instead of .build/release/palisade
#
# What it uses and creates under bench-data/ (git-ignored): the release build of palisade;
# generated trees bench-data/tf-gen-N from scripts/make-terraform-modules.py (kept while the
# generator and seed are unchanged); Checkov in the venv bench-data/checkov-venv (pip install
# checkov from PyPI on first use); the public corpora in bench-data/tf-corpora/<name>/ gathered as
# scripts/fetch-terraform-corpora.md describes (skipped when absent); reports in
# bench-data/checkov-results/ (Checkov's as tf-<name>.json, the name of the file the corpus and
# scaling runs of scripts/run-checkov-terraform.sh write, so they are reused).
# side_by_side.py and compare_checkov.py are read from $BENCH_TOOLS (default /work/shared/bench);
# the per-check table comes from scripts/checkov-agreement-terraform.py, the mapped ids from
# `palisade policy list --format json` (or, where this build has no such command, from the
# built-in policy files, and the summary says so).
#
# Both tools run inside the tree (`cd DIR`), so that both report paths relative to it, write their
# JSON report to a file, and are timed as whole processes, start-up included. Checkov runs with
# --framework terraform, without --quiet (the agreement needs its passed checks), with --compact,
# --download-external-modules false (no network: registry modules stay unresolved, as they do for
# Palisade) and --skip-download (no wait on the Prisma Cloud API for guideline links). Peak memory
# is the largest resident set in the process tree (ru_maxrss as wait4 reports it).
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)

n=2000
runs=3
scaling_runs=5
sizes="200 2000 20000"
seed=4242
niceness=0
build=yes
mode=timing
scaling=yes
corpora=yes
tools=${BENCH_TOOLS:-/work/shared/bench}
venv=bench-data/checkov-venv
results=bench-data/checkov-results
pal=${PALISADE:-$repo/.build/release/palisade}

usage() { sed -n '2,45p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --scaling-runs) scaling_runs="$2"; shift 2 ;;
        --sizes) sizes="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --nice) niceness="$2"; shift 2 ;;
        --no-build) build=no; shift ;;
        --agreement-only) mode=agreement; scaling=no; shift ;;
        --no-checkov) mode=none; corpora=no; shift ;;
        --no-scaling) scaling=no; shift ;;
        --no-corpora) corpora=no; shift ;;
        -h|--help) usage; exit 0 ;;
        [0-9]*) n="$1"; shift ;;
        *) echo "compare-checkov-terraform.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done

say() { echo "compare-checkov-terraform.sh: $*" >&2; }

if [[ $mode != none ]]; then
    for tool in side_by_side.py compare_checkov.py; do
        [[ -f $tools/$tool ]] || { say "$tools/$tool not found (set BENCH_TOOLS)"; exit 2; }
    done
fi
mkdir -p "$results"
results_abs=$repo/$results
nice_prefix=""
[[ $niceness != 0 ]] && nice_prefix="nice -n $niceness "

# 1. Palisade, release build.
if [[ $build == yes ]]; then
    say "building palisade (release)"
    swift build -c release --product palisade >&2
fi
[[ -x $pal ]] || { say "$pal not found; build it or drop --no-build"; exit 2; }

# 2. Generated trees: regenerated only when the generator or the seed changed.
generator_sum=$(sha256sum scripts/make-terraform-modules.py | cut -c1-16)
tree() {
    local size=$1 dir=bench-data/tf-gen-$1
    local stamp="$dir/.stamp"
    if [[ ! -f $stamp || $(cat "$stamp") != "$generator_sum seed $seed" ]]; then
        say "writing a tree of $size resources to $dir"
        python3 scripts/make-terraform-modules.py --resources "$size" --out "$dir" --seed "$seed" --force >&2
        echo "$generator_sum seed $seed" > "$stamp"
    fi
    echo "$dir"
}
tree_files() { find "$1" -type f \( -name '*.tf' -o -name '*.tfvars' \) | wc -l; }
tree_bytes() {
    find "$1" -type f \( -name '*.tf' -o -name '*.tfvars' \) -printf '%s\n' | awk '{s+=$1} END {print s+0}'
}

# Median wall time and peak RSS of R runs of a command (exit 0 or 1 accepted: 1 means findings).
measure() {
    python3 - "$@" <<'PY'
import os, statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2]
walls, peaks = [], []
for _ in range(runs):
    start = time.perf_counter()
    p = subprocess.Popen(["sh", "-c", cmd], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    walls.append(time.perf_counter() - start)
    peaks.append(usage.ru_maxrss / 1024)
    rc = os.waitstatus_to_exitcode(status)
    if rc not in (0, 1):
        sys.exit(f"exit status {rc}: {cmd}")
print(f"{statistics.median(walls):.3f} {max(peaks):.0f} {' '.join(f'{w:.2f}' for w in walls)}")
PY
}

# The commands, run inside the tree; reports go to absolute paths.
pal_cmd() { echo "cd $1 && ${nice_prefix}$pal scan . --kinds terraform --format json --output $2"; }
ck_cmd() {
    echo "cd $1 && ${nice_prefix}$repo/$venv/bin/checkov -d . --framework terraform -o json --compact" \
        "--skip-download --download-external-modules false > $2 2> $2.stderr"
}

machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average at the start $(cut -d' ' -f1-3 /proc/loadavg)"
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
{
    echo "## Terraform scan: Palisade vs Checkov ($(date -u +%Y-%m-%d))"
    echo
    echo "- machine: $machine"
    echo "- palisade $("$pal" --version 2>/dev/null || echo '?') at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources || echo ' (with uncommitted changes)'), release build"
} >> "$summary"

if [[ $mode != none ]]; then
    if [[ ! -x $venv/bin/checkov ]]; then
        say "installing checkov into $venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet checkov >&2
    fi
    ck_version=$("$venv/bin/checkov" --version)
    echo "- checkov $ck_version (PyPI), $("$venv/bin/python" --version)$([[ $niceness != 0 ]] && echo ", both tools at nice $niceness")" >> "$summary"

    # The mapped ids: from `palisade policy list` when this build has it, else from the policy files.
    policies=$results/tf-policies.json
    if "$pal" policy list --format json > "$policies" 2>/dev/null; then
        policy_source="palisade policy list --format json"
    else
        "$venv/bin/python" - "$policies" Sources/PolicyLibrary/Policies <<'PY'
import json, pathlib, sys, yaml
out, root = sys.argv[1], pathlib.Path(sys.argv[2])
policies = []
for path in sorted(root.rglob("*.y*ml")):
    doc = yaml.safe_load(path.read_text())
    if isinstance(doc, dict) and "id" in doc:
        policies.append({"id": doc["id"], "kinds": doc.get("kinds") or [],
                         "equivalents": [str(e) for e in doc.get("equivalents") or []]})
json.dump(policies, open(out, "w"), indent=1)
PY
        policy_source="read from the files under Sources/PolicyLibrary/Policies: this build has no \`palisade policy list\`"
    fi
    "$venv/bin/checkov" --list --framework terraform > "$results/tf-checkov-checks.txt" 2>/dev/null || true

    # Runs Palisade once on DIR and Checkov unless its report of DIR (same tree, same Checkov) exists.
    reports() {
        local dir=$1 name=$2
        local pal_json=$results_abs/palisade-tf-$name.json ck_json=$results_abs/tf-$name.json
        local stamp_text="$(cat "$dir/.stamp" 2>/dev/null || find "$dir" -type f -name '*.tf' -printf '%s %p\n' | sort | sha256sum | cut -c1-16) checkov $ck_version"
        say "palisade on $dir"
        measure 1 "$(pal_cmd "$dir" "$pal_json")" > /dev/null
        if [[ ! -s $ck_json || ! -f $ck_json.stamp || $(cat "$ck_json.stamp") != "$stamp_text" ]]; then
            say "checkov on $dir (no report of this tree yet)"
            measure 1 "$(ck_cmd "$dir" "$ck_json")" > /dev/null
        else
            say "reusing $ck_json"
        fi
        echo "$stamp_text" > "$ck_json.stamp"
    }
    # Prints the counts each tool saw, the shared tool's line-based agreement and the per-check table.
    agreement() {
        local name=$1 top=$2
        local pal_json=$results/palisade-tf-$name.json ck_json=$results/tf-$name.json
        python3 - "$pal_json" "$ck_json" <<'PY'
import json, sys
pal = json.load(open(sys.argv[1]))["summary"]
runs = json.load(open(sys.argv[2]))
runs = runs if isinstance(runs, list) else [runs]
ck = {k: sum(r["summary"][k] for r in runs) for k in ("resource_count", "failed", "passed", "parsing_errors")}
print(f"palisade: {pal['files']} files, {pal['resources']} resources, {pal['policies']} policies, "
      f"{pal['findings']} findings, {pal['errors']} errors; checkov: {ck['resource_count']} resources, "
      f"{ck['failed']} failed and {ck['passed']} passed checks, {ck['parsing_errors']} parsing errors")
PY
        echo
        echo '```'
        PAL_POLICY_LIST=$policies RECALL_MIN=0 COVERAGE_MIN=0 python3 "$tools/compare_checkov.py" "$pal_json" "$ck_json" || true
        echo '```'
        echo
        python3 scripts/checkov-agreement-terraform.py "$pal_json" "$ck_json" --policies "$policies" \
            --checkov-list "$results/tf-checkov-checks.txt" --details "$results/tf-disagreements-$name.md" --top "$top"
        echo
        echo "Examples of each difference: $results/tf-disagreements-$name.md"
    }

    # 3. Side by side on the generated tree of N resources.
    dir=$(tree "$n")
    name=gen-$n
    {
        echo "- generated tree: $dir, $(tree_files "$dir") files, $(tree_bytes "$dir") bytes (scripts/make-terraform-modules.py --resources $n --out $dir --seed $seed)"
        echo "- mapped Checkov ids: $policy_source"
    } >> "$summary"
    if [[ $mode == timing ]]; then
        say "side by side on $dir, $runs run(s) each, alternating"
        cmd_a=$(pal_cmd "$dir" "$results_abs/palisade-tf-$name.json")
        cmd_b=$(ck_cmd "$dir" "$results_abs/tf-$name.json")
        sbs=$(python3 "$tools/side_by_side.py" --a "$cmd_a" --b "$cmd_b" --runs "$runs" --min-ratio 1 \
            --label-b checkov) || true
        echo "$sbs" >&2
        echo "$(cat "$dir/.stamp") checkov $ck_version" > "$results/tf-$name.json.stamp"
        {
            echo
            echo "### Side by side on $n resources ($runs run(s) each, alternating)"
            echo
            echo '```'
            echo "A: $cmd_a"
            echo "B: $cmd_b"
            echo "$sbs"
            echo '```'
        } >> "$summary"
    else
        reports "$dir" "$name"
    fi
    {
        echo
        echo "### Agreement on the generated tree of $n resources"
        echo
        agreement "$name" 25
    } >> "$summary"

    # 4. Public corpora: one agreement per corpus, then all of them together.
    if [[ $corpora == yes && -d bench-data/tf-corpora ]]; then
        names=()
        for d in bench-data/tf-corpora/*/; do
            c=$(basename "$d")
            reports "bench-data/tf-corpora/$c" "$c"
            names+=("$c")
        done
        if [[ ${#names[@]} -gt 0 ]]; then
            # All corpora as one: each corpus's paths prefixed with its name, in both reports.
            python3 - "$results" "${names[@]}" <<'PY'
import json, sys
results, names = sys.argv[1], sys.argv[2:]
pal = {"schema": "palisade.report/v1", "summary": {"files": 0, "resources": 0, "policies": 0, "findings": 0, "errors": 0},
       "findings": [], "errors": []}
ck = {"check_type": "terraform", "results": {"failed_checks": [], "passed_checks": [], "parsing_errors": []},
      "summary": {"resource_count": 0, "failed": 0, "passed": 0, "parsing_errors": 0}}
for name in names:
    p = json.load(open(f"{results}/palisade-tf-{name}.json"))
    for k in ("files", "resources", "findings", "errors"):
        pal["summary"][k] += p["summary"].get(k, 0)
    pal["summary"]["policies"] = max(pal["summary"]["policies"], p["summary"].get("policies", 0))
    for f in p.get("findings", []):
        file = (f.get("file") or "").lstrip("./")
        pal["findings"].append({**f, "file": f"{name}/{file}"})
    runs = json.load(open(f"{results}/tf-{name}.json"))
    for r in runs if isinstance(runs, list) else [runs]:
        if r.get("check_type") != "terraform":
            continue
        for key in ("failed_checks", "passed_checks"):
            for f in (r.get("results") or {}).get(key) or []:
                ck["results"][key].append({**f, "file_path": f"/{name}/{f.get('file_path', '').lstrip('/')}"})
        ck["results"]["parsing_errors"] += (r.get("results") or {}).get("parsing_errors") or []
        for k in ck["summary"]:
            ck["summary"][k] += r["summary"].get(k, 0)
json.dump(pal, open(f"{results}/palisade-tf-corpora.json", "w"))
json.dump(ck, open(f"{results}/tf-corpora.json", "w"))
PY
            {
                echo
                echo "### Agreement on the public corpora (${names[*]}; bench-data/tf-corpora/MANIFEST.txt)"
                echo
                agreement corpora 40
            } >> "$summary"
            for c in "${names[@]}"; do
                {
                    echo
                    echo "#### $c"
                    echo
                    agreement "$c" 10
                } >> "$summary"
            done
        fi
    fi
fi

# 5. Scaling: Palisade alone at each size; Checkov's single runs from tf-timings.txt when there.
if [[ $scaling == yes ]]; then
    {
        echo
        echo "### Palisade scaling ($scaling_runs runs per size: median wall, largest peak RSS)"
        echo
        echo "| resources | files | bytes | median wall (s) | runs (s) | peak RSS (MB) | µs per resource |"
        echo "|---:|---:|---:|---:|---|---:|---:|"
    } >> "$summary"
    points=()
    for size in $sizes; do
        dir=$(tree "$size")
        say "palisade on $dir, $scaling_runs runs"
        read -r wall peak all < <(measure "$scaling_runs" "$(pal_cmd "$dir" "$results_abs/palisade-tf-scaling-$size.json")")
        per=$(awk -v w="$wall" -v n="$size" 'BEGIN {printf "%.0f", w * 1e6 / n}')
        echo "| $size | $(tree_files "$dir") | $(tree_bytes "$dir") | $wall | ${all// /, } | $peak | $per |" >> "$summary"
        points+=("$size:$wall")
    done
    python3 - "${points[@]}" >> "$summary" <<'PY'
import sys
pts = [(float(a), float(b)) for a, b in (p.split(":") for p in sys.argv[1:])]
if len(pts) >= 2:
    n = len(pts); mx = sum(x for x, _ in pts) / n; my = sum(y for _, y in pts) / n
    sxx = sum((x - mx) ** 2 for x, _ in pts); sxy = sum((x - mx) * (y - my) for x, y in pts)
    b = sxy / sxx; a = my - b * mx
    ss = sum((y - my) ** 2 for _, y in pts); res = sum((y - a - b * x) ** 2 for x, y in pts)
    r2 = 1 - res / ss if ss else 1.0
    print()
    print(f"Least-squares line: wall = {a:.3f} s + {b * 1e6:.1f} µs × resources, R² = {r2:.4f}; "
          f"largest relative residual {max(abs(y - a - b * x) / y for x, y in pts):.1%}.")
PY
    if [[ -f $results/tf-timings.txt ]]; then
        {
            echo
            echo "Checkov, one run per tree (bench-data/checkov-results/tf-timings.txt, nice 19):"
            echo
            echo '```'
            grep -E "^tf-gen-" "$results/tf-timings.txt" || true
            echo '```'
        } >> "$summary"
    fi
fi

echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$summary"
cat "$summary"
