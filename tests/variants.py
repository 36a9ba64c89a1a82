"""What `validate` checks of a problem's known-right and known-wrong variants
(`source/<set>/variants/<problem>/*.py`), shared by the two files that grade them,
test_problems.py (the first half of the problem sets, with the references and the release) and
test_problems_later_sets.py (the rest): one file alone took 7 of make test's 7.5 minutes on one
core while the other core ran everything else."""

from __future__ import annotations

import pytest

from autograder import validate
from autograder.rubric import Problem, load_rubric

from conftest import REPO

PROBLEMS = load_rubric(REPO / "grading.yml").problems
_SETS = list(dict.fromkeys(problem.assignment for problem in PROBLEMS))
FIRST_SETS = set(_SETS[: (len(_SETS) + 1) // 2])


def variant_params(problems: tuple[Problem, ...] | list[Problem]) -> list:
    return [
        pytest.param(problem, path, id=f"{problem.id}/{path.stem}")
        for problem in problems
        for path in validate.variants_of(REPO, problem)
    ]


def grader_runs(tmp_path_factory, problems):
    """``graded(name)``: the grader run "reference", "release" or a problem id's variants,
    made when a test first asks for it, so a test's timeout covers one run."""
    jobs = validate.grading_jobs(REPO, tuple(problems), tmp_path_factory.mktemp("graded"))
    runs = {}

    def run(name: str):
        key = name if name in ("reference", "release") else f"variants of {name}"
        if key not in runs:
            runs[key] = jobs[key]()
        return runs[key]

    return run


def assert_scores_as_its_expect_line_says(problem: Problem, variant, graded) -> None:
    run = graded(problem.id)
    assert run.returncode == 0 and run.result, run.stderr
    result = run.problem(validate.variant_copy_id(problem, variant))
    expected = validate.expectation(variant)
    found = validate.verdict(problem.id, variant.stem, expected, result)
    assert found.ok, found.failures
    if expected is None:
        assert result.score == result.max_score
    else:
        assert set(expected) == set(found.lost)
