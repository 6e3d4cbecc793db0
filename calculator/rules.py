"""The guideline's rules as pure functions from Findings to parts of an Assessment (contract version 3).

Each rule names the guideline section and references it comes from. Day thresholds are named data in
`days.py`, each with the reading (`readings.py`) that turns the source's words into a number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from .assessment import (
    DECOMPRESSION,
    ELECTIVE,
    EMERGENCY_FLAGS,
    FUSION_ITEM,
    RED_FLAG_ITEM,
    SURGERY_INDICATED,
    URGENT_ITEM,
    Assessment,
    Fusion,
    FusionReason,
    Imaging,
    Level,
    Mark,
    PanelEntry,
    PanelMark,
    Pathway,
    Prognosis,
    Recommendation,
    RecommendationId,
    RedFlag,
    Surgery,
    Timeline,
)
from .days import (
    ACUTE_PHASE_ENDS,
    DELAYED_SURGERY_AFTER,
    ELECTIVE_SURGERY_FROM,
    IMAGING_DUE,
    LATE_BILATERAL_FROM,
    REASSESS,
)
from .findings import Course, Findings, Laterality, Mri
from .quotes import DELAYED_SURGERY, PROGNOSIS
from .readings import ReadingId
from .wording import (
    FUSION_REASON_WORDS,
    ONCE_AN_MRI,
    Decision,
    capital,
    day_words,
    elective_conditions,
    flag_words,
    headline,
    in_days,
    labels,
    mri_words,
    warns_in_title,
)

# MRC grades with no dorsiflexion against gravity. Reading `severe`: they only prompt the clinician with what a
# severe deficit would change (found by running the rules again); they never change the result.
PROMPT_GRADES = (0, 1, 2)

PROGNOSIS_INTRODUCTION = (
    "What the guideline reports about patients after surgery (Prognosis and Recovery): figures about "
    "groups of patients, not a prediction for this patient."
)


def red_flags(f: Findings) -> tuple[RedFlag, ...]:
    """Initial Assessment and Timing: the presentations that make immediate MRI mandatory [1, 3]."""
    present = {
        RedFlag.PROGRESSIVE: f.course is Course.PROGRESSIVE,
        RedFlag.BILATERAL: f.laterality is Laterality.BILATERAL,
        RedFlag.CAUDA_EQUINA: f.cauda_equina,
        RedFlag.MULTILEVEL: f.multilevel_motor_deficit,
    }
    return tuple(flag for flag in RedFlag if present[flag])


def emergency_flags(f: Findings) -> tuple[RedFlag, ...]:
    """Surgical Indications and Timing: the red flags that also call for surgery within 4-24 hours [1, 3]."""
    return tuple(flag for flag in red_flags(f) if flag in EMERGENCY_FLAGS)


def acute_severe_deficit(f: Findings) -> bool:
    """Summary [1, 2], reading `severe`: a severe deficit in the initial phase, before day 28."""
    return f.severe_deficit and f.days_since_onset < ACUTE_PHASE_ENDS.days


def late_severe_deficit(f: Findings) -> bool:
    """Reading `severe`: from day 28 a severe deficit is an elective indication in its own right."""
    return f.severe_deficit and f.days_since_onset >= ACUTE_PHASE_ENDS.days


def elective_indication(f: Findings) -> bool:
    """Surgical Indications and Timing [1, 4], readings `four-to-six-weeks`, `persistent` and `severe`."""
    persistent = f.course is Course.STABLE
    return f.days_since_onset >= ELECTIVE_SURGERY_FROM.days and (
        persistent or f.functional_impairment or late_severe_deficit(f)
    )


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
    """Initial Assessment and Timing [1, 3]; readings `severe` (at any day) and `four-weeks`."""
    if f.mri is not Mri.NOT_DONE:
        return Imaging.DONE
    if red_flags(f) or f.severe_deficit:
        return Imaging.IMMEDIATE
    if f.days_since_onset >= IMAGING_DUE.days:
        return Imaging.DUE_NOW
    return Imaging.WITHIN_1_TO_4_WEEKS


def pathway(f: Findings, img: Imaging, s: Surgery) -> Pathway:
    """The headline: an emergency flag stays an emergency even with no compression on MRI; without one, no
    compression on MRI is outside this guideline (reading `diagnosis-review`)."""
    if emergency_flags(f):
        return Pathway.EMERGENCY
    if s is Surgery.SOON:
        return Pathway.URGENT
    if f.mri is Mri.NO_COMPRESSION:
        return Pathway.OUTSIDE_GUIDELINE
    if img is Imaging.IMMEDIATE or s is Surgery.IF_MRI_CONFIRMS:
        return Pathway.IMAGING_FIRST
    if s is Surgery.REASONABLE:
        return Pathway.SURGICAL_REFERRAL
    return Pathway.CONSERVATIVE


def decide(f: Findings) -> Decision:
    """Imaging, surgery and pathway: what the MRC prompt compares with a second run of the rules."""
    img, s = imaging(f), surgery(f)
    return Decision(pathway(f, img, s), img, s)


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
    if f.days_since_onset < REASSESS.days and path is Pathway.CONSERVATIVE:
        return REASSESS.days
    return None


def watch_for(f: Findings, path: Pathway) -> tuple[RedFlag, ...]:
    """What should bring the patient back at once: the red flags not present, on every card but the emergency."""
    if path is Pathway.EMERGENCY:
        return ()
    present = red_flags(f)
    return tuple(flag for flag in RedFlag if flag not in present)


def late_bilateral(f: Findings, s: Surgery) -> bool:
    """Reading `bilateral-onset`: the source sets no time limit on bilateral foot drop's 4-24 hours [3]."""
    return (
        f.laterality is Laterality.BILATERAL
        and f.days_since_onset >= LATE_BILATERAL_FROM.days
        and f.course is not Course.PROGRESSIVE
        and not f.cauda_equina
        and s is Surgery.URGENT
    )


def no_surgical_indication_shown(f: Findings, s: Surgery) -> bool:
    """From day 28 with compression on MRI and no indication (an improving foot drop): said, with its reason."""
    return s is Surgery.NOT_NOW and f.days_since_onset >= ELECTIVE_SURGERY_FROM.days and f.mri is Mri.COMPRESSION


def level(f: Findings, path: Pathway, img: Imaging, s: Surgery) -> Level:
    """The care card's level; the outside-guideline rule is reading `diagnosis-review`, not the guideline's."""
    if path is Pathway.EMERGENCY:
        return Level.EMERGENCY
    if (
        path is Pathway.URGENT
        or img is Imaging.IMMEDIATE
        or warns_in_title(late_severe_deficit(f), s)
        or (path is Pathway.OUTSIDE_GUIDELINE and (f.severe_deficit or f.multilevel_motor_deficit))
    ):
        return Level.URGENT
    return Level.NON_URGENT


def prognosis(f: Findings) -> Prognosis | None:
    """Prognosis and Recovery [4, 5, 6, 3]: figures about surgical patients, so none without compression."""
    if f.dorsiflexion_mrc is None or f.mri is Mri.NO_COMPRESSION:
        return None
    return Prognosis(f.dorsiflexion_mrc, PROGNOSIS_INTRODUCTION, PROGNOSIS)


Reason = tuple[str, tuple[ReadingId, ...]]


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
    # The day thresholds as the reasons say them.
    imaging_due, elective_from = IMAGING_DUE.days, ELECTIVE_SURGERY_FROM.days
    acute_ends, delayed_after = ACUTE_PHASE_ENDS.days, DELAYED_SURGERY_AFTER.days
    mri_not_done = f.mri is Mri.NOT_DONE
    late_severe = late_severe_deficit(f)
    not_met = no_surgical_indication_shown(f, s)

    def once_documented(prefix: str) -> Reason:
        if mri_not_done:
            return f"{prefix}; no MRI yet: decompression once the immediate MRI documents compression.", (
                RD.DOCUMENTED_COMPRESSION,
            )
        return f"{prefix}; compression by a disc herniation documented on MRI.", ()

    def immediate() -> Reason:
        if not flags:
            return (
                f"None of the listed red flags applies: a severe neurologic deficit on {day_words(n)} since onset, "
                "and no MRI yet; a decompression needs the MRI first.",
                (RD.SEVERE,),
            )
        severe = "; also a severe neurologic deficit" if f.severe_deficit else ""
        return f"{flag_words(flags)}{severe}; no MRI yet.", (RD.SEVERE,) if f.severe_deficit else ()

    def urgent() -> Reason:
        text, readings = once_documented(flag_words(emergency_flags(f)))
        if late_bilateral(f, s):
            text += f" The foot drop began {n} days ago: when the second side began decides the timing."
            readings = (*readings, RD.BILATERAL_ONSET)
        return text, readings

    def soon() -> Reason:
        course = f"course {f.course.value}"
        if f.course is Course.IMPROVING:
            course += (
                ": the guideline gives no exception for an improving course, and whether the deficit is still "
                "severe is your judgement"
            )
        text, readings = once_documented(
            f"Severe neurologic deficit on {day_words(n)}, before day {acute_ends}, {course}"
        )
        return f"{text} Its citations 1, 2 are those of the whole sentence of the summary.", (RD.SEVERE, *readings)

    def delayed_imaging() -> Reason:
        selected = tuple(flag for flag in flags if flag in (RedFlag.PROGRESSIVE, RedFlag.CAUDA_EQUINA))
        return f"{flag_words(selected)}; no MRI yet.", ()

    def mri_delayed() -> Reason:
        when = (
            f"(day {imaging_due} or later): imaging is due now"
            if img is Imaging.DUE_NOW
            else f"(before day {imaging_due})"
        )
        return f"No red flag, no severe deficit and no MRI yet; {day_words(n)} since onset {when}.", (RD.FOUR_WEEKS,)

    def elective() -> Reason:
        since = f"{capital(day_words(n))} since onset"
        if reassess is not None:
            conditions, more = elective_conditions(f, False, general=True)
            once = f", once {ONCE_AN_MRI}" if mri_not_done else ""
            return (
                f"{since}, before day {elective_from}: from day {elective_from} ({in_days(elective_from - n)}) "
                f"surgery can be reasonable for {conditions}{once}.",
                (RD.FOUR_WEEKS, RD.FOUR_TO_SIX_WEEKS, *more, *((RD.DOCUMENTED_COMPRESSION,) if once else ())),
            )
        if not_met:
            return (
                f"{since} (day {elective_from} or later), with compression by a disc herniation documented on MRI, "
                "but not met as the calculator reads it: the foot drop is improving, so not persistent, and there is "
                "no significant functional impairment; compression alone is not an indication.",
                (RD.PERSISTENT, RD.DOCUMENTED_COMPRESSION),
            )
        conditions, readings = elective_conditions(f, late_severe)
        if late_severe and f.course is not Course.STABLE and not f.functional_impairment:
            start = (
                f"{since} (day {elective_from} or later): the severe neurologic deficit is the only indication (course "
                f"{f.course.value}, no significant functional impairment)"
            )
        else:
            start = f"{since} (day {elective_from} or later); {conditions}"
        readings = (RD.FOUR_TO_SIX_WEEKS, *readings, RD.DOCUMENTED_COMPRESSION)
        if s is Surgery.REASONABLE:
            return f"{start}; compression by a disc herniation documented on MRI.", readings
        return f"{start}; no MRI yet: surgery becomes reasonable if an MRI documents compression.", readings

    def delayed_surgery() -> Reason:
        # Not SOON: a severe deficit before day 28 is never delayed.
        indicated = {
            Surgery.URGENT: "urgent decompression indicated",
            Surgery.REASONABLE: "surgery reasonable",
            Surgery.IF_MRI_CONFIRMS: "surgery reasonable if an MRI documents compression",
        }[s]
        if mri_not_done and s is not Surgery.IF_MRI_CONFIRMS:
            indicated += " once the MRI documents compression"
        documented = (RD.DOCUMENTED_COMPRESSION,) if mri_not_done else ()
        since = f"{capital(day_words(n))} since the foot drop began"
        if n <= DELAYED_SURGERY_AFTER.days:
            return (
                f"{since}, with {indicated}: shown from day {acute_ends} for a severe deficit (calculator's reading).",
                (RD.SEVERE, *documented),
            )
        return f"{since}, beyond day {delayed_after}, with {indicated}.", (RD.SEVERAL_WEEKS, *documented)

    def plain(text: str, *readings: ReadingId) -> Callable[[], Reason]:
        return lambda: (text, readings)

    decompression = {Surgery.URGENT: "Urgent decompression indicated", Surgery.SOON: "Urgent decompression indicated"}
    foot_drop = plain("Foot drop, whatever the pathway.")
    candidates: dict[RecommendationId, tuple[bool, Callable[[], Reason]]] = {
        R.DIAGNOSIS_REVIEW: (
            f.mri is Mri.NO_COMPRESSION,
            plain(
                "MRI done: no compression, by a disc herniation, of the nerve root that explains the foot drop.",
                RD.DIAGNOSIS_REVIEW,
            )
            if not f.severe_deficit
            else plain(
                "MRI done: no compression, by a disc herniation, of the nerve root that explains the foot drop, so "
                "this guideline gives the severe deficit no urgency for decompression; compression from another "
                "cause needs its own urgent management.",
                RD.DIAGNOSIS_REVIEW,
                RD.SEVERE,
            ),
        ),
        R.NO_COMPRESSION_EMERGENCY: (
            s is Surgery.URGENT_EVALUATION,
            lambda: (
                "No nerve root compression by a disc herniation on MRI, with: "
                f"{flag_words(emergency_flags(f))[:1].lower()}{flag_words(emergency_flags(f))[1:]}.",
                (RD.NO_COMPRESSION_EMERGENCY,),
            ),
        ),
        R.MRI_IMMEDIATE: (img is Imaging.IMMEDIATE, immediate),
        R.PITFALL_DELAYED_IMAGING: (
            (f.course is Course.PROGRESSIVE or f.cauda_equina) and mri_not_done,
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
            else plain("Progressive motor weakness, with compression by a disc herniation documented on MRI."),
        ),
        R.URGENT_DECOMPRESSION: (s is Surgery.SOON, soon),
        R.PITFALL_BILATERAL: (f.laterality is Laterality.BILATERAL, plain("Bilateral foot drop.")),
        R.MRI_DELAYED: (img in (Imaging.WITHIN_1_TO_4_WEEKS, Imaging.DUE_NOW), mri_delayed),
        R.SURGERY_ELECTIVE: (
            s in ELECTIVE or reassess is not None or not_met,
            elective,
        ),
        R.DELAYED_SURGERY: (
            s in SURGERY_INDICATED and (n > DELAYED_SURGERY_AFTER.days or late_severe),
            delayed_surgery,
        ),
        R.DISCECTOMY_ALONE: (
            fus is not Fusion.NOT_APPLICABLE,
            plain(
                f"{decompression.get(s, 'Surgery reasonable')}, and compression by a disc herniation documented on MRI."
            ),
        ),
        R.FUSION_SELECTIVE: (
            fus is Fusion.CONSIDER,
            lambda: (f"{capital('; '.join(FUSION_REASON_WORDS[r] for r in reasons))}.", ()),
        ),
        R.PITFALL_ROUTINE_FUSION: (
            fus is Fusion.NOT_RECOMMENDED and not f.recurrent_herniation,
            plain("No circumstance for fusion, and no recurrent herniation recorded."),
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
            f.dorsiflexion_mrc is not None and f.mri is not Mri.NO_COMPRESSION,
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


# Day lines appear only where the day since onset still decides something.
TIMELINE_PATHWAYS = (Pathway.CONSERVATIVE, Pathway.IMAGING_FIRST, Pathway.SURGICAL_REFERRAL)


def timeline(f: Findings, path: Pathway, img: Imaging, s: Surgery, reassess: int | None) -> Timeline | None:
    """The day since onset against the marks that apply to this patient; None where none does."""
    if path not in TIMELINE_PATHWAYS:
        return None
    n = f.days_since_onset
    elective = s in ELECTIVE or reassess is not None
    clauses: list[str] = []
    readings: list[ReadingId] = []
    if f.mri is Mri.NOT_DONE and img is not Imaging.IMMEDIATE:
        clauses.append("an MRI is due")
        readings.append(IMAGING_DUE.reading)
    if reassess is not None:
        clauses.append("conservative care is reassessed")
        readings.append(REASSESS.reading)
    if elective:
        conditions, more = elective_conditions(f, late_severe_deficit(f), general=reassess is not None)
        once = f", once {ONCE_AN_MRI}" if f.mri is Mri.NOT_DONE else ""
        clauses.append(f"surgery can be reasonable for {conditions}{once}")
        readings += [ELECTIVE_SURGERY_FROM.reading, *more, *((ReadingId.DOCUMENTED_COMPRESSION,) if once else ())]
    marks = []
    if clauses:
        text = "; ".join(clauses)
        marks.append(Mark(IMAGING_DUE.days, text, tuple(dict.fromkeys(readings)), n >= IMAGING_DUE.days))
    if elective:
        # For a late severe deficit the warning applies from day 28 already (reading `severe`): the mark says so.
        severe = warns_in_title(late_severe_deficit(f), s)
        marks.append(
            Mark(
                DELAYED_SURGERY_AFTER.days,
                "beyond it, delayed surgery may result in incomplete recovery"
                + (f"; for this severe deficit the warning applies from day {ACUTE_PHASE_ENDS.days}" if severe else ""),
                (DELAYED_SURGERY_AFTER.reading, *((ReadingId.SEVERE,) if severe else ())),
                n > DELAYED_SURGERY_AFTER.days,
                citations=DELAYED_SURGERY.citations,
            )
        )
    return Timeline(n, tuple(marks)) if marks else None


PERSISTENT_ITEM, IMPAIRMENT_ITEM, COMPRESSION_ITEM = 0, 1, 2


def panel(
    f: Findings, s: Surgery, recs: tuple[Recommendation, ...], reasons: tuple[FusionReason, ...]
) -> tuple[PanelEntry, ...]:
    """How the guideline panel marks each statement for this patient today: "Applies" only when it does, a
    list's lead-in only with at least one of its items."""
    R = RecommendationId
    out = []
    for rec in recs:
        if rec.id.section is None:
            continue
        entry = PanelEntry(rec.id, PanelMark.APPLIES)
        if rec.id is R.MRI_IMMEDIATE:
            items = tuple(RED_FLAG_ITEM[flag] for flag in red_flags(f))
            entry = PanelEntry(rec.id, PanelMark.APPLIES if items else PanelMark.SEVERE_ALONE, items)
        elif rec.id is R.SURGERY_URGENT:
            entry = PanelEntry(rec.id, PanelMark.APPLIES, tuple(sorted(URGENT_ITEM[e] for e in emergency_flags(f))))
        elif rec.id is R.FUSION_SELECTIVE:
            entry = PanelEntry(rec.id, PanelMark.APPLIES, tuple(FUSION_ITEM[r] for r in reasons))
        elif rec.id is R.SURGERY_ELECTIVE:
            held = tuple(
                item
                for item, holds in (
                    (PERSISTENT_ITEM, f.course is Course.STABLE),
                    (IMPAIRMENT_ITEM, f.functional_impairment),
                    (COMPRESSION_ITEM, s is Surgery.REASONABLE),
                )
                if holds
            )
            if s is Surgery.REASONABLE:
                entry = PanelEntry(rec.id, PanelMark.APPLIES, held)
            elif s is Surgery.IF_MRI_CONFIRMS:
                entry = PanelEntry(rec.id, PanelMark.IF_MRI_DOCUMENTS, held)
            elif no_surgical_indication_shown(f, s):
                entry = PanelEntry(rec.id, PanelMark.NOT_MET, ())
            else:
                entry = PanelEntry(rec.id, PanelMark.FROM_ELECTIVE_DAY, ())
        out.append(entry)
    return tuple(out)


def assess_findings(f: Findings) -> Assessment:
    """The whole assessment for validated findings."""
    decision = decide(f)
    path, img, s = decision
    reasons = fusion_reasons(f, s)
    fus = fusion(f, s, reasons)
    reassess = reassess_on_day(f, path)
    flags = red_flags(f)
    watch = watch_for(f, path)
    late = late_bilateral(f, s)
    recs = recommendations(f, img, s, path, fus, reasons, reassess)
    # The MRC prompt compares with the rules run again as if the deficit were judged severe.
    if_severe = (
        decide(replace(f, severe_deficit=True))
        if f.dorsiflexion_mrc in PROMPT_GRADES and not f.severe_deficit
        else None
    )
    return Assessment(
        pathway=path,
        imaging=img,
        surgery=s,
        fusion=fus,
        fusion_reasons=reasons,
        red_flags=flags,
        reassess_on_day=reassess,
        watch_for=watch,
        late_bilateral=late,
        recommendations=recs,
        prognosis=prognosis(f),
        headline=headline(
            f,
            decision,
            level(f, path, img, s),
            fus,
            reasons,
            reassess,
            flags,
            watch,
            late,
            delayed_warning=any(r.id is RecommendationId.DELAYED_SURGERY for r in recs),
            late_severe=late_severe_deficit(f),
            not_met=no_surgical_indication_shown(f, s),
            if_severe=if_severe,
        ),
        timeline=timeline(f, path, img, s, reassess),
        panel=panel(f, s, recs, reasons),
        labels=labels(f, path, img, s, fus, reasons, flags),
    )
