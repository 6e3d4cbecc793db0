"""Reading the guideline's Markdown: citations, recommendation statements, references.

Pure functions over text, used by the `shortcodes` hook and by the tests. The
shortcode syntax follows Material for MkDocs' own docs: `<!-- md:name args -->`.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from .paths import REFERENCES_PAGE

# Every shortcode the `shortcodes` hook renders; the scan fails the build on any other, with its line.
SHORTCODES = frozenset(
    ("cite", "rec", "rec-start", "rec-end", "statement", "references", "readings", "flowchart", "test-cases")
    + ("calculator-form", "build-info", "offline-copy", "keep-rule", "fhir-artifacts", "fhir-mapping")
)
SHORTCODE = re.compile(r"<!--\s*md:([\w-]+)(.*?)-->")
CITE_ARGS = re.compile(r"^\s*[1-9]\d*(\s*,\s*[1-9]\d*)*\s*$")
STATUSES = ("probable", "possible", "not identified")
UNVERIFIED = "not identified"
# A citation of an unverified reference is marked in words that survive touch screens, paper and
# screen readers: a dagger after the number, explained by this legend.
DAGGER = "\u2020"
UNVERIFIED_LEGEND = f"{DAGGER} source not identified: the figure is as the guideline states it, unverified."


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
    line: int  # in the page's source file


@dataclass(frozen=True)
class Item:
    """One item of a statement's list, with its own citation numbers in the source's order."""

    text: str
    citations: tuple[int, ...]


@dataclass(frozen=True)
class Statement:
    """A recommendation as the guideline states it: the element with its id, and its list."""

    id: str
    page: str
    section: str  # the page's H1
    text: str
    citations: tuple[int, ...]  # the statement's own, not its items'
    items: tuple[Item, ...]
    markdown: str  # the source lines of the statement and its list, shortcodes included
    line: int = 0  # of its id in the page's source file

    @property
    def where(self) -> str:
        return f"{self.page}:{self.line}"


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
    """The citation numbers of a line, in order; a malformed citation gives none (the scan reports it)."""
    numbers: list[int] = []
    for name, args in SHORTCODE.findall(line):
        if name == "cite" and CITE_ARGS.match(args):
            numbers += parse_cite(args)
    return tuple(numbers)


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
            if name not in SHORTCODES:
                scan.problems.append(f"{where}: unknown shortcode 'md:{name}'")
            elif name == "cite":
                try:
                    numbers = parse_cite(args)
                except ValueError as problem:
                    scan.problems.append(f"{where}: {problem}")
                    continue
                for number in numbers:
                    counts[number] = counts.get(number, 0) + 1
                    scan.citations.append(
                        Citation(number, src_uri, f"cite-{number}-{counts[number]}", plain_text(line)[:70], index + 1)
                    )
            elif name == "rec":
                statement = _statement(args.strip(), src_uri, scan.title, lines, index)
                if isinstance(statement, str):
                    scan.problems.append(f"{where}: {statement}")
                else:
                    scan.statements.append(replace(statement, line=index + 1))
            elif name == "rec-start":
                clause = _clause(args.strip(), src_uri, scan.title, line)
                if isinstance(clause, str):
                    scan.problems.append(f"{where}: {clause}")
                else:
                    scan.statements.append(replace(clause, line=index + 1))
    return scan


CLAUSE = re.compile(r"<!--\s*md:rec-start\s+([\w-]+)\s*-->(.*?)<!--\s*md:rec-end\s*-->")


def _clause(rec_id: str, src_uri: str, title: str, line: str) -> Statement | str:
    """A recommendation that is one clause of a sentence: `<!-- md:rec-start ID -->clause<!-- md:rec-end -->`.
    It keeps the sentence's citations, which the source puts at the end of the sentence."""
    match = next((m for m in CLAUSE.finditer(line) if m.group(1) == rec_id), None)
    if match is None or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rec_id):
        return f"md:rec-start {rec_id!r} needs a well-formed id and an md:rec-end on the same line"
    text = plain_text(match.group(2))
    return Statement(rec_id, src_uri, title, text, cite_numbers(line), (), text)


def _statement(rec_id: str, src_uri: str, title: str, lines: list[str], at: int) -> Statement | str:
    """The statement a `rec` shortcode marks: the line just above it, and its list if it ends in ':'."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rec_id):
        return f"malformed recommendation id {rec_id!r}"
    if SHORTCODE.sub("", lines[at]).strip():
        return f"the rec shortcode for {rec_id!r} must stand on its own line, below its statement"
    if at == 0 or not lines[at - 1].strip():
        return f"the rec shortcode for {rec_id!r} must follow the line of its statement directly"
    head = lines[at - 1]
    text, items, source = plain_text(head), [], [head.strip(), ""]
    if text.endswith(":"):
        items = list_items(lines, at + 1)
        source += [line.rstrip() for line in lines[at + 1 :] if line.startswith("- ")][: len(items)]
    return Statement(rec_id, src_uri, title, text, cite_numbers(head), tuple(items), "\n".join(source).strip())


def list_items(lines: list[str], start: int) -> list[Item]:
    """The list that follows line `start` (blank or shortcode-only lines before it allowed), each item
    with its citations."""
    rest = lines[start:]
    first = next((i for i, line in enumerate(rest) if plain_text(line)), len(rest))
    items = []
    for line in rest[first:]:
        if line.startswith("- "):
            items.append(Item(plain_text(line), cite_numbers(line)))
        elif not line.startswith("  "):  # a blank or unindented line ends the list
            break
    return items


@dataclass(frozen=True)
class Line:
    """A line of a guideline page as a reader sees it, with its citations and the list below it."""

    page: str
    text: str
    citations: tuple[int, ...]
    items: tuple[Item, ...]


def page_lines(src_uri: str, markdown: str) -> list[Line]:
    """Every non-blank line of a page (headings without their '#'), for checking quotes against."""
    lines = markdown.splitlines()
    return [
        Line(src_uri, plain_text(re.sub(r"^#+\s+", "", line)), cite_numbers(line), tuple(list_items(lines, i + 1)))
        for i, line in enumerate(lines)
        if line.strip() and not line.startswith("  ")
    ]


def relative_link(target_src: str, from_src: str) -> str:
    """A Markdown link target from one docs page to another, as MkDocs resolves and checks it."""
    return posixpath.relpath(target_src, posixpath.dirname(from_src) or ".")


def citation_link(number: int, references: References) -> dict[str, Any]:
    """What a citation link to reference `number` shows: its text (a dagger when the source is not
    identified), its accessible label, and whether it is unverified. Pages and the calculator both use it."""
    ref = references.by_number[number]
    unverified = ref.status == UNVERIFIED
    return {
        "text": f"{number}{DAGGER if unverified else ''}",
        "label": f"Reference {number}: " + ("source not identified" if unverified else ref.status),
        "unverified": unverified,
        "status": ref.status,
    }


def render_cite(numbers: tuple[int, ...], references: References, from_src: str, anchors: list[str] | None) -> str:
    """Superscript links to the References page; `anchors` gives each link its id (none for copies)."""
    links = []
    for i, number in enumerate(numbers):
        link = citation_link(number, references)
        classes = " .cite-unverified" if link["unverified"] else ""
        anchor = f" #{anchors[i]}" if anchors else ""
        target = f"{relative_link(REFERENCES_PAGE, from_src)}#ref-{number}"
        label = link["label"]
        links.append(f'[{link["text"]}]({target}){{{anchor}{classes} title="{label}" aria-label="{label}"}}')
    return '<sup class="cite">' + ", ".join(links) + "</sup>"


def unverified_legend() -> str:
    """The line under every page that cites a reference whose source is not identified."""
    return f'<p class="unverified-legend">{UNVERIFIED_LEGEND}</p>'


def quote_problems(quotes: tuple[Any, ...], lines: list[Line]) -> list[str]:
    """What is wrong with the decision module's quotes of the guideline: each must stand on a page word
    for word, with the same citation numbers, and with its list's items and their citations in order."""
    problems = []
    for quote in quotes:
        found = [line for line in lines if quote.text in line.text and line.citations == quote.citations]
        items = [(item.text, item.citations) for item in quote.items]
        if not any(not items or items == [(i.text, i.citations) for i in line.items] for line in found):
            cited = f" [{', '.join(map(str, quote.citations))}]" if quote.citations else ""
            problems.append(f"calculator quotes {quote.text!r}{cited}, which no page states so (with its list)")
    return problems
