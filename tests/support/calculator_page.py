"""The calculator page as a clinician uses it, for the browser tests: open it, answer, and expect
exactly what CPython's assess() gives for the same findings."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from playwright.sync_api import Page, Route, expect

from calculator import assess
from calculator.findings import QUESTION_BY_NAME
from calculator.marks import mark
from calculator.readings import READING_BY_ID, ReadingId
from tests.support.sources import shown_citations

READY_TIMEOUT_MS = 60_000
REQUIRED = {
    "course": "stable",
    "laterality": "unilateral",
    "cauda_equina": False,
    "multilevel_motor_deficit": False,
    "severe_deficit": False,
    "days_since_onset": 12,
}
# Holds the worker's replies while window.__hold is set, and counts the requests sent to it, so a test
# can look at the page while a request is in flight.
WORKER_PROBE = """
(() => {
  const Native = Worker;
  window.__sent = 0; window.__hold = false; window.__held = [];
  window.Worker = class extends Native {
    postMessage(message) { window.__sent += 1; super.postMessage(message); }
    set onmessage(fn) {
      super.onmessage = (event) => (window.__hold && event.data.id ? window.__held.push(() => fn(event)) : fn(event));
    }
    get onmessage() { return super.onmessage; }
  };
  window.__release = (newestFirst = false) => {
    window.__hold = false;
    const held = window.__held.splice(0);
    (newestFirst ? held.reverse() : held).forEach((deliver) => deliver());
  };
})();
"""


# Everywhere a page could keep what was entered: both storages, cookies, IndexedDB, the caches, the URL.
STORED_ANYWHERE = """async () => ({
  local: JSON.stringify({...localStorage}),
  session: JSON.stringify({...sessionStorage}),
  cookies: document.cookie,
  databases: await indexedDB.databases(),
  cached: (await Promise.all((await caches.keys()).map(async (name) =>
    (await (await caches.open(name)).keys()).map((request) => request.url)))).flat(),
  url: location.href})"""


def assert_no_finding_stored(
    page: Page,
    findings: dict,
    days: int | None = None,
    precached: set[str] | frozenset[str] = frozenset(),
    session: bool = False,
) -> None:
    """Every field's name is searched for, and `days`, an unusual day count entered, if given, everywhere but
    in this tab's session storage, where the calculator keeps the answers for the round trip (searched too
    with `session`). The caches may hold only `precached`: the service worker's URLs for the site's own files."""
    stored = page.evaluate(STORED_ANYWHERE)
    url = urlparse(stored["url"])
    places = [stored["local"], stored["cookies"], url.path + url.query + url.fragment, " ".join(stored["cached"])]
    for text in places + ([stored["session"]] if session else []):
        assert not [name for name in findings if name in text], text
        assert days is None or str(days) not in text, text
    assert stored["databases"] == []
    assert set(stored["cached"]) <= precached, set(stored["cached"]) - precached


def kept_in_session(page: Page) -> dict[str, str]:
    """What this tab's session storage holds: each key's value as stored."""
    return dict(page.evaluate("({...sessionStorage})"))


def with_load_timeout(page: Page, seconds: float) -> None:
    """The calculator's load timeout (one value, in the stylesheet) shortened, so a test need not wait 30 s."""

    def shorten(route: Route) -> None:
        css = route.fetch().text() + f"\n.calculator-status {{ --calculator-load-timeout: {seconds}s; }}\n"
        route.fulfill(status=200, content_type="text/css", body=css)

    page.route("**/guideline.css", shorten)


def open_calculator(page: Page, base_url: str) -> None:
    page.goto(base_url + "calculator/")
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)


def option_label(name: str, value: object) -> str:
    """The words of the choice the clinician clicks for `value` (the module's questions are the form's)."""
    question = QUESTION_BY_NAME[name]
    return next(label for option, label in question.options if getattr(option, "value", option) == value)


def answer(page: Page, findings: dict) -> None:
    """Answer as a clinician would: start from a reset form, click each choice by its words, type the numbers."""
    page.locator("#calculator-reset").click()
    for name, value in findings.items():
        field = page.locator(f'[data-field="{name}"]')
        if field.locator("input[type=radio]").count():
            field.get_by_role("radio", name=option_label(name, value), exact=True).check()
        else:
            field.locator("input[type=text]").fill(str(value))


def shown_line(line: dict) -> str:
    """A card line as the page shows it: a line in parts has each part's citation numbers after it."""
    if "parts" not in line:
        return line["text"]
    return "".join(
        part["text"] + (" " + ", ".join(shown_citations(part["citations"])) if part["citations"] else "")
        for part in line["parts"]
    )


def expect_shows(page: Page, findings: dict) -> None:
    """The page shows exactly CPython's assessment of the same findings."""
    expected = assess(findings)
    reasons = page.locator(".result-rec__reason > strong")
    expect(reasons).to_have_text([r["reason"] for r in expected["recommendations"]])
    ids = page.locator(".result-rec").evaluate_all("nodes => nodes.map(n => n.id.replace('result-', ''))")
    assert ids == [r["id"] for r in expected["recommendations"]]
    # Every reason that rests on a reading carries that reading's mark, linking to its entry, and nothing else.
    reading_links = page.locator(".result-rec").evaluate_all(
        "nodes => nodes.map(n => [...n.querySelectorAll('.result-rec__reason a')].map(a => [a.textContent, a.href]))"
    )
    order = expected["reading_marks"]
    assert [
        [(text, urlparse(href).path + "#" + urlparse(href).fragment) for text, href in links] for links in reading_links
    ] == [
        [(mark(order, reading), f"/readings/#{reading}") for reading in sorted(set(r["readings"]), key=order.index)]
        for r in expected["recommendations"]
    ]

    # Each card line and day mark carries the marks of its own readings, and the title its own.
    def marks_of(lines: list[dict]) -> list[str]:
        return [
            " " + "".join(mark(order, r) for r in sorted(set(line["readings"]), key=order.index))
            if line["readings"]
            else ""
            for line in lines
        ]

    shown_marks = "ns => ns.map(n => n.querySelector(':scope > .reading-marks')?.textContent ?? '')"
    assert page.locator(".result-now > li").evaluate_all(shown_marks) == marks_of(expected["headline"]["now"])
    if expected["timeline"]:
        marked = page.locator(".day-line__text li").evaluate_all(shown_marks)
        assert marked == ["", *marks_of(expected["timeline"]["marks"])]
    if expected["headline"]["title_readings"]:
        expect(page.locator(".care-card__title-sources .reading-marks")).to_have_text(
            marks_of([{"readings": expected["headline"]["title_readings"]}])[0]
        )
    # The legend names each mark once, in the module's order, by the reading's title.
    legend = page.locator(".reading-legend li")
    expect(legend).to_have_count(len(order))
    if order:
        expect(legend).to_have_text([f"{mark(order, r)}: {READING_BY_ID[ReadingId(r)].title}" for r in order])
        hrefs = legend.locator("a").evaluate_all("ns => ns.map(a => new URL(a.href).pathname + new URL(a.href).hash)")
        assert hrefs == [f"/readings/#{r}" for r in order]
    # The findings line carries its readings' marks too, when it has any.
    findings_marks = page.locator(".care-card__findings > .reading-marks")
    expect(findings_marks).to_have_count(1 if expected["headline"]["findings"]["readings"] else 0)
    headline = expected["headline"]
    expect(page.locator(".care-card__label")).to_have_text(headline["label"])
    expect(page.locator(".care-card__title")).to_have_text(headline["title"])
    expect(page.locator(".care-card")).to_have_class(re.compile(f"care-card--{headline['level']}"))
    expect(page.locator(".result-pathway")).to_have_class(re.compile(f"result-pathway--{expected['pathway']}"))
    expect(page.locator(".result-now > li")).to_contain_text([shown_line(line) for line in headline["now"]])
    expect(page.locator(".care-card__findings")).to_contain_text(headline["findings"]["text"])
    if expected["timeline"]:
        expect(page.locator(".day-line__text li")).to_have_count(1 + len(expected["timeline"]["marks"]))
        expect(page.locator(".day-line__text li").first).to_have_text(
            f"Today: day {findings['days_since_onset']} since onset."
        )
    else:
        expect(page.locator(".day-line")).to_have_count(0)
    notes = page.locator(".result-rec--reading .calculator-note")
    expect(notes).to_have_count(sum(r["kind"] == "reading" for r in expected["recommendations"]))
    if expected["prognosis"]:
        items = page.locator(".result-prognosis li")
        expect(items).to_have_text([re.compile(re.escape(s["text"])) for s in expected["prognosis"]["statements"]])
    else:
        expect(page.locator(".result-prognosis")).to_have_count(0)
    # The panel marks what the module says, statement by statement and item by item.
    marks = page.locator(".panel-statement--marked").evaluate_all(
        """ns => ns.map(n => [n.id.slice(6), n.querySelector('.panel-statement__badge').textContent,
            [...n.querySelectorAll('.panel-item')].flatMap((item, i) =>
              item.classList.contains('panel-item--applies') ? [i] : [])])"""
    )
    assert sorted(marks) == sorted([e["id"], f"{e['mark']}: ", e["items"] or []] for e in expected["panel"])
    applies = page.locator(".panel-statement--applies").evaluate_all("ns => ns.map(n => n.id.slice(6))")
    assert sorted(applies) == sorted(e["id"] for e in expected["panel"] if e["applies"])
    # Marks for a day line that says only what applies to this patient.
    if expected["timeline"]:
        expect(page.locator(".day-line__text li").nth(1)).to_contain_text(expected["timeline"]["marks"][0]["text"])
    expect(page.locator("#calculator-results")).not_to_have_attribute("aria-busy", "true")
