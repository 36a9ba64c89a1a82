"""Grade problems side by side: one forked (trusted) process per problem, as many at a time as
there are cores, each running its problem's suites.

The parent has imported the suites, NumPy and torch before it forks, so a child starts warm;
each child sends its result back as one JSON line on its own pipe and exits.

A child whose student call has been running for ``PARK_AFTER`` seconds *parks*: its worker is
demoted to the lowest CPU priority, and the child stops counting against the cores, so the next
problem starts beside it. A hanging problem therefore waits out its time limits at the same time
as the others instead of ahead of them (a submission whose every problem hangs takes about one
problem's budget, not the sum of them), and its spinning costs the problems that work nothing but
idle CPU. A slow but correct call that parks loses no verdict for it: its deadline does not
count the time it waited for a CPU (``sandbox.launch.Deadline``).

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

PARK_AFTER = 0.5  # seconds a single student call may run before its problem gives up its core


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
    def call(self, demote: Callable[[], None]) -> Iterator[None]:
        """Around one student call: after ``after`` seconds, park (the next problem starts) and
        ``demote`` the worker (it runs on what the problems beside it leave of the CPUs)."""
        timer = threading.Timer(self.after, self._park, args=(demote,))
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()
            self._say(False)

    def _park(self, demote: Callable[[], None]) -> None:
        demote()
        self._say(True)

    def _say(self, parked: bool) -> None:
        with self.lock:
            if self.fd is not None and self.parked != parked:
                self.parked = parked
                os.write(self.fd, b"park\n" if parked else b"resume\n")


@dataclass
class _Child:
    key: str
    pid: int
    buffer: bytes = b""
    parked: bool = False
    result: dict | None = None


Task = Callable[[Pacer], dict]  # runs in the child; returns JSON-able data
Event = Callable[[list[str], list[str]], None]  # (finished keys, running keys)


def run_forked(tasks: dict[str, Task], jobs: int, on_change: Event | None = None) -> dict:
    """``{key: task(pacer)}`` for every task, each run in a child forked from this process.
    A child that dies without an answer gives ``{"crashed": why}``."""
    pending = list(tasks)
    running: dict[int, _Child] = {}  # by pipe descriptor
    results: dict[str, dict] = {}
    selector = selectors.DefaultSelector()
    try:
        while pending or running:
            while pending and sum(not c.parked for c in running.values()) < max(1, jobs):
                key = pending.pop(0)
                fd, child = _start(key, tasks[key])
                running[fd] = child
                selector.register(fd, selectors.EVENT_READ)
                _tell(on_change, results, running)
            for event, _ in selector.select():
                fd = event.fd
                child = running[fd]
                data = os.read(fd, 1 << 20)
                if data:
                    _take(child, data)
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


def _take(child: _Child, data: bytes) -> None:
    child.buffer += data
    *lines, child.buffer = child.buffer.split(b"\n")
    for line in lines:
        if line == b"park":
            child.parked = True
        elif line == b"resume":
            child.parked = False
        elif line:
            child.result = json.loads(line)["result"]


def _tell(on_change: Event | None, results: dict, running: dict[int, _Child]) -> None:
    if on_change is not None:
        on_change(list(results), [c.key for c in running.values()])


def _ended(status: int) -> str:
    code = os.waitstatus_to_exitcode(status)
    return f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
