"""`release`: nbgrader strips the solutions, copies only notebooks, is byte-identical on re-run,
and refreshes assignments/ without touching a student's edits. Runs on a temporary copy."""

import json
import shutil

import pytest

from autograder.release import ReleaseError, add_check_cells, check_cell, is_check_cell, release

from conftest import P06, REPO

RELEASED = f"release/{P06[0]}/{P06[1]}.ipynb"
ASSIGNED = f"assignments/{P06[0]}/{P06[1]}.ipynb"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A copy of the instructor's files, released once (every set: 25 s); the release as it
    came out, before any test edits the copy. The tests that release again release P6's set
    only."""
    root = tmp_path_factory.mktemp("course")
    shutil.copytree(REPO / "source", root / "source")
    shutil.copy(REPO / "nbgrader_config.py", root)
    lines = list(release(root))
    first = {nb.relative_to(root): nb.read_bytes() for nb in (root / "release").rglob("*.ipynb")}
    return root, lines, first


def solution_lines(notebook_path):
    """Every line inside a BEGIN/END SOLUTION region of a source notebook."""
    lines, inside = [], False
    for cell in json.loads(notebook_path.read_text())["cells"]:
        for line in "".join(cell["source"]).splitlines():
            if "END SOLUTION" in line:
                inside = False
            if inside and len(line.strip()) > 3:
                lines.append(line.strip())
            if "BEGIN SOLUTION" in line:
                inside = True
    return lines


def test_release_writes_the_notebook_and_creates_the_student_copy(course):
    root, lines, _ = course
    assert (root / RELEASED).is_file() and (root / ASSIGNED).is_file()
    assert f"released {P06[0]}/{P06[1]}.ipynb; created {ASSIGNED}" in lines
    assert all("; created assignments/" in line for line in lines)  # one per notebook


def test_only_notebooks_are_released(course):
    root, _, _ = course
    released = sorted(
        p.relative_to(root / "release") for p in (root / "release").rglob("*") if p.is_file()
    )
    assert all(p.suffix == ".ipynb" for p in released), released
    assert not (root / "release" / P06[0] / "variants").exists()


def test_no_solution_line_reaches_the_release(course):
    root, _, _ = course
    released = json.loads((root / RELEASED).read_text())
    text = "\n".join("".join(c["source"]) for c in released["cells"])
    solutions = solution_lines(root / "source" / P06[0] / f"{P06[1]}.ipynb")
    assert len(solutions) > 20
    leaked = [
        line for line in solutions if line in text.splitlines() and line not in (")", "return")
    ]
    assert not leaked
    assert text.count("raise NotImplementedError()") >= 3
    assert "def softmax_rows(logits):" in text and "def cross_entropy(logits, labels):" in text


def test_a_second_release_is_byte_identical_and_keeps_edits(course):
    root, _, _ = course
    first = (root / RELEASED).read_bytes()
    (root / ASSIGNED).write_text((root / ASSIGNED).read_text().replace("YOUR CODE HERE", "my work"))
    lines = list(release(root, only=[P06[0]]))
    assert (root / RELEASED).read_bytes() == first
    assert "my work" in (root / ASSIGNED).read_text()
    assert f"released {P06[0]}/{P06[1]}.ipynb; kept {ASSIGNED}: it has the student's edits" in lines
    others = [line for line in lines if P06[1] not in line]
    assert all(line.endswith("is up to date") for line in others)


def test_an_unedited_student_copy_follows_a_new_release(course):
    root, _, _ = course
    shutil.copyfile(root / RELEASED, root / ASSIGNED)  # the student has not started
    source = root / "source" / P06[0] / f"{P06[1]}.ipynb"
    source.write_text(source.read_text().replace("# P6 · Softmax", "# P6 (revised) · Softmax"))
    lines = list(release(root, only=[P06[0]]))
    assert f"released {P06[0]}/{P06[1]}.ipynb; refreshed {ASSIGNED}" in lines
    assert "(revised)" in (root / ASSIGNED).read_text()


def test_the_committed_release_is_what_release_produces(course):
    _, _, first = course
    committed = sorted(p.relative_to(REPO) for p in (REPO / "release").rglob("*.ipynb"))
    assert sorted(first) == committed
    for path, released in first.items():
        assert (REPO / path).read_bytes() == released, f"{path}: run `make release`"


def test_the_check_cell_is_added_once_as_the_last_cell_and_kept_there(tmp_path):
    shutil.copytree(REPO / "source" / P06[0], tmp_path / "source" / P06[0])
    source = tmp_path / "source" / P06[0] / f"{P06[1]}.ipynb"
    assert add_check_cells(tmp_path) == []  # the committed notebooks have theirs
    data = json.loads(source.read_text())
    assert data["cells"][-1] == check_cell(P06[1])
    assert data["cells"][-1]["metadata"]["nbgrader"]["locked"] is True
    cell = data["cells"].pop()  # a notebook merged in without one, or with it in the middle
    data["cells"].insert(3, cell | {"source": ["from autograder import check\n", "check('old')"]})
    source.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    assert add_check_cells(tmp_path) == [source]
    cells = json.loads(source.read_text())["cells"]
    assert cells[-1] == check_cell(P06[1]) and sum(map(is_check_cell, cells)) == 1
    assert add_check_cells(tmp_path) == []  # idempotent
    cells[0]["id"] = "p06_check"  # the id is the check cell's: another cell may not take it
    source.write_text(json.dumps({**json.loads(source.read_text()), "cells": cells}))
    with pytest.raises(ReleaseError, match="the id p06_check is taken by another cell"):
        add_check_cells(tmp_path)
