"""Scoring is a pure function of rubric and outcomes; renderers only format."""

import re
from pathlib import Path

from autograder.render import markdown, terminal
from autograder.rubric import Problem, TestSpec
from autograder.runner import Outcome, ProblemRun
from autograder.sandbox.launch import Limits
from autograder.score import score

LIMITS = Limits(10, 5, 1024, 10, 16, 32)


def problem(problem_id, *tests):
    specs = tuple(TestSpec(t, c, p) for t, c, p in tests)
    return Problem(problem_id, problem_id.title(), "ps_x", Path("suite.py"), (), LIMITS, specs)


P_A = problem("p_a", ("test_shape", "shapes", 1), ("test_value", "correctness", 3))
P_B = problem("p_b", ("test_fast", "complexity", 2))


def test_points_only_for_passed_tests_and_zero_for_unloadable_problems():
    runs = {
        "p_a": ProblemRun(
            "p_a",
            "graded",
            outcomes={
                "test_shape": Outcome("passed", ""),
                "test_value": Outcome("failed", "got 1, expected 2 | <b>"),
            },
        ),
        "p_b": ProblemRun("p_b", "missing", "ps_x/p_b.ipynb not found"),
    }
    result = score((P_A, P_B), runs, "process")
    assert (result.score, result.max_score) == (1, 6)
    a, b = result.problems
    assert (a.score, a.max_score, a.status) == (1, 4, "graded")
    assert (b.score, b.status, b.reason) == (0, "missing", "ps_x/p_b.ipynb not found")
    assert [t.outcome for t in b.tests] == ["error"]
    assert score((P_A, P_B), runs, "process") == result  # pure: same input, same result


def test_renderers_show_the_categories_and_escape_student_text():
    runs = {
        "p_a": ProblemRun(
            "p_a",
            "graded",
            outcomes={
                "test_shape": Outcome("passed", ""),
                "test_value": Outcome("failed", "got 1 | <script> @someone"),
            },
        ),
        "p_b": ProblemRun("p_b", "graded", outcomes={"test_fast": Outcome("passed", "")}),
    }
    result = score((P_A, P_B), runs, "bubblewrap")
    text = terminal(result)
    assert "3 / 6 points" in text and "worker isolation: bubblewrap" in text
    assert "1/1" in text and "0/3" in text and "2/2" in text
    md = markdown(result)
    assert "| `p_a` | 1/1 | 0/3 | · | · | · | **1/4** |" in md
    assert "<script>" not in md and "&lt;script&gt;" in md and "\\|" in md
    assert "@someone" not in md  # no mentions from student text
    assert terminal(result) == text and markdown(result) == md  # deterministic


def test_a_problem_not_started_is_one_line_naming_its_functions():
    runs = {
        "p_a": ProblemRun(
            "p_a",
            "graded",
            outcomes={
                "test_shape": Outcome("not_implemented", "`relu` is not implemented yet"),
                "test_value": Outcome("not_implemented", "`Tower.__init__` is not implemented yet"),
            },
        ),
        "p_b": ProblemRun("p_b", "graded", outcomes={"test_fast": Outcome("passed", "")}),
    }
    text = terminal(score((P_A, P_B), runs, "process"))
    assert "… not implemented yet: relu, Tower.__init__" in text
    md = markdown(score((P_A, P_B), runs, "process"))
    assert "**p_a** not implemented yet: relu, Tower.__init__" in md
    assert "<details>" not in md  # nothing to unfold
    assert "test_shape" not in text  # no line per test


def test_colored_table_is_the_plain_table_plus_ansi_codes_only():
    runs = {
        "p_a": ProblemRun(
            "p_a",
            "graded",
            outcomes={
                "test_shape": Outcome("passed", ""),
                "test_value": Outcome("failed", "got 1, expected 2"),
            },
        ),
        "p_b": ProblemRun("p_b", "graded", outcomes={"test_fast": Outcome("passed", "")}),
    }
    result = score((P_A, P_B), runs, "process")
    plain, colored = terminal(result), terminal(result, color=True)
    assert "\033[" not in plain
    assert re.sub(r"\033\[[0-9;]*m", "", colored) == plain
    assert "\033[32m        1/1\033[0m" in colored  # p_a's full shapes: green
    assert "\033[31m        0/3\033[0m" in colored  # p_a's lost correctness: red
    assert "\033[33m      1/4\033[0m" in colored  # p_a's partial total: yellow
