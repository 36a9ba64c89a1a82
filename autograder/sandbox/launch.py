"""Start a worker process with limits applied from outside, and talk to it with deadlines.

Limits: address space, CPU seconds, file size and core dumps by ``prlimit`` before the worker's
Python starts (the student cannot have run yet); wall clock by the deadline on every request, after
which the whole process group is killed. Where ``bwrap`` works, the worker also gets a read-only
view of the filesystem, its own ``/tmp``, no network and its own PID namespace
(``isolation = "bubblewrap"``); otherwise a plain process in a scratch directory (``"process"``).
"""

from __future__ import annotations

import functools
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from autograder.sandbox import protocol
from autograder.sandbox.cgroup import PidsGroup

PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])
BWRAP_FLAGS = [
    "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
    # the interpreter and this package stay visible even when they live under /tmp
    *(arg for path in sorted({sys.prefix, sys.base_prefix, PACKAGE_PARENT})
      for arg in ("--ro-bind", path, path)),
    "--unshare-net", "--unshare-pid", "--die-with-parent", "--new-session", "--chdir", "/tmp",
    # bubblewrap 0.9 (Ubuntu 24.04) creates no user namespace by itself when run unprivileged
    *(["--unshare-user"] if os.geteuid() != 0 else []),
]  # fmt: skip
# -I: ignore PYTHON* variables and the user's site-packages; the grader's package is put first.
BOOT = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from autograder.sandbox.worker import main; main(sys.argv[2:])"
)


@dataclass(frozen=True)
class Limits:
    """Resource limits for one problem's worker (grading.yml ``limits``)."""

    wall_seconds: float  # all requests of the problem together: load and every call
    call_seconds: float  # one request
    memory_mb: int  # address space
    cpu_seconds: int  # CPU time of one worker process
    output_kb: int  # what is kept of the student's stdout and stderr
    processes: int  # processes and threads the worker may run at once


class WorkerTimeout(Exception):
    """A request did not finish within its deadline; the worker has been killed."""


class WorkerDied(Exception):
    """The worker exited or closed its channel while a request was pending."""


@functools.lru_cache(maxsize=1)
def detect_isolation() -> str:
    """``"bubblewrap"`` when bwrap can start a sandbox here, else ``"process"``.

    ``AUTOGRADER_ISOLATION=process`` forces the plain process (for tests of that path).
    """
    if os.environ.get("AUTOGRADER_ISOLATION") == "process" or shutil.which("bwrap") is None:
        return "process"
    try:
        probe = subprocess.run(
            ["bwrap", *BWRAP_FLAGS, "--", sys.executable, "-c", "pass"],
            capture_output=True,
            timeout=20,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "process"
    return "bubblewrap" if probe.returncode == 0 else "process"


def _tasks_of_user(uid: int) -> int:
    """How many tasks (threads included) the user ``uid`` has now, from /proc."""
    count = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if int(fields.get("Uid", "-1").split()[0]) == uid:
            count += int(fields.get("Threads", "1"))
    return count


def nproc_limit(processes: int) -> int | None:
    """The RLIMIT_NPROC that lets a worker run ``processes`` more tasks than the user runs now
    (the limit counts every task of the user, the grader's own included); None for root, whom it
    does not bind (see PidsGroup)."""
    uid = os.geteuid()
    return None if uid == 0 else _tasks_of_user(uid) + processes


def worker_environment(home: str) -> dict[str, str]:
    """The whole environment of a worker: nothing of the grader's own leaks in."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": home,
        "TMPDIR": home,
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        # a notebook's own check() cell does nothing while the grader loads the notebook
        "AUTOGRADER_WORKER": "1",
        # one thread each: predictable timings, no oversubscription of the cores
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):  # set on some CPUs for correctness
        if name in os.environ:
            env[name] = os.environ[name]
    return env


class _CappedOutput:
    """Drains one of the worker's output pipes, keeping only the first ``cap`` bytes."""

    def __init__(self, stream, cap: int):
        self.cap = cap
        self.kept = bytearray()
        self.total = 0
        self.thread = threading.Thread(target=self._drain, args=(stream,), daemon=True)
        self.thread.start()

    def _drain(self, stream) -> None:
        for chunk in iter(lambda: stream.read1(65536), b""):
            self.total += len(chunk)
            room = self.cap - len(self.kept)
            if room > 0:
                self.kept += chunk[:room]

    def text(self) -> str:
        text = self.kept.decode("utf-8", "replace")
        if self.total > self.cap:
            text += f"\n[... {self.total - self.cap} more bytes not kept]"
        return text


class _Channel:
    """Requests to a running worker with deadlines, and what to say when it dies. Subclasses
    start the worker, set ``limits``, ``isolation``, ``request_w``, ``reply_r``, ``stdout`` and
    ``stderr``, and know how it ended (``_exit_code``) and how to kill it (``kill``)."""

    limits: Limits
    isolation: str
    request_w: int
    reply_r: int
    stdout: _CappedOutput
    stderr: _CappedOutput

    def request(self, header: dict, blobs: list[bytes], timeout: float) -> tuple[dict, list[bytes]]:
        deadline = time.monotonic() + timeout
        try:
            self._send(header, blobs, deadline)
            return protocol.read_frame(functools.partial(self._read_exact, deadline=deadline))
        except WorkerTimeout:
            self.kill()
            raise
        except (BrokenPipeError, EOFError):
            raise WorkerDied(self._death_reason()) from None

    def _send(self, header: dict, blobs: list[bytes], deadline: float) -> None:
        # A large request to a worker that stopped reading must not block the grader.
        os.set_blocking(self.request_w, False)
        pending = memoryview(protocol.encode_frame(header, blobs))
        while pending:
            self._wait(self.request_w, "write", deadline)
            try:
                pending = pending[os.write(self.request_w, pending) :]
            except BlockingIOError:
                continue

    def _read_exact(self, n: int, deadline: float) -> bytes:
        chunks, remaining = [], n
        while remaining:
            self._wait(self.reply_r, "read", deadline)
            chunk = os.read(self.reply_r, min(remaining, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    @staticmethod
    def _wait(fd: int, mode: str, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise WorkerTimeout
        watch = ([fd], [], []) if mode == "read" else ([], [fd], [])
        ready = select.select(*watch, remaining)
        if not any(ready):
            raise WorkerTimeout

    @property
    def priority_handle(self) -> int:
        """The PID (and process group) by which the scheduler may lower the worker's CPU
        priority while a call of it runs long (see ``parallel``); 0: it may not."""
        return 0

    def restore_priority(self) -> bool:
        """Undo a lowered priority; False when this process may not (then the worker must go)."""
        return True

    def _death_reason(self) -> str:
        code = self._exit_code(timeout=5)
        self.kill()
        if code is None:
            return "the worker closed its channel and stopped answering"
        said = self.stderr.text().strip().splitlines()
        last_words = f"; its last output: {said[-1][:200]}" if said else ""
        return self._exit_text(code) + last_words

    def _exit_code(self, timeout: float) -> int | None:
        """How the worker ended (``-N``: killed by signal N), or None if it is still running."""
        raise NotImplementedError

    def kill(self) -> None:
        raise NotImplementedError

    def _exit_text(self, code: int) -> str:
        signum = -code if code < 0 else 0
        if signum:
            try:
                name = signal.Signals(signum).name
            except ValueError:
                name = f"signal {signum}"
            hint = {
                "SIGKILL": " (killed: memory or CPU limit?)",
                "SIGXCPU": f" (CPU limit of {self.limits.cpu_seconds} s)",
                "SIGSEGV": " (crashed)",
            }.get(name, "")
            return f"the worker was killed by {name}{hint}"
        return f"the worker exited with code {code} (sys.exit or os._exit in your code?)"


class WorkerProcess(_Channel):
    """One running worker in a sandbox of its own. Not reusable after ``kill``."""

    def __init__(self, limits: Limits, isolation: str):
        self.limits = limits
        self.isolation = isolation
        self.scratch = tempfile.mkdtemp(prefix="autograder-worker-")
        request_r, self.request_w = os.pipe()
        self.reply_r, reply_w = os.pipe()
        python = [sys.executable, "-I", "-c", BOOT, PACKAGE_PARENT, str(request_r), str(reply_w)]
        command = [*self._prlimit(), *self._bwrap(), *python]
        # Root is not bound by RLIMIT_NPROC: its workers get a pids cgroup where one can be made.
        self.pids = PidsGroup.create(limits.processes) if os.geteuid() == 0 else None
        if self.pids is not None:
            command = self.pids.wrap(command)
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            pass_fds=(request_r, reply_w),
            cwd=self.scratch,
            env=self._environment(),
            start_new_session=True,  # its own process group: killed as one
        )
        os.close(request_r)
        os.close(reply_w)
        self._closed = False
        cap = limits.output_kb * 1024
        self.stdout = _CappedOutput(self.process.stdout, cap)
        self.stderr = _CappedOutput(self.process.stderr, cap)

    def _prlimit(self) -> list[str]:
        if shutil.which("prlimit") is None:
            raise RuntimeError("the grader needs `prlimit` (util-linux) to limit workers")
        cpu = self.limits.cpu_seconds
        return [
            "prlimit",
            f"--as={self.limits.memory_mb * 2**20}",
            f"--cpu={cpu}:{cpu + 1}",  # SIGXCPU at the soft limit, SIGKILL a second later
            f"--fsize={64 * 2**20}",
            "--core=0",
            *self._nproc(),
            "--",
        ]

    def _nproc(self) -> list[str]:
        limit = nproc_limit(self.limits.processes)
        return [] if limit is None else [f"--nproc={limit}"]

    def _bwrap(self) -> list[str]:
        if self.isolation != "bubblewrap":
            return []
        return ["bwrap", *BWRAP_FLAGS, "--"]

    def _environment(self) -> dict[str, str]:
        return worker_environment("/tmp" if self.isolation == "bubblewrap" else self.scratch)

    def _exit_code(self, timeout: float) -> int | None:
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        # bwrap reports a child killed by signal N as exit status 128 + N
        return 128 - code if self.isolation == "bubblewrap" and code > 128 else code

    def kill(self) -> None:
        """Kill the worker and everything it started; safe to call more than once."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        if self.pids is not None:  # whatever left the process group: setsid, double forks
            self.pids.close()
        if not self._closed:
            self._closed = True
            os.close(self.request_w)
            os.close(self.reply_r)
        for output in (self.stdout, self.stderr):
            output.thread.join(timeout=1)
        shutil.rmtree(self.scratch, ignore_errors=True)
