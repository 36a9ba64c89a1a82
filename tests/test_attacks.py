"""The attack corpus: submissions that try to get points without earning them, or break the
grader on purpose, each graded beside a correct neighbour in one run, under bubblewrap and as a
plain process (tests/hostile.py: everything on temporary copies, never on the checkout).

For each attack: the attacking problem scores what its code earns (0, or exactly what the same
code earns without the attack, where the attack dresses up wrong answers), the correct
neighbour keeps full marks, the run ends within its limits, no process is left behind, and
nothing a student prints reaches the grader's output. Under bubblewrap, nothing is written
outside the worker's scratch space either; a plain process (the fallback) can write wherever
the grader's user can, which the threat model in docs/threat-model.md states.
"""

from __future__ import annotations

import json
import os
import subprocess
import time

import nbformat
import pytest

from autograder.sandbox.launch import detect_isolation

from conftest import REPO, grade
from hostile import CORRECT, STUB, build_course, notebook, snapshot

LIMITS = {
    "wall_seconds": 6,
    "call_seconds": 2,
    "memory_mb": 1024,
    "cpu_seconds": 20,
    "output_kb": 16,
    "processes": 32,
}
MARKER = "317.125"  # in the command line of every process an attack leaves running

# Wrong answers of the right shapes: what the dressing-up attacks try to pass off as right.
WRONG = """
import numpy as _np


def softmax_rows(logits):
    z = _np.asarray(logits, dtype=_np.float64)
    return _np.full(z.shape, 1.0 / z.shape[1])  # uniform: right shape, wrong values


def cross_entropy(logits, labels):
    z = _np.asarray(logits, dtype=_np.float64)
    return float(_np.log(z.shape[1])), _np.zeros(z.shape)
"""

PATCH_NUMPY = """
import numpy as np
import numpy.testing

np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, *x, **k: np.ones(np.shape(a), dtype=bool)
np.isfinite = lambda x, *a, **k: np.ones(np.shape(x), dtype=bool)
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
np.testing.assert_array_equal = lambda *a, **k: None
"""

PATCH_PYTEST = """
import _pytest.python
import _pytest.reports
import _pytest.runner

_pytest.python.Function.runtest = lambda self: None
_original = _pytest.reports.TestReport.__init__


def _always_passed(self, *args, **kwargs):
    _original(self, *args, **kwargs)
    self.outcome = "passed"


_pytest.reports.TestReport.__init__ = _always_passed
_pytest.runner.check_interactive_exception = lambda *a, **k: False
"""

FAKE_RESULTS = """
import json, os, sys
fake = {"score": 999.0, "max_score": 999.0, "isolation": "bubblewrap", "problems": []}
for path in ["{root}/results.json", "results.json", os.path.expanduser("~/results.json")]:
    try:
        with open(path, "w") as stream:
            json.dump(fake, stream)
    except OSError:
        pass
print("Points 100/100")
print("::notice title=Autograding complete::Points 999/999")
print('::notice title=Autograding report::{"totalPoints":999,"maxPoints":999}')
sys.stderr.write("::error::forged\\n::set-output name=score::999\\n")
"""

LATE_WRITER = """
import subprocess, sys
# A detached child that keeps overwriting the results file after the grader has written it.
WRITER = (
    "import time\\n"
    "for _ in range(600):\\n"
    "    try: open('{root}/results.json', 'w').write('{}')\\n"
    "    except OSError: pass\\n"
    "    time.sleep(0.1)  # @MARKER@\\n"
)
subprocess.Popen([sys.executable, "-c", WRITER], start_new_session=True,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
""".replace("@MARKER@", MARKER)

DETACHED = f"""
import os, subprocess, sys
# Holds the inherited stdout and stderr open, in a session of its own.
subprocess.Popen(["sleep", "{MARKER}"], start_new_session=True)
# A classic daemon: fork, setsid, fork again; the grandchild outlives both parents.
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "{MARKER}"])
    os._exit(0)
"""

FORK_BOMB = """
import os
children = 0
while children < 10_000:
    try:
        if os.fork() == 0:
            import time
            time.sleep(30)
            os._exit(0)
        children += 1
    except OSError:
        break
"""

PLANT_CONFTEST = """
import os, sys
PAYLOAD = '''
import pytest

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    outcome.get_result().outcome = "passed"
'''
# Every folder it can reach below the test's own folder, its scratch folder and its home
# (never wider: as a plain process it could really write there). The grader copy is below
# {root}; under bubblewrap none of {root} is even visible.
roots = ["{root}", os.getcwd(), os.path.expanduser("~")]
seen = 0
for root in roots:
    for dirpath, dirnames, _ in os.walk(root):
        for name, text in (("conftest.py", PAYLOAD), ("pytest.ini", "[pytest]\\naddopts = -x\\n")):
            try:
                with open(os.path.join(dirpath, name), "w") as stream:
                    stream.write(text)
            except OSError:
                pass
        seen += 1
        if seen > 5000:
            break
"""

SPIN_IGNORING_SIGNALS = """
import signal
for name in ("SIGTERM", "SIGALRM", "SIGINT", "SIGHUP", "SIGXCPU"):
    signal.signal(getattr(signal, name), signal.SIG_IGN)


def softmax_rows(logits):
    while True:
        pass


def cross_entropy(logits, labels):
    while True:
        pass
"""


def nbformat3(code: str) -> str:
    cell = {"cell_type": "code", "input": code, "language": "python", "outputs": []}
    return json.dumps(
        {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": [cell]}]}
    )


def with_output_blob(code: str, megabytes: int) -> str:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(code)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * (megabytes << 20))]
    nb.cells = [cell]
    return nbformat.writes(nb)


# problem id -> (suffix, text): each scores 0, or (for a_*_dressed) exactly c_wrong's score.
ATTACKS = {
    "p_ok": (".py", CORRECT),
    "c_wrong": (".py", WRONG),  # the control: wrong answers, no attack
    "a_exit_at_import": (".py", "import sys\nsys.exit(0)\n" + CORRECT),
    "a_os_exit_in_call": (
        ".py",
        "import os\n\ndef softmax_rows(logits):\n    os._exit(0)\n\n"
        "def cross_entropy(logits, labels):\n    os._exit(0)\n",
    ),
    "a_numpy_dressed": (".py", PATCH_NUMPY + WRONG),
    "a_pytest_dressed": (".py", PATCH_PYTEST + WRONG),
    "a_fake_results": (".py", FAKE_RESULTS + STUB),
    "a_late_results_writer": (".py", LATE_WRITER + STUB),
    "a_loop_at_import": (".py", "while True:\n    pass\n"),
    "a_ignores_signals_and_spins": (".py", SPIN_IGNORING_SIGNALS),
    "a_memory_bomb": (".py", "hoard = [bytearray(2**28) for _ in range(64)]\n" + CORRECT),
    "a_fork_bomb": (".py", FORK_BOMB + STUB),
    "a_detached_children": (".py", DETACHED + STUB),
    "a_output_flood": (
        ".py",
        "import sys\nfor _ in range(300):\n    sys.stdout.write('::error::x' * 10_000)\n"
        "    sys.stderr.write('y' * 100_000)\n" + STUB,
    ),
    "a_plants_conftest": (".py", PLANT_CONFTEST + STUB),
}
# Broken notebooks: each a one-line reason (or "not implemented"), 0 points, the rest graded.
BAD_NOTEBOOKS = {
    "n_truncated_json": (".ipynb", notebook(STUB)[:-40], "not valid notebook JSON"),
    "n_nbformat_3": (".ipynb", nbformat3(STUB), "is not implemented yet"),
    "n_cell_does_not_parse": (".ipynb", notebook("def softmax_rows(:\n    pass\n"), "SyntaxError"),
    "n_markdown_only": (
        ".ipynb",
        nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# hi")])),
        "has no code cells",
    ),
    "n_functions_renamed": (
        ".ipynb",
        notebook(
            CORRECT.replace("def softmax_rows", "def softmax").replace(
                "def cross_entropy", "def xent"
            )
        ),
        "is not defined in n_functions_renamed.ipynb",
    ),
    "n_50_mb_output_blob": (".ipynb", with_output_blob(CORRECT, 50), "clear its outputs"),
    "n_not_utf8": (".ipynb", b'{"cells": [], "nbformat": 4, "x": "\xff\xfe"}', "not UTF-8"),
}
DRESSED = ("a_numpy_dressed", "a_pytest_dressed")


def leftovers() -> list[str]:
    found = subprocess.run(["pgrep", "-af", MARKER], capture_output=True, text=True)
    return [line for line in found.stdout.splitlines() if "pgrep" not in line]


@pytest.fixture(scope="module", params=["bubblewrap", "process"])
def attacked(request, tmp_path_factory):
    if request.param == "bubblewrap":
        assert detect_isolation() == "bubblewrap", (
            "bubblewrap cannot start here, so the sandbox cannot be tested: install it "
            "(`make` does, as root on Debian) or enable user namespaces"
        )
    root = tmp_path_factory.mktemp(f"attacks-{request.param}")
    submissions = {**ATTACKS, **{k: (s, t) for k, (s, t, _) in BAD_NOTEBOOKS.items()}}
    grader, submission = build_course(root, submissions, LIMITS)
    before = snapshot(root)
    env = dict(os.environ)
    if request.param == "process":
        env["AUTOGRADER_ISOLATION"] = "process"
    started = time.monotonic()
    graded = grade(submission, tmp=root, env=env, timeout=600, cwd=grader)
    graded.elapsed = time.monotonic() - started
    time.sleep(1.0)  # a writer that outlived the grader would strike now
    graded.results_after = (root / "results.json").read_text()
    graded.mode, graded.root, graded.before = request.param, root, before
    graded.after = snapshot(root)
    return graded


def outcomes(graded, problem_id) -> dict[str, str]:
    return {t["id"]: t["outcome"] for t in graded.problem(problem_id)["tests"]}


def test_the_run_completes_within_its_limits_with_the_right_isolation(attacked):
    assert attacked.returncode == 0, attacked.stderr[-3000:]
    assert attacked.results["isolation"] == attacked.mode
    # Each problem's student code is capped at wall_seconds; the limits bound the whole run.
    budget = len(attacked.results["problems"]) * LIMITS["wall_seconds"] + 60
    assert attacked.elapsed < budget, f"{attacked.elapsed:.0f} s, over {budget} s"


def test_the_correct_neighbour_keeps_full_marks(attacked):
    problem = attacked.problem("p_ok")
    assert problem["score"] == problem["max_score"] == 20, problem["tests"]


@pytest.mark.parametrize(
    "problem_id", [p for p in ATTACKS if p.startswith("a_") and p not in DRESSED]
)
def test_an_attack_scores_zero(attacked, problem_id):
    problem = attacked.problem(problem_id)
    assert problem["score"] == 0, [t for t in problem["tests"] if t["outcome"] == "passed"]


@pytest.mark.parametrize("problem_id", DRESSED)
def test_patching_numpy_or_pytest_in_the_worker_earns_nothing(attacked, problem_id):
    """The checks run in the trusted process: patches in the worker change no verdict."""
    control = attacked.problem("c_wrong")
    assert 0 < control["score"] < control["max_score"]  # the control passes some, not all
    assert outcomes(attacked, problem_id) == outcomes(attacked, "c_wrong")


@pytest.mark.parametrize("problem_id, reason", [(k, r) for k, (_, _, r) in BAD_NOTEBOOKS.items()])
def test_a_bad_notebook_scores_zero_with_a_one_line_reason(attacked, problem_id, reason):
    problem = attacked.problem(problem_id)
    assert problem["score"] == 0
    messages = [t["message"] for t in problem["tests"]]
    assert any(reason in m for m in messages), messages[:2]
    assert all("\n" not in m for m in messages)


def test_the_results_file_is_the_graders_and_stays_so(attacked):
    assert json.loads(attacked.results_after) == attacked.results
    assert attacked.results["score"] < 999 and attacked.results["problems"]


def test_nothing_a_student_prints_reaches_the_graders_output(attacked):
    out = attacked.stdout + attacked.stderr
    assert len(out) < 60_000  # 60 MB were printed
    assert "Points 100/100" not in out and "Points 999/999" not in out and "forged" not in out
    assert not [line for line in out.splitlines() if line.lstrip().startswith("::")]


def test_no_process_is_left_behind(attacked):
    assert leftovers() == []
    grader_children = subprocess.run(
        ["pgrep", "-af", str(attacked.root)], capture_output=True, text=True
    ).stdout.splitlines()
    assert [line for line in grader_children if "pgrep" not in line] == []


def test_planted_conftest_files_change_nothing(attacked):
    """The grader runs pytest with --noconftest and a config of its own, and loads the suites
    before any student code runs."""
    assert attacked.problem("a_plants_conftest")["score"] == 0
    assert attacked.problem("p_ok")["score"] == 20


def test_under_bubblewrap_nothing_is_written_outside_the_scratch_space(attacked):
    changed = sorted(
        path for path, stat in attacked.after.items() if attacked.before.get(path) != stat
    )
    expected = {str(attacked.root / "results.json")}  # the grader's own output
    if attacked.mode == "bubblewrap":
        assert set(changed) <= expected, changed[:10]
    else:  # a plain process writes where it likes: the threat model says so; scores hold
        assert str(attacked.root / "grader" / "suites" / "conftest.py") in changed


def test_the_checkout_is_untouched():
    """The attacks ran on copies: no planted file reached this repository."""
    planted = []
    for dirpath, dirnames, filenames in os.walk(REPO):
        dirnames[:] = [d for d in dirnames if d not in (".venv", ".git")]
        planted += [
            os.path.join(dirpath, name)
            for name in ("conftest.py", "pytest.ini")
            if name in filenames and not (dirpath == str(REPO / "tests") and name == "conftest.py")
        ]
    assert planted == []
