#!/usr/bin/env bash
# Palisade against Checkov on the same Kubernetes corpus: speed, peak memory, scaling and
# agreement on the checks that map. Prints a Markdown summary on standard output; progress
# goes to standard error. docs/PERFORMANCE.md and docs/COMPARISON.md record a run.
#
#   scripts/compare-checkov.sh [N] [--runs R] [--scaling-runs R] [--sizes "1000 5000 ..."]
#                              [--seed S] [--no-build] [--agreement-only] [--no-checkov]
#                              [--no-scaling]
#
#   N                 manifest files in the side-by-side corpus (default 10000)
#   --runs R          side-by-side runs of each tool, alternating (default 3; Checkov takes
#                     several minutes a run on 10,000 files)
#   --scaling-runs R  Palisade runs per corpus size in the scaling series (default 5)
#   --sizes LIST      corpus sizes of the scaling series (default "1000 5000 10000 20000")
#   --seed S          generator seed (default 4242)
#   --no-build        use the release build already in .build/release
#   --agreement-only  no timing: run Palisade once, reuse Checkov's report of the same corpus
#                     when there is one (Checkov's findings do not change with our policies),
#                     and print the agreement. This is the command to re-measure after
#                     policies change.
#   --no-checkov      skip the side-by-side run and the agreement (Palisade's scaling only)
#   --no-scaling      skip the scaling series
#
# It creates what it needs under bench-data/ (git-ignored): the release build of palisade,
# corpora bench-data/k8s-N written by scripts/make-k8s-manifests.py (kept while the generator
# and seed are unchanged), Checkov in the venv bench-data/peers-venv (pip install checkov from
# PyPI on first use), and the reports in bench-data/checkov-results/. The timing and agreement
# helpers side_by_side.py and compare_checkov.py are read from $BENCH_TOOLS (default
# /work/shared/bench); the per-check table comes from scripts/checkov-agreement.py. The mapped
# Checkov ids come from `palisade policy list --format json`; where this build has no such
# command, they are read from the built-in policy files instead, and the summary says so.
#
# Both tools write their JSON report to a file, and the whole process is timed, start-up
# included. Checkov runs with --skip-download, so that it does not wait on the Prisma Cloud
# API for guideline links (its checks are the same). Peak memory is the largest resident set
# in the process tree (ru_maxrss as wait4 reports it): for Checkov's worker processes, the
# biggest one, not their sum.
set -euo pipefail

cd "$(dirname "$0")/.."

n=10000
runs=3
scaling_runs=5
sizes="1000 5000 10000 20000"
seed=4242
build=yes
mode=timing
scaling=yes
tools=${BENCH_TOOLS:-/work/shared/bench}
venv=bench-data/peers-venv
results=bench-data/checkov-results
pal=.build/release/palisade

usage() { sed -n '2,38p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --scaling-runs) scaling_runs="$2"; shift 2 ;;
        --sizes) sizes="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --no-build) build=no; shift ;;
        --agreement-only) mode=agreement; scaling=no; shift ;;
        --no-checkov) mode=none; shift ;;
        --no-scaling) scaling=no; shift ;;
        -h|--help) usage; exit 0 ;;
        [0-9]*) n="$1"; shift ;;
        *) echo "compare-checkov.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done

say() { echo "compare-checkov.sh: $*" >&2; }

if [[ $mode != none ]]; then
    for tool in side_by_side.py compare_checkov.py; do
        [[ -f $tools/$tool ]] || { say "$tools/$tool not found (set BENCH_TOOLS)"; exit 2; }
    done
fi
mkdir -p "$results"

# 1. Palisade, release build.
if [[ $build == yes ]]; then
    say "building palisade (release)"
    swift build -c release --product palisade >&2
fi
[[ -x $pal ]] || { say "$pal not found; build it or drop --no-build"; exit 2; }

# 2. Corpora: regenerated only when the generator or the seed changed.
generator_sum=$(sha256sum scripts/make-k8s-manifests.py | cut -c1-16)
corpus() {
    local size=$1 dir=bench-data/k8s-$1
    local stamp="$dir/.stamp"
    if [[ ! -f $stamp || $(cat "$stamp") != "$generator_sum seed $seed" ]]; then
        say "writing $size manifests to $dir"
        python3 scripts/make-k8s-manifests.py "$size" "$dir" --seed "$seed" --force >&2
        echo "$generator_sum seed $seed" > "$stamp"
    fi
    echo "$dir"
}
corpus_bytes() {
    find "$1" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -printf '%s\n' | awk '{s+=$1} END {print s}'
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

machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average at the start $(cut -d' ' -f1-3 /proc/loadavg)"
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
{
    echo "## Kubernetes scan: Palisade vs Checkov ($(date -u +%Y-%m-%d))"
    echo
    echo "- machine: $machine"
    echo "- palisade $("$pal" --version 2>/dev/null || echo '?') at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources || echo ' (with uncommitted changes)'), release build"
} >> "$summary"

# 3. Side by side on N files (or, with --agreement-only, one run of each, Checkov's reused).
if [[ $mode != none ]]; then
    if [[ ! -x $venv/bin/checkov ]]; then
        say "installing checkov into $venv"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet checkov >&2
    fi
    ck_version=$("$venv/bin/checkov" --version)
    dir=$(corpus "$n")
    files=$(find "$dir" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) | wc -l)
    pal_json=$results/palisade-$n.json
    ck_json=$results/checkov-$n.json
    ck_stamp="$(cat "$dir/.stamp") checkov $ck_version"
    pal_cmd="$pal scan $dir --format json --output $pal_json"
    ck_cmd="$venv/bin/checkov -d $dir --framework kubernetes -o json --quiet --compact --skip-download > $ck_json 2> $results/checkov-$n.stderr"
    {
        echo "- checkov $ck_version (PyPI), $("$venv/bin/python" --version)"
        echo "- corpus: $dir, $files files, $(corpus_bytes "$dir") bytes (scripts/make-k8s-manifests.py $n $dir --seed $seed)"
    } >> "$summary"
    if [[ $mode == timing ]]; then
        say "side by side on $dir ($files files), $runs run(s) each; Checkov takes minutes a run"
        sbs=$(python3 "$tools/side_by_side.py" --a "$pal_cmd" --b "$ck_cmd" --runs "$runs" --min-ratio 50 \
            --label-b checkov) || true
        echo "$sbs" >&2
        echo "$ck_stamp" > "$ck_json.stamp"
        {
            echo
            echo "### Side by side ($runs run(s) each, alternating)"
            echo
            echo '```'
            echo "A: $pal_cmd"
            echo "B: $ck_cmd"
            echo "$sbs"
            echo '```'
        } >> "$summary"
    else
        say "palisade on $dir"
        measure 1 "$pal_cmd" > /dev/null
        if [[ ! -f $ck_json.stamp || $(cat "$ck_json.stamp") != "$ck_stamp" ]]; then
            say "checkov on $dir (no report of this corpus yet); takes minutes"
            measure 1 "$ck_cmd" > /dev/null
            echo "$ck_stamp" > "$ck_json.stamp"
        else
            say "reusing $ck_json"
        fi
    fi

    # The mapped ids: from `palisade policy list` when this build has it, else from the policy files.
    policies=$results/policies.json
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
        policies.append({"id": doc["id"], "equivalents": [str(e) for e in doc.get("equivalents") or []]})
json.dump({"policies": policies}, open(out, "w"), indent=1)
PY
        policy_source="read from the files under Sources/PolicyLibrary/Policies: this build has no \`palisade policy list\`"
    fi
    say "agreement (mapped ids $policy_source)"
    agreement=$(PAL_POLICY_LIST=$policies RECALL_MIN=0 COVERAGE_MIN=0 \
        python3 "$tools/compare_checkov.py" "$pal_json" "$ck_json") || true
    "$venv/bin/checkov" --list --framework kubernetes > "$results/checkov-checks.txt" 2>/dev/null || true
    table=$(python3 scripts/checkov-agreement.py "$pal_json" "$ck_json" --policies "$policies" \
        --checkov-list "$results/checkov-checks.txt" --details "$results/disagreements-$n.md")
    counts=$(python3 - "$pal_json" "$ck_json" <<'PY'
import json, sys
pal = json.load(open(sys.argv[1]))["summary"]
runs = json.load(open(sys.argv[2]))
runs = runs if isinstance(runs, list) else [runs]
ck = {k: sum(r["summary"][k] for r in runs) for k in ("resource_count", "failed", "passed", "parsing_errors")}
print(f"palisade: {pal['files']} files, {pal['resources']} resources, {pal['policies']} policies, "
      f"{pal['findings']} findings, {pal['errors']} errors; checkov: {ck['resource_count']} resources, "
      f"{ck['failed']} failed and {ck['passed']} passed checks, {ck['parsing_errors']} parsing errors")
PY
)
    {
        echo
        echo "### What each tool saw"
        echo
        echo "$counts"
        echo
        echo "### Agreement on the checks that map (mapped ids $policy_source)"
        echo
        echo '```'
        echo "$agreement"
        echo '```'
        echo
        echo "$table"
        echo
        echo "Examples of each disagreement: $results/disagreements-$n.md"
    } >> "$summary"
fi

# 4. Scaling: Palisade alone at each size.
if [[ $scaling == yes ]]; then
    {
        echo
        echo "### Palisade scaling ($scaling_runs runs per size: median wall, largest peak RSS)"
        echo
        echo "| files | bytes | median wall (s) | runs (s) | peak RSS (MB) | µs per file |"
        echo "|---:|---:|---:|---|---:|---:|"
    } >> "$summary"
    points=()
    for size in $sizes; do
        dir=$(corpus "$size")
        say "palisade on $dir, $scaling_runs runs"
        read -r wall peak all < <(measure "$scaling_runs" \
            "$pal scan $dir --format json --output $results/palisade-scaling-$size.json")
        per=$(awk -v w="$wall" -v n="$size" 'BEGIN {printf "%.0f", w * 1e6 / n}')
        echo "| $size | $(corpus_bytes "$dir") | $wall | ${all// /, } | $peak | $per |" >> "$summary"
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
    print(f"Least-squares line: wall = {a:.3f} s + {b * 1e6:.1f} µs × files, R² = {r2:.4f}; "
          f"largest relative residual {max(abs(y - a - b * x) / y for x, y in pts):.1%}.")
PY
fi

echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$summary"
cat "$summary"
