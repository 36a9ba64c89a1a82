"""`validate` finds what is wrong: a course of one problem (P6, on temporary copies) broken in
every way it looks for. The whole repository passing the same checks is tests/test_problems.py
and tests/test_problems_later_sets.py."""

import json
import shutil

import pytest
import yaml

from autograder import validate

from conftest import P06, REPO, VARIANTS, run_grader

SOURCE = f"source/{P06[0]}/{P06[1]}.ipynb"
RELEASED = f"release/{P06[0]}/{P06[1]}.ipynb"
ASSIGNED = f"assignments/{P06[0]}/{P06[1]}.ipynb"
MAX_SHIFT = "shifted = logits[b] - logits[b].max()  # (C,) a new array, input untouched"
LEAKED = "probs[b] = exps / exps.sum()  # (C,) normalise over the classes"


def edit_cells(path, change):
    data = json.loads(path.read_text())
    change(data["cells"])
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")


def course_of_p06(root):
    """The instructor's repository cut down to P6 (suites by absolute path)."""
    for name in (SOURCE, RELEASED, ASSIGNED):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / name, root / name)
    shutil.copy(REPO / "nbgrader_config.py", root)
    rubric = yaml.safe_load((REPO / "grading.yml").read_text())
    p06 = rubric["assignments"][P06[0]]["problems"][P06[1]]
    for key in ("suite", "hidden_suite"):
        p06[key] = str(REPO / p06[key])
    rubric["assignments"] = {P06[0]: {"title": "P6 alone", "problems": {P06[1]: p06}}}
    (root / "grading.yml").write_text(yaml.safe_dump(rubric, sort_keys=False))
    variants = root / "source" / P06[0] / "variants" / P06[1]
    variants.mkdir(parents=True)
    return variants


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    variants = course_of_p06(root)
    for name in ("correct_plain_loops", "correct_vectorized", "correct_logsumexp"):
        shutil.copy(VARIANTS / P06[1] / f"{name}.py", variants)
    for name in ("no_max_shift", "sum_not_mean", "missing_div_b"):
        shutil.copy(VARIANTS / P06[1] / f"{name}.py", variants)
    # a wrong variant that claims to be right, a right one that claims to lose stability
    clipped = (VARIANTS / P06[1] / "clipped_log.py").read_text().splitlines(keepends=True)
    (variants / "claims_right.py").write_text("# expect: full\n" + "".join(clipped[1:]))
    right = (VARIANTS / P06[1] / "correct_vectorized.py").read_text().splitlines(keepends=True)
    (variants / "claims_wrong.py").write_text("# expect: lose stability\n" + "".join(right[1:]))
    (variants / "bad_expect.py").write_text("# expect: lose speed\n" + "".join(right[1:]))

    def break_the_solution(cells):  # no max-shift: the reference loses stability points
        for cell in cells:
            cell["source"] = "".join(cell["source"]).replace(MAX_SHIFT, "shifted = logits[b]")
        cells.pop()  # and no check cell at the end

    edit_cells(root / SOURCE, break_the_solution)

    def leak(cells):
        code = next(c for c in cells if c["cell_type"] == "code")
        code["source"] = "".join(code["source"]) + "\n" + LEAKED + "\n"

    edit_cells(root / ASSIGNED, leak)

    def no_points(cells):
        graded = next(c for c in cells if c["metadata"].get("nbgrader", {}).get("grade"))
        del graded["metadata"]["nbgrader"]["points"]

    edit_cells(root / RELEASED, no_points)
    (root / "release" / P06[0] / "notes.py").write_text("# copied by mistake\n")
    said = []
    report = validate.validate(root, say=said.append)
    found = [f"{f.where}: {f.what}" for f in report.findings]
    return report, found, "\n".join(said), validate.render_findings(report)


def has(found, *parts):
    return any(all(part in line for part in parts) for line in found)


def test_a_reference_that_loses_points_is_named_with_the_test(broken):
    _, found, _, _ = broken
    assert has(found, f"source/ {P06[1]}", "test_softmax_finite_and_exact_at_logits_1e4")


def test_a_leaked_line_a_stray_file_and_a_stale_release_are_found(broken):
    _, found, _, _ = broken
    assert has(found, ASSIGNED, "1 line(s) of the solution", LEAKED)
    assert has(found, ASSIGNED, "differs from release/")
    assert has(found, f"release/{P06[0]}/notes.py", "is not a notebook")
    assert has(found, RELEASED, "is not what `release` produces")


def test_bad_nbgrader_metadata_and_a_missing_check_cell_are_found(broken):
    _, found, _, _ = broken
    assert has(found, RELEASED, "invalid nbgrader metadata", "does not have points")
    assert has(found, SOURCE, "does not end with its check cell")


def test_variants_that_score_against_their_expect_line_are_failures(broken):
    report, found, said, closing = broken
    verdicts = {v.name: v for v in report.verdicts}
    assert verdicts["claims_right"].failures[0].startswith("is correct but lost")
    assert verdicts["claims_wrong"].failures == (
        "should lose stability points, but the suite gave it all",
    )
    assert verdicts["no_max_shift"].ok and "stability" in verdicts["no_max_shift"].lost
    assert has(found, P06[1], "bad_expect.py", "unknown category speed")
    assert "✓ no_max_shift" in said and "✗ claims_right" in said
    assert not report.ok and closing.startswith("validate: ") and "problem(s):" in closing
    assert "variant p06_softmax_cross_entropy/claims_wrong should lose stability" in closing


def test_the_command_exits_1_with_the_list_or_2_for_a_usage_error(tmp_path):
    shutil.copy(REPO / "grading.yml", tmp_path)  # an instructor file without source/
    text = (tmp_path / "grading.yml").read_text()
    (tmp_path / "grading.yml").write_text(
        text.replace("suite: autograder/", f"suite: {REPO}/autograder/")
    )
    done = run_grader("validate", "--root", str(tmp_path))
    assert done.returncode == 1 and "source/: not found" in done.stdout
    assert run_grader("validate", "--only", "p99_nothing").returncode == 2


def test_expect_lines_are_read_strictly(tmp_path):
    cases = {
        "# expect: full": None,
        "# expect: lose stability, gradient": ("stability", "gradient"),
    }
    for line, expected in cases.items():
        (tmp_path / "v.py").write_text(line + "\n")
        assert validate.expectation(tmp_path / "v.py") == expected
    for line in ("# expect: lose", "# expects: full", "", "# expect: lose Shapes"):
        (tmp_path / "v.py").write_text(line + "\n")
        with pytest.raises(ValueError, match="v.py"):
            validate.expectation(tmp_path / "v.py")
