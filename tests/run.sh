#!/usr/bin/env bash
# Set up a fresh machine and run the tests: the README's test command, and what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  # The browser tests drive Debian's Chromium (playwright's own browser download is not used).
  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet '.[test]'
.venv/bin/python -m pytest "$@"
