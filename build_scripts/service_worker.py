"""MkDocs hook: write `sw.js`, a service worker that precaches every file of this build.

Runs after the other post-build hooks (it is listed last), so the Pyodide runtime and the
calculator wheel are in the list. The cache name is a hash of every file's path and content:
a rebuild that changes anything gets a new cache, and the old one is deleted when it activates.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig

sys.path.insert(0, str(Path(__file__).parent))

from site_build import is_offline_copy  # noqa: E402

TEMPLATES = Path(__file__).parent / "templates"
CACHE_PREFIX = "foot-drop-guideline-"
SERVICE_WORKER = "sw.js"
# Not precached: the downloads folder (the offline zip is for copying to a device, not for the
# app itself, and the PDF is printed from the pages the app already holds).
SKIP_DIRS = ("downloads/",)


def precache_list(site: Path) -> list[str]:
    files = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel == SERVICE_WORKER or rel.startswith(SKIP_DIRS):
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


def on_post_build(config: MkDocsConfig) -> None:
    if is_offline_copy(config):
        return  # opened from a file, there is no service worker
    site = Path(config.site_dir)
    files = precache_list(site)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False)
    script = env.get_template("sw.js.j2").render(
        cache=CACHE_PREFIX + content_hash(site, files), files=files, prefix=CACHE_PREFIX
    )
    (site / SERVICE_WORKER).write_text(script, encoding="utf-8")
