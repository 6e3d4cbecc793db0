"""The plain-text summary of one assessment for the patient's notes ("Copy for the notes").

Built once, here, from the module's own output: the findings as the form words them, the card, each
recommendation's statement with its own citation numbers, and which lines are the calculator's readings,
in words. The guideline's statements come from `index`, the site's recommendations.json, which the build
generates from the guideline pages (their single source); no name or identifier is asked for or shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .findings import NOT_ADDRESSED, QUESTIONS
from .marks import mark

DAGGER = "\u2020"


def _answer(name: str, value: Any) -> str:
    """A finding as the form words it: the chosen option's label, or the number typed."""
    question = next(q for q in QUESTIONS if q.name == name)
    for option, label in question.options:
        if getattr(option, "value", option) == value and type(getattr(option, "value", option)) is type(value):
            return label
    return "Not recorded" if value is None else str(value)


def summary(assessment: Mapping[str, Any], index: Mapping[str, Any], about: Mapping[str, str]) -> str:
    """The summary as plain text. `about` gives "guideline" (its title and version, as the site says them),
    "date" (the day of the summary, as the reader's device says it) and "disclaimer" (the site's)."""
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

    order = assessment["reading_marks"]

    def marks(ids: Sequence[str]) -> str:
        shown = ", ".join(mark(order, r) for r in sorted(set(ids), key=order.index))  # ascending, as citations
        return f" (calculator's reading{'s' if len(set(ids)) > 1 else ''} {shown})" if ids else ""

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
        *_timeline(assessment["timeline"], cite, marks),
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
    if order:
        out += ["", "The calculator's readings of the guideline (its own, not the guideline's words):"]
        out += [f"{mark(order, r)}: {index['readings'][r]['title']}" for r in order]
    if daggers:
        out += ["", index["unverified_legend"]]
    return "\n".join([*out, "", NOT_ADDRESSED, about["disclaimer"]]) + "\n"


def _timeline(
    timeline: Mapping[str, Any] | None, cite: Callable[[Sequence[int]], str], marks: Callable[[Sequence[str]], str]
) -> list[str]:
    """The day line in words, as the screen says it under the card."""
    if not timeline:
        return []
    return [
        "",
        f"Today: day {timeline['day']} since onset.",
        *(
            f"- Day {m['day']}: {m['text']}{cite(m['citations'])}{marks(m['readings'])}"
            + (" - reached." if m["reached"] else ".")
            for m in timeline["marks"]
        ),
    ]
