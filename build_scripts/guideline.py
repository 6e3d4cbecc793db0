"""Reading the guideline's Markdown: citations, recommendation statements, references.

Pure functions over text, used by the `shortcodes` hook and by the tests. The
shortcode syntax follows Material for MkDocs' own docs: `<!-- md:name args -->`.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SHORTCODE = re.compile(r"<!--\s*md:([\w-]+)(.*?)-->")
CITE_ARGS = re.compile(r"^\s*[1-9]\d*(\s*,\s*[1-9]\d*)*\s*$")
STATUSES = ("probable", "possible", "not identified")
REFERENCES_PAGE = "references.md"


@dataclass(frozen=True)
class Candidate:
    citation: str
    doi: str | None = None
    pmid: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Reference:
    number: int
    status: str
    cited_for: str
    candidates: tuple[Candidate, ...]
    status_detail: str | None = None
    candidates_heading: str | None = None


@dataclass(frozen=True)
class References:
    note: str
    statuses: dict[str, str]
    by_number: dict[int, Reference]


@dataclass(frozen=True)
class Citation:
    number: int
    page: str  # src_uri of the citing page
    anchor: str  # id of the citation link on that page
    snippet: str  # the start of the citing statement, for back-link labels


@dataclass(frozen=True)
class Statement:
    """A recommendation as the guideline states it: the element with its id, and its list."""

    id: str
    page: str
    section: str  # the page's H1
    text: str
    items: tuple[str, ...]
    citations: tuple[int, ...]
    markdown: str  # the source lines of the statement and its list, shortcodes included


@dataclass
class PageScan:
    title: str
    citations: list[Citation]
    statements: list[Statement]
    problems: list[str]


def load_references(path: Path) -> References:
    """The reference list; ValueError when it is malformed."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    by_number: dict[int, Reference] = {}
    for raw in data["references"]:
        ref = Reference(
            number=raw["number"],
            status=raw["status"],
            cited_for=raw["cited_for"],
            candidates=tuple(Candidate(**c) for c in raw.get("candidates", [])),
            status_detail=raw.get("status_detail"),
            candidates_heading=raw.get("candidates_heading"),
        )
        if ref.status not in STATUSES:
            raise ValueError(f"{path}: reference {ref.number}: unknown status {ref.status!r}")
        if ref.number in by_number:
            raise ValueError(f"{path}: reference {ref.number} is listed twice")
        by_number[ref.number] = ref
    if sorted(by_number) != list(range(1, len(by_number) + 1)):
        raise ValueError(f"{path}: references must be numbered 1 to {len(by_number)} without gaps")
    return References(note=data["note"], statuses=data["statuses"], by_number=by_number)


def parse_cite(args: str) -> tuple[int, ...]:
    """`1, 5` -> (1, 5); ValueError for anything else."""
    if not CITE_ARGS.match(args):
        raise ValueError(f"malformed citation {args.strip()!r}: expected numbers such as '1' or '1, 5'")
    return tuple(int(n) for n in args.split(","))


def plain_text(line: str) -> str:
    """A Markdown source line as reading text: no list marker, shortcodes or Markdown emphasis."""
    text = SHORTCODE.sub("", line).strip()
    text = re.sub(r"^[-*]\s+", "", text)
    text = re.sub(r"\s+([.:,;])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def cite_numbers(line: str) -> tuple[int, ...]:
    return tuple(n for name, args in SHORTCODE.findall(line) if name == "cite" for n in parse_cite(args))


def scan_page(src_uri: str, markdown: str) -> PageScan:
    """Citations and recommendation statements of one page, with what is wrong in it."""
    lines = markdown.splitlines()
    title_match = re.search(r"^# (.+)$", markdown, re.MULTILINE)
    scan = PageScan(
        title=title_match.group(1).strip() if title_match else src_uri, citations=[], statements=[], problems=[]
    )
    counts: dict[int, int] = {}
    for index, line in enumerate(lines):
        for name, args in SHORTCODE.findall(line):
            where = f"{src_uri}:{index + 1}"
            if name == "cite":
                try:
                    numbers = parse_cite(args)
                except ValueError as problem:
                    scan.problems.append(f"{where}: {problem}")
                    continue
                for number in numbers:
                    counts[number] = counts.get(number, 0) + 1
                    scan.citations.append(
                        Citation(number, src_uri, f"cite-{number}-{counts[number]}", plain_text(line)[:70])
                    )
            elif name == "rec":
                statement = _statement(args.strip(), src_uri, scan.title, lines, index)
                if isinstance(statement, str):
                    scan.problems.append(f"{where}: {statement}")
                else:
                    scan.statements.append(statement)
    return scan


def _statement(rec_id: str, src_uri: str, title: str, lines: list[str], at: int) -> Statement | str:
    """The statement a `rec` shortcode marks: the line just above it, and its list if it ends in ':'."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rec_id):
        return f"malformed recommendation id {rec_id!r}"
    if SHORTCODE.sub("", lines[at]).strip():
        return f"the rec shortcode for {rec_id!r} must stand on its own line, below its statement"
    if at == 0 or not lines[at - 1].strip():
        return f"the rec shortcode for {rec_id!r} must follow the line of its statement directly"
    head = lines[at - 1]
    text, citations, items, source = plain_text(head), list(cite_numbers(head)), [], [head.strip(), ""]
    if text.endswith(":"):
        rest = lines[at + 1 :]
        first = next((i for i, line in enumerate(rest) if line.strip()), len(rest))
        for line in rest[first:]:
            if line.startswith("- "):
                items.append(plain_text(line))
                citations.extend(cite_numbers(line))
                source.append(line.rstrip())
            elif not line.startswith("  "):  # a blank or unindented line ends the list
                break
    return Statement(
        rec_id, src_uri, title, text, tuple(items), tuple(dict.fromkeys(citations)), "\n".join(source).strip()
    )


def relative_link(target_src: str, from_src: str) -> str:
    """A Markdown link target from one docs page to another, as MkDocs resolves and checks it."""
    return posixpath.relpath(target_src, posixpath.dirname(from_src) or ".")


def render_cite(numbers: tuple[int, ...], references: References, from_src: str, anchors: list[str] | None) -> str:
    """Superscript links to the References page; `anchors` gives each link its id (none for copies)."""
    links = []
    for i, number in enumerate(numbers):
        ref = references.by_number[number]
        label = f"Reference {number}: {ref.status}"
        classes = " .cite-unverified" if ref.status == "not identified" else ""
        anchor = f" #{anchors[i]}" if anchors else ""
        target = f"{relative_link(REFERENCES_PAGE, from_src)}#ref-{number}"
        links.append(f'[{number}]({target}){{{anchor}{classes} title="{label}" aria-label="{label}"}}')
    return '<sup class="cite">' + ", ".join(links) + "</sup>"
