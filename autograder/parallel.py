"""Grade problems side by side: one forked (trusted) process per problem, as many at a time as
there are cores, each running its problem's suites.

The parent has imported the suites, NumPy and torch before it forks, so a child starts warm;
each child sends its result back as one JSON line on its own pipe and exits.

A child whose student call has been running for ``PARK_AFTER`` seconds *parks*: it stops
counting against the cores, so the next problem starts beside it. A hanging problem therefore
waits out its time limits at the same time as the others instead of ahead of them: a submission
whose every problem hangs takes about one problem's budget, not the sum of them. Deadlines stay
wall-clock, so a hang ends on time however many share the cores.

Up to ``jobs`` parked calls run at normal priority (a slow but correct call, or a hang beside
working problems, slows its neighbours by at most twice); every further one is demoted to nice 19
(its process group and its session's group, see ``autogroup_nice``) and runs on what is left, so
that many hangs at once cannot starve the problems that work. Only that many hangs at once can
slow a correct call beyond its limit: the price of grading a submission of hangs in one budget's
time instead of one budget per problem.

The cores are the ones this process may run on (``os.sched_getaffinity``): ``taskset -c 0``
grades on one core.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

PARK_AFTER = 0.5  # seconds a single student call may run before its problem gives up its core
DEMOTED_NICE = 19


def usable_cores() -> int:
    return len(os.sched_getaffinity(0)) or 1


class Pacer:
    """A child's side: tells the parent while a student call is slow (see the module text)."""

    def __init__(self, fd: int | None, after: float = PARK_AFTER):
        self.fd = fd
        self.after = after
        self.lock = threading.Lock()
        self.parked = False

    @contextlib.contextmanager
    def call(self, worker_pid: int) -> Iterator[None]:
        """Around one student call to the worker ``worker_pid`` (0: unknown): after ``after``
        seconds, park (the parent may then lower the worker's priority)."""
        timer = threading.Timer(self.after, self._say, args=(f"park {worker_pid}",))
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()
            self._say("resume")

    def _say(self, what: str) -> None:
        with self.lock:
            parked = what != "resume"
            if self.fd is not None and self.parked != parked:
                self.parked = parked
                os.write(self.fd, what.encode() + b"\n")


@dataclass
class _Child:
    key: str
    pid: int
    buffer: bytes = b""
    parked: bool = False
    worker_pid: int = 0  # of the worker whose call parked it (0: unknown)
    result: dict | None = None


Task = Callable[[Pacer], dict]  # runs in the child; returns JSON-able data
Event = Callable[[list[str], list[str]], None]  # (finished keys, running keys)


def run_forked(
    tasks: dict[str, Task],
    jobs: int,
    on_change: Event | None = None,
    before_start: Callable[[str], None] | None = None,
) -> dict:
    """``{key: task(pacer)}`` for every task, each run in a child forked from this process,
    in the order given; ``before_start(key)`` runs here just before a task's child is forked.
    A child that dies without an answer gives ``{"crashed": why}``."""
    pending = list(tasks)
    running: dict[int, _Child] = {}  # by pipe descriptor
    results: dict[str, dict] = {}
    selector = selectors.DefaultSelector()
    try:
        while pending or running:
            while pending and sum(not c.parked for c in running.values()) < max(1, jobs):
                key = pending.pop(0)
                if before_start is not None:
                    before_start(key)
                fd, child = _start(key, tasks[key])
                running[fd] = child
                selector.register(fd, selectors.EVENT_READ)
                _tell(on_change, results, running)
            for event, _ in selector.select():
                fd = event.fd
                child = running[fd]
                data = os.read(fd, 1 << 20)
                if data:
                    if _take(child, data) and sum(c.parked for c in running.values()) > jobs:
                        _demote(child.worker_pid)
                    continue
                selector.unregister(fd)
                os.close(fd)
                del running[fd]
                _, status = os.waitpid(child.pid, 0)
                results[child.key] = child.result or {
                    "crashed": f"the grading process {_ended(status)} without a result"
                }
                _tell(on_change, results, running)
    finally:
        for fd, child in running.items():  # only after an error in this loop
            with contextlib.suppress(ProcessLookupError):
                os.kill(child.pid, 9)
            os.waitpid(child.pid, 0)
            os.close(fd)
        selector.close()
    return results


def _start(key: str, task: Task) -> tuple[int, _Child]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run the task, send the answer, leave without cleaning up
        os.close(read_fd)
        os.setsid()  # a session (and so a CPU share) of its own: see autogroup_nice
        code = 0
        try:
            answer = task(Pacer(write_fd))
            line = json.dumps({"result": answer}).encode() + b"\n"
        except BaseException:  # a grader bug: say where, do not let the parent hang
            text = traceback.format_exc().strip()
            line = json.dumps({"result": {"crashed": text[-2000:]}}).encode() + b"\n"
            code = 1
        try:
            view = memoryview(line)
            while view:
                view = view[os.write(write_fd, view) :]
        finally:
            os._exit(code)
    os.close(write_fd)
    return read_fd, _Child(key, pid)


def _take(child: _Child, data: bytes) -> bool:
    """Read what a child said; True if it has just parked."""
    child.buffer += data
    *lines, child.buffer = child.buffer.split(b"\n")
    parked = False
    for line in lines:
        if line.startswith(b"park"):
            child.parked, parked = True, True
            child.worker_pid = int(line.split()[1])
        elif line == b"resume":
            child.parked = False
        elif line:
            child.result = json.loads(line)["result"]
    return parked and child.parked


def _demote(worker_pid: int) -> None:
    """The worker and what it started (its process group, and its autogroup: see
    ``set_autogroup_nice``) run at the lowest priority."""
    if worker_pid > 0:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PGRP, worker_pid, DEMOTED_NICE)
        set_autogroup_nice(worker_pid, DEMOTED_NICE)


# Where the kernel groups processes by session (sched_autogroup, on by default on most desktop
# and many server kernels), the scheduler first shares the CPU between sessions, equally, and a
# nice value counts only against the processes of the same session. A worker leads a session
# of its own, so its nice value alone would change nothing: its session's must be set too. And
# each grading process leads one as well (``_start``): else all of them together would get one
# session's share against every worker's, and twenty hanging workers would leave the grader a
# twenty-first of the machine.


def autogroup_nice(pid: int) -> int | None:
    """The nice value of the session group ``pid`` is in; None where there is none."""
    try:
        text = Path(f"/proc/{pid}/autogroup").read_text()  # "/autogroup-123 nice 0"
        return int(text.split()[-1])
    except (OSError, ValueError, IndexError):
        return None


def set_autogroup_nice(pid: int, nice: int) -> bool:
    """Give the session group of ``pid`` this nice value, if ``pid`` leads its session (so its
    group is its own, never the grader's). False when it does not, or may not."""
    try:
        if os.getsid(pid) != pid or autogroup_nice(pid) is None:
            return False
        Path(f"/proc/{pid}/autogroup").write_text(str(nice))
        return True
    except OSError:
        return False


def _tell(on_change: Event | None, results: dict, running: dict[int, _Child]) -> None:
    if on_change is not None:
        on_change(list(results), [c.key for c in running.values()])


def _ended(status: int) -> str:
    code = os.waitstatus_to_exitcode(status)
    return f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
