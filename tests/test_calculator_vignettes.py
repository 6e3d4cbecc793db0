"""Clinical vignettes: each case's findings give the contract's assessment."""

import pytest

from calculator import assess
from calculator.assessment import Fusion, FusionReason, Imaging, Pathway, RecommendationId, RedFlag, Surgery
from calculator.quotes import PROGNOSIS
from calculator.rules import DELAYED_SURGERY_AFTER, ELECTIVE_SURGERY_FROM, IMAGING_DUE
from tests.support.vignettes import VIGNETTE_IDS, VIGNETTES

KEYS = ("pathway", "imaging", "surgery", "fusion", "fusion_reasons", "red_flags", "reassess_on_day")


@pytest.mark.parametrize("case", VIGNETTES, ids=VIGNETTE_IDS)
def test_the_vignette_gets_the_assessment_the_contract_prescribes(case):
    result = assess(case["findings"])
    expected = case["expected"]
    assert {key: result[key] for key in KEYS} == {key: expected[key] for key in KEYS}
    assert [r["id"] for r in result["recommendations"]] == expected["recommendation_ids"]


@pytest.mark.parametrize("case", VIGNETTES, ids=VIGNETTE_IDS)
def test_every_reason_is_a_sentence_of_findings_not_the_guidelines_statement(case):
    for rec in assess(case["findings"])["recommendations"]:
        assert rec["reason"][:1].isupper() and rec["reason"].endswith("."), rec
        assert rec["kind"] == RecommendationId(rec["id"]).kind.value
        # A guideline recommendation names the page that states it; a reading is the calculator's note.
        assert (rec["section"] is None) == (rec["kind"] == "reading"), rec
        for word in ("mandatory", "should", "standard surgical treatment", "first-line"):
            assert word not in rec["reason"], rec


def test_the_vignettes_cover_both_sides_of_every_day_threshold():
    days = {case["findings"]["days_since_onset"] for case in VIGNETTES}
    for threshold in (IMAGING_DUE, ELECTIVE_SURGERY_FROM):
        assert {threshold.days - 1, threshold.days} <= days
    assert {DELAYED_SURGERY_AFTER.days, DELAYED_SURGERY_AFTER.days + 1} <= days


def test_the_vignettes_reach_every_recommendation_and_every_output_value():
    seen: dict[str, set] = {key: set() for key in (*KEYS, "ids")}
    for case in VIGNETTES:
        e = case["expected"]
        for key in ("pathway", "imaging", "surgery", "fusion", "reassess_on_day"):
            seen[key].add(e[key])
        seen["fusion_reasons"].update(e["fusion_reasons"])
        seen["red_flags"].update(e["red_flags"])
        seen["ids"].update(e["recommendation_ids"])
    assert seen["pathway"] == {v.value for v in Pathway}
    assert seen["imaging"] == {v.value for v in Imaging}
    assert seen["surgery"] == {v.value for v in Surgery}
    assert seen["fusion"] == {v.value for v in Fusion}
    assert seen["fusion_reasons"] == {v.value for v in FusionReason}
    assert seen["red_flags"] == {v.value for v in RedFlag}
    assert seen["reassess_on_day"] == {None, 28}
    assert seen["ids"] == {v.value for v in RecommendationId}


def test_the_five_faults_of_version_1_are_named_regression_cases():
    names = [case["name"] for case in VIGNETTES if case["name"].startswith("Regression:")]
    assert len(names) >= 5, names


def test_the_prognosis_gives_the_grade_and_each_statement_with_its_own_citations():
    findings = {**VIGNETTES[0]["findings"], "dorsiflexion_mrc": 3}
    prognosis = assess(findings)["prognosis"]
    assert prognosis["dorsiflexion_mrc"] == 3
    assert (
        "after surgery" in prognosis["introduction"]
        and "not a prediction for this patient" in prognosis["introduction"]
    )
    assert [(s["text"], tuple(s["citations"])) for s in prognosis["statements"]] == [
        (q.text, q.citations) for q in (PROGNOSIS, *PROGNOSIS.items)
    ]
    assert ("Most surgical patients experience some degree of improvement", [4, 5]) in [
        (s["text"], s["citations"]) for s in prognosis["statements"]
    ]


def test_no_prognosis_when_the_grade_is_not_given():
    findings = {k: v for k, v in VIGNETTES[0]["findings"].items() if k != "dorsiflexion_mrc"}
    assert assess(findings)["prognosis"] is None
