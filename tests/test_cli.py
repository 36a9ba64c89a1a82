"""The command line: exit codes, --only, --json exactly as DESIGN.md, --markdown, --classroom,
--fail-under."""

import json
import os
import pty
import re
import subprocess
import sys

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


def test_hidden_adds_the_hidden_suites_points_and_plain_grade_leaves_them_out(tmp_path):
    plain = grade(REPO / "source", "--only", P06[1], tmp=tmp_path)
    hidden = grade(REPO / "source", "--only", P06[1], "--hidden", tmp=tmp_path)
    visible_ids = {t["id"] for t in plain.problem(P06[1])["tests"]}
    all_ids = {t["id"] for t in hidden.problem(P06[1])["tests"]}
    assert "test_one_class_gives_probability_one_zero_loss_and_zero_grad" in all_ids - visible_ids
    assert hidden.results["score"] == hidden.results["max_score"] > plain.results["max_score"]
    # (the release scoring 0 on the hidden tests too is test_problems.py's, with validate's run)


def run_in_a_terminal(*args: str, env: dict) -> str:
    """What `python -m autograder ARGS` writes to a terminal (a pseudo-terminal here)."""
    leader, follower = pty.openpty()
    done = subprocess.Popen(
        [sys.executable, "-m", "autograder", *args], cwd=REPO, stdout=follower, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    done.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode()


def test_a_terminal_gets_progress_and_color_a_pipe_or_no_color_gets_the_plain_table():
    args = ("grade", "release", "--only", "p06_softmax_cross_entropy,p04_knn")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    piped = run_grader(*args)
    assert "\033" not in piped.stdout and "p04_knn" in piped.stdout
    shown = run_in_a_terminal(*args, env=env).replace("\r\n", "\n")
    # problems side by side: how many are done, and which are being graded now
    assert "graded 0/2 · grading p04_knn" in shown and "p06_softmax_cross_entropy …" in shown
    assert "graded 2/2" in shown
    assert "\033[31m" in shown  # the zeros in red
    table = shown[shown.rindex("\r\033[K") + len("\r\033[K") :]  # after the erased progress
    assert re.sub(r"\033\[[0-9;]*m", "", table) == piped.stdout
    no_color = run_in_a_terminal(
        "grade", "release", "--only", "p04_knn", env={**env, "NO_COLOR": "1"}
    )
    assert "\033[31m" not in no_color and "graded 0/1 · grading p04_knn …" in no_color
