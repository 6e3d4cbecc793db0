"""Every combination of the finite input space keeps the contract's invariants."""

import itertools

from calculator import assess
from calculator.assessment import RecommendationId

DAYS = (0, 1, 27, 28, 29, 41, 42, 43, 100, 3650)
MRC = (None, 0, 1, 2, 3, 4)
BOOLS = (False, True)
KNOWN_IDS = {r.value for r in RecommendationId}
ORDER = [r.value for r in RecommendationId]


def all_findings():
    for lat, course, bb, ml, days, mri, fi, inst, rec, axial, labor in itertools.product(
        ("unilateral", "bilateral"),
        ("progressive", "stable", "improving"),
        BOOLS,
        BOOLS,
        DAYS,
        ("not_done", "compression", "no_compression"),
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
            "days_since_onset": days,
            "mri": mri,
            "functional_impairment": fi,
            "instability": inst,
            "recurrent_herniation": rec,
            "axial_back_pain": axial,
            "heavy_manual_labor": labor,
        }
        # The grade changes only the prognosis note: vary it along one axis, not the product.
        mrc = MRC[days % len(MRC)]
        if mrc is not None:
            findings["dorsiflexion_mrc"] = mrc
        yield findings


def test_every_combination_keeps_the_contracts_invariants():
    count = 0
    for f in all_findings():
        count += 1
        a = assess(f)
        ids = [r["id"] for r in a["recommendations"]]
        urgent_cause = f["course"] == "progressive" or f["laterality"] == "bilateral" or f["bladder_bowel_dysfunction"]
        any_flag = urgent_cause or f["multilevel_motor_deficit"]
        # Bilateral, progressive or cauda equina means urgent surgery, an emergency.
        assert (a["surgery"] == "urgent") == urgent_cause, f
        assert (a["pathway"] == "emergency") == urgent_cause, f
        # A red flag with no MRI means immediate imaging.
        if any_flag and f["mri"] == "not_done":
            assert a["imaging"] == "immediate", f
        if f["mri"] != "not_done":
            assert a["imaging"] == "done", f
        # Fusion other than not_applicable only with surgery.
        assert (a["fusion"] != "not_applicable") == (a["surgery"] != "not_now"), f
        assert a["fusion_reasons"] == [] or a["fusion"] == "consider", f
        # Physical therapy, AFO and FES always.
        assert {"physical-therapy", "afo", "fes", "prognosis-strength"} <= set(ids), f
        # Ids unique, all known, in the contract's order; reasons non-empty.
        assert len(ids) == len(set(ids)) and set(ids) <= KNOWN_IDS, f
        assert ids == sorted(ids, key=ORDER.index), f
        assert all(r["reason"].strip() for r in a["recommendations"]), f
        # No elective surgery without 4 weeks, nor when MRI shows no compression.
        if a["surgery"] == "reasonable":
            assert f["days_since_onset"] >= 28 and f["mri"] != "no_compression", f
        assert ("diagnosis-review" in ids) == (f["mri"] == "no_compression"), f
        assert (a["prognosis"] is None) == ("dorsiflexion_mrc" not in f), f
    assert count == 2 * 3 * 2 * 2 * len(DAYS) * 3 * 2**5
