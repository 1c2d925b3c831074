#!/usr/bin/env python3
"""The CEL benchmark cases on the two CEL engines Python has, for comparison with CELBenchmark.

  cel-python       (PyPI `cel-python`, module `celpy`): a CEL interpreter written in Python.
  cel-expr-python  (PyPI `cel-expr-python`, module `cel_expr_python`): Python binding of the
                   C++ CEL implementation (cel-cpp).

Run it with the Python of the venv that scripts/compare-cel.sh makes (bench-data/cel-venv).

Modes:

  cel_python_bench.py [--data DIR] [--engine NAME]... [--only NAME[,NAME...]] [--time SECONDS]
                      [--json FILE]
      Times every case of DIR/cases.tsv (default Benchmarks/cel-data/) on each engine: compile
      (median of single compiles), one evaluation (timeit: median over repeats of a loop sized by
      autorange), and the setup a process pays once (environment, binding the document). Prints a
      table; --json also writes the figures and results for compare-cel.sh.

  cel_python_bench.py --once --engine NAME [--input FILE.json] EXPRESSION
      What `palisade cel eval EXPRESSION --input FILE.json` does, for end-to-end timing: import
      the engine, read FILE (a JSON object; each top-level key becomes a variable), compile,
      evaluate once, print the result. Exit 1 when evaluation fails, 2 when compiling does.

  cel_python_bench.py --evaluate NAME COUNT --engine ENGINE [--data DIR]
      Compile case NAME and evaluate it COUNT times, untimed, then print the result: for counting
      allocations under valgrind (with PYTHONMALLOC=malloc), as CELBenchmark --evaluate does.

Results print as CEL literals (true, false, 3, "text") so they compare with palisade's.
"""

import argparse
import json
import os
import statistics
import sys
import time
import timeit

ENGINES = ("cel-python", "cel-expr-python")


# Engines ------------------------------------------------------------------------------------

class CelPython:
    """cel-python: parse with lark, then evaluate the tree (the default InterpretedRunner).

    It has no type checker, so "compile" here is parsing plus building the runner. Its
    CompiledRunner (transpiling to Python) fails on these cases with 'no such overload' for
    `bool && bool` (cel-python 0.5.0), so it is not measured.
    """

    name = "cel-python"

    def __init__(self, variables):
        import celpy

        self.celpy = celpy
        self.env = celpy.Environment()

    def compile(self, expression):
        return self.env.program(self.env.compile(expression))

    def bind(self, values):
        return {name: self.celpy.json_to_cel(value) for name, value in values.items()}

    def evaluate(self, program, activation):
        return program.evaluate(activation)

    def literal(self, value):
        celtypes = self.celpy.celtypes
        if isinstance(value, celtypes.BoolType):
            return "true" if value else "false"
        if isinstance(value, (celtypes.IntType, celtypes.UintType)):
            return str(int(value)) + ("u" if isinstance(value, celtypes.UintType) else "")
        if isinstance(value, celtypes.StringType):
            return json.dumps(str(value), ensure_ascii=False)
        if isinstance(value, Exception):
            return f"error: {value.args[0] if value.args else value}"
        return repr(value)

    def failed(self, value):
        return isinstance(value, Exception)


class CelExprPython:
    """cel-expr-python: the C++ implementation. `compile` parses, checks and plans.

    Evaluation takes an Activation built once from the Python values (what a policy engine
    evaluating several policies over one object would do); `eval(data=...)` instead converts the
    values on every call, and is timed separately as "eval(data=)".
    """

    name = "cel-expr-python"

    def __init__(self, variables):
        from cel_expr_python import cel
        from cel_expr_python.ext import ext_encoders, ext_math, ext_optional, ext_strings

        self.cel = cel
        extensions = [ext_strings.ExtStrings(), ext_math.ExtMath(), ext_encoders.ExtEncoders(), ext_optional.ExtOptional()]
        self.env = cel.NewEnv(variables={name: cel.Type.DYN for name in variables}, extensions=extensions)

    def compile(self, expression):
        return self.env.compile(expression)

    def bind(self, values):
        return self.env.Activation(values)

    def evaluate(self, program, activation):
        try:
            return program.eval(activation)
        except Exception as error:  # the binding raises on an evaluation error
            return error

    def evaluate_data(self, program, values):
        try:
            return program.eval(data=values)
        except Exception as error:
            return error

    def literal(self, value):
        if isinstance(value, Exception):
            return f"error: {value}"
        if value.type() == self.cel.Type.ERROR:
            return f"error: {value.value()}"
        plain = value.value()
        if isinstance(plain, bool):
            return "true" if plain else "false"
        if isinstance(plain, int):
            return str(plain)
        if isinstance(plain, str):
            return json.dumps(plain, ensure_ascii=False)
        return repr(plain)

    def failed(self, value):
        return isinstance(value, Exception) or value.type() == self.cel.Type.ERROR


def make_engine(name, variables):
    if name == "cel-python":
        return CelPython(variables)
    if name == "cel-expr-python":
        return CelExprPython(variables)
    raise SystemExit(f"cel_python_bench.py: unknown engine {name}; one of {', '.join(ENGINES)}")


# Cases --------------------------------------------------------------------------------------

def read_cases(directory):
    path = os.path.join(directory, "cases.tsv")
    cases = []
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 5 or not all(fields):
                raise SystemExit(f"{path}:{number}: expected 5 tab-separated fields, found {len(fields)}")
            name, source, unit, count, expression = fields
            cases.append({"name": name, "input": source, "unit": unit, "count": count, "expression": expression})
    return cases


def read_json(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


# Timing -------------------------------------------------------------------------------------

def time_each(operation, budget, minimum=21, maximum=20001):
    """Median time in ns of single calls: as many as fit in `budget` seconds, within bounds."""
    end = time.perf_counter() + 0.02
    while time.perf_counter() < end:
        operation()
    times = []
    start = time.perf_counter()
    while len(times) < maximum and (len(times) < minimum or time.perf_counter() - start < budget):
        before = time.perf_counter_ns()
        operation()
        times.append(time.perf_counter_ns() - before)
    return statistics.median(times)


def time_loop(operation, budget):
    """Median time in ns of one call, timeit-style: a loop sized by autorange (≥ 0.2 s), repeated
    until `budget` seconds have passed (at least 3 repeats)."""
    timer = timeit.Timer(operation)
    number, first = timer.autorange()
    repeats = max(3, int(budget / max(first, 1e-9)))
    times = timer.repeat(repeat=repeats, number=number)
    return statistics.median(times) / number * 1e9, number * repeats


# Modes --------------------------------------------------------------------------------------

def run_once(args):
    """palisade cel eval EXPRESSION --input FILE, in Python."""
    values = read_json(args.input) if args.input else {}
    if not isinstance(values, dict):
        print("cel_python_bench.py: --input must hold a JSON object", file=sys.stderr)
        return 2
    engine = make_engine(args.engine[0], values.keys())
    try:
        program = engine.compile(args.expression)
    except Exception as error:
        print(f"<expr>: error: {error}", file=sys.stderr)
        return 2
    result = engine.evaluate(program, engine.bind(values))
    if engine.failed(result):
        print(f"<expr>: {engine.literal(result)}", file=sys.stderr)
        return 1
    print(engine.literal(result))
    return 0


def run_evaluate(args):
    name, count = args.evaluate
    count = int(count)
    test = next((case for case in read_cases(args.data) if case["name"] == name), None)
    if test is None:
        raise SystemExit(f"cel_python_bench.py: no case called {name}")
    document = read_json(os.path.join(args.data, test["input"]))
    engine = make_engine(args.engine[0], ["object"])
    program = engine.compile(test["expression"])
    activation = engine.bind({"object": document})
    result = None
    for _ in range(count):
        result = engine.evaluate(program, activation)
    print(engine.literal(result) if count else "(not evaluated)")
    return 0


def human(ns):
    def sig(v):
        return f"{v:,.2f}" if v < 10 else f"{v:,.1f}" if v < 100 else f"{v:,.0f}"
    if ns < 1e3:
        return sig(ns) + " ns"
    if ns < 1e6:
        return sig(ns / 1e3) + " µs"
    if ns < 1e9:
        return sig(ns / 1e6) + " ms"
    return sig(ns / 1e9) + " s"


def run_benchmark(args):
    cases = read_cases(args.data)
    if args.only:
        wanted = {name for group in args.only for name in group.split(",")}
        unknown = wanted - {case["name"] for case in cases}
        if unknown:
            raise SystemExit(f"cel_python_bench.py: no case called {sorted(unknown)[0]}")
        cases = [case for case in cases if case["name"] in wanted]
    engines = args.engine or list(ENGINES)
    paths = {case["input"]: os.path.join(args.data, case["input"]) for case in cases}
    documents = {name: read_json(path) for name, path in paths.items()}
    report = {"python": sys.version.split()[0], "engines": {}, "setup": {}, "cases": []}
    rows = {case["name"]: dict(case) for case in cases}

    for engine_name in engines:
        start = time.perf_counter()
        engine = make_engine(engine_name, ["object"])
        first_setup = (time.perf_counter() - start) * 1e9
        setup = {
            "import and first environment": first_setup,
            "environment": time_each(lambda: make_engine(engine_name, ["object"]), args.time / 4),
        }
        constant = engine.compile("true")
        empty = engine.bind({})
        setup["evaluate true"], _ = time_loop(lambda: engine.evaluate(constant, empty), args.time / 4)
        for name, path in paths.items():
            with open(path, encoding="utf-8") as file:
                text = file.read()
            setup[f"json.loads {name}"] = time_each(lambda: json.loads(text), args.time / 4)
            setup[f"bind {name}"] = time_each(lambda: engine.bind({"object": documents[name]}), args.time / 4)
        report["setup"][engine_name] = setup
        report["engines"][engine_name] = engine_version(engine_name)

        for case in cases:
            row = rows[case["name"]]
            activation = engine.bind({"object": documents[case["input"]]})
            count = engine.evaluate(engine.compile(case["count"]), activation)
            program = engine.compile(case["expression"])
            result = engine.evaluate(program, activation)
            compile_ns = time_each(lambda: engine.compile(case["expression"]), args.time / 4, maximum=2001)
            evaluate_ns, loops = time_loop(lambda: engine.evaluate(program, activation), args.time)
            figures = {
                "result": engine.literal(result),
                "items": int(engine.literal(count)) if not engine.failed(count) else None,
                "compile_ns": compile_ns,
                "evaluate_ns": evaluate_ns,
                "evaluations_timed": loops,
            }
            if isinstance(engine, CelExprPython):
                values = {"object": documents[case["input"]]}
                figures["evaluate_data_ns"], _ = time_loop(lambda: engine.evaluate_data(program, values), args.time / 2)
            row[engine_name] = figures
            items = figures["items"] or 1
            print(
                f"{engine_name:16} {case['name']:14} compile {human(compile_ns):>10}  evaluate {human(evaluate_ns):>10}"
                f"  {human(evaluate_ns / items):>10}/{case['unit']}"
                + (f"  eval(data=) {human(figures['evaluate_data_ns']):>10}" if "evaluate_data_ns" in figures else "")
                + f"  result {figures['result']}",
                flush=True,
            )
        for step, ns in setup.items():
            print(f"{engine_name:16} setup: {step}: {human(ns)}", flush=True)
    report["cases"] = list(rows.values())
    if args.json:
        with open(args.json, "w", encoding="utf-8") as file:
            json.dump(report, file, indent=1)
    return 0


def engine_version(name):
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def main():
    parser = argparse.ArgumentParser(
        description="CEL benchmark cases on cel-python and cel-expr-python (see the module docstring).")
    parser.add_argument("--data", default="Benchmarks/cel-data/", help="cases.tsv and its JSON (default %(default)s)")
    parser.add_argument("--engine", action="append", choices=ENGINES, help="engine to run (repeatable; default both)")
    parser.add_argument("--only", action="append", help="cases to run, comma-separated")
    parser.add_argument("--time", type=float, default=1.0, help="seconds to time each evaluation for (default 1)")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--once", action="store_true", help="evaluate EXPRESSION once, like palisade cel eval")
    parser.add_argument("--input", help="with --once: a JSON object whose top-level keys become variables")
    parser.add_argument("--evaluate", nargs=2, metavar=("NAME", "COUNT"), help="evaluate case NAME COUNT times, untimed")
    parser.add_argument("expression", nargs="?", help="with --once: the expression")
    args = parser.parse_args()
    if args.once:
        if not args.expression or not args.engine or len(args.engine) != 1:
            parser.error("--once needs one --engine and an EXPRESSION")
        return run_once(args)
    if args.evaluate:
        if not args.engine or len(args.engine) != 1:
            parser.error("--evaluate needs one --engine")
        return run_evaluate(args)
    if args.expression:
        parser.error("an EXPRESSION is only for --once")
    return run_benchmark(args)


if __name__ == "__main__":
    sys.exit(main())
