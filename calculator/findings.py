"""A patient's findings: the calculator's input, its form questions and its validation.

Validation happens once, here, at the boundary: everything past `parse_findings`
works with a `Findings` value that is known to be well formed.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .readings import ReadingId


class Laterality(enum.Enum):
    UNILATERAL = "unilateral"
    BILATERAL = "bilateral"


class Course(enum.Enum):
    PROGRESSIVE = "progressive"
    STABLE = "stable"
    IMPROVING = "improving"


class Mri(enum.Enum):
    NOT_DONE = "not_done"
    COMPRESSION = "compression"
    NO_COMPRESSION = "no_compression"


@dataclass(frozen=True)
class Findings:
    """Validated findings. No defaults here: `parse_findings` fills them from `QUESTIONS`."""

    laterality: Laterality
    course: Course
    cauda_equina: bool
    multilevel_motor_deficit: bool
    severe_deficit: bool
    days_since_onset: int
    dorsiflexion_mrc: int | None
    mri: Mri
    functional_impairment: bool
    instability: bool
    recurrent_herniation: bool
    chronic_axial_pain: bool
    heavy_manual_labor: bool
    significant_preoperative_axial_pain: bool


class InvalidFindings(ValueError):
    """Bad input. `errors` maps each field in error (or "input") to one message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors: dict[str, str] = dict(errors)
        super().__init__("; ".join(f"{name}: {message}" for name, message in self.errors.items()))


@dataclass(frozen=True)
class TooManyDigits:
    """A JSON number too long to be any field's value: kept unread, so the field it was given for is named."""

    digits: int


@dataclass(frozen=True)
class Question:
    """One field of the findings as the form asks it.

    Labels keep the guideline's own words where it has them; `options` pairs
    each accepted value with the label the clinician sees.
    """

    name: str
    kind: type  # bool, int, or the Enum whose members are the options
    label: str
    hint: str
    required: bool
    red_flag: bool = False
    options: tuple[tuple[Any, str], ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    default: Any = None
    group: str = ""
    # For a count of days: the form also offers a date and counts the days from it (date arithmetic only).
    date_label: str = ""
    # The readings the hint's own words rest on ("calculator's reading"): the form links them.
    hint_readings: tuple[ReadingId, ...] = ()


YES_NO: tuple[tuple[Any, str], ...] = ((True, "Yes"), (False, "No"))


def yes_no(
    name: str, label: str, group: str, hint: str = "", required: bool = False, red_flag: bool = False
) -> Question:
    """A finding the form asks as yes or no: a required one starts unanswered, an optional one is "no"
    unless answered."""
    default = None if required else False
    return Question(name, bool, label, hint, required, red_flag, YES_NO, default=default, group=group)


RED_FLAGS_GROUP = "Red flags (immediate MRI is mandatory when any is present)"
TIMING_GROUP = "Severity, timing and imaging"
SURGERY_GROUP = "Surgical indications"
FUSION_GROUP = "Circumstances for fusion"

# Order here is the form's order.
QUESTIONS: tuple[Question, ...] = (
    Question(
        "course",
        Course,
        "Course of the weakness",
        "Progressive motor weakness: strength declining over hours to days. If strength is still declining more "
        "slowly, choose progressive too: stable and improving would both be wrong (calculator's reading).",
        required=True,
        hint_readings=(ReadingId.PROGRESSIVE,),
        red_flag=True,
        group=RED_FLAGS_GROUP,
        options=(
            (Course.PROGRESSIVE, "Progressive (strength declining over hours to days)"),
            (Course.STABLE, "Stable (persistent)"),
            (Course.IMPROVING, "Improving"),
        ),
    ),
    Question(
        "laterality",
        Laterality,
        "Foot drop on one side or both",
        "Bilateral foot drop is a red flag.",
        required=True,
        red_flag=True,
        group=RED_FLAGS_GROUP,
        options=((Laterality.UNILATERAL, "Unilateral (one side)"), (Laterality.BILATERAL, "Bilateral foot drop")),
    ),
    yes_no(
        "cauda_equina",
        "Cauda equina syndrome or its symptoms, present or suspected (for example urinary retention or bowel "
        "dysfunction)",
        RED_FLAGS_GROUP,
        "Answer yes when you suspect cauda equina syndrome, not only once retention is established: 'Do not delay "
        "imaging in patients with progressive weakness or cauda equina symptoms—outcomes worsen with delayed "
        "diagnosis [1]'. After an MRI, answer for what you think now: the urgent surgery (within 4-24 hours) is for "
        "cauda equina syndrome, not for a suspicion the MRI has ruled out.",
        required=True,
        red_flag=True,
    ),
    yes_no(
        "multilevel_motor_deficit",
        "Multiple level motor deficits",
        RED_FLAGS_GROUP,
        "Motor deficits at more than one root level.",
        required=True,
        red_flag=True,
    ),
    yes_no(
        "severe_deficit",
        "Severe neurologic deficit",
        TIMING_GROUP,
        "The guideline gives no strength cut-off, so this is your judgement. Its words: 'patients with severe or "
        "progressive neurologic deficits require urgent surgical decompression within hours to days to optimize "
        "nerve recovery'.",
        required=True,
    ),
    Question(
        "days_since_onset",
        int,
        "Days since the foot drop began",
        "Whole days, 0 to 3650 (day 0 is the day it began), or give the date below.",
        required=True,
        minimum=0,
        maximum=3650,
        group=TIMING_GROUP,
        date_label="Or the date the foot drop began",
    ),
    Question(
        "dorsiflexion_mrc",
        int,
        "Ankle dorsiflexion strength (MRC grade)",
        "Preoperative motor strength is the strongest predictor of recovery [4]. "
        "Grade 5 (normal strength) is not foot drop.",
        required=False,
        minimum=0,
        maximum=4,
        group=TIMING_GROUP,
        options=(
            (0, "0 - no contraction"),
            (1, "1 - flicker or trace of contraction"),
            (2, "2 - active movement with gravity eliminated"),
            (3, "3 - active movement against gravity"),
            (4, "4 - active movement against gravity and some resistance"),
        ),
    ),
    Question(
        "mri",
        Mri,
        "MRI",
        "Compression by a disc herniation of the nerve root that explains the foot drop, documented on MRI?",
        required=False,
        default=Mri.NOT_DONE,
        group=TIMING_GROUP,
        options=(
            (Mri.NOT_DONE, "Not done yet"),
            (
                Mri.COMPRESSION,
                "MRI shows compression, by a disc herniation, of the nerve root that explains the foot drop",
            ),
            (
                Mri.NO_COMPRESSION,
                "MRI shows no such compression (none, from another cause, or a herniation that does not explain the "
                "foot drop)",
            ),
        ),
    ),
    yes_no("functional_impairment", "Significant functional impairment affecting daily activities", SURGERY_GROUP),
    yes_no("instability", "Preoperative radiographic instability (spondylolisthesis)", FUSION_GROUP),
    yes_no("recurrent_herniation", "Recurrent disc herniation", FUSION_GROUP),
    yes_no(
        "chronic_axial_pain",
        "Chronic axial low-back pain",
        FUSION_GROUP,
        "With a recurrent disc herniation, a circumstance for fusion.",
    ),
    yes_no("heavy_manual_labor", "Heavy manual laborer", FUSION_GROUP),
    yes_no(
        "significant_preoperative_axial_pain",
        "Significant preoperative axial back pain",
        FUSION_GROUP,
        "In a heavy manual laborer, a circumstance for fusion (Level IV evidence only).",
    ),
)

QUESTION_BY_NAME: dict[str, Question] = {q.name: q for q in QUESTIONS}
# Keys of earlier contract versions, each with the field that replaced it.
RENAMED: dict[str, str] = {
    "bladder_bowel_dysfunction": 'is now "cauda_equina" (contract version 3), which also covers a suspected cauda '
    "equina syndrome and its symptoms: answer it anew rather than copy the old value",
}
# An unknown key is named in its error, up to this many characters.
KEY_SHOWN = 40

# What the form says above its questions, and below them and at the foot of every result (so it prints).
SCOPE = "For foot drop thought to be due to a lumbar disc herniation."
NOT_ADDRESSED = (
    "The guideline, and so this calculator, does not address: foot drop after earlier lumbar spine surgery (except "
    "a recurrent disc herniation), children, pregnancy, anticoagulation, a patient who cannot have an MRI, or "
    "perioperative care."
)


def _check(question: Question, value: Any) -> Any:
    """The field's typed value, or ValueError with the message for the clinician."""
    if question.kind is bool:
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if question.kind is int:
        if isinstance(value, TooManyDigits):
            raise ValueError(
                f"must be from {question.minimum} to {question.maximum} (a number of {value.digits} digits)"
            )
        # bool is a subclass of int in Python; true is not a number of days.
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("must be a whole number")
        if not question.minimum <= value <= question.maximum:  # type: ignore[operator]
            normal = question.name == "dorsiflexion_mrc" and value > question.maximum  # type: ignore[operator]
            extra = " (5 is normal strength: not foot drop)" if normal else ""
            raise ValueError(f"must be from {question.minimum} to {question.maximum}{extra}")
        return value
    allowed = [member.value for member, _ in question.options]
    if not isinstance(value, str) or value not in allowed:
        raise ValueError("must be one of " + ", ".join(f'"{v}"' for v in allowed))
    return question.kind(value)


def parse_findings(data: Any) -> Findings:
    """Validate untrusted input (decoded JSON) into Findings, or raise InvalidFindings."""
    if not isinstance(data, Mapping):
        raise InvalidFindings({"input": "must be a JSON object of findings"})
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for key in data:
        if key in RENAMED:
            errors[str(key)] = RENAMED[key]
        elif key not in QUESTION_BY_NAME:
            name = str(key)
            if len(name) > KEY_SHOWN:
                name = name[:KEY_SHOWN] + "..."
                # Two long keys alike at the start stay two errors.
                name += f" ({sum(n.startswith(name) for n in errors) + 1})" if name in errors else ""
            errors[name] = "unknown field"
    for question in QUESTIONS:
        given = data.get(question.name)
        if given is None and not question.required and question.default is None:
            # "Not given" may also be said as null, as the assessment's own findings say it.
            values[question.name] = None
            continue
        if question.name not in data:
            if question.required:
                errors[question.name] = "is required"
            values[question.name] = question.default
            continue
        try:
            values[question.name] = _check(question, data[question.name])
        except ValueError as problem:
            errors[question.name] = str(problem)
    if errors:
        raise InvalidFindings(errors)
    return Findings(**values)


def findings_to_dict(findings: Findings) -> dict[str, Any]:
    """Findings as JSON-ready values, defaults filled in, "not given" as null."""
    out: dict[str, Any] = {}
    for question in QUESTIONS:
        value = getattr(findings, question.name)
        out[question.name] = value.value if isinstance(value, enum.Enum) else value
    return out
