"""The summary for the notes: written by the module from its own output and the guideline's statements."""

from __future__ import annotations

import json
import re

import pytest

from calculator import __version__, assess
from calculator.api import respond_with_notes
from calculator.findings import NOT_ADDRESSED, QUESTIONS
from calculator.notes import summary
from sitebuild.paths import INDEX
from tests.support.sources import shown_citations
from tests.support.vignettes import VIGNETTES

ABOUT = {
    "guideline": "Treatment of Foot Drop Due to Disc Herniation. Version 9.9.9",
    "date": "2026-12-01",
    "disclaimer": "Supports and does not replace clinical judgement.",
}
CASES = (
    [c for c in VIGNETTES if c["expected"]["pathway"] in ("emergency", "outside_guideline")][:2]
    + [c for c in VIGNETTES if "mrc_prompt" in c["expected"]][:2]
    + [c for c in VIGNETTES if assess(c["findings"])["timeline"]][:2]
)


@pytest.fixture(scope="module")
def index(site_dir):
    return json.loads((site_dir / INDEX).read_text())


def cited(text: str, numbers: list[int]) -> str:
    return text + (f" [{', '.join(shown_citations(numbers))}]" if numbers else "")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["name"])
def test_the_summary_gives_the_findings_the_card_and_each_statement_with_its_own_citations(case, index):
    a = assess(case["findings"])
    text = summary(a, index, ABOUT)
    lines = text.splitlines()
    assert lines[0] == f"{ABOUT['guideline']}. Calculator version {__version__}. Summary of {ABOUT['date']}."
    # Every question once, by its label: the calculator asks for no name or identifier, so none is there.
    start = lines.index("Findings as entered:") + 1
    findings = lines[start : start + len(QUESTIONS)]
    assert [f.split(": ")[0] for f in findings] == [f"- {q.label}" for q in QUESTIONS]
    assert lines[start + len(QUESTIONS)] == ""
    h = a["headline"]
    assert f"Result ({h['level']}): {h['label']}: {cited(h['title'], h['title_citations'])}" in text
    assert any(line.startswith(as_noted(h["findings"])) for line in lines)
    for now in h["now"]:
        assert any(line.startswith(f"- {as_noted(now)}") for line in lines), now
    for n, rec in enumerate(a["recommendations"], 1):
        entry = index["recommendations"][rec["id"]]
        if rec["kind"] == "guideline":
            assert f"{n}. {cited(entry['text'], entry['citations'])}" in lines
            for item in entry["items"]:
                assert f"   - {cited(item['text'], item['citations'])}" in lines
        assert any(line.startswith(f"   Why: {rec['reason']}") for line in lines)
    if a["timeline"]:
        today = lines.index(f"Today: day {case['findings']['days_since_onset']} since onset.")
        for n, mark in enumerate(a["timeline"]["marks"], today + 1):
            assert lines[n].startswith(f"- Day {mark['day']}: {cited(mark['text'], mark['citations'])}")
            assert lines[n].endswith(" - reached." if mark["reached"] else ".")
    else:
        assert "Today: day" not in text
    assert lines[-2:] == [NOT_ADDRESSED, ABOUT["disclaimer"]]


def as_noted(line: dict) -> str:
    """A card line as the summary gives it: each part followed by its own citations."""
    parts = line.get("parts") or [{"text": line["text"], "citations": line["citations"]}]
    return "".join(cited(p["text"], p["citations"]) for p in parts)


def line_in(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.lstrip("- ").startswith(start))


def test_every_line_that_rests_on_readings_carries_the_module_s_marks_and_the_legend_names_them_in_words(index):
    a = assess(next(c for c in VIGNETTES if c["expected"]["late_bilateral"])["findings"])
    text = summary(a, index, ABOUT)
    legend = text.split("The calculator's readings of the guideline (its own, not the guideline's words):\n")[1]
    named = dict(re.findall(r"^(R\d+): (.+)$", legend, re.MULTILINE))
    # One mark for each reading shown, numbered as the module numbers them for the screen.
    assert named == {f"R{n}": index["readings"][r]["title"] for n, r in enumerate(a["reading_marks"], 1)}
    shown = [r for line in a["headline"]["now"] for r in line["readings"]] + [
        r for rec in a["recommendations"] for r in rec["readings"]
    ]
    assert set(a["reading_marks"]) == set(shown + a["headline"]["title_readings"])
    late = line_in(text, "The guideline gives 4-24 hours for bilateral")
    assert late.endswith(f"(calculator's reading R{a['reading_marks'].index('bilateral-onset') + 1})")


def test_reading_marks_are_numbered_in_the_order_the_card_shows_them():
    a = assess(next(c for c in VIGNETTES if c["expected"]["late_bilateral"])["findings"])
    h = a["headline"]
    first_shown = [
        *h["title_readings"],
        *h["findings"]["readings"],
        *(r for line in h["now"] for r in line["readings"]),
    ]
    assert a["reading_marks"][: len(set(first_shown))] == list(dict.fromkeys(first_shown))
    assert len(a["reading_marks"]) == len(set(a["reading_marks"]))


def test_the_browser_s_request_gives_the_assessment_with_its_summary_and_refuses_what_respond_refuses(index):
    findings = CASES[0]["findings"]
    reply = json.loads(respond_with_notes(json.dumps({"findings": findings, "index": index, "about": ABOUT})))
    assert reply == {"assessment": assess(findings), "notes": summary(assess(findings), index, ABOUT)}
    # A key given twice is refused, as in `respond`, not silently the last one.
    request = json.dumps({"findings": findings, "index": index, "about": ABOUT})
    twice = request.replace('"findings": {', '"findings": {"laterality": "bilateral", ', 1)
    assert json.loads(respond_with_notes(twice)) == {"errors": {"laterality": "is given more than once"}}
    bad = json.loads(
        respond_with_notes(
            json.dumps({"findings": {**findings, "days_since_onset": -1}, "index": index, "about": ABOUT})
        )
    )
    assert bad == {"errors": {"days_since_onset": "must be from 0 to 3650"}}
