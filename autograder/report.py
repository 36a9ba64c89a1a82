"""The class report of ``grade-all``: ``report.md`` with two PNGs beside it, ``totals.png`` (a
histogram of the totals) and ``pass_rates.png`` (the share of test runs passed, per problem and
category, as a heatmap), drawn with matplotlib's Agg backend (no display needed).

It only formats what the results say; the students are listed in name order, so the same class
gives the same report.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from autograder.results import CATEGORIES, GradeResult
from autograder.rubric import Problem


@dataclass(frozen=True)
class Row:
    """One student's line of the gradebook."""

    student: str
    result: GradeResult  # zeros, each test carrying the reason, when nothing could be graded
    reason: str  # "" when everything was graded

    def problem_score(self, problem_id: str) -> float:
        return next((p.score for p in self.result.problems if p.id == problem_id), 0.0)


def pass_rates(rows: list[Row], problems: tuple[Problem, ...]) -> dict[str, dict[str, float]]:
    """problem id -> category -> passed test runs / test runs, over every student."""
    rates: dict[str, dict[str, float]] = {}
    for problem in problems:
        rates[problem.id] = {}
        for category in CATEGORIES:
            runs = [
                t.outcome == "passed"
                for row in rows
                for p in row.result.problems
                if p.id == problem.id
                for t in p.tests
                if t.category == category
            ]
            if runs:
                rates[problem.id][category] = sum(runs) / len(runs)
    return rates


def write_report(rows: list[Row], problems: tuple[Problem, ...], folder: Path) -> list[Path]:
    """Write report.md, totals.png and pass_rates.png into ``folder``; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rates = pass_rates(rows, problems)
    most = sum(p.max_score for p in problems)
    _histogram([row.result.score for row in rows], most, folder / "totals.png")
    _heatmap(rates, problems, folder / "pass_rates.png")
    (folder / "report.md").write_text(_markdown(rows, problems, rates, most), encoding="utf-8")
    return [folder / name for name in ("report.md", "totals.png", "pass_rates.png")]


def _markdown(rows, problems, rates, most) -> str:
    totals = [row.result.score for row in rows]
    broken = [row for row in rows if row.reason]
    lines = [
        f"# Class report: {len(rows)} submission(s)",
        "",
        "Graded by `python -m autograder grade-all`, hidden tests included: "
        f"{most:g} points in all.",
        "",
    ]
    if totals:
        lines += [
            "| submissions | mean | median | lowest | highest |",
            "|---:|---:|---:|---:|---:|",
            f"| {len(rows)} | {statistics.mean(totals):.1f} | {statistics.median(totals):g} "
            f"| {min(totals):g} | {max(totals):g} |",
            "",
            "![Histogram of the totals](totals.png)",
            "",
        ]
    lines += [
        "## Per problem",
        "",
        "| problem | points | mean | full marks | not started |",
        "|---|---:|---:|---:|---:|",
    ]
    for problem in problems:
        scores = [row.problem_score(problem.id) for row in rows]
        full = sum(s >= problem.max_score for s in scores)
        idle = sum(_not_started(row, problem.id) for row in rows)
        mean = f"{statistics.mean(scores):.1f}" if scores else "·"
        lines.append(
            f"| `{problem.id}` | {problem.max_score:g} | {mean} | {full} of {len(rows)} "
            f"| {idle} of {len(rows)} |"
        )
    lines += [
        "",
        "## Pass rate per problem and category",
        "",
        "Share of the test runs that passed, over every submission (· where a problem has no "
        "test of that category).",
        "",
        "| problem | " + " | ".join(CATEGORIES) + " |",
        "|---|" + "---:|" * len(CATEGORIES),
    ]
    for problem in problems:
        cells = [
            f"{rates[problem.id][c]:.0%}" if c in rates[problem.id] else "·" for c in CATEGORIES
        ]
        lines.append(f"| `{problem.id}` | " + " | ".join(cells) + " |")
    lines += ["", "![Pass rate per problem and category](pass_rates.png)", ""]
    if broken:
        lines += ["## Submissions with a reason", ""]
        lines += [f"- `{row.student}`: {row.reason}" for row in broken]
        lines.append("")
    return "\n".join(lines)


def _not_started(row: Row, problem_id: str) -> bool:
    for problem in row.result.problems:
        if problem.id == problem_id:
            return problem.status == "missing" or all(
                t.outcome == "not_implemented" for t in problem.tests
            )
    return True


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only, never a window
    import matplotlib.pyplot as plt

    return plt


def _histogram(totals: list[float], most: float, path: Path) -> None:
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(7, 3.5), dpi=100)
    axes.hist(totals, bins=10, range=(0, most or 1), color="#4c72b0", edgecolor="white")
    axes.set_xlabel(f"total points (of {most:g})")
    axes.set_ylabel("submissions")
    axes.set_title(f"Totals of {len(totals)} submission(s)")
    axes.yaxis.get_major_locator().set_params(integer=True)
    figure.tight_layout()
    figure.savefig(path, metadata={"Software": None})
    plt.close(figure)


def _heatmap(rates: dict[str, dict[str, float]], problems, path: Path) -> None:
    import numpy as np

    plt = _pyplot()
    grid = np.array(
        [[rates[p.id].get(c, np.nan) for c in CATEGORIES] for p in problems], dtype=float
    ).reshape(len(problems), len(CATEGORIES))
    figure, axes = plt.subplots(figsize=(7, 0.45 * len(problems) + 1.6), dpi=100)
    colors = plt.get_cmap("RdYlGn").copy()
    colors.set_bad("#dddddd")
    image = axes.imshow(np.ma.masked_invalid(grid), cmap=colors, vmin=0, vmax=1, aspect="auto")
    axes.set_xticks(range(len(CATEGORIES)), CATEGORIES)
    axes.set_yticks(range(len(problems)), [p.id for p in problems])
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            text = "·" if np.isnan(grid[i, j]) else f"{grid[i, j]:.0%}"
            axes.text(j, i, text, ha="center", va="center", fontsize=8)
    axes.set_title("Share of test runs passed")
    figure.colorbar(image, ax=axes, fraction=0.04)
    figure.tight_layout()
    figure.savefig(path, metadata={"Software": None})
    plt.close(figure)
