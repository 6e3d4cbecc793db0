"""The Content Security Policy, the one place it is written.

Pages carry theirs as a `<meta http-equiv>` first in `<head>`, with the hashes of their own inline
scripts (Material's differ with the page's depth). A meta policy does not reach workers: they take
theirs from their response's headers, which the host sends (`static_server.py`, the README) and the
service worker sends again with what it serves from its cache.
Every source below is the least that the site, measured in Chromium, needs.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path

from .paths import WORKER as CALCULATOR_WORKER_FILE

CALCULATOR_WORKER_PATH = CALCULATOR_WORKER_FILE.as_posix()

META_NAME = "Content-Security-Policy"

# Pages: their own scripts (and the hashed inline ones), their stylesheet, Material's icons drawn as
# data: SVG in CSS, fetches of the search index and recommendations.json, the calculator's, the
# search's and the offline copy's workers, the web app manifest. Nothing from another host.
PAGE = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'none'",
}

# Scripts that are a worker's main script (Material's search, the service worker) take this: they
# import scripts from this host and fetch its files; any other script ignores a policy header. The
# calculator's worker also compiles WebAssembly: Pyodide needs `wasm-unsafe-eval` (not `unsafe-eval`),
# and only there.
WORKER = {
    "default-src": "'none'",
    "script-src": "'self'",
    "connect-src": "'self'",
}
CALCULATOR_WORKER = {**WORKER, "script-src": "'self' 'wasm-unsafe-eval'"}

# Only a header can say these: a page may not be framed by another site, nor sniffed, nor referred.
HEADERS_ONLY = {"frame-ancestors": "'none'"}
SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}

EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def serialize(directives: dict[str, str]) -> str:
    return "; ".join(f"{name} {sources}" for name, sources in directives.items())


class _InlineScripts(HTMLParser):
    """The text of each inline script a browser would run (JSON data blocks are not run)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            attributes = dict(attrs)
            runs = (attributes.get("type") or "").strip().lower() in EXECUTABLE_TYPES
            self._open = [] if runs and "src" not in attributes else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.scripts.append("".join(self._open))
            self._open = None


def inline_scripts(page: str) -> list[str]:
    parser = _InlineScripts()
    parser.feed(page)
    parser.close()
    return parser.scripts


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def page_policy(page: str) -> str:
    hashes = sorted({script_hash(script) for script in inline_scripts(page)})
    return serialize({**PAGE, "script-src": " ".join([PAGE["script-src"], *hashes])})


_PREFETCH_HINT = re.compile(r'\n?<link rel="(?:prev|next)" href="[^"]*">')


def without_prefetch_hints(page: str) -> str:
    """The page without the theme's rel=prev/next links: Firefox prefetches the "next" page, which the policy
    (default-src 'none') rightly blocks, with a console error on every page. Nothing else reads them."""
    return _PREFETCH_HINT.sub("", page)


def with_policy(page: str) -> str:
    """The page with its policy first in <head>: it governs only what comes after it."""
    head = re.search(r"<head(\s[^>]*)?>", page)
    if head is None:
        raise ValueError("the page has no <head> to put its Content Security Policy in")
    meta = f'\n<meta http-equiv="{META_NAME}" content="{html.escape(page_policy(page), quote=False)}">'
    return page[: head.end()] + meta + page[head.end() :]


def policy_of(page: str) -> str | None:
    """A page's policy, as its meta states it (the server sends it again as a header)."""
    found = _META.search(page)
    return html.unescape(found.group(1)) if found else None


def page_header(page: str) -> str | None:
    policy = policy_of(page)
    return None if policy is None else f"{policy}; {serialize(HEADERS_ONLY)}"


def response_policy(site: Path, path: str) -> str | None:
    """The Content-Security-Policy header for the file at `path` (from the root of `site`): a page's
    own policy, read from its meta, a script's worker policy, or none."""
    if path == CALCULATOR_WORKER_PATH:
        return serialize({**CALCULATOR_WORKER, **HEADERS_ONLY})
    if path.endswith((".js", ".mjs")):
        return serialize({**WORKER, **HEADERS_ONLY})
    if path.endswith(".html"):
        with (site / path).open(encoding="utf-8", errors="replace") as page:
            return page_header(page.read(8192))  # the meta is first in <head>
    return None
