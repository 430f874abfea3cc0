#!/usr/bin/env bash
# Set up a fresh machine, index corpus/ and serve the UI on http://127.0.0.1:8000/ (the README's main command).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v tesseract >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx fra; then
  # Tesseract and its French data (Debian's packages) read scanned PDFs; without them scans are reported.
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-fra >/dev/null; } \
    || echo "Tesseract could not be installed: scanned PDFs will be reported as needing OCR"
fi
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet .
.venv/bin/delibsearch index corpus "$@" || echo "some files could not be indexed (see above); serving the rest"
exec .venv/bin/delibsearch serve
