"""``python -m autograder publish DIR``: write the student template repository.

In it: ``release/`` and ``assignments/`` (notebooks only), the grader (``autograder/`` without
``hidden/`` and ``template/``), ``grading.yml`` without any ``hidden_suite``/``hidden_tests``,
``requirements.lock``, the pull-request workflows (``grade.yml``, ``comment.yml``) with the
scripts ``grade.yml`` runs, and from ``autograder/template/`` a student README, a small Makefile
and a ``.gitignore``. Not in it: ``source/`` (solutions and variants), the hidden suites,
``tests/``, ``bench/``, ``nbgrader_config.py``, and ``ci.yml`` with ``check-release.sh``, which
are this repository's own CI.

Before writing, the release must be clean (no solution line, ``assignments/`` = ``release/``);
after writing, the copy is checked again: its ``grading.yml`` loads, names nothing hidden, and no
instructor path is in it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import yaml

from autograder.rubric import load_rubric
from autograder.validate import assignment_findings, leak_findings

TEMPLATE = Path(__file__).resolve().parent / "template"
WORKFLOWS = (".github/workflows/grade.yml", ".github/workflows/comment.yml")
SCRIPTS = (".github/scripts/install-grader.sh", ".github/scripts/enable-bubblewrap.sh")
LEFT_OUT_OF_THE_GRADER = ("hidden", "template", "__pycache__", "*.pyc")
NEVER_PUBLISHED = ("source", "tests", "bench", "nbgrader_config.py", ".github/workflows/ci.yml")
_HIDDEN_KEY = re.compile(r"^(\s*)(hidden_suite|hidden_tests)\s*:")


class PublishError(Exception):
    """The template cannot be written; the message says why."""


def strip_hidden(text: str) -> str:
    """``grading.yml`` without its ``hidden_suite`` and ``hidden_tests`` entries (and the lines
    nested under them), every other line kept as written, comments and blank lines included."""
    kept, blanks, skip_deeper_than = [], [], None
    for line in text.splitlines(keepends=True):
        if skip_deeper_than is not None:
            if not line.strip():
                blanks.append(line)  # kept if what follows is not nested any more
                continue
            if len(line) - len(line.lstrip()) > skip_deeper_than:
                blanks = []
                continue
            skip_deeper_than = None
            kept += blanks
            blanks = []
        match = _HIDDEN_KEY.match(line)
        if match:
            skip_deeper_than = len(match.group(1))
            continue
        kept.append(line)
    return "".join(kept + blanks)


def _without_hidden(data):
    if isinstance(data, dict):
        return {
            k: _without_hidden(v)
            for k, v in data.items()
            if k not in ("hidden_suite", "hidden_tests")
        }
    return data


def publish(root: Path, dest: Path) -> Iterator[str]:
    """Write the template into ``dest`` (absent or empty); yields what it wrote, a line each."""
    root, dest = Path(root).resolve(), Path(dest).resolve()
    if dest == root or root in dest.parents or dest in root.parents:
        raise PublishError(f"{dest}: publish outside the instructor's repository {root}")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise PublishError(f"{dest} exists and is not an empty folder")
    problems = leak_findings(root) + assignment_findings(root)
    if problems:
        listed = "; ".join(f"{f.where}: {f.what}" for f in problems[:5])
        raise PublishError(
            f"the release is not clean ({listed}); run `python -m autograder validate`"
        )
    rubric_text = (root / "grading.yml").read_text(encoding="utf-8")
    published_rubric = strip_hidden(rubric_text)
    if yaml.safe_load(published_rubric) != _without_hidden(yaml.safe_load(rubric_text)):
        raise PublishError("grading.yml: removing the hidden keys changed something else")
    if "hidden" in published_rubric.lower():
        raise PublishError("grading.yml mentions 'hidden' outside the hidden keys: reword it")

    dest.mkdir(parents=True, exist_ok=True)
    for folder in ("release", "assignments"):
        for notebook in sorted((root / folder).glob("*/*.ipynb")):
            target = dest / notebook.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(notebook, target)
        yield f"{folder}/: {len(list((dest / folder).glob('*/*.ipynb')))} notebooks"
    shutil.copytree(
        root / "autograder",
        dest / "autograder",
        ignore=shutil.ignore_patterns(*LEFT_OUT_OF_THE_GRADER),
    )
    yield "autograder/: the grader and the suites (no hidden suites)"
    (dest / "grading.yml").write_text(published_rubric, encoding="utf-8")
    yield "grading.yml: points, categories and limits (no hidden tests)"
    for name in ("requirements.lock", *WORKFLOWS, *SCRIPTS):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, dest / name)
        yield name
    readme = (TEMPLATE / "README.md").read_text(encoding="utf-8")
    readme = readme.replace("{{PROBLEMS}}", problem_table(load_rubric(dest / "grading.yml")))
    (dest / "README.md").write_text(readme, encoding="utf-8")
    shutil.copyfile(TEMPLATE / "Makefile", dest / "Makefile")
    shutil.copyfile(TEMPLATE / "gitignore", dest / ".gitignore")
    yield "README.md, Makefile, .gitignore: for students"
    _check_published(root, dest)


def problem_table(rubric) -> str:
    """The problems as a markdown table, for the student README."""
    lines = ["| set | problem | what | points |", "|---|---|---|---:|"]
    for problem in rubric.problems:
        row = (problem.assignment, problem.id, problem.title, f"{problem.max_score:g}")
        lines.append("| `{}` | `{}` | {} | {} |".format(*row))
    return "\n".join(lines)


def _check_published(root: Path, dest: Path) -> None:
    """What must be true of the copy, checked on the copy itself."""
    rubric = load_rubric(dest / "grading.yml")
    if any(problem.hidden for problem in rubric.problems):
        raise PublishError(f"{dest}/grading.yml still names a hidden suite")
    present = [name for name in NEVER_PUBLISHED if (dest / name).exists()]
    hidden_suites = {
        p.hidden.suite.name for p in load_rubric(root / "grading.yml").problems if p.hidden
    }
    present += [str(p.relative_to(dest)) for p in dest.rglob("*") if p.name in hidden_suites]
    if present:
        raise PublishError(f"{dest}: instructor files were copied: {', '.join(present)}")
