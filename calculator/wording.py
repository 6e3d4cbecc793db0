"""The calculator's own words for its results: the headline, what to do now, and the value labels.

These are the calculator's words, not the guideline's: a line whose words rest on a reading (such as
"day 28") carries that reading's id, and the site links it to the reading's entry.
"""

from __future__ import annotations

from typing import Any

from .assessment import (
    Fusion,
    FusionReason,
    Headline,
    Imaging,
    Line,
    Pathway,
    RedFlag,
    Surgery,
)
from .findings import Findings, Mri
from .readings import ReadingId

RD = ReadingId

RED_FLAG_WORDS: dict[RedFlag, str] = {
    RedFlag.PROGRESSIVE: "progressive motor weakness",
    RedFlag.BILATERAL: "bilateral foot drop",
    RedFlag.CAUDA_EQUINA: "urinary retention or bowel dysfunction (cauda equina syndrome)",
    RedFlag.MULTILEVEL: "multiple level motor deficits",
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
    Imaging.DUE_NOW: "MRI due now, if the foot drop persists (day 28 or later)",
    Imaging.WITHIN_1_TO_4_WEEKS: "MRI within 1-4 weeks if symptoms persist despite conservative care",
}

SURGERY_WORDS: dict[Surgery, str] = {
    Surgery.URGENT_EVALUATION: (
        "Urgent surgical evaluation: no decompression for disc herniation, the MRI shows no nerve root compression "
        "by a disc herniation"
    ),
    Surgery.URGENT: "Urgent surgical decompression within 4-24 hours",
    Surgery.SOON: "Urgent surgical decompression within hours to days",
    Surgery.REASONABLE: "Surgery is reasonable",
    Surgery.IF_MRI_CONFIRMS: "Surgery is reasonable if the MRI documents nerve root compression",
    Surgery.NOT_NOW: "No surgical indication now",
}

FUSION_WORDS: dict[Fusion, str] = {
    Fusion.NOT_APPLICABLE: "No approach chosen: no decompression with documented compression",
    Fusion.CONSIDER: "Discectomy; fusion may be added",
    Fusion.NOT_RECOMMENDED: "Discectomy alone, without fusion",
}

PATHWAY_WORDS: dict[Pathway, str] = {
    Pathway.EMERGENCY: "Emergency",
    Pathway.URGENT: "Urgent",
    Pathway.IMAGING_FIRST: "Imaging first",
    Pathway.SURGICAL_REFERRAL: "Surgical referral",
    Pathway.CONSERVATIVE: "Conservative management",
}

ONCE_DOCUMENTED = (Surgery.URGENT, Surgery.SOON)

CONSERVATIVE_CARE = Line("Alongside: AFO or FES, and physical therapy regardless of treatment choice.")


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def day_words(days: int) -> str:
    return f"day {days}"


def mri_words(mri: Mri) -> str:
    return {
        Mri.NOT_DONE: "no MRI yet",
        Mri.COMPRESSION: "nerve root compression documented on MRI",
        Mri.NO_COMPRESSION: "no nerve root compression on MRI",
    }[mri]


def in_days(days: int) -> str:
    return f"in {days} day{'s' if days != 1 else ''}"


def _imaging_line(f: Findings, img: Imaging) -> Line | None:
    if f.mri is Mri.NO_COMPRESSION:
        return Line(
            "Reconsider the cause of the foot drop: the MRI shows no nerve root compression.", (RD.DIAGNOSIS_REVIEW,)
        )
    if img is Imaging.IMMEDIATE:
        return Line("Immediate MRI is mandatory.")
    if img is Imaging.DUE_NOW:
        return Line("MRI due now, if the foot drop persists (day 28 or later).", (RD.FOUR_WEEKS,))
    if img is Imaging.WITHIN_1_TO_4_WEEKS:
        return Line("MRI within 1-4 weeks if symptoms persist despite conservative care.", (RD.FOUR_WEEKS,))
    return None


def _surgery_line(f: Findings, s: Surgery, reassess: int | None) -> Line:
    once = ", once the MRI documents nerve root compression" if f.mri is Mri.NOT_DONE else ""
    documented = (RD.DOCUMENTED_COMPRESSION,) if once else ()
    if s is Surgery.URGENT_EVALUATION:
        return Line(f"{SURGERY_WORDS[s]}.", (RD.NO_COMPRESSION_EMERGENCY,))
    if s is Surgery.URGENT:
        return Line(f"{SURGERY_WORDS[s]}{once}.", documented)
    if s is Surgery.SOON:
        return Line(f"{SURGERY_WORDS[s]}{once}.", (RD.SEVERE, *documented))
    if s is Surgery.REASONABLE:
        return Line("Surgical referral: surgery is reasonable.", (RD.FOUR_TO_SIX_WEEKS, RD.DOCUMENTED_COMPRESSION))
    if s is Surgery.IF_MRI_CONFIRMS:
        return Line(
            "If the MRI documents nerve root compression, surgery is reasonable.",
            (RD.FOUR_TO_SIX_WEEKS, RD.DOCUMENTED_COMPRESSION),
        )
    if reassess is not None:
        mri = "an MRI is due then if any foot drop remains; " if f.mri is Mri.NOT_DONE else ""
        return Line(
            f"Reassess on day {reassess}, {in_days(reassess - f.days_since_onset)}: {mri}surgery can be reasonable "
            "from then if the foot drop is stable or significantly impairs daily activities, and an MRI documents "
            "nerve root compression.",
            (RD.FOUR_WEEKS, RD.FOUR_TO_SIX_WEEKS, RD.PERSISTENT, RD.DOCUMENTED_COMPRESSION),
        )
    return Line(f"{SURGERY_WORDS[s]}.")


def _severe_line(f: Findings, s: Surgery) -> Line | None:
    """A severe deficit that the rules do not make urgent says why, so the answer is not silently ignored."""
    if not f.severe_deficit or s in (Surgery.URGENT, Surgery.URGENT_EVALUATION, Surgery.SOON):
        return None
    if f.mri is Mri.NO_COMPRESSION:
        why = "with no nerve root compression on MRI, it gives no urgency for decompression"
    else:
        why = "from day 28 it follows the elective rules like any other deficit"
    return Line(f"Severe deficit: {why}.", (RD.SEVERE,))


def _approach_line(fus: Fusion, reasons: tuple[FusionReason, ...]) -> Line | None:
    if fus is Fusion.NOT_RECOMMENDED:
        return Line(f"{FUSION_WORDS[fus]}.")
    if fus is Fusion.CONSIDER:
        return Line(f"{FUSION_WORDS[fus]}: {listed([FUSION_REASON_WORDS[r] for r in reasons])}.")
    return None


def _title(f: Findings, path: Pathway, img: Imaging, s: Surgery, reassess: int | None) -> str:
    if s is Surgery.URGENT_EVALUATION:
        return "Urgent surgical evaluation: the MRI shows no nerve root compression by a disc herniation"
    if s in (Surgery.URGENT, Surgery.SOON):
        within = "within 4-24 hours" if s is Surgery.URGENT else "within hours to days"
        if f.mri is Mri.NOT_DONE:
            return f"Immediate MRI; urgent surgical decompression {within} once it documents nerve root compression"
        return f"Urgent surgical decompression {within}"
    if path is Pathway.IMAGING_FIRST:
        mri = "Immediate MRI" if img is Imaging.IMMEDIATE else "MRI now"
        if s is Surgery.IF_MRI_CONFIRMS:
            return f"{mri}: if it documents nerve root compression, surgery is reasonable"
        return f"{mri}: the next decision waits on what it shows"
    if path is Pathway.SURGICAL_REFERRAL:
        return "Surgery is reasonable: refer for surgery"
    if reassess is not None:
        return f"Conservative care now; reassess on day {reassess}, {in_days(reassess - f.days_since_onset)}"
    if f.mri is Mri.NO_COMPRESSION:
        return "Conservative care; reconsider the cause of the foot drop"
    if img is Imaging.DUE_NOW:
        return "Conservative care; MRI due now if the foot drop persists"
    return "Conservative care: no surgical indication now"


def headline(
    f: Findings,
    path: Pathway,
    img: Imaging,
    s: Surgery,
    fus: Fusion,
    reasons: tuple[FusionReason, ...],
    reassess: int | None,
) -> Headline:
    """The care card: its level and label in words, its title, and what to do now."""
    if path is Pathway.EMERGENCY:
        level = "emergency"
    elif path is Pathway.URGENT or img is Imaging.IMMEDIATE:
        level = "urgent"
    else:
        level = "non-urgent"
    now = [
        _imaging_line(f, img),
        _surgery_line(f, s, reassess),
        _approach_line(fus, reasons),
        _severe_line(f, s),
        CONSERVATIVE_CARE,
    ]
    return Headline(level, PATHWAY_WORDS[path], _title(f, path, img, s, reassess), tuple(x for x in now if x))


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
    return {
        "pathway": PATHWAY_WORDS[path],
        "imaging": imaging,
        "surgery": SURGERY_WORDS[s]
        + (", once the MRI documents nerve root compression" if s in ONCE_DOCUMENTED and f.mri is Mri.NOT_DONE else ""),
        "fusion": FUSION_WORDS[fus],
        "fusion_reasons": [FUSION_REASON_WORDS[r] for r in reasons],
        "red_flags": [RED_FLAG_WORDS[flag] for flag in flags],
    }
