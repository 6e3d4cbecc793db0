"""How the calculator reads the guideline: every place where a rule turns a sentence of the source into
something the sentence does not spell out (contract version 2, section Readings).

This is data. The site publishes it as the page "How the calculator reads the guideline", one entry per
reading with its id as anchor; a result whose reason rests on a reading links to that entry. Each
`Quote` is the source's sentence with its own citation numbers; the site build fails if a quote is not
on the guideline pages word for word with the same numbers (see `quotes.py`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .quotes import (
    BILATERAL_PITFALL,
    DELAYED_SURGERY,
    DOCUMENTED_COMPRESSION,
    ELECTIVE_SURGERY,
    IMAGING_WITHIN_WEEKS,
    NATURAL_HISTORY,
    PERSISTENT_FOOT_DROP,
    SUMMARY_CLAUSE,
    TITLE,
    URGENT_SURGERY,
    Quote,
)
from .sections import Section


class ReadingId(enum.Enum):
    FOUR_WEEKS = "four-weeks"
    FOUR_TO_SIX_WEEKS = "four-to-six-weeks"
    SEVERAL_WEEKS = "several-weeks"
    PERSISTENT = "persistent"
    DOCUMENTED_COMPRESSION = "documented-compression"
    SEVERE = "severe"
    NO_COMPRESSION_EMERGENCY = "no-compression-emergency"
    DIAGNOSIS_REVIEW = "diagnosis-review"


@dataclass(frozen=True)
class Reading:
    id: ReadingId
    title: str  # a short name for links: what the calculator decides
    section: Section  # where the source says it
    source: tuple[Quote, ...]
    reading: str  # the reading in plain words
    rule: str  # the rule it becomes in `rules.py`

    @property
    def references(self) -> tuple[int, ...]:
        numbers = [n for quote in self.source for q in (quote, *quote.items) for n in q.citations]
        return tuple(dict.fromkeys(numbers))

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id.value,
            "title": self.title,
            "section": self.section.value,
            "source": [quote.to_dict() for quote in self.source],
            "reading": self.reading,
            "rule": self.rule,
            "references": list(self.references),
        }


READINGS: tuple[Reading, ...] = (
    Reading(
        ReadingId.FOUR_WEEKS,
        "Day 28: imaging due and conservative care reassessed",
        Section.INITIAL_ASSESSMENT,
        (IMAGING_WITHIN_WEEKS, NATURAL_HISTORY),
        "Day 28 (4 weeks) is when imaging is due and when conservative care is reassessed. For imaging, "
        '"symptoms persist" means any remaining foot drop, improving or not.',
        'With no red flag, no acute severe deficit and no MRI yet, imaging is "within 1-4 weeks" before day 28 '
        'and "due now" from day 28, whatever the course. A conservative pathway before day 28 is reassessed on '
        "day 28.",
    ),
    Reading(
        ReadingId.FOUR_TO_SIX_WEEKS,
        "From day 28: surgery can be reasonable",
        Section.SURGICAL_INDICATIONS,
        (ELECTIVE_SURGERY,),
        'The calculator takes the lower bound of "after 4-6 weeks": day 28.',
        "Elective surgery is considered from day 28 since onset, never before.",
    ),
    Reading(
        ReadingId.SEVERAL_WEEKS,
        "Beyond day 42: delayed surgery",
        Section.PROGNOSIS,
        (DELAYED_SURGERY,),
        '"Beyond several weeks" is read as beyond 6 weeks: more than 42 days since onset.',
        "When surgery is indicated or may be, and more than 42 days have passed since onset, the result shows "
        "that delayed surgery may result in incomplete recovery.",
    ),
    Reading(
        ReadingId.PERSISTENT,
        "Persistent: a stable course",
        Section.SURGICAL_INDICATIONS,
        (PERSISTENT_FOOT_DROP,),
        "A persistent foot drop is one whose course is stable: neither declining nor improving. An improving "
        "foot drop is not persistent. Significant functional impairment is a separate indication of its own.",
        'From day 28, a stable course or significant functional impairment is an indication: surgery is "reasonable" '
        'with documented compression, and "if the MRI confirms" before any MRI.',
    ),
    Reading(
        ReadingId.DOCUMENTED_COMPRESSION,
        "No surgery before the MRI documents compression",
        Section.SURGICAL_INDICATIONS,
        (TITLE, DOCUMENTED_COMPRESSION),
        "The guideline is about foot drop due to disc herniation, so surgery is never called reasonable before "
        "an MRI has documented nerve root compression. For an emergency or an acute severe deficit before any "
        "MRI, the decompression is once the immediate MRI documents compression, and neither the approach "
        "(discectomy alone) nor fusion is chosen before it. Compression alone is not an indication: an "
        "improving foot drop with compression and no functional impairment is not surgical.",
        'Elective surgery is "reasonable" only with mri = compression; with no MRI yet it is "if the MRI '
        'confirms". Discectomy alone and fusion are shown only when a decompression is indicated and the MRI '
        "documents compression.",
    ),
    Reading(
        ReadingId.SEVERE,
        "Severe deficit: the clinician's judgement, before day 28",
        Section.SUMMARY,
        (SUMMARY_CLAUSE,),
        "The guideline gives no strength cut-off for a severe deficit, so the calculator asks for the "
        "clinician's judgement rather than derive it from the MRC grade. The sentence contrasts severe deficits "
        'with the "most patients" managed conservatively, so a foot drop is not severe merely by being a foot '
        "drop. It applies to the initial phase, before day 28. It makes the MRI immediate, because a "
        "decompression within hours to days needs the MRI first. With no compression on MRI it gives no "
        "urgency: the cause of the foot drop is reconsidered instead.",
        "A severe deficit before day 28, with no MRI or with documented compression: urgent decompression "
        "within hours to days and an immediate MRI when none is done. From day 28 a severe deficit goes through "
        "the elective rules like any other.",
    ),
    Reading(
        ReadingId.NO_COMPRESSION_EMERGENCY,
        "An emergency with no compression on MRI",
        Section.SURGICAL_INDICATIONS,
        (URGENT_SURGERY, BILATERAL_PITFALL),
        "Progressive weakness, bilateral foot drop or cauda equina syndrome with no nerve root compression on "
        "MRI stays an emergency, as urgent surgical evaluation: there is no root to decompress, so no "
        "decompression, discectomy or fusion is recommended.",
        'An emergency flag with mri = no compression: surgery "urgent surgical evaluation", pathway emergency, '
        "and the cause of the foot drop is reconsidered.",
    ),
    Reading(
        ReadingId.DIAGNOSIS_REVIEW,
        "No compression on MRI: reconsider the cause",
        Section.SURGICAL_INDICATIONS,
        (TITLE, DOCUMENTED_COMPRESSION),
        "An MRI without nerve root compression by a disc herniation does not show the foot drop this guideline "
        "is about: reconsider the cause of the foot drop. The guideline has no statement of its own for this; "
        "it is the calculator's note.",
        "Whenever the MRI shows no compression, this note comes first among the results, and no surgery is "
        "called reasonable.",
    ),
)

READING_BY_ID: dict[ReadingId, Reading] = {r.id: r for r in READINGS}
