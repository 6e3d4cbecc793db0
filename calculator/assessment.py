"""The calculator's output: what the guideline recommends for one patient (contract version 3)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from .days import ELECTIVE_SURGERY_FROM
from .quotes import Quote
from .readings import ReadingId
from .sections import Section


class Kind(enum.Enum):
    GUIDELINE = "guideline"  # a statement of the guideline
    READING = "reading"  # a note of the calculator itself, not a statement of the guideline


class RecommendationId(enum.Enum):
    """Recommendation ids in the contract's output order.

    A guideline id is also the id of the element of the guideline page that states it (the site build
    fails when one is missing there or on the wrong page); a reading id is the id of its entry on the
    page of readings.
    """

    DIAGNOSIS_REVIEW = "diagnosis-review"
    NO_COMPRESSION_EMERGENCY = "no-compression-emergency"
    MRI_IMMEDIATE = "mri-immediate"
    PITFALL_DELAYED_IMAGING = "pitfall-delayed-imaging"
    SURGERY_URGENT = "surgery-urgent"
    EARLY_SURGERY = "early-surgery"
    URGENT_DECOMPRESSION = "urgent-decompression"
    PITFALL_BILATERAL = "pitfall-bilateral"
    MRI_DELAYED = "mri-delayed"
    SURGERY_ELECTIVE = "surgery-elective"
    DELAYED_SURGERY = "delayed-surgery"
    DISCECTOMY_ALONE = "discectomy-alone"
    FUSION_SELECTIVE = "fusion-selective"
    PITFALL_ROUTINE_FUSION = "pitfall-routine-fusion"
    NATURAL_HISTORY = "natural-history"
    PITFALL_SURGERY_FOR_ALL = "pitfall-surgery-for-all"
    AFO = "afo"
    FES = "fes"
    PHYSICAL_THERAPY = "physical-therapy"
    PROGNOSIS_STRENGTH = "prognosis-strength"

    @property
    def kind(self) -> Kind:
        return Kind.READING if self in READING_OF else Kind.GUIDELINE

    @property
    def section(self) -> Section | None:
        """The guideline page that states it; None for a reading (it is on the page of readings)."""
        return SECTION_OF.get(self)


_R = RecommendationId
READING_OF: dict[RecommendationId, ReadingId] = {
    _R.DIAGNOSIS_REVIEW: ReadingId.DIAGNOSIS_REVIEW,
    _R.NO_COMPRESSION_EMERGENCY: ReadingId.NO_COMPRESSION_EMERGENCY,
}
SECTION_OF: dict[RecommendationId, Section] = {
    _R.MRI_IMMEDIATE: Section.INITIAL_ASSESSMENT,
    _R.MRI_DELAYED: Section.INITIAL_ASSESSMENT,
    _R.SURGERY_URGENT: Section.SURGICAL_INDICATIONS,
    _R.SURGERY_ELECTIVE: Section.SURGICAL_INDICATIONS,
    _R.URGENT_DECOMPRESSION: Section.SUMMARY,
    _R.DISCECTOMY_ALONE: Section.SURGICAL_APPROACH,
    _R.FUSION_SELECTIVE: Section.SURGICAL_APPROACH,
    _R.AFO: Section.CONSERVATIVE_MANAGEMENT,
    _R.FES: Section.CONSERVATIVE_MANAGEMENT,
    _R.PHYSICAL_THERAPY: Section.CONSERVATIVE_MANAGEMENT,
    _R.PROGNOSIS_STRENGTH: Section.PROGNOSIS,
    _R.NATURAL_HISTORY: Section.PROGNOSIS,
    _R.EARLY_SURGERY: Section.PROGNOSIS,
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


# The red flags that are also urgent surgical indications (Surgical Indications and Timing).
EMERGENCY_FLAGS: tuple[RedFlag, ...] = (RedFlag.PROGRESSIVE, RedFlag.BILATERAL, RedFlag.CAUDA_EQUINA)


# Where each finding stands in the source's lists (Initial Assessment; Surgical Indications): the card cites an
# item by it, the panel marks it.
RED_FLAG_ITEM: dict[RedFlag, int] = {flag: place for place, flag in enumerate(RedFlag)}
URGENT_ITEM: dict[RedFlag, int] = {RedFlag.PROGRESSIVE: 0, RedFlag.CAUDA_EQUINA: 1, RedFlag.BILATERAL: 2}


class Imaging(enum.Enum):
    DONE = "done"
    IMMEDIATE = "immediate"
    DUE_NOW = "due_now"
    WITHIN_1_TO_4_WEEKS = "within_1_to_4_weeks"


class Surgery(enum.Enum):
    URGENT_EVALUATION = "urgent_evaluation"
    URGENT = "urgent"
    SOON = "soon"
    REASONABLE = "reasonable"
    IF_MRI_CONFIRMS = "if_mri_confirms"
    NOT_NOW = "not_now"


# Surgery values under which a decompression is indicated or may be (delayed-surgery's condition).
SURGERY_INDICATED: tuple[Surgery, ...] = (Surgery.URGENT, Surgery.SOON, Surgery.REASONABLE, Surgery.IF_MRI_CONFIRMS)
# Surgery values under which an approach is chosen, once the MRI documents compression.
DECOMPRESSION: tuple[Surgery, ...] = (Surgery.URGENT, Surgery.SOON, Surgery.REASONABLE)


class Pathway(enum.Enum):
    EMERGENCY = "emergency"
    URGENT = "urgent"
    OUTSIDE_GUIDELINE = "outside_guideline"
    IMAGING_FIRST = "imaging_first"
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


# The circumstances in the order of the source's list (Surgical Approach).
FUSION_ITEM: dict[FusionReason, int] = {reason: place for place, reason in enumerate(FusionReason)}
# Surgery values of the elective indication (rules 4 and 5).
ELECTIVE: tuple[Surgery, ...] = (Surgery.REASONABLE, Surgery.IF_MRI_CONFIRMS)


@dataclass(frozen=True)
class Recommendation:
    id: RecommendationId
    reason: str
    # The readings the reason rests on (its words such as "day 28 or later" are theirs, not the guideline's).
    readings: tuple[ReadingId, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        section = self.id.section
        return {
            "id": self.id.value,
            "kind": self.id.kind.value,
            "reason": self.reason,
            "section": section.value if section else None,
            "readings": [r.value for r in self.readings],
        }


@dataclass(frozen=True)
class Prognosis:
    """The patient's grade and the source's figures about patients after surgery, each with its citations."""

    dorsiflexion_mrc: int
    introduction: str
    statement: Quote

    def to_dict(self) -> dict[str, Any]:
        return {
            "dorsiflexion_mrc": self.dorsiflexion_mrc,
            "introduction": self.introduction,
            "statements": [
                {"text": q.text, "citations": list(q.citations)} for q in (self.statement, *self.statement.items)
            ],
        }


@dataclass(frozen=True)
class Line:
    """A short line of the card in the calculator's words, with the readings its words rest on.

    A line that re-shows a sentence of the guideline carries that sentence's own `citations`; `statements`
    are the guideline statements it points to (their ids: the page links them).
    """

    text: str
    readings: tuple[ReadingId, ...] = ()
    citations: tuple[int, ...] = ()
    statements: tuple[RecommendationId, ...] = ()
    # Items of a source list the line names after `text`, each with its own citations, then `tail`.
    items: tuple[Quote, ...] = ()
    tail: str = ""

    def parts(self) -> list[tuple[str, tuple[int, ...]]]:
        """The line as pieces of text, each with the citations that follow it."""
        out = [(self.text, self.citations)]
        if self.items:
            out[0] = (self.text + " ", self.citations)
            for i, item in enumerate(self.items):
                out += [(item.text, item.citations), ("; " if i < len(self.items) - 1 else ".", ())]
            if self.tail:
                out.append((" " + self.tail, ()))
        return out

    def to_dict(self) -> dict[str, Any]:
        """`text` is the whole line in words; a line with items also gives its `parts`, each with the citations
        that follow it, so that a page can put each item's numbers after it."""
        out: dict[str, Any] = {
            "text": "".join(text for text, _ in self.parts()),
            "readings": [r.value for r in self.readings],
            "citations": list(self.citations),
            "statements": [s.value for s in self.statements],
        }
        if self.items:
            out["parts"] = [{"text": text, "citations": list(numbers)} for text, numbers in self.parts()]
        return out


class Level(enum.Enum):
    """The care card's variant, also said in its label."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    NON_URGENT = "non-urgent"


@dataclass(frozen=True)
class Headline:
    """The care card: its level and label, its title, the findings it used, and what to do now, in order."""

    level: Level
    label: str
    title: Line
    findings: Line
    now: tuple[Line, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level.value,
            "label": self.label,
            "title": self.title.text,
            "title_readings": [r.value for r in self.title.readings],
            "title_citations": list(self.title.citations),
            "findings": self.findings.to_dict(),
            "now": [line.to_dict() for line in self.now],
        }


@dataclass(frozen=True)
class Mark:
    """A day of the source's timeline, in the calculator's words for this patient, with the readings that set it."""

    day: int
    text: str
    readings: tuple[ReadingId, ...]
    reached: bool  # by the rule's own comparison: "from day 28" is reached on day 28, "beyond day 42" on day 43
    citations: tuple[int, ...] = ()  # of the guideline sentence the mark re-shows, if it does

    def to_dict(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "text": self.text,
            "readings": [r.value for r in self.readings],
            "citations": list(self.citations),
            "reached": self.reached,
        }


@dataclass(frozen=True)
class Timeline:
    """Where the patient is on the source's timeline: today's day since onset against the marks that apply."""

    day: int
    marks: tuple[Mark, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"day": self.day, "marks": [m.to_dict() for m in self.marks]}


class PanelMark(enum.Enum):
    """How the guideline panel marks a statement for this patient today."""

    APPLIES = "Applies"
    FROM_ELECTIVE_DAY = f"From day {ELECTIVE_SURGERY_FROM.days}"
    IF_MRI_DOCUMENTS = "If the MRI documents compression"
    NOT_MET = "Not met: calculator's reading"
    SEVERE_ALONE = "Severe deficit: calculator's reading"


@dataclass(frozen=True)
class PanelEntry:
    """One statement of the panel: its mark, and which items of its list hold for this patient (None: a list that
    informs rather than lists conditions, so no item is marked; (): none of them)."""

    id: RecommendationId
    mark: PanelMark
    items: tuple[int, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id.value,
            "mark": self.mark.value,
            "applies": self.mark is PanelMark.APPLIES,
            "items": None if self.items is None else list(self.items),
        }


@dataclass(frozen=True)
class Assessment:
    pathway: Pathway
    imaging: Imaging
    surgery: Surgery
    fusion: Fusion
    fusion_reasons: tuple[FusionReason, ...]
    red_flags: tuple[RedFlag, ...]
    reassess_on_day: int | None
    watch_for: tuple[RedFlag, ...]
    late_bilateral: bool
    recommendations: tuple[Recommendation, ...]
    prognosis: Prognosis | None
    headline: Headline
    timeline: Timeline | None
    panel: tuple[PanelEntry, ...]
    labels: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "pathway": self.pathway.value,
            "imaging": self.imaging.value,
            "surgery": self.surgery.value,
            "fusion": self.fusion.value,
            "fusion_reasons": [r.value for r in self.fusion_reasons],
            "red_flags": [f.value for f in self.red_flags],
            "reassess_on_day": self.reassess_on_day,
            "watch_for": [f.value for f in self.watch_for],
            "late_bilateral": self.late_bilateral,
            "recommendations": [r.to_dict() for r in self.recommendations],
            "prognosis": self.prognosis.to_dict() if self.prognosis else None,
            "headline": self.headline.to_dict(),
            "timeline": self.timeline.to_dict() if self.timeline else None,
            "panel": [entry.to_dict() for entry in self.panel],
            "labels": self.labels,
        }
