#!/usr/bin/env bash
# One timed Checkov run on a Terraform tree, passed checks included, for the comparison with
# Palisade and for bench-data/checkov-results/tf-summary.txt.
#
#   scripts/run-checkov-terraform.sh NAME DIR [TIMEOUT_SECONDS]
#
# Runs `checkov -d DIR --framework terraform -o json --compact --skip-download
# --download-external-modules false` from the venv bench-data/checkov-venv at nice 19 (the
# machine is shared with builds) under /usr/bin/time -v, stopped after TIMEOUT_SECONDS (default
# 2400). Writes bench-data/checkov-results/tf-NAME.json, .stderr and .time, and appends one row to
# bench-data/checkov-results/tf-timings.txt: files, wall clock, peak RSS, exit status, Checkov's
# counts, start time and load average. Exit status 1 is Checkov's "some checks failed"; 124 means
# the time limit was reached.
set -u
cd "$(dirname "$0")/.."
[[ $# -ge 2 ]] || { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
name=$1 dir=$2 limit=${3:-2400}
res=bench-data/checkov-results
ck=bench-data/checkov-venv/bin/checkov
[[ -x $ck ]] || { echo "run-checkov-terraform.sh: $ck not found (python3 -m venv bench-data/checkov-venv && bench-data/checkov-venv/bin/pip install checkov)" >&2; exit 2; }
mkdir -p "$res"
load=$(cut -d' ' -f1-3 /proc/loadavg)
start=$(date -u +%FT%TZ)
/usr/bin/time -v -o "$res/tf-$name.time" nice -n 19 timeout "$limit" \
    "$ck" -d "$dir" --framework terraform -o json --compact --skip-download \
    --download-external-modules false > "$res/tf-$name.json" 2> "$res/tf-$name.stderr"
rc=$?
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$res/tf-$name.time")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$res/tf-$name.time")
counts=$(python3 - "$res/tf-$name.json" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception as e:
    print(f"no JSON ({type(e).__name__})"); sys.exit()
runs = d if isinstance(d, list) else [d]
s = {k: sum((r.get("summary") or {}).get(k, 0) for r in runs) for k in ("resource_count", "failed", "passed", "parsing_errors")}
print(f"resources {s['resource_count']} failed {s['failed']} passed {s['passed']} parse-errors {s['parsing_errors']}")
PY
)
files=$(find "$dir" -type f \( -name '*.tf' -o -name '*.tfvars' \) | wc -l)
printf '%-28s | %5s files | wall %9s | peak RSS %6d MB | exit %3s | %s | start %s load %s\n' \
    "tf-$name" "$files" "$wall" "$((${rss:-0} / 1024))" "$rc" "$counts" "$start" "$load" >> "$res/tf-timings.txt"
tail -1 "$res/tf-timings.txt"
