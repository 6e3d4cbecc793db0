"""Clinical vignettes: each case's findings give the contract's assessment."""

import pytest

from calculator import assess
from tests.vignettes import VIGNETTE_IDS, VIGNETTES


@pytest.mark.parametrize("case", VIGNETTES, ids=VIGNETTE_IDS)
def test_the_vignette_gets_the_assessment_the_contract_prescribes(case):
    result = assess(case["findings"])
    expected = case["expected"]
    for key in ("pathway", "imaging", "surgery", "fusion", "fusion_reasons", "red_flags"):
        assert result[key] == expected[key], key
    assert [r["id"] for r in result["recommendations"]] == expected["recommendation_ids"]


@pytest.mark.parametrize("case", VIGNETTES, ids=VIGNETTE_IDS)
def test_every_reason_is_a_sentence_and_every_recommendation_has_a_section(case):
    for rec in assess(case["findings"])["recommendations"]:
        assert not rec["reason"][0].islower() and rec["reason"].endswith("."), rec
        assert rec["section"]


def test_the_vignettes_cover_both_sides_of_every_day_threshold():
    days = {case["findings"]["days_since_onset"] for case in VIGNETTES}
    assert {27, 28, 42, 43} <= days


def test_the_vignettes_reach_every_recommendation_and_every_output_value():
    from calculator.assessment import Fusion, FusionReason, Imaging, Pathway, RecommendationId, RedFlag, Surgery

    seen = {key: set() for key in ("pathway", "imaging", "surgery", "fusion", "fusion_reasons", "red_flags", "ids")}
    for case in VIGNETTES:
        e = case["expected"]
        for key in ("pathway", "imaging", "surgery", "fusion"):
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
    assert seen["ids"] == {v.value for v in RecommendationId}


def test_a_prognosis_note_states_the_patients_grade_and_the_sources_figures():
    findings = {**VIGNETTES[0]["findings"], "dorsiflexion_mrc": 3}
    note = assess(findings)["prognosis"]
    assert note["dorsiflexion_mrc"] == 3
    assert "MRC grade 3" in note["note"]
    assert "strongest predictor" in note["note"] and "52-53%" in note["note"] and "minority" in note["note"]


def test_no_prognosis_note_when_the_grade_is_not_given():
    findings = {k: v for k, v in VIGNETTES[0]["findings"].items() if k != "dorsiflexion_mrc"}
    assert assess(findings)["prognosis"] is None
