"""nbgrader autograde and our grader on the same reference notebooks; grade-all on 1 and 2 cores.

Run on demand (`make bench-nbgrader`), never in `make test`: it prints figures, it asserts nothing.

    python bench/nbgrader_side_by_side.py [--runs 5] [--only SET[,SET]] [--students 4]
                                          [--skip-nbgrader] [--skip-grade-all]

1. nbgrader against ours. A temporary nbgrader course holds this repository's source notebooks
   (`source/<set>/<problem>.ipynb`, without the `check()` cell `release` adds: it runs our grader,
   and in the course it could only fail to import it), one `nbgrader generate_assignment <set>`
   each into a fresh gradebook, and the same notebooks submitted as student `reference`'s work.
   Timed, alternately: `nbgrader autograde <set> --student reference --force`, one command per
   set (each notebook executed in its own kernel, the self-check cells being nbgrader's test
   cells), and `python -m autograder grade source` from the repository root. Printed: every run,
   the medians, the ratio ours / nbgrader, the checks each side ran (nbgrader: the test cells its
   kernels executed and the `assert` statements in their source; ours: the tests in the results
   JSON), whether each side finds the references correct, and whether the issue's goal holds: ours
   in at most 0.2x nbgrader's wall time, with at least 5x its checks.
2. grade-all. A class of `--students` copies of the source notebooks (`<student>/<set>/<problem>
   .ipynb`), graded by `python -m autograder grade-all CLASS --out CSV` under `taskset -c 0` and
   `taskset -c 0,1`, alternately: median seconds per class and per student, and the speed-up.

Set-up (the course, generate_assignment, the class folder) is never timed. `--only` restricts
both parts to some problem sets (default: every set in grading.yml).
"""

from __future__ import annotations

import argparse
import ast
import copy
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.utils import determine_grade, is_grade

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from autograder.release import is_check_cell  # noqa: E402
from autograder.rubric import Problem, load_rubric  # noqa: E402

STUDENT = "reference"
GOAL_TIME, GOAL_CHECKS = 0.2, 5.0  # the goal: ours <= 0.2x the time, >= 5x the checks

COURSE_CONFIG = """\
c = get_config()  # noqa: F821
c.CourseDirectory.root = {root!r}
# nbgrader's default is 30 s per cell; a cell cut short would make nbgrader look faster.
c.Execute.timeout = 600
"""


def run(command: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a command to the end; a failure stops the bench with the end of what it said."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()[-15:]
        sys.exit(f"{' '.join(command)} exited with {done.returncode}:\n" + "\n".join(said))
    return done


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, str]:
    """Run a command; its wall time in seconds, and what it said on stderr. Wall time only:
    getrusage(RUSAGE_CHILDREN) saw 1.2 s of a `grade --only ps2_classic_ml` that a cpuacct
    cgroup measured at 3.5 s of CPU, so most of our workers' CPU time never reaches it."""
    started = time.perf_counter()
    done = run(command, cwd, env)
    return time.perf_counter() - started, done.stderr


def median_line(label: str, seconds: list[float]) -> str:
    runs = ", ".join(f"{t:.1f}" for t in seconds)
    return f"{label}: {statistics.median(seconds):.1f} s median (runs: {runs} s)"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: the machine may be shared."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def select_problems(only: str | None) -> tuple[Problem, ...]:
    rubric = load_rubric(REPO / "grading.yml")
    if not only:
        return rubric.problems
    sets = [name.strip() for name in only.split(",") if name.strip()]
    unknown = [name for name in sets if name not in rubric.assignments]
    if unknown:
        sys.exit(
            f"unknown problem set {', '.join(unknown)}; known: {', '.join(rubric.assignments)}"
        )
    return tuple(p for p in rubric.problems if p.assignment in sets)


def set_names(problems: tuple[Problem, ...]) -> list[str]:
    return list(dict.fromkeys(p.assignment for p in problems))


def only_flag(only: str | None, problems: tuple[Problem, ...]) -> list[str]:
    """The grader's `--only`, when the bench was given one (without it: every problem)."""
    return ["--only", ",".join(set_names(problems))] if only else []


# -- 1. nbgrader autograde against `python -m autograder grade` ----------------------------


def nbgrader_env() -> dict:
    """nbgrader runs `alembic` by name when it opens the gradebook; both sit in this venv's bin."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def nbgrader(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "nbgrader", *arguments]


def make_course(root: Path, problems: tuple[Problem, ...], env: dict) -> None:
    """Source notebooks (check cell dropped), the gradebook via generate_assignment, and the
    same notebooks as the one student's submission."""
    (root / "nbgrader_config.py").write_text(COURSE_CONFIG.format(root=str(root)))
    for problem in problems:
        notebook = json.loads(
            (REPO / "source" / problem.assignment / f"{problem.id}.ipynb").read_text()
        )
        notebook["cells"] = [cell for cell in notebook["cells"] if not is_check_cell(cell)]
        text = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
        for step in (root / "source", root / "submitted" / STUDENT):
            path = step / problem.assignment / f"{problem.id}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    for name in set_names(problems):
        run(nbgrader("generate_assignment", name), root, env)


def time_autograde(root: Path, sets: list[str], env: dict, said: list[str]) -> dict[str, float]:
    """One `nbgrader autograde` per set, in turn; seconds per set. Keeps what nbgrader said."""
    seconds = {}
    for name in sets:
        command = nbgrader("autograde", name, "--student", STUDENT, "--force")
        seconds[name], stderr = timed(command, root, env)
        said.extend(stderr.splitlines())
    return seconds


def source_python(cell) -> str:
    """A cell's source as Python (IPython syntax rewritten, as a kernel would run it)."""
    try:
        ast.parse(cell.source)
        return cell.source
    except SyntaxError:
        from IPython.core.inputtransformer2 import TransformerManager

        return TransformerManager().transform_cell(cell.source)


@dataclass(frozen=True)
class NbgraderChecks:
    notebooks: int
    test_cells: int  # grade cells (nbgrader.grade: true) the kernel executed
    asserts: int  # `assert` statements in their source, each counted once however often it runs
    credited: int  # test cells nbgrader credits: no error output and nothing on stderr


def nbgrader_checks(root: Path, problems: tuple[Problem, ...]) -> NbgraderChecks:
    """What autograde ran and how it judged it, read from the autograded notebooks."""
    test_cells = asserts = credited = 0
    for problem in problems:
        path = root / "autograded" / STUDENT / problem.assignment / f"{problem.id}.ipynb"
        for cell in nbformat.read(path, as_version=4).cells:
            if not (is_grade(cell) and cell.cell_type == "code" and cell.execution_count):
                continue
            test_cells += 1
            tree = ast.parse(source_python(cell))
            asserts += sum(isinstance(node, ast.Assert) for node in ast.walk(tree))
            # the self-check cells carry 0 points: give each 1 to see nbgrader's verdict
            scored = copy.deepcopy(cell)
            scored.metadata.nbgrader.points = 1
            credited += determine_grade(scored)[0] == 1
    return NbgraderChecks(len(problems), test_cells, asserts, credited)


def gradebook_score(root: Path, env: dict) -> tuple[float, float]:
    """The student's score and maximum over every set, as `nbgrader export` reports them."""
    run(nbgrader("export", "--to", str(root / "grades.csv")), root, env)
    with (root / "grades.csv").open(newline="") as stream:
        rows = [row for row in csv.DictReader(stream) if row["student_id"] == STUDENT]
    return sum(float(r["score"]) for r in rows), sum(float(r["max_score"]) for r in rows)


def lost_points(results: list[Path]) -> list[str]:
    """What lost points in any of these results files, how often, and the grader's reason (the
    first one given): a problem not graded as one line, a graded problem's tests one each."""
    lost, why = Counter(), {}
    for path in results:
        for problem in json.loads(path.read_text())["problems"]:
            tests = [t for t in problem["tests"] if t["score"] < t["max_score"]]
            if problem["status"] != "graded":
                tests = tests[:1]
            for test in tests:
                key = f"{problem['id']}::{test['id']} ({test['outcome']})"
                if problem["status"] != "graded":
                    key = f"{problem['id']}, every test ({problem['status']})"
                lost[key] += 1
                why.setdefault(key, " ".join(test["message"].split())[:200])
    return [f"lost points {count}x: {key}: {why[key]}" for key, count in lost.most_common()]


def warnings_said(lines: list[str], course: Path, runs: int) -> list[str]:
    """nbgrader's and its kernels' warnings and errors, each with how often it came."""
    said = (line.strip().replace(str(course), "COURSE") for line in lines)
    counts = Counter(line for line in said if "WARNING" in line or "ERROR" in line)
    return [f"{count}x in {runs} runs: {line[:140]}" for line, count in counts.most_common()]


def side_by_side(problems: tuple[Problem, ...], only: str | None, runs: int, scratch: Path) -> None:
    sets = set_names(problems)
    env = nbgrader_env()
    course = scratch / "course"
    print(
        f"1. nbgrader autograde vs our grader: {plural(len(problems), 'problem')} in "
        f"{plural(len(sets), 'set')} (load average {load_average()})"
    )
    started = time.perf_counter()
    course.mkdir()
    make_course(course, problems, env)
    print(
        f"   set-up, not timed (the course, generate_assignment per set): "
        f"{time.perf_counter() - started:.1f} s"
    )
    theirs, ours, said, results = [], [], [], []
    for index in range(runs):  # alternated, so a change in the machine's load hits both
        theirs.append(time_autograde(course, sets, env, said))
        results.append(scratch / f"ours-{index + 1}.json")
        command = [sys.executable, "-m", "autograder", "grade", "source"]
        command += ["--json", str(results[-1]), *only_flag(only, problems)]
        ours.append(timed(command, REPO)[0])
    totals = [sum(seconds.values()) for seconds in theirs]
    print(f"   nbgrader autograde, {plural(len(sets), 'command')} (one per set)")
    print(f"     {median_line('wall time', totals)}")
    if len(sets) > 1:
        each = (f"{n} {statistics.median(r[n] for r in theirs):.1f}" for n in sets)
        print(f"     per set, wall-time median: {', '.join(each)} s")
    print(f"   ours, {' '.join(['python -m autograder grade source', *only_flag(only, problems)])}")
    print(f"     {median_line('wall time', ours)}")
    ratio = statistics.median(ours) / statistics.median(totals)
    print(f"   ratio ours / nbgrader (wall-time medians): {ratio:.2f}")
    report_checks(course, problems, results, env, ratio)
    for line in warnings_said(said, course, runs):
        print(f"   nbgrader said, {line}")


def report_checks(
    course: Path, problems: tuple[Problem, ...], results: list[Path], env: dict, ratio: float
) -> None:
    """What each side ran and what it made of the references; then the issue's goal."""
    checks = nbgrader_checks(course, problems)
    score, most = gradebook_score(course, env)
    print(
        f"   nbgrader ran {checks.test_cells} test cells (nbgrader.grade: true) in "
        f"{checks.notebooks} notebooks, holding {checks.asserts} assert statements "
        "(ast.Assert nodes in the cells' source; one in a loop counts once)"
    )
    print(
        f"     {checks.credited} of {checks.test_cells} pass by nbgrader's rule (no error, "
        f"nothing on stderr); its gradebook: {score:g} / {most:g} points "
        "(the self-check cells carry 0 points)"
    )
    graded = json.loads(results[-1].read_text())
    tests = [t for p in graded["problems"] for t in p["tests"]]
    passed = sum(t["outcome"] == "passed" for t in tests)
    print(
        f"   ours ran {len(tests)} tests (problems[].tests[] of --json; a parametrized test "
        f"counts once) in {len(graded['problems'])} problems"
    )
    print(
        f"     {passed} of {len(tests)} pass in the last run, {graded['score']:g} / "
        f"{graded['max_score']:g} points; every run: "
        + ", ".join(f"{json.loads(path.read_text())['score']:g}" for path in results)
    )
    for line in lost_points(results):
        print(f"     {line}")
    print(
        f"   goal: ours in <= {GOAL_TIME}x nbgrader's wall time, with >= {GOAL_CHECKS:g}x its checks"
    )
    time_met = ratio <= GOAL_TIME
    print(f"     time: {ratio:.2f}x, {'met' if time_met else 'not met'}")
    for what, count in (("test cells", checks.test_cells), ("assert statements", checks.asserts)):
        multiple = len(tests) / count if count else float("inf")
        checks_met = multiple >= GOAL_CHECKS
        print(
            f"     checks, against its {count} {what}: {len(tests)} tests = {multiple:.1f}x, "
            f"{'met' if checks_met else 'not met'}; so the goal is "
            f"{'met' if time_met and checks_met else 'not met'}"
        )


# -- 2. grade-all on one core and on two ---------------------------------------------------


def make_class(folder: Path, problems: tuple[Problem, ...], students: int) -> None:
    """student01, student02, ...: each a copy of the source notebooks, set folders directly."""
    for index in range(1, students + 1):
        for problem in problems:
            path = folder / f"student{index:02d}" / problem.assignment / f"{problem.id}.ipynb"
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(REPO / "source" / problem.assignment / f"{problem.id}.ipynb", path)


def class_totals(runs: list[tuple[str, Path]], most: float) -> list[str]:
    """Each run's totals, and the tests that lost points (the class is the reference solutions:
    a lost point is the grader's or the machine's doing)."""
    lines, results = [], []
    for label, gradebook in runs:
        with gradebook.open(newline="") as stream:
            totals = [row["total"] for row in csv.DictReader(stream)]
        lines.append(f"{label}: {', '.join(totals)} of {most:g}")
        results += sorted(gradebook.with_suffix("").glob("*/results.json"))
    return lines + lost_points(results)


def grade_all_cores(
    problems: tuple[Problem, ...], only: str | None, runs: int, students: int, scratch: Path
) -> None:
    print(
        f"2. grade-all, {students} students x {len(problems)} problems, hidden suites included "
        f"(load average {load_average()})"
    )
    if shutil.which("taskset") is None:
        print("   skipped: taskset is not installed (util-linux)")
        return
    cores = ["0", "0,1"] if {0, 1} <= os.sched_getaffinity(0) else ["0"]
    folder = scratch / "class"
    make_class(folder, problems, students)
    took: dict[str, list[float]] = {cpus: [] for cpus in cores}
    gradebooks = []  # (which run, its gradebook CSV)
    for index in range(runs):
        for cpus in cores:  # alternated, so a change in the machine's load hits both
            out = scratch / f"grade-all-{cpus.replace(',', '')}-{index}" / "gradebook.csv"
            command = ["taskset", "-c", cpus, sys.executable, "-m", "autograder", "grade-all"]
            command += [str(folder), "--out", str(out), *only_flag(only, problems)]
            took[cpus].append(timed(command, REPO)[0])
            gradebooks.append((f"taskset -c {cpus}, run {index + 1}", out))
    for cpus in cores:
        wall = statistics.median(took[cpus])
        print(
            f"   {plural(len(cpus.split(',')), 'core')} (taskset -c {cpus}): {wall:.1f} s per "
            f"class, {wall / students:.1f} s per student"
        )
        print(f"     {median_line('wall time', took[cpus])}")
    if len(cores) == 2:
        speed_up = statistics.median(took["0"]) / statistics.median(took["0,1"])
        print(f"   speed-up of 2 cores (1-core median / 2-core median): {speed_up:.2f}x")
    else:
        print("   2 cores: skipped, this process may not run on cores 0 and 1")
    print("   the students' totals, run by run:")
    most = sum(p.with_hidden().max_score for p in problems)
    for line in class_totals(gradebooks, most):
        print(f"     {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", metavar="SET[,SET]", help="problem sets (default: all)")
    parser.add_argument("--students", type=int, default=4, help="grade-all's class size")
    parser.add_argument("--skip-nbgrader", action="store_true")
    parser.add_argument("--skip-grade-all", action="store_true")
    args = parser.parse_args()
    if args.runs < 1 or args.students < 1:
        parser.error("--runs and --students take a positive number")
    problems = select_problems(args.only)
    started = time.perf_counter()
    print(f"{plural(os.cpu_count() or 1, 'core')}, {args.runs} runs each")
    with tempfile.TemporaryDirectory(prefix="bench-nbgrader-") as scratch:
        if not args.skip_nbgrader:
            side_by_side(problems, args.only, args.runs, Path(scratch))
        if not args.skip_grade_all:
            grade_all_cores(problems, args.only, args.runs, args.students, Path(scratch))
    print(f"whole bench: {time.perf_counter() - started:.0f} s (load average {load_average()})")


if __name__ == "__main__":
    main()
