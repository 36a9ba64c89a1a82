"""Every problem in grading.yml, end to end, with the checks of `python -m autograder validate`
(autograder/validate.py): its reference solution scores full marks (hidden tests included), its
untouched release scores zero, and every known-right or known-wrong variant beside the source
(`source/<set>/variants/<problem>/*.py`) scores as the `# expect:` line at its top says.

Each grader run (the references, the release, one per problem's variants) is made when a test
first needs it; `make test` runs this file on one core and the other files on the other.
"""

import pytest

from autograder import validate
from autograder.rubric import load_rubric

from conftest import REPO

# Grading every variant takes minutes (more on a busy machine): over pytest-timeout's default.
pytestmark = pytest.mark.timeout(1800)
PROBLEMS = load_rubric(REPO / "grading.yml").problems
VARIANTS = [
    pytest.param(problem, path, id=f"{problem.id}/{path.stem}")
    for problem in PROBLEMS
    for path in validate.variants_of(REPO, problem)
]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """``graded(name)``: the grader run "reference", "release" or a problem id's variants,
    made when a test first asks for it, so a test's timeout covers one run."""
    jobs = validate.grading_jobs(REPO, PROBLEMS, tmp_path_factory.mktemp("graded"))
    runs = {}

    def run(name: str):
        key = name if name in ("reference", "release") else f"variants of {name}"
        if key not in runs:
            runs[key] = jobs[key]()
        return runs[key]

    return run


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


@pytest.mark.parametrize("problem, variant", VARIANTS)
def test_variant_scores_as_its_expect_line_says(problem, variant, graded):
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
