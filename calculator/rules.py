"""The guideline's rules as pure functions from Findings to parts of an Assessment (contract version 2).

Each rule names the guideline section and references it comes from. Day thresholds are named data,
each with the reading (`readings.py`) that turns the source's words into a number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .assessment import (
    DECOMPRESSION,
    EMERGENCY_FLAGS,
    SURGERY_INDICATED,
    Assessment,
    Fusion,
    FusionReason,
    Imaging,
    Mark,
    Pathway,
    Prognosis,
    Recommendation,
    RecommendationId,
    RedFlag,
    Surgery,
    Timeline,
)
from .findings import Course, Findings, Laterality, Mri
from .quotes import PROGNOSIS
from .readings import ReadingId
from .sections import Section
from .wording import (
    FUSION_REASON_WORDS,
    RED_FLAG_WORDS,
    capital,
    day_words,
    headline,
    labels,
    listed,
    mri_words,
)


@dataclass(frozen=True)
class DayThreshold:
    """A number of days since onset, with the reading and the section and references it comes from."""

    days: int
    reading: ReadingId
    section: Section
    references: tuple[int, ...]


IMAGING_DUE = DayThreshold(28, ReadingId.FOUR_WEEKS, Section.INITIAL_ASSESSMENT, (1,))
REASSESS = DayThreshold(28, ReadingId.FOUR_WEEKS, Section.PROGNOSIS, (1,))
ELECTIVE_SURGERY_FROM = DayThreshold(28, ReadingId.FOUR_TO_SIX_WEEKS, Section.SURGICAL_INDICATIONS, (1, 4, 5))
ACUTE_PHASE_ENDS = DayThreshold(28, ReadingId.SEVERE, Section.SUMMARY, (1, 2))
DELAYED_SURGERY_AFTER = DayThreshold(42, ReadingId.SEVERAL_WEEKS, Section.PROGNOSIS, (1,))

PROGNOSIS_INTRODUCTION = (
    "What the guideline reports about patients after surgery (Prognosis and Recovery): figures about "
    "groups of patients, not a prediction for this patient."
)


def red_flags(f: Findings) -> tuple[RedFlag, ...]:
    """Initial Assessment and Timing: the presentations that make immediate MRI mandatory [1, 3]."""
    present = {
        RedFlag.PROGRESSIVE: f.course is Course.PROGRESSIVE,
        RedFlag.BILATERAL: f.laterality is Laterality.BILATERAL,
        RedFlag.CAUDA_EQUINA: f.bladder_bowel_dysfunction,
        RedFlag.MULTILEVEL: f.multilevel_motor_deficit,
    }
    return tuple(flag for flag in RedFlag if present[flag])


def emergency_flags(f: Findings) -> tuple[RedFlag, ...]:
    """Surgical Indications and Timing: the red flags that also call for surgery within 4-24 hours [1, 3]."""
    return tuple(flag for flag in red_flags(f) if flag in EMERGENCY_FLAGS)


def acute_severe_deficit(f: Findings) -> bool:
    """Summary [1, 2], reading `severe`: a severe deficit in the initial phase, before day 28."""
    return f.severe_deficit and f.days_since_onset < ACUTE_PHASE_ENDS.days


def elective_indication(f: Findings) -> bool:
    """Surgical Indications and Timing [1, 4], readings `four-to-six-weeks` and `persistent`."""
    persistent = f.course is Course.STABLE
    return f.days_since_onset >= ELECTIVE_SURGERY_FROM.days and (persistent or f.functional_impairment)


def surgery(f: Findings) -> Surgery:
    """Surgical Indications and Timing [1, 3, 4, 5]; readings `documented-compression`, `severe`,
    `no-compression-emergency`."""
    if emergency_flags(f):
        return Surgery.URGENT_EVALUATION if f.mri is Mri.NO_COMPRESSION else Surgery.URGENT
    if acute_severe_deficit(f) and f.mri is not Mri.NO_COMPRESSION:
        return Surgery.SOON
    if elective_indication(f):
        if f.mri is Mri.COMPRESSION:
            return Surgery.REASONABLE
        if f.mri is Mri.NOT_DONE:
            return Surgery.IF_MRI_CONFIRMS
    return Surgery.NOT_NOW


def imaging(f: Findings) -> Imaging:
    """Initial Assessment and Timing [1, 3]; readings `severe` and `four-weeks`."""
    if f.mri is not Mri.NOT_DONE:
        return Imaging.DONE
    if red_flags(f) or acute_severe_deficit(f):
        return Imaging.IMMEDIATE
    if f.days_since_onset >= IMAGING_DUE.days:
        return Imaging.DUE_NOW
    return Imaging.WITHIN_1_TO_4_WEEKS


def pathway(f: Findings, img: Imaging, s: Surgery) -> Pathway:
    """The headline: an emergency flag stays an emergency even with no compression on MRI."""
    if emergency_flags(f):
        return Pathway.EMERGENCY
    if s is Surgery.SOON:
        return Pathway.URGENT
    if img is Imaging.IMMEDIATE or s is Surgery.IF_MRI_CONFIRMS:
        return Pathway.IMAGING_FIRST
    if s is Surgery.REASONABLE:
        return Pathway.SURGICAL_REFERRAL
    return Pathway.CONSERVATIVE


def fusion_reasons(f: Findings, s: Surgery) -> tuple[FusionReason, ...]:
    """Surgical Approach: fusion only in specific circumstances [1]; none before the MRI documents
    compression (reading `documented-compression`)."""
    if s not in DECOMPRESSION or f.mri is not Mri.COMPRESSION:
        return ()
    held = {
        FusionReason.INSTABILITY: f.instability,
        FusionReason.RECURRENT_WITH_AXIAL_PAIN: f.recurrent_herniation and f.chronic_axial_pain,
        FusionReason.MANUAL_LABOR_WITH_AXIAL_PAIN: f.heavy_manual_labor and f.significant_preoperative_axial_pain,
    }
    return tuple(reason for reason in FusionReason if held[reason])


def fusion(f: Findings, s: Surgery, reasons: tuple[FusionReason, ...]) -> Fusion:
    """Surgical Approach [1]: discectomy alone unless a specific circumstance holds."""
    if s not in DECOMPRESSION or f.mri is not Mri.COMPRESSION:
        return Fusion.NOT_APPLICABLE
    return Fusion.CONSIDER if reasons else Fusion.NOT_RECOMMENDED


def reassess_on_day(f: Findings, path: Pathway) -> int | None:
    """Reading `four-weeks`: conservative care before day 28 is reassessed on day 28."""
    if f.days_since_onset < REASSESS.days and path is Pathway.CONSERVATIVE and f.mri is not Mri.NO_COMPRESSION:
        return REASSESS.days
    return None


def prognosis(f: Findings) -> Prognosis | None:
    """Prognosis and Recovery [4, 5, 6, 3]: the source gives no grade thresholds, so none here."""
    if f.dorsiflexion_mrc is None:
        return None
    return Prognosis(f.dorsiflexion_mrc, PROGNOSIS_INTRODUCTION, PROGNOSIS)


def recommendations(
    f: Findings,
    img: Imaging,
    s: Surgery,
    path: Pathway,
    fus: Fusion,
    reasons: tuple[FusionReason, ...],
    reassess: int | None,
) -> tuple[Recommendation, ...]:
    """Every recommendation that applies, in the contract's order, each with the findings behind it."""
    R = RecommendationId
    RD = ReadingId
    flags = red_flags(f)
    n = f.days_since_onset
    mri_not_done = f.mri is Mri.NOT_DONE
    acute = acute_severe_deficit(f)

    def words(selected: tuple[RedFlag, ...]) -> str:
        return capital(listed([RED_FLAG_WORDS[flag] for flag in selected]))

    def once_documented(prefix: str) -> tuple[str, tuple[ReadingId, ...]]:
        if mri_not_done:
            return f"{prefix}; no MRI yet: decompression once the immediate MRI documents compression.", (
                RD.DOCUMENTED_COMPRESSION,
            )
        return f"{prefix}; nerve root compression documented on MRI.", ()

    def immediate() -> tuple[str, tuple[ReadingId, ...]]:
        causes = [RED_FLAG_WORDS[flag] for flag in flags]
        if acute:
            causes.append(f"a severe neurologic deficit on {day_words(n)}, before day 28")
        return f"{capital(listed(causes))}, and no MRI yet.", (RD.SEVERE,) if acute else ()

    def urgent() -> tuple[str, tuple[ReadingId, ...]]:
        return once_documented(words(emergency_flags(f)))

    def soon() -> tuple[str, tuple[ReadingId, ...]]:
        text, readings = once_documented(f"Severe neurologic deficit on {day_words(n)}, before day 28")
        return text, (RD.SEVERE, *readings)

    def delayed_imaging() -> tuple[str, tuple[ReadingId, ...]]:
        selected = tuple(flag for flag in flags if flag in (RedFlag.PROGRESSIVE, RedFlag.CAUDA_EQUINA))
        return f"{words(selected)}, and no MRI yet.", ()

    def mri_delayed() -> tuple[str, tuple[ReadingId, ...]]:
        when = "(day 28 or later): imaging is due now" if img is Imaging.DUE_NOW else "(before day 28)"
        return f"No red flag and no MRI yet; {day_words(n)} since onset {when}.", (RD.FOUR_WEEKS,)

    def elective() -> tuple[str, tuple[ReadingId, ...]]:
        if reassess is not None:
            left = reassess - n
            return (
                f"{capital(day_words(n))} since onset, before day 28: reassess on day {reassess}, "
                f"in {left} day{'s' if left != 1 else ''}.",
                (RD.FOUR_WEEKS, RD.FOUR_TO_SIX_WEEKS),
            )
        indications = []
        if f.course is Course.STABLE:
            indications.append("a stable (persistent) course")
        if f.functional_impairment:
            indications.append("significant functional impairment")
        readings = (RD.FOUR_TO_SIX_WEEKS, *((RD.PERSISTENT,) if f.course is Course.STABLE else ()))
        start = f"{capital(day_words(n))} since onset (day 28 or later), {listed(indications)}"
        if s is Surgery.REASONABLE:
            return f"{start}, and nerve root compression documented on MRI.", (*readings, RD.DOCUMENTED_COMPRESSION)
        return (
            f"{start}, and no MRI yet: surgery becomes reasonable if an MRI documents nerve root compression.",
            (*readings, RD.DOCUMENTED_COMPRESSION),
        )

    def delayed_surgery() -> tuple[str, tuple[ReadingId, ...]]:
        indicated = {
            Surgery.URGENT: "urgent decompression indicated",
            Surgery.SOON: "urgent decompression indicated",
            Surgery.REASONABLE: "surgery reasonable",
            Surgery.IF_MRI_CONFIRMS: "surgery reasonable if an MRI documents compression",
        }[s]
        if mri_not_done and s is not Surgery.IF_MRI_CONFIRMS:
            indicated += " once the MRI documents compression"
        readings = (RD.SEVERAL_WEEKS, *((RD.DOCUMENTED_COMPRESSION,) if mri_not_done else ()))
        return f"{capital(day_words(n))} since onset, beyond day 42, with {indicated}.", readings

    def plain(text: str, *readings: ReadingId) -> Callable[[], tuple[str, tuple[ReadingId, ...]]]:
        return lambda: (text, readings)

    decompression = {
        Surgery.URGENT: "Urgent decompression",
        Surgery.SOON: "Urgent decompression",
        Surgery.REASONABLE: "Surgery reasonable",
    }.get(s, "")
    foot_drop = plain("Foot drop, whatever the pathway.")
    candidates: dict[RecommendationId, tuple[bool, Callable[[], tuple[str, tuple[ReadingId, ...]]]]] = {
        R.DIAGNOSIS_REVIEW: (
            f.mri is Mri.NO_COMPRESSION,
            plain("MRI done: no nerve root compression by a disc herniation.", RD.DIAGNOSIS_REVIEW)
            if not f.severe_deficit
            else plain(
                "MRI done: no nerve root compression by a disc herniation, so the severe deficit gives no urgency "
                "for decompression.",
                RD.DIAGNOSIS_REVIEW,
                RD.SEVERE,
            ),
        ),
        R.NO_COMPRESSION_EMERGENCY: (
            s is Surgery.URGENT_EVALUATION,
            lambda: (
                f"{words(emergency_flags(f))}, with no nerve root compression on MRI.",
                (RD.NO_COMPRESSION_EMERGENCY,),
            ),
        ),
        R.MRI_IMMEDIATE: (img is Imaging.IMMEDIATE, immediate),
        R.PITFALL_DELAYED_IMAGING: (
            (f.course is Course.PROGRESSIVE or f.bladder_bowel_dysfunction) and mri_not_done,
            delayed_imaging,
        ),
        R.SURGERY_URGENT: (s is Surgery.URGENT, urgent),
        R.EARLY_SURGERY: (
            f.course is Course.PROGRESSIVE and s is Surgery.URGENT,
            plain(
                "Progressive motor weakness; no MRI yet: urgent decompression once the MRI documents compression.",
                RD.DOCUMENTED_COMPRESSION,
            )
            if mri_not_done
            else plain("Progressive motor weakness, with nerve root compression documented on MRI."),
        ),
        R.URGENT_DECOMPRESSION: (s is Surgery.SOON, soon),
        R.PITFALL_BILATERAL: (f.laterality is Laterality.BILATERAL, plain("Bilateral foot drop.")),
        R.MRI_DELAYED: (img in (Imaging.WITHIN_1_TO_4_WEEKS, Imaging.DUE_NOW), mri_delayed),
        R.SURGERY_ELECTIVE: (s in (Surgery.REASONABLE, Surgery.IF_MRI_CONFIRMS) or reassess is not None, elective),
        R.DELAYED_SURGERY: (s in SURGERY_INDICATED and n > DELAYED_SURGERY_AFTER.days, delayed_surgery),
        R.DISCECTOMY_ALONE: (
            fus is not Fusion.NOT_APPLICABLE,
            plain(
                f"{decompression}{' indicated' if s is not Surgery.REASONABLE else ''}, and nerve root compression "
                "documented on MRI."
            ),
        ),
        R.FUSION_SELECTIVE: (
            fus is Fusion.CONSIDER,
            lambda: (f"{capital(listed([FUSION_REASON_WORDS[r] for r in reasons]))}.", ()),
        ),
        R.PITFALL_ROUTINE_FUSION: (
            fus is Fusion.NOT_RECOMMENDED and not f.recurrent_herniation,
            plain("No circumstance for fusion and no recurrent herniation: this is an initial discectomy."),
        ),
        R.NATURAL_HISTORY: (
            not flags and s is Surgery.NOT_NOW and f.mri is not Mri.NO_COMPRESSION,
            lambda: (
                f"No red flag and no surgical indication now; {day_words(n)} since onset, {mri_words(f.mri)}.",
                (),
            ),
        ),
        R.PITFALL_SURGERY_FOR_ALL: (
            path is Pathway.CONSERVATIVE,
            plain("No urgent or elective surgical indication now."),
        ),
        R.AFO: (True, foot_drop),
        R.FES: (True, foot_drop),
        R.PHYSICAL_THERAPY: (True, foot_drop),
        R.PROGNOSIS_STRENGTH: (
            f.dorsiflexion_mrc is not None,
            lambda: (f"Ankle dorsiflexion strength: MRC grade {f.dorsiflexion_mrc} of 5.", ()),
        ),
    }
    out = []
    for rid in RecommendationId:
        applies, reason = candidates[rid]
        if applies:
            text, readings = reason()
            out.append(Recommendation(rid, text, tuple(dict.fromkeys(readings))))
    return tuple(out)


def timeline(f: Findings) -> Timeline:
    """The day since onset against the day thresholds the rules use (reading `four-weeks` and the others)."""
    marks = (
        Mark(
            IMAGING_DUE.days,
            "imaging due if not yet done, and surgery can be reasonable for a stable foot drop or significant "
            "functional impairment",
            IMAGING_DUE.reading,
            f.days_since_onset >= IMAGING_DUE.days,
        ),
        Mark(
            DELAYED_SURGERY_AFTER.days,
            "beyond it, delayed surgery may result in incomplete recovery",
            DELAYED_SURGERY_AFTER.reading,
            f.days_since_onset > DELAYED_SURGERY_AFTER.days,
        ),
    )
    return Timeline(f.days_since_onset, marks)


def assess_findings(f: Findings) -> Assessment:
    """The whole assessment for validated findings."""
    img = imaging(f)
    s = surgery(f)
    path = pathway(f, img, s)
    reasons = fusion_reasons(f, s)
    fus = fusion(f, s, reasons)
    reassess = reassess_on_day(f, path)
    flags = red_flags(f)
    return Assessment(
        pathway=path,
        imaging=img,
        surgery=s,
        fusion=fus,
        fusion_reasons=reasons,
        red_flags=flags,
        reassess_on_day=reassess,
        recommendations=recommendations(f, img, s, path, fus, reasons, reassess),
        prognosis=prognosis(f),
        headline=headline(f, path, img, s, fus, reasons, reassess),
        timeline=timeline(f),
        labels=labels(f, path, img, s, fus, reasons, flags),
    )
