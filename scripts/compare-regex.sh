#!/usr/bin/env bash
# Side-by-side timing of `palisade regex --count`, ripgrep and Python's `re` on the benchmark
# corpus, plus the pathological patterns on growing haystacks under a time limit. Prints
# Markdown to standard output (hyperfine's own progress goes to standard error).
#
#   scripts/compare-regex.sh [--runs N] [--timeout SECONDS] [--scratch-path DIR] [--no-build]
#                            [--tools "palisade rg python"] [--skip-throughput] [--skip-pathological]
#
# The patterns come from the benchmark itself (`RegexBenchmark --list-cases`), so the three
# tools here and Benchmarks/RegexBenchmark always search for the same thing. Needs hyperfine
# and ripgrep; see docs/PERFORMANCE.md.
set -euo pipefail

cd "$(dirname "$0")/.."

runs=5
limit=10
scratch=.build
build=yes
tools="palisade rg python"
throughput=yes
pathological=yes

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --timeout) limit="$2"; shift 2 ;;
        --scratch-path) scratch="$2"; shift 2 ;;
        --no-build) build=no; shift ;;
        --tools) tools="$2"; shift 2 ;;
        --skip-throughput) throughput=no; shift ;;
        --skip-pathological) pathological=no; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "compare-regex.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done

missing=()
for tool in hyperfine rg python3 timeout; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "compare-regex.sh: not found: ${missing[*]}" >&2
    echo "install them with:  apt-get install -y hyperfine ripgrep   (python3 and coreutils' timeout too, if missing)" >&2
    exit 1
fi

if [[ $build == yes ]]; then
    echo "building release ($scratch) ..." >&2
    swift build -c release --scratch-path "$scratch" >&2
fi
bin="$scratch/release"
palisade="$bin/palisade"
bench="$bin/RegexBenchmark"
if [[ " $tools " == *" palisade "* && ! -x $palisade ]]; then
    echo "compare-regex.sh: $palisade is missing (build it, or leave palisade out of --tools)" >&2
    exit 1
fi
if [[ ! -x $bench ]]; then
    echo "compare-regex.sh: $bench is missing; it lists the patterns" >&2
    exit 1
fi

corpus=bench-data/corpus.txt
if [[ ! -f $corpus || ! -f bench-data/pathological/a-1000000.txt ]]; then
    echo "making the corpus ..." >&2
    python3 scripts/make-bench-corpus.py >&2
fi
corpus_bytes=$(wc -c <"$corpus")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The cases, from the benchmark: search (name, flag, pattern), secret patterns, pathological.
search_names=() search_flags=() search_patterns=()
secrets=()
patho_names=() patho_letters=() patho_patterns=()
while IFS=$'\t' read -r kind name flag pattern; do
    case "$kind" in
        search) search_names+=("$name"); search_flags+=("$flag"); search_patterns+=("$pattern") ;;
        secret) secrets+=("$pattern") ;;
        pathological) patho_names+=("$name"); patho_letters+=("$flag"); patho_patterns+=("$pattern") ;;
    esac
done < <("$bench" --list-cases)

# The set as one alternation for palisade, as the benchmark's Foundation engine does too.
alternation=""
for pattern in "${secrets[@]}"; do
    alternation+="${alternation:+|}(?:$pattern)"
done

# command TOOL FLAG FILE PATTERN...: one shell-quoted command line that prints a count of
# matching lines. Several patterns mean "a line matching any of them".
command_for() {
    local tool=$1 flag=$2 file=$3
    shift 3
    local args=()
    case "$tool" in
        palisade)
            args=("$palisade" regex --count)
            [[ $flag == i ]] && args+=(-i)
            if [[ $# -gt 1 ]]; then
                local joined="" p
                for p in "$@"; do joined+="${joined:+|}(?:$p)"; done
                args+=(-- "$joined")
            else
                args+=(-- "$1")
            fi
            ;;
        rg)
            args=(rg --no-config --count)
            [[ $flag == i ]] && args+=(-i)
            local p
            for p in "$@"; do args+=(-e "$p"); done
            ;;
        python)
            args=(python3 scripts/py-regex-count.py)
            [[ $flag == i ]] && args+=(-i)
            local p
            for p in "$@"; do args+=(-e "$p"); done
            ;;
    esac
    args+=("$file")
    printf '%q ' "${args[@]}"
}

# A count of matching lines; a tool that finds nothing may print nothing and exit 1, as grep does.
count_with() {
    local out
    out=$(bash -c "$1" 2>/dev/null) || true
    out=${out//[!0-9]/}
    echo "${out:-0}"
}

read -r -a tool_list <<<"$tools"

echo "# Regex comparison: palisade vs ripgrep vs Python re"
echo
echo "- corpus: \`$corpus\`, $corpus_bytes bytes, sha256 \`$(sha256sum "$corpus" | cut -c1-16)…\`"
versions=()
for tool in "${tool_list[@]}"; do
    case "$tool" in
        palisade) versions+=("palisade at $palisade") ;;
        rg) versions+=("$(rg --version | sed -n 1p)") ;;
        python) versions+=("$(python3 --version) re") ;;
    esac
done
echo "- tools: $(IFS=';'; echo "${versions[*]}" | sed 's/;/; /g')"
echo "- $(hyperfine --version)"
echo

disagreements=0

if [[ $throughput == yes ]]; then
    case_names=("${search_names[@]}" set)
    echo "## Throughput: whole process, counting matching lines"
    echo
    echo "hyperfine, mean of $runs runs after one warm-up; MB/s = corpus bytes / mean time (10^6 bytes/s)."
    echo "Each time includes starting the process and reading the file."
    echo
    echo "| case | tool | mean | ± σ | MB/s | matching lines |"
    echo "|---|---|---:|---:|---:|---:|"
    counts_table=()
    for index in "${!case_names[@]}"; do
        name=${case_names[$index]}
        if [[ $name == set ]]; then
            flag=-
            patterns=("${secrets[@]}")
        else
            flag=${search_flags[$index]}
            patterns=("${search_patterns[$index]}")
        fi
        hyper=(hyperfine --shell=bash --ignore-failure --warmup 1 --runs "$runs" --style basic
            --export-json "$work/$name.json")
        declare -A count=()
        for tool in "${tool_list[@]}"; do
            cmd=$(command_for "$tool" "$flag" "$corpus" "${patterns[@]}")
            count[$tool]=$(count_with "$cmd")
            hyper+=(-n "$tool" "$cmd")
        done
        "${hyper[@]}" >&2
        python3 - "$work/$name.json" "$corpus_bytes" "$name" "$(for t in "${tool_list[@]}"; do printf '%s=%s ' "$t" "${count[$t]}"; done)" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
size, name = int(sys.argv[2]), sys.argv[3]
counts = dict(item.split("=") for item in sys.argv[4].split())
def t(s):
    return f"{s * 1e3:.1f} ms" if s < 1 else f"{s:.2f} s"
for r in results:
    tool = r["command"]
    print(f"| {name} | {tool} | {t(r['mean'])} | {t(r['stddev'] or 0)} | {size / 1e6 / r['mean']:,.1f} | {int(counts[tool]):,} |")
EOF
        first=${count[${tool_list[0]}]}
        verdict=agree
        for tool in "${tool_list[@]}"; do
            [[ ${count[$tool]} == "$first" ]] || verdict=DISAGREE
        done
        [[ $verdict == agree ]] || disagreements=$((disagreements + 1))
        row="| $name |"
        for tool in "${tool_list[@]}"; do row+=" ${count[$tool]} |"; done
        counts_table+=("$row $verdict |")
        unset count
    done
    echo
    echo "### Matching-line counts"
    echo
    header="| case |"
    rule="|---|"
    for tool in "${tool_list[@]}"; do header+=" $tool |"; rule+="---:|"; done
    echo "$header counts |"
    echo "$rule---|"
    printf '%s\n' "${counts_table[@]}"
    echo
fi

if [[ $pathological == yes ]]; then
    sizes=()
    for file in bench-data/pathological/a-*.txt; do
        n=${file##*/a-}
        sizes+=("${n%.txt}")
    done
    mapfile -t sizes < <(printf '%s\n' "${sizes[@]}" | sort -n)
    echo "## Pathological patterns"
    echo
    echo "Haystack: n characters, n-1 of the letter then \`!\`, so nothing matches. Wall time of one run of"
    echo "the whole process (start-up included); a run still going after $limit s is killed, and that tool"
    echo "is not tried on larger sizes."
    echo
    header="| pattern | tool |"
    rule="|---|---|"
    for n in "${sizes[@]}"; do header+=" n = $n |"; rule+="---:|"; done
    echo "$header"
    echo "$rule"
    for index in "${!patho_patterns[@]}"; do
        pattern=${patho_patterns[$index]}
        letter=${patho_letters[$index]}
        for tool in "${tool_list[@]}"; do
            row="| \`${pattern//|/\\|}\` | $tool |"
            stopped=no
            for n in "${sizes[@]}"; do
                if [[ $stopped == yes ]]; then
                    row+=" not run |"
                    continue
                fi
                file=bench-data/pathological/$letter-$n.txt
                cmd=$(command_for "$tool" - "$file" "$pattern")
                start=${EPOCHREALTIME/./}
                status=0
                out=$(timeout -s KILL "$limit" bash -c "exec $cmd" 2>/dev/null) || status=$?
                end=${EPOCHREALTIME/./}
                if [[ $status == 124 || $status == 137 ]]; then
                    row+=" > $limit s |"
                    stopped=yes
                    continue
                fi
                micros=$((end - start))
                cell=$(awk -v us="$micros" 'BEGIN {
                    if (us < 1000) printf "%d µs", us;
                    else if (us < 1000000) printf "%.1f ms", us / 1000;
                    else printf "%.2f s", us / 1000000 }')
                out=${out//[!0-9]/}
                if [[ $status -gt 1 ]]; then
                    cell+=" (exit $status)"
                elif [[ ${out:-0} != 0 ]]; then
                    cell+=" ($out lines?)"
                fi
                row+=" $cell |"
            done
            echo "$row"
        done
    done
    echo
fi

if [[ $disagreements -gt 0 ]]; then
    echo "**$disagreements case(s) where the tools' counts disagree; see the counts table.**"
    exit 1
fi
