"""The calculator's form as HTML, generated from the decision module's JSON Schema.

Questions, hints and option labels come from `calculator`; nothing here repeats them.
"""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2

from calculator import findings_schema
from calculator.assessment import PanelMark
from calculator.findings import NOT_ADDRESSED, SCOPE
from calculator.readings import READING_BY_ID, ReadingId

from .paths import INDEX, KNOWN_ANSWER, PDF, SNAPSHOT, SNAPSHOT_JSC, WHEEL, WORKER

TEMPLATES = Path(__file__).parent / "templates"
# How long this tab keeps a patient's answers after the last one, so that reading the guideline and coming back
# keeps them; the page script and the About page read it here.
KEEP_MINUTES = 15


def keep_rule() -> str:
    """The rule in words, for the About page."""
    return (
        "The calculator keeps the answers only in this browser tab's own session storage, so that following a link "
        'from the result into the guideline and coming back (with Back, or the page\'s "Back to the calculator" '
        f"link) keeps the patient. They are removed {KEEP_MINUTES} minutes after the last answer, when the tab is "
        'closed, or at once with "New patient". They are never kept in local storage, a cookie, the address or '
        "the offline copy, and a page opened in another tab starts empty."
    )


def questions(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """Schema properties as template-ready questions, in the schema's order."""
    out = []
    for name, prop in schema["properties"].items():
        required = name in schema["required"]
        options = [{"value": json.dumps(o["const"]), "label": o["title"]} for o in prop.get("oneOf", [])]
        checked = json.dumps(prop["default"]) if "default" in prop else None
        if options and not required and checked is None:
            # An optional choice with no default (the MRC grade) starts as "not recorded".
            options.insert(0, {"value": "", "label": "Not recorded"})
            checked = ""
        out.append(
            {
                "name": name,
                "title": prop["title"],
                "hint": prop.get("description", ""),
                "group": prop.get("x-group", ""),
                "red_flag": prop.get("x-red-flag", False),
                "required": required,
                "options": options,
                "checked": checked,
                "minimum": prop.get("minimum"),
                "maximum": prop.get("maximum"),
                "date_label": prop.get("x-date-label", ""),
                "hint_readings": [READING_BY_ID[ReadingId(r)] for r in prop.get("x-hint-readings", [])],
            }
        )
    return out


def render_form(root: str, readings_url: str, print_meta: dict[str, str]) -> str:
    """The form, results and guideline panel; `root` is the site root as a URL relative to the
    calculator page, `readings_url` the page of readings; `print_meta` heads and foots the printout.
    The page script gets every path it needs from the `data-*` attributes this writes."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    groups = [(group, list(items)) for group, items in groupby(questions(findings_schema()), key=lambda q: q["group"])]
    html = env.get_template("calculator.html.j2").render(
        groups=groups,
        root=root,
        paths={
            name: path.as_posix()
            for name, path in {
                "pdf": PDF,
                "index": INDEX,
                "worker": WORKER,
                "wheel": WHEEL,
                "snapshot": SNAPSHOT,
                "snapshot_jsc": SNAPSHOT_JSC,
                "check": KNOWN_ANSWER,
            }.items()
        },
        print_meta=print_meta,
        readings_url=readings_url,
        scope=SCOPE,
        not_addressed=NOT_ADDRESSED,
        panel_marks=[mark.value for mark in PanelMark],
        keep_minutes=KEEP_MINUTES,
    )
    # Markdown must not touch generated HTML: no blank lines, so it stays one raw block.
    return "\n".join(line for line in html.splitlines() if line.strip())
