"""Regenerate ``release/`` from ``source/`` with nbgrader, then refresh ``assignments/``.

``nbgrader generate_assignment <ps> --no-db --force`` runs from the repo root for every problem
set (``nbgrader_config.py`` limits the copy to notebooks). A notebook in ``assignments/`` is
replaced only while it is still the previous release, byte for byte: a student's edits are kept.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path


class ReleaseError(Exception):
    """nbgrader failed; the message carries the end of its log."""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def problem_sets(root: Path) -> list[str]:
    return sorted(
        p.name for p in (root / "source").iterdir() if p.is_dir() and any(p.glob("*.ipynb"))
    )


def release(root: Path) -> Iterator[str]:
    """Regenerate every problem set; yields one line per notebook saying what happened."""
    for problem_set in problem_sets(root):
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
