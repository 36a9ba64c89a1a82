"""Read and validate ``grading.yml``: the one source of truth for points, categories and limits.

Nothing has a default in code. A missing key, an unknown key, a bad value or a missing file is a
``RubricError`` whose one-line message names the file and the key path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from autograder.results import CATEGORIES
from autograder.sandbox.launch import Limits

__all__ = ["CATEGORIES", "Problem", "Rubric", "RubricError", "TestSpec", "load_rubric"]
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
class Problem:
    id: str
    title: str
    assignment: str
    suite: Path  # absolute path of the pytest suite
    forbidden_imports: tuple[str, ...]
    limits: Limits
    tests: tuple[TestSpec, ...]

    @property
    def max_score(self) -> float:
        return sum(t.points for t in self.tests)


@dataclass(frozen=True)
class Rubric:
    path: Path
    problems: tuple[Problem, ...]  # in file order

    def problem(self, problem_id: str) -> Problem:
        for problem in self.problems:
            if problem.id == problem_id:
                return problem
        raise KeyError(problem_id)

    def select(self, only: str | None) -> tuple[Problem, ...]:
        """The problems named in a comma-separated ``--only`` (all when None)."""
        if not only:
            return self.problems
        wanted = [item.strip() for item in only.split(",") if item.strip()]
        known = [p.id for p in self.problems]
        unknown = [w for w in wanted if w not in known]
        if unknown:
            raise RubricError(
                f"unknown problem id {', '.join(unknown)}; known ids: {', '.join(known)}"
            )
        return tuple(p for p in self.problems if p.id in wanted)


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
        for key, what in ((lambda p: p.id, "problem id"), (lambda p: p.suite.resolve(), "suite")):
            seen = [key(p) for p in problems]
            twice = next((p for p in problems if seen.count(key(p)) > 1), None)
            if twice:
                shown = twice.id if what == "problem id" else twice.suite.name
                raise self.fail("assignments", f"{what} '{shown}' is used by two problems")
        return Rubric(self.path, tuple(problems))

    def problem(self, assignment: str, problem_id: str, spec: Any, defaults: dict) -> Problem:
        where = f"assignments.{assignment}.problems.{problem_id}"
        self.identifier(problem_id, where)
        spec = self.mapping(
            spec, where, {"title", "suite", "forbidden_imports", "tests"}, {"limits"}
        )
        suite = self.root / self.text(spec["suite"], f"{where}.suite")
        if not suite.is_file():
            raise self.fail(f"{where}.suite", f"file not found: {spec['suite']}")
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
        )

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
        names = {
            "wall_seconds",
            "call_seconds",
            "memory_mb",
            "cpu_seconds",
            "output_kb",
            "processes",
        }
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
