"""``python -m autograder validate``: can the suites tell right from wrong, and do students get
exactly what they should?

1. notebooks: every notebook in ``source/`` and ``release/`` has valid nbgrader metadata (nbgrader's
   own validator), and every source notebook ends with its check cell (``release.check_cell``);
2. leaks: no line of a solution region appears in ``release/`` or ``assignments/`` (unless the
   source has the same line outside its solutions), and nothing but notebooks is there;
3. ``assignments/`` is the release, byte for byte, and ``release/`` is what ``release`` produces
   (checked by releasing a temporary copy of ``source/``, never by rewriting the checkout);
4. every reference solution in ``source/`` scores full marks, hidden tests included;
5. every untouched release notebook scores 0, every test "not implemented";
6. every known-right or known-wrong variant, ``source/<set>/variants/<problem>/*.py`` opening with
   ``# expect: full`` or ``# expect: lose <category>[, <category>]``, scores as it says, each
   problem has at least 3 right and 4 wrong ones, and the report says which categories each
   variant lost: whether the suite can tell right from wrong.

The checks are functions returning what failed, so the project's tests call them too. Grading
is one ``grade`` process per problem's variants (a temporary rubric holds one copy of the
problem per variant), run in parallel with the reference and release runs (``batch``).
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from autograder.batch import GraderRun, run_grader, run_parallel
from autograder.release import check_cell, is_check_cell, release
from autograder.results import CATEGORIES, ProblemResult
from autograder.rubric import Problem, load_rubric
from autograder.sandbox.launch import Limits

MIN_RIGHT, MIN_WRONG = 3, 4  # variants per problem
_EXPECT = re.compile(r"# expect: (full|lose ([a-z, ]+))")
_LIMIT_NAMES = tuple(field.name for field in dataclasses.fields(Limits))


@dataclass(frozen=True)
class Finding:
    """One thing that is wrong: where (a problem, a variant, a file) and what, in one line."""

    where: str
    what: str


@dataclass(frozen=True)
class Verdict:
    """How one variant scored against what its ``# expect:`` line says."""

    problem_id: str
    name: str  # the file's stem
    expected: tuple[str, ...] | None  # categories it should lose; None: full marks
    lost: dict[str, tuple[float, float]]  # category -> (points got, points there)
    failures: tuple[str, ...]  # what is not as expected; empty when it is

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings and all(v.ok for v in self.verdicts)


# ---------------------------------------------------------------- variants


def expectation(path: Path) -> tuple[str, ...] | None:
    """``# expect: full`` -> None; ``# expect: lose a, b`` -> ("a", "b"). Raises ValueError
    naming the file for any other first line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    match = _EXPECT.fullmatch(lines[0] if lines else "")
    if not match:
        raise ValueError(
            f"{path.name}: the first line must be '# expect: full' or "
            "'# expect: lose <category>[, <category>]'"
        )
    if match.group(1) == "full":
        return None
    categories = tuple(c.strip() for c in match.group(2).split(","))
    unknown = [c for c in categories if c not in CATEGORIES]
    if unknown or not categories:
        raise ValueError(f"{path.name}: unknown category {', '.join(unknown)} in its expect line")
    return categories


def variants_of(root: Path, problem: Problem) -> list[Path]:
    return sorted((root / "source" / problem.assignment / "variants" / problem.id).glob("*.py"))


def variant_count_failures(expectations: list[tuple[str, ...] | None]) -> list[str]:
    right = sum(e is None for e in expectations)
    wrong = len(expectations) - right
    failures = []
    if right < MIN_RIGHT:
        failures.append(f"{right} correct variant(s); write at least {MIN_RIGHT}")
    if wrong < MIN_WRONG:
        failures.append(f"{wrong} known-wrong variant(s); write at least {MIN_WRONG}")
    return failures


def category_scores(problem: ProblemResult) -> dict[str, tuple[float, float]]:
    totals: dict[str, tuple[float, float]] = {}
    for test in problem.tests:
        got, most = totals.get(test.category, (0.0, 0.0))
        totals[test.category] = (got + test.score, most + test.max_score)
    return totals


def verdict(
    problem_id: str, name: str, expected: tuple[str, ...] | None, result: ProblemResult
) -> Verdict:
    scores = category_scores(result)
    lost = {c: scores[c] for c in CATEGORIES if c in scores and scores[c][0] < scores[c][1]}
    failures = []
    if expected is None:
        failures += [f"is correct but lost {t.id}: {t.message[:200]}" for t in _missed(result)]
    else:
        for category in expected:
            if category not in scores:
                failures.append(f"should lose {category} points, but the problem has none")
            elif category not in lost:
                failures.append(f"should lose {category} points, but the suite gave it all")
        # The line names exactly what the planted bug costs: a suite change that widens or
        # narrows it shows here.
        failures += [
            f"also loses {category} points ({lost[category][0]:g}/{lost[category][1]:g}), "
            "which its expect line does not name"
            for category in lost
            if category not in expected
        ]
    failures += [f"{t.id} lost points without a message" for t in _missed(result) if not t.message]
    return Verdict(problem_id, name, expected, lost, tuple(failures))


def _missed(result: ProblemResult):
    return [t for t in result.tests if t.outcome != "passed"]


def variant_rubric(problem: Problem, variants: list[Path], folder: Path) -> tuple[Path, Path]:
    """A rubric holding one copy of ``problem`` (and of its suites) per variant, and the
    submission folder with each variant as its copy's file: (grading.yml, submission)."""
    spec = {
        "title": problem.title,
        "forbidden_imports": list(problem.forbidden_imports),
        "limits": {name: getattr(problem.limits, name) for name in _LIMIT_NAMES},
        "tests": {t.id: {"category": t.category, "points": t.points} for t in problem.tests},
    }
    problems = {}
    submission = folder / "submission" / problem.assignment
    submission.mkdir(parents=True, exist_ok=True)
    for path in variants:
        copy_id = variant_copy_id(problem, path)
        shutil.copyfile(problem.suite, folder / f"suite_{copy_id}.py")
        problems[copy_id] = {**spec, "suite": f"suite_{copy_id}.py"}
        if problem.hidden is not None:
            shutil.copyfile(problem.hidden.suite, folder / f"hidden_{copy_id}.py")
            problems[copy_id]["hidden_suite"] = f"hidden_{copy_id}.py"
            problems[copy_id]["hidden_tests"] = {
                t.id: {"category": t.category, "points": t.points} for t in problem.hidden.tests
            }
        shutil.copyfile(path, submission / f"{copy_id}.py")
    rubric = {
        "version": 1,
        "limits": spec["limits"],
        "assignments": {problem.assignment: {"title": "variants", "problems": problems}},
    }
    (folder / "grading.yml").write_text(yaml.safe_dump(rubric, sort_keys=False))
    return folder / "grading.yml", folder / "submission"


def variant_copy_id(problem: Problem, path: Path) -> str:
    return f"{problem.id}__{path.stem}".lower().replace("-", "_")


# validate runs one grader per core already; each grades its problems one at a time (a hanging
# variant still lets the next one start: see autograder.parallel)
ONE_AT_A_TIME = ("--jobs", "1")


def _timeout(problems: list[Problem] | tuple[Problem, ...], copies: int = 1) -> float:
    """A backstop for a grader run: every problem's whole time budget, plus start-up."""
    return 120 + copies * sum(p.limits.wall_seconds for p in problems)


def grade_variants(root: Path, problem: Problem, folder: Path) -> GraderRun:
    """Every variant of ``problem`` in one grader run (hidden suite included)."""
    paths = variants_of(root, problem)
    rubric, submission = variant_rubric(problem, paths, folder)
    return run_grader(
        submission,
        folder / "results.json",
        "--rubric",
        str(rubric),
        "--hidden",
        *ONE_AT_A_TIME,
        timeout=_timeout([problem], len(paths)),
    )


def grade_reference(root: Path, problems: tuple[Problem, ...], folder: Path) -> GraderRun:
    return _grade_folder(root, root / "source", problems, folder / "reference.json")


def grade_release(root: Path, problems: tuple[Problem, ...], folder: Path) -> GraderRun:
    return _grade_folder(root, root / "release", problems, folder / "release.json")


def _grade_folder(root: Path, submission: Path, problems, json_path: Path) -> GraderRun:
    only = ",".join(p.id for p in problems)
    rubric = str(root / "grading.yml")
    extra = ("--rubric", rubric, "--hidden", "--only", only, *ONE_AT_A_TIME)
    return run_grader(submission, json_path, *extra, timeout=_timeout(problems))


# ---------------------------------------------------------------- scores


def reference_failures(result: ProblemResult) -> list[str]:
    """What keeps a reference solution from full marks."""
    if result.status != "graded":
        return [f"{result.status}: {result.reason}"]
    failures = [f"{t.id} [{t.category}] {t.outcome}: {t.message[:300]}" for t in _missed(result)]
    if not failures and not result.score == result.max_score > 0:
        failures.append(f"scores {result.score:g} of {result.max_score:g}")
    return failures


def release_failures(result: ProblemResult) -> list[str]:
    """What keeps an untouched release notebook from 0 points, every test "not implemented"."""
    if result.status != "graded":
        return [f"{result.status}: {result.reason}"]
    failures = [
        f"{t.id}: {t.outcome}, expected not_implemented ({t.message[:200]})"
        for t in result.tests
        if t.outcome != "not_implemented" or "is not implemented yet" not in t.message
    ]
    if result.score != 0:
        failures.append(f"scores {result.score:g} points untouched")
    return failures


# ---------------------------------------------------------------- notebooks


def notebook_findings(root: Path) -> list[Finding]:
    """nbgrader metadata of every source and release notebook; the source's check cells."""
    import nbformat
    from nbgrader.nbgraderformat import MetadataValidator, ValidationError

    validator = MetadataValidator()
    findings = []
    for folder in ("source", "release"):
        for path in sorted((root / folder).glob("*/*.ipynb")):
            shown = str(path.relative_to(root))
            try:
                notebook = nbformat.read(path, as_version=4)
                validator.validate_nb(notebook)
            except (ValidationError, ValueError, KeyError) as exc:
                first = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
                findings.append(Finding(shown, f"invalid nbgrader metadata: {first}"))
                continue
            if folder == "source":
                findings += _check_cell_findings(shown, path)
    return findings


def _check_cell_findings(shown: str, path: Path) -> list[Finding]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    if not cells or cells[-1] != check_cell(path.stem):
        return [
            Finding(
                shown,
                "does not end with its check cell: run `python -m autograder release`",
            )
        ]
    if sum(map(is_check_cell, cells)) != 1:
        return [Finding(shown, "has more than one check cell")]
    return []


def _regions(path: Path) -> tuple[set[str], set[str]]:
    """(lines inside BEGIN/END SOLUTION regions, lines outside them), stripped."""
    inside, outside, within = set(), set(), False
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for line in "".join(cell.get("source", "")).splitlines():
            text = line.strip()
            if "END SOLUTION" in text:
                within = False
                continue
            if "BEGIN SOLUTION" in text:
                within = True
                continue
            (inside if within else outside).add(text)
    return inside, outside


def _notebook_lines(path: Path) -> set[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return {line.strip() for c in cells for line in "".join(c.get("source", "")).splitlines()}


def leak_findings(root: Path) -> list[Finding]:
    """Solution lines in ``release/`` or ``assignments/``, and files there that are not
    notebooks (a variant, a data file copied along)."""
    findings = []
    for folder in ("release", "assignments"):
        for path in sorted((root / folder).rglob("*")):
            hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
            if path.is_file() and path.suffix != ".ipynb" and not hidden:
                findings.append(Finding(str(path.relative_to(root)), "is not a notebook"))
    for source in sorted((root / "source").glob("*/*.ipynb")):
        inside, outside = _regions(source)
        secret = {line for line in inside - outside if len(line) > 3}
        for folder in ("release", "assignments"):
            copy = root / folder / source.parent.name / source.name
            if not copy.is_file():
                continue
            lines = _notebook_lines(copy)
            leaked = sorted(secret & lines)
            markers = [m for m in ("BEGIN SOLUTION", "END SOLUTION") if any(m in x for x in lines)]
            if leaked:
                findings.append(
                    Finding(
                        str(copy.relative_to(root)),
                        f"holds {len(leaked)} line(s) of the solution, e.g. {leaked[0]!r}",
                    )
                )
            if markers:
                findings.append(Finding(str(copy.relative_to(root)), f"holds '{markers[0]}'"))
    return findings


def assignment_findings(root: Path) -> list[Finding]:
    """``assignments/`` starts as the release: the same notebooks, byte for byte."""
    findings = []
    released = {p.relative_to(root / "release") for p in (root / "release").glob("*/*.ipynb")}
    assigned = {
        p.relative_to(root / "assignments") for p in (root / "assignments").glob("*/*.ipynb")
    }
    for name in sorted(released | assigned):
        release_copy, student_copy = root / "release" / name, root / "assignments" / name
        if not student_copy.is_file():
            findings.append(Finding(f"assignments/{name}", "is missing: run `release`"))
        elif not release_copy.is_file():
            findings.append(Finding(f"assignments/{name}", "has no notebook in release/"))
        elif student_copy.read_bytes() != release_copy.read_bytes():
            findings.append(Finding(f"assignments/{name}", "differs from release/"))
    return findings


def stale_release_findings(root: Path, problem_sets: list[str] | None = None) -> list[Finding]:
    """Release a temporary copy of ``source/`` and compare it with the committed ``release/``."""
    with tempfile.TemporaryDirectory(prefix="autograder-validate-") as tmp:
        copy = Path(tmp)
        shutil.copytree(root / "source", copy / "source")
        shutil.copy(root / "nbgrader_config.py", copy)
        list(release(copy, problem_sets))
        produced = {p.relative_to(copy) for p in (copy / "release").glob("*/*.ipynb")}
        sets = problem_sets or sorted({p.parts[1] for p in produced})
        committed = {
            p.relative_to(root) for s in sets for p in (root / "release" / s).glob("*.ipynb")
        }
        findings = []
        for name in sorted(produced | committed):
            if name not in committed:
                findings.append(
                    Finding(str(name), "is missing: run `python -m autograder release`")
                )
            elif name not in produced:
                findings.append(Finding(str(name), "has no source notebook: delete it"))
            elif (copy / name).read_bytes() != (root / name).read_bytes():
                findings.append(
                    Finding(
                        str(name),
                        "is not what `release` produces: run `python -m autograder release`",
                    )
                )
        return findings


# ---------------------------------------------------------------- the whole validation


def validate(
    root: Path,
    only: str | None = None,
    workers: int | None = None,
    say: Callable[[str], None] = print,
) -> Report:
    """Every check above, for the problems ``only`` names (all by default)."""
    rubric = load_rubric(root / "grading.yml")
    problems = rubric.select(only)
    report = Report()
    if not (root / "source").is_dir():
        report.findings.append(
            Finding("source/", "not found: validate runs in the instructor's repository")
        )
        return report
    variants: dict[str, list[tuple[Path, tuple[str, ...] | None]]] = {}
    for problem in problems:
        variants[problem.id] = []
        for path in variants_of(root, problem):
            try:
                variants[problem.id].append((path, expectation(path)))
            except ValueError as exc:
                report.findings.append(Finding(problem.id, str(exc)))
        for failure in variant_count_failures([e for _, e in variants[problem.id]]):
            report.findings.append(Finding(problem.id, failure))
    total = sum(map(len, variants.values()))
    say(
        f"validate: {len(problems)} problem(s), {total} variant(s); grading the references, "
        f"the release and the variants in {len(problems) + 2} grader runs"
    )
    sets = sorted({p.assignment for p in problems}) if only else None
    graded = [p for p in problems if variants[p.id]]
    with tempfile.TemporaryDirectory(prefix="autograder-validate-") as tmp:
        jobs = grading_jobs(root, problems, Path(tmp))
        jobs["stale"] = lambda: stale_release_findings(root, sets)
        done = dict(zip(jobs, run_parallel(jobs.values(), workers), strict=True))
    reference, untouched, stale = done["reference"], done["release"], done["stale"]
    variant_runs = [done[f"variants of {p.id}"] for p in graded]
    sections = [
        (
            "nbgrader metadata valid, each source notebook ends with its check cell, no "
            "solution line and nothing but notebooks in release/ and assignments/",
            notebook_findings(root) + leak_findings(root),
        ),
        (
            "release/ is what `release` produces, assignments/ is release/",
            stale + assignment_findings(root),
        ),
        (
            "source/ scores full marks, hidden tests included",
            _score_findings(reference, problems, reference_failures, "source/"),
        ),
        (
            "release/ scores 0, every test not implemented",
            _score_findings(untouched, problems, release_failures, "release/"),
        ),
    ]
    for text, found in sections:
        say(_line(not found, text))
        report.findings += found
    say("")
    say("What each suite catches: source/<set>/variants/<problem>/*.py, graded")
    say("(lost points: category points kept/points there, hidden tests included)")
    for problem, run in zip(graded, variant_runs, strict=True):
        say(f"  {problem.id}")
        if run.result is None:
            report.findings.append(
                Finding(problem.id, f"grading the variants failed: {run.failure}")
            )
            say(f"    ! {run.failure}")
            continue
        found = [
            verdict(problem.id, path.stem, expected, run.problem(variant_copy_id(problem, path)))
            for path, expected in variants[problem.id]
        ]
        widths = (
            max(len(v.name) for v in found),
            max(len("lose " + ", ".join(v.expected or ("full",))) for v in found),
        )
        for one in found:
            say(_verdict_line(one, widths))
        report.verdicts += found
    return report


def grading_jobs(root: Path, problems: tuple[Problem, ...], folder: Path) -> dict[str, Callable]:
    """The grader runs of a validation, by name ("reference", "release", "variants of <id>"),
    the longest first so that none of them is left running alone at the end."""
    jobs = [
        (len(problems), "reference", lambda: grade_reference(root, problems, folder)),
        (len(problems), "release", lambda: grade_release(root, problems, folder)),
    ]
    for problem in problems:
        count = len(variants_of(root, problem))
        if count:
            (folder / problem.id).mkdir(exist_ok=True)
            job = lambda p=problem: grade_variants(root, p, folder / p.id)  # noqa: E731
            jobs.append((count, f"variants of {problem.id}", job))
    jobs.sort(key=lambda item: -item[0])
    return {name: job for _, name, job in jobs}


def _score_findings(run: GraderRun, problems, check, folder: str) -> list[Finding]:
    if run.result is None:
        return [Finding(folder, f"grading failed: {run.failure}")]
    findings = [Finding(folder, run.failure)] if run.failure else []
    for problem in problems:
        for failure in check(run.problem(problem.id)):
            findings.append(Finding(f"{folder} {problem.id}", failure))
    return findings


def _line(ok: bool, text: str) -> str:
    return f"  {'✓' if ok else '✗'} {text}"


def _verdict_line(found: Verdict, widths: tuple[int, int]) -> str:
    expected = "full" if found.expected is None else "lose " + ", ".join(found.expected)
    lost = ", ".join(f"{c} {got:g}/{most:g}" for c, (got, most) in found.lost.items())
    line = f"    {'✓' if found.ok else '✗'} {found.name:<{widths[0]}}  "
    line += f"expect {expected:<{widths[1]}}  " + (f"lost points: {lost}" if lost else "full marks")
    return line + "".join(f"\n        ✗ {failure}" for failure in found.failures)


def render_findings(report: Report) -> str:
    """The closing lines: all passed, or a numbered list of what failed."""
    problems = [f"{f.where}: {f.what}" for f in report.findings]
    problems += [
        f"variant {v.problem_id}/{v.name} {x}" for v in report.verdicts for x in v.failures
    ]
    if not problems:
        return "validate: every check passed\n"
    lines = [f"validate: {len(problems)} problem(s):"]
    lines += [f"  {i}. {text}" for i, text in enumerate(problems, start=1)]
    return "\n".join(lines) + "\n"
