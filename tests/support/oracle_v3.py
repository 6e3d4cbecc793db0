"""Independent reference ("oracle") for the decision contract, version 3.

Written from /work/shared/spec/decision-contract.md alone, without reading the calculator, so that tests can
compare a second reading of the text with the implementation. Only the decision itself is modelled: the red
flags, the rule outputs, the card's level, the recommendation ids and the readings the contract states for
some recommendations. Wording, the card's lines, the day line and the prognosis are not modelled.

`recommendation_readings` is a lower bound: for each id it holds the readings the contract explicitly says that
recommendation rests on in this case. An implementation's `readings` for that id should contain them; the
contract does not forbid further readings, so a test should check inclusion, not equality. Ids for which the
contract states nothing in this case are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# "day 28 is when imaging is due and conservative care is reassessed" (reading `four-weeks`);
# "surgery is reasonable after 4-6 weeks" -> from day 28 (reading `four-to-six-weeks`).
DAY_FOUR_WEEKS = 28
# "delayed surgery beyond several weeks" -> beyond day 42 (reading `several-weeks`).
DAY_SEVERAL_WEEKS = 42

RED_FLAG_ORDER: tuple[str, ...] = ("progressive", "bilateral", "cauda_equina", "multilevel")
EMERGENCY_FLAGS: frozenset[str] = frozenset({"progressive", "bilateral", "cauda_equina"})

# The recommendation id table, in output order.
RECOMMENDATION_ORDER: tuple[str, ...] = (
    "diagnosis-review",
    "no-compression-emergency",
    "mri-immediate",
    "pitfall-delayed-imaging",
    "surgery-urgent",
    "early-surgery",
    "urgent-decompression",
    "pitfall-bilateral",
    "mri-delayed",
    "surgery-elective",
    "delayed-surgery",
    "discectomy-alone",
    "fusion-selective",
    "pitfall-routine-fusion",
    "natural-history",
    "pitfall-surgery-for-all",
    "afo",
    "fes",
    "physical-therapy",
    "prognosis-strength",
)

_REQUIRED = ("laterality", "course", "cauda_equina", "multilevel_motor_deficit", "severe_deficit", "days_since_onset")
_OPTIONAL_BOOLS = (
    "functional_impairment",
    "instability",
    "recurrent_herniation",
    "chronic_axial_pain",
    "heavy_manual_labor",
    "significant_preoperative_axial_pain",
)
_KNOWN = frozenset(_REQUIRED) | frozenset(_OPTIONAL_BOOLS) | {"dorsiflexion_mrc", "mri"}


@dataclass(frozen=True)
class Findings:
    """Findings with the contract's defaults applied."""

    laterality: str
    course: str
    cauda_equina: bool
    multilevel_motor_deficit: bool
    severe_deficit: bool
    days_since_onset: int
    dorsiflexion_mrc: int | None
    mri: str
    functional_impairment: bool
    instability: bool
    recurrent_herniation: bool
    chronic_axial_pain: bool
    heavy_manual_labor: bool
    significant_preoperative_axial_pain: bool

    @classmethod
    def from_dict(cls, findings: dict[str, Any]) -> Findings:
        """Apply defaults; refuse unknown or missing keys so that a typo in a test cannot pass silently."""
        unknown = set(findings) - _KNOWN
        if unknown:
            raise ValueError(f"unknown findings keys: {sorted(unknown)}")
        missing = [key for key in _REQUIRED if key not in findings]
        if missing:
            raise ValueError(f"missing required findings: {missing}")
        optional = {key: findings.get(key) is True for key in _OPTIONAL_BOOLS}
        return cls(
            laterality=findings["laterality"],
            course=findings["course"],
            cauda_equina=findings["cauda_equina"] is True,
            multilevel_motor_deficit=findings["multilevel_motor_deficit"] is True,
            severe_deficit=findings["severe_deficit"] is True,
            days_since_onset=int(findings["days_since_onset"]),
            dorsiflexion_mrc=findings.get("dorsiflexion_mrc"),
            mri=findings.get("mri") or "not_done",
            **optional,
        )


# --- Rules -------------------------------------------------------------------------------------------------------


def red_flags(f: Findings) -> list[str]:
    """The red flags present, in red-flag order."""
    present = {
        "progressive": f.course == "progressive",
        "bilateral": f.laterality == "bilateral",
        "cauda_equina": f.cauda_equina,
        "multilevel": f.multilevel_motor_deficit,
    }
    return [flag for flag in RED_FLAG_ORDER if present[flag]]


def has_emergency_flag(f: Findings) -> bool:
    """An emergency flag: a red flag that is also an urgent surgical indication."""
    return any(flag in EMERGENCY_FLAGS for flag in red_flags(f))


def is_acute_severe(f: Findings) -> bool:
    """`severe_deficit` with `days_since_onset < 28`."""
    return f.severe_deficit and f.days_since_onset < DAY_FOUR_WEEKS


def is_late_severe(f: Findings) -> bool:
    """`severe_deficit` with `days_since_onset >= 28`."""
    return f.severe_deficit and f.days_since_onset >= DAY_FOUR_WEEKS


def _elective_condition(f: Findings) -> bool:
    """Rules 4 and 5's condition: stable course, significant functional impairment, or a late severe deficit."""
    return f.course == "stable" or f.functional_impairment or is_late_severe(f)


def surgery(f: Findings) -> str:
    """`surgery`, the first rule that holds."""
    if has_emergency_flag(f) and f.mri == "no_compression":  # rule 1
        return "urgent_evaluation"
    if has_emergency_flag(f):  # rule 2
        return "urgent"
    if is_acute_severe(f) and f.mri != "no_compression":  # rule 3
        return "soon"
    late = f.days_since_onset >= DAY_FOUR_WEEKS
    if late and f.mri == "compression" and _elective_condition(f):  # rule 4
        return "reasonable"
    if late and f.mri == "not_done" and _elective_condition(f):  # rule 5
        return "if_mri_confirms"
    return "not_now"  # rule 6


def imaging(f: Findings) -> str:
    """`imaging`, the first rule that holds."""
    if f.mri != "not_done":  # rule 1
        return "done"
    if red_flags(f) or f.severe_deficit:  # rule 2, at any day
        return "immediate"
    if f.days_since_onset >= DAY_FOUR_WEEKS:  # rule 3
        return "due_now"
    return "within_1_to_4_weeks"  # rule 4


def pathway(f: Findings, surgery_: str, imaging_: str) -> str:
    """`pathway` (the headline), the first rule that holds."""
    if has_emergency_flag(f):  # rule 1, also with urgent_evaluation
        return "emergency"
    if surgery_ == "soon":  # rule 2
        return "urgent"
    if f.mri == "no_compression":  # rule 3
        return "outside_guideline"
    if imaging_ == "immediate" or surgery_ == "if_mri_confirms":  # rule 4
        return "imaging_first"
    if surgery_ == "reasonable":  # rule 5
        return "surgical_referral"
    return "conservative"  # rule 6


def fusion_reasons_holding(f: Findings) -> list[str]:
    """The fusion circumstances that hold, in the contract's order (before applicability is considered)."""
    reasons: list[str] = []
    if f.instability:
        reasons.append("instability")
    if f.recurrent_herniation and f.chronic_axial_pain:
        reasons.append("recurrent_with_axial_pain")
    if f.heavy_manual_labor and f.significant_preoperative_axial_pain:
        reasons.append("manual_labor_with_axial_pain")
    return reasons


def fusion_applicable(f: Findings, surgery_: str) -> bool:
    """A decompression is indicated and the MRI documents compression."""
    return surgery_ in ("urgent", "soon", "reasonable") and f.mri == "compression"


def fusion(f: Findings, surgery_: str) -> str:
    """`fusion`: not_applicable, consider or not_recommended."""
    if not fusion_applicable(f, surgery_):
        return "not_applicable"
    return "consider" if fusion_reasons_holding(f) else "not_recommended"


def fusion_reasons(f: Findings, surgery_: str) -> list[str]:
    """`fusion_reasons`: empty when fusion is not applicable."""
    return fusion_reasons_holding(f) if fusion_applicable(f, surgery_) else []


def reassess_on_day(f: Findings, pathway_: str) -> int | None:
    """28 before day 28 on the conservative pathway; else None."""
    return DAY_FOUR_WEEKS if f.days_since_onset < DAY_FOUR_WEEKS and pathway_ == "conservative" else None


def watch_for(f: Findings, pathway_: str) -> list[str]:
    """Red flags not present, in red-flag order, on every pathway but the emergency one."""
    if pathway_ == "emergency":
        return []
    present = set(red_flags(f))
    return [flag for flag in RED_FLAG_ORDER if flag not in present]


def late_bilateral(f: Findings, surgery_: str) -> bool:
    """Bilateral from day 28, not progressive, no cauda equina, surgery urgent (reading `bilateral-onset`)."""
    return (
        f.laterality == "bilateral"
        and f.days_since_onset >= DAY_FOUR_WEEKS
        and f.course != "progressive"
        and not f.cauda_equina
        and surgery_ == "urgent"
    )


def level(f: Findings, pathway_: str, surgery_: str, imaging_: str) -> str:
    """The card's level; the first that holds decides."""
    if pathway_ == "emergency":
        return "emergency"
    if (
        pathway_ == "urgent"
        or imaging_ == "immediate"
        or (is_late_severe(f) and surgery_ in ("reasonable", "if_mri_confirms"))
        or (pathway_ == "outside_guideline" and (f.severe_deficit or f.multilevel_motor_deficit))
    ):
        return "urgent"
    return "non-urgent"


def no_surgical_indication_line(f: Findings, surgery_: str) -> bool:
    """The card's 'no surgical indication' line: surgery not_now on or after day 28 with documented compression."""
    return surgery_ == "not_now" and f.days_since_onset >= DAY_FOUR_WEEKS and f.mri == "compression"


# --- Recommendations ---------------------------------------------------------------------------------------------


def recommendation_ids(f: Findings, out: dict[str, Any]) -> list[str]:
    """The recommendation ids, in table order, each included exactly when its 'included when' column holds."""
    surgery_, imaging_, pathway_, fusion_ = out["surgery"], out["imaging"], out["pathway"], out["fusion"]
    progressive = f.course == "progressive"
    included = {
        "diagnosis-review": f.mri == "no_compression",
        "no-compression-emergency": surgery_ == "urgent_evaluation",
        "mri-immediate": imaging_ == "immediate",
        "pitfall-delayed-imaging": (progressive or f.cauda_equina) and f.mri == "not_done",
        "surgery-urgent": surgery_ == "urgent",
        "early-surgery": progressive and surgery_ == "urgent",
        "urgent-decompression": surgery_ == "soon",
        "pitfall-bilateral": f.laterality == "bilateral",
        "mri-delayed": imaging_ in ("within_1_to_4_weeks", "due_now"),
        "surgery-elective": (
            surgery_ in ("reasonable", "if_mri_confirms")
            or out["reassess_on_day"] is not None
            or no_surgical_indication_line(f, surgery_)
        ),
        "delayed-surgery": (
            surgery_ in ("urgent", "soon", "reasonable", "if_mri_confirms")
            and (f.days_since_onset > DAY_SEVERAL_WEEKS or is_late_severe(f))
        ),
        "discectomy-alone": fusion_ != "not_applicable",
        "fusion-selective": fusion_ == "consider",
        "pitfall-routine-fusion": fusion_ == "not_recommended" and not f.recurrent_herniation,
        "natural-history": not out["red_flags"] and surgery_ == "not_now" and f.mri != "no_compression",
        "pitfall-surgery-for-all": pathway_ == "conservative",
        "afo": True,
        "fes": True,
        "physical-therapy": True,
        "prognosis-strength": f.dorsiflexion_mrc is not None and f.mri != "no_compression",
    }
    return [rec_id for rec_id in RECOMMENDATION_ORDER if included[rec_id]]


def recommendation_readings(f: Findings, out: dict[str, Any]) -> dict[str, list[str]]:
    """Readings the contract explicitly states for an included recommendation; other ids are left out."""
    ids = set(out["recommendation_ids"])
    surgery_ = out["surgery"]
    readings: dict[str, list[str]] = {}

    if "diagnosis-review" in ids:
        # Card table, "Outside this guideline": `diagnosis-review` (+ `severe` when severe); a "reading"
        # recommendation's id is its reading's id ("A "reading" id is the id of its entry on the site's page").
        # AMBIGUOUS: the "+ severe" is stated for the outside-guideline card line, not for the recommendation, and
        # not for the note under an emergency (surgery urgent_evaluation); applied here on that pathway only.
        rec = ["diagnosis-review"]
        if f.severe_deficit and out["pathway"] == "outside_guideline":
            rec.append("severe")
        readings["diagnosis-review"] = rec

    if "no-compression-emergency" in ids:
        # Card table, "Urgent evaluation": `no-compression-emergency`; a "reading" id is the id of its reading.
        readings["no-compression-emergency"] = ["no-compression-emergency"]

    if "mri-immediate" in ids and not out["red_flags"]:
        # Id table, mri-immediate: "when none does (a severe deficit alone) says so and rests on reading `severe`";
        # card table: "Immediate MRI when no listed red flag applies (severe deficit alone)": `severe`.
        readings["mri-immediate"] = ["severe"]

    if "urgent-decompression" in ids:
        # Id table, urgent-decompression: "when it is improving, it says ... whether the deficit is still severe is
        # the clinician's judgement (reading `severe`)"; reading `severe`: "before day 28 it is urgent decompression
        # within hours to days, whatever the course".
        # AMBIGUOUS: the id table ties `severe` to the improving course only; the rule itself ("soon" only before
        # day 28) is reading `severe`, so it is required here for every course.
        readings["urgent-decompression"] = ["severe"]

    if "surgery-elective" in ids:
        if no_surgical_indication_line(f, surgery_):
            # Id table, surgery-elective: "with the no-surgical-indication line it says which listed items the
            # calculator does not read as met, and why (readings `persistent`, `documented-compression`)".
            readings["surgery-elective"] = ["persistent", "documented-compression"]
        elif (
            surgery_ in ("reasonable", "if_mri_confirms")
            and is_late_severe(f)
            and f.course != "stable"
            and not f.functional_impairment
        ):
            # Id table, surgery-elective: "When the only reason is a late severe deficit (course not stable, no
            # significant functional impairment), the reason says so, names the course and rests on reading
            # `severe`".
            # AMBIGUOUS: the card table adds `four-to-six-weeks` and `documented-compression` for the "Surgery
            # reasonable / if the MRI confirms" card line; the id table does not, so they are not required here.
            readings["surgery-elective"] = ["severe"]
        # Other surgery-elective cases (stable course, functional impairment, reassess on day 28): the id table
        # states no readings, so the id is left out.

    if "delayed-surgery" in ids:
        if f.days_since_onset > DAY_SEVERAL_WEEKS:
            # Card table, "Delayed-surgery warning": `several-weeks`; reading `several-weeks`: beyond day 42.
            # AMBIGUOUS: the id table itself names no reading for days > 42; `several-weeks` comes from the card
            # table. Whether a late severe deficit past day 42 also links `severe` is unstated; not required.
            readings["delayed-surgery"] = ["several-weeks"]
        else:
            # Only a late severe deficit reaches here (days 28..42). Id table, delayed-surgery: "for a late severe
            # deficit up to day 42 says it is shown from day 28 because of reading `severe`"; card table:
            # "`several-weeks`, or `severe` up to day 42".
            # AMBIGUOUS: "or" is read as `severe` in place of `several-weeks` up to day 42 (day 42 included, since
            # `several-weeks` means beyond day 42); only `severe` is required.
            readings["delayed-surgery"] = ["severe"]

    return readings


# --- Entry point -------------------------------------------------------------------------------------------------


def expected(findings: dict) -> dict:
    """The oracle's assessment for already-valid findings."""
    f = Findings.from_dict(findings)
    surgery_ = surgery(f)
    imaging_ = imaging(f)
    pathway_ = pathway(f, surgery_, imaging_)
    out: dict[str, Any] = {
        "red_flags": red_flags(f),
        "surgery": surgery_,
        "imaging": imaging_,
        "pathway": pathway_,
        "fusion": fusion(f, surgery_),
        "fusion_reasons": fusion_reasons(f, surgery_),
        "reassess_on_day": reassess_on_day(f, pathway_),
        "watch_for": watch_for(f, pathway_),
        "late_bilateral": late_bilateral(f, surgery_),
        "level": level(f, pathway_, surgery_, imaging_),
    }
    out["recommendation_ids"] = recommendation_ids(f, out)
    out["recommendation_readings"] = recommendation_readings(f, out)
    return out


AMBIGUITIES: list[str] = [
    "Recommendation readings: the id table states readings for only a few recommendations, while the card table "
    "states readings per card line; it is not said whether a recommendation must carry the readings of the card "
    "line it corresponds to (for example mri-delayed and `four-weeks`, surgery-urgent and `documented-compression` "
    "before an MRI, or the late-bilateral case and `bilateral-onset`). This oracle requires only what the id table "
    "or the brief names, and treats each list as a minimum, not an exact set.",
    "urgent-decompression: the id table ties reading `severe` to the improving course only, but the rule that "
    "produces surgery 'soon' (an acute severe deficit, before day 28) is itself reading `severe`; this oracle "
    "requires `severe` for every course.",
    "delayed-surgery: the id table names only `severe` (for a late severe deficit up to day 42) and no reading for "
    "days > 42; the card table says '`several-weeks`, or `severe` up to day 42'. Read as `several-weeks` beyond "
    "day 42 and `severe` in its place from day 28 to day 42 (inclusive); whether a late severe deficit past day 42 "
    "also links `severe` is unstated.",
    "diagnosis-review: '+ severe when severe' is stated for the 'Outside this guideline' card line, not for the "
    "recommendation, and it is unclear whether it also applies to the note under an emergency (surgery "
    "urgent_evaluation); this oracle requires `severe` only on the outside_guideline pathway.",
    "surgery-elective with a stable course or functional impairment (and with reassess_on_day set): the id table "
    "states no readings, while the card table gives `four-to-six-weeks`, `documented-compression` and `persistent` "
    "for the corresponding card line; this oracle states none for these cases.",
    "surgery-elective 'only reason is a late severe deficit': read as surgery reasonable or if_mri_confirms, a late "
    "severe deficit, course not stable and no functional impairment; the card table would add `four-to-six-weeks` "
    "and `documented-compression`, which the id table does not mention.",
    "mri-immediate with at least one red flag: the reason names the listed items, but no reading is stated (for "
    "instance whether a progressive course links `progressive`, or a co-existing severe deficit links `severe`).",
    "'Up to day 42' is not said to be inclusive; read as days 28..42 inclusive because `several-weeks` means "
    "beyond day 42 and the delayed-surgery rule uses days_since_onset > 42.",
    "The no-surgical-indication line is defined as surgery not_now on or after day 28 with mri compression, with "
    "the parenthesis '(an improving foot drop without significant functional impairment)'; under the rules these "
    "coincide (a progressive course is an emergency, a stable course, impairment or a late severe deficit makes "
    "surgery reasonable), so the parenthesis is read as a description, not an extra condition.",
    "A multilevel deficit (a red flag, not an emergency flag) with MRI compression and no severe deficit gets a "
    "non-urgent card, and before day 28 the conservative pathway with reassessment on day 28, although the red "
    "flag made the MRI mandatory; the level paragraph gives no urgency for it except on the outside_guideline "
    "pathway. Followed literally; flagged as a possible gap rather than a contradiction.",
    "An emergency flag other than bilateral (cauda equina, progressive) keeps surgery 'urgent' (4-24 hours) at any "
    "day with no late note; only bilateral foot drop gets the late_bilateral line. Followed literally.",
    "The level paragraph lists 'urgent' conditions and then says 'the first of these that holds decides'; since "
    "only emergency precedes urgent, the order is read as emergency, then any urgent condition, then non-urgent.",
    "Findings given with None for an optional field are read as the field's default (absent); the contract "
    "itself speaks only of absent keys.",
]
