"""The worst case: how long grading takes when every problem of a submission hangs, and whether
the problems that do not hang keep their verdicts while the others hang beside them.

Run on demand (`make bench-worst`), never in `make test`: it prints figures, it asserts nothing.

    python bench/worst_case.py [--modes import,spin,sleep,half] [--jobs N]

Each mode grades a submission made in a temporary folder from the release notebooks:
  import  every notebook loops forever at its top level (nothing loads);
  spin    every function the student was to write spins forever once the notebook has loaded
          (`while True: pass` where the release raises NotImplementedError): each test's call
          runs into the call limit;
  sleep   the same with `time.sleep(10**6)` (a hang that uses no CPU);
  half    the reference solutions of every other problem, `spin` for the rest: the references
          must score full marks, whatever hangs beside them.
The goal (issue 10): every mode graded in at most 60 s on this 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from autograder.rubric import load_rubric  # noqa: E402

GOAL_SECONDS = 60
STUB = re.compile(r"^(?P<indent>[ \t]*)raise NotImplementedError\b.*$", re.MULTILINE)
# Once the notebook has loaded (its last cell sets _LOADED), every stub hangs when called; while
# it loads, the stubs raise as in the release, so the notebook's own demo cells do not hang.
HANGS = {"spin": "while True:\n{i}        pass", "sleep": "__import__('time').sleep(10**6)"}


def hanging(notebook: Path, how: str) -> nbformat.NotebookNode:
    nb = nbformat.read(notebook, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = STUB.sub(
                lambda m: (
                    f"{m['indent']}if globals().get('_LOADED'):\n{m['indent']}    "
                    + HANGS[how].format(i=m["indent"])
                    + f"\n{m['indent']}raise NotImplementedError()"
                ),
                cell.source,
            )
    nb.cells.append(nbformat.v4.new_code_cell("_LOADED = True"))
    return nb


def make_submission(folder: Path, mode: str) -> list[str]:
    """Write one notebook per problem; the ids of the problems left as reference solutions."""
    references = []
    for index, problem in enumerate(load_rubric(REPO / "grading.yml").problems):
        target = folder / problem.assignment / f"{problem.id}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == "import":
            nb = nbformat.v4.new_notebook(
                cells=[nbformat.v4.new_code_cell("while True:\n    pass")]
            )
        elif mode == "half" and index % 2 == 0:
            nb = nbformat.read(REPO / "source" / problem.assignment / target.name, as_version=4)
            references.append(problem.id)
        else:
            release = REPO / "release" / problem.assignment / target.name
            nb = hanging(release, "sleep" if mode == "sleep" else "spin")
        nbformat.write(nb, target)
    return references


def run(mode: str, jobs: int | None) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-worst-") as tmp:
        submission, out = Path(tmp) / "submission", Path(tmp) / "results.json"
        references = make_submission(submission, mode)
        command = [sys.executable, "-m", "autograder", "grade", str(submission), "--json", str(out)]
        command += ["--jobs", str(jobs)] if jobs else []
        started = time.perf_counter()
        done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        results = json.loads(out.read_text()) if out.exists() else None
    if results is None:
        print(f"{mode:7s} grading failed (exit {done.returncode}): {done.stderr[-500:]}")
        return
    problems = results["problems"]
    outcomes: dict[str, int] = {}
    for problem in problems:
        for test in problem["tests"]:
            outcomes[test["outcome"]] = outcomes.get(test["outcome"], 0) + 1
    verdict = "within" if elapsed <= GOAL_SECONDS else "OVER"
    print(
        f"{mode:7s} {elapsed:6.1f} s for {len(problems)} problems ({verdict} the {GOAL_SECONDS} s"
        f" goal); tests: {', '.join(f'{n} {o}' for o, n in sorted(outcomes.items()))}"
    )
    if references:
        short = [
            f"{p['id']} {p['score']:g}/{p['max_score']:g}"
            for p in problems
            if p["id"] in references and p["score"] != p["max_score"]
        ]
        print(
            f"        references beside the hangs: {len(references) - len(short)} of "
            f"{len(references)} at full marks" + (f"; short: {', '.join(short)}" if short else "")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modes", default="import,spin,sleep,half")
    parser.add_argument("--jobs", type=int, help="passed to grade --jobs")
    args = parser.parse_args()
    for mode in args.modes.split(","):
        run(mode, args.jobs)


if __name__ == "__main__":
    main()
