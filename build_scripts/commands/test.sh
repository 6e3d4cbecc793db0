#!/usr/bin/env bash
# One command for a fresh machine: set up (Chromium included), lint and type-check, run every test
# (they build the site strictly themselves).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash build_scripts/commands/setup.sh --browser
export NO_MKDOCS_2_WARNING=1
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
npx --no-install eslint -c build_scripts/eslint.config.mjs docs/assets
# The tests build the site themselves (strictly) into a temporary folder.
exec .venv/bin/python -m pytest "$@"
