"""What a clinician relies on, in each engine a clinic tablet may run: Chromium, Firefox, and WebKit (an
iPad's only engine). Each test is written once against a `Tab` (sitebuild/engines.py) and runs in all
three."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest

from sitebuild.engines import ENGINES, Tab, wait_for_script, wait_until
from sitebuild.paths import SNAPSHOT, SNAPSHOT_JSC, SNAPSHOTS
from sitebuild.static_server import serve_in_thread
from tests.support.calculator_page import REQUIRED
from tests.support.calculator_tab import answer, expect_card, open_calculator, wait_for_python
from tests.support.engines import READ_CARD, REQUESTED, WatchedHandler
from tests.support.sources import PAGE_PATHS
from tests.support.vignettes import VIGNETTES

NewTab = Callable[[], Tab]
# A patient whose result links to a statement on another page of the guideline.
FUSION = {**REQUIRED, "course": "stable", "days_since_onset": 50, "mri": "compression", "instability": True}
WATCHED = "() => document.readyState === 'complete' && Array.isArray(window.__problems)"


def test_the_watch_reports_a_console_error_a_script_error_and_a_blocked_inline_script(new_tab: NewTab, watched_url):
    tab = new_tab()
    tab.goto(watched_url)
    wait_for_script(tab, WATCHED, what="the home page loaded, with the watch script first")
    tab.run("() => { console.error('told'); setTimeout(() => { throw new Error('thrown'); }); }")
    tab.run("() => document.head.append(Object.assign(document.createElement('script'), { textContent: '1' }))")
    expected = ("console.error: told", "thrown", "policy: script-src")
    wait_until(tab, lambda: all(e in " ".join(tab.problems()) for e in expected), what=f"{expected} reported")


def test_every_page_opens_with_no_script_error_console_error_or_policy_violation(new_tab: NewTab, watched_url):
    problems = []
    for path in [*PAGE_PATHS, "404.html"]:
        tab = new_tab()  # each page first, as the server sends it: once installed, the service worker would serve it
        tab.goto(watched_url + path)
        wait_for_script(tab, WATCHED, what=f"{path} loaded, with the watch script first")
        if path == "calculator/":
            wait_for_python(tab)
        problems += tab.problems()
        tab.close()
    assert problems == []


def test_python_starts_from_the_snapshot_made_for_the_engine_and_no_other_is_downloaded(new_tab: NewTab, watched_url):
    tab = new_tab()
    REQUESTED.clear()
    started = open_calculator(tab, watched_url)
    wait_for_script(tab, "() => !!navigator.serviceWorker.controller", 60, "the service worker installed")
    # JavaScriptCore lays out the function table otherwise than V8 and SpiderMonkey: its own snapshot.
    snapshot = f"/{(SNAPSHOT_JSC if tab.engine == 'webkit' else SNAPSHOT).as_posix()}"
    assert (started["path"], started["from"]) == ("snapshot", snapshot)
    assert {path for path in REQUESTED if path in {f"/{s.as_posix()}" for s in SNAPSHOTS}} == {snapshot}
    assert tab.problems() == []


# Not again in Chromium, where test_calculator_browser.py answers every vignette by the words of its choices and
# checks each card more closely (its reading marks): here it took 70 s of a test command kept under 30 minutes.
@pytest.mark.parametrize("new_tab", [engine for engine in ENGINES if engine != "chromium"], indirect=True)
def test_every_vignette_answered_by_the_words_of_its_labels_shows_cpythons_assessment(new_tab: NewTab, watched_url):
    tab = new_tab()
    open_calculator(tab, watched_url)
    failed = []
    for case in VIGNETTES:
        answer(tab, case["findings"])
        try:
            expect_card(tab, case["findings"])
        except AssertionError as difference:
            failed.append(f"{case['name']}: {difference}")
    assert not failed, "\n".join(failed)
    assert tab.problems() == []


# A question well below the top of the calculator, and what it shows on screen: where it lies, and the status.
UNDER_FINGER = "() => Math.round(document.querySelector('[data-field=mri]').getBoundingClientRect().top)"
STATUS = "() => document.getElementById('calculator-status').textContent"
# The day count given as a keyboard would (an input event), where typing would first scroll its box into view.
GIVE_DAYS = """(days) => {
  const input = document.querySelector("[data-field=days_since_onset] input.question__input");
  input.value = days;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}"""


def says(tab: Tab, words: str) -> bool:
    return words in tab.run(STATUS)


def test_a_result_or_an_error_shown_above_leaves_the_next_question_under_the_finger(new_tab: NewTab, watched_url):
    tab = new_tab()
    open_calculator(tab, watched_url)
    answer(tab, {name: value for name, value in REQUIRED.items() if name != "days_since_onset"})
    tab.run("() => document.querySelector('[data-field=mri]').scrollIntoView({ block: 'center' })")
    at = tab.run(UNDER_FINGER)
    # An error summary above the questions, a status line a line longer with the result, then shorter again.
    for days, shown in (("forty", "There is a problem"), ("30", "Result: "), ("", "Still to answer: 1")):
        tab.run(GIVE_DAYS, days)
        wait_until(tab, partial(says, tab, shown), what=shown)
        assert (shown, tab.run(UNDER_FINGER)) == (shown, at)
    assert tab.problems() == []


def test_a_result_link_opens_its_statement_marked_and_back_returns_to_the_same_patient(new_tab: NewTab, watched_url):
    tab = new_tab()
    open_calculator(tab, watched_url)
    answer(tab, FUSION)
    expect_card(tab, FUSION)
    shown = tab.run(READ_CARD)
    tab.click('//*[@id="result-fusion-selective"]//button[contains(@class, "result-rec__toggle")]')
    tab.click('//*[@id="result-fusion-selective"]//a[contains(@class, "statement-link")]')
    arrived = "() => location.pathname + location.search + location.hash"
    wait_until(tab, lambda: tab.run(arrived) == "/surgical-approach/?from=calculator#fusion-selective", what="arrival")
    marked = """() => {
      const target = document.getElementById("fusion-selective");  // none while the page is still arriving
      if (!target) return false;
      const { top, bottom } = target.getBoundingClientRect();
      return target.classList.contains("recommendation--linked") && top >= 0 && top < innerHeight && bottom > 0
        && target.querySelector(".recommendation__badge").textContent;
    }"""
    assert wait_until(tab, lambda: tab.run(marked), what="the statement marked, in view") == (
        "Recommended by the calculator: "
    )
    tab.back()
    wait_until(tab, lambda: tab.run(arrived) == "/calculator/", what="back on the calculator")
    wait_until(tab, lambda: tab.run(READ_CARD) == shown, what="the same patient's card")
    expect_card(tab, FUSION)
    assert tab.problems() == []


def test_once_installed_the_calculator_answers_with_the_server_stopped(new_tab: NewTab, site_dir):
    server, url = serve_in_thread(site_dir, handler=WatchedHandler)
    tab = new_tab()
    try:
        tab.goto(url)
        controlled = "() => !!navigator.serviceWorker.controller"
        wait_until(tab, lambda: tab.run(controlled), 60, "the service worker installed and in control")
        open_calculator(tab, url)  # its first use stores the engine's snapshot
        problems = tab.problems()
    finally:
        server.shutdown()
        server.server_close()
    started = open_calculator(tab, url)
    assert started["path"] == "snapshot"
    case = VIGNETTES[0]["findings"]
    answer(tab, case)
    expect_card(tab, case)
    assert problems + tab.problems() == []
