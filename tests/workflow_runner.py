"""Run one job of our GitHub Actions workflows here, the way a runner would, for the tests.

Every ``run:`` step runs as written, in order, with ``bash --noprofile --norc -eo pipefail``, in
its working directory, with its ``env:`` evaluated and with ``GITHUB_OUTPUT``,
``GITHUB_STEP_SUMMARY``, ``GITHUB_ENV``, ``GITHUB_WORKSPACE`` and ``RUNNER_TEMP`` set to
temporary files and folders. A ``uses:`` step is handed to a stand-in the test provides (check
out a commit of a local repository, store an artifact, record the comment). ``${{ }}``
expressions are evaluated for the little our workflows use: context paths, string literals,
``||``, ``==`` and ``!=``. Anything else raises, so a workflow change this runner does not
understand fails the test instead of being skipped.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
_TOKEN = re.compile(r"\s*(\|\||==|!=|'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_.-]*)")


class WorkflowError(Exception):
    """The workflow uses something this runner does not support."""


@dataclass
class Step:
    index: int
    id: str
    name: str
    spec: dict
    env: dict = field(default_factory=dict)
    ran: bool = False
    returncode: int = 0
    stdout: str = ""
    stderr: str = ""
    outputs: dict = field(default_factory=dict)
    summary: str = ""


def evaluate(expression: str, context: dict) -> Any:
    """Evaluate the inside of one ``${{ }}``."""
    tokens, rest = [], expression.strip()
    while rest:
        match = _TOKEN.match(rest)
        if not match:
            raise WorkflowError(f"unsupported expression: {expression!r}")
        tokens.append(match.group(1))
        rest = rest[match.end() :].lstrip()

    def operand(token: str) -> Any:
        if token.startswith("'"):
            return token[1:-1].replace("''", "'")
        value: Any = context
        for part in token.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    # a || b || c, each a single operand or `operand ==/!= operand`
    alternatives, current = [], []
    for token in tokens:
        if token == "||":
            alternatives.append(current)
            current = []
        else:
            current.append(token)
    alternatives.append(current)
    value = None
    for parts in alternatives:
        if len(parts) == 1:
            value = operand(parts[0])
        elif len(parts) == 3 and parts[1] in ("==", "!="):
            left, right = operand(parts[0]), operand(parts[2])
            value = (left == right) == (parts[1] == "==")
        else:
            raise WorkflowError(f"unsupported expression: {expression!r}")
        if value:
            return value
    return value


def substitute(text: Any, context: dict) -> str:
    """A value with every ``${{ }}`` replaced, as the runner writes it (null is empty)."""
    if not isinstance(text, str):
        return "" if text is None else str(text).lower() if isinstance(text, bool) else str(text)

    def one(match: re.Match) -> str:
        value = evaluate(match.group(1), context)
        if value is None or value is False:
            return "" if value is None else "false"
        return "true" if value is True else str(value)

    return _EXPRESSION.sub(one, text)


def _parse_outputs(text: str) -> dict:
    """``name=value`` lines and ``name<<DELIMITER`` blocks, as GitHub reads $GITHUB_OUTPUT."""
    outputs, lines = {}, iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            for inner in lines:
                if inner == delimiter:
                    break
                block.append(inner)
            outputs[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


class JobRunner:
    """One job of one workflow file, run in ``workspace``."""

    def __init__(
        self,
        workflow: Path,
        job: str,
        workspace: Path,
        github: dict,
        uses: dict[str, Callable[[Step, JobRunner], None]],
        base_env: dict[str, str],
    ):
        self.spec = yaml.safe_load(workflow.read_text())
        self.job = self.spec["jobs"][job]
        self.workspace = workspace
        self.github = github
        self.uses = uses
        self.base_env = base_env
        self.steps: list[Step] = []
        self.temp = workspace.parent / f"{workspace.name}-runner"
        self.temp.mkdir(exist_ok=True)

    def context(self) -> dict:
        steps = {s.id: {"outputs": s.outputs} for s in self.steps if s.id}
        return {"github": self.github, "steps": steps}

    def shell(self) -> str:
        shells = [
            self.job.get("defaults", {}).get("run", {}).get("shell"),
            self.spec.get("defaults", {}).get("run", {}).get("shell"),
        ]
        shell = next((s for s in shells if s), None)
        if shell != "bash":
            raise WorkflowError(f"jobs run with shell {shell!r}; this runner knows bash only")
        return shell

    def run(self) -> list[Step]:
        """Run the steps until one fails (as GitHub does without ``if: always()``)."""
        self.shell()
        for index, spec in enumerate(self.job["steps"]):
            step = Step(index, spec.get("id", ""), spec.get("name", spec.get("uses", "")), spec)
            self.steps.append(step)
            condition = spec.get("if")
            if condition is not None:
                inner = _EXPRESSION.fullmatch(condition.strip())
                if not evaluate(inner.group(1) if inner else condition, self.context()):
                    continue
            step.env = {k: substitute(v, self.context()) for k, v in spec.get("env", {}).items()}
            step.ran = True
            if "run" in spec:
                self._run_script(step)
            else:
                action = spec["uses"].split("@", 1)[0]
                if action not in self.uses:
                    raise WorkflowError(f"no stand-in for the action {action}")
                self.uses[action](step, self)
            if step.returncode != 0:
                break
        return self.steps

    def inputs(self, step: Step) -> dict[str, str]:
        """A ``uses:`` step's ``with:``, evaluated."""
        return {k: substitute(v, self.context()) for k, v in step.spec.get("with", {}).items()}

    def _run_script(self, step: Step) -> None:
        script = step.spec["run"]
        if "${{" in script:  # zizmor forbids it too: template injection
            raise WorkflowError(f"step {step.name!r}: an expression inside run: (use env:)")
        files = {
            name: self.temp / f"step{step.index}-{name.lower()}"
            for name in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_ENV", "GITHUB_PATH")
        }
        for path in files.values():
            path.write_text("")
        (self.temp / f"step{step.index}.sh").write_text(script)
        env = {
            **self.base_env,
            **{name: str(path) for name, path in files.items()},
            "CI": "true",
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(self.workspace),
            "RUNNER_TEMP": str(self.temp),
            "GITHUB_EVENT_NAME": self.github["event_name"],
            "GITHUB_REPOSITORY": self.github["repository"],
            **step.env,
        }
        cwd = self.workspace / step.spec.get("working-directory", ".")
        done = subprocess.run(
            [
                "bash",
                "--noprofile",
                "--norc",
                "-eo",
                "pipefail",
                str(self.temp / f"step{step.index}.sh"),
            ],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        step.returncode, step.stdout, step.stderr = done.returncode, done.stdout, done.stderr
        step.outputs = _parse_outputs(files["GITHUB_OUTPUT"].read_text())
        step.summary = files["GITHUB_STEP_SUMMARY"].read_text()


def runner_env(extra_path: list[Path]) -> dict[str, str]:
    """This process's environment for the steps, less anything of GitHub's or of pytest's."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "RUNNER_", "PYTEST_")) and k not in ("CI",)
    }
    env["PATH"] = os.pathsep.join([*map(str, extra_path), env.get("PATH", "")])
    return env
