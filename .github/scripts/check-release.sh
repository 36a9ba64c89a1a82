#!/usr/bin/env bash
# Fail when the committed release/ (or the untouched assignments/) differs from what
# `python -m autograder release` (make release) produces from source/. Run from the
# repository root after `make test` has set up .venv/; PYTHON names another interpreter.
set -euo pipefail
"${PYTHON:-.venv/bin/python}" -m autograder release >/dev/null
stale="$(git status --porcelain -- release assignments)"
if [ -n "$stale" ]; then
  echo "::error title=release/ is out of date::run 'make release' and commit release/ and assignments/"
  echo "$stale"
  exit 1
fi
echo "release/ is up to date with source/"
