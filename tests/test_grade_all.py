"""`grade-all DIR --out gradebook.csv`: a class of temporary submissions in both layouts, some
broken or hostile, graded in parallel (P6 only: the point is the plumbing). Every student gets a
row, a broken one zeros and a reason; per-student results in both formats; the class report."""

import csv
import json
import os
import struct

import pytest

from autograder.grade_all import StudentFolder, grade_student
from autograder.results import from_json
from autograder.rubric import load_rubric

from conftest import P06, REPO, VARIANTS, run_grader

CORRECT = (VARIANTS / P06[1] / "correct_vectorized.py").read_text()
CLIPPED = (VARIANTS / P06[1] / "clipped_log.py").read_text()
HIDDEN_TEST = "test_one_class_gives_probability_one_zero_loss_and_zero_grad"


def put(folder, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{P06[1]}.py").write_text(text)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("class")
    klass = tmp / "class"
    put(klass / "alice" / "assignments" / P06[0], CORRECT)  # a cloned repository
    put(klass / "bob" / P06[0], CLIPPED)  # the set folder directly
    (klass / "carol").mkdir()  # an empty folder
    (klass / "dave" / "assignments").mkdir(parents=True)  # a repository with nothing in it
    (klass / "eve").mkdir()  # points her assignments/ at the instructor's solutions
    os.symlink(REPO / "source", klass / "eve" / "assignments")
    put(klass / "frank" / "assignments" / P06[0], "import os\nos._exit(0)\n" + CORRECT)
    (klass / "roster.txt").write_text("not a student\n")
    (klass / "gradebook").mkdir()  # an earlier run's reports, beside the students
    out = klass / "gradebook.csv"  # inside the class folder: its reports are not a student
    done = run_grader("grade-all", str(klass), "--out", str(out), "--only", P06[1], "--jobs", "2")
    with out.open(newline="") as stream:
        rows = {row["student"]: row for row in csv.DictReader(stream)}
    return done, out, klass / "gradebook", rows


def test_every_student_folder_is_a_row_and_only_the_correct_one_has_full_marks(graded):
    done, out, _, rows = graded
    assert done.returncode == 0, done.stderr
    assert out.read_text().splitlines()[0] == f"student,total,{P06[1]},reason"
    assert list(rows) == ["alice", "bob", "carol", "dave", "eve", "frank"]
    assert rows["alice"]["total"] == rows["alice"][P06[1]] == "22" and rows["alice"]["reason"] == ""
    assert 0 < float(rows["bob"]["total"]) < 22 and rows["bob"]["reason"] == ""
    assert "alice: 22 / 22" in done.stdout and "graded 6 submission(s)" in done.stdout


def test_a_broken_empty_or_hostile_submission_is_zeros_with_a_reason(graded):
    _, _, _, rows = graded
    expected = {
        "carol": "no assignments/ folder and no problem-set folder",
        "dave": "nothing submitted",
        "eve": "assignments/ is a symbolic link",
        "frank": "not gradable: p06_softmax_cross_entropy",
    }
    for student, reason in expected.items():
        assert rows[student]["total"] == "0" and reason in rows[student]["reason"], rows[student]


def test_a_grader_run_that_fails_is_a_row_with_its_reason(tmp_path):
    problems = load_rubric(REPO / "grading.yml").select(P06[1])
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    row = grade_student(
        StudentFolder("zoe", not_a_folder, ""), problems, REPO / "grading.yml", tmp_path
    )
    assert row.result.score == 0 and "the grader exited with code 2" in row.reason
    assert not (tmp_path / "zoe" / "results.json").exists()


def test_each_student_gets_the_results_json_with_the_hidden_tests(graded):
    _, _, reports, _ = graded
    alice = from_json((reports / "alice" / "results.json").read_text())
    (p06,) = alice.problems
    assert HIDDEN_TEST in {t.id for t in p06.tests} and alice.score == 22
    assert "ML Coding Round: 22 / 22 points" in (reports / "alice" / "table.txt").read_text()
    assert not (reports / "carol" / "results.json").exists()  # no grader ran for her


def test_each_student_gets_a_gradescope_results_json(graded):
    _, _, reports, rows = graded
    for student, row in rows.items():
        results = json.loads((reports / student / "gradescope" / "results.json").read_text())
        assert results["score"] == float(row["total"])
        assert sum(t["score"] for t in results["tests"]) == results["score"]
        for test in results["tests"]:
            assert {"name", "score", "max_score", "status", "output"} <= set(test)
            assert test["status"] in ("passed", "failed")
    bob = json.loads((reports / "bob" / "gradescope" / "results.json").read_text())
    failed = [t for t in bob["tests"] if t["status"] == "failed"]
    assert failed and all(t["output"] and t["score"] == 0 for t in failed)
    hidden = [t for t in bob["tests"] if t["name"].endswith(HIDDEN_TEST)]
    assert hidden[0]["visibility"] == "after_published"
    eve = json.loads((reports / "eve" / "gradescope" / "results.json").read_text())
    assert "symbolic link" in eve["output"] and eve["score"] == 0


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_the_class_report_has_the_tables_and_both_pictures(graded):
    _, _, reports, _ = graded
    report = (reports / "report.md").read_text()
    assert "# Class report: 6 submission(s)" in report
    assert f"| `{P06[1]}` | 22 | " in report and "1 of 6 |" in report  # alice alone: full marks
    assert "![Histogram of the totals](totals.png)" in report
    assert "- `eve`: assignments/ is a symbolic link" in report
    width, height = png_size(reports / "totals.png")
    assert width >= 600 and height >= 300
    assert png_size(reports / "pass_rates.png")[0] >= 600
