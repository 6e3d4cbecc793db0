"""The clinical vignettes of tests/vignettes/ as a published page of test cases, and as one JSON download.

The same files drive the CPython and the in-browser tests; publishing them lets anyone check the
calculator, or their own implementation of the guideline, against them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .paths import ROOT, TEST_CASES

VIGNETTES = ROOT / "tests" / "vignettes"


def load() -> dict[str, list[dict[str, Any]]]:
    """Each vignette file's cases, by the file's theme (its name), in file order."""
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(VIGNETTES.glob("*.json"))}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80]


def _value(value: Any) -> str:
    return f"`{json.dumps(value)}`"


def page(download_link: str) -> str:
    """The page body: one section per theme, one entry per case with its findings and what is expected."""
    themes = load()
    count = sum(len(cases) for cases in themes.values())
    out = [
        '<div class="test-cases" markdown>',  # guideline.css draws its off-screen parts only when in view
        "",
        # Raw HTML: the download is written by the build, not a docs page MkDocs could check.
        f'{count} cases. Download them all as JSON: <a href="{download_link}" download>{TEST_CASES.name}</a>. '
        "Each gives the findings "
        "(the calculator's input) and the expected pathway, card level, imaging, surgery, fusion, reassessment day, "
        "what to come back for (watch for), whether the late-bilateral note shows, and the recommendation ids in "
        "their order; for a low MRC grade, whether the card prompts for a severe judgement (mrc_prompt).",
        "",
    ]
    for theme, cases in themes.items():
        out += [f"## {theme.replace('-', ' ').capitalize()}", ""]
        for case in cases:
            e = case["expected"]
            out += [f"### {case['name']} {{ #{_slug(case['name'])} }}", ""]
            out.append("Findings: " + "; ".join(f"`{k}` {_value(v)}" for k, v in case["findings"].items()) + ".")
            out.append("")
            out.append(
                "Expected: "
                + "; ".join(
                    f"`{k}` {_value(e[k])}"
                    for k in (
                        "pathway",
                        "level",
                        "imaging",
                        "surgery",
                        "fusion",
                        "fusion_reasons",
                        "red_flags",
                        "reassess_on_day",
                        "watch_for",
                        "late_bilateral",
                        *(["mrc_prompt"] if "mrc_prompt" in e else []),
                    )
                )
                + "."
            )
            out += ["", "Recommendations, in order: " + ", ".join(f"`{i}`" for i in e["recommendation_ids"]) + ".", ""]
    return "\n".join([*out, "</div>"])


def write_download(site: Path) -> None:
    path = site / TEST_CASES
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(load(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
