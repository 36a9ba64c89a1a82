"""The results of a grading run: frozen dataclasses and their JSON form (DESIGN.md, "Results")."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

OUTCOMES = ("passed", "failed", "error", "timeout", "not_implemented")


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
