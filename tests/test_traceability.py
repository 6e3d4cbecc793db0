"""Traceability: readings, each statement with its own citations, unverified sources marked in words,
the flowchart drawn from the rules, and the published test cases."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import flowchart
import pytest

from calculator import rules
from tests.site_html import blocks, source_lines
from tests.test_site_content import DATA, REFERENCES
from tests.vignettes import VIGNETTE_DIR, VIGNETTES

SOURCE = {s.text: s.citations for s in source_lines(DATA / "guideline-source.txt")}
UNVERIFIED = {r["number"] for r in REFERENCES if r["status"] == "not identified"}


def test_the_flowchart_is_drawn_from_the_rules_thresholds(monkeypatch):
    before = flowchart.svg()
    assert "before day 28?" in before and "Day 28 or later" in before
    monkeypatch.setattr(rules, "ACUTE_PHASE_ENDS", replace(rules.ACUTE_PHASE_ENDS, days=21))
    monkeypatch.setattr(rules, "ELECTIVE_SURGERY_FROM", replace(rules.ELECTIVE_SURGERY_FROM, days=35))
    after = flowchart.svg()
    assert "before day 21?" in after and "Day 35 or later" in after
    assert "before day 28?" not in after and "Day 28 or later" not in after


def test_the_flowcharts_text_equivalent_gives_every_step(site_dir):
    html = (site_dir / "calculator" / "index.html").read_text()
    figure = re.search(r'<figure class="flowchart">.*?</figure>', html, re.DOTALL).group(0)
    assert re.search(r'<svg class="flowchart__figure"[^>]*aria-hidden="true"', figure)
    listed = re.findall(r"<li>(.*?)</li>", figure.split('class="flowchart__text')[1].split("</ol>")[0])
    assert len(listed) == len(flowchart.steps())
    for step, item in zip(flowchart.steps(), listed, strict=True):
        assert step.outcome.replace("'", "&#x27;") in item


@pytest.mark.parametrize("page", ["index.html", "calculator/index.html", "readings/index.html"])
def test_every_list_item_shown_outside_its_page_has_exactly_the_sources_citations(site_dir, page):
    """Home-page copies, the readings' quotes: each item or statement that is a source line keeps its own numbers."""
    checked = 0
    for block in blocks((site_dir / page).read_text()):
        if block.text in SOURCE and block.tag == "li":
            assert block.citations == SOURCE[block.text], block
            checked += 1
    assert checked or page == "calculator/index.html"


def test_every_citation_of_an_unverified_reference_carries_the_dagger_and_its_page_the_legend(site_dir):
    seen = 0
    for path in site_dir.rglob("*.html"):
        html = path.read_text()
        for ref, text in re.findall(r'<a[^>]*href="[^"]*#ref-(\d+)"[^>]*>([^<]*)</a>', html):
            if "cite-" not in html:
                continue
            if int(ref) in UNVERIFIED and re.fullmatch(r"\d+\u2020?", text):
                assert text == f"{ref}\u2020", (path, ref, text)
                seen += 1
            elif re.fullmatch(r"\d+\u2020?", text):
                assert text == ref, (path, ref, text)
        if "\u2020</a>" in html:
            assert "\u2020 source not identified: the figure is as the guideline states it, unverified." in html, path
    assert seen >= 4


def test_the_test_cases_are_published_as_a_page_and_a_download(site_dir):
    html = (site_dir / "test-cases" / "index.html").read_text()
    headings = [b.text for b in blocks(html) if b.tag == "h3"]
    assert headings == [case["name"] for case in VIGNETTES]
    download = json.loads((site_dir / "downloads" / "foot-drop-test-cases.json").read_text())
    assert download == {p.stem: json.loads(p.read_text()) for p in sorted(VIGNETTE_DIR.glob("*.json"))}
    for case in VIGNETTES:
        assert case["expected"]["pathway"] in html
