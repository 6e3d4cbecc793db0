"""The sources of truth the tests read: the project's copy of the guideline text and the contract,
the reference list, and the site's navigation. Nothing here is a copy of what it describes."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.support.site_html import source_lines

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SOURCE_TEXT = DATA / "guideline-source.txt"
SOURCE = source_lines(SOURCE_TEXT)
SOURCE_CITATIONS = {s.text: s.citations for s in SOURCE}

CONTRACT = (DATA / "decision-contract.md").read_text()
_ID_TABLE = CONTRACT.split("Recommendation ids")[1].split("## ")[0]
CONTRACT_IDS = re.findall(r"^\| `([a-z-]+)` \|", _ID_TABLE, re.MULTILINE)
CONTRACT_KINDS = dict(re.findall(r"^\| `([a-z-]+)` \| (guideline|reading) \|", _ID_TABLE, re.MULTILINE))
GUIDELINE_IDS = [i for i in CONTRACT_IDS if CONTRACT_KINDS[i] == "guideline"]
READING_IDS = [i for i in CONTRACT_IDS if CONTRACT_KINDS[i] == "reading"]
CONTRACT_READINGS = re.findall(r"^- `([a-z-]+)`", CONTRACT.split("## Readings")[1].split("## ")[0], re.MULTILINE)

REFERENCES = yaml.safe_load((ROOT / "docs" / "references.yml").read_text())["references"]
REFERENCE_NUMBERS = {r["number"] for r in REFERENCES}
UNVERIFIED = {r["number"] for r in REFERENCES if r["status"] == "not identified"}


def _nav_pages(entries: list) -> list[str]:
    out: list[str] = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        out += _nav_pages(value) if isinstance(value, list) else [value]
    return out


class _Loader(yaml.SafeLoader):
    pass


# mkdocs.yml uses !ENV, which plain YAML does not know; its value does not matter here.
_Loader.add_constructor("!ENV", lambda loader, node: None)
NAV_PAGES = _nav_pages(yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Loader)["nav"])  # noqa: S506
# Each page's URL path as the built site serves it ("" for the home page).
PAGE_PATHS = ["" if p == "index.md" else p.removesuffix(".md") + "/" for p in NAV_PAGES]


def shown_citations(numbers: tuple[int, ...] | list[int]) -> list[str]:
    """Citation link texts as a reader sees them: a dagger after each unverified reference."""
    return [f"{n}\u2020" if n in UNVERIFIED else str(n) for n in numbers]


def page_title(page: str) -> str:
    """A docs page's H1."""
    match = re.search(r"^# (.+)$", (ROOT / "docs" / page).read_text(), re.MULTILINE)
    assert match, page
    return match.group(1).strip()


def _contract_words(after: str, until: str) -> str:
    """A passage the contract gives word for word, between two markers, its line breaks folded."""
    text = " ".join(CONTRACT.split())
    start = text.index(after) + len(after)
    return text[start : text.index(until, start)]


_FORM = " ".join(CONTRACT.split("### How the form asks them")[1].split("## Rules")[0].split())
# The form's words as contract version 3 gives them (section "How the form asks them").
FORM_WORDS = {
    "cauda_equina label": _contract_words('`cauda_equina`: label "', '"; hint:'),
    "cauda_equina hint": _contract_words('"; hint: "', '" - `mri`'),
    "mri compression": re.findall(r'"(MRI shows [^"]+)"', _FORM)[0],
    "mri no compression": re.findall(r'"(MRI shows [^"]+)"', _FORM)[1],
    "severe_deficit hint": _contract_words('`severe_deficit`: hint: "', '" It quotes nothing else'),
    "course addition": _contract_words('and adds: "', '", linked to reading'),
    "not addressed": _contract_words('this note word for word: "', '" Tests check the exact text'),
}

# The watch-for line's words for each red flag: the source's, and cauda equina as the form asks it (contract).
WATCH_WORDS = {
    "progressive": "progressive motor weakness",
    "bilateral": "bilateral foot drop",
    "cauda_equina": "cauda equina syndrome or its symptoms, present or suspected",
    "multilevel": "multiple level motor deficits",
}
