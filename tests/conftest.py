"""Shared fixtures: the site built once per session, served on 127.0.0.1, and a real Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "build_scripts"))

from site_build import chromium_path  # noqa: E402
from static_server import serve_in_thread  # noqa: E402

# CI runs on two cores with Chromium and Pyodide busy: give assertions room to wait.
expect.set_options(timeout=10_000)

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def build_site(dest: Path, config: Path = ROOT / "mkdocs.yml") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(dest)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
        check=False,
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `mkdocs build --strict` makes it, built once for the session."""
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    assert result.returncode == 0, result.stderr
    return dest


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    server, url = serve_in_thread(site_dir)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    try:
        executable = chromium_path()
    except FileNotFoundError as problem:
        pytest.fail(str(problem))
    browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class Watch:
    """What a page did that a test must not let pass: console errors and requests to other hosts."""

    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    allowed_errors: list[str] = field(default_factory=list)

    def unexpected_errors(self) -> list[str]:
        return [e for e in self.console_errors if not any(a in e for a in self.allowed_errors)]


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about", "file") or parsed.hostname == "127.0.0.1"


def watch_context(context: BrowserContext, refuse_other_hosts: bool = True) -> Watch:
    watch = Watch()

    def on_page(page: Page) -> None:
        page.on("console", lambda m: m.type == "error" and watch.console_errors.append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: watch.console_errors.append(f"{page.url}: {e}"))

    context.on("page", on_page)
    context.on("request", lambda r: is_local(r.url) or watch.external_requests.append(r.url))
    if refuse_other_hosts:  # belt and braces; routing is left off where a service worker must run
        context.route(lambda url: not is_local(url), lambda route: route.abort())
    return watch


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh tablet-sized (768x1024) context: empty cache, no service worker."""
    context = browser.new_context(viewport={"width": 768, "height": 1024}, service_workers="block")
    yield context
    context.close()


@pytest.fixture
def watch(context: BrowserContext) -> Watch:
    return watch_context(context)


@pytest.fixture
def page(context: BrowserContext, watch: Watch) -> Iterator[Page]:
    """A page whose console errors and requests to other hosts fail the test."""
    page = context.new_page()
    yield page
    assert watch.unexpected_errors() == [], "console errors"
    assert watch.external_requests == [], "requests to other hosts"
