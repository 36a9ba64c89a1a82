"""Whether any test's verdict on the reference solutions changes when the machine is busy.

Run on demand (`make bench-load`), never in `make test`: it prints a report and always exits 0.

    python bench/verdicts_under_load.py [--runs 20] [--only IDS] [--no-load] [--load-procs N]

1. starts a load generator: `--load-procs` processes (default: one per core), each spinning a
   tight Python loop and NumPy matrix products in turn, so every core stays busy; they start
   before the first run and are killed at the end, also on Ctrl-C;
2. grades the reference solutions (`python -m autograder grade source --json ...`, `--only`
   passed through) `--runs` times, one run after the other;
3. prints the wall time of each run and, per test, how often its outcome
   (`problems[].tests[].outcome`) differed from the first run's and from "passed" (the
   references pass everything), then every test that ever changed with its outcomes and
   messages, and last "0 changed verdicts" (the goal) or "N changed verdicts": the number of
   (run, test) verdicts that differ from the first run's or are not "passed".

`--no-load` grades without the load generator, for comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# One load process: a pure-Python loop (the interpreter, like a student's plain loops or a hung
# worker), then a few float64 matrix products (caches and memory bandwidth, like NumPy code).
LOAD_SOURCE = """
import numpy as np
a = np.random.default_rng(0).normal(size=(300, 300))
while True:
    total = 0
    for i in range(200_000):
        total += i * i
    for _ in range(5):
        a = a @ a
        a /= np.abs(a).max()
"""


def start_load(procs: int) -> list[subprocess.Popen]:
    """`procs` load processes, each in its own session (so it is killed with its children)."""
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    return [
        subprocess.Popen(
            [sys.executable, "-c", LOAD_SOURCE],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        for _ in range(procs)
    ]


def stop_load(load: list[subprocess.Popen]) -> None:
    for process in load:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: the group is its pid
        except ProcessLookupError:
            pass
        process.wait()


def grade_once(only: str | None, json_path: Path) -> tuple[float, dict, str]:
    """(wall seconds, {(problem, test): (outcome, message)}, why the run failed or "")."""
    command = [sys.executable, "-m", "autograder", "grade", "source", "--json", str(json_path)]
    if only:
        command += ["--only", only]
    json_path.unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or not json_path.exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return elapsed, {}, f"grade exited {done.returncode}: {' | '.join(tail)}"
    results = json.loads(json_path.read_text())
    verdicts = {}
    for problem in results["problems"]:
        for test in problem["tests"]:
            verdicts[(problem["id"], test["id"])] = (test["outcome"], test["message"])
        if not problem["tests"]:  # a problem that could not be graded at all
            verdicts[(problem["id"], "(whole problem)")] = (problem["status"], "")
    return elapsed, verdicts, ""


def report(runs: list[dict], times: list[float], failures: list[str], loaded: str) -> None:
    first = runs[0]
    keys = sorted({key for run in runs for key in run})
    absent = ("absent", "not in this run's results")
    from_first = Counter()
    not_passed = Counter()
    changed = 0
    for run in runs:
        for key in keys:
            outcome = run.get(key, absent)[0]
            differs = outcome != first.get(key, absent)[0]
            from_first[key] += differs
            not_passed[key] += outcome != "passed"
            changed += differs or outcome != "passed"
    print(f"{len(runs)} runs of `grade source` ({loaded}), {len(keys)} tests each")
    print(
        f"wall time per run: median {statistics.median(times):.1f} s, "
        f"min {min(times):.1f}, max {max(times):.1f}"
    )
    print(f"  runs: {', '.join(f'{t:.1f}' for t in times)} s")
    for failure in failures:
        print(f"  {failure}")
    unstable = [key for key in keys if from_first[key] or not_passed[key]]
    if unstable:
        print("\ntests whose verdict ever changed (run number: outcome, message):")
        width = max(len(f"{problem}::{test}") for problem, test in unstable)
        print(f"  {'test':<{width}}  differs from run 1  not passed")
        for key in unstable:
            name = f"{key[0]}::{key[1]}"
            print(f"  {name:<{width}}  {from_first[key]:>18}  {not_passed[key]:>10}")
        for key in unstable:
            print(f"\n  {key[0]}::{key[1]}")
            for number, run in enumerate(runs, start=1):
                outcome, message = run.get(key, absent)
                if outcome != "passed" or outcome != first.get(key, absent)[0]:
                    print(f"    run {number}: {outcome}: {message.strip()[:600]}")
            passed = [n for n, run in enumerate(runs, 1) if run.get(key, absent)[0] == "passed"]
            print(f"    passed in runs: {passed if passed else 'none'}")
    print(f"\n{changed} changed verdict{'' if changed == 1 else 's'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--only", metavar="IDS", help="passed through to `grade --only`")
    parser.add_argument("--no-load", action="store_true", help="grade on an idle machine")
    parser.add_argument("--load-procs", type=int, default=os.cpu_count() or 1, metavar="N")
    args = parser.parse_args()
    # Ctrl-C (even when started in the background, where SIGINT starts out ignored) and SIGTERM
    # both end the runs through the `finally` below, so the load processes are killed.
    stopped_by = []

    def stop(signum, frame):
        stopped_by.append(signal.Signals(signum).name)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    load = [] if args.no_load else start_load(args.load_procs)
    loaded = "no load" if args.no_load else f"{args.load_procs} load processes"
    runs, times, failures = [], [], []
    try:
        with tempfile.TemporaryDirectory() as scratch:
            for number in range(1, args.runs + 1):
                elapsed, verdicts, failure = grade_once(args.only, Path(scratch) / "results.json")
                runs.append(verdicts)
                times.append(elapsed)
                if failure:
                    failures.append(f"run {number}: {failure}")
                print(
                    f"run {number}/{args.runs}: {elapsed:.1f} s{_run_text(runs[0], verdicts)}",
                    flush=True,
                )
    except KeyboardInterrupt:
        print(
            f"stopped by {stopped_by[0] if stopped_by else 'Ctrl-C'}: the report covers the runs so far"
        )
    finally:
        stop_load(load)
    if runs:
        print()
        report(runs, times, failures, loaded)


def _run_text(first: dict, verdicts: dict) -> str:
    """What a run's progress line adds: how many verdicts are not "passed" or differ."""
    keys = first.keys() | verdicts.keys()
    differ = sum(first.get(k, ("absent",))[0] != verdicts.get(k, ("absent",))[0] for k in keys)
    failed = sum(verdicts.get(k, ("absent",))[0] != "passed" for k in keys)
    parts = [f"{failed} not passed"] * bool(failed) + [f"{differ} differ from run 1"] * bool(differ)
    return "".join(f", {part}" for part in parts)


if __name__ == "__main__":
    main()
