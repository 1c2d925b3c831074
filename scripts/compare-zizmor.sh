#!/usr/bin/env bash
# Palisade against zizmor and Checkov on GitHub Actions workflows (and Checkov on Dockerfiles):
# speed and peak memory side by side, parse errors on real workflows, and per-audit agreement with
# zizmor. Prints a Markdown summary on standard output (the timing table is ready for
# docs/PERFORMANCE.md); progress goes to standard error.
#
#   scripts/compare-zizmor.sh [--runs N] [--checkov-runs N] [--sizes "1 10 50"]
#                             [--kinds "github-actions dockerfile"] [--nice K] [--no-build]
#                             [--no-checkov] [--agreement-only]
#
#   --runs N          side-by-side runs of Palisade and zizmor at each size, alternating (default 5)
#   --checkov-runs N  side-by-side runs against Checkov at each size (default 3; Checkov takes
#                     seconds to minutes here, depending on the size)
#   --sizes LIST      corpus copies to time: 1 is the fetched corpus itself, N > 1 the folder
#                     bench-data/gha-gen-N (docker-gen-N) that scripts/make-gha-corpus.py writes
#                     (default "1 10 50")
#   --kinds LIST      inputs to time (default "github-actions dockerfile"); a kind whose corpus is
#                     absent is skipped with a note; for a kind this build of Palisade does not
#                     read yet, Checkov is timed alone (one run per size). The zizmor agreement
#                     runs when github-actions is in the list
#   --nice K          run every tool at this niceness (default 0; always the same for all tools)
#   --no-build        use the release build already in .build/release
#   --no-checkov      leave Checkov out (zizmor and the agreement only)
#   --agreement-only  no timing: one run of each tool on the fetched corpus, then the parse-error
#                     list and the per-audit agreement. The command to re-measure after policies
#                     change.
#   PALISADE=PATH     (environment) the palisade binary to time instead of .build/release/palisade
#
# What it uses and creates under bench-data/ (git-ignored): the fetched corpora
# bench-data/gha-corpus/ and bench-data/docker-corpus/ (scripts/fetch-gha-corpus.md says how they
# were gathered; scripts/gha-corpus.manifest lists every file); copies from scripts/make-gha-corpus.py;
# zizmor in the venv bench-data/peers-venv (pip install zizmor on first use) and Checkov in
# bench-data/checkov-venv (shared with the Terraform comparison); reports in
# bench-data/zizmor-results/. side_by_side.py is read from $BENCH_TOOLS (default
# /work/shared/bench); the agreement table comes from scripts/zizmor-agreement.py, the mapped
# audits from `palisade policy list --format json`.
#
# Every tool runs inside the folder it scans (`cd DIR`), so that all report paths relative to it,
# and writes its report to a file: the time is the whole process, start-up and report included.
#   palisade scan . --kinds KIND --format json --output FILE
#   zizmor --offline --collect=all --format json .      (the regular persona, zizmor's default;
#        --offline: no GitHub API, so the online audits do not run; --collect=all: the corpus lies
#        under a git-ignored folder, which the default collection would honour)
#   checkov -d . --framework github_actions|dockerfile --quiet --compact -o json --skip-download
# Peak memory is the largest resident set of the process tree (ru_maxrss as wait4 reports it).
# Exit status 0 or 1 means the tool ran (1: it found something); zizmor's exit codes 10-14 also
# mean findings, and are accepted.
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)

runs=5
checkov_runs=3
sizes="1 10 50"
kinds="github-actions dockerfile"
niceness=0
build=yes
checkov=yes
mode=timing
tools=${BENCH_TOOLS:-/work/shared/bench}
peers=bench-data/peers-venv
ckvenv=bench-data/checkov-venv
results=bench-data/zizmor-results
pal=${PALISADE:-$repo/.build/release/palisade}

usage() { sed -n '2,47p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --checkov-runs) checkov_runs="$2"; shift 2 ;;
        --sizes) sizes="$2"; shift 2 ;;
        --kinds) kinds="$2"; shift 2 ;;
        --nice) niceness="$2"; shift 2 ;;
        --no-build) build=no; shift ;;
        --no-checkov) checkov=no; shift ;;
        --agreement-only) mode=agreement; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "compare-zizmor.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done

say() { echo "compare-zizmor.sh: $*" >&2; }

[[ $mode == agreement || -f $tools/side_by_side.py ]] || { say "$tools/side_by_side.py not found (set BENCH_TOOLS)"; exit 2; }
[[ -d bench-data/gha-corpus ]] || { say "bench-data/gha-corpus not found: gather it first (scripts/fetch-gha-corpus.md)"; exit 2; }
mkdir -p "$results"
results_abs=$repo/$results
nice_prefix=""
[[ $niceness != 0 ]] && nice_prefix="nice -n $niceness "

# 1. Palisade, release build; the peers in their venvs.
if [[ $build == yes ]]; then
    say "building palisade (release)"
    swift build -c release --product palisade >&2
fi
[[ -x $pal ]] || { say "$pal not found; build it or drop --no-build"; exit 2; }
if [[ ! -x $peers/bin/zizmor ]]; then
    say "installing zizmor into $peers"
    python3 -m venv "$peers"
    "$peers/bin/pip" install --quiet zizmor >&2
fi
zizmor=$repo/$peers/bin/zizmor
if [[ $checkov == yes && ! -x $ckvenv/bin/checkov ]]; then
    say "installing checkov into $ckvenv"
    python3 -m venv "$ckvenv"
    "$ckvenv/bin/pip" install --quiet checkov >&2
fi
checkov_bin=$repo/$ckvenv/bin/checkov

# The commands, run inside the folder; reports go to absolute paths.
pal_cmd() { echo "cd $1 && ${nice_prefix}$pal scan . --kinds $2 --format json --output $3"; }
zz_cmd() { echo "cd $1 && ${nice_prefix}$zizmor --offline --collect=all --format json . > $2 2> $2.stderr"; }
ck_cmd() {
    echo "cd $1 && ${nice_prefix}$checkov_bin -d . --framework $2 --quiet --compact -o json --skip-download > $3 2> $3.stderr"
}
# Runs a command once; fails unless its exit status says it ran (zizmor: 10-14 are findings).
once() {
    local rc=0
    sh -c "$1" || rc=$?
    if [[ $rc -gt 1 && ! ( $rc -ge 10 && $rc -le 14 ) ]]; then
        say "exit status $rc: $1"
        return 1
    fi
}

files_of() { find "$1" -type f \( -name '*.yml' -o -name '*.yaml' -o -name 'Dockerfile*' -o -name '*.Dockerfile' \) | wc -l; }
bytes_of() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }
corpus_of() { [[ $1 == github-actions ]] && echo bench-data/gha-corpus || echo bench-data/docker-corpus; }
gen_of() { [[ $1 == github-actions ]] && echo bench-data/gha-gen-$2 || echo bench-data/docker-gen-$2; }
# The folder of SIZE copies of KIND's corpus (written when missing or stale).
folder() {
    local kind=$1 size=$2 src
    src=$(corpus_of "$kind")
    if [[ $size == 1 ]]; then echo "$src"; return; fi
    python3 scripts/make-gha-corpus.py "$size" --src "$src" --out "$(gen_of "$kind" "$size")" >&2
    gen_of "$kind" "$size"
}
# Whether this build of Palisade reads KIND (an unknown kind is a usage error, exit 2).
reads_kind() {
    local rc=0
    "$pal" scan "$repo/bench-data/gha-corpus" --kinds "$1" --format json --output /dev/null > /dev/null 2>&1 || rc=$?
    [[ $rc -le 1 ]] && grep -q "\"$1\"" "$policies"
}

machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load average at the start $(cut -d' ' -f1-3 /proc/loadavg)"
zz_version=$("$zizmor" --version 2>/dev/null | awk '{print $2}')
ck_version=$([[ $checkov == yes ]] && "$checkov_bin" --version 2>/dev/null || echo "not run")
summary=$(mktemp)
rows=$(mktemp)
trap 'rm -f "$summary" "$rows"' EXIT
{
    echo "## GitHub Actions and Dockerfiles: Palisade vs zizmor and Checkov ($(date -u +%Y-%m-%d))"
    echo
    echo "- machine: $machine"
    echo "- palisade $("$pal" --version 2>/dev/null || echo '?') at $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources || echo ' (with uncommitted changes)'), release build"
    echo "- zizmor $zz_version (PyPI), regular persona (the default), --offline; checkov $ck_version (PyPI)$([[ $niceness != 0 ]] && echo ", all tools at nice $niceness")"
    echo "- corpus: bench-data/gha-corpus, $(files_of bench-data/gha-corpus) files, $(bytes_of bench-data/gha-corpus) bytes (scripts/gha-corpus.manifest)$([[ -d bench-data/docker-corpus ]] && echo "; bench-data/docker-corpus, $(files_of bench-data/docker-corpus) files, $(bytes_of bench-data/docker-corpus) bytes")"
} >> "$summary"

# 2. One run of each tool on the fetched workflows: parse errors and agreement (when the
#    github-actions input is among the kinds asked for).
corpus=bench-data/gha-corpus
pal_json=$results_abs/palisade-gha.json
zz_json=$results_abs/zizmor-gha.json
policies=$results_abs/policies.json
"$pal" policy list --format json > "$policies"
if [[ " $kinds " == *" github-actions "* ]]; then
    say "palisade and zizmor on $corpus"
    once "$(pal_cmd "$corpus" github-actions "$pal_json")"
    once "$(zz_cmd "$corpus" "$zz_json")"
{
    echo
    echo "### Parse errors and warnings on the fetched workflows"
    echo
    python3 - "$pal_json" "$corpus" <<'PY'
import json, sys
report, corpus = json.load(open(sys.argv[1])), sys.argv[2]
summary = report.get("summary", {})
errors = report.get("errors", [])
print(f"Palisade read {summary.get('files', '?')} files ({summary.get('resources', '?')} workflows and actions): "
      f"{summary.get('errors', 0)} errors, {summary.get('warnings', 0)} warnings.")
for e in errors:
    text = ""
    try:
        text = open(f"{corpus}/{e['file']}", encoding="utf-8", errors="replace").read().splitlines()[e["line"] - 1].strip()
    except (OSError, IndexError):
        pass
    print(f"- `{e['file']}:{e['line']}:{e['column']}` {e['level']}: {e['message']}" + (f" — `{text[:120]}`" if text else ""))
PY
    grep -E "^[[:space:]]*(ERROR|WARN)|failed to load" "$zz_json.stderr" | cut -c1-220 | sed "s/^ */- zizmor: /" | head -20 || true
    echo
    echo "### Agreement with zizmor per audit (bench-data/gha-corpus)"
    echo
    python3 scripts/zizmor-agreement.py "$pal_json" "$zz_json" --policies "$policies" \
        --details "$results_abs/zizmor-disagreements.md" --corpus "$corpus"
    echo
    echo "Examples of each difference: $results/zizmor-disagreements.md"
} >> "$summary"
fi

# 3. Timing: each size, Palisade against each peer, alternating.
if [[ $mode == timing ]]; then
    # side_by_side.py's two medians, peaks and ratio as "pal_wall pal_rss peer_wall peer_rss ratio".
    parse_sbs() {
        python3 -c '
import re, sys
text = sys.stdin.read()
m = re.findall(r"median ([0-9.]+)s peak ([0-9]+) MB", text)
r = re.search(r"ratio ([0-9.]+|inf)x", text)
print(*(m[0] + m[1]), r.group(1) if r else "?") if len(m) == 2 else print("? ? ? ? ?")'
    }
    # One run of a command alone: wall seconds and peak RSS in MB.
    peer_alone() {
        python3 - "$1" <<'PY'
import os, subprocess, sys, time
start = time.perf_counter()
p = subprocess.Popen(["sh", "-c", sys.argv[1]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(p.pid, 0)
print(f"{time.perf_counter() - start:.3f} {usage.ru_maxrss / 1024:.0f}")
PY
    }
    side_by_side() {
        local label=$1 n=$2 a=$3 b=$4
        python3 "$tools/side_by_side.py" --a "$a" --b "$b" --runs "$n" --min-ratio 1 --label-b "$label" || true
    }
    for kind in $kinds; do
        if [[ ! -d $(corpus_of "$kind") ]]; then
            echo "- $kind: skipped, $(corpus_of "$kind") is absent" >> "$summary"
            continue
        fi
        if ! reads_kind "$kind"; then
            # No Palisade side yet: time Checkov alone, once per size, as the baseline to beat.
            echo "- $kind: this build of Palisade has no \`$kind\` input or policy; Checkov timed alone" >> "$summary"
            if [[ $checkov == yes ]]; then
                framework=$([[ $kind == github-actions ]] && echo github_actions || echo dockerfile)
                for size in $sizes; do
                    dir=$(folder "$kind" "$size")
                    say "$kind x$size: checkov alone, 1 run"
                    read -r cw cr < <(peer_alone "$(ck_cmd "$dir" "$framework" "$results_abs/timing-checkov.json")")
                    echo "| $kind | ${size}x | $(files_of "$dir") | checkov | n/a | n/a | $cw | $cr | n/a |" >> "$rows"
                done
            fi
            continue
        fi
        for size in $sizes; do
            dir=$(folder "$kind" "$size")
            nfiles=$(files_of "$dir")
            peers_here=""
            [[ $kind == github-actions ]] && peers_here="zizmor"
            [[ $checkov == yes ]] && peers_here="$peers_here checkov"
            for peer in $peers_here; do
                framework=$([[ $kind == github-actions ]] && echo github_actions || echo dockerfile)
                a=$(pal_cmd "$dir" "$kind" "$results_abs/timing-palisade.json")
                if [[ $peer == zizmor ]]; then
                    b=$(zz_cmd "$dir" "$results_abs/timing-zizmor.json"); n=$runs
                else
                    b=$(ck_cmd "$dir" "$framework" "$results_abs/timing-checkov.json"); n=$checkov_runs
                fi
                say "$kind x$size ($nfiles files): palisade vs $peer, $n run(s) each"
                out=$(side_by_side "$peer" "$n" "$a" "$b")
                echo "$out" >&2
                read -r pw pr bw br ratio < <(echo "$out" | parse_sbs)
                echo "| $kind | ${size}x | $nfiles | $peer | $pw | $pr | $bw | $br | $ratio |" >> "$rows"
            done
        done
    done
    {
        echo
        echo "### Side by side (median wall of the runs, largest peak RSS; ratio = peer / Palisade)"
        echo
        echo "zizmor: $runs run(s) per size; Checkov: $checkov_runs. Each tool is one process per run, start-up included."
        echo
        echo "| input | copies | files | peer | Palisade wall (s) | Palisade RSS (MB) | peer wall (s) | peer RSS (MB) | ratio |"
        echo "|---|---:|---:|---|---:|---:|---:|---:|---:|"
        cat "$rows"
        echo
        echo "Commands (in each folder): \`$(pal_cmd DIR KIND FILE | sed 's/^cd DIR && //')\`; \`$(zz_cmd DIR FILE | sed 's/^cd DIR && //')\`; \`$(ck_cmd DIR FRAMEWORK FILE | sed 's/^cd DIR && //')\`."
    } >> "$summary"
fi

echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$summary"
cat "$summary"
