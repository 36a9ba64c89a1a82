"""Read and validate ``grading.yml``: the one source of truth for points, categories and limits.

Nothing has a default in code. A missing key, an unknown key, a bad value or a missing file is a
``RubricError`` whose one-line message names the file and the key path.

A problem may also name an instructor-only suite: ``hidden_suite`` (a path, kept out of the
student template by ``publish``) with its own ``hidden_tests`` mapping of categories and points.
The two keys come together or not at all. ``grade`` runs only ``suite``; ``grade --hidden`` and
``grade-all`` run both, and the hidden tests add their points to the problem.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from autograder.results import CATEGORIES
from autograder.sandbox.launch import Limits

__all__ = [
    "CATEGORIES",
    "HiddenSuite",
    "Problem",
    "Rubric",
    "RubricError",
    "TestSpec",
    "load_rubric",
]
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TEST_ID = re.compile(r"^test_[A-Za-z0-9_]+$")
_MODULE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
WHOLE_LIMITS = {"memory_mb", "cpu_seconds", "output_kb", "processes"}


class RubricError(Exception):
    """grading.yml is wrong; the message is one line naming the file and the key."""


@dataclass(frozen=True)
class TestSpec:
    __test__ = False  # not a pytest test class, despite the name

    id: str
    category: str
    points: float


@dataclass(frozen=True)
class HiddenSuite:
    """A problem's instructor-only tests (grading.yml ``hidden_suite`` and ``hidden_tests``)."""

    suite: Path  # absolute path
    tests: tuple[TestSpec, ...]


@dataclass(frozen=True)
class Problem:
    id: str
    title: str
    assignment: str
    suite: Path  # absolute path of the pytest suite
    forbidden_imports: tuple[str, ...]
    limits: Limits
    tests: tuple[TestSpec, ...]  # the tests to run and score
    hidden: HiddenSuite | None = None  # not run unless with_hidden() joins it to the rest
    extra_suites: tuple[Path, ...] = ()  # further suites whose tests are in ``tests``

    @property
    def max_score(self) -> float:
        return sum(t.points for t in self.tests)

    @property
    def suites(self) -> tuple[Path, ...]:
        """Every suite the grader runs for this problem, the student-visible one first."""
        return (self.suite, *self.extra_suites)

    def with_hidden(self) -> Problem:
        """The problem as ``grade-all`` grades it: its hidden suite run and scored with the rest
        (the problem itself when it has none)."""
        if self.hidden is None:
            return self
        return replace(
            self,
            tests=self.tests + self.hidden.tests,
            hidden=None,
            extra_suites=(*self.extra_suites, self.hidden.suite),
        )


@dataclass(frozen=True)
class Rubric:
    path: Path
    problems: tuple[Problem, ...]  # in file order

    def problem(self, problem_id: str) -> Problem:
        for problem in self.problems:
            if problem.id == problem_id:
                return problem
        raise KeyError(problem_id)

    @property
    def assignments(self) -> tuple[str, ...]:
        """The problem sets, in file order."""
        return tuple(dict.fromkeys(p.assignment for p in self.problems))

    def select(self, only: str | None) -> tuple[Problem, ...]:
        """The problems named in a comma-separated ``--only`` of problem ids and problem-set
        names, mixed (all when None), in file order."""
        if not only:
            return self.problems
        wanted = [item.strip() for item in only.split(",") if item.strip()]
        known = [p.id for p in self.problems]
        unknown = [w for w in wanted if w not in known and w not in self.assignments]
        if unknown:
            raise RubricError(
                f"unknown problem id {', '.join(unknown)}; known ids: {', '.join(known)}; "
                f"problem sets: {', '.join(self.assignments)}"
            )
        return tuple(p for p in self.problems if p.id in wanted or p.assignment in wanted)


def load_rubric(path: Path) -> Rubric:
    path = Path(path)
    if not path.is_file():
        raise RubricError(f"{path}: file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise RubricError(f"{path}: not valid YAML: {first}") from None
    return _Reader(path).rubric(data)


class _Reader:
    def __init__(self, path: Path):
        self.path = path
        self.root = path.resolve().parent

    def fail(self, where: str, what: str) -> RubricError:
        return RubricError(f"{self.path}: {where}: {what}")

    def mapping(self, value: Any, where: str, required: set[str], optional: set[str] = frozenset()):
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping, got {type(value).__name__}")
        unknown = sorted(set(map(str, value)) - required - optional)
        if unknown:
            allowed = ", ".join(sorted(required | optional))
            raise self.fail(where, f"unknown key '{unknown[0]}' (allowed: {allowed})")
        missing = sorted(required - set(value))
        if missing:
            raise self.fail(where, f"missing key '{missing[0]}'")
        return value

    def entries(self, value: Any, where: str) -> dict:
        """A non-empty mapping whose keys are ids (problems, tests, assignments)."""
        if not isinstance(value, dict) or not value:
            raise self.fail(where, "expected a non-empty mapping")
        return value

    def rubric(self, data: Any) -> Rubric:
        data = self.mapping(data, "top level", {"version", "limits", "assignments"})
        if data["version"] != 1:
            raise self.fail("version", f"unsupported version {data['version']!r} (expected 1)")
        defaults = self.limits(data["limits"], "limits", partial=False)
        assignments = self.entries(data["assignments"], "assignments")
        problems: list[Problem] = []
        for assignment, body in assignments.items():
            where = f"assignments.{assignment}"
            self.identifier(assignment, where)
            body = self.mapping(body, where, {"title", "problems"})
            self.text(body["title"], f"{where}.title")
            entries = self.entries(body["problems"], f"{where}.problems")
            for problem_id, spec in entries.items():
                problems.append(self.problem(assignment, problem_id, spec, defaults))
        ids = [p.id for p in problems]
        twice = next((i for i in ids if ids.count(i) > 1), None)
        if twice:
            raise self.fail("assignments", f"problem id '{twice}' is used by two problems")
        suites = [s for p in problems for s in p.with_hidden().suites]
        resolved = [s.resolve() for s in suites]
        twice = next((s for s in suites if resolved.count(s.resolve()) > 1), None)
        if twice:
            raise self.fail("assignments", f"suite '{twice.name}' is used by two problems")
        return Rubric(self.path, tuple(problems))

    def problem(self, assignment: str, problem_id: str, spec: Any, defaults: dict) -> Problem:
        where = f"assignments.{assignment}.problems.{problem_id}"
        self.identifier(problem_id, where)
        spec = self.mapping(
            spec,
            where,
            {"title", "suite", "forbidden_imports", "tests"},
            {"limits", "hidden_suite", "hidden_tests"},
        )
        suite = self.suite(spec["suite"], f"{where}.suite")
        forbidden = spec["forbidden_imports"]
        if not isinstance(forbidden, list) or not all(
            isinstance(m, str) and _MODULE.match(m) for m in forbidden
        ):
            raise self.fail(
                f"{where}.forbidden_imports", "expected a list of module names ([] for none)"
            )
        limits = dict(defaults)
        if "limits" in spec:
            limits.update(self.limits(spec["limits"], f"{where}.limits", partial=True))
        tests = self.tests(spec["tests"], f"{where}.tests")
        return Problem(
            id=problem_id,
            title=self.text(spec["title"], f"{where}.title"),
            assignment=assignment,
            suite=suite,
            forbidden_imports=tuple(forbidden),
            limits=Limits(**limits),
            tests=tests,
            hidden=self.hidden(spec, where, tests),
        )

    def suite(self, value: Any, where: str) -> Path:
        suite = self.root / self.text(value, where)
        if not suite.is_file():
            raise self.fail(where, f"file not found: {value}")
        return suite

    def hidden(self, spec: dict, where: str, tests: tuple[TestSpec, ...]) -> HiddenSuite | None:
        """``hidden_suite`` and ``hidden_tests``: both or neither."""
        given = [key for key in ("hidden_suite", "hidden_tests") if key in spec]
        if not given:
            return None
        if len(given) == 1:
            other = "hidden_tests" if given == ["hidden_suite"] else "hidden_suite"
            raise self.fail(
                f"{where}.{other}",
                f"missing: {given[0]} needs {other} (the suite and its tests' points go together)",
            )
        suite = self.suite(spec["hidden_suite"], f"{where}.hidden_suite")
        hidden_tests = self.tests(spec["hidden_tests"], f"{where}.hidden_tests")
        visible = {t.id for t in tests}
        clash = next((t.id for t in hidden_tests if t.id in visible), None)
        if clash:
            raise self.fail(
                f"{where}.hidden_tests.{clash}", "this test id is also under tests: rename one"
            )
        return HiddenSuite(suite, hidden_tests)

    def tests(self, value: Any, where: str) -> tuple[TestSpec, ...]:
        entries = self.entries(value, where)
        tests = []
        for test_id, spec in entries.items():
            here = f"{where}.{test_id}"
            if not isinstance(test_id, str) or not _TEST_ID.match(test_id):
                raise self.fail(here, "a test id is a pytest function name starting with test_")
            spec = self.mapping(spec, here, {"category", "points"})
            if spec["category"] not in CATEGORIES:
                raise self.fail(
                    f"{here}.category",
                    f"'{spec['category']}' is not one of {', '.join(CATEGORIES)}",
                )
            points = spec["points"]
            if isinstance(points, bool) or not isinstance(points, (int, float)) or not points > 0:
                raise self.fail(f"{here}.points", f"expected a positive number, got {points!r}")
            tests.append(TestSpec(test_id, spec["category"], float(points)))
        return tuple(tests)

    def limits(self, value: Any, where: str, partial: bool) -> dict:
        names = {f.name for f in dataclasses.fields(Limits)}
        value = self.mapping(value, where, set() if partial else names, names)
        for name, number in value.items():
            if isinstance(number, bool) or not isinstance(number, (int, float)) or not number > 0:
                raise self.fail(f"{where}.{name}", f"expected a positive number, got {number!r}")
            if name in WHOLE_LIMITS and number != int(number):
                raise self.fail(f"{where}.{name}", f"expected a whole number, got {number!r}")
        return {k: (int(v) if k in WHOLE_LIMITS else float(v)) for k, v in value.items()}

    def identifier(self, value: Any, where: str) -> None:
        if not isinstance(value, str) or not _ID.match(value):
            raise self.fail(where, f"'{value}' is not a valid id (lower case, digits, _)")

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "expected non-empty text")
        return value
