"""Where the build puts each file it writes, relative to the site folder, and the names that go with
them: the one place for each. Templates and the page scripts get them from here (the scripts through
`data-*` attributes), never as a copy."""

from __future__ import annotations

from pathlib import Path

from calculator import __version__

ROOT = Path(__file__).resolve().parents[2]  # the repository

# Pages in docs/ that the build fills in.
REFERENCES_PAGE = "references.md"
READINGS_PAGE = "readings.md"

# Written by the build into the site.
INDEX = Path("recommendations.json")
PDF = Path("downloads/foot-drop-guideline.pdf")
ZIP = Path("downloads/foot-drop-guideline-offline.zip")
ZIP_FOLDER = "foot-drop-guideline"  # what the zip unpacks to
TEST_CASES = Path("downloads/foot-drop-test-cases.json")
QUESTIONNAIRE = Path("downloads/foot-drop-questionnaire.json")  # FHIR R4, generated from calculator/
PLAN_DEFINITION = Path("downloads/foot-drop-plandefinition.json")
DOWNLOADS = "downloads/"  # copies for a device or for paper: not part of the app's precache, but these
PRECACHED_DOWNLOADS = (PDF, QUESTIONNAIRE, PLAN_DEFINITION)
SERVICE_WORKER = Path("sw.js")
SKIP_WAITING = "skip-waiting"  # the message a page sends a waiting service worker to take over
KEEP_FILE = "keep-file"  # {keep-file: url}: the calculator asks the service worker to store the snapshot it restored
ABOUT_COPY = "about-this-copy"  # the message a page sends for the installed copy's build date and age limit
PYODIDE_DIR = Path("assets/pyodide")
# Stored without its zero pages (runtime.sparse); the server (Content-Encoding) or the service worker
# hands it decompressed to the worker.
SNAPSHOT = PYODIDE_DIR / "snapshot.bin"
# The same made in WebKit, for JavaScriptCore, whose function table Emscripten lays out differently
# (docs/assets/calculator/worker.js, `snapshotFor`).
SNAPSHOT_JSC = PYODIDE_DIR / "snapshot-jsc.bin"
SNAPSHOTS = (SNAPSHOT, SNAPSHOT_JSC)
WHEEL_DIR = Path("assets/calculator")
WORKER = WHEEL_DIR / "worker.js"
KNOWN_ANSWER = WHEEL_DIR / "known-answer.json"  # the worker's self-check (`known_answer.py`)
WHEEL = WHEEL_DIR / f"calculator-{__version__}-py3-none-any.whl"
IFRAME_WORKER_SHIM = Path("assets/javascripts/iframe-worker-shim.js")
MANIFEST = Path("manifest.webmanifest")

# Read by mkdocs.yml (`!ENV`) to turn Material's offline plugin on in the nested build of the zip.
OFFLINE_SWITCH = "FOOT_DROP_OFFLINE_COPY"
