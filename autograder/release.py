"""Regenerate ``release/`` from ``source/`` with nbgrader, then refresh ``assignments/``.

First every source notebook gets its check cell as its last cell (``add_check_cells``: a
read-only cell running ``check("<problem id>")``, added or brought up to date, idempotent), so a
notebook merged in without one gets it at the next release. Then
``nbgrader generate_assignment <ps> --no-db --force`` runs from the repo root for every problem
set (``nbgrader_config.py`` limits the copy to notebooks). A notebook in ``assignments/`` is
replaced only while it is still the previous release, byte for byte: a student's edits are kept.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path


class ReleaseError(Exception):
    """nbgrader failed; the message carries the end of its log."""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def problem_sets(root: Path) -> list[str]:
    return sorted(
        p.name for p in (root / "source").iterdir() if p.is_dir() and any(p.glob("*.ipynb"))
    )


def check_cell(problem_id: str) -> dict:
    """The read-only last cell of a problem's notebook: the student's own check of it."""
    grade_id = check_cell_id(problem_id)
    source = f"""\
# Grade this problem right here, on the functions as this notebook has run them. It is a
# check, not the grade: that comes from the saved notebook (python -m autograder grade).
import os
import sys

sys.path.insert(0, os.path.abspath(os.path.join("..", "..")))  # the repository root
from autograder import check

check("{problem_id}")"""
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": grade_id,
        "metadata": {
            "nbgrader": {
                "grade": False,
                "grade_id": grade_id,
                "locked": True,
                "schema_version": 3,
                "solution": False,
                "task": False,
            }
        },
        "outputs": [],
        "source": source.splitlines(keepends=True),
    }


def check_cell_id(problem_id: str) -> str:
    """``p06_check`` for ``p06_softmax_cross_entropy``: the grade ids' prefix, then ``check``."""
    return f"{problem_id.split('_')[0]}_check"


def is_check_cell(cell: dict) -> bool:
    return cell.get("cell_type") == "code" and "from autograder import check" in "".join(
        cell.get("source", "")
    )


def add_check_cells(root: Path) -> list[Path]:
    """Make each ``source/<set>/<problem>.ipynb`` end with ``check_cell(<problem>)``, replacing
    any older check cell; returns the notebooks it changed. Running it twice changes nothing."""
    changed = []
    for notebook in sorted((root / "source").glob("*/*.ipynb")):
        text = notebook.read_text(encoding="utf-8")
        data = json.loads(text)
        wanted = check_cell(notebook.stem)
        taken = [
            c
            for c in data["cells"]
            if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == wanted["id"]
            or c.get("id") == wanted["id"]
        ]
        if any(not is_check_cell(c) for c in taken):
            raise ReleaseError(
                f"{notebook}: the id {wanted['id']} is taken by another cell; "
                "it is the check cell's: rename that cell's id and grade_id"
            )
        data["cells"] = [c for c in data["cells"] if not is_check_cell(c)] + [wanted]
        new_text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"  # as nbformat writes
        if new_text != text:
            notebook.write_text(new_text, encoding="utf-8")
            changed.append(notebook)
    return changed


def release(root: Path, only: Iterable[str] | None = None) -> Iterator[str]:
    """Add the check cells, then regenerate every problem set (those in ``only``, if given);
    yields one line per notebook saying what happened."""
    for notebook in add_check_cells(root):
        yield f"added the check cell to {notebook.relative_to(root)}"
    wanted = None if only is None else set(only)
    for problem_set in problem_sets(root):
        if wanted is not None and problem_set not in wanted:
            continue
        released = root / "release" / problem_set
        before = {nb.name: _digest(nb) for nb in released.glob("*.ipynb")}
        _generate(root, problem_set)
        for notebook in sorted(released.glob("*.ipynb")):
            yield _refresh_assignment(root, problem_set, notebook, before.get(notebook.name))


def _generate(root: Path, problem_set: str) -> None:
    command = [
        sys.executable,
        "-m",
        "nbgrader",
        "generate_assignment",
        problem_set,
        "--no-db",
        "--force",
    ]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        log = (done.stdout + done.stderr).strip().splitlines()[-15:]
        raise ReleaseError(f"nbgrader could not release {problem_set}:\n" + "\n".join(log))


def _refresh_assignment(
    root: Path, problem_set: str, notebook: Path, old_digest: str | None
) -> str:
    target = root / "assignments" / problem_set / notebook.name
    shown = target.relative_to(root)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(notebook, target)
        return f"released {problem_set}/{notebook.name}; created {shown}"
    current = _digest(target)
    if current == _digest(notebook):
        return f"released {problem_set}/{notebook.name}; {shown} is up to date"
    if current == old_digest:
        shutil.copyfile(notebook, target)
        return f"released {problem_set}/{notebook.name}; refreshed {shown}"
    return f"released {problem_set}/{notebook.name}; kept {shown}: it has the student's edits"
