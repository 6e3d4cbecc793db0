"""The guideline's sections: each value is its page in docs/ (without .md)."""

from __future__ import annotations

import enum


class Section(enum.Enum):
    SUMMARY = "index"
    INITIAL_ASSESSMENT = "initial-assessment"
    SURGICAL_INDICATIONS = "surgical-indications"
    SURGICAL_APPROACH = "surgical-approach"
    CONSERVATIVE_MANAGEMENT = "conservative-management"
    PROGNOSIS = "prognosis"
    PITFALLS = "pitfalls"
