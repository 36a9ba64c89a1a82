"""Points from outcomes: a pure function of the rubric and what the tests did."""

from __future__ import annotations

from autograder.results import GradeResult, ProblemResult, TestResult
from autograder.rubric import Problem
from autograder.runner import ProblemRun


def score(
    problems: tuple[Problem, ...], runs: dict[str, ProblemRun], isolation: str
) -> GradeResult:
    results = tuple(_score_problem(problem, runs[problem.id]) for problem in problems)
    return GradeResult(
        score=sum(p.score for p in results),
        max_score=sum(p.max_score for p in results),
        isolation=isolation,
        problems=results,
    )


def _score_problem(problem: Problem, run: ProblemRun) -> ProblemResult:
    tests = []
    for spec in problem.tests:
        if run.status != "graded":
            outcome, message = "error", run.reason
        else:
            outcome, message = run.outcomes[spec.id].outcome, run.outcomes[spec.id].message
        points = spec.points if outcome == "passed" else 0.0
        tests.append(TestResult(spec.id, spec.category, points, spec.points, outcome, message))
    return ProblemResult(
        id=problem.id,
        title=problem.title,
        assignment=problem.assignment,
        score=sum(t.score for t in tests),
        max_score=problem.max_score,
        status=run.status,
        tests=tuple(tests),
    )
