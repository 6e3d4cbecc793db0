"""The calculator in Chromium: the vignettes answered in the form show what CPython's assess() gives."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from calculator import assess
from tests.a11y import assert_no_axe_violations
from tests.conftest import Watch, watch_context
from tests.vignettes import VIGNETTE_IDS, VIGNETTES

READY_TIMEOUT_MS = 60_000
REQUIRED = {
    "course": "stable",
    "laterality": "unilateral",
    "bladder_bowel_dysfunction": False,
    "multilevel_motor_deficit": False,
    "days_since_onset": 12,
}


def open_calculator(page: Page, base_url: str) -> None:
    page.goto(base_url + "calculator/")
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)


def answer(page: Page, findings: dict) -> None:
    """Answer as a clinician would: start from a reset form, click each choice, type the numbers."""
    page.locator("#calculator-reset").click()
    for name, value in findings.items():
        field = page.locator(f'[data-field="{name}"]')
        if field.locator("input[type=radio]").count():
            field.locator(f"input[value='{json.dumps(value)}']").check()
        else:
            field.locator("input").fill(str(value))


def expect_shows(page: Page, findings: dict) -> None:
    """The page shows exactly CPython's assessment of the same findings."""
    expected = assess(findings)
    reasons = page.locator(".result-rec__reason")
    expect(reasons).to_have_text([r["reason"] for r in expected["recommendations"]])
    ids = page.locator(".result-rec").evaluate_all("nodes => nodes.map(n => n.id.replace('result-', ''))")
    assert ids == [r["id"] for r in expected["recommendations"]]
    expect(page.locator(".result-pathway__value")).to_have_text(expected["labels"]["pathway"])
    expect(page.locator(".result-pathway")).to_have_class(re.compile(f"result-pathway--{expected['pathway']}"))
    labels = expected["labels"]
    fusion = labels["fusion"] + (": " + "; ".join(labels["fusion_reasons"]) if labels["fusion_reasons"] else "")
    expect(page.locator(".result-facts dd")).to_have_text(
        ["; ".join(labels["red_flags"]) or "None", labels["imaging"], labels["surgery"], fusion]
    )
    if expected["prognosis"]:
        expect(page.locator(".result-prognosis")).to_contain_text(expected["prognosis"]["note"])
    else:
        expect(page.locator(".result-prognosis")).to_have_count(0)
    applies = page.locator(".panel-statement--applies").evaluate_all("ns => ns.map(n => n.id.slice(6))")
    assert sorted(applies) == sorted(ids)


@pytest.fixture(scope="module")
def calculator(browser: Browser, base_url: str) -> Iterator[tuple[Page, Watch]]:
    """One calculator page for many cases, as a clinician would keep it open."""
    context = browser.new_context(viewport={"width": 768, "height": 1024}, service_workers="block")
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


@pytest.mark.parametrize("case", VIGNETTES, ids=VIGNETTE_IDS)
def test_the_vignette_answered_in_the_browser_shows_cpythons_assessment(calc: Page, case):
    answer(calc, case["findings"])
    expect_shows(calc, case["findings"])


def test_each_recommendation_shows_its_guideline_statement_and_citations(calc: Page, site_dir):
    index = json.loads((site_dir / "recommendations.json").read_text())
    answer(calc, {**REQUIRED, "course": "progressive"})
    expect_shows(calc, {**REQUIRED, "course": "progressive"})
    for rec in calc.locator(".result-rec").all():
        rec_id = rec.get_attribute("id").removeprefix("result-")
        expect(rec.locator(".statement > p")).to_contain_text(index[rec_id]["text"])
        expect(rec.locator(".statement .cite a")).to_have_text([str(n) for n in index[rec_id]["citations"]])
        expect(rec.locator(".statement-link")).to_have_attribute("href", re.compile(f"from=calculator#{rec_id}$"))


def test_results_wait_for_every_required_answer_and_the_red_flags_start_unanswered(calc: Page):
    calc.locator("#calculator-reset").click()
    for name in ("course", "laterality", "bladder_bowel_dysfunction", "multilevel_motor_deficit"):
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
    targets = calc.locator(".choice, .question__input, #calculator-app button:visible, .statement-link")
    sizes = targets.evaluate_all(
        "ns => ns.map(n => { const r = n.getBoundingClientRect(); return [n.textContent.trim().slice(0, 30), "
        "r.width, r.height]; })"
    )
    assert len(sizes) > 30
    assert [s for s in sizes if s[1] < 44 or s[2] < 44] == []


def test_a_result_link_opens_the_guideline_with_the_recommendation_marked(calc: Page, base_url):
    answer(calc, {**REQUIRED, "course": "stable", "days_since_onset": 50, "mri": "compression", "instability": True})
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
        if page.evaluate("document.activeElement.classList.contains('statement-link')"):
            break
        page.keyboard.press("Tab")
    expect(page.locator(".statement-link:focus")).to_have_text(re.compile("Read in the guideline"))


def test_each_result_change_is_announced_in_one_line_that_stays_in_view(calc: Page):
    status = calc.locator("#calculator-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_attribute("aria-live", "polite")
    answer(calc, {**REQUIRED, "bladder_bowel_dysfunction": True})
    expected = assess({**REQUIRED, "bladder_bowel_dysfunction": True})
    expect(status).to_have_text(
        f"Result: {expected['labels']['pathway']}. {len(expected['recommendations'])} recommendations. See the results"
    )
    calc.locator("#multilevel_motor_deficit-1").scroll_into_view_if_needed()
    expect(status).to_be_in_viewport()
    status.get_by_role("link", name="See the results").click()
    expect(calc.locator("#results-title")).to_be_focused()
    expect(calc.locator("#results-title")).to_be_in_viewport()


def test_loading_shows_progress_then_python_starts_from_the_builds_snapshot(page: Page, base_url):
    messages: list[str] = []  # the page's console carries its workers' messages too
    page.on("console", lambda m: messages.append(m.text))
    with page.expect_response(lambda r: r.url.endswith("/snapshot.bin.gz")) as snapshot:
        page.goto(base_url + "calculator/", wait_until="domcontentloaded")
        expect(page.locator("#calculator-status progress")).to_be_visible()
    assert snapshot.value.ok
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    assert not [m for m in messages if "without the snapshot" in m]


def test_a_missing_wheel_says_the_calculator_failed_and_points_to_the_guideline(page: Page, watch: Watch, base_url):
    watch.allowed_errors += ["404", "calculator"]
    # A predicate, not a glob: the worker's own URL carries the wheel's URL in its query.
    page.route(lambda url: urlparse(url).path.endswith(".whl"), lambda route: route.fulfill(status=404, body="gone"))
    page.goto(base_url + "calculator/")
    status = page.locator("#calculator-status")
    expect(status).to_contain_text("The calculator could not load", timeout=READY_TIMEOUT_MS)
    expect(status).to_contain_text("calculator package could not be loaded")
    expect(status.get_by_role("link", name="read the guideline")).to_have_attribute("href", base_url)


@pytest.mark.parametrize(
    "viewport", [{"width": 768, "height": 1024}, {"width": 1024, "height": 768}], ids=["portrait", "landscape"]
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


def test_print_this_assessment_gives_one_a4_page_with_the_assessment_only(calc: Page, site_dir):
    findings = {
        **REQUIRED,
        "course": "progressive",
        "laterality": "bilateral",
        "dorsiflexion_mrc": 2,
        "mri": "compression",
        "instability": True,
        "axial_back_pain": True,
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
    assert len(pdf.pages) == 1
    width, height = (float(x) for x in pdf.pages[0].mediabox[2:])
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    text = " ".join(pdf.pages[0].extract_text().split())
    expected = assess(findings)
    index = json.loads((site_dir / "recommendations.json").read_text())
    assert expected["labels"]["pathway"] in text
    for rec in expected["recommendations"]:
        assert rec["reason"] in text
        assert index[rec["id"]]["text"] in text
    for title in (
        "Course of the weakness",
        "Days since the foot drop began",
        "Ankle dorsiflexion strength (MRC grade)",
    ):
        assert title in text
    assert "Progressive (strength declining over hours to days)" in text and "2 - active movement" in text
    assert re.search(r"Date and time: \S+", text) and "Version 1.0.0" in text
    assert "Supports and does not replace clinical judgement." in text
    for absent in ("Reset all answers", "Red flags (immediate MRI", "The guideline's recommendations", "Search"):
        assert absent not in text


def test_without_the_snapshot_python_still_starts(page: Page, base_url):
    messages: list[str] = []
    page.on("console", lambda m: messages.append(m.text))
    page.route(lambda url: urlparse(url).path.endswith("/snapshot.bin.gz"), lambda route: route.fulfill(status=404))
    page.goto(base_url + "calculator/")
    expect(page.locator("#calculator-app")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    assert [m for m in messages if "without the snapshot" in m]
    answer(page, REQUIRED)
    expect_shows(page, REQUIRED)
