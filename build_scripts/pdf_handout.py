"""MkDocs hook: print the guideline to `site/downloads/foot-drop-guideline.pdf` with Chromium.

The handout is the built pages' article content, in navigation order, without the calculator:
a title page (title, version and date, disclaimer), every section, the References, the About
page. Chromium prints it through Playwright, A4 with page numbers.
"""

from __future__ import annotations

import re
import sys
from html import escape
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation

sys.path.insert(0, str(Path(__file__).parent))

import flowchart  # noqa: E402
from guideline import DAGGER, UNVERIFIED, UNVERIFIED_LEGEND, load_references  # noqa: E402
from site_build import build_info, is_offline_copy, page_on_served_site  # noqa: E402

from calculator.quotes import RED_FLAGS  # noqa: E402

PDF = Path("downloads/foot-drop-guideline.pdf")
# A form has no place on paper; the test cases are data for implementers, published as JSON too.
LEFT_OUT = {"calculator.md", "test-cases.md"}
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)
FOOTER = (
    '<div style="font-size:8pt;width:100%;text-align:center;color:#555">'
    '{title} - page <span class="pageNumber"></span> of <span class="totalPages"></span></div>'
)

pages_in_order: list[tuple[str, str]] = []  # (src_uri, url)


def on_nav(nav: Navigation, config: MkDocsConfig, files: object) -> None:
    pages_in_order.clear()
    pages_in_order.extend((p.file.src_uri, p.file.url) for p in nav.pages if p.file.src_uri not in LEFT_OUT)


def handout_html(site: Path, config: MkDocsConfig) -> str:
    sections = []
    for src, url in pages_in_order:
        built = site / (url + "index.html" if url.endswith("/") or not url else url)
        match = ARTICLE.search(built.read_text(encoding="utf-8"))
        if not match:
            raise PluginError(f"pdf_handout: no article in {built}")
        title = re.search(r"<h1[^>]*>(.*?)<", match.group(1))
        sections.append({"title": title.group(1) if title else src, "html": match.group(1)})
    sheets = sorted(site.glob("assets/stylesheets/main.*.min.css")) + [site / "assets/stylesheets/guideline.css"]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=False)
    references = load_references(Path(config.docs_dir) / "references.yml")

    def cited(text: str, numbers: tuple[int, ...]) -> str:
        marks = [f"{n}{DAGGER if references.by_number[n].status == UNVERIFIED else ''}" for n in numbers]
        return escape(text) + (f' <sup class="cite">{", ".join(marks)}</sup>' if marks else "")

    return env.get_template("handout.html.j2").render(
        red_flags={
            "text": cited(RED_FLAGS.text, RED_FLAGS.citations),
            "items": [cited(i.text, i.citations) for i in RED_FLAGS.items],
        },
        timing=flowchart.timing(),
        flowchart=flowchart.figure("readings/index.html"),
        legend=UNVERIFIED_LEGEND,
        title=config.site_name,
        version=build_info(),
        disclaimer=config.copyright or "",
        sections=sections,
        stylesheets=["../" + s.relative_to(site).as_posix() for s in sheets],
    )


def on_post_build(config: MkDocsConfig) -> None:
    if is_offline_copy(config):
        return  # the offline copy takes the main build's PDF
    site = Path(config.site_dir)
    (site / PDF).parent.mkdir(parents=True, exist_ok=True)
    source = site / PDF.with_suffix(".html")
    source.write_text(handout_html(site, config), encoding="utf-8")
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
                footer_template=FOOTER.format(title=config.site_name),
                margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
            )
    except FileNotFoundError as problem:
        raise PluginError(str(problem)) from problem
    finally:
        source.unlink(missing_ok=True)
