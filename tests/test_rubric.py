"""grading.yml: the real one loads; every mistake is one line naming the file and the key."""

import pytest
import yaml

from autograder.rubric import CATEGORIES, RubricError, load_rubric

from conftest import REPO

VALID = {
    "version": 1,
    "limits": {
        "wall_seconds": 30,
        "call_seconds": 5,
        "memory_mb": 1024,
        "cpu_seconds": 30,
        "output_kb": 16,
        "processes": 32,
    },
    "assignments": {
        "ps_demo": {
            "title": "Demo",
            "problems": {
                "p_demo": {
                    "title": "A demo problem",
                    "suite": "suite.py",
                    "forbidden_imports": ["torch"],
                    "limits": {"call_seconds": 2},
                    "tests": {"test_one": {"category": "shapes", "points": 2}},
                }
            },
        }
    },
}


def write(tmp_path, data):
    (tmp_path / "suite.py").write_text("def test_one(student):\n    pass\n")
    path = tmp_path / "grading.yml"
    path.write_text(yaml.safe_dump(data) if not isinstance(data, str) else data)
    return path


def test_the_projects_grading_yml_is_valid():
    rubric = load_rubric(REPO / "grading.yml")
    assert rubric.problems, "grading.yml lists no problems"
    for problem in rubric.problems:
        assert problem.max_score > 0
        assert {t.category for t in problem.tests} <= set(CATEGORIES)


def test_p06_has_tests_in_all_five_categories_and_forbids_torch():
    p06 = load_rubric(REPO / "grading.yml").problem("p06_softmax_cross_entropy")
    assert {t.category for t in p06.tests} == set(CATEGORIES)
    assert {"torch", "scipy", "sklearn"} <= set(p06.forbidden_imports)


def test_a_valid_file_loads_with_per_problem_limits_over_the_defaults(tmp_path):
    rubric = load_rubric(write(tmp_path, VALID))
    (problem,) = rubric.problems
    assert problem.limits.call_seconds == 2 and problem.limits.wall_seconds == 30
    assert problem.max_score == 2 and problem.suite == tmp_path / "suite.py"


def mutate(path, value):
    data = yaml.safe_load(yaml.safe_dump(VALID))
    node = data
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


PROBLEM = ("assignments", "ps_demo", "problems", "p_demo")


@pytest.mark.parametrize(
    "path, value, expected",
    [
        (("pionts",), 3, "unknown key 'pionts'"),
        ((*PROBLEM, "tests", "test_one", "category"), "speed", "'speed' is not one of"),
        ((*PROBLEM, "tests", "test_one", "points"), 0, "expected a positive number"),
        ((*PROBLEM, "tests", "test_one", "points"), KeyError, "missing key 'points'"),
        ((*PROBLEM, "tests"), {}, "expected a non-empty mapping"),
        ((*PROBLEM, "suite"), "nowhere.py", "file not found: nowhere.py"),
        ((*PROBLEM, "forbidden_imports"), "torch", "expected a list of module names"),
        ((*PROBLEM, "limits", "memory_mb"), -5, "expected a positive number"),
        (("limits", "cpu_seconds"), KeyError, "missing key 'cpu_seconds'"),
        (("version",), 2, "unsupported version"),
    ],
)
def test_each_mistake_is_one_line_naming_the_file_and_key(tmp_path, path, value, expected):
    with pytest.raises(RubricError) as caught:
        load_rubric(write(tmp_path, mutate(path, value)))
    message = str(caught.value)
    assert expected in message
    assert str(tmp_path / "grading.yml") in message
    assert "\n" not in message


def test_missing_file_and_bad_yaml_are_one_line_errors(tmp_path):
    with pytest.raises(RubricError, match="file not found"):
        load_rubric(tmp_path / "grading.yml")
    with pytest.raises(RubricError, match="not valid YAML"):
        load_rubric(write(tmp_path, "version: [1\n"))


def test_unknown_only_id_lists_the_known_ones(tmp_path):
    rubric = load_rubric(write(tmp_path, VALID))
    with pytest.raises(RubricError, match="unknown problem id p99; known ids: p_demo"):
        rubric.select("p99")
    assert [p.id for p in rubric.select("p_demo")] == ["p_demo"]


def test_two_problems_cannot_share_a_suite(tmp_path):
    data = mutate(("assignments", "ps_demo", "problems"), None)
    problem = VALID["assignments"]["ps_demo"]["problems"]["p_demo"]
    data["assignments"]["ps_demo"]["problems"] = {"p_one": problem, "p_two": problem}
    with pytest.raises(RubricError, match="suite 'suite.py' is used by two problems"):
        load_rubric(write(tmp_path, data))


def test_only_takes_problem_ids_and_set_names_mixed(tmp_path):
    data = mutate(("assignments", "ps_demo", "problems"), None)
    problem = VALID["assignments"]["ps_demo"]["problems"]["p_demo"]
    (tmp_path / "other.py").write_text("def test_one(student):\n    pass\n")
    data["assignments"]["ps_demo"]["problems"] = {"p_demo": problem}
    data["assignments"]["ps_more"] = {
        "title": "More",
        "problems": {"p_more": {**problem, "suite": "other.py"}},
    }
    rubric = load_rubric(write(tmp_path, data))
    assert [p.id for p in rubric.select("ps_more")] == ["p_more"]
    assert [p.id for p in rubric.select("p_more, ps_demo")] == ["p_demo", "p_more"]
    with pytest.raises(RubricError, match="problem sets: ps_demo, ps_more"):
        rubric.select("ps_less")


HIDDEN = {
    "hidden_suite": "hidden.py",
    "hidden_tests": {"test_secret": {"category": "stability", "points": 1}},
}


def with_hidden(tmp_path, **changes):
    (tmp_path / "hidden.py").write_text("def test_secret(student):\n    pass\n")
    data = mutate(PROBLEM, None)
    data["assignments"]["ps_demo"]["problems"]["p_demo"] = {
        **VALID["assignments"]["ps_demo"]["problems"]["p_demo"],
        **HIDDEN,
        **changes,
    }
    return data


def test_a_hidden_suite_is_scored_only_when_joined_with_with_hidden(tmp_path):
    (problem,) = load_rubric(write(tmp_path, with_hidden(tmp_path))).problems
    assert [t.id for t in problem.tests] == ["test_one"] and problem.max_score == 2
    assert problem.suites == (tmp_path / "suite.py",)
    joined = problem.with_hidden()
    assert [t.id for t in joined.tests] == ["test_one", "test_secret"] and joined.max_score == 3
    assert joined.suites == (tmp_path / "suite.py", tmp_path / "hidden.py")
    assert joined.with_hidden() == joined  # joining twice adds nothing


@pytest.mark.parametrize(
    "changes, key, expected",
    [
        ({"hidden_tests": KeyError}, "p_demo.hidden_tests", "hidden_suite needs hidden_tests"),
        ({"hidden_suite": KeyError}, "p_demo.hidden_suite", "hidden_tests needs hidden_suite"),
        ({"hidden_suite": "gone.py"}, "p_demo.hidden_suite", "file not found: gone.py"),
        ({"hidden_suite": "suite.py"}, "assignments", "suite 'suite.py' is used by two"),
        ({"hidden_tests": {}}, "p_demo.hidden_tests", "expected a non-empty mapping"),
        (
            {"hidden_tests": {"test_secret": {"category": "secret", "points": 1}}},
            "hidden_tests.test_secret.category",
            "'secret' is not one of",
        ),
        (
            {"hidden_tests": {"test_one": {"category": "shapes", "points": 1}}},
            "hidden_tests.test_one",
            "also under tests",
        ),
    ],
)
def test_hidden_suite_mistakes_are_one_line_naming_the_key(tmp_path, changes, key, expected):
    data = with_hidden(tmp_path)
    spec = data["assignments"]["ps_demo"]["problems"]["p_demo"]
    for name, value in changes.items():
        if value is KeyError:
            del spec[name]
        else:
            spec[name] = value
    with pytest.raises(RubricError) as caught:
        load_rubric(write(tmp_path, data))
    message = str(caught.value)
    assert key in message and expected in message and "\n" not in message
