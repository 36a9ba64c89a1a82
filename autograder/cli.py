"""``python -m autograder``: the commands of DESIGN.md. Each parses, calls a stage, prints."""

from __future__ import annotations

import argparse
import json
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
    grade.add_argument("--only", help="comma-separated problem ids, e.g. p06_softmax_cross_entropy")
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
    grade.add_argument("--rubric", default=str(REPO_ROOT / "grading.yml"), help=argparse.SUPPRESS)

    commands.add_parser("release", help="regenerate release/ from source/ and refresh assignments/")

    args = parser.parse_args(argv)
    if args.command == "grade":
        return _grade(args)
    return _release()


def grade_folder(submission: Path, rubric_path: Path, only: str | None = None):
    """Load the rubric, grade ``submission`` and score it: the ``GradeResult``. Raises
    RubricError (grading.yml or ``only`` is wrong) or GraderBug (a suite crashed)."""
    from autograder.rubric import load_rubric
    from autograder.runner import run_problems
    from autograder.sandbox.launch import detect_isolation
    from autograder.score import score

    problems = load_rubric(rubric_path).select(only)
    isolation = detect_isolation()
    return score(problems, run_problems(problems, submission, isolation), isolation)


def _grade(args) -> int:
    from autograder import render
    from autograder.rubric import RubricError
    from autograder.runner import GraderBug

    submission = Path(args.submission)
    if not submission.is_dir():
        print(f"error: submission folder {submission} not found", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = grade_folder(submission, Path(args.rubric), args.only)
    except RubricError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except GraderBug as exc:
        print(f"grader error: {exc}", file=sys.stderr)
        return EXIT_GRADER_BUG
    if args.json:
        Path(args.json).write_text(result.to_json(), encoding="utf-8")
    if args.markdown:
        Path(args.markdown).write_text(render.markdown(result), encoding="utf-8")
    if args.classroom:
        text = json.dumps(render.classroom(result), indent=2) + "\n"
        Path(args.classroom).write_text(text, encoding="utf-8")
    print(render.terminal(result), end="")
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
