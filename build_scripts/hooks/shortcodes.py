"""MkDocs hook: the guideline's shortcodes, checked so that a mistake fails the build.

    <!-- md:cite 1, 5 -->               citation: superscript links to the References page
    <!-- md:rec mri-immediate -->       gives the statement on the line above its recommendation id
    <!-- md:rec-start ID -->...<!-- md:rec-end -->   gives one clause of a sentence its recommendation id
    <!-- md:statement ID TYPE -->       a copy of statement ID in an admonition of TYPE (home page)
    <!-- md:references -->              the reference list, with back-links to every citation
    <!-- md:readings -->                the calculator's readings of the guideline, from `calculator.readings`
    <!-- md:test-cases -->              the clinical vignettes of tests/vignettes/, and their JSON download
    <!-- md:flowchart -->               the decision as a flowchart drawn from the calculator's rules
    <!-- md:calculator-form -->         the calculator's form, generated from its JSON Schema
    <!-- md:build-info -->              the version and build date
    <!-- md:offline-copy -->            the offline copy on this device: its date, size, and a Remove button
    <!-- md:keep-rule -->               how long the calculator keeps a patient's answers, and where
    <!-- md:fhir-artifacts -->          the FHIR artifacts: file, canonical URL, version
    <!-- md:fhir-mapping -->            how a QuestionnaireResponse's answers map to findings

The checks and renderers are `sitebuild.pages`; this file only adapts them to MkDocs' events. It
writes `site/recommendations.json` and the test cases' JSON download.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitebuild import fhir, flowchart, service_worker, test_cases
from sitebuild.facts import build_info
from sitebuild.form import keep_rule, render_form
from sitebuild.guideline import DAGGER, SHORTCODE, SHORTCODES, parse_cite, unverified_legend
from sitebuild.pages import Guideline
from sitebuild.paths import INDEX, READINGS_PAGE, TEST_CASES

guideline: Guideline


def on_files(files: Files, config: MkDocsConfig) -> None:
    """Scan every page first, so citations, back-links and ids are known before any page renders."""
    global guideline
    pages = [(f.src_uri, f.url, f.content_string) for f in files.documentation_pages()]
    try:
        guideline = Guideline.scan(Path(config.docs_dir) / "references.yml", pages)
    except ValueError as problem:
        raise PluginError(str(problem)) from problem
    if guideline.problems:
        raise PluginError("The guideline pages have problems:\n  " + "\n  ".join(guideline.problems))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    root = "../" * page.url.count("/")
    # The ids the scan gave this page's citations, in order: the back-links point at the same ones.
    anchors = iter([c.anchor for c in guideline.citations if c.page == src])

    def cite(args: str) -> str:
        numbers = parse_cite(args)
        return guideline.cite(src, numbers, [next(anchors) for _ in numbers])

    meta = {"title": config.site_name, "version": build_info(), "disclaimer": config.copyright or ""}
    handlers: dict[str, Callable[[str], str]] = {
        "cite": cite,
        "rec": lambda args: f"{{ #{args.strip()} .recommendation }}",
        "rec-start": lambda args: f'<span id="{args.strip()}" class="recommendation">',
        "rec-end": lambda args: "</span>",
        "statement": lambda args: guideline.statement_copy(src, *args.split()),
        "references": lambda args: guideline.reference_list(src),
        "readings": lambda args: guideline.readings(src),
        "flowchart": lambda args: flowchart.figure(root + guideline.page_urls[READINGS_PAGE]),
        "test-cases": lambda args: test_cases.page(root + TEST_CASES.as_posix()),
        "calculator-form": lambda args: render_form(root, root + guideline.page_urls[READINGS_PAGE], meta),
        "build-info": lambda args: build_info(),
        "offline-copy": lambda args: service_worker.about_panel(),
        "keep-rule": lambda args: keep_rule(),
        "fhir-artifacts": lambda args: fhir.artifacts(root),
        "fhir-mapping": lambda args: fhir.response_mapping(),
    }

    assert handlers.keys() == SHORTCODES  # the scan refuses any other, with its file and line

    def replace(match: re.Match[str]) -> str:
        try:
            return handlers[match.group(1)](match.group(2))
        except ValueError as problem:
            raise PluginError(f"{src}: {problem}") from problem

    markdown = SHORTCODE.sub(replace, markdown)
    if DAGGER in markdown:
        markdown += "\n\n" + unverified_legend() + "\n"
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    test_cases.write_download(site)
    index = json.dumps(guideline.recommendation_index(), indent=2, ensure_ascii=False)
    (site / INDEX).write_text(index + "\n", encoding="utf-8")
