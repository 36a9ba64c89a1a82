"""check() in a notebook: the problem's own suite on the notebook's current definitions, through
the worker protocol's encoding, with the grader's runner, score and table."""

import copy
import json
import shutil
import subprocess
import sys
import types

import nbformat
import numpy as np
import pytest
import yaml
from nbclient import NotebookClient

from autograder import notebook
from autograder.load import Submission
from autograder.rubric import load_rubric
from autograder.sandbox.protocol import Unsupported
from autograder.student import NotImplementedByStudent, Student, StudentCode

from conftest import P06, REPO, VARIANTS, grade

CLIPPED = VARIANTS / P06[1] / "clipped_log.py"
CORRECT = (VARIANTS / P06[1] / "correct_vectorized.py").read_text()
IGNORED = shutil.ignore_patterns("__pycache__")


def namespace_of(code: str) -> dict:
    ns = {"__name__": "__main__"}
    exec(compile(code, "<notebook cell>", "exec"), ns)
    return ns


def test_in_a_real_kernel_check_grades_what_the_notebook_has_run(tmp_path):
    """The release notebook as a student opens it, run in a Jupyter kernel from its own folder:
    its last cell says 'not implemented'; after a cell with a half-right solution, the same
    check says what grading would."""
    released = REPO / "release" / P06[0] / f"{P06[1]}.ipynb"
    folder = tmp_path / "assignments" / P06[0]  # two levels below a copy of the repo root
    folder.mkdir(parents=True)
    shutil.copytree(REPO / "autograder", tmp_path / "autograder", ignore=IGNORED)
    shutil.copy(REPO / "grading.yml", tmp_path)
    nb = nbformat.read(released, as_version=4)
    check_cell = nb.cells[-1]
    assert f'check("{P06[1]}")' in check_cell.source and check_cell.metadata["editable"] is False
    nb.cells += [nbformat.v4.new_code_cell(CLIPPED.read_text()), copy.deepcopy(check_cell)]
    NotebookClient(
        nb, timeout=120, kernel_name="python3", allow_errors=True,
        resources={"metadata": {"path": str(folder)}},
    ).execute()  # fmt: skip
    untouched, fixed = ("".join(o.get("text", "") for o in c.outputs) for c in nb.cells[-3::2])
    assert f"check('{P06[1]}'): 0 / 20 points" in untouched
    assert "not implemented yet: softmax_rows, cross_entropy" in untouched
    assert f"check('{P06[1]}'): 18 / 20 points" in fixed
    assert "✗ test_loss_exact_at_logits_1e4 [stability]" in fixed and "capped" in fixed


def test_check_gives_the_outcomes_and_messages_grading_gives(tmp_path, write_submission):
    graded = grade(write_submission(CLIPPED.read_text()), "--only", P06[1], tmp=tmp_path)
    checked = notebook.run_check(P06[1], namespace_of(CLIPPED.read_text()))
    (problem,) = checked.problems
    assert [(t.id, t.outcome, t.message) for t in problem.tests] == [
        (t["id"], t["outcome"], t["message"]) for t in graded.problem(P06[1])["tests"]
    ]
    assert checked.score == graded.results["score"] == 18


def test_calls_get_fresh_copies_and_return_plain_data():
    ns = namespace_of(
        "def scale(x):\n    x *= 2\n    return x\n\n"
        "class Box:\n    pass\n\n"
        "def box():\n    return Box()\n"
    )
    limits = load_rubric(REPO / "grading.yml").problem(P06[1]).limits
    session = notebook._Session(ns)
    code = StudentCode(
        Submission(P06[1], None, "ok", ""), limits, "x", start_worker=session.start_worker
    )
    student = Student(code)
    mine = np.arange(3.0)
    doubled = student.scale(mine)
    assert doubled.tolist() == [0.0, 2.0, 4.0] and mine.tolist() == [0.0, 1.0, 2.0]
    assert doubled is not mine
    boxed = student.box()
    assert isinstance(boxed, Unsupported) and boxed.type_name == "__main__.Box"
    with pytest.raises(NotImplementedByStudent, match="`nothing_here` is not defined"):
        student.nothing_here()


def test_a_runaway_call_times_out_and_the_other_functions_keep_their_points(tmp_path):
    rubric = yaml.safe_load((REPO / "grading.yml").read_text())
    p06 = rubric["assignments"][P06[0]]["problems"][P06[1]]
    p06 = {k: v for k, v in p06.items() if not k.startswith("hidden_")}
    p06 |= {"suite": str(REPO / p06["suite"]), "limits": {"call_seconds": 0.5}}
    rubric["assignments"] = {P06[0]: {"title": "t", "problems": {P06[1]: p06}}}
    (tmp_path / "grading.yml").write_text(yaml.safe_dump(rubric))
    stuck = CORRECT + (
        "\ndef cross_entropy(logits, labels):\n"
        "    while True:\n        try:\n            pass\n        except BaseException:\n"
        "            pass\n"
    )  # even catching the interruption does not keep it running
    result = notebook.run_check(P06[1], namespace_of(stuck), tmp_path / "grading.yml")
    outcomes = {t.id: t.outcome for t in result.problems[0].tests}
    assert outcomes["test_softmax_matches_float64_oracle"] == "passed"
    assert outcomes["test_loss_at_zero_logits_is_log_num_classes"] == "timeout"
    with_timeout = [t for t in result.problems[0].tests if t.outcome == "timeout"]
    assert "did not finish within 0.5 s" in with_timeout[0].message


def test_a_forbidden_module_in_the_notebook_zeroes_the_problem_as_grading_would(capsys):
    ns = namespace_of(CORRECT)
    ns["sk"] = types.ModuleType("sklearn")
    notebook.check(P06[1], ns)
    shown = capsys.readouterr().out
    assert "0 / 20 points" in shown
    assert "has imported sklearn (`sk`), which this problem does not allow" in shown


def test_check_is_silent_inside_the_worker_and_explains_an_unknown_id(monkeypatch, capsys):
    notebook.check("p99_nothing", {})
    assert "unknown problem id 'p99_nothing'; known ids: p01_two_tower" in capsys.readouterr().out
    monkeypatch.setenv("AUTOGRADER_WORKER", "1")
    notebook.check(P06[1], namespace_of(CORRECT))
    assert capsys.readouterr().out == ""


def test_importing_autograder_imports_no_grader_dependencies():
    probe = "import autograder, sys; print(json.dumps(sorted(set(sys.modules) & {m})))".replace(
        "{m}", repr({"numpy", "pytest", "yaml", "nbformat"})
    )
    done = subprocess.run(
        [sys.executable, "-c", f"import json; {probe}"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert json.loads(done.stdout) == [], done.stderr
