"""A broken or hostile problem costs that problem's points and nothing else.

One grading run holds many problems, each graded by a copy of the P6 suite: one correct
submission beside ten that are missing, malformed, exit, hang, exhaust memory, leave a child
process or flood their output. Everything runs on temporary copies, never on the checkout
(tests/hostile.py); the deliberate attacks are in test_attacks.py.
"""

import json
import os
import subprocess
import time

import pytest

from autograder.student import MAX_TIMEOUTS_PER_FUNCTION

from conftest import grade
from hostile import CORRECT, build_course, notebook, p06_entry

# The per-call limit is what the hangs below wait out; the problem's budget is roomy because the
# memory bomb spends about a second of it per call, more while other problems are graded beside.
LIMITS = {
    "wall_seconds": 30,
    "call_seconds": 3,
    "memory_mb": 1024,
    "cpu_seconds": 20,
    "output_kb": 16,
    "processes": 32,
}
SOFTMAX_ONLY = CORRECT.split("def cross_entropy")[0]  # a correct softmax_rows, nothing more
SLEEP_MARKER = "313.25"  # `sleep 313.25`: a child process no one else on the machine runs
PASSING_SUITE = "".join(f"def {t}(student):\n    pass\n" for t in p06_entry()["tests"])

SUBMISSIONS = {
    "p_ok": (".py", CORRECT),
    "p_missing": None,
    "p_bad_json": (".ipynb", '{"cells": [}'),
    "p_syntax_error": (
        ".ipynb",
        notebook(SOFTMAX_ONLY, "def cross_entropy(logits, labels)\n    return 0, 0\n"),
    ),
    "p_exit_at_import": (".py", "import sys\nsys.exit(0)\n" + CORRECT),
    "p_renamed": (".py", CORRECT.replace("softmax_rows", "softmax_row")),
    "p_os_exit_in_call": (
        ".py",
        CORRECT + "\nimport os\n\ndef cross_entropy(logits, labels):\n    os._exit(3)\n",
    ),
    "p_loop_at_import": (".py", "while True:\n    pass\n"),
    "p_loop_in_call": (
        ".py",
        CORRECT + "\ndef cross_entropy(logits, labels):\n    while True:\n        pass\n",
    ),
    "p_memory_bomb": (
        ".py",
        CORRECT
        + "\ndef cross_entropy(logits, labels):\n    hoard = []\n    while True:\n"
        + "        hoard.append(bytearray(50 * 2**20))\n",
    ),
    "p_child_process": (
        ".py",
        f"import subprocess\nsubprocess.Popen(['sleep', '{SLEEP_MARKER}'])\n" + CORRECT,
    ),
    "p_rewrites_its_suite": (  # writes passing tests over its suite file, then implements nothing
        ".py",
        f"import pathlib\npathlib.Path('{{suite}}').write_text({PASSING_SUITE!r})\n",
    ),
    "p_output_flood": (
        ".py",
        "import sys\nfor _ in range(200):\n    sys.stdout.write('x' * 100_000)\n"
        "    sys.stderr.write('y' * 100_000)\n" + CORRECT,
    ),
}
SOFTMAX_TESTS = {
    "test_softmax_returns_float64_array_of_shape_batch_by_classes",
    "test_softmax_matches_float64_oracle",
    "test_softmax_normalises_each_row_not_each_column",
    "test_softmax_finite_and_exact_at_logits_1e4",
    "test_softmax_of_integer_logits_is_float64_not_truncated",
    "test_logits_unchanged_by_softmax_rows",
    "test_softmax_shifts_each_row_by_its_own_max_not_the_batch_max",
}  # the tests that call only softmax_rows


def build(tmp_path):
    """The grader copy to run from and the submission folder, one problem per submission."""
    return build_course(tmp_path, SUBMISSIONS, LIMITS)


def sleepers() -> list[str]:
    found = subprocess.run(
        ["pgrep", "-af", f"sleep {SLEEP_MARKER}"], capture_output=True, text=True
    )
    return found.stdout.splitlines()


@pytest.fixture(scope="module", params=["default", "process"])
def graded(request, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp(request.param)
    grader, submission = build(tmp_path)
    env = dict(os.environ)
    if request.param == "process":
        env["AUTOGRADER_ISOLATION"] = "process"
    started = time.monotonic()
    result = grade(submission, tmp=tmp_path, env=env, timeout=300, cwd=grader)
    result.elapsed = time.monotonic() - started
    result.mode = request.param
    return result


def outcomes(graded, problem_id):
    return {t["id"]: t for t in graded.problem(problem_id)["tests"]}


def test_the_run_completes_and_reports_its_isolation(graded):
    assert graded.returncode == 0, graded.stderr
    if graded.mode == "process":
        assert graded.results["isolation"] == "process"
    else:
        assert graded.results["isolation"] in ("bubblewrap", "process")
    # every problem's student time is capped at wall_seconds; eleven problems, most quick
    assert graded.elapsed < 3 * LIMITS["wall_seconds"] + 30


def test_the_correct_neighbour_keeps_full_marks(graded):
    problem = graded.problem("p_ok")
    assert problem["score"] == problem["max_score"] == 20, problem["tests"]


@pytest.mark.parametrize(
    "problem_id, status, reason",
    [
        ("p_missing", "missing", "ps_local/p_missing.ipynb not found"),
        ("p_bad_json", "error", "not valid notebook JSON"),
        ("p_exit_at_import", "error", "called sys.exit(0)"),
        ("p_loop_at_import", "error", "took longer than the time limit"),
    ],
)
def test_a_file_that_cannot_load_scores_zero_with_a_one_line_reason(
    graded, problem_id, status, reason
):
    problem = graded.problem(problem_id)
    assert problem["status"] == status and problem["score"] == 0
    for test in problem["tests"]:
        assert reason in test["message"] and "\n" not in test["message"]


def test_a_renamed_function_is_named_in_the_message(graded):
    tests = outcomes(graded, "p_renamed")
    for test_id in SOFTMAX_TESTS:
        assert tests[test_id]["outcome"] == "not_implemented"
        assert "it defines `softmax_row`: keep the name `softmax_rows`" in tests[test_id]["message"]
    assert tests["test_loss_exact_at_logits_1e4"]["outcome"] == "passed"


def test_a_cell_with_a_syntax_error_costs_only_what_it_defines(graded):
    tests = outcomes(graded, "p_syntax_error")
    for test_id, test in tests.items():
        if test_id in SOFTMAX_TESTS:
            assert test["outcome"] == "passed", test
        elif test_id != "test_inputs_are_not_modified_in_place":
            assert test["outcome"] == "not_implemented", test
            assert "`cross_entropy` is not defined" in test["message"]
            assert "SyntaxError" in test["message"] and "cell 2" in test["message"]


@pytest.mark.parametrize(
    "problem_id, expected",
    [
        ("p_os_exit_in_call", "exited with code 3"),
        ("p_memory_bomb", "MemoryError"),
        ("p_loop_in_call", "`cross_entropy`"),
    ],
)
def test_a_function_that_kills_or_hangs_the_worker_costs_only_its_own_tests(
    graded, problem_id, expected
):
    """cross_entropy is broken, softmax_rows is correct: the softmax tests keep their points."""
    tests = outcomes(graded, problem_id)
    for test_id, test in tests.items():
        if test_id in SOFTMAX_TESTS:
            assert test["outcome"] == "passed", test
        else:
            assert test["outcome"] in ("error", "timeout"), test
            if test["outcome"] == "error":
                assert expected in test["message"], test
            else:  # a slow machine may spend the budget before the limit bites: still local
                assert "`cross_entropy`" in test["message"] or "time limit" in test["message"]


def test_a_hanging_function_is_stopped_by_its_timeout(graded):
    tests = outcomes(graded, "p_loop_in_call")
    timed_out = [t for t in tests.values() if t["outcome"] == "timeout"]
    assert timed_out and all("cross_entropy" in t["message"] for t in timed_out)


def test_no_child_process_outlives_the_grading(graded):
    assert graded.problem("p_child_process")["score"] == 20
    assert sleepers() == []


def test_student_code_runs_only_after_every_suite_is_loaded(graded):
    """Where the worker can write (plain-process isolation), a submission that overwrites its
    suite at import changes nothing: pytest imported the suites before any student code ran."""
    problem = graded.problem("p_rewrites_its_suite")
    assert problem["score"] == 0
    assert {t["outcome"] for t in problem["tests"]} == {"not_implemented"}


def test_an_output_flood_is_capped_and_costs_nothing(graded):
    assert graded.problem("p_output_flood")["score"] == 20
    assert len(graded.stdout) < 20_000  # the student's 40 MB never reach the grader's output


@pytest.mark.parametrize("problem_id", ["p_loop_at_import", "p_loop_in_call"])
def test_a_hanging_problem_takes_no_longer_than_its_limit(tmp_path, problem_id):
    grader, submission = build(tmp_path)
    started = time.monotonic()
    result = grade(submission, "--only", problem_id, tmp=tmp_path, cwd=grader)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    # a hang costs each function at most two call limits (then it is not called again), far
    # below the problem's budget; the rest is the grader's own start-up
    bound = MAX_TIMEOUTS_PER_FUNCTION * LIMITS["call_seconds"] + 15
    assert elapsed < bound, f"{problem_id} took {elapsed:.1f} s"
    json.dumps(result.results)  # and the results are complete, plain JSON
