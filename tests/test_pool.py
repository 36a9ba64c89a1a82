"""Workers forked from a zygote keep every guarantee of a worker started on its own: limits,
a kill that reaches everything it started, and (under bubblewrap) nothing shared with another
problem's worker: no signals, no /proc view, no /tmp. A dead zygote costs speed only.

Each test forks workers from zygotes it starts itself and talks to them with the worker protocol,
as ``StudentCode`` does.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from autograder.sandbox import protocol
from autograder.sandbox.launch import Limits, WorkerDied, WorkerProcess, detect_isolation
from autograder.sandbox.pool import ForkedWorker, Zygotes

LIMITS = Limits(
    wall_seconds=60, call_seconds=20, memory_mb=2048, cpu_seconds=30, output_kb=16, processes=16
)
MARKER = "271.828"  # in the command line of what a worker leaves running
CODE = f"""
import ctypes, os, resource, subprocess, sys, time

def facts():
    status = dict(l.split(":", 1) for l in open("/proc/self/status").read().splitlines())
    return {{
        "pid": os.getpid(),
        "visible": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
        "tmp": sorted(os.listdir("/tmp")),
        "caps": [status[k].strip() for k in ("CapEff", "CapPrm", "CapBnd", "CapAmb")],
        "no_new_privs": status["NoNewPrivs"].strip(),
        "as": resource.getrlimit(resource.RLIMIT_AS)[0],
        "cpu": resource.getrlimit(resource.RLIMIT_CPU)[0],
        "torch_loaded": "torch" in sys.modules,
    }}

def plant(name):
    open(os.path.join("/tmp", name), "w").write("planted")
    return sorted(os.listdir("/tmp"))

def kill_everyone():
    try:
        os.kill(-1, 9)  # every process this one may signal, but itself
    except ProcessLookupError:
        return "nobody else here"
    return "killed some"

def leave_a_daemon():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execvp("sleep", ["sleep", "{MARKER}"])
        os._exit(0)
    return "left"

def exit_with(code):
    os._exit(code)

def segfault():
    ctypes.string_at(0)

def use_torch():
    import torch
    return float(torch.ones(3).sum())
"""


def load(worker, forbidden=()):
    header = {
        "op": "load", "cells": [["", CODE]], "filename": "code.py", "module": "code",
        "forbidden": list(forbidden), "problem": "p_pool",
    }  # fmt: skip
    reply, _ = worker.request(header, [], 30)
    assert reply["ok"], reply
    return worker


def call(worker, name, *args):
    blobs: list[bytes] = []
    header = {
        "op": "call",
        "name": name,
        "args": protocol.encode_value(args, blobs),
        "kwargs": protocol.encode_value({}, blobs),
    }
    reply, reply_blobs = worker.request(header, blobs, 30)
    if not reply.get("ok"):
        return reply
    return protocol.decode_value(reply["value"], reply_blobs)


def leftovers() -> list[str]:
    found = subprocess.run(["pgrep", "-af", MARKER], capture_output=True, text=True)
    return [line for line in found.stdout.splitlines() if "pgrep" not in line]


def running_zygotes(isolation: str):
    if isolation == "bubblewrap":
        assert detect_isolation() == "bubblewrap", "bubblewrap cannot start here"
    pool = Zygotes(isolation, {("numpy", "torch"), ("numpy",)})
    assert pool.wait_ready() == {}, "a zygote could not start or cannot keep workers apart"
    yield pool
    pool.close()


@pytest.fixture(scope="module", params=["bubblewrap", "process"])
def zygotes(request):
    yield from running_zygotes(request.param)


@pytest.fixture(scope="module")
def sandboxed_zygotes():
    """Under bubblewrap only: a plain process shares the machine (docs/threat-model.md)."""
    yield from running_zygotes("bubblewrap")


def start(zygotes, forbidden=()):
    worker = zygotes.starter(tuple(forbidden))(LIMITS, zygotes.isolation)
    assert isinstance(worker, ForkedWorker), "the worker did not come from the zygote"
    return load(worker, forbidden)


def test_a_forked_worker_gets_the_limits_of_its_problem(zygotes):
    worker = start(zygotes)
    try:
        facts = call(worker, "facts")
        assert facts["as"] == LIMITS.memory_mb * 2**20
        assert facts["cpu"] == LIMITS.cpu_seconds
        assert facts["torch_loaded"], "the zygote was to import torch for this problem"
    finally:
        worker.kill()


def test_under_bubblewrap_a_worker_is_alone_in_its_namespaces(sandboxed_zygotes):
    first, second = start(sandboxed_zygotes), start(sandboxed_zygotes)
    try:
        facts = call(first, "facts")
        assert facts["pid"] == 1 and facts["visible"] == [1], facts
        assert facts["caps"] == ["0000000000000000"] * 4 and facts["no_new_privs"] == "1", facts
        assert "from-first" in call(first, "plant", "from-first")
        assert "from-first" not in call(second, "facts")["tmp"], "it sees the first's /tmp"
        assert call(first, "kill_everyone") == "nobody else here"
        assert call(second, "facts")["pid"] == 1, "kill(-1) in one worker reached another"
    finally:
        first.kill()
        second.kill()


def test_the_grader_knows_the_worker_by_its_real_pid(zygotes):
    worker = start(zygotes)
    try:
        status = open(f"/proc/{worker.pid}/status").read()
        nspids = next(line for line in status.splitlines() if line.startswith("NSpid:")).split()
        assert int(nspids[1]) == worker.pid  # as this process sees it
        if zygotes.isolation == "bubblewrap":
            assert nspids[-1] == "1"  # process 1 of its own namespace
        if os.geteuid() == 0 and worker.pids is not None:
            assert worker.pid in worker.pids.members()
    finally:
        worker.kill()


def test_killing_a_worker_ends_what_it_left_running(zygotes):
    worker = start(zygotes)
    assert call(worker, "leave_a_daemon") == "left"
    deadline = time.monotonic() + 10
    while not leftovers() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftovers(), "the daemon did not start: the test proves nothing"
    worker.kill()
    deadline = time.monotonic() + 10
    while leftovers() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftovers() == []


@pytest.mark.parametrize(
    "name, args, said",
    [
        ("exit_with", (3,), "exited with code 3"),
        ("segfault", (), "killed by SIGSEGV (crashed)"),
    ],
)
def test_a_worker_that_dies_says_how(zygotes, name, args, said):
    worker = start(zygotes)
    with pytest.raises(WorkerDied, match=said.replace("(", r"\(").replace(")", r"\)")):
        call(worker, name, *args)


def test_a_problem_that_forbids_torch_gets_a_zygote_without_it(zygotes):
    worker = start(zygotes, forbidden=("torch",))
    try:
        assert call(worker, "facts")["torch_loaded"] is False
        refused = call(worker, "use_torch")
        assert refused["error"]["type"] == "ImportError"
        assert "grading.yml forbids torch" in refused["error"]["message"]
    finally:
        worker.kill()


def test_a_dead_zygote_costs_speed_not_points(zygotes):
    pool = Zygotes(zygotes.isolation, {("numpy",)})
    try:
        assert pool.wait_ready() == {}
        os.killpg(pool.zygotes[("numpy",)].process.pid, signal.SIGKILL)
        pool.zygotes[("numpy",)].process.wait()
        worker = load(pool.starter(("torch",))(LIMITS, zygotes.isolation), ("torch",))
        try:
            assert isinstance(worker, WorkerProcess)  # a sandbox of its own, as before zygotes
            assert call(worker, "facts")["torch_loaded"] is False
        finally:
            worker.kill()
    finally:
        pool.close()
