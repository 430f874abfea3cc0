#!/usr/bin/env bash
# Set up a fresh machine and run the tests: the README's test command, and what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's packages: Chromium for the browser tests (playwright's own browser download is not used),
# Tesseract with its French data for scanned PDFs.
if ! command -v chromium >/dev/null 2>&1 || ! command -v tesseract >/dev/null 2>&1 \
   || ! tesseract --list-langs 2>/dev/null | grep -qx fra; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core \
    tesseract-ocr tesseract-ocr-fra >/dev/null
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet '.[test]'
.venv/bin/python -m pytest "$@"
