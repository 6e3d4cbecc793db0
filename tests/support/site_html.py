"""Reading built pages as blocks of text with their citation numbers, the way a reader sees them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

BLOCK_TAGS = {"p", "li", "h1", "h2", "h3"}
CITATION_GROUP = re.compile(r"\s((?:\d+,\s)*\d+)(?=[.:]?$|\.\s)")


def normalise(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\s+([.:,;])", r"\1", text)


@dataclass(frozen=True)
class Block:
    tag: str
    id: str | None
    classes: tuple[str, ...]
    text: str
    citations: tuple[int, ...]


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[Block] = []
        self.open: list[tuple[str, dict[str, str | None], list[str], list[str]]] = []
        self.in_cite = 0
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "sup" and (self.in_cite or "cite" in (a.get("class") or "").split()):
            self.in_cite += 1
        if tag == "a" and "headerlink" in (a.get("class") or ""):
            self.skip += 1
        if tag in BLOCK_TAGS:
            self.open.append((tag, a, [], []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "sup" and self.in_cite:
            self.in_cite -= 1
            for _, _, _, cites in self.open:
                cites.append(" ")
        if tag == "a" and self.skip:
            self.skip -= 1
        if tag in BLOCK_TAGS and self.open and self.open[-1][0] == tag:
            _, a, text, cites = self.open.pop()
            numbers = tuple(int(n) for n in re.findall(r"\d+", "".join(cites)))
            self.blocks.append(
                Block(tag, a.get("id"), tuple((a.get("class") or "").split()), normalise("".join(text)), numbers)
            )

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        for _, _, text, cites in self.open:
            (cites if self.in_cite else text).append(data)


def blocks(html: str) -> list[Block]:
    parser = _Blocks()
    parser.feed(html)
    return parser.blocks


def pages(site: Path) -> dict[str, str]:
    """Every HTML page of the built site by its path relative to the site root."""
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


@dataclass(frozen=True)
class SourceStatement:
    text: str
    citations: tuple[int, ...]


def source_lines(path: Path) -> list[SourceStatement]:
    """Each line of the source text: its wording without citation numbers, and those numbers in order."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = re.sub(r"^- ", "", line.strip())
        if not line:
            continue
        citations = tuple(int(n) for group in CITATION_GROUP.findall(line) for n in group.split(","))
        out.append(SourceStatement(normalise(CITATION_GROUP.sub("", line)), citations))
    return out
