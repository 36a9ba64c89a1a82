"""P6 end to end: the reference scores full marks, the release scores zero, and every known-wrong
variant beside the source loses points in the category of its gotcha."""

import re
import shutil

import pytest

from autograder.rubric import CATEGORIES

from conftest import P06, REPO, VARIANTS, grade

VARIANT_FILES = sorted((VARIANTS / P06[1]).glob("*.py"))


def category_scores(problem: dict) -> dict[str, tuple[float, float]]:
    totals = {}
    for test in problem["tests"]:
        got, most = totals.get(test["category"], (0.0, 0.0))
        totals[test["category"]] = (got + test["score"], most + test["max_score"])
    return totals


def expectation(path) -> list[str] | None:
    """`# expect: full` -> None; `# expect: lose a, b` -> ["a", "b"]."""
    first = path.read_text().splitlines()[0]
    match = re.fullmatch(r"# expect: (full|lose ([a-z, ]+))", first)
    assert match, (
        f"{path.name}: first line must be '# expect: full' or '# expect: lose <categories>'"
    )
    if match.group(1) == "full":
        return None
    categories = [c.strip() for c in match.group(2).split(",")]
    assert set(categories) <= set(CATEGORIES), f"{path.name}: unknown category in {categories}"
    return categories


def test_the_reference_solution_scores_full_marks(tmp_path):
    graded = grade(REPO / "source", "--only", P06[1], tmp=tmp_path)
    assert graded.returncode == 0, graded.stderr
    p06 = graded.problem(P06[1])
    failing = [(t["id"], t["message"]) for t in p06["tests"] if t["outcome"] != "passed"]
    assert not failing
    assert p06["status"] == "graded" and p06["score"] == p06["max_score"] == 20
    assert "20 / 20 points" in graded.stdout


def test_the_untouched_release_scores_zero_as_not_implemented(tmp_path):
    graded = grade(REPO / "release", "--only", P06[1], tmp=tmp_path)
    assert graded.returncode == 0, graded.stderr
    p06 = graded.problem(P06[1])
    assert p06["score"] == 0 and p06["status"] == "graded"
    for test in p06["tests"]:
        assert test["outcome"] == "not_implemented", test
        assert "is not implemented yet" in test["message"]


def test_the_student_copy_in_assignments_is_the_release():
    for notebook in (REPO / "release").rglob("*.ipynb"):
        student_copy = REPO / "assignments" / notebook.relative_to(REPO / "release")
        assert student_copy.read_bytes() == notebook.read_bytes(), student_copy


def test_there_are_enough_variants_right_and_wrong():
    expectations = [expectation(p) for p in VARIANT_FILES]
    assert sum(e is None for e in expectations) >= 3
    assert sum(e is not None for e in expectations) >= 8


@pytest.mark.parametrize("variant", VARIANT_FILES, ids=lambda p: p.stem)
def test_variant_scores_as_its_expect_line_says(variant, tmp_path):
    submission = tmp_path / "submission" / P06[0]
    submission.mkdir(parents=True)
    shutil.copyfile(variant, submission / f"{P06[1]}.py")
    graded = grade(tmp_path / "submission", "--only", P06[1], tmp=tmp_path)
    assert graded.returncode == 0, graded.stderr
    p06 = graded.problem(P06[1])
    lose = expectation(variant)
    if lose is None:
        failing = [(t["id"], t["message"]) for t in p06["tests"] if t["outcome"] != "passed"]
        assert not failing, f"{variant.name} is correct but lost points"
        return
    scores = category_scores(p06)
    for category in lose:
        got, most = scores[category]
        assert got < most, f"{variant.name} should lose {category} points: {p06['tests']}"
    for test in p06["tests"]:
        if test["outcome"] != "passed":
            assert test["message"], f"{test['id']} failed without a message"
