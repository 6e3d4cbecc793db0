"""The PDF handout: a one-page summary for the wall (red flags, timing, the decision as a flowchart),
then every page's content in navigation order, printed by Chromium to A4 with page numbers."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import jinja2

from calculator.quotes import RED_FLAGS

from . import flowchart
from .browser import page_on_served_site
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
    return env.get_template("handout.html.j2").render(
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
    return site / PDF
