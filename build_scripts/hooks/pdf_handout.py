"""MkDocs hook: print the guideline to the PDF handout (`sitebuild.handout`): the summary page, then
every page's content in navigation order, as MkDocs rendered it, without the calculator form."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from sitebuild.facts import build_info
from sitebuild.guideline import load_references
from sitebuild.handout import Section, handout_html, print_handout

# A form has no place on paper; the test cases and the FHIR artifacts are for implementers, as files.
LEFT_OUT = {"calculator.md", "test-cases.md", "health-it.md"}

order: list[str] = []  # src_uri of each page for paper, in navigation order
sections: dict[str, Section] = {}


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    order[:] = [p.file.src_uri for p in nav.pages if p.file.src_uri not in LEFT_OUT]


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    title = page.toc.items[0].title if page.toc.items else page.title
    sections[page.file.src_uri] = Section(str(title), html)
    return html


def on_post_build(config: MkDocsConfig) -> None:
    build = config.extra["build"]
    if build["offline_copy"] or build["quick"]:
        return  # the offline copy takes the main build's PDF
    site = Path(config.site_dir)
    meta = {"title": config.site_name, "version": build_info(), "disclaimer": config.copyright or ""}
    references = load_references(Path(config.docs_dir) / "references.yml")
    try:
        print_handout(site, handout_html(site, [sections[src] for src in order], references, meta), config.site_name)
    except FileNotFoundError as problem:
        raise PluginError(str(problem)) from problem
