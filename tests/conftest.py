"""Shared fixtures: the site built once per session, served on 127.0.0.1, and a real Chromium.
Helpers live in tests/support/."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from sitebuild.browser import chromium_path
from sitebuild.engines import ENGINES, TABLET, FirefoxBridge, Tab, open_tab
from sitebuild.static_server import serve_in_thread
from sitebuild.webkit import display
from tests.support.browser import CHROMIUM_ARGS, Watch, build_site, watch_context
from tests.support.engines import WatchedHandler

# CI runs on two cores with Chromium and Pyodide busy: give assertions room to wait.
expect.set_options(timeout=10_000)


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


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh tablet-sized (768x1024) context: empty cache, no service worker."""
    context = browser.new_context(viewport=TABLET, service_workers="block")
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
    assert watch.policy_violations == [], "Content Security Policy violations"


# The same tests in Chromium, Firefox and WebKit (sitebuild/engines.py).


@pytest.fixture(scope="session")
def watched_url(site_dir: Path) -> Iterator[str]:
    """The site served with the tests' watch script first in every page."""
    server, url = serve_in_thread(site_dir, handler=WatchedHandler)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def firefox_bridge() -> Iterator[FirefoxBridge]:
    try:
        bridge = FirefoxBridge()
    except FileNotFoundError as problem:
        pytest.fail(str(problem))
    yield bridge
    bridge.quit()


@pytest.fixture(scope="session")
def x_display() -> Iterator[None]:
    with display():
        yield


DRIVERS = {"chromium": "browser", "firefox": "firefox_bridge", "webkit": "x_display"}  # each engine's session fixture


@pytest.fixture(params=ENGINES)
def new_tab(request: pytest.FixtureRequest) -> Iterator[Callable[[], Tab]]:
    """Opens tablet-sized tabs, each with a fresh profile, in the engine of the test's parameter."""
    engine = request.param
    driver = request.getfixturevalue(DRIVERS[engine])
    opened: list[Tab] = []

    def new() -> Tab:
        opened.append(open_tab(engine, driver))
        return opened[-1]

    yield new
    for tab in opened:
        tab.close()
