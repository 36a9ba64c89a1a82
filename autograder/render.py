"""Format a ``GradeResult`` for people: a terminal table (colored on request), a markdown table
for a pull request, and the machine formats of GitHub Classroom and Gradescope.

Renderers only format; every number comes from the result. Output is deterministic.
"""

from __future__ import annotations

import re
import textwrap

from autograder.results import CATEGORIES, GradeResult, ProblemResult

_MARK = {"failed": "✗", "error": "!", "timeout": "⏱", "not_implemented": "…"}
# ANSI SGR codes for the colored terminal table
_STYLE = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
_MARK_STYLE = {"failed": "red", "error": "red", "timeout": "yellow", "not_implemented": "cyan"}


def _paint(text: str, style: str, color: bool) -> str:
    return f"\033[{_STYLE[style]}m{text}\033[0m" if color and style else text


def _share_style(got: float, most: float) -> str:
    """Green for full marks, red for none, yellow between."""
    return "green" if got >= most else "red" if got <= 0 else "yellow"


def _points(value: float) -> str:
    return f"{value:g}"


def _by_category(problem: ProblemResult, category: str) -> str:
    tests = [t for t in problem.tests if t.category == category]
    if not tests:
        return "·"
    return f"{_points(sum(t.score for t in tests))}/{_points(sum(t.max_score for t in tests))}"


def _category_style(problem: ProblemResult, category: str) -> str:
    tests = [t for t in problem.tests if t.category == category]
    if not tests:
        return "dim"
    return _share_style(sum(t.score for t in tests), sum(t.max_score for t in tests))


def _first_line(text: str, width: int) -> str:
    line = text.splitlines()[0] if text else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def _wrapped(text: str, indent: int, width: int, max_lines: int = 8) -> list[str]:
    """The whole message, wrapped: the hint at its end is the part a student needs."""
    lines = textwrap.wrap(" ".join(text.split()), width - indent, break_on_hyphens=False) or [
        "(no message)"
    ]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += " …"
    return [" " * indent + line for line in lines]


def _not_started_text(problem: ProblemResult) -> str | None:
    """ "not implemented yet: f, g" for a problem where nothing that lost points is implemented:
    one line instead of one per test."""
    missed = [t for t in problem.tests if t.outcome != "passed"]
    if not missed or any(t.outcome != "not_implemented" for t in missed):
        return None
    names = dict.fromkeys(re.findall(r"`([^`]+)`", " ".join(t.message for t in missed)))
    return f"not implemented yet: {', '.join(names)}" if names else "not implemented yet"


def _not_started(problem: ProblemResult, width: int, color: bool = False) -> list[str] | None:
    text = _not_started_text(problem)
    if not text:
        return None
    lines = _wrapped(f"… {text}", 4, width)
    return [_paint("    …", "cyan", color) + lines[0][5:], *lines[1:]]


def _missed_tests(problem: ProblemResult, width: int, color: bool = False) -> list[str]:
    """Tests that lost points, grouped by message so "not implemented" is said once."""
    groups: dict[str, list] = {}
    for test in problem.tests:
        if test.outcome != "passed":
            groups.setdefault(test.message, []).append(test)
    lines = []
    for message, tests in groups.items():
        mark = _paint(
            _MARK.get(tests[0].outcome, "?"), _MARK_STYLE.get(tests[0].outcome, ""), color
        )
        if len(tests) == 1:
            lines.append(f"    {mark} {tests[0].id} [{tests[0].category}]")
        else:
            categories = [c for c in CATEGORIES if any(t.category == c for t in tests)]
            lines.append(f"    {mark} {len(tests)} tests [{', '.join(categories)}]")
        lines += _wrapped(message, 8, width)
    return lines


def terminal(
    result: GradeResult, width: int = 100, *, color: bool = False, title: str | None = None
) -> str:
    """The score table. ``color`` adds ANSI colors (for a terminal only: without it the text is
    what files, pipes and the tests see); ``title`` replaces the first line."""
    id_width = max([len("problem")] + [len(p.id) for p in result.problems])
    header = f"  {'problem':<{id_width}}  " + "  ".join(f"{c:>11}" for c in CATEGORIES)
    header += f"  {'score':>9}"
    first = title or (
        f"ML Coding Round: {_points(result.score)} / {_points(result.max_score)} points"
        f"  (worker isolation: {result.isolation})"
    )
    lines = [_paint(first, "bold", color), "", header, "  " + "-" * (len(header) - 2)]
    details = []
    for problem in result.problems:
        cells = "  ".join(
            _paint(f"{_by_category(problem, c):>11}", _category_style(problem, c), color)
            for c in CATEGORIES
        )
        total = f"{_points(problem.score)}/{_points(problem.max_score)}"
        total = _paint(f"{total:>9}", _share_style(problem.score, problem.max_score), color)
        lines.append(f"  {problem.id:<{id_width}}  {cells}  {total}")
        if problem.status != "graded":
            details.append(f"  {problem.id}: {_paint(problem.status, 'red', color)}")
            details += _wrapped(problem.reason, 4, width)
        elif problem.score < problem.max_score:
            details.append(f"  {problem.id}:")
            details += _not_started(problem, width, color) or _missed_tests(problem, width, color)
    if details:
        lines += ["", "What lost points (✗ wrong value, ! error, ⏱ timeout, … not implemented):"]
        lines += details
    else:
        lines += ["", _paint("Every test passed.", "green", color)]
    return "\n".join(lines) + "\n"


def md_text(text: str) -> str:
    """Student text inside markdown: no HTML, no table breaks, no mentions or links."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("@", "@\u200b").replace("\r", "")


def markdown(
    result: GradeResult, *, preface: tuple[str, ...] = (), message_chars: int = 400
) -> str:
    """The pull-request table. ``preface`` lines (already markdown) go under the title;
    each failure message is cut to ``message_chars`` (0: the failing tests are listed bare)."""
    lines = [
        f"### ML Coding Round: {_points(result.score)} / {_points(result.max_score)} points",
        "",
    ]
    if preface:
        lines += [*preface, ""]
    lines += [
        "| problem | " + " | ".join(CATEGORIES) + " | score |",
        "|---|" + "---:|" * (len(CATEGORIES) + 1),
    ]
    for problem in result.problems:
        cells = " | ".join(_by_category(problem, c) for c in CATEGORIES)
        total = f"**{_points(problem.score)}/{_points(problem.max_score)}**"
        lines.append(f"| `{problem.id}` | {cells} | {total} |")
    for problem in result.problems:
        if problem.status != "graded":
            reason = md_text(_first_line(problem.reason, max(message_chars, 80)))
            lines += ["", f"**{problem.id}** {problem.status}: {reason}"]
            continue
        missed = [t for t in problem.tests if t.outcome != "passed"]
        if not missed:
            continue
        not_started = _not_started_text(problem)
        if not_started:
            lines += ["", f"**{problem.id}** {md_text(not_started)}"]
            continue
        lines += [
            "",
            f"<details><summary>{problem.id}: {len(missed)} test(s) lost points</summary>",
            "",
        ]
        for test in missed:
            line = f"- `{test.id}` ({test.category}, {test.outcome})"
            if message_chars:
                line += f": {md_text(_first_line(test.message, message_chars))}"
            lines.append(line)
        lines += ["", "</details>"]
    lines += ["", f"<sub>worker isolation: {result.isolation}</sub>"]
    return "\n".join(lines) + "\n"


def classroom(result: GradeResult) -> dict:
    """The runner ``result`` of classroom-resources/autograding-grading-reporter: one Classroom
    test per problem, so the gradebook's total is the table's total.

    The reporter prints these messages to the job log with no protection against workflow
    commands, so they are built from ids, categories and numbers only, never student text."""
    tests = []
    for problem in result.problems:
        if problem.status != "graded":
            status, message = "error", f"not graded ({problem.status}): see the score table"
        else:
            status = "pass" if problem.score >= problem.max_score else "fail"
            lost = [
                f"{c} {_by_category(problem, c)}"
                for c in CATEGORIES
                if any(t.category == c and t.outcome != "passed" for t in problem.tests)
            ]
            message = "full marks" if not lost else "lost points in " + ", ".join(lost)
        tests.append(
            {
                "name": problem.id,
                "status": status,
                "score": _number(problem.score),
                "message": f"{_points(problem.score)}/{_points(problem.max_score)}: {message}",
                "test_code": "",
                "filename": "",
                "line_no": 0,
                "duration": 0,
            }
        )
    every = {t["status"] for t in tests}
    status = "error" if "error" in every else "fail" if "fail" in every else "pass"
    return {
        "version": 1,
        "status": status,
        "max_score": _number(result.max_score),
        "tests": tests,
    }


def _number(value: float) -> int | float:
    """Whole points as an int, so the reporter prints "Points 12/20", not "12.0/20.0"."""
    return int(value) if float(value).is_integer() else value


def gradescope(result: GradeResult, hidden: frozenset[tuple[str, str]] = frozenset()) -> dict:
    """Gradescope's autograder ``results.json``: the total, and one Gradescope test per test
    (passed or failed, with its message). ``hidden`` holds (problem id, test id) pairs whose
    results students see only once the grades are published."""
    tests = []
    for number, problem in enumerate(result.problems, start=1):
        for sub, test in enumerate(problem.tests, start=1):
            tests.append(
                {
                    "name": f"{problem.id}: {test.id}",
                    "number": f"{number}.{sub}",
                    "score": _number(test.score),
                    "max_score": _number(test.max_score),
                    "status": "passed" if test.outcome == "passed" else "failed",
                    "output": test.message if test.outcome != "passed" else "",
                    "tags": [problem.assignment, problem.id, test.category],
                    "visibility": "after_published"
                    if (problem.id, test.id) in hidden
                    else "visible",
                }
            )
    return {
        "score": _number(result.score),
        "output": f"ML Coding Round: {_points(result.score)} / {_points(result.max_score)} points",
        "visibility": "visible",
        "tests": tests,
    }
