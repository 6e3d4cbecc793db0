#!/usr/bin/env bash
# One command for a fresh machine: set up, build the whole site (PDF and offline zip included),
# serve it on http://127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash build_scripts/commands/setup.sh --browser  # Chromium prints the PDF handout during the build
export NO_MKDOCS_2_WARNING=1
.venv/bin/mkdocs build
exec .venv/bin/python -m sitebuild.static_server site --port "${PORT:-8000}"
