"""The decision at a glance: a flowchart drawn at build time from the decision module itself.

Each step is a question in the order `calculator.rules` decides (emergency flags, a severe deficit,
the other red flag, the elective indication, otherwise conservative care), asked of a patient with no
MRI yet, and its outcome is what `assess()` returns for an example patient at that step: the
headline's label and title, on both sides of day 28 where they differ there. The days in the
questions are the rules' thresholds; change one in `calculator/rules.py` and the figure changes with
it. Plain SVG, no script; the same steps are given as a list for screen readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from textwrap import wrap
from typing import Any

from calculator import assess, rules, wording
from calculator.assessment import EMERGENCY_FLAGS, RedFlag

WIDTH, ROW, BOX_H, LINE_H = 760, 84, 64, 15
QUESTION_X, QUESTION_W, OUTCOME_X, OUTCOME_W = 8, 300, 372, 380
QUESTION_WRAP, OUTCOME_WRAP = 40, 52  # characters a line, for the boxes' widths

# A unilateral foot drop with no red flag, no severe deficit and no MRI: each step changes one finding.
NO_FLAGS: dict[str, Any] = {
    "laterality": "unilateral",
    "course": "improving",
    "cauda_equina": False,
    "multilevel_motor_deficit": False,
    "severe_deficit": False,
    "days_since_onset": 0,
}


@dataclass(frozen=True)
class Step:
    question: str | None  # None: "otherwise", the last step
    example: dict[str, Any]  # a patient for whom this step's answer is yes (every earlier one no)
    # The same patient from the day the rules change for it (`ACUTE_PHASE_ENDS` for a severe deficit,
    # `IMAGING_DUE` otherwise), where the step's outcome differs on the two sides: the chart then shows both.
    later: dict[str, Any] | None = None

    def example_for(self, days: int) -> dict[str, Any]:
        if self.later is not None and days >= self.later["days_since_onset"]:
            return self.later
        return self.example

    @property
    def assessment(self) -> dict[str, Any]:
        return assess(self.example)

    @staticmethod
    def _said(example: dict[str, Any]) -> str:
        headline = assess(example)["headline"]
        # The example's own count of days left means nothing on the chart.
        title = re.sub(r", in \d+ days?$", "", headline["title"])
        return f"{headline['label']}: {title}."

    @property
    def outcome(self) -> str:
        if self.later is None:
            return self._said(self.example)
        day = self.later["days_since_onset"]
        return f"Before day {day}: {self._said(self.example)} From day {day}: {self._said(self.later)}"

    @property
    def level(self) -> str:
        """The box's colour: the card's level, the same on both sides of the day (a test checks)."""
        return str(self.assessment["headline"]["level"])


def steps() -> list[Step]:
    """The decision before the MRI, in the rules' order, with the rules' thresholds."""
    w = wording
    acute = rules.ACUTE_PHASE_ENDS.days
    elective = rules.ELECTIVE_SURGERY_FROM.days
    flags = (
        "; ".join(w.RED_FLAG_WORDS[f] for f in EMERGENCY_FLAGS[:-1]) + "; or " + w.RED_FLAG_WORDS[EMERGENCY_FLAGS[-1]]
    )
    severe = {**NO_FLAGS, "severe_deficit": True}
    return [
        Step(f"No MRI yet. {w.capital(flags)}?", {**NO_FLAGS, "course": "progressive"}),
        Step(
            "Severe neurologic deficit (the clinician's judgement)?",
            {**severe, "days_since_onset": acute - 1},
            {**severe, "days_since_onset": acute},
        ),
        Step(f"{w.capital(w.RED_FLAG_WORDS[RedFlag.MULTILEVEL])}?", {**NO_FLAGS, "multilevel_motor_deficit": True}),
        Step(
            f"Day {elective} or later, with a stable foot drop or significant functional impairment?",
            {**NO_FLAGS, "course": "stable", "days_since_onset": elective},
        ),
        Step(None, {**NO_FLAGS, "days_since_onset": 0}, {**NO_FLAGS, "days_since_onset": rules.IMAGING_DUE.days}),
    ]


def notes() -> list[str]:
    """What the MRI changes, and what holds at every step, in the module's words and days."""
    documented = assess({**steps()[3].example, "mri": "compression"})["headline"]
    outside = assess({**steps()[4].example, "mri": "no_compression"})["headline"]
    # At the first step, unilateral and bilateral foot drop are evaluated in different words.
    evaluations = [
        assess({**steps()[0].example, "laterality": side, "mri": "no_compression"})["headline"]["title"].split(": ")[0]
        for side in ("unilateral", "bilateral")
    ]
    return [
        f"Once the MRI documents nerve root compression at the step of day {rules.ELECTIVE_SURGERY_FROM.days}: "
        f"{documented['label']}: {documented['title']}.",
        f"No compression by a disc herniation on MRI: {outside['label']} (establish or confirm the cause); at the "
        f"first step, still an emergency: {evaluations[0].lower()} ({evaluations[1].lower()} for bilateral foot "
        "drop).",
        wording.CONSERVATIVE_CARE.text,
    ]


def timing() -> list[str]:
    """The source's timeline in the module's days: hours, day 28, day 42."""
    return [
        "Hours: immediate MRI for any red flag or a severe deficit; urgent decompression within 4-24 hours for "
        "progressive weakness, bilateral foot drop or cauda equina syndrome, within hours to days for a severe "
        f"deficit before day {rules.ACUTE_PHASE_ENDS.days}, once the MRI documents compression by a disc herniation.",
        f"Day {rules.IMAGING_DUE.days}: imaging due if symptoms persist; surgery can be reasonable from day "
        f"{rules.ELECTIVE_SURGERY_FROM.days} once an MRI documents compression (for a stable foot drop, significant "
        "functional impairment or a severe deficit); conservative care is reassessed.",
        f"Beyond day {rules.DELAYED_SURGERY_AFTER.days}: delayed surgery may result in incomplete recovery.",
    ]


def _text(x: float, y: float, text: str, width: int, cls: str) -> str:
    lines = wrap(text, width)
    top = y - (len(lines) - 1) * LINE_H / 2
    spans = "".join(f'<tspan x="{x}" y="{top + i * LINE_H:.0f}">{escape(line)}</tspan>' for i, line in enumerate(lines))
    return f'<text class="{cls}" text-anchor="middle" dominant-baseline="middle">{spans}</text>'


def _box_height(step: Step) -> int:
    """Tall enough for the longer of the step's two texts, wrapped as drawn."""
    lines = max(len(wrap(step.question or "Otherwise", QUESTION_WRAP)), len(wrap(step.outcome, OUTCOME_WRAP)))
    return max(BOX_H, lines * LINE_H + 20)


def svg() -> str:
    """The flowchart as inline SVG: questions down the left, each "yes" outcome to its right."""
    all_steps = steps()
    heights = [_box_height(step) for step in all_steps]
    gap = ROW - BOX_H
    height = sum(heights) + gap * (len(all_steps) - 1) + 8
    out = [
        f'<svg class="flowchart__figure" viewBox="0 0 {WIDTH} {height}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false">',
        '<defs><marker id="flowchart-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="flowchart__arrowhead"/></marker></defs>',
    ]
    y = 4
    for i, (step, box_h) in enumerate(zip(all_steps, heights, strict=True)):
        mid = y + box_h / 2
        question = step.question or "Otherwise"
        out.append(
            f'<rect class="flowchart__question" x="{QUESTION_X}" y="{y}" width="{QUESTION_W}" height="{box_h}" rx="6"/>'
        )
        out.append(_text(QUESTION_X + QUESTION_W / 2, mid, question, QUESTION_WRAP, "flowchart__label"))
        out.append(
            f'<rect class="flowchart__outcome flowchart__outcome--{step.level}" x="{OUTCOME_X}" y="{y}" '
            f'width="{OUTCOME_W}" height="{box_h}" rx="6"/>'
        )
        out.append(
            _text(
                OUTCOME_X + OUTCOME_W / 2,
                mid,
                step.outcome,
                OUTCOME_WRAP,
                f"flowchart__label flowchart__label--{step.level}",
            )
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
                f'<line class="flowchart__edge" x1="{x}" y1="{y + box_h}" x2="{x}" y2="{y + box_h + gap - 2}" '
                'marker-end="url(#flowchart-arrow)"/>'
            )
            out.append(f'<text class="flowchart__edge-label" x="{x + 8}" y="{y + box_h + 13}">No</text>')
        y += box_h + gap
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
