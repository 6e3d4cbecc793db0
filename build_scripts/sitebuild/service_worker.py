"""`sw.js`, the service worker that precaches every file of a build for the installed offline app.

The cache name is a hash of every file's path and content: a rebuild that changes anything gets a
new cache, and the old one is deleted when it activates.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2

from .paths import DOWNLOADS, SERVICE_WORKER, SKIP_WAITING

TEMPLATES = Path(__file__).parent / "templates"
CACHE_PREFIX = "foot-drop-guideline-"


def precache_list(site: Path) -> list[str]:
    """Every file but the worker itself and the downloads (the zip is for copying to a device, not for
    the app itself, and the PDF is printed from the pages the app already holds)."""
    files = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        # A .gz is how the server sends a file, not a file of its own: the cache stores it decompressed.
        if rel == SERVICE_WORKER.as_posix() or rel.startswith(DOWNLOADS) or rel.endswith(".gz"):
            continue
        files.append(rel)
        if path.name == "index.html":
            files.append(rel.removesuffix("index.html") or "./")  # directory URLs, as links use them
    return files


def content_hash(site: Path, files: list[str]) -> str:
    digest = hashlib.sha256()
    for rel in files:
        path = site / rel
        if path.is_file():
            digest.update(rel.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def write_service_worker(site: Path) -> Path:
    files = precache_list(site)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False)
    script = env.get_template("sw.js.j2").render(
        cache=CACHE_PREFIX + content_hash(site, files), files=files, prefix=CACHE_PREFIX, skip_waiting=SKIP_WAITING
    )
    (site / SERVICE_WORKER).write_text(script, encoding="utf-8")
    return site / SERVICE_WORKER
