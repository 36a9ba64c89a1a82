"""`publish DIR`: the student template holds what students need, nothing instructor-only, and
works where it lands: graded as-is it scores 0 with clear messages, its Makefile runs, it is a
git-ready folder."""

import json
import subprocess
import sys

import pytest
import yaml

from autograder.publish import PublishError, publish, strip_hidden

from conftest import P06, REPO

NEEDED = {
    "README.md",
    "Makefile",
    ".gitignore",
    "grading.yml",
    "requirements.lock",
    ".github/workflows/grade.yml",
    ".github/workflows/comment.yml",
    ".github/scripts/install-grader.sh",
    ".github/scripts/enable-bubblewrap.sh",
    "autograder/cli.py",
    "autograder/suites/test_p06_softmax_cross_entropy.py",
    f"release/{P06[0]}/{P06[1]}.ipynb",
    f"assignments/{P06[0]}/{P06[1]}.ipynb",
}
INSTRUCTOR_ONLY = ("source/", "tests/", "bench/", "autograder/hidden/", "autograder/template/")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    dest = tmp_path_factory.mktemp("published") / "ml-coding-round-template"
    lines = list(publish(REPO, dest))
    files = {str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file()}
    return dest, lines, files


def test_the_template_has_what_students_need_and_nothing_instructor_only(published):
    dest, lines, files = published
    assert NEEDED <= files, NEEDED - files
    assert not [f for f in files if f.startswith(INSTRUCTOR_ONLY)]
    for name in (
        "nbgrader_config.py",
        ".github/workflows/ci.yml",
        ".github/scripts/check-release.sh",
    ):
        assert name not in files
    assert not [f for f in files if "variants" in f or f.endswith("_hidden.py")]
    for notebook in (dest / "release").rglob("*.ipynb"):
        assert "BEGIN SOLUTION" not in notebook.read_text()
    readme = (dest / "README.md").read_text()
    assert f"| `{P06[0]}` | `{P06[1]}` |" in readme and "{{" not in readme
    assert "grade of record" in readme


def test_the_published_grading_yml_names_nothing_hidden_and_keeps_the_rest(published):
    dest, _, _ = published
    text = (dest / "grading.yml").read_text()
    assert "hidden" not in text.lower()
    original = yaml.safe_load((REPO / "grading.yml").read_text())
    p06 = original["assignments"][P06[0]]["problems"][P06[1]]
    assert "hidden_suite" in p06  # the instructor's copy has one, the published one not
    del p06["hidden_suite"], p06["hidden_tests"]
    assert yaml.safe_load(text) == original
    assert text.startswith("# The one source of truth")  # comments kept


def test_graded_as_is_the_template_scores_zero_saying_not_implemented(published, tmp_path):
    dest, _, _ = published
    out = tmp_path / "results.json"
    done = subprocess.run(  # the template's own grader, from the template's root
        [sys.executable, "-m", "autograder", "grade", "--only", f"{P06[1]},p04_knn", "--json", out],
        cwd=dest,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(out.read_text())
    assert results["score"] == 0 and results["max_score"] == 40  # no hidden points
    for problem in results["problems"]:
        assert {t["outcome"] for t in problem["tests"]} == {"not_implemented"}
    assert "not implemented yet: softmax_rows, cross_entropy" in done.stdout


def test_the_template_makefile_grades_and_its_test_fails_below_full_marks(published, tmp_path):
    dest, _, _ = published
    stamp = tmp_path / "installed"
    stamp.touch()  # stands for the .venv the Makefile would create: use this interpreter
    make = ["make", "-s", "-C", str(dest), f"PY={sys.executable}", f"STAMP={stamp}"]
    graded = subprocess.run([*make, "grade", f"ONLY={P06[1]}"], capture_output=True, text=True)
    assert graded.returncode == 0, graded.stderr
    assert "ML Coding Round: 0 / 20 points" in graded.stdout
    tested = subprocess.run([*make, "test", f"ONLY={P06[1]}"], capture_output=True, text=True)
    assert tested.returncode != 0 and "0 / 20 points" in tested.stdout


def test_the_template_is_a_git_ready_folder(published):
    dest, _, files = published
    (dest / ".venv").mkdir()
    (dest / ".venv" / "python").write_text("")
    (dest / "autograder" / "__pycache__").mkdir(exist_ok=True)
    (dest / "autograder" / "__pycache__" / "cli.pyc").write_text("")

    def git(*args):
        done = subprocess.run(["git", "-C", str(dest), *args], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    git("init", "-q", "-b", "main")
    git("add", "-A")
    staged = set(git("diff", "--cached", "--name-only").splitlines())
    assert staged == files  # everything published, nothing of .venv/ or __pycache__/
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "template")
    assert git("status", "--porcelain") == ""


def test_publish_refuses_a_folder_in_use_or_inside_the_repository(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    with pytest.raises(PublishError, match="exists and is not an empty folder"):
        list(publish(REPO, tmp_path / "taken"))
    with pytest.raises(PublishError, match="outside the instructor's repository"):
        list(publish(REPO, REPO / "published"))
    assert not (REPO / "published").exists()


def test_strip_hidden_removes_the_keys_and_what_is_nested_under_them_only():
    text = (
        "p:\n"
        "  tests:\n"
        "    test_a: {category: shapes, points: 1}\n"
        "  hidden_suite: x.py  # instructor-only\n"
        "  hidden_tests:\n"
        "    # a comment under it\n"
        "    test_b: {category: shapes, points: 1}\n"
        "\n"
        "q:  # the next problem\n"
        "  tests: {}\n"
    )
    assert strip_hidden(text) == (
        "p:\n"
        "  tests:\n"
        "    test_a: {category: shapes, points: 1}\n"
        "\n"
        "q:  # the next problem\n"
        "  tests: {}\n"
    )
