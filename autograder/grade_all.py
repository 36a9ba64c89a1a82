"""``python -m autograder grade-all DIR --out gradebook.csv``: grade a class, the grade of record.

``DIR`` holds one folder per student, in either layout (a student may use either):

    DIR/<student>/assignments/<set>/<problem>.ipynb   a cloned student repository
    DIR/<student>/<set>/<problem>.ipynb               the set folders directly

Each student is graded by their own ``python -m autograder grade --hidden`` process
(``batch.run_grader``: the hidden suites run, and one student's disaster ends only their own
run), as many at once as the machine has cores, with a progress bar. Written:

    gradebook.csv                                student, total, one column per problem, reason
    <reports>/<student>/results.json             the grader's results (DESIGN.md's format)
    <reports>/<student>/table.txt                the score table the student would see
    <reports>/<student>/gradescope/results.json  Gradescope's autograder results format
    <reports>/report.md, totals.png, pass_rates.png   the class report

``<reports>`` is the CSV's name without ``.csv`` (``gradebook/``) unless given. A submission that
cannot be graded (no problem-set folder, a symbolic link, a grader run that failed or ran out of
time) is a row of zeros with the reason, never a crash.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from autograder import render
from autograder.batch import run_grader, run_parallel
from autograder.parallel import usable_cores
from autograder.report import Row, write_report
from autograder.rubric import Problem, Rubric
from autograder.runner import ProblemRun
from autograder.score import score

NOT_RUN = "not run"  # the isolation of a result made up of zeros: no grader ran


@dataclass(frozen=True)
class StudentFolder:
    student: str
    root: Path | None  # what to grade: the assignments/ folder or the student's folder
    reason: str  # why there is nothing to grade, when root is None


def find_submissions(
    folder: Path, rubric: Rubric, reports: Path | None = None
) -> list[StudentFolder]:
    """One entry per student folder in ``folder``, sorted by name (files and dot-folders are
    not students: a roster beside the folders is fine, and so is the reports folder)."""
    found = []
    sets = rubric.assignments
    ours = reports.resolve() if reports is not None else None
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or (ours is not None and entry.resolve() == ours):
            continue
        if entry.is_symlink():
            found.append(StudentFolder(entry.name, None, "the folder is a symbolic link"))
            continue
        if not entry.is_dir():
            continue
        inner = entry / "assignments"
        if inner.is_symlink():
            found.append(StudentFolder(entry.name, None, "assignments/ is a symbolic link"))
        elif inner.is_dir():
            found.append(StudentFolder(entry.name, inner, ""))
        elif any((entry / name).is_dir() for name in sets):
            found.append(StudentFolder(entry.name, entry, ""))
        else:
            reason = f"no assignments/ folder and no problem-set folder ({', '.join(sets)})"
            found.append(StudentFolder(entry.name, None, reason))
    return found


def zeros(problems: tuple[Problem, ...], reason: str):
    """The result of a submission that could not be graded: every test 0, saying why."""
    runs = {p.id: ProblemRun(p.id, "error", reason) for p in problems}
    return score(problems, runs, NOT_RUN)


def grade_student(
    entry: StudentFolder,
    problems: tuple[Problem, ...],
    rubric_path: Path,
    reports: Path,
    jobs: int = 1,
) -> Row:
    """Grade one student's folder in a grader process of its own, ``jobs`` problems at a time."""
    folder = reports / entry.student
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").unlink(missing_ok=True)
    if entry.root is None:
        return Row(entry.student, zeros(problems, entry.reason), entry.reason)
    only = ",".join(p.id for p in problems)
    timeout = 120 + sum(p.limits.wall_seconds for p in problems)
    run = run_grader(
        entry.root,
        folder / "results.json",
        "--hidden",
        "--rubric",
        str(rubric_path),
        "--only",
        only,
        "--jobs",
        str(jobs),
        timeout=timeout,
    )
    (folder / "table.txt").write_text(run.stdout, encoding="utf-8")
    if run.result is None:
        (folder / "results.json").unlink(missing_ok=True)
        return Row(entry.student, zeros(problems, run.failure), run.failure)
    return Row(entry.student, run.result, _reason(run.result, run.failure))


def _reason(result, failure: str) -> str:
    """What a teacher should know about a graded submission, in one line ("" if nothing)."""
    missing = [p.id for p in result.problems if p.status == "missing"]
    broken = [f"{p.id} ({p.reason[:120]})" for p in result.problems if p.status == "error"]
    if len(missing) == len(result.problems):
        return "nothing submitted: every problem's notebook is missing"
    parts = [failure] if failure else []
    if missing:
        parts.append(f"missing: {', '.join(missing)}")
    if broken:
        parts.append(f"not gradable: {'; '.join(broken)}")
    return "; ".join(parts)


def write_gradebook(rows: list[Row], problems: tuple[Problem, ...], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["student", "total", *(p.id for p in problems), "reason"])
        for row in rows:
            scores = [f"{row.problem_score(p.id):g}" for p in problems]
            writer.writerow([row.student, f"{row.result.score:g}", *scores, row.reason])


def write_student_files(row: Row, hidden: frozenset, reports: Path) -> None:
    folder = reports / row.student / "gradescope"
    folder.mkdir(parents=True, exist_ok=True)
    results = render.gradescope(row.result, hidden)
    if row.reason:
        results["output"] += f"\n{row.reason}"
    (folder / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def grade_all(
    folder: Path,
    rubric: Rubric,
    out: Path,
    reports: Path,
    workers: int | None = None,
    only: str | None = None,
    progress_stream=sys.stderr,
) -> list[Row]:
    """Grade every student folder; write the gradebook, the per-student files and the report."""
    from tqdm import tqdm

    selected = rubric.select(only)
    hidden = frozenset((p.id, t.id) for p in selected if p.hidden for t in p.hidden.tests)
    problems = tuple(p.with_hidden() for p in selected)
    entries = find_submissions(folder, rubric, reports)
    most = sum(p.max_score for p in problems)
    # a bar on a terminal; elsewhere (a log, CI) the per-student lines alone
    bar = tqdm(
        total=len(entries), desc="grading", unit="student", file=progress_stream, disable=None
    )

    def done(row: Row) -> None:
        bar.update()
        note = f"  ({row.reason})" if row.reason else ""
        bar.write(f"  {row.student}: {row.result.score:g} / {most:g}{note}", file=sys.stdout)

    # the cores are shared out: so many students at a time, each graded so many problems at a time
    at_once = max(1, min(workers or usable_cores(), len(entries) or 1))
    each = max(1, usable_cores() // at_once)
    jobs = [lambda e=e: grade_student(e, problems, rubric.path, reports, each) for e in entries]
    try:
        rows = run_parallel(jobs, at_once, on_done=done)
    finally:
        bar.close()
    for row in rows:
        write_student_files(row, hidden, reports)
    write_gradebook(rows, problems, out)
    write_report(rows, problems, reports)
    return rows
