"""The command line: exit codes, --only, --json exactly as DESIGN.md, --markdown, --classroom,
--fail-under."""

import json

from conftest import P06, REPO, VARIANTS, grade, run_grader

DESIGN_PROBLEM_KEYS = {"id", "title", "assignment", "score", "max_score", "status", "tests"}
DESIGN_TEST_KEYS = {"id", "category", "score", "max_score", "outcome", "message"}


def test_results_json_has_exactly_the_documented_fields(tmp_path, write_submission):
    submission = write_submission((VARIANTS / P06[1] / "clipped_log.py").read_text())
    md, classroom = tmp_path / "table.md", tmp_path / "classroom.json"
    graded = grade(submission, "--markdown", str(md), "--classroom", str(classroom), tmp=tmp_path)
    assert graded.returncode == 0, graded.stderr
    results = graded.results
    assert set(results) == {"score", "max_score", "isolation", "problems"}
    assert results["isolation"] in ("bubblewrap", "process")
    for problem in results["problems"]:
        assert set(problem) == DESIGN_PROBLEM_KEYS
        assert problem["score"] == sum(t["score"] for t in problem["tests"])
        for test in problem["tests"]:
            assert set(test) == DESIGN_TEST_KEYS
            assert test["outcome"] in ("passed", "failed", "error", "timeout", "not_implemented")
    assert results["score"] == sum(p["score"] for p in results["problems"])
    table = md.read_text()
    assert "| `p06_softmax_cross_entropy` |" in table
    assert "test_loss_exact_at_logits_1e4" in table and "<details>" in table
    runner = json.loads(classroom.read_text())  # GitHub Classroom's points: the same total
    assert sum(t["score"] for t in runner["tests"]) == results["score"]
    assert runner["max_score"] == results["max_score"]


def test_unknown_only_id_is_an_error_listing_the_known_ones():
    done = run_grader("grade", "--only", "p99_nothing")
    assert done.returncode == 2
    assert "unknown problem id p99_nothing" in done.stderr and P06[1] in done.stderr


def test_missing_submission_folder_is_a_clear_error(tmp_path):
    done = run_grader("grade", str(tmp_path / "nowhere"))
    assert done.returncode == 2 and "not found" in done.stderr


def test_a_broken_grading_yml_is_one_line_naming_it(tmp_path):
    rubric = tmp_path / "grading.yml"
    entry = "test_grad_matches_finite_differences_of_mean_loss: {category: gradient, points: 3}"
    text = (REPO / "grading.yml").read_text()
    assert entry in text
    text = text.replace(entry, entry.replace("points: 3", "points: three"))
    rubric.write_text(text.replace("suite: autograder/", f"suite: {REPO}/autograder/"))
    done = run_grader("grade", "--rubric", str(rubric))
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert (
        str(rubric) in line and "test_grad_matches_finite_differences_of_mean_loss.points" in line
    )


def test_fail_under_turns_a_low_score_into_exit_1(tmp_path):
    below = grade(REPO / "release", "--fail-under", "50", tmp=tmp_path)
    assert below.returncode == 1 and below.results["score"] == 0
    enough = grade(REPO / "source", "--fail-under", "100", tmp=tmp_path)
    assert enough.returncode == 0


def test_a_notebook_with_magics_and_shell_lines_grades_like_the_plain_code(tmp_path):
    notebook = json.loads((REPO / "source" / P06[0] / f"{P06[1]}.ipynb").read_text())
    magic_cells = ["%matplotlib inline\n%load_ext autoreload", "!pip install numpy\nx = !ls"]
    for source in magic_cells:
        notebook["cells"].insert(
            0,
            {
                "cell_type": "code",
                "metadata": {},
                "source": source,
                "outputs": [],
                "execution_count": None,
            },
        )
    for cell in notebook["cells"]:  # the solutions run under %%time, as a student might
        text = "".join(cell["source"])
        if cell["cell_type"] == "code" and text.startswith("def softmax_rows"):
            cell["source"] = "%%time\n" + text
    folder = tmp_path / "submission" / P06[0]
    folder.mkdir(parents=True)
    (folder / f"{P06[1]}.ipynb").write_text(json.dumps(notebook))
    graded = grade(tmp_path / "submission", tmp=tmp_path)
    p06 = graded.problem(P06[1])
    assert p06["score"] == p06["max_score"], [t for t in p06["tests"] if t["outcome"] != "passed"]
