"""``check("p06_softmax_cross_entropy")`` in a notebook: that problem's suite, run on the
notebook's current definitions, shown as the grader's table with its failure messages.

DESIGN.md: "the same suites run against an in-process namespace for a student's own check()
inside a notebook, where isolation is not the point". So the runner, the score and the table
are the grader's own, and so is the ``student`` proxy (``StudentCode``): only its worker is
replaced, by a ``NotebookWorker`` that answers from the notebook's namespace in this process.
Every request and reply still goes through the worker protocol's frames, so the student's
function gets fresh copies of its arguments and the suite gets back the same plain data it gets
when grading (arrays, numbers, tensors as values, ``Unsupported`` for the rest). Probes run here
too, with ``ns`` the notebook's namespace.

What it cannot do, unlike grading: it cannot kill a runaway function (a call past its
``call_seconds`` is interrupted with SIGALRM where that exists, in the main thread, which a
function that swallows every exception can still ignore), limit memory, or refuse a forbidden
import (a forbidden module in the namespace gives the error grading would give, without running
the suite). It sees what the notebook has run, where grading reads the saved file. The grade is
what ``python -m autograder grade`` says.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from autograder.load import Submission
from autograder.results import GradeResult
from autograder.rubric import Problem, RubricError, load_rubric
from autograder.runner import GraderBug, ProblemRun, run_code
from autograder.sandbox import protocol
from autograder.sandbox.launch import Limits, WorkerTimeout
from autograder.sandbox.worker import Executor
from autograder.score import score
from autograder.student import StudentCode

REPO_ROOT = Path(__file__).resolve().parent.parent
ISOLATION = "none (this notebook)"
_NOT_THE_STUDENTS = ("get_ipython", "exit", "quit", "check")
# Frames in these files are not the student's: the interpreter's libraries and this package.
_LIBRARY_PREFIXES = tuple(sorted({sys.prefix, sys.base_prefix, str(Path(__file__).parent)}))


class _Overran(BaseException):
    """Raised into a call that ran past its deadline. A BaseException, so that the student's
    ``except Exception`` does not swallow it (the executor reports it like any other)."""


class _Session:
    """What one ``check()`` learns across its workers."""

    def __init__(self, namespace: dict[str, Any]):
        self.namespace = namespace
        self.interrupted = False

    def start_worker(self, limits: Limits, isolation: str) -> NotebookWorker:
        return NotebookWorker(self)


class NotebookWorker:
    """Stands in for ``WorkerProcess``: answers the grader's requests from the notebook's own
    namespace, in this process, through the same frames as a real worker."""

    def __init__(self, session: _Session):
        self.session = session
        self.executor = Executor(session.namespace, _is_notebook_file)

    def request(self, header: dict, blobs: list[bytes], timeout: float) -> tuple[dict, list]:
        header, blobs = _through_the_wire(header, blobs)
        if header.get("op") == "load":  # the notebook has run its cells already
            reply, reply_blobs = {"ok": True, "names": self._names(), "cell_errors": []}, []
        else:
            reply, reply_blobs = self._handle_within(header, blobs, timeout)
        error = reply.get("error") if not reply.get("ok") else None
        if isinstance(error, dict) and error.get("type") == "KeyboardInterrupt":
            self.session.interrupted = True  # the student pressed stop: stop everything
            raise KeyboardInterrupt
        return _through_the_wire(reply, reply_blobs)

    def kill(self) -> None:
        """Nothing to kill: the code runs in this process."""

    def _names(self) -> list[str]:
        return sorted(
            name
            for name, value in self.session.namespace.items()
            if callable(value) and name[:1] != "_" and name not in _NOT_THE_STUDENTS
        )

    def _handle_within(self, header: dict, blobs: list[bytes], timeout: float):
        """Run the request, interrupted after ``timeout`` seconds where signals allow it."""
        if not hasattr(signal, "setitimer") or threading.current_thread() is not (
            threading.main_thread()
        ):
            return self.executor.handle(header, blobs)
        state = {"armed": True, "fired": False}

        def on_alarm(signum, frame):
            if state["armed"]:
                state["fired"] = True
                raise _Overran

        started = time.monotonic()
        previous = signal.signal(signal.SIGALRM, on_alarm)
        # Fire again every 0.5 s, in case the student's code catches the first one.
        outer = signal.setitimer(signal.ITIMER_REAL, timeout, 0.5)
        reply: tuple[dict, list] | None = None
        try:
            reply = self.executor.handle(header, blobs)
        except _Overran:  # fired between the student's code and the reply
            pass
        finally:
            state["armed"] = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            if outer[0] > 0:  # give back whatever timer was running (pytest-timeout's)
                left = max(outer[0] - (time.monotonic() - started), 0.001)
                signal.setitimer(signal.ITIMER_REAL, left, outer[1])
        if state["fired"] or reply is None:
            raise WorkerTimeout
        return reply


def _through_the_wire(header: dict, blobs: list[bytes]) -> tuple[dict, list[bytes]]:
    """``header`` and ``blobs`` encoded as a frame and read back, as a worker's pipe would."""
    stream = io.BytesIO(protocol.encode_frame(header, blobs))

    def read_exact(n: int) -> bytes:
        data = stream.read(n)
        if len(data) != n:
            raise EOFError("frame ended early")
        return data

    return protocol.read_frame(read_exact)


def _is_notebook_file(filename: str) -> bool:
    return not filename.startswith(_LIBRARY_PREFIXES) and not filename.startswith("<probe")


def _forbidden_names(namespace: dict[str, Any], forbidden: tuple[str, ...]) -> dict[str, str]:
    """Names in the namespace that come from a forbidden module: {name: module}."""
    found = {}
    for name, value in namespace.items():
        module = value.__name__ if isinstance(value, ModuleType) else None
        if module is None and (callable(value) or isinstance(value, type)):
            module = getattr(value, "__module__", None)
        if isinstance(module, str) and module.partition(".")[0] in forbidden:
            found[name] = module.partition(".")[0]
    return found


def run_check(
    problem_id: str, namespace: dict[str, Any], rubric_path: Path = REPO_ROOT / "grading.yml"
) -> GradeResult:
    """Grade the functions in ``namespace`` with ``problem_id``'s suite (not its hidden one).
    Raises RubricError for an unknown id or a broken grading.yml, GraderBug if a suite fails
    (KeyboardInterrupt if the student interrupted it)."""
    rubric = load_rubric(rubric_path)
    try:
        problem = rubric.problem(problem_id)
    except KeyError:
        known = ", ".join(p.id for p in rubric.problems)
        raise RubricError(f"unknown problem id {problem_id!r}; known ids: {known}") from None
    return score((problem,), {problem.id: _run(problem, namespace)}, ISOLATION)


def _run(problem: Problem, namespace: dict[str, Any]) -> ProblemRun:
    found = _forbidden_names(namespace, problem.forbidden_imports)
    if found:  # what grading does with the saved notebook: zero, with the reason
        modules = ", ".join(sorted(set(found.values())))
        names = ", ".join(f"`{name}`" for name in sorted(found))
        reason = (
            f"this notebook has imported {modules} ({names}), which this problem does not allow "
            f"(grading.yml forbids {', '.join(problem.forbidden_imports)} here)"
        )
        return ProblemRun(problem.id, "error", reason)
    session = _Session(namespace)
    submission = Submission(problem.id, None, "ok", "")
    code = StudentCode(
        submission,
        problem.limits,
        ISOLATION,
        problem.forbidden_imports,
        start_worker=session.start_worker,
    )
    try:
        return run_code(problem, code)
    except GraderBug:
        if session.interrupted:
            raise KeyboardInterrupt from None
        raise


def check(problem_id: str, namespace: dict[str, Any]) -> None:
    """Print the table for ``problem_id`` graded on ``namespace``; see the module docstring.
    Does nothing inside the grader's worker, which loads the notebook's check cell too."""
    if os.environ.get("AUTOGRADER_WORKER") == "1":
        return
    try:
        result = run_check(problem_id, namespace)
    except RubricError as exc:
        print(f"check: {exc}")
        return
    except GraderBug as exc:
        print(f"check: the grader itself failed (please report it): {exc}")
        return
    except KeyboardInterrupt:
        print(f"check({problem_id!r}) was interrupted.")
        return
    title = (
        f"check({problem_id!r}): {result.score:g} / {result.max_score:g} points, "
        "on what this notebook has run so far"
    )
    from autograder import render

    print(render.terminal(result, title=title), end="")
    messages = " ".join(t.message for p in result.problems for t in p.tests)
    if "is not defined in" in messages:
        print(
            '\nA function that is "not defined" may just not have been run yet: run its cell, '
            "then this one again."
        )
    print(
        "\nThis ran in the notebook itself. Your grade comes from the saved notebook: "
        f"`python -m autograder grade --only {problem_id}` or the pull request's table."
    )
