"""The decision at a glance: a flowchart drawn at build time from the decision module itself.

Each step is a question in the order `calculator.rules` decides (emergency flags, an acute severe
deficit, the other red flag, the elective indication, otherwise conservative care), asked of a
patient with no MRI yet, and its outcome is what `assess()` returns for an example patient at that
step: the headline's label and title. The days in the questions are the rules' thresholds; change one
in `calculator/rules.py` and the figure changes with it. Plain SVG, no script; the same steps are given
as a list for screen readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from textwrap import wrap
from typing import Any

from calculator import assess, rules, wording
from calculator.assessment import EMERGENCY_FLAGS, RedFlag

WIDTH, ROW, BOX_H, LINE_H = 760, 112, 92, 16
QUESTION_X, QUESTION_W, OUTCOME_X, OUTCOME_W = 8, 300, 372, 380

# A unilateral foot drop with no red flag, no severe deficit and no MRI: each step changes one finding.
NO_FLAGS: dict[str, Any] = {
    "laterality": "unilateral",
    "course": "improving",
    "bladder_bowel_dysfunction": False,
    "multilevel_motor_deficit": False,
    "severe_deficit": False,
    "days_since_onset": 0,
}


@dataclass(frozen=True)
class Step:
    question: str | None  # None: "otherwise", the last step
    example: dict[str, Any]  # a patient for whom this step's answer is yes (every earlier one no)

    @property
    def assessment(self) -> dict[str, Any]:
        return assess(self.example)

    @property
    def outcome(self) -> str:
        headline = self.assessment["headline"]
        # The example's own count of days left means nothing on the chart.
        title = re.sub(r", in \d+ days?$", "", headline["title"])
        return f"{headline['label']}: {title}."

    @property
    def level(self) -> str:
        return str(self.assessment["headline"]["level"])


def steps() -> list[Step]:
    """The decision before the MRI, in the rules' order, with the rules' thresholds."""
    w = wording
    acute = rules.ACUTE_PHASE_ENDS.days
    elective = rules.ELECTIVE_SURGERY_FROM.days
    words = [w.RED_FLAG_WORDS[f] for f in EMERGENCY_FLAGS]
    flags = ", ".join(words[:-1]) + " or " + words[-1]
    return [
        Step(f"No MRI yet. {w.capital(flags)}?", {**NO_FLAGS, "course": "progressive"}),
        Step(
            f"Severe neurologic deficit (the clinician's judgement) before day {acute}?",
            {**NO_FLAGS, "severe_deficit": True, "days_since_onset": acute - 1},
        ),
        Step(f"{w.capital(w.RED_FLAG_WORDS[RedFlag.MULTILEVEL])}?", {**NO_FLAGS, "multilevel_motor_deficit": True}),
        Step(
            f"Day {elective} or later, with a stable foot drop or significant functional impairment?",
            {**NO_FLAGS, "course": "stable", "days_since_onset": elective},
        ),
        Step(None, {**NO_FLAGS, "days_since_onset": 0}),
    ]


def notes() -> list[str]:
    """What the MRI changes, and what holds at every step, in the module's words and days."""
    documented = assess({**steps()[3].example, "mri": "compression"})["headline"]
    negative = assess({**steps()[0].example, "mri": "no_compression"})["headline"]
    return [
        f"Once the MRI documents nerve root compression at the step of day {rules.ELECTIVE_SURGERY_FROM.days}: "
        f"{documented['label']}: {documented['title']}.",
        "No nerve root compression on MRI, at any step: reconsider the cause of the foot drop; at the first step, "
        f"{negative['title'][:1].lower()}{negative['title'][1:]}.",
        f"Beyond day {rules.DELAYED_SURGERY_AFTER.days}: delayed surgery may result in incomplete recovery.",
        wording.CONSERVATIVE_CARE.text,
    ]


def timing() -> list[str]:
    """The source's timeline in the module's days: hours, day 28, day 42."""
    return [
        "Hours: immediate MRI for any red flag; urgent decompression within 4-24 hours for progressive weakness, "
        "bilateral foot drop or cauda equina syndrome, within hours to days for a severe deficit "
        f"before day {rules.ACUTE_PHASE_ENDS.days}, once the MRI documents compression.",
        f"Day {rules.IMAGING_DUE.days}: imaging due if symptoms persist; surgery can be reasonable from day "
        f"{rules.ELECTIVE_SURGERY_FROM.days} once an MRI documents compression; conservative care is reassessed.",
        f"Beyond day {rules.DELAYED_SURGERY_AFTER.days}: delayed surgery may result in incomplete recovery.",
    ]


def _text(x: float, y: float, text: str, width: int, cls: str) -> str:
    lines = wrap(text, width)
    top = y - (len(lines) - 1) * LINE_H / 2
    spans = "".join(f'<tspan x="{x}" y="{top + i * LINE_H:.0f}">{escape(line)}</tspan>' for i, line in enumerate(lines))
    return f'<text class="{cls}" text-anchor="middle" dominant-baseline="middle">{spans}</text>'


def svg() -> str:
    """The flowchart as inline SVG: questions down the left, each "yes" outcome to its right."""
    all_steps = steps()
    height = len(all_steps) * ROW + 8
    out = [
        f'<svg class="flowchart__figure" viewBox="0 0 {WIDTH} {height}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false">',
        '<defs><marker id="flowchart-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="flowchart__arrowhead"/></marker></defs>',
    ]
    for i, step in enumerate(all_steps):
        y = 4 + i * ROW
        mid = y + BOX_H / 2
        question = step.question or "Otherwise"
        out.append(
            f'<rect class="flowchart__question" x="{QUESTION_X}" y="{y}" width="{QUESTION_W}" height="{BOX_H}" rx="6"/>'
        )
        out.append(_text(QUESTION_X + QUESTION_W / 2, mid, question, 40, "flowchart__label"))
        out.append(
            f'<rect class="flowchart__outcome flowchart__outcome--{step.level}" x="{OUTCOME_X}" y="{y}" '
            f'width="{OUTCOME_W}" height="{BOX_H}" rx="6"/>'
        )
        out.append(
            _text(OUTCOME_X + OUTCOME_W / 2, mid, step.outcome, 52, f"flowchart__label flowchart__label--{step.level}")
        )
        out.append(
            f'<line class="flowchart__edge" x1="{QUESTION_X + QUESTION_W}" y1="{mid}" x2="{OUTCOME_X - 2}" '
            f'y2="{mid}" marker-end="url(#flowchart-arrow)"/>'
        )
        out.append(
            _text(
                (QUESTION_X + QUESTION_W + OUTCOME_X) / 2,
                mid - 10,
                "Yes" if step.question else "",
                10,
                "flowchart__edge-label",
            )
        )
        if i < len(all_steps) - 1:
            x = QUESTION_X + QUESTION_W / 2
            out.append(
                f'<line class="flowchart__edge" x1="{x}" y1="{y + BOX_H}" x2="{x}" y2="{y + ROW - 2}" '
                'marker-end="url(#flowchart-arrow)"/>'
            )
            out.append(f'<text class="flowchart__edge-label" x="{x + 8}" y="{y + BOX_H + 13}">No</text>')
    out.append("</svg>")
    return "".join(out)


def text_equivalent() -> str:
    """The same steps as an ordered list, for screen readers (the figure itself is hidden from them)."""
    items = []
    all_steps = steps()
    for i, step in enumerate(all_steps):
        if step.question:
            items.append(f"<li>{escape(step.question)} Yes: {escape(step.outcome)} No: go to step {i + 2}.</li>")
        else:
            items.append(f"<li>Otherwise: {escape(step.outcome)}</li>")
    return f'<ol class="flowchart__text visually-hidden">{"".join(items)}</ol>'


def figure(readings_url: str) -> str:
    """The flowchart with its text equivalent and the notes that hold at every step, as raw HTML;
    `readings_url` links the page of readings."""
    notes_html = "".join(f"<li>{escape(n)}</li>" for n in notes())
    return (
        '<figure class="flowchart">'
        f"{svg()}{text_equivalent()}"
        f'<figcaption><ul class="flowchart__notes">{notes_html}</ul>'
        "<p class=\"flowchart__source\">Drawn from the calculator's rules; its days are the calculator's "
        f'<a href="{readings_url}">readings</a> of the guideline.</p></figcaption>'
        "</figure>"
    )
