"""``python -m autograder``: the commands of DESIGN.md. Each parses, calls a stage, prints."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

EXIT_OK, EXIT_BELOW_THRESHOLD, EXIT_USAGE, EXIT_GRADER_BUG = 0, 1, 2, 3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="grade a submission folder and print the score table")
    grade.add_argument(
        "submission",
        nargs="?",
        default=str(REPO_ROOT / "assignments"),
        help="folder holding <assignment>/<problem>.ipynb (default: assignments)",
    )
    grade.add_argument(
        "--only",
        metavar="IDS",
        help="comma-separated problem ids and problem-set names, mixed, "
        "e.g. p06_softmax_cross_entropy,ps1_retrieval",
    )
    grade.add_argument("--json", metavar="PATH", help="write the results JSON here")
    grade.add_argument("--markdown", metavar="PATH", help="write the pull-request table here")
    grade.add_argument(
        "--classroom",
        metavar="PATH",
        help="write the GitHub Classroom runner result (autograding-grading-reporter) here",
    )
    grade.add_argument(
        "--fail-under",
        metavar="PCT",
        type=float,
        help="exit 1 when the score is below PCT percent of the maximum",
    )
    grade.add_argument(
        "--hidden",
        action="store_true",
        help="instructors: also run the hidden suites grading.yml names (grade-all always does)",
    )
    grade.add_argument(
        "--jobs",
        type=_positive_int,
        help="problems graded at a time (default: one per core this process may use)",
    )
    grade.add_argument("--rubric", default=str(REPO_ROOT / "grading.yml"), help=argparse.SUPPRESS)

    commands.add_parser(
        "release",
        help="add each source notebook's check cell, regenerate release/ from source/ and "
        "refresh assignments/",
    )

    validate = commands.add_parser(
        "validate",
        help="instructors: references score full marks, the release 0, nothing leaks, "
        "release/ is current, and which known-wrong variants each suite catches",
    )
    validate.add_argument("--only", metavar="IDS", help="problem ids and problem-set names")
    validate.add_argument("--jobs", type=int, help="grader runs at a time (default: one per core)")
    validate.add_argument("--root", default=str(REPO_ROOT), help=argparse.SUPPRESS)

    publish = commands.add_parser(
        "publish",
        help="instructors: write the student template repository (no source/, no hidden tests)",
    )
    publish.add_argument("dir", help="where to write it: a new or empty folder")

    grade_all = commands.add_parser(
        "grade-all",
        help="instructors: grade a class, one submission per subfolder, hidden tests included",
        description="Grade every student folder in DIR, in parallel, hidden suites included. "
        "Layouts: DIR/<student>/assignments/<set>/<problem>.ipynb (a cloned student "
        "repository) or DIR/<student>/<set>/<problem>.ipynb (the set folders directly).",
    )
    grade_all.add_argument("dir", help="the folder of student folders")
    grade_all.add_argument("--out", required=True, metavar="CSV", help="the gradebook to write")
    grade_all.add_argument(
        "--reports",
        metavar="DIR",
        help="per-student results and the class report (default: the CSV's name without .csv)",
    )
    grade_all.add_argument("--jobs", type=int, help="students at a time (default: one per core)")
    grade_all.add_argument("--only", metavar="IDS", help="problem ids and problem-set names")
    grade_all.add_argument(
        "--rubric", default=str(REPO_ROOT / "grading.yml"), help=argparse.SUPPRESS
    )

    args = parser.parse_args(argv)
    if args.command == "grade":
        return _grade(args)
    if args.command == "validate":
        return _validate(args)
    if args.command == "publish":
        return _publish(args)
    if args.command == "grade-all":
        return _grade_all(args)
    return _release()


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def grade_folder(
    submission: Path,
    rubric_path: Path,
    only: str | None = None,
    *,
    hidden: bool = False,
    progress=None,
    jobs: int | None = None,
):
    """Load the rubric, grade ``submission`` and score it: the ``GradeResult``. ``hidden`` adds
    the hidden suites; ``progress(done, total, running_ids)`` hears whenever a problem starts or
    ends; ``jobs`` problems are graded at a time (default: one per usable core). Raises
    RubricError (grading.yml or ``only`` is wrong) or GraderBug (a suite crashed)."""
    from autograder.rubric import load_rubric
    from autograder.runner import run_problems
    from autograder.sandbox.launch import detect_isolation
    from autograder.score import score

    problems = load_rubric(rubric_path).select(only)
    if hidden:
        problems = tuple(problem.with_hidden() for problem in problems)
    isolation = detect_isolation()
    runs = run_problems(problems, submission, isolation, progress, jobs)
    return score(problems, runs, isolation)


def wants_color(stream) -> bool:
    """Color only for a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


class _ProgressLine:
    """One line on a terminal that says which problem is being graded, erased before the table.

    It writes to its own copy of the terminal's descriptor: pytest captures file descriptor 1
    while tests run, and the line must get through."""

    def __init__(self, stream):
        stream.flush()
        self.fd = os.dup(stream.fileno())
        self.width = max(20, shutil.get_terminal_size().columns - 1)

    def __call__(self, done: int, total: int, running: list[str]) -> None:
        now = ", ".join(running[:3]) + (f" and {len(running) - 3} more" if len(running) > 3 else "")
        line = f"  graded {done}/{total}" + (f" · grading {now} …" if now else "")
        os.write(self.fd, f"\r\033[K{line[: self.width]}".encode())

    def clear(self) -> None:
        os.write(self.fd, b"\r\033[K")
        os.close(self.fd)


def _grade(args) -> int:
    from autograder import render
    from autograder.rubric import RubricError
    from autograder.runner import GraderBug

    submission = Path(args.submission)
    if not submission.is_dir():
        print(f"error: submission folder {submission} not found", file=sys.stderr)
        return EXIT_USAGE
    # On a terminal only: a file or a pipe gets exactly the plain table.
    progress = _ProgressLine(sys.stdout) if sys.stdout.isatty() else None
    try:
        result = grade_folder(
            submission,
            Path(args.rubric),
            args.only,
            hidden=args.hidden,
            progress=progress,
            jobs=args.jobs,
        )
    except RubricError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except GraderBug as exc:
        print(f"grader error: {exc}", file=sys.stderr)
        return EXIT_GRADER_BUG
    finally:
        if progress is not None:
            progress.clear()
    if args.json:
        Path(args.json).write_text(result.to_json(), encoding="utf-8")
    if args.markdown:
        Path(args.markdown).write_text(render.markdown(result), encoding="utf-8")
    if args.classroom:
        text = json.dumps(render.classroom(result), indent=2) + "\n"
        Path(args.classroom).write_text(text, encoding="utf-8")
    print(render.terminal(result, color=wants_color(sys.stdout)), end="")
    if result.grader_errors:
        print(
            "\nThe grader itself failed on these tests (a bug to report, not your mistake):",
            *result.grader_errors,
            sep="\n  ",
            file=sys.stderr,
        )
        return EXIT_GRADER_BUG
    if args.fail_under is not None and result.score < args.fail_under / 100 * result.max_score:
        return EXIT_BELOW_THRESHOLD
    return EXIT_OK


def _release() -> int:
    from autograder.release import ReleaseError, release

    try:
        for line in release(REPO_ROOT):
            print(line)
    except ReleaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _validate(args) -> int:
    from autograder.rubric import RubricError
    from autograder.validate import render_findings, validate

    try:
        report = validate(Path(args.root), args.only, args.jobs, say=_say)
    except RubricError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print()
    print(render_findings(report), end="")
    return EXIT_OK if report.ok else EXIT_BELOW_THRESHOLD


def _say(line: str) -> None:
    print(line, flush=True)


def _publish(args) -> int:
    from autograder.publish import PublishError, publish
    from autograder.rubric import RubricError

    try:
        for line in publish(REPO_ROOT, Path(args.dir)):
            print(f"  {line}")
    except (PublishError, RubricError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"published the student template to {args.dir}: see its README.md; push it as a new")
    print("repository and make it a template (Settings: Template repository) for GitHub Classroom")
    return EXIT_OK


def _grade_all(args) -> int:
    from autograder.grade_all import grade_all
    from autograder.rubric import RubricError, load_rubric

    folder, out = Path(args.dir), Path(args.out)
    if not folder.is_dir():
        print(f"error: folder {folder} not found", file=sys.stderr)
        return EXIT_USAGE
    reports = Path(args.reports) if args.reports else out.with_suffix("")
    try:
        rubric = load_rubric(Path(args.rubric))
        rows = grade_all(folder, rubric, out, reports, args.jobs, args.only)
    except RubricError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"graded {len(rows)} submission(s): gradebook {out}, class report {reports / 'report.md'}"
    )
    return EXIT_OK
