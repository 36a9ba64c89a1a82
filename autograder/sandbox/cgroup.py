"""A pids cgroup for each worker, where this machine lets the grader make one.

RLIMIT_NPROC does not bind root, and a process that calls setsid() leaves its process group, so
neither ``prlimit --nproc`` nor ``killpg`` holds a worker run as root in a plain process. A
cgroup does both: ``pids.max`` caps the tasks (processes and threads) the worker may have at
once, and ``cgroup.procs`` lists every one of them, however detached, to kill at the end. The
worker joins the group before anything of it runs: its command starts with a shell that writes
its own PID into the group and then execs the rest.

Only a writable cgroup v1 ``pids`` hierarchy is used (as on the development machines, where the
grader runs as root). Under cgroup v2 a child group needs a delegated subtree, which a plain
runner does not have; there ``prlimit --nproc`` (the grader is not root) and bubblewrap's PID
namespace do the same work.
"""

from __future__ import annotations

import itertools
import os
import signal
import time
from pathlib import Path

_counter = itertools.count()
JOIN = 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"'


def _pids_hierarchy() -> Path | None:
    """The folder of this process's cgroup in a writable v1 pids hierarchy, if there is one."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return None
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if "pids" in controllers.split(","):
            folder = Path("/sys/fs/cgroup/pids") / path.lstrip("/")
            if (folder / "cgroup.procs").is_file() and os.access(folder, os.W_OK):
                return folder
    return None


class PidsGroup:
    """One worker's cgroup: created with a cap, joined by the worker's command, emptied by
    SIGKILL and removed by ``close``."""

    def __init__(self, path: Path):
        self.path = path

    @classmethod
    def create(cls, max_tasks: int) -> PidsGroup | None:
        parent = _pids_hierarchy()
        if parent is None:
            return None
        path = parent / f"autograder-{os.getpid()}-{next(_counter)}"
        try:
            path.mkdir()
            (path / "pids.max").write_text(f"{max_tasks}\n")
        except OSError:
            try:
                path.rmdir()
            except OSError:
                pass
            return None
        return cls(path)

    def wrap(self, command: list[str]) -> list[str]:
        """``command``, run from inside the group."""
        return ["/bin/sh", "-c", JOIN, "sh", str(self.path), *command]

    def add(self, pid: int) -> bool:
        """Move the process ``pid`` into the group (its later children are born in it)."""
        try:
            (self.path / "cgroup.procs").write_text(f"{pid}\n")
        except OSError:
            return False
        return True

    def members(self) -> list[int]:
        try:
            return [int(pid) for pid in (self.path / "cgroup.procs").read_text().split()]
        except (OSError, ValueError):
            return []

    def close(self) -> None:
        """SIGKILL everything in the group until it is empty, then remove it."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            members = self.members()
            if not members:
                break
            for pid in members:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.01)
        for _ in range(100):  # the last members may take a moment to leave
            try:
                self.path.rmdir()
                return
            except FileNotFoundError:
                return
            except OSError:
                time.sleep(0.02)
