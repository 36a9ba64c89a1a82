"""Every problem in grading.yml, end to end: its reference solution scores full marks, its
untouched release scores zero, and every known-right or known-wrong variant beside the source
(`source/<set>/variants/<problem>/*.py`) scores as the `# expect:` line at its top says."""

import re
import shutil

import pytest
import yaml

from autograder.rubric import CATEGORIES, load_rubric

from conftest import REPO, grade

PROBLEMS = load_rubric(REPO / "grading.yml").problems
LIMIT_NAMES = (
    "wall_seconds",
    "call_seconds",
    "memory_mb",
    "cpu_seconds",
    "output_kb",
    "processes",
)
VARIANTS = [
    pytest.param(problem, path, id=f"{problem.id}/{path.stem}")
    for problem in PROBLEMS
    for path in sorted(
        (REPO / "source" / problem.assignment / "variants" / problem.id).glob("*.py")
    )
]


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


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return grade(REPO / "source", tmp=tmp_path_factory.mktemp("reference"))


@pytest.fixture(scope="module")
def untouched(tmp_path_factory):
    return grade(REPO / "release", tmp=tmp_path_factory.mktemp("release"))


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_the_reference_solution_scores_full_marks(reference, problem):
    assert reference.returncode == 0, reference.stderr
    result = reference.problem(problem.id)
    failing = [(t["id"], t["message"]) for t in result["tests"] if t["outcome"] != "passed"]
    assert not failing
    assert result["status"] == "graded" and result["score"] == result["max_score"] > 0


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_the_untouched_release_scores_zero_as_not_implemented(untouched, problem):
    assert untouched.returncode == 0, untouched.stderr
    result = untouched.problem(problem.id)
    assert result["score"] == 0 and result["status"] == "graded"
    for test in result["tests"]:
        assert test["outcome"] == "not_implemented", test
        assert "is not implemented yet" in test["message"]


def test_the_student_copy_in_assignments_is_the_release():
    for notebook in (REPO / "release").rglob("*.ipynb"):
        student_copy = REPO / "assignments" / notebook.relative_to(REPO / "release")
        assert student_copy.read_bytes() == notebook.read_bytes(), student_copy


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_each_problem_has_enough_variants_right_and_wrong(problem):
    expectations = [expectation(v.values[1]) for v in VARIANTS if v.values[0] == problem]
    assert sum(e is None for e in expectations) >= 3, "at least 3 correct variants"
    assert sum(e is not None for e in expectations) >= 4, "at least 4 known-wrong variants"


@pytest.fixture(scope="module")
def variants_graded(tmp_path_factory):
    """Every variant of a problem, graded in one run per problem: a temporary rubric holds one
    copy of the problem (and of its suite) per variant, so the grader starts once. Each problem
    is graded when its first variant's test asks for it, so that test's timeout covers one
    problem's run, not every problem's."""
    graded = {}

    def for_problem(problem):
        if problem.id not in graded:
            graded[problem.id] = _grade_variants(problem, tmp_path_factory.mktemp(problem.id))
        return graded[problem.id]

    return for_problem


def _grade_variants(problem, tmp):
    paths = [v.values[1] for v in VARIANTS if v.values[0] == problem]
    spec = {
        "title": problem.title,
        "forbidden_imports": list(problem.forbidden_imports),
        "limits": {name: getattr(problem.limits, name) for name in LIMIT_NAMES},
        "tests": {t.id: {"category": t.category, "points": t.points} for t in problem.tests},
    }
    problems = {}
    for path in paths:
        copy_id = f"{problem.id}__{path.stem}"
        shutil.copyfile(problem.suite, tmp / f"suite_{copy_id}.py")
        problems[copy_id] = {**spec, "suite": f"suite_{copy_id}.py"}
        folder = tmp / "submission" / problem.assignment
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, folder / f"{copy_id}.py")
    rubric = {
        "version": 1,
        "limits": spec["limits"],
        "assignments": {problem.assignment: {"title": "variants", "problems": problems}},
    }
    (tmp / "grading.yml").write_text(yaml.safe_dump(rubric, sort_keys=False))
    return grade(tmp / "submission", "--rubric", str(tmp / "grading.yml"), tmp=tmp, timeout=1200)


@pytest.mark.parametrize("problem, variant", VARIANTS)
def test_variant_scores_as_its_expect_line_says(problem, variant, variants_graded):
    graded = variants_graded(problem)
    assert graded.returncode == 0, graded.stderr
    result = graded.problem(f"{problem.id}__{variant.stem}")
    lose = expectation(variant)
    if lose is None:
        failing = [(t["id"], t["message"]) for t in result["tests"] if t["outcome"] != "passed"]
        assert not failing, f"{variant.name} is correct but lost points"
        return
    scores = category_scores(result)
    for category in lose:
        got, most = scores[category]
        assert got < most, f"{variant.name} should lose {category} points: {result['tests']}"
    extra = {c: s for c, s in scores.items() if c not in lose and s[0] < s[1]}
    assert not extra, (  # the expect line names exactly what the planted bug costs
        f"{variant.name} also loses {sorted(extra)}: "
        + str([(t["id"], t["message"][:200]) for t in result["tests"] if t["outcome"] != "passed"])
    )
    for test in result["tests"]:
        if test["outcome"] != "passed":
            assert test["message"], f"{test['id']} failed without a message"
