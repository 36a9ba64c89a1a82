# The two commands of the README, and the set-up they share.
#   make grade                      grade assignments/ and print the score table
#   make grade SUBMISSION=source    grade the reference solutions (instructors)
#   make grade ONLY=p06_softmax_cross_entropy   grade some problems (ids and set names, comma-separated)
#   make test                       run the project's whole test suite
#   make lab                        open the notebooks in JupyterLab (students)
#   make validate                   instructors: everything students get, and what each suite catches
# All of them create .venv/ and install requirements.lock into it on first use.

PYTHON_BOOT ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
SUBMISSION  ?= assignments
ONLY        ?=

.PHONY: setup grade test release validate lab lint bench bench-load bench-nbgrader bench-worst clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@# bubblewrap gives each worker a read-only filesystem, no network and its own /tmp;
	@# without it the grader falls back to plain processes (and says so in its results).
	@command -v bwrap >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && (apt-get update -qq && apt-get install -y -qq bubblewrap) >/dev/null 2>&1; } \
	  || echo "note: bubblewrap is not installed; workers will run as plain processes"
	touch $@

grade: setup
	$(PY) -m autograder grade $(SUBMISSION) $(if $(ONLY),--only $(ONLY))

# One worker per core, a test file at a time each (a file's module fixtures are made once).
test: setup
	$(PY) -m pytest -n auto --dist loadfile

release: setup
	$(PY) -m autograder release

validate: setup
	$(PY) -m autograder validate $(if $(ONLY),--only $(ONLY))

lab: setup
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root)

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check autograder tests bench
	$(VENV)/bin/zizmor --offline --min-severity medium .github/workflows
	$(VENV)/bin/actionlint

bench: setup
	$(PY) bench/grade_latency.py

# Grades the references 20 times with every core kept busy; reports any verdict that changes.
bench-load: setup
	$(PY) bench/verdicts_under_load.py $(if $(ONLY),--only $(ONLY))

# nbgrader autograde against our grader on the references; grade-all on 1 and 2 cores (minutes)
bench-nbgrader: setup
	$(PY) bench/nbgrader_side_by_side.py

# Submissions whose every problem hangs (and half of them): how long grading takes
bench-worst: setup
	$(PY) bench/worst_case.py

clean:
	rm -rf $(VENV)
