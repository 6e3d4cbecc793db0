"""The calculator in Chromium: the vignettes answered in the form show what CPython's assess() gives."""

from __future__ import annotations

import base64
import io
import json
import re
import struct
import time
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Request, Route, expect
from pypdf import PdfReader

from calculator import __version__, assess
from calculator.notes import summary
from calculator.readings import READING_BY_ID, ReadingId
from sitebuild.engines import TABLET
from sitebuild.paths import INDEX, KNOWN_ANSWER, ROOT, SNAPSHOT, SNAPSHOTS, WORKER
from sitebuild.runtime import sparse
from sitebuild.static_server import SiteHandler, serve_in_thread
from tests.support.a11y import assert_no_axe_violations
from tests.support.browser import Watch, watch_context
from tests.support.calculator_page import (
    READY_TIMEOUT_MS,
    REQUIRED,
    WORKER_PROBE,
    answer,
    assert_no_finding_stored,
    expect_shows,
    kept_in_session,
    open_calculator,
    with_load_timeout,
)
from tests.support.served import site_file
from tests.support.sources import FORM_WORDS, SOURCE_CITATIONS, shown_citations
from tests.support.vignettes import VIGNETTE_IDS, VIGNETTES


@pytest.fixture(scope="module")
def calculator(browser: Browser, base_url: str) -> Iterator[tuple[Page, Watch]]:
    """One calculator page for many cases, as a clinician would keep it open."""
    context = browser.new_context(viewport=TABLET, service_workers="block")
    watch = watch_context(context)
    page = context.new_page()
    open_calculator(page, base_url)
    yield page, watch
    context.close()


@pytest.fixture
def calc(calculator: tuple[Page, Watch]) -> Iterator[Page]:
    page, watch = calculator
    errors_before = len(watch.console_errors)
    yield page
    assert watch.console_errors[errors_before:] == [], "console errors"
    assert watch.external_requests == [], "requests to other hosts"
    assert watch.policy_violations == [], "Content Security Policy violations"


@pytest.mark.parametrize("case", VIGNETTES, ids=VIGNETTE_IDS)
def test_the_vignette_answered_in_the_browser_shows_cpythons_assessment(calc: Page, case):
    answer(calc, case["findings"])
    expect_shows(calc, case["findings"])


def test_each_recommendation_opens_to_its_statement_with_each_items_own_citations(calc: Page, site_dir):
    index = json.loads((site_dir / "recommendations.json").read_text())
    findings = {**REQUIRED, "course": "progressive", "dorsiflexion_mrc": 2}
    answer(calc, findings)
    expect_shows(calc, findings)
    for rec in calc.locator(".result-rec--guideline").all():
        rec_id = (rec.get_attribute("id") or "").removeprefix("result-")
        entry = index["recommendations"][rec_id]
        more = rec.locator(".result-rec__more")
        toggle = rec.locator(".result-rec__toggle")
        expect(more).to_be_hidden()
        expect(toggle).to_have_text(entry["text"])
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")

        expect(more.locator(".statement__cited .cite a")).to_have_text(shown_citations(entry["citations"]))
        for item, source in zip(more.locator("li").all(), entry["items"], strict=True):
            expect(item).to_contain_text(source["text"])
            expect(item.locator(".cite a")).to_have_text(shown_citations(source["citations"]))
        expect(more.locator(".statement-link")).to_have_attribute("href", re.compile(f"from=calculator#{rec_id}$"))


def test_a_reading_is_shown_as_the_calculators_note_and_links_to_its_entry(calc: Page, base_url):
    findings = {**REQUIRED, "laterality": "bilateral", "mri": "no_compression"}
    answer(calc, findings)
    expect_shows(calc, findings)
    note = calc.locator("#result-diagnosis-review .calculator-note")
    expect(note).to_contain_text("Calculator's note, not a statement of the guideline")
    expect(note.locator("a")).to_have_attribute("href", base_url + "readings/#diagnosis-review")
    reading = calc.locator("#result-no-compression-emergency .result-rec__reason a")
    expect(reading).to_have_attribute("href", base_url + "readings/#no-compression-emergency")


def test_results_wait_for_every_required_answer_and_the_red_flags_start_unanswered(calc: Page):
    calc.locator("#calculator-reset").click()
    for name in ("course", "laterality", "cauda_equina", "multilevel_motor_deficit", "severe_deficit"):
        expect(calc.locator(f'[data-field="{name}"] input:checked')).to_have_count(0)
    expect(calc.locator("#results-body")).to_contain_text("Results appear when every required question")
    answer(calc, {k: v for k, v in REQUIRED.items() if k != "multilevel_motor_deficit"})
    expect(calc.locator("#results-body")).to_contain_text("Still to answer: Multiple level motor deficits.")
    expect(calc.locator(".result-rec")).to_have_count(0)
    calc.locator('[data-field="multilevel_motor_deficit"] input[value="false"]').check()
    expect_shows(calc, REQUIRED)


def test_reset_clears_every_answer_and_the_results(calc: Page):
    answer(calc, {**REQUIRED, "mri": "compression", "dorsiflexion_mrc": 2})
    expect_shows(calc, {**REQUIRED, "mri": "compression", "dorsiflexion_mrc": 2})
    calc.locator("#calculator-reset").click()
    expect(calc.locator('[data-field="course"] input:checked')).to_have_count(0)
    expect(calc.locator("#days_since_onset-1")).to_have_value("")
    expect(calc.locator('[data-field="mri"] input:checked')).to_have_value('"not_done"')
    expect(calc.locator('[data-field="dorsiflexion_mrc"] input:checked')).to_have_value("")
    expect(calc.locator(".result-rec")).to_have_count(0)
    expect(calc.locator(".panel-statement--applies")).to_have_count(0)


@pytest.mark.parametrize(
    ("typed", "message"),
    [("abc", "must be a whole number"), ("3.5", "must be a whole number"), ("5000", "must be from 0 to 3650")],
)
def test_a_bad_answer_shows_the_error_summary_linking_to_the_field(calc: Page, typed, message):
    answer(calc, {**REQUIRED, "days_since_onset": typed})
    summary = calc.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("h2")).to_have_text("There is a problem")
    link = summary.locator("a")
    expect(link).to_have_text(f"Days since the foot drop began: {message}.")
    expect(calc.locator("#error-days_since_onset")).to_have_text(f"Error: {message}.")
    expect(calc.locator("#days_since_onset-1")).to_have_attribute("aria-invalid", "true")
    expect(calc.locator(".result-rec")).to_have_count(0)
    link.click()
    expect(calc.locator("#days_since_onset-1")).to_be_focused()
    calc.locator("#days_since_onset-1").fill("12")
    expect(summary).to_be_hidden()
    expect_shows(calc, REQUIRED)


def test_axe_finds_no_violation_empty_with_errors_and_with_results(calc: Page):
    calc.locator("#calculator-reset").click()
    assert_no_axe_violations(calc)
    answer(calc, {**REQUIRED, "days_since_onset": "abc"})
    expect(calc.locator("#error-summary")).to_be_visible()
    assert_no_axe_violations(calc)
    answer(calc, {**REQUIRED, "laterality": "bilateral", "dorsiflexion_mrc": 1})
    expect_shows(calc, {**REQUIRED, "laterality": "bilateral", "dorsiflexion_mrc": 1})
    assert_no_axe_violations(calc)


def test_touch_targets_are_at_least_44_px_at_tablet_width(calc: Page):
    answer(calc, REQUIRED)
    expect_shows(calc, REQUIRED)
    targets = calc.locator(".choice, .question__input, #calculator-app button:visible, .statement-link:visible")
    sizes = targets.evaluate_all(
        "ns => ns.map(n => { const r = n.getBoundingClientRect(); return [n.textContent.trim().slice(0, 30), "
        "r.width, r.height]; })"
    )
    assert len(sizes) > 30
    assert [s for s in sizes if s[1] < 44 or s[2] < 44] == []


def test_a_result_link_opens_the_guideline_with_the_recommendation_marked(calc: Page, base_url):
    answer(calc, {**REQUIRED, "course": "stable", "days_since_onset": 50, "mri": "compression", "instability": True})
    calc.locator("#result-fusion-selective .result-rec__toggle").click()
    link = calc.locator("#result-fusion-selective .statement-link")
    link.click()
    expect(calc).to_have_url(base_url + "surgical-approach/?from=calculator#fusion-selective")
    target = calc.locator("#fusion-selective")
    expect(target).to_have_class(re.compile(r"\brecommendation--linked\b"))
    expect(target.locator(".recommendation__badge")).to_have_text("Recommended by the calculator: ")
    expect(target).to_be_in_viewport()
    calc.go_back()
    expect(calc.locator("#calculator-app")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)


def test_keyboard_alone_answers_every_question_and_reaches_the_results(page: Page, base_url):
    open_calculator(page, base_url)
    page.locator("#calculator-form").evaluate("form => form.querySelector('input').focus()")
    for _ in range(40):
        focused = page.evaluate("({name: document.activeElement.name, type: document.activeElement.type})")
        if focused["type"] == "radio":
            group = page.locator(f'[data-field="{focused["name"]}"]')
            if group.get_attribute("data-required") == "true" and not group.locator("input:checked").count():
                page.keyboard.press("Space")
        elif focused["name"] == "days_since_onset":
            page.keyboard.type("20")
        if page.locator(".result-rec").count():
            break
        page.keyboard.press("Tab")
    expect(page.locator(".result-pathway")).to_be_visible()
    for _ in range(60):
        if page.evaluate("document.activeElement.classList.contains('result-rec__toggle')"):
            break
        page.keyboard.press("Tab")
    toggle = page.locator(".result-rec__toggle:focus")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    for _ in range(10):  # past the statement's citation links
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('statement-link')"):
            break
    expect(page.locator(".statement-link:focus")).to_have_text(re.compile("Read in the guideline"))


def test_each_result_change_is_announced_in_one_line_that_stays_in_view(calc: Page):
    status = calc.locator("#calculator-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_attribute("aria-live", "polite")
    answer(calc, {**REQUIRED, "cauda_equina": True})
    expected = assess({**REQUIRED, "cauda_equina": True})
    headline = expected["headline"]
    expect(status).to_have_text(
        f"Result: {headline['label']}: {headline['title']}. {len(expected['recommendations'])} recommendations. "
        "See the results"
    )
    calc.locator("#multilevel_motor_deficit-1").scroll_into_view_if_needed()
    expect(status).to_be_in_viewport()
    status.get_by_role("link", name="See the results").click()
    expect(calc.locator("#results-title")).to_be_focused()
    expect(calc.locator("#results-title")).to_be_in_viewport()


def test_loading_shows_progress_then_python_starts_from_the_snapshot_with_the_calculator_imported(page: Page, base_url):
    messages: list[str] = []  # the page's console carries its workers' messages too
    page.on("console", lambda m: messages.append(m.text))
    wheels: list[str] = []

    def on_request(request: Request) -> None:
        if urlparse(request.url).path.endswith(".whl"):
            wheels.append(request.url)

    page.on("request", on_request)
    with page.expect_response(lambda r: r.url.endswith(f"/{SNAPSHOT.as_posix()}")) as snapshot:
        page.goto(base_url + "calculator/", wait_until="domcontentloaded")
        expect(page.locator("#calculator-status progress")).to_be_visible()
    assert snapshot.value.ok
    # Served as deployed: the browser decompresses the snapshot, not a script.
    assert snapshot.value.header_value("content-encoding") == "gzip"
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    assert not [m for m in messages if "without the snapshot" in m]
    start = page.evaluate("performance.getEntriesByName('calculator-ready')[0].detail")
    assert start["path"] == "snapshot" and start["imported"] >= start["runtime"] >= start["snapshot"]
    expect(page.locator("#calculator-app")).to_have_attribute("data-python", "snapshot")
    assert wheels == []  # the snapshot holds the calculator imported: no wheel on the start path
    answer(page, REQUIRED)
    expect_shows(page, REQUIRED)


class SnapshotInTwo(SiteHandler):
    """The site as served, but for the snapshot: its header and first bytes at once, the rest after a pause
    longer than the runtime here takes to compile."""

    PAUSE_S = 3.0

    def send_head(self) -> BinaryIO | None:
        if self.path.split("?", 1)[0] != f"/{SNAPSHOT.as_posix()}":
            return super().send_head()
        body = Path(self.translate_path(self.path)).read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: 1 << 16])
        time.sleep(self.PAUSE_S)
        return io.BytesIO(body[1 << 16 :])


def test_python_is_restored_only_once_the_whole_snapshot_has_come(page: Page, site_dir):
    server, url = serve_in_thread(site_dir, handler=SnapshotInTwo)
    try:
        page.goto(url + "calculator/")
        expect(page.locator("#calculator-app")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        expect(page.locator("#calculator-app")).to_have_attribute("data-python", "snapshot")
        start = page.evaluate("performance.getEntriesByName('calculator-ready')[0].detail")
        assert start["snapshot"] - start["start"] >= SnapshotInTwo.PAUSE_S * 1000
        assert start["held"] < start["snapshot"]  # compiled before the rest came, then held until it had
        answer(page, REQUIRED)
        expect_shows(page, REQUIRED)
    finally:
        server.shutdown()
        server.server_close()


# The calculator's worker, told from Material's search worker by its script.
IS_CALCULATOR_WORKER = f"(url) => new URL(url, location.href).pathname.endsWith({json.dumps('/' + WORKER.as_posix())})"

# The document's state each time the page creates the calculator's worker.
WORKER_CREATED = f"""
(() => {{
  const Native = Worker;
  window.calculatorWorkerCreated = [];
  window.Worker = class extends Native {{
    constructor(url, options) {{
      super(url, options);
      if (({IS_CALCULATOR_WORKER})(url)) window.calculatorWorkerCreated.push(document.readyState);
    }}
  }};
}})();
"""


def test_python_starts_once_the_page_s_own_scripts_have_run_not_beside_them(page: Page, base_url):
    # On a two-core tablet the two slow each other down (and a phone's main thread blocks for longer).
    page.add_init_script(WORKER_CREATED)
    page.goto(base_url + "calculator/")
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    assert page.evaluate("() => window.calculatorWorkerCreated")[0] == "interactive"


def test_a_page_that_failed_before_python_was_due_does_not_start_it(page: Page, watch: Watch, base_url):
    watch.allowed_errors.append("Failed to load resource: the server responded with a status of 404")
    page.add_init_script(WORKER_CREATED)
    page.route(site_file(INDEX), lambda route: route.fulfill(status=404))
    held: list[Route] = []  # Material's bundle, held so the page fails before DOMContentLoaded
    page.route(lambda url: "/assets/javascripts/bundle." in urlparse(url).path, lambda route: held.append(route))
    page.goto(base_url + "calculator/", wait_until="commit")
    status = page.locator("#calculator-status")
    expect(status).to_contain_text("The calculator could not load. Why: recommendations index: HTTP 404")
    assert len(held) == 1
    held[0].continue_()
    page.wait_for_load_state("domcontentloaded")
    assert page.evaluate("() => window.calculatorWorkerCreated") == []
    expect(status).to_contain_text("The calculator could not load")


def without_snapshot(page: Page) -> None:
    """Refuse the snapshot, so Python boots from nothing and loads the wheel (the fallback path)."""
    page.route(site_file(SNAPSHOT), lambda route: route.fulfill(status=404))


def test_answers_given_while_python_starts_get_their_result_once_it_is_ready(page: Page, base_url):
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    page.route(site_file(SNAPSHOT), hold)
    page.goto(base_url + "calculator/")
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "loading")
    answer(page, REQUIRED)
    expect(page.locator("#results-body")).to_have_text("Results appear as soon as the calculator is ready.")
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "loading")
    assert len(held) == 1
    held[0].continue_()
    expect_shows(page, REQUIRED)


def open_with_a_missing_wheel(page: Page, watch: Watch, base_url: str) -> Locator:
    """The fallback boot (no snapshot) with the wheel answered 404; returns the status line once it failed."""
    # The browser's own line for the refused download; the worker reports the rest in the page.
    watch.allowed_errors.append("Failed to load resource: the server responded with a status of 404")
    without_snapshot(page)
    # A predicate, not a glob: the worker's own URL carries the wheel's URL in its query.
    page.route(lambda url: urlparse(url).path.endswith(".whl"), lambda route: route.fulfill(status=404, body="gone"))
    page.goto(base_url + "calculator/")
    status = page.locator("#calculator-status")
    expect(status).to_contain_text("The calculator could not load", timeout=READY_TIMEOUT_MS)
    return status


def test_a_missing_wheel_says_the_calculator_failed_and_points_to_the_guideline(page: Page, watch: Watch, base_url):
    status = open_with_a_missing_wheel(page, watch, base_url)
    expect(status).to_contain_text("calculator package could not be loaded")
    expect(status.get_by_role("link", name="read the guideline")).to_have_attribute("href", base_url)


@pytest.mark.parametrize(
    "viewport", [TABLET, {"width": TABLET["height"], "height": TABLET["width"]}], ids=["portrait", "landscape"]
)
def test_the_page_fits_a_tablet_in_both_orientations(browser: Browser, base_url, viewport):
    context = browser.new_context(viewport=viewport, service_workers="block", has_touch=True)
    try:
        page = context.new_page()
        open_calculator(page, base_url)
        page.locator('[data-field="course"] label').first.tap()
        answer(page, REQUIRED)
        expect_shows(page, REQUIRED)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    finally:
        context.close()


def test_print_this_assessment_gives_a4_with_the_summary_for_the_notes_word_for_word(calc: Page, site_dir):
    findings = {
        **REQUIRED,
        "course": "progressive",
        "laterality": "bilateral",
        "dorsiflexion_mrc": 2,
        "mri": "compression",
        "instability": True,
        "chronic_axial_pain": True,
        "recurrent_herniation": True,
    }
    answer(calc, findings)
    expect_shows(calc, findings)
    expect(calc.locator("#calculator-print")).to_be_visible()
    calc.emulate_media(media="print")
    try:
        pdf = PdfReader(io.BytesIO(calc.pdf(format="A4", print_background=True)))
    finally:
        calc.emulate_media(media="screen")
    assert len(pdf.pages) <= 2
    width, height = (float(x) for x in pdf.pages[0].mediabox[2:])
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    # The same words as the notes (the PDF's text has its own line breaks), and nothing else of the page.
    printed = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert printed == " ".join(expected_notes(calc, site_dir, findings).split())
    assert (
        "Supports and does not replace clinical judgement." in printed
        and f"Calculator version {__version__}" in printed
    )


def test_a_slow_first_load_says_it_is_still_loading_not_failed_and_then_answers(page: Page, base_url):
    with_load_timeout(page, 1)
    held: list[Route] = []
    page.route(site_file(SNAPSHOT), lambda route: held.append(route))
    page.goto(base_url + "calculator/")
    status = page.locator("#calculator-status")
    expect(status).to_contain_text("Still loading the calculator")
    expect(status.get_by_role("link", name="PDF handout")).to_be_visible()
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "loading")
    answer(page, REQUIRED)
    assert len(held) == 1
    held[0].continue_()
    expect_shows(page, REQUIRED)
    expect(page.locator("#calculator-app")).to_have_attribute("data-python", "snapshot")


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        # its second half zeroed: the restore traps, or the self-check disagrees
        (lambda memory: memory[: len(memory) // 2] + bytes(len(memory) - len(memory) // 2), ""),
        (lambda memory: memory[:-1000], "bytes, its header accounts for"),  # cut short
    ],
    ids=["zeroed", "truncated"],
)
def test_a_damaged_snapshot_is_caught_and_python_starts_without_it(page: Page, base_url, damage, why):
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))

    def damaged(route: Route) -> None:
        route.fulfill(status=200, content_type="application/octet-stream", body=damage(route.fetch().body()))

    page.route(site_file(SNAPSHOT), damaged)
    page.goto(base_url + "calculator/")
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    expect(page.locator("#calculator-app")).to_have_attribute("data-python", "boot")
    assert [m for m in messages if "without the snapshot" in m and why in m], messages
    answer(page, REQUIRED)
    expect_shows(page, REQUIRED)


# The first calculator worker says it is restoring the snapshot, then is never heard from again: a hung restore.
HUNG_RESTORE = f"""
(() => {{
  const Native = Worker;
  let first = true;
  window.Worker = class extends Native {{
    constructor(url, options) {{
      super(url, options);
      this.hangs = first && ({IS_CALCULATOR_WORKER})(url);  // not Material's search worker
      first &&= !this.hangs;
    }}
    set onmessage(fn) {{ super.onmessage = (event) => (this.hangs && !event.data.restoring ? null : fn(event)); }}
  }};
}})();
"""


def test_a_restore_that_never_finishes_is_given_up_for_a_worker_that_boots(page: Page, base_url):
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    page.add_init_script(HUNG_RESTORE)
    page.goto(base_url + "calculator/")
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    expect(page.locator("#calculator-app")).to_have_attribute("data-python", "boot")
    assert [m for m in messages if "without the snapshot" in m and "more than 10 seconds" in m], messages
    answer(page, REQUIRED)
    expect_shows(page, REQUIRED)


# The packed snapshot fed to the worker's unpacker as a stream of `size`-byte chunks (a stream of the header
# alone, then nothing, when `size` is 0); the memory once written, or its error; and whether the memory was
# given before the stream ended.
UNPACK = """async ([url, packed, size]) => {
  const { unpacking } = await import(url);
  const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
  let close;
  const body = new ReadableStream({ start(controller) {
    if (!size) return controller.enqueue(bytes.slice(0, 8 + 8 * new DataView(bytes.buffer).getUint32(4, true)));
    for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.slice(at, at + size));
    close = () => {
      try {
        controller.close();
      } catch {} // the unpacker cancelled it, on an error
    };
  } });
  const { memory, written } = unpacking(body);
  const later = new Promise((resolve) => setTimeout(resolve, 500, null));
  const early = await Promise.race([memory.then((m) => m.length, () => null), later]);
  close?.();
  if (!size) return { early };
  try { await written; } catch (error) { return { early, error: error.message }; }
  return { early, memory: btoa(Array.from(await memory, (b) => String.fromCharCode(b)).join("")) };
}"""
SNAPSHOT_CHUNKS = [1, 5, 8, 13, 4096, 1 << 20]  # a header and runs cut anywhere, or a chunk holding it all


@pytest.mark.parametrize(
    "memory",
    [
        b"",
        bytes(8192),
        b"\x01" * 5000,
        bytes(4096) + b"\x02" * 4096 + bytes(4096) + b"\x03" * 100,
        b"\x04" + bytes(9000),
    ],
    ids=["empty", "all zero", "a short last page", "runs between zero pages", "zeros to the end"],
)
def test_the_worker_unpacks_the_sparse_snapshot_to_the_memory_it_was_made_from(page: Page, base_url, memory):
    page.goto(base_url)
    packed = base64.b64encode(sparse(memory)).decode()
    for size in SNAPSHOT_CHUNKS:
        unpacked = page.evaluate(UNPACK, [base_url + "assets/calculator/snapshot.js", packed, size])
        assert base64.b64decode(unpacked["memory"]) == memory, size
        assert unpacked["early"] == len(memory), size


def test_the_memory_is_given_once_the_header_has_come_so_that_pyodide_compiles_meanwhile(page: Page, base_url):
    page.goto(base_url)
    packed = base64.b64encode(sparse(b"\x05" * 5000 + bytes(9000) + b"\x06")).decode()
    assert page.evaluate(UNPACK, [base_url + "assets/calculator/snapshot.js", packed, 0]) == {"early": 14001}


PACKED = sparse(b"\x08" * 5000)  # a header of 16 bytes, one run of 5000


@pytest.mark.parametrize(
    ("packed", "error"),
    [
        (PACKED[:-1], "snapshot: 5015 bytes, its header accounts for 5016"),
        (PACKED[:5], "snapshot: 5 bytes, too few for its header"),
        (PACKED + b"\x07", "snapshot: 5017 bytes, its header accounts for 5016"),
        (struct.pack("<2I", 100, 1000), "snapshot: its header is damaged"),  # more runs than bytes
        (struct.pack("<4I", 100, 1, 90, 20) + bytes(20), "snapshot: its header is damaged"),
        (struct.pack("<6I", 100, 2, 0, 10, 5, 10) + bytes(20), "snapshot: its header is damaged"),
        (struct.pack("<4I", 100, 1, 10, 0), "snapshot: its header is damaged"),
    ],
    ids=["a byte short", "within its header", "a byte too many", "a count", "past the end", "overlapping", "empty run"],
)
def test_a_snapshot_whose_bytes_do_not_match_its_header_is_refused_with_the_reason(page: Page, base_url, packed, error):
    page.goto(base_url)
    for size in SNAPSHOT_CHUNKS:
        unpacked = page.evaluate(
            UNPACK, [base_url + "assets/calculator/snapshot.js", base64.b64encode(packed).decode(), size]
        )
        assert unpacked.get("error") == error, size
        assert "memory" not in unpacked


def test_a_self_check_that_disagrees_with_the_build_retries_without_the_snapshot_then_refuses(page: Page, base_url):
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))

    def another_answer(route: Route) -> None:
        known = route.fetch().json()
        route.fulfill(json={**known, "answer": json.dumps({"assessment": {"pathway": "conservative"}})})

    page.route(site_file(KNOWN_ANSWER), another_answer)
    page.goto(base_url + "calculator/")
    status = page.locator("#calculator-status")
    expect(status).to_contain_text("The calculator could not load", timeout=READY_TIMEOUT_MS)
    expect(status).to_contain_text("Why: its self-check gave another answer than the build (boot).")
    assert [m for m in messages if "without the snapshot" in m and "self-check" in m and "(snapshot)" in m]
    answer(page, REQUIRED)
    expect(page.locator("#results-body")).to_have_text("The calculator could not load, so there are no results.")


def test_without_the_snapshot_python_still_starts(page: Page, base_url):
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    without_snapshot(page)
    page.goto(base_url + "calculator/")
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    assert [m for m in messages if "without the snapshot" in m]
    answer(page, REQUIRED)
    expect_shows(page, REQUIRED)


IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"


def test_where_pyodide_takes_the_device_for_ios_python_boots_and_no_snapshot_is_downloaded(browser: Browser, base_url):
    # There its call trampoline takes no slot of the function table, which no snapshot of the build matches.
    context = browser.new_context(user_agent=IPHONE, service_workers="block")
    requested: list[str] = []
    context.on("request", lambda request: requested.append(urlparse(request.url).path))
    try:
        page = context.new_page()
        page.goto(base_url + "calculator/")
        app = page.locator("#calculator-app")
        expect(app).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        expect(app).to_have_attribute("data-python", "boot")
        assert page.evaluate("() => performance.getEntriesByName('calculator-ready')[0].detail.from") is None
    finally:
        context.close()
    assert not set(requested) & {f"/{snapshot.as_posix()}" for snapshot in SNAPSHOTS}


@pytest.fixture
def probed(page: Page, base_url) -> Page:
    """A calculator page whose worker replies can be held and whose requests are counted."""
    page.add_init_script(WORKER_PROBE)
    open_calculator(page, base_url)
    return page


def test_a_result_never_stays_on_screen_next_to_changed_answers(probed: Page):
    answer(probed, REQUIRED)
    expect_shows(probed, REQUIRED)
    old_title = assess(REQUIRED)["headline"]["title"]
    probed.evaluate("window.__hold = true")
    probed.locator('[data-field="laterality"] input[value=\'"bilateral"\']').check()
    # The answers changed and their reply is held: nothing of the old result may remain.
    expect(probed.locator("#calculator-results")).to_have_attribute("aria-busy", "true")
    expect(probed.locator(".result-rec")).to_have_count(0)
    expect(probed.locator(".care-card")).to_have_count(0)
    expect(probed.locator("#calculator-print")).to_be_hidden()
    expect(probed.locator(".panel-statement--applies")).to_have_count(0)
    expect(probed.locator("#results-body")).not_to_contain_text(old_title)
    probed.evaluate("window.__release()")
    expect_shows(probed, {**REQUIRED, "laterality": "bilateral"})


def test_a_reply_for_answers_that_are_gone_is_dropped(probed: Page):
    answer(probed, REQUIRED)
    expect_shows(probed, REQUIRED)
    probed.evaluate("window.__hold = true")
    probed.locator('[data-field="course"] input[value=\'"progressive"\']').check()
    probed.locator('[data-field="course"] input[value=\'"stable"\']').check()
    # The reply for the newest answers arrives first; the late one for "progressive" must not replace it.
    probed.evaluate("window.__release(true)")
    expect_shows(probed, REQUIRED)


def test_a_radio_click_sends_one_request(probed: Page):
    answer(probed, REQUIRED)
    expect_shows(probed, REQUIRED)
    before = probed.evaluate("window.__sent")
    probed.locator('[data-field="mri"] label').nth(1).click()
    expect_shows(probed, {**REQUIRED, "mri": "compression"})
    assert probed.evaluate("window.__sent") - before == 1


def test_an_injected_python_failure_clears_the_results(page: Page, base_url, site_dir):
    """The wheel is swapped for one whose rules raise on day 13: a failure inside Python, not bad input."""
    wheel = next((site_dir / "assets" / "calculator").glob("calculator-*.whl"))
    broken = io.BytesIO()
    with zipfile.ZipFile(wheel) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "calculator/rules.py":
                data += INJECTED_FAILURE.encode()
            dst.writestr(item, data)
    without_snapshot(page)  # the snapshot holds the real module imported
    page.route(lambda url: urlparse(url).path.endswith(".whl"), lambda route: route.fulfill(body=broken.getvalue()))
    open_calculator(page, base_url)
    answer(page, REQUIRED)
    expect_shows(page, REQUIRED)
    page.locator("#days_since_onset-1").fill("13")
    expect(page.locator("#results-body")).to_contain_text(
        "These findings could not be assessed (RuntimeError: injected"
    )
    expect(page.locator(".result-rec")).to_have_count(0)
    expect(page.locator(".care-card")).to_have_count(0)
    expect(page.locator("#calculator-print")).to_be_hidden()
    expect(page.locator("#calculator-status")).to_contain_text("These findings could not be assessed.")
    page.locator("#days_since_onset-1").fill("12")
    expect_shows(page, REQUIRED)


INJECTED_FAILURE = """

_real_assess_findings = assess_findings


def assess_findings(f):
    if f.days_since_onset == 13:
        raise RuntimeError("injected failure")
    return _real_assess_findings(f)
"""


def test_the_date_of_onset_gives_the_days_and_both_are_shown(calc: Page):
    answer(calc, {k: v for k, v in REQUIRED.items() if k != "days_since_onset"})
    began = date.today() - timedelta(days=30)
    calc.locator("#days_since_onset-date").fill(began.isoformat())
    expect(calc.locator("#days_since_onset-1")).to_have_value("30")
    expect(calc.locator("#days_since_onset-date-days")).to_have_text(
        f"Began on {began.isoformat()}: day 30 since onset (entered above)."
    )
    expect_shows(calc, {**REQUIRED, "days_since_onset": 30})
    calc.locator("#days_since_onset-1").fill("12")
    expect(calc.locator("#days_since_onset-date")).to_have_value("")
    expect_shows(calc, REQUIRED)


def test_a_date_typed_key_by_key_sends_one_request_and_a_future_date_gives_no_count(probed: Page):
    answer(probed, {k: v for k, v in REQUIRED.items() if k != "days_since_onset"})
    before = probed.evaluate("window.__sent")
    began = date.today() - timedelta(days=30)
    date_input = probed.locator("#days_since_onset-date")
    date_input.click()
    date_input.press_sequentially(began.strftime("%m%d%Y"))
    expect(probed.locator("#days_since_onset-1")).to_have_value("30")
    expect_shows(probed, {**REQUIRED, "days_since_onset": 30})
    assert probed.evaluate("window.__sent") - before == 1
    expect(probed.locator("#error-summary")).to_be_hidden()
    date_input.fill((date.today() + timedelta(days=3)).isoformat())
    expect(probed.locator("#days_since_onset-date-days")).to_have_text(
        "This date is in the future: give the date the foot drop began."
    )
    expect(probed.locator("#days_since_onset-1")).to_have_value("")
    expect(probed.locator(".result-rec")).to_have_count(0)


def test_a_reply_arriving_after_reset_is_not_shown(probed: Page):
    answer(probed, {**REQUIRED, "course": "progressive"})
    expect_shows(probed, {**REQUIRED, "course": "progressive"})
    probed.evaluate("window.__hold = true")
    probed.locator("#days_since_onset-1").fill("13")
    probed.locator("#calculator-reset").click()
    probed.evaluate("window.__release()")
    expect(probed.locator("#results-body")).to_contain_text("Results appear when every required question is answered")
    expect(probed.locator(".care-card")).to_have_count(0)
    expect(probed.locator("#calculator-status")).not_to_contain_text("Result:")


def test_after_a_load_failure_answers_do_not_hide_it(page: Page, watch: Watch, base_url):
    status = open_with_a_missing_wheel(page, watch, base_url)
    answer(page, REQUIRED)
    expect(status).to_contain_text("The calculator could not load")
    expect(page.locator("#results-body")).to_have_text("The calculator could not load, so there are no results.")


def test_a_missing_worker_script_is_named_with_the_hosts_answer(page: Page, watch: Watch, base_url):
    watch.allowed_errors.append("Failed to load resource: the server responded with a status of 404")
    page.route(site_file(WORKER), lambda route: route.fulfill(status=404))
    page.goto(base_url + "calculator/")
    expect(page.locator("#calculator-status")).to_contain_text(
        "The calculator could not load. Why: its worker script could not be loaded (HTTP 404"
    )


def test_without_module_workers_the_page_says_the_calculator_failed(page: Page, base_url):
    page.add_init_script("window.Worker = undefined")
    page.goto(base_url + "calculator/")
    status = page.locator("#calculator-status")
    expect(status).to_contain_text("The calculator could not load. Why: its worker could not start")
    expect(status.get_by_role("link", name="PDF handout")).to_be_visible()


def test_a_blocked_script_never_leaves_loading_forever(page: Page, watch: Watch, base_url):
    watch.allowed_errors.append("Failed to load resource: net::ERR_BLOCKED_BY_CLIENT")
    with_load_timeout(page, 3)
    page.route("**/calculator.js", lambda route: route.abort("blockedbyclient"))
    page.goto(base_url + "calculator/")
    stalled = page.locator(".calculator-status__stalled")
    expect(stalled).to_be_hidden()  # not before the load timeout: a slow load is still a load
    expect(stalled).to_be_visible()
    expect(stalled).to_contain_text("The calculator could not start in this browser")
    expect(stalled.get_by_role("link", name="read the guideline")).to_have_attribute("href", "../index.html")
    expect(page.locator(".calculator-status__loading")).to_be_hidden()


def test_the_panel_shows_each_list_item_with_the_sources_own_citations_daggers_included(calc: Page):
    items = calc.locator("#guideline-panel .statement li").evaluate_all(
        "ns => ns.map(n => [n.querySelector('.panel-item__badge').nextSibling.textContent.trim(), "
        "[...n.querySelectorAll('.cite a')].map(a => a.textContent)])"
    )
    assert len(items) >= 20
    for text, cites in items:
        assert cites == shown_citations(SOURCE_CITATIONS[text]), text
    expect(calc.locator("#guideline-panel .unverified-legend")).to_have_text(
        "\u2020 source not identified: the figure is as the guideline states it, unverified."
    )


DAYS = 173  # a count found nowhere else on the site
PATIENT = {**REQUIRED, "days_since_onset": DAYS, "dorsiflexion_mrc": 2}


def answers_on_screen(page: Page) -> dict:
    """The form's answers as the page holds them: each checked radio and each typed value, by input id."""
    return page.locator("#calculator-form input").evaluate_all(
        "ns => Object.fromEntries(ns.filter(n => n.type === 'radio' ? n.checked : n.value)"
        ".map(n => [n.id, n.type === 'radio' || n.value]))"
    )


def read_a_statement_of_the_result(page: Page) -> float:
    """Scroll to a recommendation, open it and follow its guideline link; where the results were scrolled to."""
    toggle = page.locator(".result-rec__toggle").nth(1)
    toggle.click()
    link = page.locator(".result-rec__more:not([hidden]) .statement-link")
    link.scroll_into_view_if_needed()
    scrolled = float(page.evaluate("scrollY"))
    assert scrolled > 0
    link.click()
    expect(page.locator(".recommendation--linked")).to_have_count(1)
    return scrolled


def expect_the_same_patient(page: Page, entered: dict, scrolled: float) -> None:
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    expect_shows(page, PATIENT)
    assert answers_on_screen(page) == entered
    page.wait_for_function(f"Math.abs(scrollY - {scrolled}) < 2")
    assert_no_finding_stored(page, PATIENT, days=DAYS)


@pytest.mark.parametrize("way_back", ["Back", "the arrival page's link"])
def test_the_round_trip_into_the_guideline_gives_the_same_answers_result_and_scroll_position(
    page: Page, base_url, way_back
):
    open_calculator(page, base_url)
    answer(page, PATIENT)
    expect_shows(page, PATIENT)
    entered = answers_on_screen(page)
    scrolled = read_a_statement_of_the_result(page)
    if way_back == "Back":
        page.go_back()
    else:
        page.get_by_role("link", name="Back to the calculator").click()
        expect(page).to_have_url(re.compile(r"/calculator/"))
    expect_the_same_patient(page, entered, scrolled)


def expect_an_empty_form(page: Page) -> None:
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    for name in REQUIRED:
        expect(page.locator(f'[data-field="{name}"] input:checked')).to_have_count(0)
    expect(page.locator('[data-field="dorsiflexion_mrc"] input:checked')).to_have_value("")  # the default
    expect(page.locator("#days_since_onset-1")).to_have_value("")
    expect(page.locator(".result-rec")).to_have_count(0)


def test_sixteen_minutes_after_the_last_answer_the_patient_is_gone_on_screen_and_on_the_way_back(page: Page, base_url):
    page.clock.install()
    open_calculator(page, base_url)
    answer(page, PATIENT)
    expect_shows(page, PATIENT)
    read_a_statement_of_the_result(page)
    page.clock.fast_forward("16:00")
    page.go_back()
    expect_an_empty_form(page)
    assert kept_in_session(page) == {}
    # And on a page left open: the form empties itself.
    answer(page, PATIENT)
    expect_shows(page, PATIENT)
    page.clock.fast_forward("16:00")
    expect_an_empty_form(page)
    assert kept_in_session(page) == {}


def test_new_patient_empties_the_form_the_result_and_the_session_storage_at_once(page: Page, base_url):
    open_calculator(page, base_url)
    answer(page, PATIENT)
    expect_shows(page, PATIENT)
    # Kept for the round trip, in this tab only: the day count typed, among the answers.
    assert f'"days_since_onset-1": "{DAYS}"' in json.dumps(json.loads(kept_in_session(page)["calculator-answers"]))
    assert_no_finding_stored(page, PATIENT, days=DAYS)
    page.get_by_role("button", name="New patient").click()
    expect_an_empty_form(page)
    assert kept_in_session(page) == {}
    assert_no_finding_stored(page, PATIENT, days=DAYS, session=True)


def test_a_calculator_opened_in_another_tab_starts_empty(page: Page, context: BrowserContext, base_url):
    open_calculator(page, base_url)
    answer(page, PATIENT)
    expect_shows(page, PATIENT)
    other = context.new_page()
    open_calculator(other, base_url)
    expect_an_empty_form(other)
    assert kept_in_session(other) == {}
    other.close()


def test_the_form_asks_in_the_contract_s_words_with_its_scope_above_and_what_it_does_not_address_below(
    calc: Page, base_url
):
    calc.locator("#calculator-reset").click()
    cauda = calc.get_by_role("group", name=re.compile(re.escape(FORM_WORDS["cauda_equina label"])))
    expect(cauda.locator(".question__hint")).to_have_text(FORM_WORDS["cauda_equina hint"])
    mri = calc.get_by_role("group", name=re.compile("^MRI"))
    for words in (FORM_WORDS["mri compression"], FORM_WORDS["mri no compression"]):
        expect(mri.get_by_role("radio", name=words, exact=True)).to_have_count(1)
    severe = calc.locator('[data-field="severe_deficit"] .question__hint')
    expect(severe).to_have_text(FORM_WORDS["severe_deficit hint"])
    course = calc.locator('[data-field="course"] .question__hint')
    expect(course).to_contain_text("strength declining over hours to days. " + FORM_WORDS["course addition"])
    link = course.get_by_role("link")
    expect(link).to_have_attribute("href", re.compile(r"readings/#progressive$"))
    expect(calc.locator("#calculator-scope")).to_have_text(
        "For foot drop thought to be due to a lumbar disc herniation."
    )
    # Above the first question, the note below the last one and again at the foot of the result (it prints).
    questions = calc.locator(".question")
    note = calc.locator("#calculator-not-addressed-form")
    expect(note).to_have_text(FORM_WORDS["not addressed"])
    boxes = (calc.locator("#calculator-scope"), questions.first, questions.last, note)
    tops = [b.bounding_box()["y"] for b in boxes]  # type: ignore[index]
    assert tops == sorted(tops), tops
    answer(calc, REQUIRED)
    expect_shows(calc, REQUIRED)
    foot = calc.locator("#calculator-not-addressed-result")
    expect(foot).to_have_text(FORM_WORDS["not addressed"])
    assert foot.bounding_box()["y"] > calc.locator(".result-rec").last.bounding_box()["y"]  # type: ignore[index]


NOTES_CASES = [VIGNETTES[0], next(c for c in VIGNETTES if c["expected"]["late_bilateral"]), VIGNETTES[-1]]


def expected_notes(page: Page, site_dir, findings: dict) -> str:
    index = json.loads((site_dir / INDEX).read_text())
    app = page.locator("#calculator-app")
    guideline, disclaimer = app.get_attribute("data-guideline"), app.get_attribute("data-disclaimer")
    # The site's title, this calculator's version and the site's disclaimer, as mkdocs.yml and the package say.
    config = dict(re.findall(r"^(site_name|copyright): (.+)$", (ROOT / "mkdocs.yml").read_text(), re.M))
    assert guideline and guideline.startswith(f"{config['site_name']}. Version {__version__}")
    assert disclaimer and disclaimer == config["copyright"]
    about = {"guideline": guideline, "date": str(date.today()), "disclaimer": disclaimer}
    return summary(assess(findings), index, about)


def test_copy_for_the_notes_puts_the_module_s_summary_on_the_clipboard(browser: Browser, base_url, site_dir):
    context = browser.new_context(
        viewport=TABLET,
        service_workers="block",
        permissions=["clipboard-read", "clipboard-write"],
    )
    watch = watch_context(context)
    page = context.new_page()
    open_calculator(page, base_url)
    for case in NOTES_CASES:
        answer(page, case["findings"])
        expect_shows(page, case["findings"])
        page.get_by_role("button", name="Copy for the notes").click()
        expect(page.locator("#calculator-copied")).to_have_text("Copied for the notes: paste it into the record.")
        notes = expected_notes(page, site_dir, case["findings"])
        assert page.evaluate("navigator.clipboard.readText()") == notes
        expect(page.locator("#calculator-notes-box")).to_be_hidden()
        # The printout is the same text, and goes with the answers it belongs to.
        assert page.locator("#calculator-printout").text_content() == notes
    changed = {**NOTES_CASES[-1]["findings"], "severe_deficit": not NOTES_CASES[-1]["findings"]["severe_deficit"]}
    page.locator('[data-field="severe_deficit"]').get_by_role(
        "radio", name="Yes" if changed["severe_deficit"] else "No"
    ).check()
    expect_shows(page, changed)
    assert page.locator("#calculator-printout").text_content() == expected_notes(page, site_dir, changed)
    context.close()
    assert watch.unexpected_errors() == [] and watch.policy_violations == []


def test_where_the_clipboard_is_refused_the_summary_stands_selected_in_a_box(page: Page, base_url, site_dir):
    page.add_init_script(
        "Object.defineProperty(navigator.clipboard, 'writeText', "
        "{value: () => Promise.reject(new DOMException('refused', 'NotAllowedError'))})"
    )
    open_calculator(page, base_url)
    findings = NOTES_CASES[1]["findings"]
    answer(page, findings)
    expect_shows(page, findings)
    page.get_by_role("button", name="Copy for the notes").click()
    box = page.get_by_role("textbox", name=re.compile("The summary for the notes"))
    expect(box).to_be_visible()
    expect(box).to_be_focused()
    expect(box).to_have_value(expected_notes(page, site_dir, findings))
    assert box.evaluate("b => [b.selectionStart, b.selectionEnd] ") == [0, len(box.input_value())]
    # A summary for earlier answers goes with them.
    page.locator('[data-field="severe_deficit"]').get_by_role("radio", name="Yes").check()
    expect(page.locator("#calculator-notes-box")).to_be_hidden()
    expect(page.locator("#calculator-notes")).to_have_value("")


def test_reading_marks_are_as_short_as_citation_numbers_and_said_as_readings_with_one_legend_under_them(
    calc: Page, base_url
):
    findings = next(c for c in VIGNETTES if c["expected"]["late_bilateral"])["findings"]
    answer(calc, findings)
    expect_shows(calc, findings)
    order = assess(findings)["reading_marks"]
    marks = calc.locator("#results-body .reading-mark").evaluate_all(
        "ns => ns.map(n => [n.textContent, n.getAttribute('aria-label'), n.href])"
    )
    assert len(marks) >= len(order) > 2
    for text, label, href in marks:
        reading = order[int(text.removeprefix("R")) - 1]
        assert re.fullmatch(r"R\d{1,2}", text) and label == f"calculator's reading {text}"
        assert href == f"{base_url}readings/#{reading}"
    # Beside its statement a line's marks take a few characters: no reading's title is on any line of the card.
    titles = [READING_BY_ID[ReadingId(r)].title for r in order]
    for line in calc.locator(".result-now > li, .result-rec__reason, .day-line__text li, .care-card__findings").all():
        words = line.text_content() or ""
        assert not [t for t in titles if t in words], words
        shown = line.locator(":scope > .reading-marks").all_text_contents()
        assert all(len(m.strip()) <= 3 * m.count("R") for m in shown), shown
    # Numbered in the order the page shows them: each new mark is the next number.
    first_seen = list(dict.fromkeys(m for m, _, _ in marks))
    assert first_seen == [f"R{n}" for n in range(1, len(order) + 1)]
    legend = calc.locator(".reading-legend")
    expect(legend).to_have_count(1)
    expect(legend.locator("li")).to_have_count(len(order))
    assert legend.evaluate("n => n.previousElementSibling.matches('.result-recs, .result-prognosis')")


def test_answers_given_before_the_page_s_scripts_have_loaded_are_kept_and_assessed(page: Page, base_url):
    held: list[Route] = []
    page.route("**/assets/calculator/app.js", lambda route: held.append(route))
    with page.expect_request("**/assets/calculator/app.js"):
        page.goto(base_url + "calculator/")
    answer(page, REQUIRED)
    assert len(held) == 1
    held[0].continue_()
    expect_shows(page, REQUIRED)
    assert "calculator-answers" in kept_in_session(page)
