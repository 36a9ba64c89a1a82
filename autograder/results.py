"""The results of a grading run: frozen dataclasses and their JSON form (DESIGN.md, "Results")."""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass
from typing import Any

CATEGORIES = ("shapes", "correctness", "stability", "gradient", "complexity")
OUTCOMES = ("passed", "failed", "error", "timeout", "not_implemented")
STATUSES = ("graded", "missing", "error")
ISOLATIONS = ("bubblewrap", "process")


@dataclass(frozen=True)
class TestResult:
    __test__ = False  # not a pytest test class, despite the name

    id: str
    category: str
    score: float
    max_score: float
    outcome: str
    message: str


@dataclass(frozen=True)
class ProblemResult:
    id: str
    title: str
    assignment: str
    score: float
    max_score: float
    status: str  # graded, missing, error
    tests: tuple[TestResult, ...]

    @property
    def reason(self) -> str:
        """Why a problem that was not graded got no points (every test carries the same text)."""
        return self.tests[0].message if self.status != "graded" and self.tests else ""


@dataclass(frozen=True)
class GradeResult:
    score: float
    max_score: float
    isolation: str  # bubblewrap or process
    problems: tuple[ProblemResult, ...]

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2) + "\n"

    @property
    def grader_errors(self) -> list[str]:
        return [
            f"{p.id}::{t.id}: {t.message}"
            for p in self.problems
            for t in p.tests
            if t.message.startswith("grader error")
        ]


class ResultsError(ValueError):
    """A results JSON that is not what ``GradeResult.to_json`` writes; the message says where."""


_PROBLEM_ID = re.compile(r"^[a-z][a-z0-9_]{0,99}$")
_TEST_ID = re.compile(r"^test_[A-Za-z0-9_]{1,200}$")
MAX_TEXT = 4000  # characters of one message or title kept from a results file


def from_json(text: str) -> GradeResult:
    """Read a results JSON back, checking every key, type and value: it may come from an
    untrusted place (a pull request's artifact), so nothing in it is taken on faith."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ResultsError(f"not valid JSON: {exc}") from None
    top = _fields(data, "results", {"score", "max_score", "isolation", "problems"})
    problems = top["problems"]
    if not isinstance(problems, list) or len(problems) > 1000:
        raise ResultsError("results.problems: expected a list of at most 1000 problems")
    result = GradeResult(
        score=_number(top["score"], "results.score"),
        max_score=_number(top["max_score"], "results.max_score"),
        isolation=_choice(top["isolation"], ISOLATIONS, "results.isolation"),
        problems=tuple(_problem(p, f"results.problems[{i}]") for i, p in enumerate(problems)),
    )
    _check_sums(result.score, [p.score for p in result.problems], "results.score")
    _check_sums(result.max_score, [p.max_score for p in result.problems], "results.max_score")
    return result


def _problem(data: Any, where: str) -> ProblemResult:
    keys = {"id", "title", "assignment", "score", "max_score", "status", "tests"}
    data = _fields(data, where, keys)
    tests = data["tests"]
    if not isinstance(tests, list) or len(tests) > 1000:
        raise ResultsError(f"{where}.tests: expected a list of at most 1000 tests")
    problem = ProblemResult(
        id=_matching(data["id"], _PROBLEM_ID, f"{where}.id"),
        title=_text(data["title"], f"{where}.title"),
        assignment=_matching(data["assignment"], _PROBLEM_ID, f"{where}.assignment"),
        score=_number(data["score"], f"{where}.score"),
        max_score=_number(data["max_score"], f"{where}.max_score"),
        status=_choice(data["status"], STATUSES, f"{where}.status"),
        tests=tuple(_test(t, f"{where}.tests[{i}]") for i, t in enumerate(tests)),
    )
    _check_sums(problem.score, [t.score for t in problem.tests], f"{where}.score")
    _check_sums(problem.max_score, [t.max_score for t in problem.tests], f"{where}.max_score")
    return problem


def _test(data: Any, where: str) -> TestResult:
    data = _fields(data, where, {"id", "category", "score", "max_score", "outcome", "message"})
    test = TestResult(
        id=_matching(data["id"], _TEST_ID, f"{where}.id"),
        category=_choice(data["category"], CATEGORIES, f"{where}.category"),
        score=_number(data["score"], f"{where}.score"),
        max_score=_number(data["max_score"], f"{where}.max_score"),
        outcome=_choice(data["outcome"], OUTCOMES, f"{where}.outcome"),
        message=_text(data["message"], f"{where}.message"),
    )
    if test.score not in (0.0, test.max_score) or (test.score > 0) != (test.outcome == "passed"):
        raise ResultsError(f"{where}: a test scores all its points when passed, else 0")
    return test


def _fields(data: Any, where: str, keys: set[str]) -> dict:
    if not isinstance(data, dict) or set(data) != keys:
        raise ResultsError(f"{where}: expected an object with exactly the keys {sorted(keys)}")
    return data


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ResultsError(f"{where}: expected a number, got {str(value)[:40]!r}")
    if not 0 <= value <= 1e6:
        raise ResultsError(f"{where}: {value} is out of range")
    return float(value)


def _choice(value: Any, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise ResultsError(f"{where}: expected one of {', '.join(allowed)}")
    return value


def _matching(value: Any, pattern: re.Pattern, where: str) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        raise ResultsError(f"{where}: not a valid id")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ResultsError(f"{where}: expected text")
    return value[:MAX_TEXT]


def _check_sums(total: float, parts: list[float], where: str) -> None:
    if abs(total - sum(parts)) > 1e-6:
        raise ResultsError(f"{where}: {total:g} is not the sum of its parts ({sum(parts):g})")
