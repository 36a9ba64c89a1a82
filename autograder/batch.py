"""Many grader runs at once, each its own ``python -m autograder grade`` process: one
submission's disaster (a crash, a hang, a grader bug) ends its own run and touches no other.
``grade-all`` runs one per student, ``validate`` one for the references, one for the release and
one per problem's variants. A pool of threads starts the processes and waits for them, as many at
a time as the machine has cores.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from autograder.parallel import usable_cores
from autograder.results import GradeResult, ResultsError, from_json

PACKAGE_PARENT = Path(__file__).resolve().parent.parent  # `-m autograder` runs this package
T = TypeVar("T")


@dataclass(frozen=True)
class GraderRun:
    """One ``grade`` process: its result, and what went wrong (one line), if anything. A run
    whose grader failed on some tests (exit 3) has both: the result scores those tests 0."""

    returncode: int | None  # None: killed at its deadline
    stdout: str
    stderr: str
    result: GradeResult | None
    failure: str  # "" when the run went as it should

    def problem(self, problem_id: str):
        return next(p for p in self.result.problems if p.id == problem_id)


def run_grader(submission: Path, json_path: Path, *extra: str, timeout: float) -> GraderRun:
    """``python -m autograder grade SUBMISSION --json JSON_PATH EXTRA...``, killed (with all of
    its process group) after ``timeout`` seconds."""
    command = [sys.executable, "-m", "autograder", "grade", str(submission)]
    command += ["--json", str(json_path), *extra]
    json_path.unlink(missing_ok=True)
    env = dict(os.environ)
    # One thread each for the oracles' NumPy and torch: the pool already fills every core.
    env.update(OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        command,
        cwd=PACKAGE_PARENT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        return GraderRun(None, stdout, stderr, None, f"grading took over {timeout:g} s")
    said = [line.strip() for line in stderr.splitlines() if line.strip()]
    failure = ""
    if process.returncode not in (0, 1):
        failure = f"the grader exited with code {process.returncode}: "
        failure += said[-1][:300] if said else "no message"
    if process.returncode not in (0, 1, 3) or not json_path.is_file():
        return GraderRun(process.returncode, stdout, stderr, None, failure or "no results")
    try:
        result = from_json(json_path.read_text(encoding="utf-8"))
    except ResultsError as exc:
        return GraderRun(process.returncode, stdout, stderr, None, f"unreadable results: {exc}")
    return GraderRun(process.returncode, stdout, stderr, result, failure)


def run_parallel(
    jobs: Iterable[Callable[[], T]],
    workers: int | None = None,
    on_done: Callable[[T], None] | None = None,
) -> list[T]:
    """Call every job, ``workers`` at a time (default: one per usable core); results in job order.
    ``on_done`` hears of each result as it arrives (in this thread)."""
    jobs = list(jobs)
    workers = max(1, min(workers or usable_cores(), len(jobs) or 1))
    results: list = [None] * len(jobs)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(job): index for index, job in enumerate(jobs)}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            if on_done is not None:
                on_done(results[futures[future]])
    return results
