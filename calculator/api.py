"""The calculator's public entry points: dict in, dict out; JSON in, JSON out.

The browser worker makes exactly one call per request: to `respond_with_notes` (to `respond` for its self-check).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .findings import NOT_ADDRESSED, SCOPE, InvalidFindings, TooManyDigits, findings_to_dict, parse_findings
from .marks import reading_marks
from .notes import summary
from .questionnaire import findings_from_response
from .rules import assess_findings


def assess(findings: Mapping[str, Any]) -> dict[str, Any]:
    """The assessment for decoded findings, or for a QuestionnaireResponse to the calculator's Questionnaire
    (`questionnaire.py`); raises InvalidFindings on bad input.

    The findings come back too, defaults filled in, so a printout shows what was assessed; the scope
    with what the guideline does not address, so that anything printed from it says so; and the order of
    the reading marks (R1 is the first id), so that every view of it marks a reading alike.
    """
    # A QuestionnaireResponse to the published Questionnaire gives its findings; plain findings have no resourceType.
    if isinstance(findings, Mapping) and "resourceType" in findings:
        findings = findings_from_response(findings)
    parsed = parse_findings(findings)
    result = assess_findings(parsed).to_dict()
    return {
        **result,
        "findings": findings_to_dict(parsed),
        "scope": {"applies_to": SCOPE, "not_addressed": NOT_ADDRESSED},
        "reading_marks": reading_marks(result),
    }


# Findings are a flat object of a few short values: anything far larger is refused before parsing.
MAX_INPUT_CHARS = 64 * 1024
MAX_DIGITS = 12


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise InvalidFindings({key: "is given more than once"})
        seen[key] = value
    return seen


def _whole_number(text: str) -> int | TooManyDigits:
    # Not converted (Python refuses ints of over 4,300 digits), and not refused here: the field check names it.
    digits = len(text.lstrip("-"))
    return TooManyDigits(digits) if digits > MAX_DIGITS else int(text)


def _no_constant(name: str) -> Any:
    raise InvalidFindings({"input": f"{name} is not a JSON number"})


def decode(text: str | bytes) -> Any:
    """Decoded JSON, or InvalidFindings naming the input (or a field given twice) as what is wrong.
    Strict JSON only: no NaN or Infinity, no duplicate keys, bounded size, depth and digits."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as problem:
            raise InvalidFindings({"input": f"not UTF-8 text ({problem.reason} at byte {problem.start})"}) from None
    if len(text) > MAX_INPUT_CHARS:
        raise InvalidFindings({"input": f"more than {MAX_INPUT_CHARS} characters"})
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_whole_number, parse_constant=_no_constant)
    except json.JSONDecodeError as problem:
        raise InvalidFindings({"input": f"not valid JSON ({problem})"}) from None
    except RecursionError:
        raise InvalidFindings({"input": "nested too deeply"}) from None


def respond(request: str) -> str:
    """One browser request: findings JSON in, {"assessment": ...} or {"errors": {...}} out."""
    try:
        return json.dumps({"assessment": assess(decode(request))})
    except InvalidFindings as problem:
        return json.dumps({"errors": problem.errors})


def respond_with_notes(request: str) -> str:
    """One browser request with its summary for the notes: {"findings", "index", "about"} in (`notes.summary`
    says what the last two hold), {"assessment": ..., "notes": text} or {"errors": {...}} out."""
    try:
        data = decode(request)  # the same strict reading as `respond`: a key given twice is an error
        assessment = assess(data["findings"])
        return json.dumps({"assessment": assessment, "notes": summary(assessment, data["index"], data["about"])})
    except InvalidFindings as problem:
        return json.dumps({"errors": problem.errors})
