"""Every combination of the input space keeps the contract's invariants and the coherence rules a
clinician relies on: the headline never contradicts a recommendation under it."""

import itertools

import pytest

from calculator import assess
from calculator.assessment import RecommendationId
from calculator.rules import ACUTE_PHASE_ENDS, DELAYED_SURGERY_AFTER, ELECTIVE_SURGERY_FROM, IMAGING_DUE

THRESHOLDS = {ACUTE_PHASE_ENDS.days, DELAYED_SURGERY_AFTER.days, ELECTIVE_SURGERY_FROM.days, IMAGING_DUE.days}
# Both sides of every threshold, and the ends of the range.
DAYS = tuple(sorted({0, 3650} | {d + k for d in THRESHOLDS for k in (-1, 0, 1)}))
MRC = (None, 0, 1, 2, 3, 4)
BOOLS = (False, True)
ORDER = [r.value for r in RecommendationId]
EMERGENCY = ("progressive", "bilateral", "cauda_equina")
DECOMPRESSION_IDS = {"surgery-urgent", "urgent-decompression", "early-surgery", "discectomy-alone", "fusion-selective"}


def all_findings():
    for lat, course, bb, ml, severe, days, mri, fi, inst, rec, chronic, labor, preop in itertools.product(
        ("unilateral", "bilateral"),
        ("progressive", "stable", "improving"),
        BOOLS,
        BOOLS,
        BOOLS,
        DAYS,
        ("not_done", "compression", "no_compression"),
        BOOLS,
        BOOLS,
        BOOLS,
        BOOLS,
        BOOLS,
        BOOLS,
    ):
        findings = {
            "laterality": lat,
            "course": course,
            "bladder_bowel_dysfunction": bb,
            "multilevel_motor_deficit": ml,
            "severe_deficit": severe,
            "days_since_onset": days,
            "mri": mri,
            "functional_impairment": fi,
            "instability": inst,
            "recurrent_herniation": rec,
            "chronic_axial_pain": chronic,
            "heavy_manual_labor": labor,
            "significant_preoperative_axial_pain": preop,
        }
        # The grade changes only the prognosis: vary it along one axis, not the product.
        assert isinstance(days, int) and isinstance(fi, bool) and isinstance(inst, bool)
        mrc = MRC[(days + fi + inst) % len(MRC)]
        if mrc is not None:
            findings["dorsiflexion_mrc"] = mrc
        yield findings


ASSESSED = [(f, assess(f)) for f in all_findings()]


def ids_of(a):
    return [r["id"] for r in a["recommendations"]]


def test_the_whole_input_space_is_covered():
    assert len(ASSESSED) == 2 * 3 * 2 * 2 * 2 * len(DAYS) * 3 * 2**6
    assert {27, 28, 41, 42, 43} <= set(DAYS)


@pytest.mark.parametrize(
    "rule",
    [
        "no conservative headline with an immediate MRI",
        "no discectomy-alone or fusion before the MRI documents compression",
        "no decompression statement when the MRI shows no compression",
        "no natural-history with a red flag",
        "diagnosis-review first whenever the MRI shows no compression",
        "an emergency flag is always an emergency",
        "surgery is never reasonable without documented compression nor before day 28",
        "an improving foot drop with compression and no impairment is never surgical from day 28",
        "a severe deficit is urgent only before day 28 and only without a negative MRI",
        "ids are unique, in the contract's order, each with a reason and its kind",
        "afo, fes and physical therapy always; the prognosis exactly when a grade is given",
        "reassess on day 28 exactly for a conservative pathway before day 28 without a negative MRI",
    ],
)
def test_every_combination_keeps_the_coherence_rule(rule):
    broken = []
    for f, a in ASSESSED:
        ids = ids_of(a)
        flags = a["red_flags"]
        ok = {
            "no conservative headline with an immediate MRI": not (
                a["pathway"] == "conservative" and (a["imaging"] == "immediate" or "mri-immediate" in ids)
            ),
            "no discectomy-alone or fusion before the MRI documents compression": f["mri"] == "compression"
            or not ({"discectomy-alone", "fusion-selective", "pitfall-routine-fusion"} & set(ids))
            and a["fusion"] == "not_applicable",
            "no decompression statement when the MRI shows no compression": f["mri"] != "no_compression"
            or not (DECOMPRESSION_IDS & set(ids))
            and a["surgery"] in ("urgent_evaluation", "not_now"),
            "no natural-history with a red flag": not (flags and "natural-history" in ids),
            "diagnosis-review first whenever the MRI shows no compression": (f["mri"] == "no_compression")
            == (ids[:1] == ["diagnosis-review"]),
            "an emergency flag is always an emergency": (a["pathway"] == "emergency")
            == any(flag in flags for flag in EMERGENCY),
            "surgery is never reasonable without documented compression nor before day 28": a["surgery"] != "reasonable"
            or (f["mri"] == "compression" and f["days_since_onset"] >= 28),
            "an improving foot drop with compression and no impairment is never surgical from day 28": not (
                f["course"] == "improving"
                and not f["functional_impairment"]
                and not f["severe_deficit"]
                and not flags
                and f["mri"] == "compression"
            )
            or a["surgery"] == "not_now",
            "a severe deficit is urgent only before day 28 and only without a negative MRI": a["surgery"] != "soon"
            or (f["severe_deficit"] and f["days_since_onset"] < 28 and f["mri"] != "no_compression"),
            "ids are unique, in the contract's order, each with a reason and its kind": ids
            == sorted(set(ids), key=ORDER.index)
            and all(r["reason"].strip() and r["kind"] in ("guideline", "reading") for r in a["recommendations"]),
            "afo, fes and physical therapy always; the prognosis exactly when a grade is given": {
                "afo",
                "fes",
                "physical-therapy",
            }
            <= set(ids)
            and (a["prognosis"] is None) == ("dorsiflexion_mrc" not in f)
            and ("prognosis-strength" in ids) == ("dorsiflexion_mrc" in f),
            "reassess on day 28 exactly for a conservative pathway before day 28 without a negative MRI": (
                a["reassess_on_day"] == 28
            )
            == (a["pathway"] == "conservative" and f["days_since_onset"] < 28 and f["mri"] != "no_compression")
            and a["reassess_on_day"] in (None, 28),
        }[rule]
        if not ok:
            broken.append((f, a["pathway"], a["surgery"], ids))
    assert broken[:3] == [], f"{len(broken)} combinations break it"


def test_the_headline_says_what_the_imaging_and_surgery_say():
    for f, a in ASSESSED:
        title = a["headline"]["title"]
        now = " ".join(line["text"] for line in a["headline"]["now"])
        if a["imaging"] == "immediate":
            assert "Immediate MRI" in title and "Immediate MRI is mandatory." in now, f
        if a["surgery"] == "urgent":
            assert "within 4-24 hours" in title, f
        if a["surgery"] == "soon":
            assert "within hours to days" in title, f
        if a["surgery"] in ("not_now", "urgent_evaluation"):
            assert "decompression within" not in now, f
        if a["reassess_on_day"]:
            left = a["reassess_on_day"] - f["days_since_onset"]
            assert title.endswith(f"reassess on day 28, in {left} day{'s' if left != 1 else ''}"), f
        assert a["headline"]["level"] == {"emergency": "emergency", "urgent": "urgent"}.get(
            a["pathway"], "urgent" if a["imaging"] == "immediate" else "non-urgent"
        ), f
