"""The installed app offline: after one visit every page and the calculator work with no network,
and with no server at all; a newer build is offered, not mixed in."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Request, expect

from sitebuild.engines import TABLET
from sitebuild.facts import build_date
from sitebuild.paths import SNAPSHOT, SNAPSHOT_JSC, WORKER
from sitebuild.precompress import siblings
from sitebuild.service_worker import (
    CACHE,
    CACHE_PREFIX,
    MAX_AGE_DAYS,
    on_first_use,
    precache_list,
    write_service_worker,
)
from sitebuild.static_server import serve_in_thread
from tests.support.browser import watch_context
from tests.support.calculator_page import answer, assert_no_finding_stored, expect_shows, open_calculator
from tests.support.served import fetch
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
    context = browser.new_context(viewport=TABLET, service_workers="allow")
    yield context
    context.close()


def install(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)


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
    precached = {f"{url}{path}?__rev={digest}" for path, digest in precache_list(own_site[0]).items()}
    assert_no_finding_stored(page, FINDINGS, precached=precached)  # the installed app's caches included
    assert watch.unexpected_errors() == [] and watch.external_requests == [] and watch.policy_violations == []
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
    files = precache_list(copy)
    assert len(keys) == len(set(files) - set(on_first_use(files)))  # the calculator never started: no snapshot


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


# Waits in the page (wait_for_function takes a pending promise for a true value).
STORED_WITHIN_30_S = """async (key) => {
  for (const deadline = Date.now() + 30000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50)))
    if (await caches.match(key)) return true;
  return false;
}"""


def test_a_calculator_opened_before_the_service_worker_keeps_the_engine_s_snapshot_for_offline_use(
    app_context, own_site
):
    copy, _, url = own_site
    page = app_context.new_page()
    open_calculator(page, url)  # the first visit: Python starts before any service worker controls the page
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
    files = precache_list(copy)
    key = {path: f"{url}{path.as_posix()}?__rev={files[path.as_posix()]}" for path in (SNAPSHOT, SNAPSHOT_JSC)}
    assert page.evaluate(STORED_WITHIN_30_S, key[SNAPSHOT]) is True
    assert page.evaluate("(key) => caches.match(key).then(Boolean)", key[SNAPSHOT_JSC]) is False  # not this engine's
    app_context.set_offline(True)
    open_calculator(page, url)
    expect(page.locator("#calculator-app")).to_have_attribute("data-python", "snapshot")


def test_the_manifest_makes_the_site_installable(page: Page, base_url):
    page.goto(base_url)
    manifest = page.evaluate("fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())")
    assert manifest["display"] == "standalone" and manifest["start_url"] and manifest["theme_color"]
    assert manifest["short_name"] and manifest["name"]
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert page.request.get(base_url + icon["src"]).ok


# What the offline copy leaves in the browser: registrations of this site, and caches of ours.
LEFT_BEHIND = f"""async () => [
  (await navigator.serviceWorker.getRegistrations()).length,
  (await caches.keys()).filter((name) => name.startsWith({CACHE_PREFIX!r})).length]"""


def test_the_about_page_shows_the_copy_and_removes_it_for_good_until_asked_to_keep_one(app_context, own_site):
    _, _, url = own_site
    page = app_context.new_page()
    install(page, url)
    page.goto(url + "about/")
    panel = page.locator("#offline-copy")
    expect(panel.get_by_role("status")).to_contain_text(
        re.compile(rf"keeps an offline copy of this site, built on {build_date()}; .* takes about [\d.]+ MB\.")
    )
    panel.get_by_role("button", name="Remove the offline copy from this device").click()
    expect(panel.get_by_role("status")).to_have_text("There is no offline copy on this device: it was removed.")
    assert page.evaluate(LEFT_BEHIND) == [0, 0]
    # The next visit, online, does not store it again.
    page.goto(url + "calculator/")
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "ready", timeout=60_000)
    page.goto(url + "about/")
    keep = panel.get_by_role("button", name="Keep an offline copy on this device")
    expect(keep).to_be_visible()
    assert page.evaluate(LEFT_BEHIND) == [0, 0]
    keep.click()
    expect(panel.get_by_role("status")).to_contain_text("keeps an offline copy", timeout=60_000)
    assert page.evaluate(LEFT_BEHIND) == [1, 1]


def test_a_withdrawn_build_removes_the_copy_from_every_device_that_installed_it(app_context, own_site):
    copy, _, url = own_site
    page = app_context.new_page()
    install(page, url)
    assert page.evaluate(LEFT_BEHIND) == [1, 1]
    # What a FOOT_DROP_WITHDRAWN=1 build changes: sw.js, and pages that no longer install the copy.
    for path in copy.rglob("*.html"):
        path.write_text(path.read_text().replace('"withdrawn": false', '"withdrawn": true'))
    write_service_worker(copy, withdrawn=True)
    siblings(copy)
    # The device's next update check finds the withdrawing worker, which cleans up and reloads the page.
    with page.expect_navigation(timeout=60_000):
        page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    page.wait_for_load_state("networkidle")  # a page that registered again would have fetched sw.js by now
    assert page.evaluate(LEFT_BEHIND) == [0, 0]
    assert page.evaluate("navigator.serviceWorker.controller") is None


def test_a_copy_older_than_the_stated_age_says_so_on_every_page(app_context, own_site):
    _, _, url = own_site
    page = app_context.new_page()
    install(page, url)
    page.clock.set_fixed_time(datetime.now() + timedelta(days=MAX_AGE_DAYS + 20))
    page.goto(url + "prognosis/")
    expect(page.locator("#old-copy-banner")).to_contain_text(
        re.compile(rf"This offline copy was built on {build_date()}, \d+ days ago: older than {MAX_AGE_DAYS} days\.")
    )


def test_what_the_service_worker_serves_carries_the_hosts_security_headers(app_context, own_site):
    """A worker takes its policy from its response alone: served from the cache, it must still have one."""
    copy, _, url = own_site
    search_worker = next(copy.glob("assets/javascripts/workers/search.*.min.js")).relative_to(copy).as_posix()
    paths = [WORKER.as_posix(), search_worker, "about/", "sw.js"]
    names = ("content-security-policy", "x-content-type-options", "referrer-policy")
    from_host = {path: {name: fetch(url + path)[1][name] for name in names} for path in paths}
    page = app_context.new_page()
    install(page, url)
    app_context.set_offline(True)  # from here on only the service worker answers
    for path in paths[:3]:  # sw.js itself is always the host's
        served = page.evaluate("path => fetch(path).then(r => Object.fromEntries(r.headers))", url + path)
        assert {name: served[name] for name in names} == from_host[path], path
    assert "'wasm-unsafe-eval'" in from_host[WORKER.as_posix()]["content-security-policy"]
    assert "'wasm-unsafe-eval'" not in from_host[search_worker]["content-security-policy"]
