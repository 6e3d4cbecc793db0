"""The guideline's rules as pure functions from Findings to parts of an Assessment.

Each rule names the guideline section and reference numbers it comes from; the
day thresholds are named data, each with the statement it encodes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .assessment import (
    FUSION_REASON_WORDS,
    RED_FLAG_WORDS,
    Assessment,
    Fusion,
    FusionReason,
    Imaging,
    Pathway,
    PrognosisNote,
    Recommendation,
    RecommendationId,
    RedFlag,
    Section,
    Surgery,
)
from .findings import Course, Findings, Laterality, Mri


@dataclass(frozen=True)
class DayThreshold:
    """A number of days since onset, with the statement and references it comes from."""

    days: int
    statement: str
    section: Section
    references: tuple[int, ...]


IMAGING_DUE = DayThreshold(
    28,
    "imaging can be performed within 1-4 weeks if symptoms persist despite conservative care",
    Section.INITIAL_ASSESSMENT,
    (1,),
)
ELECTIVE_SURGERY_FROM = DayThreshold(
    28,
    "Surgery is reasonable after 4-6 weeks (the contract takes the lower bound)",
    Section.SURGICAL_INDICATIONS,
    (1,),
)
NATURAL_HISTORY_WINDOW = DayThreshold(
    28,
    "Most patients with disc herniation and radiculopathy improve within 4 weeks with conservative care",
    Section.PROGNOSIS,
    (1,),
)
DELAYED_SURGERY_AFTER = DayThreshold(
    42,
    "Delayed surgery beyond several weeks may result in incomplete recovery (the contract: beyond 6 weeks)",
    Section.PROGNOSIS,
    (1,),
)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def red_flags(f: Findings) -> tuple[RedFlag, ...]:
    """Initial assessment: the presentations that make immediate MRI mandatory [1, 3]."""
    present = {
        RedFlag.PROGRESSIVE: f.course is Course.PROGRESSIVE,
        RedFlag.BILATERAL: f.laterality is Laterality.BILATERAL,
        RedFlag.CAUDA_EQUINA: f.bladder_bowel_dysfunction,
        RedFlag.MULTILEVEL: f.multilevel_motor_deficit,
    }
    return tuple(flag for flag in RedFlag if present[flag])


def imaging(f: Findings) -> Imaging:
    """Initial assessment and timing [1, 3]."""
    if f.mri is not Mri.NOT_DONE:
        return Imaging.DONE
    if red_flags(f):
        return Imaging.IMMEDIATE
    if f.days_since_onset >= IMAGING_DUE.days:
        return Imaging.DUE_NOW
    return Imaging.WITHIN_1_TO_4_WEEKS


def urgent_surgery_causes(f: Findings) -> tuple[RedFlag, ...]:
    """Surgical indications: urgent decompression within 4-24 hours [1, 3]."""
    urgent = (RedFlag.PROGRESSIVE, RedFlag.BILATERAL, RedFlag.CAUDA_EQUINA)
    return tuple(flag for flag in red_flags(f) if flag in urgent)


def elective_indications(f: Findings) -> tuple[str, ...]:
    """Surgical indications: reasonable after 4-6 weeks [1, 4, 5]; empty when not met."""
    if f.days_since_onset < ELECTIVE_SURGERY_FROM.days or f.mri is Mri.NO_COMPRESSION:
        return ()
    held = {
        "persistent foot drop despite conservative management": f.course is Course.STABLE,
        "significant functional impairment affecting daily activities": f.functional_impairment,
        "documented nerve root compression on MRI": f.mri is Mri.COMPRESSION,
    }
    return tuple(words for words, holds in held.items() if holds)


def surgery(f: Findings) -> Surgery:
    if urgent_surgery_causes(f):
        return Surgery.URGENT
    if elective_indications(f):
        return Surgery.REASONABLE
    return Surgery.NOT_NOW


def pathway(s: Surgery) -> Pathway:
    return {
        Surgery.URGENT: Pathway.EMERGENCY,
        Surgery.REASONABLE: Pathway.SURGICAL_REFERRAL,
        Surgery.NOT_NOW: Pathway.CONSERVATIVE,
    }[s]


def fusion_reasons(f: Findings, s: Surgery) -> tuple[FusionReason, ...]:
    """Surgical approach: fusion only in specific circumstances [1]."""
    if s is Surgery.NOT_NOW:
        return ()
    held = {
        FusionReason.INSTABILITY: f.instability,
        FusionReason.RECURRENT_WITH_AXIAL_PAIN: f.recurrent_herniation and f.axial_back_pain,
        FusionReason.MANUAL_LABOR_WITH_AXIAL_PAIN: f.heavy_manual_labor and f.axial_back_pain,
    }
    return tuple(reason for reason in FusionReason if held[reason])


def fusion(s: Surgery, reasons: tuple[FusionReason, ...]) -> Fusion:
    if s is Surgery.NOT_NOW:
        return Fusion.NOT_APPLICABLE
    return Fusion.CONSIDER if reasons else Fusion.NOT_RECOMMENDED


def prognosis(f: Findings) -> PrognosisNote | None:
    """Prognosis and recovery [4, 6, 5, 3]: the source gives no grade thresholds, so none here."""
    if f.dorsiflexion_mrc is None:
        return None
    return PrognosisNote(
        dorsiflexion_mrc=f.dorsiflexion_mrc,
        note=(
            f"Ankle dorsiflexion strength: MRC grade {f.dorsiflexion_mrc} of 5. "
            "Preoperative motor strength is the strongest predictor of recovery: patients with "
            "better preoperative dorsiflexion strength achieve better final outcomes. A mean motor "
            "recovery rate of 52-53% can be expected; complete recovery occurs in a minority of cases."
        ),
        citations=(4, 6, 5, 3),
    )


def recommendations(
    f: Findings, img: Imaging, s: Surgery, path: Pathway, fus: Fusion, reasons: tuple[FusionReason, ...]
) -> tuple[Recommendation, ...]:
    """Every recommendation that applies, with the findings behind it, in the contract's order."""
    R = RecommendationId
    days = f"{f.days_since_onset} day{'s' if f.days_since_onset != 1 else ''} since onset"

    def flags() -> str:
        return _capital(_listed([RED_FLAG_WORDS[flag] for flag in red_flags(f)]))

    surgery_words = {
        Surgery.URGENT: "Urgent surgery is indicated",
        Surgery.REASONABLE: "Surgery is reasonable",
    }.get(s, "")
    strength = (
        f"Dorsiflexion strength MRC grade {f.dorsiflexion_mrc}"
        if f.dorsiflexion_mrc is not None
        else "Dorsiflexion strength not recorded"
    )
    candidates: dict[RecommendationId, tuple[bool, Callable[[], str]]] = {
        R.MRI_IMMEDIATE: (
            img is Imaging.IMMEDIATE,
            lambda: f"{flags()} with no MRI yet: immediate MRI is mandatory.",
        ),
        R.MRI_DELAYED: (
            img in (Imaging.WITHIN_1_TO_4_WEEKS, Imaging.DUE_NOW),
            lambda: (
                f"Unilateral foot drop without red flags, no MRI yet, {days}: "
                + (
                    "4 weeks or more, so imaging is due now if symptoms persist."
                    if img is Imaging.DUE_NOW
                    else "imaging within 1-4 weeks if symptoms persist."
                )
            ),
        ),
        R.SURGERY_URGENT: (
            s is Surgery.URGENT,
            lambda: (
                f"{_capital(_listed([RED_FLAG_WORDS[c] for c in urgent_surgery_causes(f)]))}: "
                "urgent surgical decompression within 4-24 hours."
            ),
        ),
        R.SURGERY_ELECTIVE: (
            s is Surgery.REASONABLE,
            lambda: (
                f"{_capital(days)} (4 weeks or more) with {_listed(list(elective_indications(f)))}: "
                "surgery is reasonable."
            ),
        ),
        R.DISCECTOMY_ALONE: (
            s in (Surgery.URGENT, Surgery.REASONABLE),
            lambda: f"{surgery_words}: discectomy alone is the standard surgical treatment.",
        ),
        R.FUSION_SELECTIVE: (
            fus is Fusion.CONSIDER,
            lambda: f"{surgery_words} with {_listed([FUSION_REASON_WORDS[r] for r in reasons])}: fusion may be added.",
        ),
        R.AFO: (
            True,
            lambda: "Foot drop is present: AFOs are the first-line treatment for compensating motor impairment.",
        ),
        R.FES: (True, lambda: "Foot drop is present: FES is an equivalent alternative to AFOs."),
        R.PHYSICAL_THERAPY: (
            True,
            lambda: "Foot drop is present: physical therapy is mandatory regardless of treatment choice.",
        ),
        R.PROGNOSIS_STRENGTH: (
            True,
            lambda: f"{strength}: preoperative motor strength is the strongest predictor of recovery.",
        ),
        R.NATURAL_HISTORY: (
            path is Pathway.CONSERVATIVE and f.days_since_onset < NATURAL_HISTORY_WINDOW.days,
            lambda: (
                f"No surgical indication now and {days} (under 4 weeks): most patients improve "
                "within 4 weeks with conservative care."
            ),
        ),
        R.DELAYED_SURGERY: (
            s is Surgery.REASONABLE and f.days_since_onset > DELAYED_SURGERY_AFTER.days,
            lambda: (
                f"Surgery is reasonable and {days} (over 6 weeks): delayed surgery beyond several "
                "weeks may result in incomplete recovery."
            ),
        ),
        R.PITFALL_DELAYED_IMAGING: (
            img is Imaging.IMMEDIATE,
            lambda: f"{flags()} with no MRI yet: do not delay imaging.",
        ),
        R.PITFALL_BILATERAL: (
            f.laterality is Laterality.BILATERAL,
            lambda: "Bilateral foot drop: do not overlook it; it requires urgent surgical evaluation.",
        ),
        R.PITFALL_ROUTINE_FUSION: (
            fus is Fusion.NOT_RECOMMENDED,
            lambda: (
                f"{surgery_words} with no specific circumstance for fusion: do not perform routine "
                "fusion at initial discectomy."
            ),
        ),
        R.PITFALL_SURGERY_FOR_ALL: (
            path is Pathway.CONSERVATIVE,
            lambda: "No urgent or elective surgical indication now: do not assume all foot drop requires surgery.",
        ),
        R.DIAGNOSIS_REVIEW: (
            f.mri is Mri.NO_COMPRESSION,
            lambda: "MRI shows no nerve root compression: reconsider the cause of the foot drop.",
        ),
    }
    return tuple(Recommendation(rid, candidates[rid][1]()) for rid in RecommendationId if candidates[rid][0])


def assess_findings(f: Findings) -> Assessment:
    """The whole assessment for validated findings."""
    img = imaging(f)
    s = surgery(f)
    path = pathway(s)
    reasons = fusion_reasons(f, s)
    fus = fusion(s, reasons)
    return Assessment(
        pathway=path,
        imaging=img,
        surgery=s,
        fusion=fus,
        fusion_reasons=reasons,
        red_flags=red_flags(f),
        recommendations=recommendations(f, img, s, path, fus, reasons),
        prognosis=prognosis(f),
    )
