"""Probes and tensors: what a suite needs for code whose objects cannot cross as data.

A probe is a function of the suite that runs in the worker against the student's namespace and
returns plain data; torch tensors cross as their values. Runs from a temporary folder."""

import textwrap

import yaml

from conftest import grade

SUITE = """
import numpy as np
import torch


def probe_linear(ns, in_dim, out_dim, seed):
    import torch  # a probe runs in the worker: it imports what it needs itself

    torch.manual_seed(seed)
    model = ns["Linear"](in_dim, out_dim)
    x = torch.randn(3, in_dim, dtype=torch.float64)
    out = model(x.to(model.weight.dtype))
    return {"x": x, "out": out, "weight": model.weight, "bias": model.bias}


def test_probe_returns_plain_data(student):
    got = student.probe(probe_linear, in_dim=4, out_dim=2, seed=0)
    assert isinstance(got["out"], torch.Tensor) and got["out"].shape == (3, 2)
    expected = got["x"].float() @ got["weight"].T + got["bias"]  # checked here, not trusted
    assert torch.allclose(got["out"], expected, atol=1e-6)


def test_tensors_cross_both_ways(student):
    u = torch.arange(6, dtype=torch.float64).reshape(2, 3)
    out = student.double(u)
    assert isinstance(out, torch.Tensor) and out.dtype == torch.float64
    assert torch.equal(out, 2 * u)


def test_a_missing_class_is_reported_by_name(student):
    student.probe(probe_missing)


def probe_missing(ns):
    return ns["NoSuchModel"]
"""

STUDENT = """
import torch


class Linear(torch.nn.Module):
    def __init__(self, in_dim, out_dim):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.randn(out_dim, in_dim))
        self.bias = torch.nn.Parameter(torch.zeros(out_dim))

    def forward(self, x):
        return x @ self.weight.T + self.bias


def double(t):
    return t * 2
"""


def test_probes_and_tensors_work_end_to_end(tmp_path):
    (tmp_path / "suite_probe.py").write_text(textwrap.dedent(SUITE))
    tests = [
        "test_probe_returns_plain_data",
        "test_tensors_cross_both_ways",
        "test_a_missing_class_is_reported_by_name",
    ]
    rubric = {
        "version": 1,
        "limits": {
            "wall_seconds": 60,
            "call_seconds": 30,
            "memory_mb": 4096,
            "cpu_seconds": 60,
            "output_kb": 16,
            "processes": 32,
        },
        "assignments": {
            "ps_probe": {
                "title": "Probes",
                "problems": {
                    "p_probe": {
                        "title": "Probe demo",
                        "suite": "suite_probe.py",
                        "forbidden_imports": [],
                        "tests": {t: {"category": "correctness", "points": 1} for t in tests},
                    }
                },
            }
        },
    }
    (tmp_path / "grading.yml").write_text(yaml.safe_dump(rubric))
    folder = tmp_path / "submission" / "ps_probe"
    folder.mkdir(parents=True)
    (folder / "p_probe.py").write_text(STUDENT)
    graded = grade(tmp_path / "submission", "--rubric", str(tmp_path / "grading.yml"), tmp=tmp_path)
    assert graded.returncode == 0, graded.stderr
    outcome = {t["id"]: t for t in graded.problem("p_probe")["tests"]}
    assert outcome["test_probe_returns_plain_data"]["outcome"] == "passed", outcome
    assert outcome["test_tensors_cross_both_ways"]["outcome"] == "passed", outcome
    missing = outcome["test_a_missing_class_is_reported_by_name"]
    assert missing["outcome"] == "not_implemented"
    assert "`NoSuchModel` is not defined in p_probe.py" in missing["message"]


def test_a_forbidden_module_cannot_be_imported_but_can_be_looked_up(tmp_path):
    """torch.optim asks importlib.util.find_spec("sklearn") just to see whether it exists; that
    must not fail a problem that forbids sklearn, while importing it still must."""
    suite = (
        "def test_lookup(student):\n"
        "    assert student.lookup() is True\n\n"
        "def test_import(student):\n"
        "    student.use()\n"
    )
    code = (
        "import importlib\nimport importlib.util\n\n"
        "def lookup():\n"
        "    return importlib.util.find_spec('mailbox') is not None\n\n"
        "def use():\n"
        "    return importlib.import_module('mail' + 'box')  # unseen by the static check\n"
    )
    (tmp_path / "suite_forbid.py").write_text(suite)
    rubric = {
        "version": 1,
        "limits": {
            "wall_seconds": 30,
            "call_seconds": 10,
            "memory_mb": 2048,
            "cpu_seconds": 30,
            "output_kb": 16,
            "processes": 32,
        },
        "assignments": {
            "ps_forbid": {
                "title": "Forbidden imports",
                "problems": {
                    "p_forbid": {
                        "title": "Forbid mailbox",
                        "suite": "suite_forbid.py",
                        "forbidden_imports": ["mailbox"],
                        "tests": {
                            "test_lookup": {"category": "correctness", "points": 1},
                            "test_import": {"category": "correctness", "points": 1},
                        },
                    }
                },
            }
        },
    }
    (tmp_path / "grading.yml").write_text(yaml.safe_dump(rubric))
    folder = tmp_path / "submission" / "ps_forbid"
    folder.mkdir(parents=True)
    (folder / "p_forbid.py").write_text(code)
    graded = grade(tmp_path / "submission", "--rubric", str(tmp_path / "grading.yml"), tmp=tmp_path)
    outcome = {t["id"]: t for t in graded.problem("p_forbid")["tests"]}
    assert outcome["test_lookup"]["outcome"] == "passed", outcome
    assert outcome["test_import"]["outcome"] == "error"
    assert "`mailbox` may not be used in p_forbid" in outcome["test_import"]["message"]
