"""The code stays `ruff check` clean and formatted, as STYLE.md asks."""

import subprocess
import sys

from conftest import REPO


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=REPO, capture_output=True, text=True
    )


def test_ruff_check_is_clean():
    done = ruff("check", "--no-cache", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_engine_tests_and_bench_are_formatted():
    done = ruff("format", "--no-cache", "--check", "autograder", "tests", "bench")
    assert done.returncode == 0, done.stdout + done.stderr
