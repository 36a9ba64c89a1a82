"""Every problem in grading.yml, end to end, with the checks of `python -m autograder validate`
(autograder/validate.py): its reference solution scores full marks (hidden tests included), its
untouched release scores zero, and every known-right or known-wrong variant beside the source
(`source/<set>/variants/<problem>/*.py`) scores as the `# expect:` line at its top says; the
variants of the first half of the problem sets here, the rest in test_problems_later_sets.py.

Each grader run (the references, the release, one per problem's variants) is made when a test
first needs it, and grades one problem at a time: pytest-xdist runs a file at a time per core.
"""

import pytest

from autograder import validate

from conftest import REPO
from variants import (
    FIRST_SETS,
    PROBLEMS,
    assert_scores_as_its_expect_line_says,
    grader_runs,
    variant_params,
)

# Grading every variant takes minutes (more on a busy machine): over pytest-timeout's default.
pytestmark = pytest.mark.timeout(1800)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grader_runs(tmp_path_factory, PROBLEMS)


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_the_reference_solution_scores_full_marks(graded, problem):
    reference = graded("reference")
    assert reference.returncode == 0 and reference.result, reference.stderr
    result = reference.problem(problem.id)
    assert validate.reference_failures(result) == []
    assert result.status == "graded" and result.score == result.max_score > 0


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_the_untouched_release_scores_zero_as_not_implemented(graded, problem):
    untouched = graded("release")
    assert untouched.returncode == 0 and untouched.result, untouched.stderr
    result = untouched.problem(problem.id)
    assert validate.release_failures(result) == []
    assert result.score == 0 and {t.outcome for t in result.tests} == {"not_implemented"}


def test_the_student_copy_in_assignments_is_the_release():
    assert validate.assignment_findings(REPO) == []


def test_every_notebook_has_valid_nbgrader_metadata_and_its_check_cell():
    assert validate.notebook_findings(REPO) == []


def test_no_solution_line_and_no_other_file_reaches_release_or_assignments():
    assert validate.leak_findings(REPO) == []


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_each_problem_has_enough_variants_right_and_wrong(problem):
    expectations = [validate.expectation(path) for path in validate.variants_of(REPO, problem)]
    assert validate.variant_count_failures(expectations) == []
    assert (
        sum(e is None for e in expectations) >= 3 and sum(e is not None for e in expectations) >= 4
    )


@pytest.mark.parametrize(
    "problem, variant", variant_params([p for p in PROBLEMS if p.assignment in FIRST_SETS])
)
def test_variant_scores_as_its_expect_line_says(problem, variant, graded):
    assert_scores_as_its_expect_line_says(problem, variant, graded)
