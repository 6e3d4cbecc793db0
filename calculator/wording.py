"""The calculator's own words for its results: the care card, its lines, and the value labels.

These are the calculator's words, not the guideline's: a line whose words rest on a reading (such as
"day 28") carries that reading's id, and the site links it to the reading's entry; a line that re-shows a
sentence of the guideline carries that sentence's own citation numbers.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .assessment import (
    ELECTIVE,
    EMERGENCY_FLAGS,
    FUSION_ITEM,
    RED_FLAG_ITEM,
    SURGERY_INDICATED,
    URGENT_ITEM,
    Fusion,
    FusionReason,
    Headline,
    Imaging,
    Level,
    Line,
    Pathway,
    RecommendationId,
    RedFlag,
    Surgery,
)
from .days import DELAYED_SURGERY_AFTER, ELECTIVE_SURGERY_FROM, IMAGING_DUE
from .findings import Course, Findings, Laterality, Mri
from .quotes import (
    BILATERAL_PITFALL,
    DISCECTOMY_ALONE,
    FUSION_CIRCUMSTANCES,
    IMAGING_WITHIN_WEEKS,
    RED_FLAGS,
    SUMMARY_CLAUSE,
    URGENT_SURGERY,
    Quote,
)
from .quotes import DELAYED_SURGERY as DELAYED_SURGERY_QUOTE
from .readings import ReadingId

RD = ReadingId


class Decision(NamedTuple):
    pathway: Pathway
    imaging: Imaging
    surgery: Surgery


RED_FLAG_WORDS: dict[RedFlag, str] = {
    RedFlag.PROGRESSIVE: "progressive motor weakness",
    RedFlag.BILATERAL: "bilateral foot drop",
    RedFlag.CAUDA_EQUINA: "cauda equina syndrome or its symptoms, present or suspected",
    RedFlag.MULTILEVEL: "multiple level motor deficits",
}
# The emergency flags as the urgent-surgery list names them.
URGENT_FLAG_WORDS: dict[RedFlag, str] = {
    RedFlag.PROGRESSIVE: "progressive motor weakness",
    RedFlag.BILATERAL: "bilateral foot drop",
    RedFlag.CAUDA_EQUINA: "cauda equina syndrome",
}

FUSION_REASON_WORDS: dict[FusionReason, str] = {
    FusionReason.INSTABILITY: "preoperative radiographic instability (spondylolisthesis)",
    FusionReason.RECURRENT_WITH_AXIAL_PAIN: "recurrent disc herniation with chronic axial low-back pain",
    FusionReason.MANUAL_LABOR_WITH_AXIAL_PAIN: (
        "heavy manual laborer with significant preoperative axial back pain (Level IV evidence only)"
    ),
}

IMAGING_WORDS: dict[Imaging, str] = {
    Imaging.DONE: "MRI done",
    Imaging.IMMEDIATE: "Immediate MRI is mandatory",
    Imaging.DUE_NOW: f"MRI due now (day {IMAGING_DUE.days} or later)",
    Imaging.WITHIN_1_TO_4_WEEKS: "MRI can be performed within 1-4 weeks if symptoms persist despite conservative care",
}

SURGERY_WORDS: dict[Surgery, str] = {
    Surgery.URGENT_EVALUATION: "Urgent evaluation: the MRI shows no nerve root compression by a disc herniation",
    Surgery.URGENT: "Urgent surgical decompression within 4-24 hours",
    Surgery.SOON: "Urgent surgical decompression within hours to days",
    Surgery.REASONABLE: "Surgery is reasonable",
    Surgery.IF_MRI_CONFIRMS: "Surgery is reasonable if the MRI documents compression by a disc herniation",
    Surgery.NOT_NOW: "No surgical indication now",
}

# The same values in a few words, for the MRC prompt's comparison.
SHORT_IMAGING_WORDS: dict[Imaging, str] = {
    Imaging.DONE: "MRI done",
    Imaging.IMMEDIATE: "immediate MRI",
    Imaging.DUE_NOW: "MRI due now",
    Imaging.WITHIN_1_TO_4_WEEKS: "MRI within 1-4 weeks if symptoms persist",
}
SHORT_SURGERY_WORDS: dict[Surgery, str] = {
    Surgery.URGENT_EVALUATION: "urgent evaluation",
    Surgery.URGENT: "urgent decompression within 4-24 hours",
    Surgery.SOON: "urgent decompression within hours to days",
    Surgery.REASONABLE: "surgery reasonable",
    Surgery.IF_MRI_CONFIRMS: "surgery reasonable if the MRI documents compression",
    Surgery.NOT_NOW: "no surgical indication",
}

FUSION_WORDS: dict[Fusion, str] = {
    Fusion.NOT_APPLICABLE: "No approach chosen: approaches are chosen for an indicated decompression of documented "
    "compression",
    Fusion.CONSIDER: "Discectomy; fusion may be added",
    Fusion.NOT_RECOMMENDED: "Discectomy alone, without fusion",
}

PATHWAY_WORDS: dict[Pathway, str] = {
    Pathway.EMERGENCY: "Emergency",
    Pathway.URGENT: "Urgent",
    Pathway.OUTSIDE_GUIDELINE: "Outside this guideline",
    Pathway.IMAGING_FIRST: "Imaging first",
    Pathway.SURGICAL_REFERRAL: "Surgical referral",
    Pathway.CONSERVATIVE: "Conservative management",
}

# A decompression to be done within hours: once the immediate MRI documents compression, when none is done.
TIMED_DECOMPRESSION = (Surgery.URGENT, Surgery.SOON)
ONCE = "once the immediate MRI documents compression by a disc herniation"
ONCE_AN_MRI = "an MRI documents compression by a disc herniation"
# Sentences of the source the card re-shows, in its words and with its citations (quotes.py; the build checks).
DELAYED_SURGERY = Quote(
    DELAYED_SURGERY_QUOTE.text[:1].lower() + DELAYED_SURGERY_QUOTE.text[1:], DELAYED_SURGERY_QUOTE.citations
)
_BILATERAL = BILATERAL_PITFALL.text.split("\u2014")[1]  # its clause after the dash
BILATERAL_EVALUATION = Quote(_BILATERAL[:1].upper() + _BILATERAL[1:], BILATERAL_PITFALL.citations)
CONSERVATIVE_CARE = Line("AFO or FES, and physical therapy regardless of treatment choice.")


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def listed(words: list[str], last: str = "and") -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]


def day_words(days: int) -> str:
    return f"day {days}"


def in_days(days: int) -> str:
    return f"in {days} day{'s' if days != 1 else ''}"


def mri_words(mri: Mri) -> str:
    return {
        Mri.NOT_DONE: "no MRI yet",
        Mri.COMPRESSION: "compression by a disc herniation documented on MRI",
        Mri.NO_COMPRESSION: "no compression by a disc herniation that explains the foot drop",
    }[mri]


def elective_conditions(f: Findings, late_severe: bool, general: bool = False) -> tuple[str, tuple[ReadingId, ...]]:
    """The elective conditions as surgery rules 4 and 5 apply them, with their readings; `general`: before
    day 28, the conditions that would make it reasonable then (a severe deficit is never conservative)."""
    if general:
        return "a stable (persistent) course or significant functional impairment", (RD.PERSISTENT,)
    held = [
        (f.course is Course.STABLE, "a stable (persistent) course", RD.PERSISTENT),
        (f.functional_impairment, "significant functional impairment", None),
        (late_severe, "a severe neurologic deficit", RD.SEVERE),
    ]
    words = [text for holds, text, _ in held if holds]
    readings = tuple(reading for holds, _, reading in held if holds and reading)
    return (listed(words) if words else ""), readings


def _findings_line(f: Findings, decision: Decision, if_severe: Decision | None) -> Line:
    """The findings the rules used, so an entry error shows; with a grade that gives no dorsiflexion against
    gravity and "not severe", what a severe deficit would change (the rules run again), never a cut-off."""
    parts = [
        "bilateral foot drop" if f.laterality is Laterality.BILATERAL else "unilateral foot drop",
        f"course {f.course.value}",
        "cauda equina syndrome or its symptoms, present or suspected" if f.cauda_equina else "no cauda equina symptoms",
        "multiple level motor deficits" if f.multilevel_motor_deficit else "no multilevel motor deficit",
        "severe deficit (your judgement)" if f.severe_deficit else "deficit not judged severe",
        "significant functional impairment" if f.functional_impairment else "no significant functional impairment",
        f"{day_words(f.days_since_onset)} since onset",
        *([f"dorsiflexion MRC grade {f.dorsiflexion_mrc}"] if f.dorsiflexion_mrc is not None else []),
        {
            Mri.NOT_DONE: "no MRI yet",
            Mri.COMPRESSION: "MRI shows compression by a disc herniation",
            Mri.NO_COMPRESSION: "MRI shows no compression by a disc herniation that explains the foot drop",
        }[f.mri],
    ]
    text = "Findings used: " + "; ".join(parts) + "."
    if if_severe is None or if_severe == decision:
        return Line(text)
    once = f.mri is Mri.NOT_DONE

    def said(d: Decision) -> tuple[str, str, str]:
        surgery = SHORT_SURGERY_WORDS[d.surgery] + (
            " once the MRI documents compression" if once and d.surgery in TIMED_DECOMPRESSION else ""
        )
        return (f"pathway {PATHWAY_WORDS[d.pathway].lower()}", SHORT_IMAGING_WORDS[d.imaging], surgery)

    changes = [(old, new) for old, new in zip(said(decision), said(if_severe), strict=True) if old != new]
    return Line(
        f"{text} MRC grade {f.dorsiflexion_mrc}: no dorsiflexion against gravity. The guideline gives no strength "
        "cut-off for a severe deficit; if you judge this deficit severe, the result changes to: "
        f"{'; '.join(new for _, new in changes)} (now: {'; '.join(old for old, _ in changes)}).",
        (RD.SEVERE,),
    )


def _evaluation(f: Findings) -> str:
    """The source's "urgent surgical evaluation" is for bilateral foot drop [3]; otherwise the cause is sought."""
    return "Urgent surgical evaluation" if f.laterality is Laterality.BILATERAL else "Urgent evaluation of the cause"


def warns_in_title(late_severe: bool, s: Surgery) -> bool:
    """A late severe deficit with an elective indication carries the delayed-surgery warning in its title."""
    return late_severe and s in ELECTIVE


def _title(
    f: Findings,
    decision: Decision,
    reassess: int | None,
    late_bilateral: bool,
    late_severe: bool,
    not_met: bool,
    severe_alone: bool,
) -> Line:
    path, img, s = decision
    if s is Surgery.URGENT_EVALUATION:
        what = (
            "Urgent surgical evaluation" if f.laterality is Laterality.BILATERAL else "Urgent evaluation of the cause"
        )
        return Line(
            f"{what}: the MRI shows no nerve root compression by a disc herniation", (RD.NO_COMPRESSION_EMERGENCY,)
        )
    if late_bilateral:
        return Line(BILATERAL_EVALUATION.text, (RD.BILATERAL_ONSET,), BILATERAL_EVALUATION.citations)
    if s in TIMED_DECOMPRESSION:
        within = "within 4-24 hours" if s is Surgery.URGENT else "within hours to days"
        severe = (RD.SEVERE,) if s is Surgery.SOON else ()
        if f.mri is Mri.NOT_DONE:
            return Line(
                f"Immediate MRI; urgent surgical decompression {within} once it documents nerve root compression by a "
                "disc herniation",
                (*severe, RD.DOCUMENTED_COMPRESSION),
            )
        return Line(f"Urgent surgical decompression {within}", severe)
    if path is Pathway.OUTSIDE_GUIDELINE:
        return Line(
            "No nerve root compression by a disc herniation that explains the foot drop: establish or confirm the "
            "cause",
            (RD.DIAGNOSIS_REVIEW,),
        )
    base: Line
    elective = (RD.FOUR_TO_SIX_WEEKS, RD.DOCUMENTED_COMPRESSION, *elective_conditions(f, late_severe)[1])
    if path is Pathway.IMAGING_FIRST:
        mri = "Immediate MRI" if img is Imaging.IMMEDIATE else "MRI now"
        if s is Surgery.IF_MRI_CONFIRMS:
            base = Line(
                f"{mri}: if it documents nerve root compression by a disc herniation, surgery is reasonable", elective
            )
        else:
            base = Line(f"{mri}: the next decision waits on what it shows", (RD.SEVERE,) if severe_alone else ())
    elif path is Pathway.SURGICAL_REFERRAL:
        base = Line("Surgery is reasonable", elective)
    elif reassess is not None:
        left = in_days(reassess - f.days_since_onset)
        return Line(f"Conservative care now; reassess on day {reassess}, {left}", (RD.FOUR_WEEKS,))
    elif not_met:
        return Line("Conservative care: no surgical indication now", (RD.PERSISTENT, RD.DOCUMENTED_COMPRESSION))
    else:  # conservative from day 28 with no MRI yet: imaging is due now
        return Line("Conservative care; MRI due now", (RD.FOUR_WEEKS,))
    if warns_in_title(late_severe, s):
        beyond = (RD.SEVERAL_WEEKS,) if f.days_since_onset > DELAYED_SURGERY_AFTER.days else ()
        return Line(
            f"{base.text}. Severe deficit: {DELAYED_SURGERY.text}",
            tuple(dict.fromkeys((*base.readings, RD.SEVERE, *beyond))),
            DELAYED_SURGERY.citations,
        )
    return base


def _imaging_line(img: Imaging, severe_alone: bool) -> Line | None:
    if img is Imaging.IMMEDIATE:
        if not severe_alone:
            return Line("Immediate MRI is mandatory.", statements=(RecommendationId.MRI_IMMEDIATE,))
        return Line("Immediate MRI: a decompression for the severe deficit needs the MRI first.", (RD.SEVERE,))
    if img is Imaging.DUE_NOW:
        return Line(f"{IMAGING_WORDS[img]}.", (RD.FOUR_WEEKS,))
    if img is Imaging.WITHIN_1_TO_4_WEEKS:
        return Line(
            f"{IMAGING_WORDS[img]}.", (RD.FOUR_WEEKS,), IMAGING_WITHIN_WEEKS.citations, (RecommendationId.MRI_DELAYED,)
        )
    return None


def _urgent_line(f: Findings, s: Surgery, late_bilateral: bool) -> Line | None:
    """Urgent decompression or urgent evaluation: the second line of an emergency or urgent card."""
    not_done = f.mri is Mri.NOT_DONE
    if s is Surgery.URGENT_EVALUATION:
        return Line(
            f"{_evaluation(f)}: the MRI shows no nerve root compression by a disc herniation, so the cause is outside "
            "this guideline: establish it urgently. Compression from another cause needs its own urgent management.",
            (RD.NO_COMPRESSION_EMERGENCY,),
        )
    if s not in TIMED_DECOMPRESSION:
        return None
    readings = ((RD.SEVERE,) if s is Surgery.SOON else ()) + ((RD.DOCUMENTED_COMPRESSION,) if not_done else ())
    text = SURGERY_WORDS[s] + (f", {ONCE}" if not_done else "")
    if late_bilateral:
        text += ", if the surgeon judges that the 4-24 hours still apply (below); otherwise at the surgeon's timing"
        readings += (RD.BILATERAL_ONSET,)
    if f.cauda_equina and not_done:
        text += "; after the MRI, answer the cauda equina question again for what you then think"
    if s is Surgery.SOON:
        if f.course is Course.IMPROVING:
            text += (
                ". The guideline gives no exception for an improving course: whether the deficit is still severe is "
                "your judgement"
            )
        return Line(f"{text}.", readings, SUMMARY_CLAUSE.citations)
    return Line(f"{text}.", readings)


def _late_bilateral_line(f: Findings) -> Line:
    return Line(
        "The guideline gives 4-24 hours for bilateral foot drop and sets no limit on how long after onset they apply. "
        f"This foot drop began {f.days_since_onset} days ago: whether the 4-24 hours still apply depends on when the "
        "second side began, the surgeon's judgement.",
        (RD.BILATERAL_ONSET,),
        URGENT_SURGERY.items[URGENT_ITEM[RedFlag.BILATERAL]].citations,
    )


def _surgery_lines(
    f: Findings, decision: Decision, reassess: int | None, late_severe: bool, not_met: bool
) -> list[Line]:
    """The outside-guideline, elective and no-surgical-indication lines."""
    path, _, s = decision
    if path is Pathway.OUTSIDE_GUIDELINE:
        prompt = [
            why for holds, why in ((f.severe_deficit, "severe"), (f.multilevel_motor_deficit, "multilevel")) if holds
        ]
        promptly = f", promptly: the deficit is {' and '.join(prompt)}" if prompt else ""
        severe = (
            " This guideline gives no urgency for decompression here; compression from another cause needs its own "
            "management."
            if f.severe_deficit
            else ""
        )
        return [
            Line(
                "Outside this guideline: the MRI shows no compression, by a disc herniation, of the nerve root that "
                f"explains the foot drop. Establish or confirm the cause{promptly}.{severe}",
                (RD.DIAGNOSIS_REVIEW, *((RD.SEVERE,) if f.severe_deficit else ())),
            )
        ]
    if s in ELECTIVE:
        conditions, readings = elective_conditions(f, late_severe)
        why = f"{day_words(f.days_since_onset)} since onset (from day {ELECTIVE_SURGERY_FROM.days}); {conditions}"
        all_readings = (RD.FOUR_TO_SIX_WEEKS, RD.DOCUMENTED_COMPRESSION, *readings)
        if s is Surgery.REASONABLE:
            return [Line(f"Surgery is reasonable: {why}; compression by a disc herniation on MRI.", all_readings)]
        return [
            Line(f"If the MRI documents compression by a disc herniation, surgery is reasonable: {why}.", all_readings)
        ]
    if reassess is not None:
        return [Line(f"Reassess on day {reassess}, {in_days(reassess - f.days_since_onset)}.", (RD.FOUR_WEEKS,))]
    if not_met:
        return [
            Line(
                "No surgical indication now: the foot drop is improving, so not persistent, and there is no "
                "significant functional impairment; compression on MRI alone is not an indication.",
                (RD.PERSISTENT, RD.DOCUMENTED_COMPRESSION),
            )
        ]
    return []


def _delayed_line(f: Findings, late_severe: bool) -> Line:
    began = f"the foot drop began {f.days_since_onset} days ago"
    if f.days_since_onset <= DELAYED_SURGERY_AFTER.days and late_severe:
        return Line(
            f"{capital(DELAYED_SURGERY.text)}: {began}, and the deficit is severe.",
            (RD.SEVERE,),
            DELAYED_SURGERY.citations,
        )
    return Line(
        f"{capital(DELAYED_SURGERY.text)}: {began}, beyond day {DELAYED_SURGERY_AFTER.days}.",
        (RD.SEVERAL_WEEKS,),
        DELAYED_SURGERY.citations,
    )


def _approach_line(fus: Fusion, reasons: tuple[FusionReason, ...]) -> Line | None:
    if fus is Fusion.NOT_RECOMMENDED:
        return Line(f"{FUSION_WORDS[fus]}.", citations=DISCECTOMY_ALONE.citations)
    if fus is Fusion.CONSIDER:
        items = tuple(FUSION_CIRCUMSTANCES.items[FUSION_ITEM[reason]] for reason in reasons)
        return Line(f"{FUSION_WORDS[fus]} for:", items=items)
    return None


def _conservative_line(decision: Decision, level: Level) -> Line:
    """AFO or FES and physical therapy: never today's first step on an emergency or urgent card."""
    if decision.pathway is Pathway.OUTSIDE_GUIDELINE or decision.surgery is Surgery.URGENT_EVALUATION:
        return Line("AFO or FES, and physical therapy: alongside the work-up.")
    if level is not Level.NON_URGENT and decision.surgery in SURGERY_INDICATED:
        return Line("AFO or FES, and physical therapy: alongside, and after any surgery.")
    return CONSERVATIVE_CARE


def _watch_line(f: Findings, watch: tuple[RedFlag, ...]) -> Line:
    """What should bring the patient back at once, in the source's words (cauda equina as the form asks it), each
    with its item's citations."""
    urgent = [URGENT_FLAG_WORDS[flag] for flag in watch if flag in EMERGENCY_FLAGS]
    # With no compression by a disc herniation on MRI, an emergency flag is urgent evaluation, not surgery.
    then = "urgent evaluation" if f.mri is Mri.NO_COMPRESSION else "urgent surgery"
    also = f"; {listed(urgent)} also for {then}" if urgent else ""
    statements = (RecommendationId.MRI_IMMEDIATE,) + (
        (RecommendationId.PITFALL_DELAYED_IMAGING,) if RedFlag.CAUDA_EQUINA in watch else ()
    )
    return Line(
        "Come back at once if any of these appears:",
        statements=statements,
        items=red_flag_items(watch),
        tail=f"{'Each calls' if len(watch) > 1 else 'It calls'} for an immediate MRI{also}.",
    )


def headline(
    f: Findings,
    decision: Decision,
    level: Level,
    fus: Fusion,
    reasons: tuple[FusionReason, ...],
    reassess: int | None,
    flags: tuple[RedFlag, ...],
    watch: tuple[RedFlag, ...],
    late_bilateral: bool,
    *,
    delayed_warning: bool,
    late_severe: bool,
    not_met: bool,
    if_severe: Decision | None,
) -> Headline:
    """The care card: level, label, title, the findings it used, and what to do now in the contract's order."""
    path, img, s = decision
    severe_alone = f.severe_deficit and not flags  # an immediate MRI that rests on reading `severe` alone
    title = _title(f, decision, reassess, late_bilateral, late_severe, not_met, severe_alone)
    now: list[Line | None] = [
        _imaging_line(img, severe_alone),
        _urgent_line(f, s, late_bilateral),
        _late_bilateral_line(f) if late_bilateral else None,
        *_surgery_lines(f, decision, reassess, late_severe, not_met),
        _delayed_line(f, late_severe) if delayed_warning and not warns_in_title(late_severe, s) else None,
        _approach_line(fus, reasons),
        _conservative_line(decision, level),
        _watch_line(f, watch) if watch else None,
    ]
    return Headline(
        level, PATHWAY_WORDS[path], title, _findings_line(f, decision, if_severe), tuple(x for x in now if x)
    )


def labels(
    f: Findings,
    path: Pathway,
    img: Imaging,
    s: Surgery,
    fus: Fusion,
    reasons: tuple[FusionReason, ...],
    flags: tuple[RedFlag, ...],
) -> dict[str, Any]:
    """Each output value in words, for readers of the JSON and for the printout."""
    imaging = IMAGING_WORDS[img] + (f": {mri_words(f.mri)}" if img is Imaging.DONE else "")
    if img is Imaging.IMMEDIATE and not flags:
        imaging = "Immediate MRI (severe deficit: calculator's reading)"
    return {
        "pathway": PATHWAY_WORDS[path],
        "imaging": imaging,
        "surgery": (
            f"{_evaluation(f)}: the MRI shows no nerve root compression by a disc herniation"
            if s is Surgery.URGENT_EVALUATION
            else "No decision from this guideline: the cause is outside it"
            if path is Pathway.OUTSIDE_GUIDELINE
            else "The surgical decision waits on the MRI"
            if s is Surgery.NOT_NOW and img is Imaging.IMMEDIATE
            else SURGERY_WORDS[s] + (f", {ONCE}" if s in TIMED_DECOMPRESSION and f.mri is Mri.NOT_DONE else "")
        ),
        "fusion": FUSION_WORDS[fus],
        "fusion_reasons": [FUSION_REASON_WORDS[r] for r in reasons],
        "red_flags": [RED_FLAG_WORDS[flag] for flag in flags],
    }


def flag_words(flags: tuple[RedFlag, ...]) -> str:
    """Red flags named in a sentence: semicolons, since the cauda equina words hold commas of their own."""
    return capital("; ".join(RED_FLAG_WORDS[flag] for flag in flags))


def red_flag_items(flags: tuple[RedFlag, ...]) -> tuple[Quote, ...]:
    """The red flags in the calculator's words, each with the citations of its item in the source's list."""
    return tuple(Quote(RED_FLAG_WORDS[flag], RED_FLAGS.items[RED_FLAG_ITEM[flag]].citations) for flag in flags)
