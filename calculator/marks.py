"""Reading marks: each reading an assessment rests on gets a short mark (R1, R2, ...), numbered here, once.

Numbered in the order the card shows them (the title, the findings line, what to do now, the day line, then
the recommendations), so that the screen, the printout and the notes give one reading one mark.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def reading_marks(assessment: Mapping[str, Any]) -> list[str]:
    """The ids of the readings shown, in order of first use: the mark of `ids[i]` is R{i + 1}."""
    h = assessment["headline"]
    lines: list[Sequence[str]] = [h["title_readings"], h["findings"]["readings"]]
    lines += [line["readings"] for line in h["now"]]
    if assessment["timeline"]:
        lines += [mark["readings"] for mark in assessment["timeline"]["marks"]]
    lines += [rec["readings"] for rec in assessment["recommendations"]]
    return list(dict.fromkeys(reading for ids in lines for reading in ids))


def mark(order: Sequence[str], reading: str) -> str:
    return f"R{order.index(reading) + 1}"
