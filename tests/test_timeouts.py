"""How timeouts are counted (``StudentCode``): twice per function, then that function is not
called again; three times per problem, then the problem makes no more calls at all. A worker
that always runs into its deadline stands in for hanging student code, so nothing here waits."""

from __future__ import annotations

import pytest

from autograder.load import Submission
from autograder.sandbox.launch import Limits, WorkerTimeout
from autograder.student import (
    MAX_TIMEOUTS_PER_FUNCTION,
    MAX_TIMEOUTS_PER_PROBLEM,
    BudgetUsedUp,
    StudentCode,
    StudentTimeout,
)

LIMITS = Limits(
    wall_seconds=60, call_seconds=1, memory_mb=512, cpu_seconds=10, output_kb=4, processes=4
)


class HangingWorker:
    """Loads fine; every call runs into its deadline."""

    requests: list[str] = []

    def __init__(self, limits, isolation):
        pass

    def request(self, header, blobs, timeout):
        HangingWorker.requests.append(header.get("name") or header["op"])
        if header["op"] == "load":
            return {"ok": True, "names": ["f", "g", "h", "k"], "cell_errors": []}, []
        raise WorkerTimeout

    def kill(self):
        pass


@pytest.fixture
def code():
    HangingWorker.requests = []
    submission = Submission("p_hangs", None, "ok", "", (("", "pass"),))
    return StudentCode(submission, LIMITS, "process", start_worker=HangingWorker)


def test_a_function_that_timed_out_twice_is_not_called_again(code):
    for _ in range(MAX_TIMEOUTS_PER_FUNCTION):
        with pytest.raises(StudentTimeout, match="did not finish"):
            code.call("f", (), {})
    with pytest.raises(StudentTimeout, match="`f` timed out 2 times already; not called again"):
        code.call("f", (), {})
    assert HangingWorker.requests.count("f") == MAX_TIMEOUTS_PER_FUNCTION


def test_a_problem_that_timed_out_three_times_makes_no_more_calls(code):
    for name in ("f", "f", "g")[:MAX_TIMEOUTS_PER_PROBLEM]:
        with pytest.raises(StudentTimeout, match="did not finish"):
            code.call(name, (), {})
    for name in ("h", "k"):  # never called: the problem has shown that its code hangs
        with pytest.raises(StudentTimeout, match="timed out 3 times already; the rest are not"):
            code.call(name, (), {})
    assert [r for r in HangingWorker.requests if r != "load"] == ["f", "f", "g"]


def test_once_spent_a_problem_refuses_before_a_test_sets_up(code):
    code.refuse_if_spent()  # nothing spent yet: no error
    for name in ("f", "g", "h")[:MAX_TIMEOUTS_PER_PROBLEM]:
        with pytest.raises(StudentTimeout, match="did not finish"):
            code.call(name, (), {})
    # what the `student` fixture checks: a test whose calls would all be refused does not run
    with pytest.raises(StudentTimeout, match="timed out 3 times already; the rest are not"):
        code.refuse_if_spent()


def test_a_problem_whose_time_is_used_up_refuses_too(code):
    code.used_seconds = LIMITS.wall_seconds
    with pytest.raises(BudgetUsedUp, match="time limit of 60 s is used up"):
        code.refuse_if_spent()
