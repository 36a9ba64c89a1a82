"""The pull-request side of grading, called by `.github/workflows/grade.yml` and `comment.yml`.

``python -m autograder.pr grade``     (grade workflow, read-only token) grades the PR head's
    ``assignments/`` with this checkout's grader, suites and grading.yml (the base commit's),
    and writes the artifact: results.json, results.md, classroom.json, pr-number, head-sha,
    base-sha, changed-files.txt. It appends the table to $GITHUB_STEP_SUMMARY and the Classroom
    result, base64, to $GITHUB_OUTPUT as ``classroom``.
``python -m autograder.pr check-artifact`` (comment workflow) validates the artifact of that run
    as untrusted data and writes ``number=<PR number>`` to $GITHUB_OUTPUT.
``python -m autograder.pr comment``   (comment workflow) renders the sticky comment from the
    validated results and the PR's changed files as GitHub lists them.

The comment side runs on the runner's own python3 with nothing installed: it imports only
``results`` and ``render``, which need the standard library alone.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from autograder import render
from autograder.results import GradeResult, ResultsError, from_json

ARTIFACT_FILES = (
    "results.json",
    "results.md",
    "classroom.json",
    "pr-number",
    "head-sha",
    "base-sha",
    "changed-files.txt",
)
SUBMITTED = "assignments/"  # the only folder a pull request may change
COMMENT_LIMIT = 60_000  # characters; GitHub refuses comments over 65,536
SUMMARY_LIMIT = 900_000  # bytes; GitHub keeps 1 MiB of step summary per step
MAX_ARTIFACT_BYTES = 5 * 2**20  # a results.json larger than this did not come from the grader
_SHA = re.compile(r"^[0-9a-f]{40}$")
_PR_NUMBER = re.compile(r"^[1-9][0-9]{0,9}$")


class ArtifactError(Exception):
    """The grade artifact is not what the grade workflow writes: nothing is posted."""


# ---------------------------------------------------------------- grade (the grade workflow)


def changed_files(repo: Path, base_sha: str, head_sha: str) -> list[str] | str:
    """Files the pull request changes (since it left the base branch), or why they are unknown."""
    done = subprocess.run(
        ["git", "-C", str(repo), "diff", "--name-only", "-z", f"{base_sha}...{head_sha}"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return f"git diff {base_sha[:7]}...{head_sha[:7]} failed: {done.stderr.strip()[:200]}"
    return sorted(name for name in done.stdout.split("\0") if name)


def protected(files: list[str]) -> list[str]:
    return [name for name in files if not name.startswith(SUBMITTED)]


def _safe(text: str) -> str:
    """A file name from the pull request, as markdown text: escaped, on one line, short."""
    text = render.md_text(" ".join(text.split()))[:200]
    return re.sub(r"([\\`*_\[\]#])", r"\\\1", text)


def preface(
    head_sha: str, base_sha: str, pr_number: str, changed: list[str] | str | None
) -> tuple[str, ...]:
    """The lines under the comment's title: what was graded with what, and what the pull
    request changed outside assignments/."""
    where = f"pull request #{pr_number}" if pr_number else "this push"
    lines = [
        f"Graded commit `{head_sha[:12]}` ({where}) with the grader, suites and grading.yml "
        f"of commit `{base_sha[:12]}`."
    ]
    if isinstance(changed, str):
        lines += ["", f"The changed files could not be listed: {render.md_text(changed)}"]
        return tuple(lines)
    outside = protected(changed or [])
    if outside:
        shown = ", ".join(_safe(name) for name in outside[:20])
        more = f" and {len(outside) - 20} more" if len(outside) > 20 else ""
        lines += [
            "",
            f"> **Protected files changed:** this pull request changes {len(outside)} file(s) "
            f"outside `assignments/`: {shown}{more}. They had no effect on this grade: only "
            "`assignments/` is taken from the pull request.",
        ]
        if any(name.startswith(".github/") for name in outside):
            lines += [
                ">",
                "> It changes `.github/` as well. For a pull request GitHub runs the pull "
                "request's own copy of the grade workflow, so this table may not have come from "
                "the base commit's grader: the instructor's batch grading is the grade of record.",
            ]
    return tuple(lines)


def pr_markdown(result: GradeResult, lines: tuple[str, ...], limit: int = COMMENT_LIMIT) -> str:
    """The table with its preface, messages shortened until it fits in ``limit`` characters."""
    for chars in (400, 200, 100, 0):
        text = render.markdown(result, preface=lines, message_chars=chars)
        if len(text) <= limit:
            return text
    return text[: limit - 40] + "\n\n(table cut: too many problems)\n"


def _append(path_variable: str, text: str) -> None:
    """Append to the file a GitHub variable names ($GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY)."""
    path = os.environ.get(path_variable)
    if path:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(text)


def _grade(args) -> int:
    from autograder.cli import EXIT_GRADER_BUG, EXIT_USAGE, REPO_ROOT, grade_folder
    from autograder.rubric import RubricError
    from autograder.runner import GraderBug

    for name, value in (("--base-sha", args.base_sha), ("--head-sha", args.head_sha)):
        if not _SHA.match(value):
            print(f"error: {name} {value!r} is not a commit SHA", file=sys.stderr)
            return EXIT_USAGE
    if args.pr_number and not _PR_NUMBER.match(args.pr_number):
        print(f"error: --pr-number {args.pr_number!r} is not a number", file=sys.stderr)
        return EXIT_USAGE
    submitted = Path(args.submitted)
    changed = changed_files(submitted, args.base_sha, args.head_sha) if args.pr_number else None
    try:
        result = grade_folder(submitted / "assignments", REPO_ROOT / "grading.yml")
    except RubricError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except GraderBug as exc:
        print(f"grader error: {exc}", file=sys.stderr)
        return EXIT_GRADER_BUG

    table = pr_markdown(result, preface(args.head_sha, args.base_sha, args.pr_number, changed))
    classroom = json.dumps(render.classroom(result), indent=2) + "\n"
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "results.json": result.to_json(),
        "results.md": table,
        "classroom.json": classroom,
        "pr-number": f"{args.pr_number}\n",
        "head-sha": f"{args.head_sha}\n",
        "base-sha": f"{args.base_sha}\n",
        "changed-files.txt": "".join(f"{name}\n" for name in changed)
        if isinstance(changed, list)
        else "",
    }
    for name in ARTIFACT_FILES:
        (out / name).write_text(files[name], encoding="utf-8")
    _append("GITHUB_STEP_SUMMARY", table[:SUMMARY_LIMIT])
    encoded = base64.b64encode(classroom.encode()).decode()
    _append("GITHUB_OUTPUT", f"classroom={encoded}\n")
    print(render.terminal(result), end="")
    if result.grader_errors:
        print("grader error:", *result.grader_errors, sep="\n  ", file=sys.stderr)
        return EXIT_GRADER_BUG
    return 0


# ---------------------------------------------------------------- the comment workflow


def _read(folder: Path, name: str, limit: int) -> str:
    path = folder / name
    if path.is_symlink() or not path.is_file():
        raise ArtifactError(f"the artifact has no file {name}")
    if path.stat().st_size > limit:
        raise ArtifactError(f"{name} in the artifact is larger than {limit} bytes")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ArtifactError(f"{name} in the artifact is not UTF-8 text") from None


def read_artifact(folder: Path, run_head_sha: str) -> tuple[str, str, str, GradeResult]:
    """(PR number, head SHA, base SHA, results) from an artifact that is checked field by field:
    the number is a number, the graded commit is the one the workflow run was for, and the
    results are well-formed. Raises ArtifactError saying what is wrong."""
    folder = Path(folder)
    number = _read(folder, "pr-number", 100).strip()
    if not _PR_NUMBER.match(number):
        raise ArtifactError(f"pr-number {number[:30]!r} is not a pull-request number")
    head, base = (_read(folder, name, 100).strip() for name in ("head-sha", "base-sha"))
    for name, sha in (("head-sha", head), ("base-sha", base)):
        if not _SHA.match(sha):
            raise ArtifactError(f"{name} {sha[:50]!r} is not a commit SHA")
    if head != run_head_sha:
        raise ArtifactError(
            f"the artifact grades {head[:12]}, but the workflow run was for {run_head_sha[:12]}"
        )
    try:
        result = from_json(_read(folder, "results.json", MAX_ARTIFACT_BYTES))
    except ResultsError as exc:
        raise ArtifactError(f"results.json: {exc}") from None
    return number, head, base, result


def _check_artifact(args) -> int:
    try:
        number, *_ = read_artifact(Path(args.artifact), args.run_head_sha)
    except ArtifactError as exc:
        print(f"error: the grade artifact is refused: {exc}", file=sys.stderr)
        return 1
    _append("GITHUB_OUTPUT", f"number={number}\n")
    print(f"artifact accepted: pull request #{number}")
    return 0


def _comment(args) -> int:
    try:
        number, head, base, result = read_artifact(Path(args.artifact), args.run_head_sha)
    except ArtifactError as exc:
        print(f"error: the grade artifact is refused: {exc}", file=sys.stderr)
        return 1
    text = Path(args.changed_files).read_text(encoding="utf-8", errors="replace")
    changed = [line for line in text.splitlines() if line.strip()]
    body = pr_markdown(result, preface(head, base, number, changed))
    Path(args.out).write_text(body, encoding="utf-8")
    print(f"comment for pull request #{number}: {len(body)} characters")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.pr", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="grade a pull request's head; write the artifact")
    grade.add_argument("--submitted", required=True, help="checkout of the commit to grade")
    grade.add_argument("--out", required=True, help="folder for the artifact files")
    grade.add_argument("--base-sha", required=True, help="the commit whose grader this is")
    grade.add_argument("--head-sha", required=True, help="the commit being graded")
    grade.add_argument("--pr-number", default="", help="empty for a push")

    check = commands.add_parser("check-artifact", help="validate a grade artifact")
    comment = commands.add_parser("comment", help="render the sticky comment from an artifact")
    for sub in (check, comment):
        sub.add_argument("--artifact", required=True, help="folder of the downloaded artifact")
        sub.add_argument("--run-head-sha", required=True, help="the workflow run's head SHA")
    comment.add_argument("--changed-files", required=True, help="the PR's files, one a line")
    comment.add_argument("--out", required=True, help="where to write the comment body")

    args = parser.parse_args(argv)
    handler = {"grade": _grade, "check-artifact": _check_artifact, "comment": _comment}
    return handler[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
