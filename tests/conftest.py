"""Shared helpers for the project's tests: run the grader as a student or CI would."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
P06 = ("ps3_nn_primitives", "p06_softmax_cross_entropy")
VARIANTS = REPO / "source" / "ps3_nn_primitives" / "variants"


@dataclass
class Graded:
    returncode: int
    stdout: str
    stderr: str
    results: dict | None  # the --json output, when the run wrote it

    def problem(self, problem_id: str) -> dict:
        return next(p for p in self.results["problems"] if p["id"] == problem_id)


def run_grader(
    *args: str, timeout: float = 600, env: dict | None = None, cwd: Path = REPO
) -> subprocess.CompletedProcess:
    """``python -m autograder ARGS`` with the grader package found in ``cwd``."""
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def grade(
    submission: Path, *extra: str, tmp: Path, timeout: float = 600, env=None, cwd: Path = REPO
) -> Graded:
    """Grade ``submission`` with the CLI, exactly as `make grade` does, and read its JSON."""
    out = tmp / "results.json"
    done = run_grader(
        "grade", str(submission), "--json", str(out), *extra, timeout=timeout, env=env, cwd=cwd
    )
    results = json.loads(out.read_text()) if out.exists() else None
    return Graded(done.returncode, done.stdout, done.stderr, results)


@pytest.fixture
def write_submission(tmp_path):
    """Write code as ``<tmp>/submission/<assignment>/<problem>.<suffix>``; returns the folder."""

    def write(
        code: str | bytes, assignment: str = P06[0], problem: str = P06[1], suffix: str = ".py"
    ):
        folder = tmp_path / "submission" / assignment
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{problem}{suffix}"
        if isinstance(code, bytes):
            target.write_bytes(code)
        else:
            target.write_text(code)
        return tmp_path / "submission"

    return write
