"""A throw-away course for tests that run hostile or broken submissions.

Everything such a test runs lives under its temporary folder, never in the checkout: a copy of
the grader package, a rubric of many copies of the P6 problem (one per submission, each with
its own copy of the P6 suite) and a submission folder with one file per problem. The grader is
started from the copy, so a submission that writes wherever it can reaches only the copy.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import yaml

from conftest import P06, REPO, VARIANTS

ASSIGNMENT = "ps_local"
CORRECT = (VARIANTS / P06[1] / "correct_vectorized.py").read_text()
STUB = (
    "def softmax_rows(logits):\n    raise NotImplementedError()\n\n\n"
    "def cross_entropy(logits, labels):\n    raise NotImplementedError()\n"
)  # the release's code: nothing implemented, scores 0


def notebook(*cells: str) -> str:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    return nbformat.writes(nb)


def p06_entry() -> dict:
    """P6's grading.yml entry without its hidden suite (the copies test the visible one)."""
    entry = yaml.safe_load((REPO / "grading.yml").read_text())["assignments"][P06[0]]["problems"][
        P06[1]
    ]
    return {key: value for key, value in entry.items() if not key.startswith("hidden_")}


def build_course(root: Path, submissions: dict, limits: dict) -> tuple[Path, Path]:
    """Lay out ``root/grader`` (package copy, suites, grading.yml) and ``root/submission``.

    ``submissions`` maps a problem id to ``(suffix, text or bytes)`` or None (no file). In a
    text, ``{suite}`` is replaced by the path of that problem's suite copy and ``{root}`` by
    ``root``. Returns (the grader folder to run from, the submission folder)."""
    grader = root / "grader"
    shutil.copytree(
        REPO / "autograder", grader / "autograder", ignore=shutil.ignore_patterns("__pycache__")
    )
    entry = p06_entry()
    problems = {}
    folder = root / "submission" / ASSIGNMENT
    folder.mkdir(parents=True)
    for problem_id, submission in submissions.items():
        suite = grader / "suites" / f"test_{problem_id}.py"
        suite.parent.mkdir(exist_ok=True)
        shutil.copyfile(REPO / entry["suite"], suite)
        problems[problem_id] = {**entry, "suite": f"suites/{suite.name}", "title": problem_id}
        if submission is None:
            continue
        suffix, content = submission
        if isinstance(content, str):
            content = content.replace("{suite}", str(suite)).replace("{root}", str(root))
        target = folder / f"{problem_id}{suffix}"
        (target.write_bytes if isinstance(content, bytes) else target.write_text)(content)
    rubric = {
        "version": 1,
        "limits": limits,
        "assignments": {ASSIGNMENT: {"title": "Hostile course", "problems": problems}},
    }
    (grader / "grading.yml").write_text(yaml.safe_dump(rubric, sort_keys=False))
    return grader, root / "submission"


def snapshot(*folders: Path) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every file under ``folders``: what a run changed shows as a difference."""
    files = {}
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = [d for d in dirnames if d != "__pycache__"]
            for name in filenames:
                path = Path(dirpath) / name
                stat = path.lstat()
                files[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return files
