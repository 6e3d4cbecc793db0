"""The JSON Schema of the findings, generated from the form questions in findings.py.

The browser form is built from this schema, so questions, hints and option
labels have one source: `QUESTIONS`.
"""

from __future__ import annotations

import enum
from typing import Any

from .findings import NOT_ADDRESSED, QUESTIONS, SCOPE, Question

_JSON_TYPE = {bool: "boolean", int: "integer"}


def _json(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _property(question: Question) -> dict[str, Any]:
    prop: dict[str, Any] = {
        "type": _JSON_TYPE.get(question.kind, "string"),
        "title": question.label,
        "description": question.hint,
        "x-group": question.group,
        "x-red-flag": question.red_flag,
    }
    if question.date_label:
        prop["x-date-label"] = question.date_label
    if question.hint_readings:
        prop["x-hint-readings"] = [r.value for r in question.hint_readings]
    if question.minimum is not None:
        prop["minimum"] = question.minimum
        prop["maximum"] = question.maximum
    if question.options:
        prop["oneOf"] = [{"const": _json(value), "title": label} for value, label in question.options]
    if not question.required and question.default is not None:
        prop["default"] = _json(question.default)
    return prop


def findings_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the findings object; property order is the form's order."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Findings in foot drop due to disc herniation",
        "description": SCOPE,
        "x-not-addressed": NOT_ADDRESSED,
        "type": "object",
        "properties": {q.name: _property(q) for q in QUESTIONS},
        "required": [q.name for q in QUESTIONS if q.required],
        "additionalProperties": False,
    }
