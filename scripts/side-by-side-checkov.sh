#!/usr/bin/env bash
# Palisade and Checkov on the same folders, measured alternately so that both see the same load
# on a shared machine: per round, one Checkov run, then several Palisade runs whose median is
# kept. Prints one line per round and the median ratio per folder.
#
#   scripts/side-by-side-checkov.sh [--kind dockerfile|github-actions] [--rounds N] [--runs N]
#                                   FOLDER...
#
#   --kind KIND   the input to scan (default dockerfile); Checkov's framework is named after it
#   --rounds N    rounds per folder (default 3)
#   --runs N      Palisade runs per round, of which the median is kept (default 5)
#
# Palisade is .build/release/palisade (run `swift build -c release` first: a binary copied out of
# its build folder still reads the policies of the source tree's bundle). Checkov comes from
# bench-data/checkov-venv, which scripts/compare-zizmor.sh creates. Both write a JSON report to a
# file, as in docs/PERFORMANCE.md:
#
#   checkov -d . --framework dockerfile --quiet --compact -o json --skip-download > FILE
#   palisade scan . --kinds dockerfile --format json --output FILE
#
# Example: scripts/side-by-side-checkov.sh bench-data/docker-corpus bench-data/docker-gen-10
set -euo pipefail

kind=dockerfile
rounds=3
runs=5
folders=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --kind) kind="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        -*) echo "side-by-side-checkov.sh: unknown option $1" >&2; exit 2 ;;
        *) folders+=("$1"); shift ;;
    esac
done
[[ ${#folders[@]} -gt 0 ]] || { echo "side-by-side-checkov.sh: name at least one folder" >&2; exit 2; }

repo=$(cd "$(dirname "$0")/.." && pwd)
palisade=$repo/.build/release/palisade
checkov=$repo/bench-data/checkov-venv/bin/checkov
[[ -x $palisade ]] || { echo "no $palisade: run swift build -c release" >&2; exit 2; }
[[ -x $checkov ]] || { echo "no $checkov: run scripts/compare-zizmor.sh once to install it" >&2; exit 2; }
framework=${kind//-/_}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

for folder in "${folders[@]}"; do
    ratios=()
    for round in $(seq "$rounds"); do
        (cd "$folder" && start=$(date +%s.%N) \
            && { "$checkov" -d . --framework "$framework" --quiet --compact -o json --skip-download \
                > "$out/checkov.json" 2> "$out/checkov.err" || true; } \
            && end=$(date +%s.%N) && echo "$end - $start" | bc) > "$out/checkov.time"
        checkov_time=$(cat "$out/checkov.time")
        palisade_time=$(cd "$folder" && python3 - "$palisade" "$kind" "$out/palisade.json" "$runs" <<'PY'
import statistics, subprocess, sys, time
palisade, kind, report, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run([palisade, "scan", ".", "--kinds", kind, "--format", "json", "--output", report],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append(time.perf_counter() - start)
print(f"{statistics.median(times):.4f}")
PY
)
        ratio=$(echo "scale=1; $checkov_time / $palisade_time" | bc)
        ratios+=("$ratio")
        printf '%s round %d: checkov %.2f s, palisade %.4f s (median of %d), %s×\n' \
            "$folder" "$round" "$checkov_time" "$palisade_time" "$runs" "$ratio"
    done
    printf '%s: median ratio %s×\n' "$folder" "$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
done
