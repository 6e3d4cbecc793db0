"""The calculator's output: what the guideline recommends for one patient."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class Section(enum.Enum):
    """A section of the guideline; the value is its page in docs/ (without .md)."""

    INITIAL_ASSESSMENT = "initial-assessment"
    SURGICAL_INDICATIONS = "surgical-indications"
    SURGICAL_APPROACH = "surgical-approach"
    CONSERVATIVE_MANAGEMENT = "conservative-management"
    PROGNOSIS = "prognosis"
    PITFALLS = "pitfalls"


class RecommendationId(enum.Enum):
    """Recommendation ids in the contract's order, most urgent first.

    Each is also the id of the element of the guideline page that states it;
    the site build fails when one is missing there or on the wrong page.
    """

    MRI_IMMEDIATE = "mri-immediate"
    MRI_DELAYED = "mri-delayed"
    SURGERY_URGENT = "surgery-urgent"
    SURGERY_ELECTIVE = "surgery-elective"
    DISCECTOMY_ALONE = "discectomy-alone"
    FUSION_SELECTIVE = "fusion-selective"
    AFO = "afo"
    FES = "fes"
    PHYSICAL_THERAPY = "physical-therapy"
    PROGNOSIS_STRENGTH = "prognosis-strength"
    NATURAL_HISTORY = "natural-history"
    DELAYED_SURGERY = "delayed-surgery"
    PITFALL_DELAYED_IMAGING = "pitfall-delayed-imaging"
    PITFALL_BILATERAL = "pitfall-bilateral"
    PITFALL_ROUTINE_FUSION = "pitfall-routine-fusion"
    PITFALL_SURGERY_FOR_ALL = "pitfall-surgery-for-all"
    DIAGNOSIS_REVIEW = "diagnosis-review"

    @property
    def section(self) -> Section:
        return SECTION_OF[self]


_R = RecommendationId
SECTION_OF: dict[RecommendationId, Section] = {
    _R.MRI_IMMEDIATE: Section.INITIAL_ASSESSMENT,
    _R.MRI_DELAYED: Section.INITIAL_ASSESSMENT,
    _R.SURGERY_URGENT: Section.SURGICAL_INDICATIONS,
    _R.SURGERY_ELECTIVE: Section.SURGICAL_INDICATIONS,
    _R.DIAGNOSIS_REVIEW: Section.SURGICAL_INDICATIONS,
    _R.DISCECTOMY_ALONE: Section.SURGICAL_APPROACH,
    _R.FUSION_SELECTIVE: Section.SURGICAL_APPROACH,
    _R.AFO: Section.CONSERVATIVE_MANAGEMENT,
    _R.FES: Section.CONSERVATIVE_MANAGEMENT,
    _R.PHYSICAL_THERAPY: Section.CONSERVATIVE_MANAGEMENT,
    _R.PROGNOSIS_STRENGTH: Section.PROGNOSIS,
    _R.NATURAL_HISTORY: Section.PROGNOSIS,
    _R.DELAYED_SURGERY: Section.PROGNOSIS,
    _R.PITFALL_DELAYED_IMAGING: Section.PITFALLS,
    _R.PITFALL_BILATERAL: Section.PITFALLS,
    _R.PITFALL_ROUTINE_FUSION: Section.PITFALLS,
    _R.PITFALL_SURGERY_FOR_ALL: Section.PITFALLS,
}


class RedFlag(enum.Enum):
    PROGRESSIVE = "progressive"
    BILATERAL = "bilateral"
    CAUDA_EQUINA = "cauda_equina"
    MULTILEVEL = "multilevel"


class Imaging(enum.Enum):
    DONE = "done"
    IMMEDIATE = "immediate"
    DUE_NOW = "due_now"
    WITHIN_1_TO_4_WEEKS = "within_1_to_4_weeks"


class Surgery(enum.Enum):
    URGENT = "urgent"
    REASONABLE = "reasonable"
    NOT_NOW = "not_now"


class Pathway(enum.Enum):
    EMERGENCY = "emergency"
    SURGICAL_REFERRAL = "surgical_referral"
    CONSERVATIVE = "conservative"


class Fusion(enum.Enum):
    NOT_APPLICABLE = "not_applicable"
    CONSIDER = "consider"
    NOT_RECOMMENDED = "not_recommended"


class FusionReason(enum.Enum):
    INSTABILITY = "instability"
    RECURRENT_WITH_AXIAL_PAIN = "recurrent_with_axial_pain"
    MANUAL_LABOR_WITH_AXIAL_PAIN = "manual_labor_with_axial_pain"


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
        "heavy manual labor with significant axial back pain (Level IV evidence only)"
    ),
}

# What each output value means, in words for the results page and printouts.
LABELS: dict[enum.Enum, str] = {
    Pathway.EMERGENCY: "Emergency: urgent surgical decompression within 4-24 hours",
    Pathway.SURGICAL_REFERRAL: "Surgical referral: surgery is reasonable",
    Pathway.CONSERVATIVE: "Conservative management",
    Imaging.DONE: "MRI done",
    Imaging.IMMEDIATE: "Immediate MRI is mandatory",
    Imaging.DUE_NOW: "Imaging due now: 4 weeks or more since onset, if symptoms persist",
    Imaging.WITHIN_1_TO_4_WEEKS: "Imaging within 1-4 weeks if symptoms persist despite conservative care",
    Surgery.URGENT: "Urgent surgery (within 4-24 hours)",
    Surgery.REASONABLE: "Surgery is reasonable",
    Surgery.NOT_NOW: "No surgical indication now",
    Fusion.NOT_APPLICABLE: "Not applicable: no surgery now",
    Fusion.CONSIDER: "Fusion may be added",
    Fusion.NOT_RECOMMENDED: "Discectomy alone: no routine fusion",
}


@dataclass(frozen=True)
class Recommendation:
    id: RecommendationId
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id.value, "reason": self.reason, "section": self.id.section.value}


@dataclass(frozen=True)
class PrognosisNote:
    dorsiflexion_mrc: int
    note: str
    citations: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "dorsiflexion_mrc": self.dorsiflexion_mrc,
            "note": self.note,
            "citations": list(self.citations),
        }


@dataclass(frozen=True)
class Assessment:
    pathway: Pathway
    imaging: Imaging
    surgery: Surgery
    fusion: Fusion
    fusion_reasons: tuple[FusionReason, ...]
    red_flags: tuple[RedFlag, ...]
    recommendations: tuple[Recommendation, ...]
    prognosis: PrognosisNote | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "pathway": self.pathway.value,
            "imaging": self.imaging.value,
            "surgery": self.surgery.value,
            "fusion": self.fusion.value,
            "fusion_reasons": [r.value for r in self.fusion_reasons],
            "red_flags": [f.value for f in self.red_flags],
            "recommendations": [r.to_dict() for r in self.recommendations],
            "prognosis": self.prognosis.to_dict() if self.prognosis else None,
            "labels": {
                "pathway": LABELS[self.pathway],
                "imaging": LABELS[self.imaging],
                "surgery": LABELS[self.surgery],
                "fusion": LABELS[self.fusion],
                "fusion_reasons": [FUSION_REASON_WORDS[r] for r in self.fusion_reasons],
                "red_flags": [RED_FLAG_WORDS[f] for f in self.red_flags],
            },
        }
