"""Format a ``GradeResult`` for people: a terminal table and a markdown table for a pull request.

Renderers only format; every number comes from the result. Output is deterministic.
"""

from __future__ import annotations

import re
import textwrap

from autograder.results import GradeResult, ProblemResult
from autograder.rubric import CATEGORIES

_MARK = {"failed": "✗", "error": "!", "timeout": "⏱", "not_implemented": "…"}


def _points(value: float) -> str:
    return f"{value:g}"


def _by_category(problem: ProblemResult, category: str) -> str:
    tests = [t for t in problem.tests if t.category == category]
    if not tests:
        return "·"
    return f"{_points(sum(t.score for t in tests))}/{_points(sum(t.max_score for t in tests))}"


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


def _not_started(problem: ProblemResult, width: int) -> list[str] | None:
    """One line for a problem where nothing is implemented yet, instead of a line per test."""
    missed = [t for t in problem.tests if t.outcome != "passed"]
    if not missed or any(t.outcome != "not_implemented" for t in missed):
        return None
    names = dict.fromkeys(re.findall(r"`([^`]+)`", " ".join(t.message for t in missed)))
    text = f"not implemented yet: {', '.join(names)}" if names else "not implemented yet"
    return _wrapped(f"… {text}", 4, width)


def _missed_tests(problem: ProblemResult, width: int) -> list[str]:
    """Tests that lost points, grouped by message so "not implemented" is said once."""
    groups: dict[str, list] = {}
    for test in problem.tests:
        if test.outcome != "passed":
            groups.setdefault(test.message, []).append(test)
    lines = []
    for message, tests in groups.items():
        mark = _MARK.get(tests[0].outcome, "?")
        if len(tests) == 1:
            lines.append(f"    {mark} {tests[0].id} [{tests[0].category}]")
        else:
            categories = [c for c in CATEGORIES if any(t.category == c for t in tests)]
            lines.append(f"    {mark} {len(tests)} tests [{', '.join(categories)}]")
        lines += _wrapped(message, 8, width)
    return lines


def terminal(result: GradeResult, width: int = 100) -> str:
    id_width = max([len("problem")] + [len(p.id) for p in result.problems])
    header = f"  {'problem':<{id_width}}  " + "  ".join(f"{c:>11}" for c in CATEGORIES)
    header += f"  {'score':>9}"
    lines = [
        f"ML Coding Round: {_points(result.score)} / {_points(result.max_score)} points"
        f"  (worker isolation: {result.isolation})",
        "",
        header,
        "  " + "-" * (len(header) - 2),
    ]
    details = []
    for problem in result.problems:
        cells = "  ".join(f"{_by_category(problem, c):>11}" for c in CATEGORIES)
        total = f"{_points(problem.score)}/{_points(problem.max_score)}"
        lines.append(f"  {problem.id:<{id_width}}  {cells}  {total:>9}")
        if problem.status != "graded":
            details.append(f"  {problem.id}: {problem.status}")
            details += _wrapped(problem.reason, 4, width)
        elif problem.score < problem.max_score:
            details.append(f"  {problem.id}:")
            details += _not_started(problem, width) or _missed_tests(problem, width)
    if details:
        lines += ["", "What lost points (✗ wrong value, ! error, ⏱ timeout, … not implemented):"]
        lines += details
    else:
        lines += ["", "Every test passed."]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Student text inside markdown: no HTML, no table breaks, no mentions or links."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("@", "@\u200b").replace("\r", "")


def markdown(result: GradeResult) -> str:
    lines = [
        f"### ML Coding Round: {_points(result.score)} / {_points(result.max_score)} points",
        "",
        "| problem | " + " | ".join(CATEGORIES) + " | score |",
        "|---|" + "---:|" * (len(CATEGORIES) + 1),
    ]
    for problem in result.problems:
        cells = " | ".join(_by_category(problem, c) for c in CATEGORIES)
        total = f"**{_points(problem.score)}/{_points(problem.max_score)}**"
        lines.append(f"| `{problem.id}` | {cells} | {total} |")
    for problem in result.problems:
        if problem.status != "graded":
            lines += [
                "",
                f"**{problem.id}** {problem.status}: {_md(_first_line(problem.reason, 300))}",
            ]
            continue
        missed = [t for t in problem.tests if t.outcome != "passed"]
        if not missed:
            continue
        lines += [
            "",
            f"<details><summary>{problem.id}: {len(missed)} test(s) lost points</summary>",
            "",
        ]
        for test in missed:
            message = _md(_first_line(test.message, 400))
            lines.append(f"- `{test.id}` ({test.category}, {test.outcome}): {message}")
        lines += ["", "</details>"]
    lines += ["", f"<sub>worker isolation: {result.isolation}</sub>"]
    return "\n".join(lines) + "\n"
