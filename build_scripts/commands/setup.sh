#!/usr/bin/env bash
# Sets up everything the build and the tests need; safe to run again (it skips what is current).
#   .venv/          Python 3.11.5+ virtual environment with the hash-pinned packages of requirements.lock,
#                   the calculator and the site build's library (build_scripts/sitebuild), both editable
#   node_modules/   the npm packages of package-lock.json (the Pyodide runtime, axe-core)
# With --browser it also makes sure the browsers are there (Chromium, WebKitGTK, Firefox ESR), installing
# Debian's packages if not.
set -euo pipefail
cd "$(dirname "$0")/../.."

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=.venv/.setup-done
if [ ! -f "$stamp" ] || [ requirements.lock -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ] \
  || [ build_scripts/pyproject.toml -nt "$stamp" ]; then
  # Every package is checked against the hashes of the lock (uv wrote it: see the README).
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
  # Editable, so `python -m calculator`, the hooks and the tests always run the checkout's code.
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . -e build_scripts
  touch "$stamp"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # No package's install scripts run: none of ours needs one.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

if [ "${1:-}" = "--browser" ]; then
  # The engines the build and the tests run, from Debian: Chromium (the PDF, a snapshot, the tests), WebKitGTK's
  # MiniBrowser with its WebDriver on a virtual screen (the other snapshot, the tests), Firefox ESR (the tests).
  missing=()
  [ -x /usr/bin/chromium ] || command -v chromium >/dev/null || missing+=(chromium)
  command -v WebKitWebDriver >/dev/null && [ -x /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser ] \
    || missing+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null || missing+=(xvfb xauth)
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  if [ ${#missing[@]} -gt 0 ]; then
    # Only as root (as CI runs): nobody is asked for a password by a test command.
    if [ "$(id -u)" != 0 ]; then
      echo "Browsers missing. Install Debian's packages, then run this again:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  fi
fi
