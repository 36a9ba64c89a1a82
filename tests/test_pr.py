"""The pull-request stage (autograder/pr.py): the results JSON read back as untrusted data, the
artifact checks of the comment workflow, the comment's preface, its size and the Classroom
result. The workflows that call it are run end to end in test_workflows.py."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from autograder import render
from autograder.pr import ArtifactError, pr_markdown, preface, read_artifact
from autograder.results import GradeResult, ProblemResult, ResultsError, TestResult, from_json

HEAD, BASE = "a" * 40, "b" * 40


def result(message: str = "got 1, expected 2", tests: int = 2) -> GradeResult:
    cases = tuple(
        TestResult(
            f"test_{i}",
            "correctness",
            0.0 if i else 3.0,
            3.0,
            "failed" if i else "passed",
            message if i else "",
        )
        for i in range(tests)
    )
    problem = ProblemResult("p_a", "A", "ps_x", 3.0, 3.0 * tests, "graded", cases)
    return GradeResult(3.0, 3.0 * tests, "bubblewrap", (problem,))


def test_results_json_reads_back_to_the_same_result():
    original = result()
    assert from_json(original.to_json()) == original


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda d: d.update(extra=1), "results"),
        (lambda d: d.update(score=99.0), "results.score"),
        (lambda d: d.update(isolation="none"), "results.isolation"),
        (lambda d: d["problems"][0].update(id="../../etc"), "results.problems[0].id"),
        (lambda d: d["problems"][0]["tests"][1].update(category="style"), "category"),
        (lambda d: d["problems"][0]["tests"][1].update(outcome="passed"), "tests[1]"),
        (lambda d: d["problems"][0]["tests"][0].update(score=float("nan")), "tests[0].score"),
        (lambda d: d["problems"][0].update(tests={}), "results.problems[0].tests"),
    ],
)
def test_a_tampered_results_json_is_refused_saying_where(change, where):
    data = json.loads(result().to_json())
    change(data)
    with pytest.raises(ResultsError, match=r"\S") as caught:
        from_json(json.dumps(data))
    assert where in str(caught.value)


def write_artifact(folder, number="7", head=HEAD, base=BASE, results=None):
    folder.mkdir(exist_ok=True)
    (folder / "pr-number").write_text(f"{number}\n")
    (folder / "head-sha").write_text(f"{head}\n")
    (folder / "base-sha").write_text(f"{base}\n")
    (folder / "results.json").write_text(results if results is not None else result().to_json())
    return folder


def test_a_well_formed_artifact_is_read(tmp_path):
    number, head, base, read = read_artifact(write_artifact(tmp_path / "a"), HEAD)
    assert (number, head, base, read) == ("7", HEAD, BASE, result())


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"number": "0"}, "not a pull-request number"),
        ({"number": "7 && rm -rf ~"}, "not a pull-request number"),
        ({"head": "c" * 40}, "the workflow run was for"),
        ({"base": "main"}, "base-sha"),
        ({"results": "{"}, "results.json: not valid JSON"),
    ],
)
def test_a_bad_artifact_is_refused(tmp_path, fields, message):
    folder = write_artifact(tmp_path / "a", **fields)
    with pytest.raises(ArtifactError, match=message):
        read_artifact(folder, HEAD)


def test_artifact_files_that_are_links_or_huge_are_refused(tmp_path):
    folder = write_artifact(tmp_path / "a")
    (folder / "results.json").unlink()
    (folder / "results.json").symlink_to("/etc/passwd")
    with pytest.raises(ArtifactError, match="no file results.json"):
        read_artifact(folder, HEAD)
    (folder / "results.json").unlink()
    (folder / "results.json").write_text(" " * (5 * 2**20 + 1))
    with pytest.raises(ArtifactError, match="larger than"):
        read_artifact(folder, HEAD)


def test_the_preface_names_protected_files_escaped_and_warns_about_workflow_edits():
    changed = [
        "assignments/ps_x/p_a.ipynb",
        "autograder/suites/test_p_a.py",
        "<img src=x onerror=alert(1)>@team",
        ".github/workflows/grade.yml",
    ]
    text = "\n".join(preface(HEAD, BASE, "7", changed))
    assert f"Graded commit `{HEAD[:12]}` (pull request #7)" in text and BASE[:12] in text
    assert "changes 3 file(s) outside `assignments/`" in text
    assert "assignments/ps_x" not in text
    assert "<img" not in text and "&lt;img" in text and "@team" not in text
    assert "the instructor's batch grading is the grade of record" in text
    assert "Protected" not in "\n".join(preface(HEAD, BASE, "7", ["assignments/ps_x/p_a.py"]))
    assert "could not be listed" in "\n".join(preface(HEAD, BASE, "7", "git diff failed"))


def test_a_long_table_is_shortened_to_fit_a_comment_but_keeps_every_failing_test():
    big = result(message="x" * 400, tests=300)
    text = pr_markdown(big, ("preface",), limit=60_000)
    assert len(text) <= 60_000
    assert all(f"`test_{i}`" in text for i in range(1, 300))
    assert len(pr_markdown(result(), ())) < 2_000  # a small table keeps its messages
    assert "got 1, expected 2" in pr_markdown(result(), ())


def test_the_classroom_result_has_the_tables_points_and_no_student_text():
    graded = result(message="::error::forged Points 100/100")
    missing_test = TestResult("test_0", "shapes", 0.0, 2.0, "error", "p_b.ipynb not found")
    missing = ProblemResult("p_b", "B", "ps_x", 0.0, 2.0, "missing", (missing_test,))
    full = replace(graded, problems=(*graded.problems, missing), max_score=8.0)
    runner = render.classroom(full)
    assert runner["version"] == 1 and runner["max_score"] == 8 and runner["status"] == "error"
    assert [(t["name"], t["status"], t["score"]) for t in runner["tests"]] == [
        ("p_a", "fail", 3),
        ("p_b", "error", 0),
    ]
    assert "::" not in json.dumps(runner) and "forged" not in json.dumps(runner)
    assert all(t["line_no"] == 0 for t in runner["tests"])
    solved = replace(
        graded.problems[0],
        score=6.0,
        tests=tuple(replace(t, score=3.0, outcome="passed") for t in graded.problems[0].tests),
    )
    assert render.classroom(replace(graded, score=6.0, problems=(solved,)))["status"] == "pass"
