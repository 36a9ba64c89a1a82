"""The ``student`` a suite talks to: a proxy whose attributes call into the worker.

``student.softmax_rows(x)`` sends ``x`` to the worker, runs the student's function there and
returns the decoded result (fresh arrays: the student can never touch the suite's own). Anything
but a value comes back as a ``StudentFailure`` subclass, which the runner turns into the test's
outcome: the suite never catches these.

``StudentCode`` owns one problem's worker: it loads the code, restarts the worker after a crash
or a timeout (so one bad function costs only its own tests), and charges every request to the
problem's ``wall_seconds`` budget. ``start_worker`` makes the worker: one forked from the
submission's zygote or a ``WorkerProcess`` when grading (``sandbox.pool``); ``check()`` in a
notebook passes one that answers from the notebook's own namespace.
"""

from __future__ import annotations

import difflib
import inspect
import textwrap
import time
from typing import Any

from autograder.load import Submission
from autograder.sandbox import protocol
from autograder.sandbox.launch import Limits, WorkerDied, WorkerProcess, WorkerTimeout

MAX_TIMEOUTS_PER_FUNCTION = 2
# A problem whose calls have run into the call limit this often has shown that its code hangs:
# its remaining calls are not made. Correct code, however slow, never gets here; a submission of
# hangs costs each problem at most this many call limits (problems are graded side by side).
MAX_TIMEOUTS_PER_PROBLEM = 3


class StudentFailure(Exception):
    """The student's code did not produce a value; ``outcome`` names what happened."""

    outcome = "error"


class NotImplementedByStudent(StudentFailure):
    outcome = "not_implemented"


class StudentTimeout(StudentFailure):
    outcome = "timeout"


class BudgetUsedUp(StudentTimeout):
    """The problem's ``wall_seconds`` are spent: nothing more of it is run."""


class LoadFailed(StudentFailure):
    """The submission could not be loaded at all (sys.exit, a hang or a crash while loading)."""


class StudentCode:
    """One problem's submission, running in a worker that is restarted when it dies."""

    def __init__(
        self,
        submission: Submission,
        limits: Limits,
        isolation: str,
        forbidden=(),
        start_worker=WorkerProcess,
        pacer=None,
    ):
        self.submission = submission
        self.pacer = pacer  # a parallel.Pacer: tells the scheduler while a call is slow
        self.start_worker = start_worker  # (limits, isolation) -> an object like WorkerProcess
        self.limits = limits
        self.isolation = isolation
        self.forbidden = tuple(forbidden)
        self.used_seconds = 0.0  # time charged to this problem so far
        self.worker: WorkerProcess | None = None  # or what start_worker makes
        self.names: list[str] = []
        self.cell_errors: list[str] = []
        self.timeouts: dict[str, int] = {}  # function name -> calls of it that timed out
        self.loaded = False  # the code has loaded once (later starts are restarts)
        self.load_failure: str | None = None  # why the first load failed, if it did

    # ---------------------------------------------------------------- lifecycle

    def ensure_loaded(self) -> None:
        """Load the code at first use; if that fails, every later use fails the same way."""
        if self.load_failure is not None:
            raise LoadFailed(self.load_failure)
        if not self.loaded:
            try:
                self.start()
            except LoadFailed as exc:
                self.load_failure = str(exc)
                raise

    def start(self) -> None:
        """Start a worker and load the code; raises LoadFailed with a one-line reason."""
        self.worker = self.start_worker(self.limits, self.isolation)
        header = {
            "op": "load",
            "cells": [list(cell) for cell in self.submission.cells],
            "filename": self.submission.filename,
            "module": self.submission.module,
            "forbidden": list(self.forbidden),
            "problem": self.submission.problem_id,
        }
        try:
            reply, _ = self._request(header, [])
        except BudgetUsedUp:
            self.close()
            raise
        except StudentTimeout:
            raise LoadFailed(
                f"loading {self.submission.filename} took longer than the time limit "
                "(an endless loop at the top level of a cell?)"
            ) from None
        except StudentFailure as exc:
            raise LoadFailed(f"loading {self.submission.filename} failed: {exc}") from None
        if not reply.get("ok"):
            self.close()
            raise LoadFailed(str(reply.get("fatal"))[:300])
        self.loaded = True
        self.names = _texts(reply.get("names"))
        self.cell_errors = [e[:300] for e in _texts(reply.get("cell_errors"))]

    def close(self) -> None:
        if self.worker is not None:
            self.worker.kill()
            self.worker = None

    def refuse_if_spent(self) -> None:
        """Raise what every further call would: the problem has timed out too often, or used up
        its time. A test checks this before it starts, so its own set-up (inputs, an oracle) is
        not computed for a call that will not be made."""
        if sum(self.timeouts.values()) >= MAX_TIMEOUTS_PER_PROBLEM:
            raise StudentTimeout(
                f"calls into this problem's code timed out {MAX_TIMEOUTS_PER_PROBLEM} times "
                "already; the rest are not made"
            )
        if self.used_seconds >= self.limits.wall_seconds:
            raise BudgetUsedUp(self._used_up())

    # ---------------------------------------------------------------- calls

    def call(
        self,
        name: str,
        args: tuple,
        kwargs: dict,
        see_inputs: bool = False,
        probe_source: str | None = None,
        budget_key: str | None = None,
    ) -> dict:
        """Run ``name(*args, **kwargs)`` in the worker; the decoded reply, or a StudentFailure.

        With ``probe_source``, ``name`` is a probe function defined by that source, called as
        ``name(student_namespace, **kwargs)``."""
        key = budget_key or name  # whose timeouts this call counts against
        self.refuse_if_spent()
        if self.timeouts.get(key, 0) >= MAX_TIMEOUTS_PER_FUNCTION:
            # Keep the rest of the problem's time for the functions that work.
            raise StudentTimeout(
                f"`{key}` timed out {MAX_TIMEOUTS_PER_FUNCTION} times already; not called again"
            )
        if self.worker is None:
            self.start()
        blobs: list[bytes] = []
        header = {
            "op": "call" if probe_source is None else "probe",
            "name": name,
            "args": protocol.encode_value(tuple(args), blobs),
            "kwargs": protocol.encode_value(dict(kwargs), blobs),
            "see_inputs": see_inputs,
        }
        if probe_source is not None:
            header["source"] = probe_source
        try:
            reply, reply_blobs = self._request(header, blobs, what=f"`{key}`")
        except StudentTimeout:
            self.timeouts[key] = self.timeouts.get(key, 0) + 1
            raise
        if reply.get("missing"):
            missing = reply["missing"] if isinstance(reply["missing"], str) else name
            raise NotImplementedByStudent(self._missing_message(missing[:100]))
        if not reply.get("ok"):
            error = reply.get("error")
            if probe_source is not None and isinstance(error, dict) and error.get("function"):
                name = str(error["function"])[:100]  # name the student's function, not the probe
            raise _failure_from(name, error)
        try:
            value = protocol.decode_value(reply.get("value"), reply_blobs)
            inputs = protocol.decode_value(reply.get("inputs"), reply_blobs)
        except protocol.ProtocolError as exc:
            raise StudentFailure(f"`{name}` returned data the grader cannot read: {exc}") from None
        return {"value": value, "inputs": inputs}

    def _request(self, header: dict, blobs: list[bytes], what: str = "") -> tuple[dict, list]:
        remaining = self.limits.wall_seconds - self.used_seconds
        if remaining <= 0:
            raise BudgetUsedUp(self._used_up())
        timeout = min(self.limits.call_seconds, remaining)
        started = time.monotonic()
        worker = self.worker
        try:
            if self.pacer is None:
                return worker.request(header, blobs, timeout)
            with self.pacer.call(worker.priority_handle):
                reply = worker.request(header, blobs, timeout)
            if not worker.restore_priority():  # demoted for a slow call, and it cannot be undone
                self.close()  # the next call gets a fresh worker at full priority
            return reply
        except WorkerTimeout:
            self.close()
            raise StudentTimeout(
                f"{what or 'the call'} did not finish within {timeout:.3g} s"
            ) from None
        except WorkerDied as exc:
            self.close()
            raise StudentFailure(f"{what or 'the code'} stopped the worker: {exc}") from None
        except protocol.ProtocolError as exc:
            self.close()
            raise StudentFailure(f"the worker sent malformed data: {exc}") from None
        finally:
            self.used_seconds += time.monotonic() - started

    def _used_up(self) -> str:
        return (
            f"the problem's time limit of {self.limits.wall_seconds:g} s is used up "
            "by earlier calls"
        )

    def _missing_message(self, name: str) -> str:
        message = f"`{name}` is not defined in {self.submission.filename}"
        similar = difflib.get_close_matches(name, self.names, n=1, cutoff=0.7)
        if similar:
            message += f" (it defines `{similar[0]}`: keep the name `{name}`)"
        if self.cell_errors:
            message += f"; while loading: {self.cell_errors[0]}"
        return message


def _texts(value: Any) -> list[str]:
    """A list of strings from the worker's reply, whatever it sent."""
    return [str(item) for item in value[:1000]] if isinstance(value, list) else []


def _failure_from(name: str, error: Any) -> StudentFailure:
    if not isinstance(error, dict):
        return StudentFailure(f"`{name}` failed and the worker gave no reason")
    kind = str(error.get("type", "Exception"))[:100]
    message = str(error.get("message", ""))[:500]
    where = str(error.get("where", ""))[:200]
    if kind == "NotImplementedError":
        return NotImplementedByStudent(
            f"`{name}` is not implemented yet (raises NotImplementedError)"
        )
    text = f"`{name}` raised {kind}: {message}" if message else f"`{name}` raised {kind}"
    if kind == "SystemExit":
        text = f"`{name}` called sys.exit({message})"
    if where:
        text += f" ({where})"
    failure = StudentFailure(text)
    failure.traceback = str(error.get("traceback", ""))[-4000:]
    return failure


class Student:
    """The ``student`` fixture: ``student.fn(*args)`` calls the student's ``fn`` in the worker."""

    def __init__(self, code: StudentCode):
        self._code = code

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)

        def remote(*args, **kwargs):
            return self._code.call(name, args, kwargs)["value"]

        remote.__name__ = name
        return remote

    def probe(self, probe_function, *, for_function: str | None = None, **kwargs) -> Any:
        """Run ``probe_function(ns, **kwargs)`` in the worker, where ``ns["Name"]`` is the
        student's ``Name``; return what it returns, as plain data.

        For what cannot cross as data (a student's ``nn.Module``, a training loop): the probe,
        a module-level function of the suite that imports what it needs inside its body, drives
        the student's code and returns arrays and numbers, which the suite then checks against
        its own oracle. What a probe returns comes from the worker: verify it, never trust it.

        ``for_function`` names the student function the probe exercises: messages name it and
        its timeouts are counted against it, so one hanging function does not block the others.
        """
        source = textwrap.dedent(inspect.getsource(probe_function))
        reply = self._code.call(
            probe_function.__name__, (), kwargs, probe_source=source, budget_key=for_function
        )
        return reply["value"]

    def call_seeing_inputs(self, name: str, *args, **kwargs) -> tuple[Any, tuple]:
        """``(result, args_after)``: the positional arguments as the worker holds them after the
        call, to catch a function that modifies its input in place."""
        reply = self._code.call(name, args, kwargs, see_inputs=True)
        return reply["value"], reply["inputs"]
