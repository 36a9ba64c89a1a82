"""Find a problem's submission file and turn it into code cells, in the trusted process.

``<DIR>/<assignment>/<problem>.ipynb`` (or ``.py``) becomes a ``Submission``: the code cells with
IPython syntax (``%magic``, ``%%cell magic``, ``!shell``) rewritten to plain Python by IPython's
own transformer, which the worker's stand-in ``get_ipython()`` then answers. Anything wrong with
the file is a one-line ``reason`` and a status, never an exception.

Two kinds of cell are the notebook's, not the student's, and are left out: its self-check cells
(nbgrader test cells: graded, not an answer), which the suites supersede and which would make a
hanging function hang the whole load, so that the functions that work would lose their points
too; and its ``check()`` cell, exactly as ``release`` wrote it, which would grade the problem
again inside the worker. Both would run at every start of a worker. A changed ``check()`` cell
runs like any other; a student who marks an answer cell as a test cell only hides it.
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass
from pathlib import Path

from autograder.release import check_cell

# Our notebooks are ~50 kB; one of many MB carries outputs (images, a printed tensor), which
# the grader never reads: refuse it rather than parse it.
MAX_FILE_BYTES = 20 * 2**20


@dataclass(frozen=True)
class Submission:
    problem_id: str
    path: Path | None
    status: str  # "ok", "missing" or "error"
    reason: str  # why, when the status is not "ok"
    cells: tuple[
        tuple[str, str], ...
    ] = ()  # (label, Python source); label "cell 3", or "" for a .py
    module: str = "__main__"  # what the student's code sees as __name__

    @property
    def filename(self) -> str:
        return self.path.name if self.path else f"{self.problem_id}.ipynb"


def load_submission(root: Path, assignment: str, problem_id: str) -> Submission:
    folder = Path(root) / assignment
    notebook, script = folder / f"{problem_id}.ipynb", folder / f"{problem_id}.py"
    if notebook.exists() and script.exists():
        return _broken(
            problem_id,
            notebook,
            f"both {notebook.name} and {script.name} exist in {folder}: keep one",
        )
    if script.exists():
        return _read_script(problem_id, script)
    if notebook.exists():
        return _read_notebook(problem_id, notebook)
    return Submission(problem_id, None, "missing", f"{notebook} not found")


def _broken(problem_id: str, path: Path, reason: str) -> Submission:
    return Submission(problem_id, path, "error", reason)


def _read_text(problem_id: str, path: Path) -> str | Submission:
    # A symbolic link could point at the reference solution, /dev/zero or a pipe that never
    # ends: grade only a file committed as itself.
    if path.is_symlink() or path.parent.is_symlink():
        return _broken(problem_id, path, f"{path.name} is a symbolic link: commit the file itself")
    if not path.is_file():
        return _broken(problem_id, path, f"{path.name} is not a regular file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return _broken(
            problem_id,
            path,
            f"{path.name} is {size / 2**20:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit: "
            "clear its outputs (Kernel > Restart & Clear Output) and commit it again",
        )
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _broken(problem_id, path, f"{path.name} is not UTF-8 text (byte {exc.start})")


def _read_script(problem_id: str, path: Path) -> Submission:
    text = _read_text(problem_id, path)
    if isinstance(text, Submission):
        return text
    return Submission(problem_id, path, "ok", "", (("", text),), module=problem_id)


def _read_notebook(problem_id: str, path: Path) -> Submission:
    text = _read_text(problem_id, path)
    if isinstance(text, Submission):
        return text
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return _broken(problem_id, path, f"{path.name} is not valid notebook JSON: {exc}")
    cells = _cells_v4(data) if isinstance(data, dict) and data.get("nbformat") == 4 else None
    if cells is None:  # older formats, or a v4 file too odd to read directly: let nbformat try
        try:
            cells = _cells_upgraded(text)
        except Exception as exc:  # nbformat raises many types for malformed notebooks
            first = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
            return _broken(problem_id, path, f"{path.name} is not a readable notebook: {first}")
    own_check = _text(check_cell(problem_id)["source"])
    code = [
        (f"cell {number}", _plain_python(_text(cell.get("source", ""))))
        for number, cell in enumerate(cells, start=1)
        if cell.get("cell_type") == "code"
        and not _is_self_check(cell)
        and _text(cell.get("source", "")) != own_check
    ]
    if not code:
        return _broken(problem_id, path, f"{path.name} has no code cells")
    return Submission(problem_id, path, "ok", "", tuple(code))


def _cells_v4(data: dict) -> list[dict] | None:
    """The cells of an nbformat 4 notebook, read directly: importing nbformat and validating
    the whole file costs seconds, and only the code cells' sources matter here."""
    cells = data.get("cells")
    if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
        return None
    if not all(isinstance(c.get("source", ""), (str, list)) for c in cells):
        return None
    return cells


def _cells_upgraded(text: str) -> list[dict]:
    import nbformat  # only for what _cells_v4 cannot read (nbformat 3, odd files)

    return list(nbformat.reads(text, as_version=4).get("cells", []))


def _is_self_check(cell: dict) -> bool:
    """An nbgrader test cell (graded, not an answer): the notebook's own self-check."""
    meta = cell.get("metadata")
    nbgrader = meta.get("nbgrader") if isinstance(meta, dict) else None
    return (
        isinstance(nbgrader, dict)
        and nbgrader.get("grade") is True
        and not nbgrader.get("solution")
    )


def _text(source: str | list) -> str:
    return "".join(map(str, source)) if isinstance(source, list) else source


def _plain_python(source: str) -> str:
    """Rewrite IPython syntax to calls on ``get_ipython()``; plain Python passes unchanged.

    Magics, ``!shell`` lines and ``name?`` are never valid Python, so a cell that parses needs
    no rewriting (and the grader no IPython import)."""
    try:
        ast.parse(source)
        return source
    except SyntaxError:
        pass
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return TransformerManager().transform_cell(source)
    except Exception:  # leave it as written: the worker reports the SyntaxError per cell
        return source


def forbidden_imports(submission: Submission, forbidden: tuple[str, ...]) -> list[str]:
    """Where the code imports a forbidden module, as "cell 3, line 1: imports torch"."""
    found = []
    for label, source in submission.cells:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue  # the worker reports it; nothing in that cell can run
        for node in ast.walk(tree):
            for module in _imported_modules(node):
                if module.partition(".")[0] in forbidden:
                    place = f"{label}, line {node.lineno}" if label else f"line {node.lineno}"
                    found.append(f"{place}: imports {module}")
    return found


def _imported_modules(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        return [node.module]
    if (  # __import__("torch"), importlib.import_module("torch")
        isinstance(node, ast.Call)
        and getattr(node.func, "id", getattr(node.func, "attr", None))
        in {"__import__", "import_module"}
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return [node.args[0].value]
    return []
