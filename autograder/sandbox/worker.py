"""The worker: the only process where student code runs.

It reads requests from one pipe and writes replies to another (``protocol``), so whatever the
student prints goes to stdout/stderr, which the grader caps and never parses. Every reply is plain
data; a student exception comes back as its type, message and traceback text.

Requests:
  {"op": "load", "cells": [[name, source], ...], "filename": str, "module": str,
   "forbidden": [module, ...], "problem": str}
      -> {"ok": true, "names": [...], "cell_errors": [...]} or {"ok": false, "fatal": text}
  {"op": "call", "name": str, "args": value, "kwargs": value, "see_inputs": bool}
  {"op": "probe", "name": str, "source": str, "kwargs": value}   (a suite's probe function,
      called as name(student_namespace, **kwargs))
      -> {"ok": true, "value": value[, "inputs": value]} or {"ok": false, "missing": name}
         or {"ok": false, "error": {"type", "message", "where", "traceback"}}

This module must stay importable with the standard library and NumPy only.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys
import traceback
from typing import Any

from autograder.sandbox import protocol

_SANDBOX_DIR = os.path.dirname(os.path.abspath(__file__))


class _ForbiddenImports(importlib.abc.MetaPathFinder):
    """Refuses the modules grading.yml forbids for this problem, with a message saying why."""

    def __init__(self, forbidden: list[str], problem: str):
        self.forbidden = set(forbidden)
        self.problem = problem

    def find_spec(self, fullname, path=None, target=None):
        top = fullname.partition(".")[0]
        if top in self.forbidden:
            # A spec whose loading fails: `import sklearn` raises, while libraries that only
            # ask importlib.util.find_spec("sklearn") (torch._dynamo does) get an answer.
            message = (
                f"`{top}` may not be used in {self.problem}: grading.yml forbids "
                f"{', '.join(sorted(self.forbidden))} for this problem"
            )
            return importlib.machinery.ModuleSpec(fullname, _RefusingLoader(message))
        return None


class _RefusingLoader(importlib.abc.Loader):
    def __init__(self, message: str):
        self.message = message

    def create_module(self, spec):
        raise ImportError(self.message)

    def exec_module(self, module):
        raise ImportError(self.message)


class MissingName(Exception):
    """A probe asked for a name the student's code does not define."""

    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


class StudentNamespace:
    """What a probe sees of the student's code: ``ns["TwoTower"]``, ``"relu" in ns``."""

    def __init__(self, namespace: dict):
        self._namespace = namespace

    def __getitem__(self, name: str):
        if name not in self._namespace:
            raise MissingName(name)
        return self._namespace[name]

    def __contains__(self, name: str) -> bool:
        return name in self._namespace


class _NotebookShell:
    """Stands in for IPython's ``get_ipython()`` so notebook magics load without a kernel.

    Cell magics that only measure or capture (``%%time``, ``%%capture``) run their body once;
    shell commands (``!pip install``) and every other magic do nothing while grading.
    """

    _RUN_BODY = {"time", "timeit", "capture", "prun"}

    def __init__(self, namespace: dict):
        self.namespace = namespace

    def run_line_magic(self, name, line, _stack_depth=1):
        if name in self._RUN_BODY and line.strip():
            exec(compile(line, "<magic>", "exec"), self.namespace)
        return None

    def run_cell_magic(self, name, line, cell):
        if name in self._RUN_BODY:
            exec(compile(cell, "<magic>", "exec"), self.namespace)
        return None

    def system(self, cmd):
        return None

    def getoutput(self, cmd, split=True, depth=0):
        return []

    def __getattr__(self, name):  # any other shell API is a harmless no-op
        return lambda *args, **kwargs: None


class Executor:
    """Runs calls and probes against one namespace of student code and turns every outcome into
    a plain-data reply. The worker has one over the code it loaded; ``check()`` in a notebook
    has one over the notebook's own namespace.

    ``is_student_file(filename)`` says which traceback frames are the student's code.
    """

    def __init__(self, namespace: dict[str, Any], is_student_file):
        self.namespace = namespace
        self.is_student_file = is_student_file

    def handle(self, header: dict, blobs: list[bytes]) -> tuple[dict, list[bytes]]:
        """Answer a "call" or "probe" request."""
        return (self.probe if header["op"] == "probe" else self.call)(header, blobs)

    def call(self, header: dict, blobs: list[bytes]) -> tuple[dict, list[bytes]]:
        function = self.namespace.get(header["name"])
        if not callable(function):
            return {"ok": False, "missing": header["name"]}, []
        args = protocol.decode_value(header["args"], blobs)
        kwargs = protocol.decode_value(header["kwargs"], blobs)
        return self._run(function, args, kwargs, header.get("see_inputs", False))

    def probe(self, header: dict, blobs: list[bytes]) -> tuple[dict, list[bytes]]:
        """Run a suite's probe function here, against the student's namespace."""
        scope: dict[str, Any] = {"__name__": "autograder_probe"}
        exec(compile(header["source"], f"<probe {header['name']}>", "exec"), scope)
        kwargs = protocol.decode_value(header["kwargs"], blobs)
        return self._run(scope[header["name"]], (StudentNamespace(self.namespace),), kwargs)

    def _run(self, function, args, kwargs, see_inputs=False) -> tuple[dict, list[bytes]]:
        try:
            value = function(*args, **kwargs)
        except MissingName as missing:
            return {"ok": False, "missing": missing.name}, []
        except BaseException as exc:  # report everything, SystemExit included: never die silently
            return {"ok": False, "error": self._describe(exc)}, []
        out_blobs: list[bytes] = []
        try:
            reply = {"ok": True, "value": protocol.encode_value(value, out_blobs)}
            if see_inputs:
                reply["inputs"] = protocol.encode_value(tuple(args), out_blobs)
        except Exception as exc:  # e.g. a returned object whose methods raise
            error = self._describe(exc)
            error["message"] = f"its result could not be sent back: {error['message']}"
            return {"ok": False, "error": error}, []
        return reply, out_blobs

    def _describe(self, exc: BaseException) -> dict:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if not _is_ours(f.filename)]
        where = f"{frames[-1].filename}, line {frames[-1].lineno}" if frames else ""
        # the student's innermost function (Class.method as written): what a probe's failure is about
        theirs = [
            tb.tb_frame.f_code.co_qualname
            for tb in _tracebacks(exc.__traceback__)
            if self.is_student_file(tb.tb_frame.f_code.co_filename)
        ]
        text = "".join(traceback.format_list(frames[-8:]))
        text += "".join(traceback.format_exception_only(type(exc), exc))
        return {
            "type": type(exc).__name__,
            "message": _safe_str(exc)[:500],
            "where": where,
            "function": theirs[-1] if theirs and theirs[-1] != "<module>" else "",
            "traceback": text[-4000:],
        }


class Worker:
    def __init__(self, request_fd: int, reply_fd: int):
        self.read_exact = protocol.blocking_reader(request_fd)
        self.reply_fd = reply_fd
        self.namespace: dict[str, Any] = {}
        self.filename = "submission"
        self.executor = Executor(self.namespace, self.is_student_file)

    def is_student_file(self, filename: str) -> bool:
        return filename.startswith(self.filename)

    def serve(self) -> None:
        while True:
            try:
                header, blobs = protocol.read_frame(self.read_exact)
            except EOFError:
                return
            op = header.get("op")
            if op == "load":
                reply = self.load(header)
            elif op in ("call", "probe"):
                reply, reply_blobs = self.executor.handle(header, blobs)
                protocol.write_frame(self.reply_fd, reply, reply_blobs)
                continue
            else:
                reply = {"ok": False, "fatal": f"unknown request {op!r}"}
            protocol.write_frame(self.reply_fd, reply, [])

    # -------------------------------------------------------------- loading the student's code

    def load(self, header: dict) -> dict:
        self.filename = header["filename"]
        sys.meta_path.insert(0, _ForbiddenImports(header["forbidden"], header["problem"]))
        self.namespace = {"__name__": header["module"], "__builtins__": __builtins__}
        self.namespace["get_ipython"] = lambda: _NotebookShell(self.namespace)
        self.executor = Executor(self.namespace, self.is_student_file)
        cell_errors = []
        for label, source in header["cells"]:  # label: "cell 3", or "" for a whole .py file
            where = f"{self.filename}, {label}" if label else self.filename
            try:
                exec(compile(source, where, "exec"), self.namespace)
            except SystemExit as exc:
                return {"ok": False, "fatal": f"{where} called sys.exit({exc.code!r})"}
            except KeyboardInterrupt:
                return {"ok": False, "fatal": f"{where} raised KeyboardInterrupt"}
            except Exception as exc:  # a broken cell costs its own definitions, not the rest
                cell_errors.append(f"{where}: {_one_line(exc, self.filename)}")
        names = sorted(
            k
            for k, v in self.namespace.items()
            if callable(v) and k[:1] != "_" and k != "get_ipython"
        )
        return {"ok": True, "names": names, "cell_errors": cell_errors}


def _tracebacks(tb):
    while tb is not None:
        yield tb
        tb = tb.tb_next


def _is_ours(filename: str) -> bool:
    return filename.startswith(_SANDBOX_DIR)


def _safe_str(exc: BaseException) -> str:
    try:
        return str(exc)
    except Exception:  # an exception whose __str__ raises still gets reported
        return f"<{type(exc).__name__}>"


def _one_line(exc: BaseException, filename: str) -> str:
    if isinstance(exc, SyntaxError):
        return f"SyntaxError: {exc.msg} (line {exc.lineno})"
    tb = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(filename)]
    where = f" (line {tb[-1].lineno})" if tb else ""
    return f"{type(exc).__name__}: {_safe_str(exc)[:200]}{where}"


def main(argv: list[str]) -> None:
    request_fd, reply_fd = int(argv[0]), int(argv[1])
    Worker(request_fd, reply_fd).serve()


if __name__ == "__main__":
    main(sys.argv[1:])
