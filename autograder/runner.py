"""Run the problems' pytest suites in trusted processes against workers holding student code.

``run_problems``: read and check every submission (``load``: no student code runs), start the
submission's zygotes (``sandbox.pool``: they import NumPy and torch once while this process
imports the suites), then one pytest session here collects (imports) every suite and its test
loop grades the problems side by side: one forked trusted process per problem (``parallel``)
runs that problem's collected tests, with a plugin that provides the ``student`` fixture and
records each test's outcome by function name. Parametrized cases of one test function pass
together or not at all; the first failing case gives the message. A problem graded with its
hidden suite has two suites; they share its ``StudentCode`` (a fresh worker for the second).

``run_code`` runs the same suites in this process against a ``StudentCode`` made elsewhere:
``check()`` in a notebook passes one whose calls run in the notebook's own process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from autograder.load import Submission, forbidden_imports, load_submission
from autograder.parallel import Pacer, run_forked, usable_cores
from autograder.rubric import Problem, RubricError
from autograder.sandbox.pool import Zygotes
from autograder.student import Student, StudentCode, StudentFailure

SUITE_BACKSTOP_SECONDS = 600  # pytest-timeout, for a grader bug; student calls have their own


@dataclass(frozen=True)
class Outcome:
    outcome: str  # passed, failed, error, timeout, not_implemented
    message: str


@dataclass(frozen=True)
class ProblemRun:
    problem_id: str
    status: str  # graded, missing, error
    reason: str = ""  # one line, when the status is not "graded"
    outcomes: dict[str, Outcome] = field(default_factory=dict)


class GraderBug(Exception):
    """A suite crashed on its own: a bug in the grader, not in the submission."""


Progress = Callable[[int, int, list[str]], None]  # (problems done, all of them, running now)


def run_problems(
    problems: tuple[Problem, ...],
    root: Path,
    isolation: str,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> dict[str, ProblemRun]:
    """Grade every problem of the submission in ``root``; ``jobs`` problems at a time (default:
    one per usable core)."""
    runs: dict[str, ProblemRun] = {}
    ready: dict[str, tuple[Problem, Submission]] = {}
    for problem in problems:
        prepared = _prepare(problem, root)
        if isinstance(prepared, ProblemRun):
            runs[problem.id] = prepared
        else:
            ready[problem.id] = (problem, prepared)
    if ready:
        preloads = {_preload(problem) for problem, _ in ready.values()}
        zygotes = Zygotes(isolation, preloads)
        try:
            answers = _grade_side_by_side(
                ready, isolation, zygotes, jobs or usable_cores(), progress, len(problems)
            )
        finally:
            zygotes.close()
        for pid in ready:
            runs[pid] = _run_from_answer(pid, answers[pid])
    return {p.id: runs[p.id] for p in problems}


def _preload(problem: Problem) -> tuple[str, ...]:
    return Zygotes.preload_for(problem.forbidden_imports)


def run_code(problem: Problem, code: StudentCode) -> ProblemRun:
    """Run ``problem``'s suites against ``code``, however it runs the student's functions."""
    try:
        return _run_suites([(problem, code)])[problem.id]
    finally:
        code.close()


def _prepare(problem: Problem, root: Path) -> ProblemRun | Submission:
    """Read and check the submission; no student code runs here."""
    submission = load_submission(root, problem.assignment, problem.id)
    if submission.status != "ok":
        return ProblemRun(problem.id, submission.status, submission.reason)
    found = forbidden_imports(submission, problem.forbidden_imports)
    if found:
        reason = (
            f"{submission.filename}, {found[0]}, which this problem does not allow "
            f"(grading.yml forbids {', '.join(problem.forbidden_imports)} here)"
        )
        return ProblemRun(problem.id, "error", reason)
    return submission


def _run_from_answer(problem_id: str, answer: dict) -> ProblemRun:
    if "rubric_error" in answer:
        raise RubricError(answer["rubric_error"])
    if "crashed" in answer:
        raise GraderBug(f"{problem_id}: {answer['crashed']}")
    outcomes = {test: Outcome(*pair) for test, pair in answer["outcomes"].items()}
    return ProblemRun(problem_id, answer["status"], answer["reason"], outcomes)


def _pytest_args(suites) -> list[str]:
    # --capture=sys: the grading processes are forked inside the session, and fd capturing would
    # have them share one temporary file (and would swallow the progress line written to fd 1).
    return [
        *(str(suite) for suite in suites),
        "-p", "no:cacheprovider", "-p", "no:terminal", "-p", "pytest_timeout", "--capture=sys",
        "--noconftest", "-c", os.devnull, "--rootdir", str(Path(__file__).resolve().parent),
        f"--timeout={SUITE_BACKSTOP_SECONDS}", "-W", "ignore::pytest.PytestAssertRewriteWarning",
    ]  # fmt: skip


def _pytest_main(args: list[str], plugin) -> int:
    # Only the plugins named here: nothing else installed in the environment joins the grading run.
    autoload = os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        return pytest.main(args, plugins=[plugin])
    finally:
        os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
        if autoload is not None:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = autoload


class _CollectionErrors:
    def __init__(self):
        self.collection_errors: list[str] = []  # a suite that does not import: a grader bug

    def pytest_collectreport(self, report) -> None:
        if report.failed:
            last = str(report.longrepr).strip().splitlines()[-1:] or ["?"]
            self.collection_errors.append(f"{report.nodeid}: {last[0][:300]}")


def _run_suites(ready: list[tuple[Problem, StudentCode]]) -> dict[str, ProblemRun]:
    """One pytest session over the suites of ``ready``. A worker starts at its problem's first
    test, after pytest has imported every suite of the session."""
    by_suite = {
        suite.resolve(): (problem, code) for problem, code in ready for suite in problem.suites
    }
    plugin = _GradingPlugin(by_suite)
    exit_code = _pytest_main(_pytest_args(by_suite), plugin)
    if plugin.collection_errors or exit_code not in (
        pytest.ExitCode.OK,
        pytest.ExitCode.TESTS_FAILED,
    ):
        detail = "; ".join(plugin.collection_errors) or f"exit code {exit_code}"
        raise GraderBug(f"pytest could not run the suites: {detail}")
    return {problem.id: _problem_run(problem, code, plugin.outcomes) for problem, code in ready}


def _problem_run(
    problem: Problem, code: StudentCode, by_suite: dict[Path, dict[str, Outcome]]
) -> ProblemRun:
    outcomes = _problem_outcomes(problem, by_suite)
    if code.load_failure is not None:  # the code never loaded: every test failed with it
        return ProblemRun(problem.id, "error", code.load_failure)
    return ProblemRun(problem.id, "graded", "", outcomes)


def _problem_outcomes(
    problem: Problem, by_suite: dict[Path, dict[str, Outcome]]
) -> dict[str, Outcome]:
    """The outcomes of all of a problem's suites, checked against its tests in grading.yml."""
    outcomes: dict[str, Outcome] = {}
    names = ", ".join(suite.name for suite in problem.suites)
    for suite in problem.suites:
        found = by_suite.get(suite.resolve(), {})
        twice = sorted(set(found) & set(outcomes))
        if twice:
            raise RubricError(f"{twice[0]} is defined in more than one suite of {problem.id}")
        outcomes.update(found)
    listed = {t.id for t in problem.tests}
    unlisted = sorted(set(outcomes) - listed)
    if unlisted:
        raise RubricError(
            f"{names}: {unlisted[0]} is not in grading.yml under {problem.id}: "
            "give it a category and points"
        )
    absent = sorted(listed - set(outcomes))
    if absent:
        raise RubricError(
            f"grading.yml lists {absent[0]} for {problem.id}, but {names} has no such test"
        )
    return outcomes


class _GradingPlugin(_CollectionErrors):
    """Provides ``student`` and records one outcome per test function."""

    def __init__(self, by_suite: dict[Path, tuple[Problem, StudentCode]]):
        super().__init__()
        self.by_suite = by_suite
        self.outcomes: dict[Path, dict[str, Outcome]] = {}

    def pytest_configure(self, config) -> None:
        # Outcomes are read from the exception, never from pytest's failure report; its default
        # style re-parses every source file in the traceback at each failure (0.1 s for a P1
        # test that fails: most of grading an unsolved notebook). Native tracebacks are cheap.
        config.option.tbstyle = "native"

    @pytest.fixture
    def student(self, request) -> Student:
        _, code = self.by_suite[Path(request.path).resolve()]
        code.ensure_loaded()
        code.refuse_if_spent()
        return Student(code)

    def pytest_runtest_teardown(self, item, nextitem) -> None:
        """A problem's worker ends with its suite's last test."""
        if nextitem is None or Path(nextitem.path) != Path(item.path):
            _, code = self.by_suite[Path(item.path).resolve()]
            code.close()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = (yield).get_result()
        if call.when == "call" or (report.failed and call.when in ("setup", "teardown")):
            outcome = _classify(report, call)
            self._record(Path(item.path).resolve(), item.originalname, outcome)

    def _record(self, suite: Path, test_id: str, outcome: Outcome) -> None:
        tests = self.outcomes.setdefault(suite, {})
        previous = tests.get(test_id)
        if previous is None or previous.outcome == "passed":
            tests[test_id] = outcome


def _grade_side_by_side(
    ready: dict[str, tuple[Problem, Submission]],
    isolation: str,
    zygotes: Zygotes,
    jobs: int,
    progress: Progress | None,
    total: int,
) -> dict[str, dict]:
    """One pytest session here imports every suite (before any student code runs: nothing a
    worker does to the files afterwards can change them), then its test loop forks one grading
    process per problem (``parallel.run_forked``), which runs that problem's collected tests and
    answers with plain data. So pytest starts and collects once per submission, not per problem."""
    plugin = _SideBySide(ready, isolation, zygotes, jobs, progress, total)
    suites = sorted({suite.resolve() for problem, _ in ready.values() for suite in problem.suites})
    exit_code = _pytest_main(_pytest_args(suites), plugin)
    if plugin.collection_errors or exit_code != pytest.ExitCode.OK or plugin.answers is None:
        detail = "; ".join(plugin.collection_errors) or f"exit code {exit_code}"
        raise GraderBug(f"pytest could not import the suites: {detail}")
    return plugin.answers


class _SideBySide(_GradingPlugin):
    """The session of ``_grade_side_by_side``: its test loop runs in the forked processes."""

    def __init__(self, ready, isolation, zygotes, jobs, progress, total):
        super().__init__({})  # each grading process fills in its own problem
        self.ready = ready
        self.isolation = isolation
        self.zygotes = zygotes
        self.jobs = jobs
        self.progress = progress
        self.already = total - len(ready)  # problems settled without grading (missing, error)
        self.total = total
        self.answers: dict[str, dict] | None = None

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session) -> bool:
        if self.collection_errors:
            return True  # reported by _grade_side_by_side
        owner = {suite.resolve(): pid for pid, (p, _) in self.ready.items() for suite in p.suites}
        items: dict[str, list] = {pid: [] for pid in self.ready}
        for item in session.items:
            items[owner[Path(item.path).resolve()]].append(item)
        # NumPy's zygote is ready first: its problems go first while torch's warms up
        order = sorted(self.ready, key=lambda pid: "torch" in _preload(self.ready[pid][0]))
        tasks = {pid: self._task(pid, items[pid]) for pid in order}

        def zygote_ready(pid: str) -> None:  # read here, before a child that shares it forks
            self.zygotes.wait_ready(_preload(self.ready[pid][0]))

        torch = sys.modules.get("torch")  # imported by a suite, for its oracles
        if torch is not None:
            # The oracles' tensors are tiny: a second intra-op thread only spins, and takes a
            # core from the other grading processes (p10's replays used 1.9 cores for 1).
            torch.set_num_threads(1)
        self.answers = run_forked(tasks, self.jobs, self._changed, zygote_ready)
        return True

    def _changed(self, finished: list[str], running: list[str]) -> None:
        if self.progress is not None:
            self.progress(self.already + len(finished), self.total, running)

    def _task(self, pid: str, items: list):
        """What one forked process does: run ``pid``'s tests and answer with plain data."""

        def task(pacer: Pacer) -> dict:
            problem, submission = self.ready[pid]
            code = StudentCode(
                submission,
                problem.limits,
                self.isolation,
                problem.forbidden_imports,
                start_worker=self.zygotes.starter(problem.forbidden_imports),
                pacer=pacer,
            )
            self.by_suite = {suite.resolve(): (problem, code) for suite in problem.suites}
            try:
                for item, nextitem in zip(items, [*items[1:], None], strict=True):
                    item.ihook.pytest_runtest_protocol(item=item, nextitem=nextitem)
                run = _problem_run(problem, code, self.outcomes)
            except RubricError as exc:
                return {"rubric_error": str(exc)}
            finally:
                code.close()
            return {
                "status": run.status,
                "reason": run.reason,
                "outcomes": {t: [o.outcome, o.message] for t, o in run.outcomes.items()},
            }

        return task


def _classify(report, call) -> Outcome:
    if report.passed:
        return Outcome("passed", "")
    excinfo = call.excinfo
    if excinfo is None:
        return Outcome("error", "grader error: the test was skipped")
    error = excinfo.value
    if isinstance(error, StudentFailure):
        return Outcome(error.outcome, str(error))
    if isinstance(error, AssertionError):
        return Outcome("failed", _assertion_message(error))
    if isinstance(error, pytest.fail.Exception) and "Timeout" in str(error):
        return Outcome(
            "error", f"grader error: the suite itself ran over {SUITE_BACKSTOP_SECONDS} s"
        )
    text = f"{type(error).__name__}: {error}".splitlines()[0][:300]
    return Outcome("error", f"grader error (not your fault, please report it): {text}")


def _assertion_message(error: AssertionError) -> str:
    """The suite's own message, without pytest's rewritten ``assert ...`` explanation."""
    text = str(error)
    cut = text.find("\nassert ")
    return (text[:cut] if cut >= 0 else text).strip() or "assertion failed"
