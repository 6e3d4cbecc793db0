"""Chromium for the build steps that need a browser (the memory snapshot, the PDF handout)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import Page, sync_playwright

from .static_server import serve_in_thread


def chromium_path() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(found):
        raise FileNotFoundError(
            "No Chromium (it prints the PDF handout and runs the tests): run build_scripts/commands/setup.sh --browser"
        )
    return found


@contextmanager
def page_on_served_site(site: Path) -> Iterator[tuple[Page, str]]:
    """A Chromium page and the base URL of `site` served on 127.0.0.1."""
    server, base = serve_in_thread(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"])
            try:
                yield browser.new_page(), base
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


def open_blank_page(page: Page, base: str) -> None:
    """Open a blank page of the origin of `base`, answered by a route: it has no policy of its own, so a
    script run there may start the calculator's worker and compile WebAssembly (the site's pages rightly
    forbid the latter). The route is removed once the page is open, so no interception slows what the
    page then fetches."""
    blank = urljoin(base, "/blank-page.html")
    page.route(blank, lambda route: route.fulfill(content_type="text/html", body="<!doctype html><title>_</title>"))
    page.goto(blank)
    page.unroute(blank)
