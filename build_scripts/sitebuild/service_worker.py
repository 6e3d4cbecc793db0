"""`sw.js`, the service worker that precaches the files of a build for the installed offline app.

Each file is listed with the SHA-256 of its content: the worker stores it under that hash, downloads
only files whose hash it does not hold yet, bypasses the HTTP cache, and refuses a download whose
content does not match, so an older build's file is never stored as this one's.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2

from .csp import META_NAME, SECURITY_HEADERS, response_policy
from .facts import build_date
from .paths import ABOUT_COPY, DOWNLOADS, KEEP_FILE, PRECACHED_DOWNLOADS, SERVICE_WORKER, SKIP_WAITING, SNAPSHOTS

TEMPLATES = Path(__file__).parent / "templates"
CACHE_PREFIX = "foot-drop-guideline-"
CACHE = CACHE_PREFIX + "files"  # one cache; each entry keyed by its content hash
# Not for the app: transport copies (.gz), source maps, sitemaps, and the downloads but the PDF and the
# FHIR artifacts.
LEFT_OUT_SUFFIXES = (".gz", ".map")
LEFT_OUT_NAMES = ("sitemap.xml",)
# An installed copy older than this says so on every page: the guideline may have changed since.
MAX_AGE_DAYS = 180


def precache_list(site: Path) -> dict[str, str]:
    """Every file the app needs, as path from the site root -> SHA-256 of its content."""
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel == SERVICE_WORKER.as_posix() or rel.endswith(LEFT_OUT_SUFFIXES) or path.name in LEFT_OUT_NAMES:
            continue
        if rel.startswith(DOWNLOADS) and rel not in {p.as_posix() for p in PRECACHED_DOWNLOADS}:
            continue
        files[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def on_first_use(files: dict[str, str]) -> list[str]:
    """The files stored when first asked for, not at install: each engine restores one of the snapshots."""
    return [path.as_posix() for path in SNAPSHOTS if path.as_posix() in files]


def policies(site: Path, files: dict[str, str]) -> dict[str, str]:
    """The Content-Security-Policy header of each precached page and script, as the host sends it:
    what the worker serves from its cache must carry it too (a worker's policy comes only from it)."""
    return {path: policy for path in files if (policy := response_policy(site, path))}


def write_service_worker(site: Path, withdrawn: bool = False) -> Path:
    """The precaching worker; or, for a site being withdrawn, one that removes the offline copy from
    every device that installed it (caches, then its own registration) and serves nothing."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False)
    template = env.get_template("sw-withdrawn.js.j2" if withdrawn else "sw.js.j2")
    files = {} if withdrawn else precache_list(site)
    script = template.render(
        cache=CACHE,
        files=files,
        on_first_use=on_first_use(files),
        keep_file=KEEP_FILE,
        policies=policies(site, files),
        security_headers=SECURITY_HEADERS,
        prefix=CACHE_PREFIX,
        skip_waiting=SKIP_WAITING,
        about_copy=ABOUT_COPY,
        built=build_date(),
        max_age_days=MAX_AGE_DAYS,
        policy_header=META_NAME,
    )
    (site / SERVICE_WORKER).write_text(script, encoding="utf-8")
    return site / SERVICE_WORKER


def about_panel() -> str:
    """The About page's account of the offline copy on this device; offline.js fills it in."""
    return (
        '<div class="offline-copy" id="offline-copy">\n'
        '<p class="offline-copy__status" role="status">Without JavaScript this page cannot tell whether this '
        "device keeps an offline copy.</p>\n"
        f"<p>An offline copy older than {MAX_AGE_DAYS} days says so at the top of every page.</p>\n"
        '<button type="button" class="md-button offline-copy__remove" hidden>Remove the offline copy from this '
        "device</button>\n"
        '<button type="button" class="md-button offline-copy__keep" hidden>Keep an offline copy on this '
        "device</button>\n"
        "</div>"
    )
