#!/usr/bin/env bash
# Set up a fresh machine, index corpus/ and serve the UI on http://127.0.0.1:8000/ (the README's main command).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet .
.venv/bin/delibsearch index corpus "$@" || echo "some files could not be indexed (see above); serving the rest"
exec .venv/bin/delibsearch serve
