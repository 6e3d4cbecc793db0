#!/usr/bin/env bash
# One command for a fresh machine: set up (Chromium included), lint, build strictly, run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build_scripts/setup.sh --browser
export NO_MKDOCS_2_WARNING=1
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# The tests build the site themselves (strictly) into a temporary folder.
exec .venv/bin/python -m pytest "$@"
