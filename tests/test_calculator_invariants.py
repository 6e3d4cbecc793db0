"""Every combination of the input space gives what an independent reading of contract version 3 gives, and
keeps the coherence rules a clinician relies on: the headline never contradicts a recommendation under it."""

import itertools

import pytest

from calculator import assess
from calculator.assessment import RecommendationId
from calculator.rules import ACUTE_PHASE_ENDS, DELAYED_SURGERY_AFTER, ELECTIVE_SURGERY_FROM, IMAGING_DUE
from tests.support.oracle_v3 import expected
from tests.support.sources import WATCH_WORDS

THRESHOLDS = {ACUTE_PHASE_ENDS.days, DELAYED_SURGERY_AFTER.days, ELECTIVE_SURGERY_FROM.days, IMAGING_DUE.days}
# Both sides of every threshold, and the ends of the range.
DAYS = tuple(sorted({0, 3650} | {d + k for d in THRESHOLDS for k in (-1, 0, 1)}))
MRC = (None, 0, 2, 3, 4)
BOOLS = (False, True)
ORDER = [r.value for r in RecommendationId]
EMERGENCY = ("progressive", "bilateral", "cauda_equina")
DECOMPRESSION_IDS = {"surgery-urgent", "urgent-decompression", "early-surgery", "discectomy-alone", "fusion-selective"}
ORACLE_KEYS = (
    "red_flags",
    "surgery",
    "imaging",
    "pathway",
    "fusion",
    "fusion_reasons",
    "reassess_on_day",
    "watch_for",
    "late_bilateral",
)


def all_findings():
    for lat, course, ce, ml, severe, days, mri, fi, inst, rec, chronic, labor, preop in itertools.product(
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
            "cauda_equina": ce,
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
        # The grade changes only the prognosis and the findings line: vary it along one axis, not the product.
        assert isinstance(days, int) and isinstance(fi, bool) and isinstance(inst, bool) and isinstance(rec, bool)
        mrc = MRC[(days + fi + inst + rec) % len(MRC)]
        if mrc is not None:
            findings["dorsiflexion_mrc"] = mrc
        yield findings


ASSESSED = [(f, assess(f)) for f in all_findings()]


def ids_of(a):
    return [r["id"] for r in a["recommendations"]]


def now_text(a):
    return [line["text"] for line in a["headline"]["now"]]


def test_the_whole_input_space_is_covered():
    assert len(ASSESSED) == 2 * 3 * 2 * 2 * 2 * len(DAYS) * 3 * 2**6
    assert {27, 28, 41, 42, 43} <= set(DAYS)
    assert {f.get("dorsiflexion_mrc") for f, _ in ASSESSED} == set(MRC)


def test_every_combination_gets_what_an_independent_reading_of_the_contract_gives():
    broken = []
    for f, a in ASSESSED:
        oracle = expected(f)
        got = {key: a[key] for key in ORACLE_KEYS} | {"level": a["headline"]["level"], "recommendation_ids": ids_of(a)}
        want = {key: oracle[key] for key in (*ORACLE_KEYS, "level", "recommendation_ids")}
        if got != want:
            broken.append((f, {k: (got[k], want[k]) for k in got if got[k] != want[k]}))
    assert broken[:3] == [], f"{len(broken)} combinations differ"


def test_every_recommendation_rests_on_at_least_the_readings_the_contract_names():
    broken = []
    for f, a in ASSESSED:
        readings = {r["id"]: set(r["readings"]) for r in a["recommendations"]}
        for rec_id, needed in expected(f)["recommendation_readings"].items():
            if not set(needed) <= readings[rec_id]:
                broken.append((f, rec_id, needed, readings[rec_id]))
    assert broken[:3] == [], f"{len(broken)} recommendations lack a reading"


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
        "an improving foot drop with compression and no impairment or severe deficit is never surgical from day 28",
        "a severe deficit is urgent within hours to days only before day 28 and only without a negative MRI",
        "a severe deficit never drops to a non-urgent card while the MRI may still show compression",
        "ids are unique, in the contract's order, each with a reason and its kind",
        "afo, fes and physical therapy always; the prognosis exactly when a grade is given and the MRI is not negative",
        "no prognosis, pitfall-surgery-for-all or conservative headline outside the guideline",
    ],
)
def test_every_combination_keeps_the_coherence_rule(rule):
    broken = []
    for f, a in ASSESSED:
        ids = ids_of(a)
        flags = a["red_flags"]
        level = a["headline"]["level"]
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
            == any(flag in flags for flag in EMERGENCY)
            == (level == "emergency"),
            "surgery is never reasonable without documented compression nor before day 28": a["surgery"] != "reasonable"
            or (f["mri"] == "compression" and f["days_since_onset"] >= 28),
            "an improving foot drop with compression and no impairment or severe deficit is never surgical from "
            "day 28": not (
                f["course"] == "improving"
                and not f["functional_impairment"]
                and not f["severe_deficit"]
                and not flags
                and f["mri"] == "compression"
            )
            or a["surgery"] == "not_now",
            "a severe deficit is urgent within hours to days only before day 28 and only without a negative MRI": a[
                "surgery"
            ]
            != "soon"
            or (f["severe_deficit"] and f["days_since_onset"] < 28 and f["mri"] != "no_compression"),
            "a severe deficit never drops to a non-urgent card while the MRI may still show compression": not (
                f["severe_deficit"] and f["mri"] != "no_compression"
            )
            or level in ("emergency", "urgent"),
            "ids are unique, in the contract's order, each with a reason and its kind": ids
            == sorted(set(ids), key=ORDER.index)
            and all(r["reason"].strip() and r["kind"] in ("guideline", "reading") for r in a["recommendations"]),
            "afo, fes and physical therapy always; the prognosis exactly when a grade is given and the MRI is not "
            "negative": {"afo", "fes", "physical-therapy"} <= set(ids)
            and (a["prognosis"] is None) == ("dorsiflexion_mrc" not in f or f["mri"] == "no_compression")
            and ("prognosis-strength" in ids) == (a["prognosis"] is not None),
            "no prognosis, pitfall-surgery-for-all or conservative headline outside the guideline": a["pathway"]
            != "outside_guideline"
            or (
                a["prognosis"] is None
                and "pitfall-surgery-for-all" not in ids
                and "Conservative" not in a["headline"]["title"]
                and a["headline"]["label"] == "Outside this guideline"
            ),
        }[rule]
        if not ok:
            broken.append((f, a["pathway"], a["surgery"], ids))
    assert broken[:3] == [], f"{len(broken)} combinations break it"


def test_the_headline_says_what_the_imaging_and_surgery_say():
    for f, a in ASSESSED:
        title = a["headline"]["title"]
        now = " ".join(now_text(a))
        if a["imaging"] == "immediate":
            assert "Immediate MRI is mandatory." in now or "Immediate MRI: " in now, f
            assert a["late_bilateral"] or "Immediate MRI" in title, f
        if a["surgery"] == "urgent":
            assert "within 4-24 hours" in now and (a["late_bilateral"] or "within 4-24 hours" in title), f
        if a["surgery"] == "soon":
            assert "within hours to days" in title, f
        if a["surgery"] in ("not_now", "urgent_evaluation"):
            assert "decompression within" not in now, f
        if a["surgery"] == "urgent_evaluation":
            evaluation = "Urgent surgical evaluation" if f["laterality"] == "bilateral" else "Urgent evaluation"
            assert title.startswith(evaluation), f
            assert "outside this guideline" in now, f
        if a["reassess_on_day"]:
            left = a["reassess_on_day"] - f["days_since_onset"]
            assert title.endswith(f"reassess on day 28, in {left} day{'s' if left != 1 else ''}"), f
        assert "MRI due now, if" not in now and "if the foot drop persists" not in now + title, f
        if a["late_bilateral"]:
            assert title == "Bilateral foot drop requires urgent surgical evaluation", f
            assert a["headline"]["title_citations"] == [3] and "bilateral-onset" in a["headline"]["title_readings"]
            assert f"began {f['days_since_onset']} days ago" in now and "surgeon's judgement" in now, f


def test_what_to_do_now_is_in_the_contract_s_order_with_conservative_care_never_first_and_the_safety_net_last():
    for f, a in ASSESSED:
        lines = now_text(a)
        afo = [i for i, text in enumerate(lines) if text.startswith("AFO or FES")]
        assert len(afo) == 1, (f, lines)
        if a["headline"]["level"] != "non-urgent":
            assert afo[0] > 0, (f, lines)
            expected_afo = (
                "AFO or FES, and physical therapy: alongside the work-up."
                if a["pathway"] == "outside_guideline" or a["surgery"] == "urgent_evaluation"
                else "AFO or FES, and physical therapy: alongside, and after any surgery."
                if a["surgery"] in ("urgent", "soon", "reasonable", "if_mri_confirms")
                else "AFO or FES, and physical therapy regardless of treatment choice."
            )
            assert lines[afo[0]] == expected_afo, (f, lines)
        if a["imaging"] == "immediate":
            assert lines[0].startswith("Immediate MRI"), (f, lines)
        if a["watch_for"]:
            assert lines[-1].startswith("Come back at once") and afo[0] == len(lines) - 2, (f, lines)
        else:
            assert afo[0] == len(lines) - 1 and not any(t.startswith("Come back") for t in lines), (f, lines)
        if a["late_bilateral"]:
            urgent = next(i for i, t in enumerate(lines) if "within 4-24 hours" in t)
            assert lines[urgent + 1].startswith("The guideline gives 4-24 hours for bilateral foot drop"), (f, lines)


def test_the_watch_for_line_names_each_missing_red_flag_and_links_the_statements_behind_it():
    for f, a in ASSESSED:
        if not a["watch_for"]:
            continue
        line = a["headline"]["now"][-1]
        assert [flag for flag in WATCH_WORDS if WATCH_WORDS[flag] in line["text"]] == a["watch_for"], (f, line)
        assert line["statements"][0] == "mri-immediate"
        assert ("pitfall-delayed-imaging" in line["statements"]) == ("cauda_equina" in a["watch_for"]), (f, line)


# Each card line, known by its opening words, links exactly these readings (the contract's table).
def card_line_readings(f, a, line):
    text = line["text"]
    severe = ["severe"] if f["severe_deficit"] else []
    if text.startswith("MRI can be performed within 1-4 weeks") or text.startswith("MRI due now"):
        return ["four-weeks"]
    if text.startswith("Reassess on day 28"):
        return ["four-weeks"]
    if text.startswith("Immediate MRI: a decompression for the severe deficit"):
        return ["severe"]
    if text.startswith("Urgent surgical decompression"):
        return (
            (["severe"] if a["surgery"] == "soon" else [])
            + (["documented-compression"] if f["mri"] == "not_done" else [])
            + (["bilateral-onset"] if a["late_bilateral"] else [])
        )
    if text.startswith("Surgery is reasonable:") or text.startswith("If the MRI documents compression"):
        extra = ["persistent"] if f["course"] == "stable" else []
        extra += ["severe"] if f["severe_deficit"] and f["days_since_onset"] >= ACUTE_PHASE_ENDS.days else []
        return ["four-to-six-weeks", "documented-compression", *extra]
    if text.startswith("No surgical indication now:"):
        return ["persistent", "documented-compression"]
    if text.startswith("Delayed surgery beyond several weeks"):
        return ["severe"] if f["days_since_onset"] <= DELAYED_SURGERY_AFTER.days else ["several-weeks"]
    if text.startswith("Outside this guideline:"):
        return ["diagnosis-review", *severe]
    if text.startswith("Urgent surgical evaluation") or text.startswith("Urgent evaluation of the cause"):
        return ["no-compression-emergency"]
    if text.startswith("The guideline gives 4-24 hours for bilateral"):
        return ["bilateral-onset"]
    return []


def test_every_card_line_links_the_readings_the_contract_s_table_gives_it():
    broken = []
    for f, a in ASSESSED:
        for line in a["headline"]["now"]:
            if sorted(line["readings"]) != sorted(card_line_readings(f, a, line)):
                broken.append((f, line))
    assert broken[:3] == [], f"{len(broken)} lines"


def test_the_day_line_appears_only_where_it_decides_something_and_says_only_what_applies():
    for f, a in ASSESSED:
        t = a["timeline"]
        if a["pathway"] not in ("conservative", "imaging_first", "surgical_referral"):
            assert t is None, f
            continue
        elective = a["surgery"] in ("reasonable", "if_mri_confirms") or a["reassess_on_day"] is not None
        imaging_clause = f["mri"] == "not_done" and a["imaging"] != "immediate"
        if not (elective or imaging_clause):
            assert t is None, f
            continue
        marks = {m["day"]: m for m in t["marks"]}
        assert set(marks) == ({28, 42} if elective else {28}), f
        assert ("an MRI is due" in marks[28]["text"]) == imaging_clause, f
        assert ("surgery can be reasonable" in marks[28]["text"]) == elective, f
        assert ("once an MRI documents compression" in marks[28]["text"]) == (elective and f["mri"] == "not_done"), f
        if a["surgery"] in ("reasonable", "if_mri_confirms"):
            for holds, words in (
                (f["course"] == "stable", "a stable (persistent) course"),
                (f["functional_impairment"], "significant functional impairment"),
                (f["severe_deficit"], "a severe neurologic deficit"),
            ):
                assert (words in marks[28]["text"]) == holds, (f, marks[28])


def test_the_panel_marks_applies_only_what_applies_today_and_a_list_only_with_one_of_its_items():
    for f, a in ASSESSED:
        guideline_ids = [r["id"] for r in a["recommendations"] if r["kind"] == "guideline"]
        panel = {entry["id"]: entry for entry in a["panel"]}
        assert list(panel) == guideline_ids, f
        for rec_id in ("mri-immediate", "surgery-urgent", "fusion-selective"):
            if rec_id in panel and panel[rec_id]["mark"] == "Applies":
                assert panel[rec_id]["items"], (f, panel[rec_id])
        if "mri-immediate" in panel and not a["red_flags"]:
            assert panel["mri-immediate"]["mark"] != "Applies" and panel["mri-immediate"]["items"] == [], f
        elective = panel.get("surgery-elective")
        if elective:
            mark = {
                "reasonable": "Applies",
                "if_mri_confirms": "If the MRI documents compression",
            }.get(a["surgery"], "From day 28" if a["reassess_on_day"] else "Not met: calculator's reading")
            assert elective["mark"] == mark, (f, elective)
            if a["surgery"] == "reasonable":
                want = [
                    i for i, holds in enumerate((f["course"] == "stable", f["functional_impairment"], True)) if holds
                ]
                assert elective["items"] == want, (f, elective)


PROMPT_SPACE = list(
    itertools.product(
        ("unilateral", "bilateral"),
        ("progressive", "stable", "improving"),
        BOOLS,
        BOOLS,
        DAYS,
        ("not_done", "compression", "no_compression"),
        BOOLS,
        (0, 1, 2, 3, 4),
    )
)


@pytest.mark.parametrize("severe", BOOLS)
def test_a_grade_below_3_judged_not_severe_names_what_a_severe_judgement_would_change_and_changes_nothing(severe):
    for lat, course, ce, ml, days, mri, fi, mrc in PROMPT_SPACE:
        base = {
            "laterality": lat,
            "course": course,
            "cauda_equina": ce,
            "multilevel_motor_deficit": ml,
            "severe_deficit": severe,
            "days_since_onset": days,
            "mri": mri,
            "functional_impairment": fi,
        }
        a = assess({**base, "dorsiflexion_mrc": mrc})
        without = assess(base)
        for key in ("pathway", "imaging", "surgery", "watch_for", "timeline"):
            assert a[key] == without[key], (base, mrc, key)
        # The grade adds only the prognosis statement to the panel.
        assert [e for e in a["panel"] if e["id"] != "prognosis-strength"] == without["panel"]
        assert a["headline"]["now"] == without["headline"]["now"]
        line = a["headline"]["findings"]
        as_severe = assess({**base, "severe_deficit": True})
        changed = [k for k in ("pathway", "imaging", "surgery") if as_severe[k] != a[k]]
        prompted = mrc <= 2 and not severe and bool(changed)
        assert ("if you judge this deficit severe" in line["text"]) == prompted, (base, mrc, line)
        assert line["readings"] == (["severe"] if prompted else []), (base, mrc, line)
        if prompted:
            # Each changed value is named as it would become, the present one after it.
            becomes = line["text"].split("the result changes to: ")[1]
            named = {
                "pathway": f"pathway {as_severe['labels']['pathway'].lower()}",
                "imaging": "immediate MRI",
                "surgery": {"soon": "within hours to days", "reasonable": "surgery reasonable"}.get(
                    as_severe["surgery"], "if the MRI documents compression"
                ),
            }
            assert [key for key in changed if named[key] not in becomes.split("(now:")[0]] == [], line["text"]
        assert f"dorsiflexion MRC grade {mrc}" in line["text"]


def test_a_negative_mri_never_rules_out_decompression_for_a_cause_outside_this_guideline():
    """Compression from another cause (a haematoma, an abscess, a tumour) may need emergency decompression: the
    card says only that this guideline gives none, never "no decompression"."""
    for f, a in ASSESSED:
        labels = [a["labels"]["surgery"], a["labels"]["fusion"]]
        words = " ".join([a["headline"]["title"], *now_text(a), *labels, *(r["reason"] for r in a["recommendations"])])
        assert "no decompression" not in words.lower(), f
        if f["mri"] == "no_compression" and (a["surgery"] == "urgent_evaluation" or f["severe_deficit"]):
            assert "another cause needs its own" in words, f


def test_a_late_severe_deficit_s_title_carries_the_delayed_surgery_warning_with_its_reading_and_citation():
    for f, a in ASSESSED:
        h = a["headline"]
        late = f["severe_deficit"] and f["days_since_onset"] >= 28 and a["surgery"] in ("reasonable", "if_mri_confirms")
        assert (
            h["title"].endswith(
                "Severe deficit: delayed surgery beyond several weeks may result in incomplete recovery"
            )
            == late
        ), f
        if late:
            assert h["title_citations"] == [1] and "severe" in h["title_readings"], f
            assert ("several-weeks" in h["title_readings"]) == (f["days_since_onset"] > DELAYED_SURGERY_AFTER.days), f
            assert not any(t.startswith("Delayed surgery beyond") for t in now_text(a)), f
