#!/usr/bin/env bash
# Set up a fresh machine and run the tests: the README's test command, and what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet '.[test]'
.venv/bin/python -m pytest "$@"
