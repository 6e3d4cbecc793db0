"""The calculator's public entry points: dict in, dict out; JSON in, JSON out.

The browser worker makes exactly one call per request, to `respond`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .findings import InvalidFindings, findings_to_dict, parse_findings
from .rules import assess_findings


def assess(findings: Mapping[str, Any]) -> dict[str, Any]:
    """The assessment for decoded findings; raises InvalidFindings on bad input.

    The findings come back too, defaults filled in, so a printout shows what was assessed.
    """
    parsed = parse_findings(findings)
    return {**assess_findings(parsed).to_dict(), "findings": findings_to_dict(parsed)}


def decode(text: str) -> Any:
    """Decoded JSON, or InvalidFindings naming the input as the field in error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as problem:
        raise InvalidFindings({"input": f"not valid JSON ({problem})"}) from None


def respond(request: str) -> str:
    """One browser request: findings JSON in, {"assessment": ...} or {"errors": {...}} out."""
    try:
        return json.dumps({"assessment": assess(decode(request))})
    except InvalidFindings as problem:
        return json.dumps({"errors": problem.errors})
