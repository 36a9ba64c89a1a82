"""Count the checks each side runs on the reference notebooks, as they run (never timed).

Run on demand, never in `make test`: it prints figures, it asserts nothing.

    python bench/count_checks.py nbgrader NOTEBOOK   # asserts its nbgrader test cells execute
    python bench/count_checks.py ours [--only IDS]   # check-helper calls our suites make

Counting statements in the source undercounts a check in a loop and overcounts one never
reached, so both sides are counted as they run:

- nbgrader: the notebook's code cells (without our `check()` cell) are executed in order in a
  fresh namespace, as its kernel would; in its test cells (nbgrader.grade: true) every `assert`
  statement is preceded by a counter, so an assert in a loop of ten counts ten times. One
  notebook per process: run it once per notebook.
- ours: every problem's suites run against its reference notebook as in grading (a worker from
  the zygote, the same plugin), with the check helpers of `autograder.checks` counting their
  calls. One call is one check however large the arrays it compares. The suites' own
  `if ...: raise AssertionError(...)` checks are not counted (nothing marks them when they
  pass), so this figure is a lower bound.

Prints one JSON object: `{"<notebook or problem id>": count, ...}`.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

COUNTED_HELPERS = (
    "expect_array",
    "assert_close",
    "expect_finite",
    "expect_scalar",
    "expect_inputs_unchanged",
    "expect_counts_fit",
)


class _CountAsserts(ast.NodeTransformer):
    def visit_Assert(self, node: ast.Assert):
        tick = ast.parse("__bench_asserts__[0] += 1").body[0]
        return [ast.copy_location(tick, node), node]


def nbgrader_asserts(notebook: Path) -> int:
    """Run the notebook's code cells in order; how many asserts its test cells executed."""
    import nbformat
    from IPython.core.inputtransformer2 import TransformerManager

    from autograder.release import is_check_cell

    counter = [0]
    namespace = {"__name__": "__main__", "__bench_asserts__": counter}
    for index, cell in enumerate(nbformat.read(notebook, as_version=4).cells):
        if cell.cell_type != "code" or is_check_cell(cell):
            continue
        tree = ast.parse(TransformerManager().transform_cell(cell.source))
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade"):
            tree = ast.fix_missing_locations(_CountAsserts().visit(tree))
        with contextlib.redirect_stdout(io.StringIO()):  # what the cells print is not counted
            exec(compile(tree, f"{notebook.name}, cell {index + 1}", "exec"), namespace)
    return counter[0]


def our_checks(only: str | None) -> dict[str, int]:
    """Grade the reference notebooks here, one problem after another, helpers counted."""
    from autograder import checks

    counts: dict[str, int] = {}
    current = [""]

    def counted(helper):
        def wrapper(*args, **kwargs):
            counts[current[0]] += 1
            return helper(*args, **kwargs)

        return wrapper

    for name in COUNTED_HELPERS:  # before any suite imports them
        setattr(checks, name, counted(getattr(checks, name)))

    from autograder import runner
    from autograder.rubric import load_rubric
    from autograder.sandbox.launch import detect_isolation
    from autograder.sandbox.pool import Zygotes
    from autograder.student import StudentCode

    problems = load_rubric(REPO / "grading.yml").select(only)
    isolation = detect_isolation()
    zygotes = Zygotes(isolation, {runner._preload(p) for p in problems})
    try:
        for problem in problems:
            submission = runner._prepare(problem, REPO / "source")
            if getattr(submission, "status", "") != "ok":
                sys.exit(f"{problem.id}: the reference notebook did not load")
            zygotes.wait_ready(runner._preload(problem))
            code = StudentCode(
                submission,
                problem.limits,
                isolation,
                problem.forbidden_imports,
                start_worker=zygotes.starter(problem.forbidden_imports),
            )
            current[0] = problem.id
            counts[problem.id] = 0
            run = runner.run_code(problem, code)
            failed = [t for t, o in run.outcomes.items() if o.outcome != "passed"]
            if run.status != "graded" or failed:
                sys.exit(f"{problem.id}: the reference did not pass ({run.reason or failed})")
    finally:
        zygotes.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("side", choices=["nbgrader", "ours"])
    parser.add_argument("notebook", nargs="?", type=Path, help="nbgrader: the notebook to run")
    parser.add_argument("--only", help="ours: problem ids or set names")
    args = parser.parse_args()
    if args.side == "nbgrader":
        if args.notebook is None:
            parser.error("nbgrader: name the notebook to run")
        counts = {str(args.notebook): nbgrader_asserts(args.notebook)}
    else:
        counts = our_checks(args.only)
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
