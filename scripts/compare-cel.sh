#!/usr/bin/env bash
# Side-by-side timing of our CEL engine, cel-python and cel-expr-python (the C++ implementation's
# Python binding) on the cases of Benchmarks/cel-data/cases.tsv. Prints Markdown to standard
# output; progress goes to standard error.
#
#   scripts/compare-cel.sh [--data DIR] [--time SECONDS] [--runs N] [--scratch-path DIR]
#                          [--no-build] [--skip-in-process] [--skip-end-to-end] [--allocs]
#
#   --time SECONDS  how long each case's evaluations are timed, per engine (default 1)
#   --runs N        hyperfine runs per end-to-end command (default 10)
#   --allocs        also count heap allocations per evaluation under valgrind (slow)
#
# The Python engines live in a venv, bench-data/cel-venv (git-ignored), which this script
# creates on first use with `pip install cel-python cel-expr-python` from PyPI. The end-to-end
# part needs hyperfine (apt-get install -y hyperfine); --allocs needs valgrind. The script checks
# for them and says what is missing; it installs no system package itself. It exits non-zero
# when the engines' results disagree. docs/PERFORMANCE.md records a run.
set -euo pipefail

cd "$(dirname "$0")/.."

data=Benchmarks/cel-data
budget=1
runs=10
scratch=.build
build=yes
in_process=yes
end_to_end=yes
allocs=no
venv=bench-data/cel-venv

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --data) data="${2%/}"; shift 2 ;;
        --time) budget="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --scratch-path) scratch="$2"; shift 2 ;;
        --no-build) build=no; shift ;;
        --skip-in-process) in_process=no; shift ;;
        --skip-end-to-end) end_to_end=no; shift ;;
        --allocs) allocs=yes; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "compare-cel.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
    esac
done

say() { echo "compare-cel.sh: $*" >&2; }

missing=()
command -v python3 >/dev/null 2>&1 || missing+=(python3)
[[ $end_to_end == yes ]] && { command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine); }
[[ $allocs == yes ]] && { command -v valgrind >/dev/null 2>&1 || missing+=(valgrind); }
if [[ ${#missing[@]} -gt 0 ]]; then
    say "not found: ${missing[*]}"
    say "install with:  apt-get install -y ${missing[*]}"
    exit 2
fi

# The Python engines, in a venv of their own.
python=$venv/bin/python
if ! [[ -x $python ]] || ! "$python" -c 'import celpy, cel_expr_python' 2>/dev/null; then
    say "creating $venv and installing cel-python and cel-expr-python from PyPI (pip install cel-python cel-expr-python)"
    python3 -m venv "$venv"
    "$python" -m pip install --quiet --disable-pip-version-check cel-python cel-expr-python >&2
fi

if [[ $build == yes ]]; then
    say "building palisade and CELBenchmark (release, --scratch-path $scratch)"
    swift build -c release --scratch-path "$scratch" --product palisade >&2
    swift build -c release --scratch-path "$scratch" --product CELBenchmark >&2
fi
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
palisade=$bin/palisade
benchmark=$bin/CELBenchmark
for tool in "$palisade" "$benchmark"; do
    [[ -x $tool ]] || { say "$tool is not built; run without --no-build"; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The cases: NAME, INPUT, UNIT, COUNT, EXPRESSION, tab-separated.
names=() inputs=() expressions=()
while IFS=$'\t' read -r name input unit count expression; do
    [[ -z $name || $name == \#* ]] && continue
    names+=("$name") inputs+=("$input") expressions+=("$expression")
done <"$data/cases.tsv"

disagreements=0

echo "# CEL comparison: palisade vs cel-expr-python (C++) vs cel-python"
echo
echo "- $(date -u +%Y-%m-%d), $(uname -srm), $(nproc) CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- palisade at $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- Sources 2>/dev/null || echo ' (with uncommitted changes)'), $(swift --version 2>/dev/null | head -1)"
echo "- $("$python" --version); $("$python" -m pip show cel-python 2>/dev/null | sed -n 's/^Version: /cel-python /p'); $("$python" -m pip show cel-expr-python 2>/dev/null | sed -n 's/^Version: /cel-expr-python /p')"
[[ $end_to_end == yes ]] && echo "- $(hyperfine --version)"
echo

if [[ $in_process == yes ]]; then
    say "timing our engine (CELBenchmark, $budget s per case)"
    "$benchmark" "$data" --time "$budget" --json "$work/ours.json" >&2
    say "timing cel-expr-python and cel-python ($budget s per case each)"
    "$python" scripts/cel_python_bench.py --data "$data" --time "$budget" --json "$work/python.json" >&2
    python3 - "$work/ours.json" "$work/python.json" <<'EOF' || disagreements=$((disagreements + 1))
import json, sys
ours = json.load(open(sys.argv[1]))
python = json.load(open(sys.argv[2]))
theirs = {case["name"]: case for case in python["cases"]}

def t(ns):
    def sig(v):
        return f"{v:,.2f}" if v < 10 else f"{v:,.1f}" if v < 100 else f"{v:,.0f}"
    if ns is None:
        return "-"
    if ns < 1e3:
        return sig(ns) + " ns"
    if ns < 1e6:
        return sig(ns / 1e3) + " µs"
    if ns < 1e9:
        return sig(ns / 1e6) + " ms"
    return sig(ns / 1e9) + " s"

def ratio(a, b):
    return f"{b / a:,.1f}×" if a and b else "-"

engines = ["cel-expr-python", "cel-python"]
print("## In process, per evaluation")
print()
print("Median time of one evaluation with the document already loaded and bound, the expression")
print("already compiled. Ours: CELBenchmark batches; Python engines: timeit loops (autorange), median")
print("of the repeats. \"× ours\" is how many times longer the other engine takes.")
print()
print("| case | items | ours | per item | cel-expr-python | per item | × ours | cel-python | per item | × ours |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for case in ours["cases"]:
    other = theirs.get(case["name"], {})
    n = case["items"]
    cells = [case["name"], f"{n} {case['unit']}" + ("s" if n != 1 else ""), t(case["evaluate_ns"]), t(case["evaluate_ns"] / n)]
    for engine in engines:
        figures = other.get(engine)
        if figures:
            cells += [t(figures["evaluate_ns"]), t(figures["evaluate_ns"] / n), ratio(case["evaluate_ns"], figures["evaluate_ns"])]
        else:
            cells += ["-", "-", "-"]
    print("| " + " | ".join(cells) + " |")
print()
print("cel-expr-python's `eval(data=...)`, which converts the Python values on every call instead of")
print("using an Activation made once:")
print()
print("| case | cel-expr-python eval(data=) | × ours |")
print("|---|---:|---:|")
for case in ours["cases"]:
    figures = theirs.get(case["name"], {}).get("cel-expr-python")
    if figures and "evaluate_data_ns" in figures:
        print(f"| {case['name']} | {t(figures['evaluate_data_ns'])} | {ratio(case['evaluate_ns'], figures['evaluate_data_ns'])} |")
print()
print("## Compile (parse + check), median of single compiles")
print()
print("cel-python has no type checker: its figure is parsing plus building the evaluator.")
print()
print("| case | ours | cel-expr-python | cel-python |")
print("|---|---:|---:|---:|")
for case in ours["cases"]:
    other = theirs.get(case["name"], {})
    cells = [case["name"], t(case["compile_ns"])]
    cells += [t(other[e]["compile_ns"]) if e in other else "-" for e in engines]
    print("| " + " | ".join(cells) + " |")
print()
print("## Once per process")
print()
print("| step | ours | cel-expr-python | cel-python |")
print("|---|---:|---:|---:|")
setup = {engine: python["setup"].get(engine, {}) for engine in engines}
print(f"| environment with the libraries | {t(ours['setup'].get('environment'))} | "
      + " | ".join(t(setup[e].get("environment")) for e in engines) + " |")
print(f"| evaluate `true` (the cost of a call) | {t(ours['setup'].get('evaluate true'))} | "
      + " | ".join(t(setup[e].get("evaluate true")) for e in engines) + " |")
print("| import and first environment | - | " + " | ".join(t(setup[e].get("import and first environment")) for e in engines) + " |")
for key in sorted(k for k in ours["setup"] if k.startswith("json ")):
    name = key[5:]
    print(f"| read {name} | {t(ours['setup'][key])} (Value(json:)) | "
          + " | ".join(f"{t(setup[e].get('json.loads ' + name))} json.loads + {t(setup[e].get('bind ' + name))} bind" for e in engines) + " |")
print()
print("## Results")
print()
print("| case | ours | cel-expr-python | cel-python | agree |")
print("|---|---|---|---|---|")
disagree = 0
for case in ours["cases"]:
    other = theirs.get(case["name"], {})
    results = [case["result"]] + [other[e]["result"] if e in other else "-" for e in engines]
    same = all(r == results[0] for r in results)
    disagree += not same
    print(f"| {case['name']} | " + " | ".join(f"`{r}`" for r in results) + f" | {'yes' if same else '**NO**'} |")
print()
sys.exit(1 if disagree else 0)
EOF
fi

if [[ $end_to_end == yes ]]; then
    # palisade cel eval binds each top-level key of --input: wrap each document as {"object": ...}.
    for input in $(printf '%s\n' "${inputs[@]}" | sort -u); do
        python3 -c 'import json, sys; json.dump({"object": json.load(open(sys.argv[1]))}, open(sys.argv[2], "w"))' \
            "$data/$input" "$work/$input"
    done
    echo "## End to end: one process per evaluation"
    echo
    echo "hyperfine, mean of $runs runs after one warm-up. Each run starts the process, reads the JSON"
    echo "file, compiles the expression, evaluates it once and prints the result:"
    echo "\`palisade cel eval EXPR --input FILE\` against \`scripts/cel_python_bench.py --once --engine"
    echo "ENGINE --input FILE EXPR\` (the venv's Python). FILE is the document wrapped as \`{\"object\": ...}\`."
    echo
    echo "| case | palisade | cel-expr-python | cel-python | results |"
    echo "|---|---:|---:|---:|---|"
    # First the start-up alone: the expression `true`, no input file.
    for index in start-up "${!names[@]}"; do
        if [[ $index == start-up ]]; then
            name="start-up only (\`true\`, no input)"
            input=() expression=true
        else
            name=${names[$index]}
            input=(--input "$work/${inputs[$index]}")
            expression=${expressions[$index]}
        fi
        say "end to end: $name"
        commands=(
            "$(printf '%q ' "$palisade" cel eval "$expression" "${input[@]}")"
            "$(printf '%q ' "$python" scripts/cel_python_bench.py --once --engine cel-expr-python "${input[@]}" "$expression")"
            "$(printf '%q ' "$python" scripts/cel_python_bench.py --once --engine cel-python "${input[@]}" "$expression")"
        )
        results=()
        for command in "${commands[@]}"; do
            out=$(bash -c "$command" 2>&1 | head -1) || true
            results+=("$out")
        done
        hyperfine --shell=none --warmup 1 --runs "$runs" --style basic --export-json "$work/e2e.json" \
            -n palisade "${commands[0]}" -n cel-expr-python "${commands[1]}" -n cel-python "${commands[2]}" >&2
        verdict="\`${results[0]}\`, \`${results[1]}\`, \`${results[2]}\`"
        if [[ ${results[0]} != "${results[1]}" || ${results[0]} != "${results[2]}" ]]; then
            verdict+=" **DISAGREE**"
            disagreements=$((disagreements + 1))
        fi
        python3 - "$work/e2e.json" "$name" "$verdict" <<'EOF'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
def cell(tool):
    r = results[tool]
    return f"{r['mean'] * 1e3:,.1f} ms ± {(r['stddev'] or 0) * 1e3:.1f}"
print(f"| {sys.argv[2]} | " + " | ".join(cell(t) for t in ("palisade", "cel-expr-python", "cel-python")) + f" | {sys.argv[3]} |")
EOF
    done
    echo
fi

if [[ $allocs == yes ]]; then
    # Heap blocks allocated per evaluation: valgrind's count with N evaluations, less the count
    # with none, divided by N. Python runs with PYTHONMALLOC=malloc so that every allocation of
    # the interpreter is seen too; the Python figures therefore include the binding's own objects.
    export PYTHONMALLOC=malloc
    count_allocs() {
        valgrind --tool=memcheck --leak-check=no "$@" 2>&1 >/dev/null |
            sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,
    }
    echo "## Heap allocations per evaluation"
    echo
    echo "valgrind (memcheck) counts of heap blocks allocated: a run with N evaluations less a run with"
    echo "none, divided by N (ours and cel-expr-python N = 200, cel-python N = 20). Python under"
    echo "PYTHONMALLOC=malloc, so Python objects made by the binding count too."
    echo
    echo "| case | ours | cel-expr-python | cel-python |"
    echo "|---|---:|---:|---:|"
    for name in "${names[@]}"; do
        say "allocations: $name"
        row="| $name |"
        base=$(count_allocs "$benchmark" "$data" --evaluate "$name" 0)
        full=$(count_allocs "$benchmark" "$data" --evaluate "$name" 200)
        row+=" $(awk -v a="$base" -v b="$full" 'BEGIN { printf "%.1f", (b - a) / 200 }') |"
        for engine in cel-expr-python cel-python; do
            n=200
            [[ $engine == cel-python ]] && n=20
            base=$(count_allocs "$python" scripts/cel_python_bench.py --data "$data" --engine "$engine" --evaluate "$name" 0)
            full=$(count_allocs "$python" scripts/cel_python_bench.py --data "$data" --engine "$engine" --evaluate "$name" "$n")
            row+=" $(awk -v a="$base" -v b="$full" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }') |"
        done
        echo "$row"
    done
    echo
fi

if [[ $disagreements -gt 0 ]]; then
    echo "**The engines' results disagree in $disagreements place(s); see the tables above.**"
    exit 1
fi
