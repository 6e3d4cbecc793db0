"""How the calculator reads the guideline: every place where a rule turns a sentence of the source into
something the sentence does not spell out (contract version 3, section Readings).

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
    PROGRESSIVE_WEAKNESS,
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
    BILATERAL_ONSET = "bilateral-onset"
    PROGRESSIVE = "progressive"
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
        "Day 28: imaging due, care reassessed",
        Section.INITIAL_ASSESSMENT,
        (IMAGING_WITHIN_WEEKS, NATURAL_HISTORY),
        "Day 28 (4 weeks) is when imaging is due and when conservative care is reassessed. For imaging, "
        '"symptoms persist" means any remaining foot drop, improving or not. The reading "persistent" (below) '
        'reads the surgical indication "persistent foot drop" more narrowly, as a stable course: an improving '
        "foot drop still needs its MRI, but it is not, by improving, an indication for surgery.",
        'With no red flag, no severe deficit and no MRI yet, imaging "can be performed within 1-4 weeks" before '
        'day 28 and is "due now" from day 28, whatever the course. A conservative pathway before day 28 is '
        "reassessed on day 28.",
    ),
    Reading(
        ReadingId.FOUR_TO_SIX_WEEKS,
        "From day 28: surgery can be reasonable",
        Section.SURGICAL_INDICATIONS,
        (ELECTIVE_SURGERY,),
        'The calculator takes the lower bound of "after 4-6 weeks": day 28. The guideline gives no upper limit, '
        "and none is applied.",
        "Elective surgery is considered from day 28 since onset, never before, and at any later day.",
    ),
    Reading(
        ReadingId.SEVERAL_WEEKS,
        "Beyond day 42: delayed surgery",
        Section.PROGNOSIS,
        (DELAYED_SURGERY,),
        '"Beyond several weeks" is read as beyond 6 weeks: more than 42 days since the foot drop began.',
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
        'with documented compression, and "if the MRI confirms" before any MRI. An improving foot drop without '
        "significant functional impairment has no elective indication, even with compression on MRI.",
    ),
    Reading(
        ReadingId.DOCUMENTED_COMPRESSION,
        "No surgery before the MRI documents compression",
        Section.SURGICAL_INDICATIONS,
        (TITLE, DOCUMENTED_COMPRESSION),
        "The guideline is about foot drop due to disc herniation, so surgery is never called reasonable before "
        "an MRI has documented nerve root compression by a disc herniation. For an emergency or an acute severe "
        "deficit before any MRI, the decompression is once the immediate MRI documents compression, and neither "
        "the approach (discectomy alone) nor fusion is chosen before it. Compression alone is not an indication: "
        "an improving foot drop with compression and no significant functional impairment is not surgical.",
        'Elective surgery is "reasonable" only with mri = compression; with no MRI yet it is "if the MRI '
        'confirms". Discectomy alone and fusion are shown only when a decompression is indicated and the MRI '
        "documents compression.",
    ),
    Reading(
        ReadingId.SEVERE,
        "Severe deficit: the clinician's judgement",
        Section.SUMMARY,
        (SUMMARY_CLAUSE,),
        "The guideline gives no strength cut-off for a severe deficit, so the calculator asks for the "
        "clinician's judgement rather than derive it from the MRC grade. It makes the MRI immediate at any day, "
        "because a decompression needs the MRI first. Before day 28 it is urgent decompression within hours to "
        "days, whatever the course: the guideline gives no exception for an improving course, and whether an "
        "improving deficit is still severe is the clinician's judgement. Days count from the foot drop's onset, "
        'and a severe deficit is read as dating from then. From day 28 the "within hours to days" of the '
        "initial phase no longer applies: a late severe deficit is an elective indication in its own right, "
        "whatever the course, to which the guideline's warning on delayed surgery applies. With no compression "
        "by a disc herniation on MRI, this guideline gives it no urgency for decompression: the cause is outside "
        "this guideline, and compression from another cause needs its own management.",
        "A severe deficit: an immediate MRI when none is done. Before day 28, with no MRI or with documented "
        'compression: urgent decompression within hours to days. From day 28: surgery "reasonable" with '
        'documented compression and "if the MRI confirms" before any MRI, on an urgent card, with the '
        "warning on delayed surgery from day 28. An MRC grade of 0 to 2 answered as not severe only prompts the "
        "clinician with what a severe deficit would change; it never changes the result.",
    ),
    Reading(
        ReadingId.BILATERAL_ONSET,
        "Bilateral foot drop from day 28",
        Section.SURGICAL_INDICATIONS,
        (URGENT_SURGERY, BILATERAL_PITFALL),
        "Bilateral foot drop is an urgent surgical indication (within 4-24 hours), and the guideline sets no time "
        "limit on it. The calculator knows only when the foot drop began, not when the second side did. So the "
        "emergency always stands; from day 28, whether the 4-24 hours still applies depends on when the second "
        "side began: the surgeon's judgement.",
        "From day 28, a bilateral foot drop that is not progressive, without cauda equina symptoms and with a "
        "decompression to time (surgery within 4-24 hours) stays an emergency; its card is titled with the "
        'guideline\'s "bilateral foot drop requires urgent surgical evaluation" and says that the timing is the '
        "surgeon's judgement.",
    ),
    Reading(
        ReadingId.PROGRESSIVE,
        "Progressive: any decline",
        Section.INITIAL_ASSESSMENT,
        (PROGRESSIVE_WEAKNESS,),
        "Strength still declining is entered as progressive, whatever its pace, because the guideline has no other "
        "course for it: stable and improving would both be wrong. This keeps the immediate MRI; whether the 4-24 "
        "hours fits a slow decline is the surgeon's judgement.",
        "course = progressive for any decline in strength: a red flag (immediate MRI) and an urgent surgical "
        "indication (within 4-24 hours) once the MRI documents compression.",
    ),
    Reading(
        ReadingId.NO_COMPRESSION_EMERGENCY,
        "An emergency with no compression on MRI",
        Section.SURGICAL_INDICATIONS,
        (URGENT_SURGERY, BILATERAL_PITFALL),
        "Progressive weakness, bilateral foot drop or cauda equina syndrome with no nerve root compression by a "
        'disc herniation on MRI stays an emergency, as urgent evaluation: "urgent surgical evaluation" for '
        "bilateral foot drop (the guideline's words), urgent evaluation of the cause otherwise. There is no root "
        "to decompress for a disc herniation, so this guideline recommends no decompression, discectomy or fusion; "
        "the cause is outside this guideline and is established urgently, and compression from another cause "
        "needs its own urgent management.",
        'An emergency flag with mri = no compression: surgery "urgent evaluation", pathway emergency.',
    ),
    Reading(
        ReadingId.DIAGNOSIS_REVIEW,
        "No compression on MRI: outside this guideline",
        Section.SURGICAL_INDICATIONS,
        (TITLE, DOCUMENTED_COMPRESSION),
        "An MRI without compression, by a disc herniation, of the nerve root that explains the foot drop does not "
        "show the foot drop this guideline is about: the guideline gives no decision for it, and the cause is to "
        "be established or confirmed. The card is urgent for a severe or multilevel deficit, because the cause of "
        "such a deficit is sought promptly. This is the calculator's reading, not the guideline's.",
        "Whenever the MRI shows no such compression, this note comes first among the results and no surgery is "
        'called reasonable; without an emergency flag the pathway is "outside this guideline", on an urgent card '
        "for a severe or multilevel deficit.",
    ),
)

READING_BY_ID: dict[ReadingId, Reading] = {r.id: r for r in READINGS}
