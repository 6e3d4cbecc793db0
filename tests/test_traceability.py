"""Traceability: readings, each statement with its own citations, unverified sources marked in words,
the flowchart drawn from the rules, and the published test cases."""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import replace

import pytest

from calculator import assess, rules
from sitebuild import flowchart
from sitebuild.paths import TEST_CASES
from tests.support.site_html import blocks
from tests.support.sources import SOURCE_CITATIONS as SOURCE
from tests.support.sources import UNVERIFIED
from tests.support.vignettes import VIGNETTE_DIR, VIGNETTES


def test_the_flowchart_is_drawn_from_the_rules_thresholds(monkeypatch):
    before = flowchart.text_equivalent()
    assert "Before day 28: Urgent" in before and "Day 28 or later" in before
    monkeypatch.setattr(rules, "ACUTE_PHASE_ENDS", replace(rules.ACUTE_PHASE_ENDS, days=21))
    monkeypatch.setattr(rules, "ELECTIVE_SURGERY_FROM", replace(rules.ELECTIVE_SURGERY_FROM, days=35))
    after = flowchart.text_equivalent()
    assert "Before day 21: Urgent" in after and "Day 35 or later" in after
    assert "Before day 28: Urgent" not in after and "Day 28 or later" not in after


def test_every_patient_without_an_mri_takes_the_flowcharts_path_to_the_modules_own_outcome():
    """The chart's questions, asked in its order, lead every patient with no MRI to the step whose
    outcome the module gives that patient."""
    acute, elective = rules.ACUTE_PHASE_ENDS.days, rules.ELECTIVE_SURGERY_FROM.days
    questions = [
        lambda f: f["course"] == "progressive" or f["laterality"] == "bilateral" or f["cauda_equina"],
        lambda f: f["severe_deficit"],
        lambda f: f["multilevel_motor_deficit"],
        lambda f: f["days_since_onset"] >= elective and (f["course"] == "stable" or f["functional_impairment"]),
        lambda f: True,
    ]
    steps = flowchart.steps()
    checked = 0
    for lat, course, bb, ml, severe, fi in itertools.product(
        ("unilateral", "bilateral"), ("progressive", "stable", "improving"), *[(False, True)] * 4
    ):
        for days in (0, acute - 1, acute, elective - 1, elective, 3650):
            f = {
                "laterality": lat,
                "course": course,
                "cauda_equina": bb,
                "multilevel_motor_deficit": ml,
                "severe_deficit": severe,
                "days_since_onset": days,
                "functional_impairment": fi,
            }
            step = steps[next(i for i, asks in enumerate(questions) if asks(f))]
            got, shown = assess(f), assess(step.example_for(days))
            assert (got["pathway"], got["headline"]["label"]) == (shown["pathway"], shown["headline"]["label"]), f
            assert f"{shown['headline']['label']}: " in step.outcome, f
            checked += 1
    assert checked == 2 * 3 * 16 * 6
    # A step's colour is its card's level, the same on both sides of the day the chart splits it at.
    for step in steps:
        if step.later:
            assert assess(step.later)["headline"]["level"] == step.level, step.question


def test_the_flowcharts_text_equivalent_gives_every_step(site_dir):
    html = (site_dir / "calculator" / "index.html").read_text()
    found = re.search(r'<figure class="flowchart">.*?</figure>', html, re.DOTALL)
    assert found, "no flowchart on the calculator page"
    figure = found.group(0)
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
    download = json.loads((site_dir / TEST_CASES).read_text())
    assert download == {p.stem: json.loads(p.read_text()) for p in sorted(VIGNETTE_DIR.glob("*.json"))}
    sections = re.split(r"<h3 ", html)[1:]
    assert len(sections) == len(VIGNETTES)
    for case, section in zip(VIGNETTES, sections, strict=True):
        assert f'<code>pathway</code> <code>"{case["expected"]["pathway"]}"</code>' in section, case["name"]
        ids = ", ".join(f"<code>{i}</code>" for i in case["expected"]["recommendation_ids"])
        assert f"Recommendations, in order: {ids}." in section, case["name"]
