"""The known-right and known-wrong variants of the later half of the problem sets, each scoring
as the `# expect:` line at its top says (the first half, the references and the release are
test_problems.py's; tests/variants.py says why there are two files)."""

import pytest

from variants import (
    FIRST_SETS,
    PROBLEMS,
    assert_scores_as_its_expect_line_says,
    grader_runs,
    variant_params,
)

pytestmark = pytest.mark.timeout(1800)  # a problem's variants are graded in one run: minutes
LATER = [problem for problem in PROBLEMS if problem.assignment not in FIRST_SETS]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grader_runs(tmp_path_factory, LATER)


@pytest.mark.parametrize("problem, variant", variant_params(LATER))
def test_variant_scores_as_its_expect_line_says(problem, variant, graded):
    assert_scores_as_its_expect_line_says(problem, variant, graded)
