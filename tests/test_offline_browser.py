"""The installed app offline: after one visit every page and the calculator work with no network,
and with no server at all; a newer build is offered, not mixed in."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, expect

from sitebuild.precompress import siblings
from sitebuild.service_worker import CACHE, precache_list, write_service_worker
from sitebuild.static_server import serve_in_thread
from tests.support.browser import watch_context
from tests.support.calculator_page import answer, expect_shows, open_calculator
from tests.support.sources import PAGE_PATHS as PAGES
from tests.support.vignettes import VIGNETTES

FINDINGS = VIGNETTES[0]["findings"]


@pytest.fixture
def own_site(site_dir: Path, tmp_path: Path) -> Iterator[tuple[Path, object, str]]:
    """A copy of the built site on its own server, which a test may change or stop."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    server, url = serve_in_thread(copy)
    yield copy, server, url
    server.shutdown()
    server.server_close()


@pytest.fixture
def app_context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 768, "height": 1024}, service_workers="allow")
    yield context
    context.close()


def install(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=60_000)


def test_after_one_visit_every_page_and_the_calculator_work_offline_and_with_no_server(app_context, own_site):
    _, server, url = own_site
    watch = watch_context(app_context, refuse_other_hosts=False)
    page = app_context.new_page()
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    install(page, url)
    open_calculator(page, url)
    answer(page, FINDINGS)
    expect_shows(page, FINDINGS)

    app_context.set_offline(True)
    for path in PAGES:
        assert page.goto(url + path).ok
        expect(page.locator("h1").first).to_be_visible()
    open_calculator(page, url)
    answer(page, FINDINGS)
    expect_shows(page, FINDINGS)

    app_context.set_offline(False)
    server.shutdown()
    server.server_close()
    for path in PAGES:
        assert page.goto(url + path).ok
    open_calculator(page, url)
    answer(page, FINDINGS)
    expect_shows(page, FINDINGS)
    assert watch.unexpected_errors() == [] and watch.external_requests == []
    assert not [m for m in messages if "without the snapshot" in m], "offline, Python booted the slow way"


MARKER = "A correction made after the first build."


def rebuild_with_one_page_changed(site: Path) -> None:
    """What a rebuild that changes one page leaves on the host: the page, sw.js and their .gz."""
    page = site / "about" / "index.html"
    page.write_text(page.read_text().replace("</article>", f"<p>{MARKER}</p></article>", 1))
    write_service_worker(site)
    siblings(site)


def take_the_update(page: Page) -> None:
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    offer = page.get_by_role("button", name="A new version is available - reload")
    expect(offer).to_be_visible(timeout=60_000)
    with page.expect_navigation():
        offer.click()


def test_a_newer_build_is_offered_and_downloads_only_the_page_that_changed(app_context, own_site):
    copy, _, url = own_site
    page = app_context.new_page()
    install(page, url)
    fetched: list[str] = []

    def by_the_service_worker(request: Request) -> None:
        if request.service_worker:
            fetched.append(urlparse(request.url).path)

    app_context.on("request", by_the_service_worker)
    rebuild_with_one_page_changed(copy)
    take_the_update(page)
    assert [p for p in fetched if not p.endswith("/sw.js")] == ["/about/index.html"]
    page.goto(url + "about/")
    expect(page.get_by_text(MARKER)).to_be_visible()
    # One cache; the old page's entry is gone, every other entry is this build's.
    assert page.evaluate("caches.keys()") == [CACHE]
    keys = page.evaluate(f"caches.open({CACHE!r}).then(c => c.keys()).then(ks => ks.map(k => k.url))")
    assert len(keys) == len(precache_list(copy))


def test_an_update_stores_the_new_files_even_when_the_http_cache_holds_the_old_ones(app_context, site_dir, tmp_path):
    """A host that lets browsers keep files for an hour: the update must not take them from there."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    server, url = serve_in_thread(copy, max_age=3600)
    try:
        page = app_context.new_page()
        install(page, url)
        rebuild_with_one_page_changed(copy)
        take_the_update(page)
        page.goto(url + "about/")
        expect(page.get_by_text(MARKER)).to_be_visible()
    finally:
        server.shutdown()
        server.server_close()


def test_the_manifest_makes_the_site_installable(page: Page, base_url):
    page.goto(base_url)
    manifest = page.evaluate("fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())")
    assert manifest["display"] == "standalone" and manifest["start_url"] and manifest["theme_color"]
    assert manifest["short_name"] and manifest["name"]
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert page.request.get(base_url + icon["src"]).ok
