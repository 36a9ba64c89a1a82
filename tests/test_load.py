"""Finding a submission and turning a notebook into code cells."""

import json

import nbformat

from autograder.load import forbidden_imports, load_submission
from autograder.release import check_cell

PS, PID = "ps_demo", "p_demo"


def notebook(*cells, nbformat_version=4):
    nb = nbformat.v4.new_notebook()
    for kind, source in cells:
        make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        nb.cells.append(make(source))
    return nbformat.writes(nb)


def put(tmp_path, name, content):
    folder = tmp_path / PS
    folder.mkdir(exist_ok=True)
    path = folder / name
    (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
    return path


def test_code_cells_come_out_in_order_with_their_cell_numbers(tmp_path):
    put(
        tmp_path,
        f"{PID}.ipynb",
        notebook(("markdown", "# Title"), ("code", "a = 1"), ("code", "b = a")),
    )
    submission = load_submission(tmp_path, PS, PID)
    assert submission.status == "ok"
    assert submission.cells == (("cell 2", "a = 1"), ("cell 3", "b = a"))


def test_ipython_magics_and_shell_lines_become_plain_python(tmp_path):
    source = "%matplotlib inline\n!pip install numpy\nx = 1\n"
    cell_magic = "%%time\ny = 2\n"
    put(tmp_path, f"{PID}.ipynb", notebook(("code", source), ("code", cell_magic)))
    submission = load_submission(tmp_path, PS, PID)
    for _, code in submission.cells:
        compile(code, "cell", "exec")  # would raise SyntaxError on raw magics
    assert "get_ipython().system" in submission.cells[0][1]
    assert "run_cell_magic" in submission.cells[1][1]


def test_missing_file_is_missing_with_its_path(tmp_path):
    submission = load_submission(tmp_path, PS, PID)
    assert submission.status == "missing"
    assert f"{PS}/{PID}.ipynb" in submission.reason


def test_a_py_file_is_one_unlabelled_cell(tmp_path):
    put(tmp_path, f"{PID}.py", "def f():\n    return 1\n")
    submission = load_submission(tmp_path, PS, PID)
    assert submission.status == "ok" and submission.cells == (("", "def f():\n    return 1\n"),)
    assert submission.module == PID


def test_both_a_notebook_and_a_py_file_is_an_error_saying_keep_one(tmp_path):
    put(tmp_path, f"{PID}.py", "x = 1\n")
    put(tmp_path, f"{PID}.ipynb", notebook(("code", "x = 1")))
    submission = load_submission(tmp_path, PS, PID)
    assert submission.status == "error" and "keep one" in submission.reason


def test_broken_files_get_a_one_line_reason(tmp_path):
    cases = {
        "{": "not valid notebook JSON",
        b'{"cells": "\xff\xfe"}': "not UTF-8",
        json.dumps({"nbformat": 4, "cells": 3}): "not a readable notebook",
        notebook(("markdown", "only words")): "has no code cells",
    }
    for content, expected in cases.items():
        put(tmp_path, f"{PID}.ipynb", content)
        submission = load_submission(tmp_path, PS, PID)
        assert submission.status == "error", content
        assert expected in submission.reason and "\n" not in submission.reason


def test_links_and_special_files_are_refused_without_reading_them(tmp_path):
    """A pull request could commit a link to the reference solution or to /dev/zero."""
    target = put(tmp_path, "elsewhere.ipynb", notebook(("code", "x = 1")))
    (tmp_path / PS / f"{PID}.ipynb").symlink_to(target)
    submission = load_submission(tmp_path, PS, PID)
    assert submission.status == "error" and "symbolic link" in submission.reason

    (tmp_path / PS / f"{PID}.ipynb").unlink()
    (tmp_path / PS / f"{PID}.py").symlink_to("/dev/zero")
    assert "symbolic link" in load_submission(tmp_path, PS, PID).reason

    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / PS).symlink_to(tmp_path / PS)
    (tmp_path / PS / f"{PID}.py").unlink()
    put(tmp_path, f"{PID}.py", "x = 1\n")
    assert "symbolic link" in load_submission(linked, PS, PID).reason

    (tmp_path / PS / f"{PID}.py").unlink()
    (tmp_path / PS / f"{PID}.py").mkdir()
    assert "not a regular file" in load_submission(tmp_path, PS, PID).reason


def test_nbformat_3_notebooks_are_upgraded(tmp_path):
    v3 = {
        "nbformat": 3,
        "nbformat_minor": 0,
        "metadata": {},
        "worksheets": [
            {
                "cells": [
                    {"cell_type": "code", "input": "z = 3", "language": "python", "outputs": []}
                ]
            }
        ],
    }
    put(tmp_path, f"{PID}.ipynb", json.dumps(v3))
    submission = load_submission(tmp_path, PS, PID)
    assert submission.status == "ok" and submission.cells[0][1] == "z = 3"


def test_forbidden_imports_are_found_in_every_spelling(tmp_path):
    code = "import numpy as np\nimport torch.nn\nfrom scipy import special\nm = __import__('sklearn')\n"
    put(tmp_path, f"{PID}.py", code)
    found = forbidden_imports(load_submission(tmp_path, PS, PID), ("torch", "scipy", "sklearn"))
    assert found == ["line 2: imports torch.nn", "line 3: imports scipy", "line 4: imports sklearn"]
    assert forbidden_imports(load_submission(tmp_path, PS, PID), ()) == []


def test_the_notebooks_own_check_cell_is_left_out_but_a_changed_one_runs(tmp_path):
    own = "".join(check_cell(PID)["source"])
    changed = own.replace(f'check("{PID}")', "solution = 42")
    put(tmp_path, f"{PID}.ipynb", notebook(("code", "a = 1"), ("code", own)))
    assert load_submission(tmp_path, PS, PID).cells == (("cell 1", "a = 1"),)
    put(tmp_path, f"{PID}.ipynb", notebook(("code", "a = 1"), ("code", changed)))
    assert load_submission(tmp_path, PS, PID).cells == (("cell 1", "a = 1"), ("cell 2", changed))


def test_self_check_cells_are_left_out_and_answer_cells_kept(tmp_path):
    nb = nbformat.v4.new_notebook()
    kinds = {
        "answer": {"grade": False, "solution": True},
        "self-check": {"grade": True, "solution": False},
        "graded answer": {"grade": True, "solution": True},
        "plain": None,
    }
    for name, flags in kinds.items():
        cell = nbformat.v4.new_code_cell(f"# {name}\nx = 1")
        if flags is not None:
            cell.metadata["nbgrader"] = {**flags, "grade_id": name.replace(" ", "_")}
        nb.cells.append(cell)
    put(tmp_path, f"{PID}.ipynb", nbformat.writes(nb))
    labels = [label for label, _ in load_submission(tmp_path, PS, PID).cells]
    assert labels == ["cell 1", "cell 3", "cell 4"]  # not cell 2, the self-check
