"""Nothing covers the card, at the widths clinicians' screens have: a phone, tablets both ways, a laptop.

Boxes are measured in Chromium: the sticky status line, the header, and the card's title and first line (the
theme's "Back to top" button is not on this page); every control of the form and the card is a 44 x 44 px
touch target, apart from every other."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import watch_context
from tests.support.calculator_page import REQUIRED, answer, expect_shows, open_calculator

WIDTHS = [360, 768, 820, 1024, 1366]
# A long title and several lines with reading marks and citations: the most the card and status line hold.
FINDINGS = {**REQUIRED, "days_since_onset": 30, "dorsiflexion_mrc": 2, "mri": "compression", "instability": True}
BOX = "n => { const r = n.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; }"
TOUCH = 44  # CSS px, as the NHS design system


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def page_at(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Page]:
    width = request.param
    context = browser.new_context(
        viewport={"width": width, "height": 1180 if width < 1000 else 800}, has_touch=True, service_workers="block"
    )
    watch = watch_context(context)
    page = context.new_page()
    open_calculator(page, base_url)
    answer(page, FINDINGS)
    expect_shows(page, FINDINGS)
    yield page
    context.close()
    assert watch.unexpected_errors() == [] and watch.policy_violations == []


def box(page: Page, selector: str) -> dict[str, float] | None:
    """The element's box on screen, or None when it is not shown."""
    locator = page.locator(selector).first
    return locator.evaluate(BOX) if locator.is_visible() else None


def overlap(a: dict[str, float] | None, b: dict[str, float] | None) -> bool:
    if a is None or b is None:
        return False
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def card_top(page: Page) -> list[dict[str, float] | None]:
    """The card's title and first line, which a clinician reads first."""
    return [box(page, ".care-card__heading"), box(page, ".care-card__content > :first-child")]


def scroll_up(page: Page) -> None:
    """Scrolling up is when the theme would show its "Back to top" button."""
    page.mouse.move(10, 400)
    page.mouse.wheel(0, -120)


def test_the_results_in_view_lie_under_nothing_wherever_they_are_scrolled_to(page_at: Page):
    page = page_at
    page.locator("#calculator-status").get_by_role("link", name="See the results").click()
    expect(page.locator("#results-title")).to_be_focused()
    expect(page.locator(".care-card__heading")).to_be_in_viewport()
    for covering in ("#calculator-status", ".md-header"):
        assert not any(overlap(box(page, covering), part) for part in card_top(page)), covering
    # Read on by scrolling, the card's title just under the header, then further down and back up.
    page.evaluate(
        "() => scrollBy(0, document.querySelector('.care-card').getBoundingClientRect().top"
        " - document.querySelector('.md-header').getBoundingClientRect().bottom)"
    )
    expect(page.locator(".care-card__heading")).to_be_in_viewport(ratio=1)
    for step in (0, 60, 200, -120, -200):
        page.mouse.move(10, 400)
        page.mouse.wheel(0, step)
        page.evaluate("() => new Promise(requestAnimationFrame)")  # the frame the observer reports on
        for covering in ("#calculator-status", ".md-top"):
            assert not any(overlap(box(page, covering), part) for part in card_top(page)), (covering, step)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]  # type: ignore[index]


def test_among_the_questions_the_status_line_stays_in_view_and_no_back_to_top_meets_it(page_at: Page):
    page = page_at
    page.locator("#field-multilevel_motor_deficit").scroll_into_view_if_needed()
    page.mouse.move(10, 400)
    page.mouse.wheel(0, 600)
    scroll_up(page)
    status = page.locator("#calculator-status")
    if page.viewport_size["width"] < 1220:  # type: ignore[index]  # one column: the results are below
        expect(status).to_be_in_viewport()
    expect(page.locator(".md-top")).to_be_hidden()
    assert not overlap(box(page, ".md-header"), box(page, "#calculator-status"))
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]  # type: ignore[index]


# Every control of the form, the status line and the card, every list opened. Citation numbers inside a
# sentence are left out: WCAG 2.5.8 excepts targets in a sentence, and 44 px boxes would tear the sentence apart.
CONTROLS = (
    "#calculator-app :is(#calculator-status, #calculator-form, #results-body) "
    ":is(a, button, input:not([type=radio]), label.choice):not(.cite a)"
)


def test_every_control_of_the_form_and_the_card_is_a_44_px_touch_target_apart_from_the_others(page_at: Page):
    page = page_at
    for toggle in page.locator(".result-rec__toggle").all():
        toggle.click()
    controls = page.locator(CONTROLS).evaluate_all(
        """ns => ns.filter(n => n.checkVisibility()).map(n => {
            const r = n.getBoundingClientRect();
            return [n.className || n.tagName, (n.getAttribute('aria-label') || n.textContent).trim().slice(0, 40),
                    {x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height}]; })"""
    )
    kinds = {c[0] for c in controls}
    assert {"choice", "question__input", "reading-mark", "statement-link", "result-rec__toggle"} <= kinds, kinds
    assert len(controls) > 60
    assert [c[:2] for c in controls if c[2]["width"] < TOUCH or c[2]["height"] < TOUCH] == []
    # No two targets share a point, so a tap never lands on two.
    meeting = [(a[1], b[1]) for i, a in enumerate(controls) for b in controls[i + 1 :] if overlap(a[2], b[2])]
    assert meeting == []
