"""The worker's self-check: one case and the answer CPython gives it, recorded by the build. After
Python starts in the browser (from the snapshot, or from nothing) the worker answers the same case
and says "ready" only if the two are identical; a snapshot that restores into a state that answers
this case differently is caught, and the page starts a worker that boots without it. (Files of two
builds are kept apart by the hosting rules of the README and by the service worker's hashes.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from calculator.api import respond

from .paths import KNOWN_ANSWER

# Many rules at once: a compression on MRI beyond day 42 with every surgical modifier answered yes.
CASE: dict[str, Any] = {
    "course": "stable",
    "laterality": "unilateral",
    "cauda_equina": False,
    "multilevel_motor_deficit": False,
    "severe_deficit": False,
    "days_since_onset": 50,
    "dorsiflexion_mrc": 2,
    "mri": "compression",
    "functional_impairment": True,
    "instability": True,
    "recurrent_herniation": True,
    "chronic_axial_pain": True,
    "heavy_manual_labor": True,
    "significant_preoperative_axial_pain": True,
}


def record(site: Path) -> Path:
    """Write the case and CPython's reply, byte for byte what the worker's `respond` must return."""
    answer = respond(json.dumps(CASE))
    if '"assessment"' not in answer:
        raise ValueError(f"the self-check case is not a valid patient: {answer}")
    dest = site / KNOWN_ANSWER
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(json.dumps({"findings": CASE, "answer": answer}), encoding="utf-8")
    return dest
