"""The PDF handout: a one-page summary for the wall (red flags, timing, the decision as a flowchart),
then every page's content in navigation order, printed by Chromium to A4 with page numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from pathlib import Path

import jinja2

from calculator.quotes import RED_FLAGS

from . import flowchart
from .browser import page_on_served_site
from .facts import source_date_epoch
from .guideline import UNVERIFIED_LEGEND, References, citation_link
from .paths import PDF, READINGS_PAGE

TEMPLATES = Path(__file__).parent / "templates"
FOOTER = (
    '<div style="font-size:8pt;width:100%;text-align:center;color:#555">'
    '{title} - page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
)


@dataclass(frozen=True)
class Section:
    title: str
    html: str  # the page's content as MkDocs rendered it


def handout_html(site: Path, sections: list[Section], references: References, meta: dict[str, str]) -> str:
    """The handout as one HTML page; `meta` gives its title, version line and disclaimer."""

    def cited(text: str, numbers: tuple[int, ...]) -> str:
        marks = [citation_link(n, references)["text"] for n in numbers]
        return escape(text) + (f' <sup class="cite">{", ".join(marks)}</sup>' if marks else "")

    sheets = sorted(site.glob("assets/stylesheets/main.*.min.css")) + [site / "assets/stylesheets/guideline.css"]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False)
    return paper_links(
        env.get_template("handout.html.j2").render(
            red_flags={
                "text": cited(RED_FLAGS.text, RED_FLAGS.citations),
                "items": [cited(i.text, i.citations) for i in RED_FLAGS.items],
            },
            timing=flowchart.timing(),
            flowchart=flowchart.figure("../" + READINGS_PAGE.removesuffix(".md") + "/"),
            legend=UNVERIFIED_LEGEND,
            sections=sections,
            stylesheets=["../" + s.relative_to(site).as_posix() for s in sheets],
            **meta,
        )
    )


LINK = re.compile(r'<a\b([^>]*?)\shref="([^"]*)"')


def paper_links(html: str) -> str:
    """Links as they work on paper and in a PDF reader: one to a place the handout holds goes there (a link
    inside the PDF); one to another host stays; one to a page of the site becomes plain text, since a PDF
    has no site around it (and Chromium would write the build's own local server into it)."""
    ids = set(re.findall(r'\sid="([^"]+)"', html))

    def link(match: re.Match[str]) -> str:
        attributes, href = match.groups()
        fragment = href.partition("#")[2]
        if fragment in ids:
            return f'<a{attributes} href="#{fragment}"'
        if href.startswith(("https://", "http://", "mailto:")):
            return match.group(0)
        return f"<a{attributes}"

    return LINK.sub(link, html)


PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}\+00'00'\)")


def fixed_dates(pdf: bytes, epoch: int) -> bytes:
    """The PDF's creation and modification dates set to `epoch` (SOURCE_DATE_EPOCH): the same length, so
    every offset in the file holds, and two builds of one commit give the same bytes."""
    stamp = datetime.fromtimestamp(epoch, UTC).strftime("%Y%m%d%H%M%S").encode()
    return PDF_DATE.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp + b"+00'00')", pdf)


def print_handout(site: Path, html: str, title: str) -> Path:
    """Print `html` (written beside the PDF for the time it takes, so its links resolve) with Chromium."""
    (site / PDF).parent.mkdir(parents=True, exist_ok=True)
    source = site / PDF.with_suffix(".html")
    source.write_text(html, encoding="utf-8")
    try:
        with page_on_served_site(site) as (page, base):
            page.goto(base + source.relative_to(site).as_posix(), wait_until="networkidle")
            page.emulate_media(media="print")
            page.pdf(
                path=str(site / PDF),
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER.format(title=title),
                margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
            )
    finally:
        source.unlink(missing_ok=True)
    if (epoch := source_date_epoch()) is not None:
        (site / PDF).write_bytes(fixed_dates((site / PDF).read_bytes(), epoch))
    return site / PDF
