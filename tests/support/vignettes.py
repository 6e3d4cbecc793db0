"""The clinical vignettes in tests/vignettes/: one case set for CPython and the browser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

VIGNETTE_DIR = Path(__file__).parents[1] / "vignettes"


def load_vignettes() -> list[dict[str, Any]]:
    cases = []
    for path in sorted(VIGNETTE_DIR.glob("*.json")):
        cases.extend(json.loads(path.read_text(encoding="utf-8")))
    return cases


VIGNETTES = load_vignettes()
VIGNETTE_IDS = [case["name"] for case in VIGNETTES]
