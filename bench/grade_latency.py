"""How long grading the P6 reference notebook takes, and how much of it is worker start-up.

Run on demand (`make bench`), never in `make test`: it prints figures, it asserts nothing.

    python bench/grade_latency.py [--runs 5]

1. the median wall time of `python -m autograder grade source --only p06_softmax_cross_entropy`
   over the runs (the whole command: interpreter, imports, worker, suite, rendering);
2. the median time to start one worker and load the P6 notebook into it (what each problem pays
   before its first test): in a sandbox of its own (which imports everything again) and forked
   from a warm zygote (what grading does), and the isolation the worker used;
3. for scale, the median wall time of grading every problem's reference (`grade source`).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from autograder.load import load_submission  # noqa: E402
from autograder.rubric import load_rubric  # noqa: E402
from autograder.sandbox.launch import WorkerProcess, detect_isolation  # noqa: E402
from autograder.sandbox.pool import Zygotes  # noqa: E402
from autograder.student import StudentCode  # noqa: E402

PROBLEM = "p06_softmax_cross_entropy"


def time_grade_command(*only: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "autograder", "grade", "source", *only],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def time_worker_start(isolation: str, start_worker=WorkerProcess) -> float:
    problem = load_rubric(REPO / "grading.yml").problem(PROBLEM)
    submission = load_submission(REPO / "source", problem.assignment, PROBLEM)
    code = StudentCode(
        submission, problem.limits, isolation, problem.forbidden_imports, start_worker
    )
    started = time.perf_counter()
    code.start()
    elapsed = time.perf_counter() - started
    code.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    isolation = detect_isolation()
    grade_times = [time_grade_command("--only", PROBLEM) for _ in range(runs)]
    start_times = [time_worker_start(isolation) for _ in range(runs)]
    forbidden = load_rubric(REPO / "grading.yml").problem(PROBLEM).forbidden_imports
    zygotes = Zygotes(isolation, {Zygotes.preload_for(forbidden)})
    try:
        zygotes.wait_ready()
        forked = [time_worker_start(isolation, zygotes.starter(forbidden)) for _ in range(runs)]
    finally:
        zygotes.close()
    grade = statistics.median(grade_times)
    print(f"grading {PROBLEM} (source notebook), median of {runs} runs: {grade:.2f} s")
    print(f"  runs: {', '.join(f'{t:.2f}' for t in grade_times)} s")
    for label, times in (("in a sandbox of its own", start_times), ("forked", forked)):
        print(
            f"worker start-up + notebook load, {label} ({isolation}), median of {runs}: "
            f"{statistics.median(times):.3f} s"
        )
        print(f"  runs: {', '.join(f'{t:.3f}' for t in times)} s")
    everything = [time_grade_command() for _ in range(runs)]
    count = len(load_rubric(REPO / "grading.yml").problems)
    print(
        f"grading all {count} problems (source), median of {runs}: "
        f"{statistics.median(everything):.2f} s"
    )


if __name__ == "__main__":
    main()
