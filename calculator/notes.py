"""The plain-text summary of one assessment for the patient's notes ("Copy for the notes").

Built once, here, from the module's own output: the findings as the form words them, the card, each
recommendation's statement with its own citation numbers, and which lines are the calculator's readings,
in words. The guideline's statements come from `index`, the site's recommendations.json, which the build
generates from the guideline pages (their single source); no name or identifier is asked for or shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .findings import NOT_ADDRESSED, QUESTIONS

DAGGER = "\u2020"


def _answer(name: str, value: Any) -> str:
    """A finding as the form words it: the chosen option's label, or the number typed."""
    question = next(q for q in QUESTIONS if q.name == name)
    for option, label in question.options:
        if getattr(option, "value", option) == value and type(getattr(option, "value", option)) is type(value):
            return label
    return "Not recorded" if value is None else str(value)


class _Marks:
    """Reading marks numbered in order of first use (R1, R2, ...), as compact as citations."""

    def __init__(self, readings: Mapping[str, Mapping[str, Any]]) -> None:
        self.readings = readings
        self.used: list[str] = []

    def __call__(self, ids: Sequence[str]) -> str:
        for reading in ids:
            if reading not in self.used:
                self.used.append(reading)
        marks = ", ".join(f"R{self.used.index(r) + 1}" for r in dict.fromkeys(ids))
        return f" (calculator's reading {marks})" if ids else ""

    def legend(self) -> list[str]:
        return [f"R{i}: {self.readings[r]['title']}" for i, r in enumerate(self.used, 1)]


def summary(assessment: Mapping[str, Any], index: Mapping[str, Any], about: Mapping[str, str]) -> str:
    """The summary as plain text. `about` gives "guideline" (its title and version, as the site says them) and
    "date" (the day of the summary, as the reader's device says it)."""
    # Read when called: the package sets its version after importing this module. (Imported at the top of
    # api.py, not lazily, so that the browser's memory snapshot holds it: its files are not restored.)
    from . import __version__

    refs = index["references"]
    daggers = False

    def cite(numbers: Sequence[int]) -> str:
        nonlocal daggers
        shown = [refs[str(n)]["text"] for n in numbers]
        daggers = daggers or any(DAGGER in s for s in shown)
        return f" [{', '.join(shown)}]" if shown else ""

    def line(data: Mapping[str, Any]) -> str:
        parts = data.get("parts") or [{"text": data["text"], "citations": data["citations"]}]
        return "".join(p["text"] + cite(p["citations"]) for p in parts) + marks(data["readings"])

    marks = _Marks(index["readings"])
    h = assessment["headline"]
    out = [
        f"{about['guideline'].rstrip('.')}. Calculator version {__version__}. Summary of {about['date']}.",
        "",
        "Findings as entered:",
        *(f"- {q.label}: {_answer(q.name, assessment['findings'][q.name])}" for q in QUESTIONS),
        "",
        f"Result ({h['level']}): {h['label']}: {h['title']}{cite(h['title_citations'])}{marks(h['title_readings'])}",
        line(h["findings"]),
        "What to do now:",
        *(f"- {line(now)}" for now in h["now"]),
        "",
        f"Recommendations ({len(assessment['recommendations'])}):",
    ]
    for n, rec in enumerate(assessment["recommendations"], 1):
        entry = index["recommendations"][rec["id"]]
        if rec["kind"] == "reading":
            reading = index["readings"][entry["reading"]]
            out.append(f"{n}. Calculator's note, not a statement of the guideline: {reading['reading']}")
        else:
            out.append(f"{n}. {entry['text']}{cite(entry['citations'])}")
            out += [f"   - {item['text']}{cite(item['citations'])}" for item in entry["items"]]
        out.append(f"   Why: {rec['reason']}{marks(rec['readings'])}")
    if assessment["prognosis"]:
        p = assessment["prognosis"]
        out += ["", p["introduction"], *(f"- {s['text']}{cite(s['citations'])}" for s in p["statements"])]
    if marks.used:
        out += ["", "The calculator's readings of the guideline (its own, not the guideline's words):"]
        out += marks.legend()
    if daggers:
        out += ["", index["unverified_legend"]]
    return "\n".join([*out, "", NOT_ADDRESSED]) + "\n"
