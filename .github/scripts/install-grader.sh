#!/usr/bin/env bash
# Install the grader's pinned dependencies into the job's Python, torch as the CPU build.
# requirements.lock pins torch==2.13.0; on GitHub's runners the default wheel for that is the
# CUDA build (several GB), so torch comes first, alone, from PyTorch's CPU index: its
# "2.13.0+cpu" satisfies the lock's "==2.13.0" and the lock then installs the rest.
# Run from the trusted checkout's root. Already-installed packages cost nothing.
set -euo pipefail
torch_pin="$(grep -E '^torch==' requirements.lock)"
python -m pip install --disable-pip-version-check --no-deps "$torch_pin" \
  --index-url https://download.pytorch.org/whl/cpu
python -m pip install --disable-pip-version-check -r requirements.lock
