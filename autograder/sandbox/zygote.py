"""The pre-warmed parent: imports NumPy, the worker and (where the problems allow it) torch once
per submission, then forks one worker per problem when the grader asks. Runs inside the
sandbox; no student code ever runs in it.

The grader talks to it over a SOCK_SEQPACKET socket. The zygote says once that it is ready
(``{"ready": true, "nested": bool, ...}``), then takes fork requests: a JSON header (the
worker's limits) with five descriptors attached, made by the grader: the worker's request pipe,
its reply socket, its stdout and stderr pipes and a status pipe. Each request makes two
processes:

* the *reporter*, which stays where the zygote is, waits for the worker and writes its exit
  code (``-N`` for signal N) to the status pipe;
* the *worker*, which in ``nested`` mode is process 1 of its own PID namespace, with its own
  mount namespace, a fresh ``/tmp`` and a ``/proc`` that shows only its own processes: it cannot
  signal, trace or read another problem's worker, and when it is killed everything it started
  dies with it. It then drops every capability, sets its resource limits, says hello on its reply
  socket (the grader learns its PID from the kernel's credentials on that message, not from the
  worker) and serves requests like a worker started on its own.

``nested`` needs bubblewrap to leave the zygote CAP_SYS_ADMIN inside its user namespace; the
zygote tries it once at start and reports the answer. Without it (plain-process isolation),
workers are forked without new namespaces. The grader does not use a zygote that runs under
bubblewrap but cannot nest: one sandbox per worker is then the only way to keep workers apart.

This module must stay importable with the standard library and NumPy only.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import signal
import socket
import sys
import tempfile

from autograder.sandbox.worker import Worker

HELLO = b"autograder-hi!\n"  # what a worker sends first, so that the grader can see who it is
FDS_PER_WORKER = 5  # request, reply, stdout, stderr, status

_CLONE_NEWNS = 0x00020000
_CLONE_NEWPID = 0x20000000
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_NOEXEC, _MS_REMOUNT, _MS_BIND = 1, 2, 4, 8, 32, 4096
_MS_REC, _MS_PRIVATE = 1 << 14, 1 << 18
_PR_CAPBSET_DROP, _PR_SET_NO_NEW_PRIVS, _PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL = 24, 38, 47, 4
_CAP_VERSION_3 = 0x20080522


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint32) for name in ("effective", "permitted", "inheritable")]


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _ok(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def _enter_own_namespaces(libc) -> None:
    """In the process that is about to fork the worker: its children get a new PID namespace,
    and it gets a mount namespace of its own to hand down."""
    _ok(libc.unshare(_CLONE_NEWPID | _CLONE_NEWNS), "unshare")


def _kept_under_tmp() -> list[str]:
    """The interpreter and this package, where they live under /tmp (a checkout in /tmp, as on
    CI): the worker's fresh /tmp must not hide them."""
    package_parent = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    kept: list[str] = []
    for path in sorted(
        {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, package_parent)}
    ):
        inside = path == "/tmp" or path.startswith("/tmp/")
        if inside and not any(path == k or path.startswith(k + "/") for k in kept):
            kept.append(path)
    return kept


def _private_mounts(libc) -> None:
    """In the worker (process 1 of the new namespace): its own /tmp and /proc, then no way back."""
    _ok(libc.mount(b"none", b"/", None, _MS_REC | _MS_PRIVATE, None), "make mounts private")
    kept = [(path, os.open(path, os.O_PATH | os.O_DIRECTORY)) for path in _kept_under_tmp()]
    flags = _MS_NOSUID | _MS_NODEV
    _ok(libc.mount(b"tmpfs", b"/tmp", b"tmpfs", flags, b"size=256m,mode=1777"), "mount /tmp")
    for path, fd in kept:  # put them back, read-only, from the view before the new /tmp
        os.makedirs(path, exist_ok=True)
        source, target = f"/proc/self/fd/{fd}".encode(), path.encode()
        _ok(libc.mount(source, target, None, _MS_BIND | _MS_REC, None), f"keep {path}")
        readonly = _MS_REMOUNT | _MS_BIND | _MS_RDONLY | flags
        _ok(libc.mount(None, target, None, readonly, None), f"make {path} read-only")
        os.close(fd)
    _ok(libc.mount(b"proc", b"/proc", b"proc", flags | _MS_NOEXEC, None), "mount /proc")


def _drop_capabilities(libc) -> None:
    """No capability left, none to regain by exec: student code runs as a plain user."""
    last = int(open("/proc/sys/kernel/cap_last_cap").read())
    for cap in range(last + 1):
        _ok(libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0), "drop bounding capability")
    _ok(libc.prctl(_PR_CAP_AMBIENT, _PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), "clear ambient")
    header = _CapHeader(_CAP_VERSION_3, 0)
    data = (_CapData * 2)()
    _ok(libc.capset(ctypes.byref(header), data), "capset")
    _ok(libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    status = dict(
        line.split(":", 1) for line in open("/proc/self/status").read().splitlines() if ":" in line
    )
    left = [k for k in ("CapEff", "CapPrm", "CapBnd", "CapAmb") if int(status[k], 16)]
    if left:
        raise OSError(f"capabilities left after dropping them: {', '.join(left)}")


def _set_limits(limits: dict) -> None:
    memory = limits["memory_mb"] * 2**20
    cpu = limits["cpu_seconds"]
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))  # SIGXCPU, then SIGKILL
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 2**20, 64 * 2**20))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if limits.get("nproc") is not None:
        resource.setrlimit(resource.RLIMIT_NPROC, (limits["nproc"], limits["nproc"]))


class Zygote:
    def __init__(self, control: socket.socket, nested: bool):
        self.control = control
        self.nested = nested
        self.libc = _libc()

    # ------------------------------------------------------------------ start-up

    def nesting_works(self) -> str:
        """ "" when a worker can be given its own namespaces here, else why not."""
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(reader)
            try:
                _enter_own_namespaces(self.libc)
                inner = os.fork()
                if inner == 0:
                    try:
                        _private_mounts(self.libc)
                        _drop_capabilities(self.libc)
                    except OSError as exc:
                        os.write(writer, str(exc).encode()[:500])
                        os._exit(1)
                    os._exit(0)
                _, status = os.waitpid(inner, 0)
                os._exit(os.waitstatus_to_exitcode(status))
            except BaseException as exc:
                os.write(writer, str(exc).encode()[:500])
                os._exit(1)
        os.close(writer)
        with os.fdopen(reader, "rb") as said:
            reason = said.read().decode(errors="replace")
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        return "" if code == 0 else reason or f"the test worker exited with {code}"

    # ------------------------------------------------------------------ serving

    def serve(self) -> None:
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # reporters are reaped by the kernel
        while True:
            try:
                message, fds, _, _ = socket.recv_fds(self.control, 65536, FDS_PER_WORKER)
            except OSError:
                return
            if not message:  # every grader process has closed its end
                return
            if len(fds) != FDS_PER_WORKER:
                for fd in fds:
                    os.close(fd)
                continue
            try:
                request = json.loads(message)
            except ValueError:
                request = None
            if isinstance(request, dict) and request.get("op") == "fork":
                sys.stdout.flush()
                sys.stderr.flush()
                if os.fork() == 0:
                    self._reporter(request, fds)  # never returns
            for fd in fds:
                os.close(fd)

    def _reporter(self, request: dict, fds: list[int]) -> None:
        """The forked child: make the worker, wait for it, report how it ended."""
        request_fd, reply_fd, stdout_fd, stderr_fd, status_fd = fds
        code = 70  # EX_SOFTWARE: the worker could not be set up
        try:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            self.control.close()
            if self.nested:
                _enter_own_namespaces(self.libc)
            worker = os.fork()
            if worker == 0:
                os.close(status_fd)
                self._worker(request, request_fd, reply_fd, stdout_fd, stderr_fd)  # no return
            for fd in (request_fd, reply_fd, stdout_fd, stderr_fd):
                os.close(fd)
            _, status = os.waitpid(worker, 0)
            code = os.waitstatus_to_exitcode(status)
        except BaseException as exc:
            print(f"zygote: could not start a worker: {exc}", file=sys.stderr, flush=True)
        try:
            os.write(status_fd, f"{code}\n".encode())
        finally:
            os._exit(0)

    def _worker(self, request: dict, request_fd, reply_fd, stdout_fd, stderr_fd) -> None:
        try:
            if self.nested:
                _private_mounts(self.libc)
                _drop_capabilities(self.libc)
            os.setsid()  # its own process group: killed as one
            os.dup2(stdout_fd, 1)
            os.dup2(stderr_fd, 2)
            os.close(stdout_fd)
            os.close(stderr_fd)
            home = request.get("home") or "/tmp"
            os.chdir(home)
            os.environ.update(HOME=home, TMPDIR=home)
            tempfile.tempdir = None  # a library may have asked for it in the zygote already
            _set_limits(request["limits"])
            os.write(reply_fd, HELLO)
        except BaseException as exc:
            print(f"zygote: could not prepare a worker: {exc}", file=sys.__stderr__, flush=True)
            os._exit(71)
        try:
            Worker(request_fd, reply_fd).serve()
        finally:
            os._exit(0)


def _preload(modules: list[str]) -> None:
    """Import what the problems will import, so that no worker pays for it again."""
    for name in modules:
        __import__(name)
    if "torch" in modules:
        import torch

        torch.set_num_threads(1)
        # First uses are slow (dispatch tables; an optimizer's first step imports torch._dynamo,
        # 2 s of CPU): pay them once here, not in every worker that trains a model.
        model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2))
        for optimizer in (torch.optim.AdamW, torch.optim.SGD):
            step = optimizer(model.parameters(), lr=1e-3)
            logits = model(torch.ones(5, 4))
            torch.nn.functional.cross_entropy(logits, torch.zeros(5, dtype=torch.long)).backward()
            step.step()


def main(argv: list[str]) -> None:
    control_fd, nested, preload = int(argv[0]), argv[1] == "nested", argv[2]
    control = socket.socket(fileno=control_fd)
    zygote = Zygote(control, nested)
    ready = {"ready": True, "nested": False, "why_not": "", "threads": 0}
    try:
        _preload([name for name in preload.split(",") if name])
        if nested:
            ready["why_not"] = zygote.nesting_works()
            ready["nested"] = zygote.nested = not ready["why_not"]
        ready["threads"] = threading_count()
    except BaseException as exc:
        ready = {"ready": False, "error": f"{type(exc).__name__}: {exc}"[:500]}
    control.send(json.dumps(ready).encode())
    if ready.get("ready"):
        zygote.serve()


def threading_count() -> int:
    """Threads of this process: forking is only safe while there is one."""
    for line in open("/proc/self/status"):
        if line.startswith("Threads:"):
            return int(line.split()[1])
    return 0


if __name__ == "__main__":
    main(sys.argv[1:])
