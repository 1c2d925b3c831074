#!/usr/bin/env bash
# Palisade against detect-secrets (Yelp) on a secrets corpus: wall time and peak memory side by
# side, then recall and precision of both against the corpus's ground truth. Generates nothing:
# write the corpus first with scripts/make-secrets-corpus.py. Prints a Markdown summary on
# standard output; progress goes to standard error.
#
#   scripts/compare-detect-secrets.sh [--palisade BIN] [--runs N] CORPUS_DIR
#
#   --palisade BIN  the palisade binary (default $PALISADE, else .build/release/palisade; this
#                   script never builds)
#   --runs N        side-by-side runs of each tool, alternating (default 3); 0 runs each tool
#                   once, untimed, for the agreement alone
#   CORPUS_DIR      a folder written by scripts/make-secrets-corpus.py (it holds ground-truth.json)
#
# detect-secrets runs from the venv bench-data/secrets-venv (created with `pip install
# detect-secrets` when missing). Reports go to bench-data/secrets-results/ (git-ignored):
# palisade.json, detect-secrets.json, agreement.json (every miss and false positive).
# side_by_side.py is read from $BENCH_TOOLS (default /work/shared/bench).
#
# Each tool runs inside the corpus folder (`cd CORPUS_DIR`) and scans `.`, so that both report
# paths relative to the corpus root, and writes its report to a file; the timed run is the whole
# process, start-up and report included, on every core (both tools use all cores by default):
#   palisade scan . --kinds secrets --format json --skip-path ground-truth.json --output FILE
#   detect-secrets scan --all-files -n --exclude-files '^ground-truth\.json$' . > FILE
# detect-secrets needs --all-files: without it, it scans only the files git tracks, and the corpus
# lies under a git-ignored folder. -n (--no-verify) keeps it from calling the providers' APIs with
# the planted values (verification is a filter, not a plugin: the default plugin set is kept).
# The last timed run's reports are the ones scored.
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)

runs=3
pal=${PALISADE:-$repo/.build/release/palisade}
tools=${BENCH_TOOLS:-/work/shared/bench}
venv=bench-data/secrets-venv
results=bench-data/secrets-results
corpus=""

usage() { sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --palisade) pal="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        -*) echo "compare-detect-secrets.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
        *) [[ -z $corpus ]] || { echo "compare-detect-secrets.sh: one corpus folder only" >&2; exit 2; }
           corpus="$1"; shift ;;
    esac
done

say() { echo "compare-detect-secrets.sh: $*" >&2; }

[[ -n $corpus ]] || { usage >&2; exit 2; }
corpus=$(cd "$corpus" && pwd)
[[ -f $corpus/ground-truth.json ]] || { say "$corpus/ground-truth.json not found: write the corpus with scripts/make-secrets-corpus.py"; exit 2; }
[[ -x $pal ]] || { say "palisade binary $pal not found (give --palisade BIN)"; exit 2; }
pal=$(cd "$(dirname "$pal")" && pwd)/$(basename "$pal")   # the tools run inside the corpus folder
[[ $runs == 0 || -f $tools/side_by_side.py ]] || { say "$tools/side_by_side.py not found (set BENCH_TOOLS)"; exit 2; }
if [[ ! -x $venv/bin/detect-secrets ]]; then
    say "installing detect-secrets into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet detect-secrets >&2
fi
ds=$repo/$venv/bin/detect-secrets
mkdir -p "$results"
out=$repo/$results
pal_json=$out/palisade.json
ds_json=$out/detect-secrets.json

pal_cmd="cd $corpus && $pal scan . --kinds secrets --format json --skip-path ground-truth.json --output $pal_json"
ds_cmd="cd $corpus && $ds scan --all-files -n --exclude-files '^ground-truth\\.json\$' . > $ds_json"

ds_version=$("$ds" --version 2>/dev/null || echo '?')
pal_version=$("$pal" --version 2>/dev/null || echo '?')
read -r nfiles nbytes < <(python3 -c "import json,sys; t=json.load(open(sys.argv[1])); print(t['files'], t['bytes'])" "$corpus/ground-truth.json")

echo "## Secrets: Palisade vs detect-secrets ($(date -u +%Y-%m-%d))"
echo
echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average at the start $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- palisade $pal_version ($pal); detect-secrets $ds_version (PyPI, default plugins, --no-verify)"
echo "- corpus: $corpus, $nfiles files, $nbytes bytes"
echo "- commands (in the corpus folder): \`${pal_cmd#cd $corpus && }\`; \`${ds_cmd#cd $corpus && }\`"
echo

if [[ $runs -gt 0 ]]; then
    say "timing: palisade vs detect-secrets, $runs run(s) each, alternating"
    echo "### Side by side ($runs runs each, alternating; median wall, largest peak RSS)"
    echo
    echo '```'
    rm -f "$pal_json" "$ds_json"
    python3 "$tools/side_by_side.py" --a "$pal_cmd" --b "$ds_cmd" --runs "$runs" --min-ratio 1 --label-b detect-secrets || true
    echo '```'
    [[ -s $pal_json && -s $ds_json ]] || { say "a tool wrote no report: run its command by hand to see why"; exit 2; }
    echo
else
    say "one run of each tool (no timing)"
    rc=0; sh -c "$pal_cmd" || rc=$?
    [[ $rc -le 1 ]] || { say "palisade exited $rc"; exit 2; }
    sh -c "$ds_cmd"
fi

say "scoring against $corpus/ground-truth.json"
python3 scripts/secrets-agreement.py "$corpus/ground-truth.json" "$pal_json" "$ds_json" --root "$corpus" \
    --json "$out/agreement.json" | sed '1s/^# /### /; s/^## /#### /'
echo
echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- every miss and false positive: $results/agreement.json"
