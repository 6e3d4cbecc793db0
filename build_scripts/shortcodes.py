"""MkDocs hook: the guideline's shortcodes, checked so that a mistake fails the build.

    <!-- md:cite 1, 5 -->               citation: superscript links to the References page
    <!-- md:rec mri-immediate -->       gives the statement on the line above its recommendation id
    <!-- md:statement ID TYPE -->       a copy of statement ID in an admonition of TYPE (home page)
    <!-- md:references -->              the reference list, with back-links to every citation
    <!-- md:calculator-form -->         the calculator's form, generated from its JSON Schema
    <!-- md:build-info -->              the version and build date

The build fails on an unknown shortcode, a malformed citation, an unknown or
uncited reference, and a recommendation id of the decision module that is not
stated exactly once, on the page of its section. It writes
`site/recommendations.json` (id -> page URL, section, statement, citations).
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

from calculator_form import render_form  # noqa: E402
from guideline import (  # noqa: E402
    REFERENCES_PAGE,
    SHORTCODE,
    Citation,
    References,
    Statement,
    load_references,
    parse_cite,
    relative_link,
    render_cite,
    scan_page,
)
from site_build import build_info  # noqa: E402

from calculator.assessment import RecommendationId  # noqa: E402

INDEX_FILE = "recommendations.json"

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
    for file in files.documentation_pages():
        page_urls[file.src_uri] = file.url
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
        expected_page = f"{rec.section.value}.md"
        if statement is None:
            problems.append(f"recommendation id {rec.value!r} of the decision module is stated on no page")
        elif statement.page != expected_page:
            problems.append(f"{statement.page}: recommendation {rec.value!r} belongs on {expected_page}")
    known = {rec.value for rec in RecommendationId}
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
        "statement": lambda args: _statement_copy(src, *args.split()),
        "references": lambda args: _reference_list(src),
        "calculator-form": lambda args: render_form(
            "../" * page.url.count("/"),
            "../" * page.url.count("/") + page_urls[REFERENCES_PAGE],
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

    return SHORTCODE.sub(replace, markdown)


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
        f"    {references.note} They are not confirmed.",
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
        out += ["", f"Cited {len(back)} time{'s' if len(back) != 1 else ''}:", ""] + [f"1. {b}" for b in back] + [""]
    return "\n".join(out)


def recommendation_index() -> dict[str, dict[str, Any]]:
    """id -> where and how the guideline states it, in the decision module's order."""
    index = {}
    for rec in RecommendationId:
        s = statements[rec.value]
        index[rec.value] = {
            "url": f"{page_urls[s.page]}#{rec.value}",
            "section": s.section,
            "text": s.text,
            "items": list(s.items),
            "citations": list(s.citations),
        }
    return index


def on_post_build(config: MkDocsConfig) -> None:
    path = Path(config.site_dir) / INDEX_FILE
    path.write_text(json.dumps(recommendation_index(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
