"""The guideline pages in Chromium: they open cleanly, citations and back-links work, search works."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.a11y import assert_no_axe_violations
from tests.support.sources import PAGE_PATHS as PAGES


@pytest.mark.parametrize("path", [*PAGES, "404.html"])
def test_each_page_opens_with_no_console_error_no_other_host_and_no_policy_violation(page: Page, base_url, path):
    response = page.goto(base_url + path)
    assert response and response.ok
    expect(page.locator("h1")).to_be_visible()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", [p for p in PAGES if p != "calculator/"])
def test_each_guideline_page_passes_axe(page: Page, base_url, path):
    page.goto(base_url + path)
    assert_no_axe_violations(page)


def test_a_citation_lands_on_its_reference_and_the_back_link_returns(page: Page, base_url):
    page.goto(base_url + "initial-assessment/")
    page.locator("#cite-3-1").click()
    expect(page).to_have_url(base_url + "references/#ref-3")
    expect(page.locator("#ref-3")).to_be_in_viewport()
    expect(page.locator("#ref-3")).to_contain_text("Reference 3")
    back = page.locator('a[href$="initial-assessment/#cite-3-1"]')
    expect(back).to_have_count(1)
    back.click()
    expect(page).to_have_url(base_url + "initial-assessment/#cite-3-1")
    expect(page.locator("#cite-3-1")).to_be_in_viewport()


def test_the_home_page_shows_the_key_recommendation_and_red_flags_without_scrolling(page: Page, base_url):
    page.goto(base_url)
    for text in (
        "most patients should initially receive conservative management",
        "Immediate MRI is mandatory",
        "Multiple level motor deficits",
        "Surgery should be performed urgently (within 4-24 hours)",
    ):
        expect(page.get_by_text(text, exact=False).first).to_be_in_viewport(ratio=1)


def test_search_finds_a_statement(page: Page, base_url):
    page.goto(base_url)
    page.locator("label.md-header__button[for=__search]").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    page.locator(".md-search__input").press_sequentially("spondylolisthesis")
    result = page.locator('.md-search-result__item a[href*="surgical-approach/"]').first
    expect(result).to_contain_text("spondylolisthesis")
    result.click()
    expect(page).to_have_url(re.compile(re.escape(base_url + "surgical-approach/")))
    expect(page.locator("mark", has_text="spondylolisthesis").first).to_be_visible()


def test_a_link_to_a_recommendation_marks_it_not_by_colour_alone(page: Page, base_url):
    page.goto(base_url + "surgical-approach/?from=calculator#fusion-selective")
    target = page.locator("#fusion-selective")
    expect(target).to_have_class(re.compile(r"\brecommendation--linked\b"))
    expect(target.locator(".recommendation__badge")).to_have_text("Recommended by the calculator: ")
    expect(target).to_be_in_viewport()


def test_a_malformed_link_fragment_does_not_stop_the_recommendation_marking(page: Page, base_url):
    page.goto(base_url + "initial-assessment/#%E0%A4%A")
    page.evaluate("location.hash = 'mri-immediate'")
    expect(page.locator("#mri-immediate")).to_have_class(re.compile(r"\brecommendation--linked\b"))
