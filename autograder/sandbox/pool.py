"""Workers forked from a pre-warmed zygote (see ``zygote``): the grader's side.

``Zygotes`` starts, for one submission, a zygote per set of modules to preload (NumPy and torch
for problems that may use torch, NumPy alone for those that forbid it), in a sandbox of its own
when bubblewrap works. ``Zygotes.starter(problem)`` gives ``StudentCode`` what it needs to
start that problem's worker: a ``ForkedWorker`` from the right zygote when the zygote could
isolate its workers from each other, else a ``WorkerProcess`` in a sandbox of its own (slower:
it imports everything again, but keeps every guarantee). A zygote that died or hangs costs only
speed: the next worker is started on its own.

A ``ForkedWorker`` is limited like a ``WorkerProcess``: the zygote sets its rlimits before any
student code runs, and the grader, which learns the worker's PID from the kernel (the
credentials on its first message), puts it in a pids cgroup of its own where it can and kills it
through a pidfd, so a recycled PID is never hit.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

from autograder.parallel import autogroup_nice, set_autogroup_nice
from autograder.sandbox.cgroup import PidsGroup
from autograder.sandbox.launch import (
    BWRAP_FLAGS,
    PACKAGE_PARENT,
    Limits,
    WorkerProcess,
    _CappedOutput,
    _Channel,
    nproc_limit,
    worker_environment,
)
from autograder.sandbox.zygote import FDS_PER_WORKER, HELLO

READY_SECONDS = 120  # importing torch on a busy machine; past this, workers start on their own
HELLO_SECONDS = 20  # a fork takes milliseconds; a zygote that does not answer is given up
BOOT = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from autograder.sandbox.zygote import main; main(sys.argv[2:])"
)
# The zygote keeps CAP_SYS_ADMIN inside its own user namespace (only there) to give each worker
# its own PID and mount namespaces; each worker drops every capability before student code runs.
NESTING_FLAGS = [
    *([] if "--unshare-user" in BWRAP_FLAGS else ["--unshare-user"]),
    "--cap-add", "CAP_SYS_ADMIN", "--cap-add", "CAP_SETPCAP",
]  # fmt: skip
_UCRED = struct.Struct("3i")  # pid, uid, gid


class ZygoteUnavailable(Exception):
    """The zygote could not make a worker; the caller starts one on its own instead."""


class Zygote:
    """One running zygote. ``close`` only in the process that started it."""

    def __init__(self, isolation: str, preload: tuple[str, ...]):
        self.isolation = isolation
        self.preload = preload
        self.owner = os.getpid()
        self.nested = False
        self.usable: bool | None = None  # None: not known yet (see ``wait_ready``)
        self.why_not = ""
        self.home = tempfile.mkdtemp(prefix="autograder-zygote-")
        self.control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # its output goes to a file: no thread in the grader drains it (the grader forks)
        self.log = tempfile.TemporaryFile(dir=self.home)
        mode = "nested" if isolation == "bubblewrap" else "plain"
        python = [sys.executable, "-I", "-c", BOOT, PACKAGE_PARENT, str(theirs.fileno())]
        sandbox = ["bwrap", *BWRAP_FLAGS, *NESTING_FLAGS, "--"] if mode == "nested" else []
        self.process = subprocess.Popen(
            [*sandbox, *python, mode, ",".join(preload)],
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=self.log,
            pass_fds=(theirs.fileno(),),
            cwd=self.home,
            env=worker_environment("/tmp" if mode == "nested" else self.home),
            start_new_session=True,
        )
        theirs.close()

    def wait_ready(self, timeout: float = READY_SECONDS) -> bool:
        """Whether workers can be forked from this zygote (after it has imported everything)."""
        if self.usable is None:
            self.usable = False
            ready, _, _ = select.select([self.control], [], [], timeout)
            try:
                said = json.loads(self.control.recv(65536)) if ready else {}
            except (OSError, ValueError):
                said = {}
            if not said.get("ready"):
                self.why_not = said.get("error") or "it did not start: " + self.log_tail()
            elif said.get("threads") != 1:
                self.why_not = f"it runs {said.get('threads')} threads; forking is unsafe"
            elif self.isolation == "bubblewrap" and not said.get("nested"):
                self.why_not = f"workers cannot be kept apart in it: {said.get('why_not')}"
            else:
                self.nested = bool(said.get("nested"))
                self.usable = True
        return self.usable

    def log_tail(self) -> str:
        self.log.seek(0)
        lines = self.log.read()[-2000:].decode(errors="replace").strip().splitlines()
        return lines[-1][:300] if lines else "no output"

    def close(self) -> None:
        if os.getpid() != self.owner:
            return
        self.control.close()
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()
        self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)


class ForkedWorker(_Channel):
    """One worker forked by a zygote. Not reusable after ``kill``."""

    def __init__(self, zygote: Zygote, limits: Limits):
        self.limits = limits
        self.isolation = zygote.isolation
        self.pid = 0
        self.pidfd: int | None = None
        self.pids: PidsGroup | None = None
        self._closed = False
        self.scratch = None if zygote.nested else tempfile.mkdtemp(prefix="autograder-worker-")
        request_r, self.request_w = os.pipe()
        self.reply, reply_theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self.reply.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)  # before it can send
        self.reply_r = self.reply.fileno()
        out_r, out_w = os.pipe()
        err_r, err_w = os.pipe()
        self.status_r, status_w = os.pipe()
        theirs = [request_r, reply_theirs.fileno(), out_w, err_w, status_w]
        assert len(theirs) == FDS_PER_WORKER
        header = {
            "op": "fork",
            "home": self.scratch,
            "limits": {
                "memory_mb": limits.memory_mb,
                "cpu_seconds": limits.cpu_seconds,
                "nproc": nproc_limit(limits.processes),
            },
        }
        cap = limits.output_kb * 1024
        self.stdout = _CappedOutput(open(out_r, "rb"), cap)
        self.stderr = _CappedOutput(open(err_r, "rb"), cap)
        try:
            socket.send_fds(zygote.control, [json.dumps(header).encode()], theirs)
        except OSError as exc:
            self.kill()
            raise ZygoteUnavailable(f"the zygote does not take requests: {exc}") from None
        finally:
            for fd in (request_r, out_w, err_w, status_w):
                os.close(fd)
            reply_theirs.close()
        try:
            self.pid = pid = self._hello(time.monotonic() + HELLO_SECONDS)
            self.pidfd = os.pidfd_open(pid)
        except (ZygoteUnavailable, OSError) as exc:
            self.kill()
            raise ZygoteUnavailable(f"no worker from the zygote: {exc}") from None
        # Root is not bound by RLIMIT_NPROC: its workers get a pids cgroup where one can be made.
        # The worker is waiting for its first request, so nothing of it is outside the group yet.
        self.pids = PidsGroup.create(limits.processes) if os.geteuid() == 0 else None
        if self.pids is not None and not self.pids.add(pid):
            self.kill()
            raise ZygoteUnavailable("the worker could not be put in its pids cgroup")

    def _hello(self, deadline: float) -> int:
        """The worker's PID as this process sees it, from the kernel's credentials."""
        got, pid = b"", None
        while len(got) < len(HELLO):
            self._wait(self.reply_r, "read", deadline)
            data, ancillary, _, _ = self.reply.recvmsg(
                len(HELLO) - len(got), socket.CMSG_SPACE(_UCRED.size)
            )
            if not data:
                raise ZygoteUnavailable(f"the worker ended at start: {self.stderr.text()[-300:]}")
            for level, kind, payload in ancillary:
                if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS and pid is None:
                    pid = _UCRED.unpack(payload[: _UCRED.size])[0]
            got += data
        if got != HELLO or not pid:
            raise ZygoteUnavailable("the worker's first message was not its hello")
        return pid

    @property
    def priority_handle(self) -> int:
        return self.pid if self.pidfd is not None and not self._closed else 0

    def restore_priority(self) -> bool:
        if self._closed or not self._alive():
            return True
        try:
            if (autogroup_nice(self.pid) or 0) > 0 and not set_autogroup_nice(self.pid, 0):
                return False  # only root may lower a nice value again
            if os.getpriority(os.PRIO_PROCESS, self.pid) <= 0:
                return True
            os.setpriority(os.PRIO_PGRP, self.pid, 0)
        except PermissionError:  # only root may lower a nice value again
            return False
        except OSError:
            pass
        return True

    def _alive(self) -> bool:
        return not select.select([self.pidfd], [], [], 0)[0]  # readable once it has exited

    def _exit_code(self, timeout: float) -> int | None:
        ready, _, _ = select.select([self.status_r], [], [], timeout)
        if not ready:
            return None
        try:
            return int(os.read(self.status_r, 64).strip())
        except (OSError, ValueError):
            return None

    def kill(self) -> None:
        """Kill the worker and everything it started; safe to call more than once."""
        if self.pidfd is not None and not self._closed:
            try:
                # process 1 of its PID namespace: everything in the namespace dies with it
                signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:  # plain processes: the rest of its process group (it leads one)
                os.killpg(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.pids is not None:  # whatever left the process group: setsid, double forks
            self.pids.close()
            self.pids = None
        if not self._closed:
            self._closed = True
            if self.pidfd is not None:
                os.close(self.pidfd)
            os.close(self.request_w)
            os.close(self.status_r)
            self.reply.close()
        for output in (self.stdout, self.stderr):
            output.thread.join(timeout=1)
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


class Zygotes:
    """The zygotes of one submission, started at once so they warm up while the suites load."""

    def __init__(self, isolation: str, preloads: set[tuple[str, ...]]):
        self.isolation = isolation
        self.zygotes = {preload: Zygote(isolation, preload) for preload in sorted(preloads)}

    @staticmethod
    def preload_for(forbidden: tuple[str, ...]) -> tuple[str, ...]:
        """What a problem's zygote imports: torch only where the problem may use it."""
        return ("numpy",) if "torch" in forbidden else ("numpy", "torch")

    def wait_ready(self, preload: tuple[str, ...] | None = None) -> dict[tuple[str, ...], str]:
        """Wait until the zygote of ``preload`` (default: every one) is ready; why each unusable
        one is not (empty: all good). Call it before forking processes that use the zygote: the
        first call reads the zygote's one "ready" message."""
        chosen = self.zygotes if preload is None else {preload: self.zygotes[preload]}
        return {p: z.why_not for p, z in chosen.items() if not z.wait_ready()}

    def starter(self, forbidden: tuple[str, ...]) -> Callable[[Limits, str], _Channel]:
        zygote = self.zygotes.get(self.preload_for(forbidden))

        def start(limits: Limits, isolation: str) -> _Channel:
            if zygote is not None and zygote.wait_ready():
                try:
                    return ForkedWorker(zygote, limits)
                except ZygoteUnavailable:
                    pass  # a worker in a sandbox of its own: slower, as safe
            return WorkerProcess(limits, isolation)

        return start

    def close(self) -> None:
        for zygote in self.zygotes.values():
            zygote.close()
