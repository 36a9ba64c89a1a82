"""The scheduler that grades problems side by side (``autograder.parallel``): every task runs in
a forked process of its own, a crash is a result, at most ``jobs`` run at a time, and a task
stuck in a slow student call lets the next one start."""

from __future__ import annotations

import os
import subprocess
import time

from autograder.parallel import Pacer, autogroup_nice, run_forked, set_autogroup_nice


def _a_new_session_has_a_group() -> bool:
    """Does this kernel share the CPU between sessions first (sched_autogroup)? Asked of a new
    session, never of this process's own: a process in the session the machine booted with (as
    under a CI runner started by init) shows no group of its own even where every new session
    gets one."""
    probe = subprocess.Popen(["sleep", "60"], start_new_session=True)
    try:
        return autogroup_nice(probe.pid) is not None
    finally:
        probe.kill()
        probe.wait()


AUTOGROUPS = _a_new_session_has_a_group()  # both cases are tested


def test_each_task_runs_in_a_process_of_its_own():
    answers = run_forked({key: lambda pacer: {"pid": os.getpid()} for key in "abc"}, jobs=2)
    assert set(answers) == set("abc")
    pids = {answer["pid"] for answer in answers.values()}
    assert len(pids) == 3 and os.getpid() not in pids


def test_a_task_that_raises_or_exits_is_reported_and_the_others_finish():
    def raises(pacer):
        raise ValueError("a grader bug")

    def exits(pacer):
        os._exit(7)

    answers = run_forked({"raises": raises, "exits": exits, "fine": lambda p: {"ok": 1}}, jobs=2)
    assert answers["fine"] == {"ok": 1}
    assert "ValueError: a grader bug" in answers["raises"]["crashed"]
    assert "in raises" in answers["raises"]["crashed"]  # where: the traceback
    assert answers["exits"] == {
        "crashed": "the grading process exited with code 7 without a result"
    }


def _meet(folder: str, key: str, everyone: int, pacer: Pacer | None, patience=30.0) -> dict:
    """Be present (a file) while waiting, inside a slow student call if ``pacer``, until
    ``everyone`` are present at once, or ``patience`` seconds have passed: only tasks that run
    at the same time can meet."""
    present, met = os.path.join(folder, "present"), os.path.join(folder, "met")
    os.makedirs(present, exist_ok=True)
    mine = os.path.join(present, key)
    open(mine, "w").close()

    def wait() -> bool:
        deadline = time.monotonic() + patience
        while time.monotonic() < deadline:
            if os.path.exists(met):
                return True
            if len(os.listdir(present)) == everyone:
                open(met, "w").close()
                return True
            time.sleep(0.02)
        return False

    try:
        if pacer is None:
            return {"met": wait()}
        with pacer.call(0):
            return {"met": wait()}
    finally:
        os.remove(mine)


def test_a_task_in_a_slow_call_gives_its_core_to_the_next(tmp_path):
    seen = []
    tasks = {k: lambda p, k=k: _meet(str(tmp_path), k, 3, p) for k in "xyz"}
    answers = run_forked(tasks, jobs=1, on_change=lambda done, running: seen.append(running))
    assert all(answer["met"] for answer in answers.values()), answers
    assert max(len(running) for running in seen) == 3


def test_without_slow_calls_no_more_than_jobs_run_at_once(tmp_path):
    seen = []
    tasks = {k: lambda p, k=k: _meet(str(tmp_path), k, 3, None, patience=1.5) for k in "xyz"}
    answers = run_forked(tasks, jobs=2, on_change=lambda done, running: seen.append(running))
    assert max(len(running) for running in seen) == 2
    assert not any(answer["met"] for answer in answers.values())  # never all three at once


def _park_a_sleeper(folder: str, key: str, pacer: Pacer) -> dict:
    """Park on a slow call to a stand-in worker (a sleeping process leading its own group)
    until all three tasks are parked, then report the nice value the parent left it."""
    sleeper = subprocess.Popen(["sleep", "60"], start_new_session=True)
    try:
        with pacer.call(sleeper.pid):
            met = _meet(folder, key, 3, None)["met"]
            deadline = time.monotonic() + 5  # the parent demotes as it hears of each park
            while time.monotonic() < deadline and (
                os.getpriority(os.PRIO_PROCESS, sleeper.pid) == 0
                or autogroup_nice(sleeper.pid) == 0
            ):
                time.sleep(0.05)
        return {
            "met": met,
            "nice": os.getpriority(os.PRIO_PROCESS, sleeper.pid),
            "session_nice": autogroup_nice(sleeper.pid),
        }
    finally:
        sleeper.kill()
        sleeper.wait()


def test_parked_calls_beyond_jobs_run_at_the_lowest_priority(tmp_path):
    tasks = {k: lambda p, k=k: _park_a_sleeper(str(tmp_path), k, p) for k in "xyz"}
    answers = run_forked(tasks, jobs=1)
    assert all(answer["met"] for answer in answers.values()), answers
    assert sorted(answer["nice"] for answer in answers.values()) == [0, 19, 19]
    # and so do their sessions, where the kernel shares the CPU between sessions first
    sessions = [answer["session_nice"] for answer in answers.values()]
    assert sorted(sessions, key=str) == ([0, 19, 19] if AUTOGROUPS else [None] * 3)


def test_each_grading_process_leads_a_session_of_its_own():
    answers = run_forked({k: lambda p: {"sid": os.getsid(0), "pid": os.getpid()} for k in "ab"}, 2)
    assert all(answer["sid"] == answer["pid"] for answer in answers.values())


def test_only_a_session_leaders_group_is_reniced(tmp_path):
    before = autogroup_nice(os.getpid())  # None in the session the machine booted with
    follower = subprocess.Popen(["sleep", "60"])  # in the test's own session
    leader = subprocess.Popen(["sleep", "60"], start_new_session=True)
    try:
        assert not set_autogroup_nice(follower.pid, 19)  # it would renice this very session
        assert autogroup_nice(os.getpid()) == before
        assert set_autogroup_nice(leader.pid, 19) == AUTOGROUPS
        assert autogroup_nice(leader.pid) == (19 if AUTOGROUPS else None)
    finally:
        for process in (follower, leader):
            process.kill()
            process.wait()
    assert autogroup_nice(os.getpid()) == before
