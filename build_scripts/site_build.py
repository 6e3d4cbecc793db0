"""Facts about the build that several hooks need: its version line, and which kind of copy it is."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from playwright.sync_api import Page, sync_playwright
from static_server import serve_in_thread

from calculator import __version__


def build_info() -> str:
    """Version of the decision module and the build date (SOURCE_DATE_EPOCH for reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    built = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return f"Version {__version__}, built on {built:%Y-%m-%d}."


def is_offline_copy(config: MkDocsConfig) -> bool:
    """True in the nested build that makes the file-openable copy (Material's offline plugin on)."""
    offline = next((p for name, p in config.plugins.items() if name.endswith("offline")), None)
    return bool(offline and offline.config.enabled)


def chromium_path() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(found):
        raise FileNotFoundError(
            "No Chromium (it prints the PDF handout and runs the tests): run build_scripts/setup.sh --browser"
        )
    return found


@contextmanager
def page_on_served_site(site: Path) -> Iterator[tuple[Page, str]]:
    """A Chromium page and the base URL of `site` served on 127.0.0.1, for build steps."""
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
