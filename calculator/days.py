"""The guideline's day thresholds as named data, each with the reading that turns the source's words into a
number and the section and references the words come from. Rules, wording and the card all read them here."""

from __future__ import annotations

from dataclasses import dataclass

from .readings import ReadingId
from .sections import Section


@dataclass(frozen=True)
class DayThreshold:
    """A number of days since onset, with the reading and the section and references it comes from."""

    days: int
    reading: ReadingId
    section: Section
    references: tuple[int, ...]


IMAGING_DUE = DayThreshold(28, ReadingId.FOUR_WEEKS, Section.INITIAL_ASSESSMENT, (1,))
REASSESS = DayThreshold(IMAGING_DUE.days, ReadingId.FOUR_WEEKS, Section.PROGNOSIS, (1,))
ELECTIVE_SURGERY_FROM = DayThreshold(28, ReadingId.FOUR_TO_SIX_WEEKS, Section.SURGICAL_INDICATIONS, (1, 4, 5))
ACUTE_PHASE_ENDS = DayThreshold(28, ReadingId.SEVERE, Section.SUMMARY, (1, 2))
LATE_BILATERAL_FROM = DayThreshold(28, ReadingId.BILATERAL_ONSET, Section.SURGICAL_INDICATIONS, (3,))
DELAYED_SURGERY_AFTER = DayThreshold(42, ReadingId.SEVERAL_WEEKS, Section.PROGNOSIS, (1,))
