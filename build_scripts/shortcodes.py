"""MkDocs hook: the guideline's shortcodes, checked so that a mistake fails the build.

    <!-- md:cite 1, 5 -->               citation: superscript links to the References page
    <!-- md:rec mri-immediate -->       gives the statement on the line above its recommendation id
    <!-- md:rec-start ID -->...<!-- md:rec-end -->   gives one clause of a sentence its recommendation id
    <!-- md:statement ID TYPE -->       a copy of statement ID in an admonition of TYPE (home page)
    <!-- md:references -->              the reference list, with back-links to every citation
    <!-- md:calculator-form -->         the calculator's form, generated from its JSON Schema
    <!-- md:build-info -->              the version and build date
    <!-- md:readings -->                the calculator's readings of the guideline, from `calculator.readings`
    <!-- md:test-cases -->              the clinical vignettes of tests/vignettes/, and their JSON download
    <!-- md:flowchart -->               the decision as a flowchart drawn from the calculator's rules

The build fails on an unknown shortcode, a malformed citation, an unknown or
uncited reference, a guideline recommendation id of the decision module that is
not stated exactly once, on the page of its section, and a quote of the decision
module (`calculator.quotes`) that is not on the pages word for word with the
same citations. It writes `site/recommendations.json`: each recommendation's
page URL, statement and list with their own citations, each reading, and each
reference's status.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).parent))

import flowchart  # noqa: E402
import test_cases  # noqa: E402
from calculator_form import render_form  # noqa: E402
from guideline import (  # noqa: E402
    DAGGER,
    REFERENCES_PAGE,
    SHORTCODE,
    UNVERIFIED_LEGEND,
    Citation,
    Line,
    References,
    Statement,
    load_references,
    page_lines,
    parse_cite,
    quote_problems,
    relative_link,
    render_cite,
    scan_page,
    unverified_legend,
)
from pdf_handout import PDF  # noqa: E402
from site_build import build_info  # noqa: E402

from calculator.assessment import READING_OF, Kind, RecommendationId  # noqa: E402
from calculator.quotes import QUOTES, Quote  # noqa: E402
from calculator.readings import READINGS  # noqa: E402

INDEX_FILE = "recommendations.json"
READINGS_PAGE = "readings.md"

references: References
citations: list[Citation] = []
statements: dict[str, Statement] = {}
page_urls: dict[str, str] = {}
page_titles: dict[str, str] = {}


def on_config(config: MkDocsConfig) -> None:
    global references
    try:
        references = load_references(Path(config.docs_dir) / "references.yml")
    except (OSError, ValueError, KeyError, TypeError) as problem:
        raise PluginError(f"references.yml: {problem}") from problem


def on_files(files: Files, config: MkDocsConfig) -> None:
    """Scan every page first, so citations, back-links and ids are known before any page renders."""
    citations.clear()
    statements.clear()
    page_urls.clear()
    page_titles.clear()
    problems: list[str] = []
    lines: list[Line] = []
    for file in files.documentation_pages():
        page_urls[file.src_uri] = file.url
        lines += page_lines(file.src_uri, file.content_string)
        scan = scan_page(file.src_uri, file.content_string)
        page_titles[file.src_uri] = scan.title
        problems += scan.problems
        citations.extend(scan.citations)
        for statement in scan.statements:
            if statement.id in statements:
                other = statements[statement.id].page
                problems.append(f"{file.src_uri}: recommendation id {statement.id!r} is also on {other}")
            statements[statement.id] = statement
    cited = {c.number for c in citations}
    known_numbers = references.by_number
    problems += [f"{c.page}: unknown reference number {c.number}" for c in citations if c.number not in known_numbers]
    problems += [f"references.yml: reference {n} is cited nowhere" for n in known_numbers if n not in cited]
    for rec in RecommendationId:
        statement = statements.get(rec.value)
        if rec.section is None:
            if statement is not None:
                problems.append(f"{statement.page}: {rec.value!r} is a reading of the calculator, not a statement")
            continue
        expected_page = f"{rec.section.value}.md"
        if statement is None:
            problems.append(f"recommendation id {rec.value!r} of the decision module is stated on no page")
        elif statement.page != expected_page:
            problems.append(f"{statement.page}: recommendation {rec.value!r} belongs on {expected_page}")
    problems += quote_problems(QUOTES, lines)
    if READINGS_PAGE not in page_urls:
        problems.append(f"{READINGS_PAGE} is missing: the calculator's readings must be published")
    known = {rec.value for rec in RecommendationId if rec.kind is Kind.GUIDELINE}
    problems += [
        f"{s.page}: {s.id!r} is not a recommendation id of the decision module"
        for s in statements.values()
        if s.id not in known
    ]
    if problems:
        raise PluginError("The guideline pages have problems:\n  " + "\n  ".join(problems))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    src = page.file.src_uri
    # The ids the scan gave this page's citations, in order: the back-links point at the same ones.
    anchors = iter([c.anchor for c in citations if c.page == src])

    def cite(args: str) -> str:
        numbers = parse_cite(args)
        return render_cite(numbers, references, src, [next(anchors) for _ in numbers])

    handlers = {
        "cite": cite,
        "rec": lambda args: f"{{ #{args.strip()} .recommendation }}",
        "rec-start": lambda args: f'<span id="{args.strip()}" class="recommendation">',
        "rec-end": lambda args: "</span>",
        "readings": lambda args: _readings(src),
        "flowchart": lambda args: flowchart.figure("../" * page.url.count("/") + page_urls[READINGS_PAGE]),
        "test-cases": lambda args: test_cases.page("../" * page.url.count("/") + test_cases.DOWNLOAD.as_posix()),
        "statement": lambda args: _statement_copy(src, *args.split()),
        "references": lambda args: _reference_list(src),
        "calculator-form": lambda args: render_form(
            "../" * page.url.count("/"),
            "../" * page.url.count("/") + page_urls[REFERENCES_PAGE],
            PDF.as_posix(),
            {"title": config.site_name, "version": build_info(), "disclaimer": config.copyright or ""},
        ),
        "build-info": lambda args: build_info(),
    }

    def replace(match: re.Match[str]) -> str:
        name, args = match.group(1), match.group(2)
        if name not in handlers:
            line = markdown.count("\n", 0, match.start()) + 1
            raise PluginError(f"{src}:{line}: unknown shortcode 'md:{name}'")
        return handlers[name](args)

    markdown = SHORTCODE.sub(replace, markdown)
    if DAGGER in markdown:
        markdown += "\n\n" + unverified_legend() + "\n"
    return markdown


def _statement_copy(src: str, rec_id: str, kind: str = "note") -> str:
    """A statement shown again elsewhere: copied from its page at build time, without ids."""
    if rec_id not in statements:
        raise PluginError(f"{src}: md:statement names unknown recommendation {rec_id!r}")
    statement = statements[rec_id]

    def cite(match: re.Match[str]) -> str:
        if match.group(1) != "cite":
            return ""
        return render_cite(parse_cite(match.group(2)), references, src, None)

    body = SHORTCODE.sub(cite, statement.markdown)
    link = f"{relative_link(statement.page, src)}#{rec_id}"
    body += f"\n\n[{statement.section}: read in the guideline]({link}){{ .statement-source }}"
    indented = "\n".join(("    " + line) if line else "" for line in body.splitlines())
    return f'<div class="statement-copy" markdown>\n\n!!! {kind} "{statement.section}"\n\n{indented}\n\n</div>\n'


def _reference_list(src: str) -> str:
    """The References page body: the caveat, then each number with status, candidates and back-links."""
    out = [
        '!!! warning "How these references were identified"',
        "",
        f"    {references.note}",
        "",
    ]
    out += [f"- **{word}**: {meaning}" for word, meaning in references.statuses.items()]
    out.append("")
    for number, ref in references.by_number.items():
        status = ref.status + (f" ({ref.status_detail})" if ref.status_detail else "")
        out += [f"## Reference {number} {{ #ref-{number} .reference }}", ""]
        out += [f"**Status: {status}.** Cited for {ref.cited_for}", ""]
        if ref.candidates_heading:
            out += [ref.candidates_heading, ""]
        for c in ref.candidates:
            ids = []
            if c.doi:
                ids.append(f"doi:[{c.doi}](https://doi.org/{c.doi})")
            if c.pmid:
                ids.append(f"PMID: [{c.pmid}](https://pubmed.ncbi.nlm.nih.gov/{c.pmid}/)")
            line = f"- {c.citation}"
            if ids:
                line += " " + ". ".join(ids) + "."
            if c.note:
                line += f" ({c.note})"
            out.append(line)
        if not ref.candidates:
            out.append(
                "No candidate publication. The figures it supports are shown as stated in the source, unverified."
            )
        back = [
            f"[{page_titles[c.page]}: {c.snippet}]({relative_link(c.page, src)}#{c.anchor})"
            for c in citations
            if c.number == number
        ]
        out += ["", f"Cited {len(back)} time{'s' if len(back) != 1 else ''}:", ""]
        out += ['<div class="reference-backlinks" markdown>', ""] + [f"1. {b}" for b in back] + ["", "</div>", ""]
    return "\n".join(out)


def _quote(quote: Quote, src: str) -> list[str]:
    """A quote as Markdown: the sentence and each item of its list with its own citation links."""

    def cited(text: str, numbers: tuple[int, ...]) -> str:
        return text + (" " + render_cite(numbers, references, src, None) if numbers else "")

    out = [f"> {cited(quote.text, quote.citations)}"]
    if quote.items:
        out += [">"] + [f"> - {cited(item.text, item.citations)}" for item in quote.items]
    return out + [""]


def _readings(src: str) -> str:
    """The page of readings: one entry per reading of `calculator.readings`, its id as anchor."""
    out = []
    for reading in READINGS:
        page = f"{reading.section.value}.md"
        out += [f"## {reading.title} {{ #{reading.id.value} .reading }}", ""]
        out += [f"**The guideline says** ([{page_titles[page]}]({relative_link(page, src)})):", ""]
        for quote in reading.source:
            out += _quote(quote, src)
        out += [f"**How the calculator reads it:** {reading.reading}", ""]
        out += [f"**The rule it becomes:** {reading.rule}", ""]
        out += [f'<p class="reading-id">Reading id: <code>{reading.id.value}</code></p>', ""]
    return "\n".join(out)


def recommendation_index() -> dict[str, Any]:
    """Each recommendation as the guideline states it (or, for a reading, as the calculator notes it),
    each reading, and each reference's status: what the calculator page shows again."""
    recs: dict[str, dict[str, Any]] = {}
    for rec in RecommendationId:
        if rec in READING_OF:
            recs[rec.value] = {"kind": rec.kind.value, "reading": READING_OF[rec].value}
            continue
        s = statements[rec.value]
        recs[rec.value] = {
            "kind": rec.kind.value,
            "url": f"{page_urls[s.page]}#{rec.value}",
            "section": s.section,
            "text": s.text,
            "citations": list(s.citations),
            "items": [{"text": item.text, "citations": list(item.citations)} for item in s.items],
        }
    readings = {r.id.value: {**r.to_dict(), "url": f"{page_urls[READINGS_PAGE]}#{r.id.value}"} for r in READINGS}
    refs = {
        str(n): {"status": ref.status, "unverified": ref.status == "not identified"}
        for n, ref in references.by_number.items()
    }
    return {"recommendations": recs, "readings": readings, "references": refs, "unverified_legend": UNVERIFIED_LEGEND}


def on_post_build(config: MkDocsConfig) -> None:
    test_cases.write_download(Path(config.site_dir))
    path = Path(config.site_dir) / INDEX_FILE
    path.write_text(json.dumps(recommendation_index(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
