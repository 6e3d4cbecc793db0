"""The guideline as the build reads it: one scan of every page, and what the shortcodes render from it.

`Guideline.scan` reads every page before any renders, so citations, back-links and recommendation ids
are known everywhere; `problems` lists what must fail the build. The renderers return Markdown (or raw
HTML inside it) for the `shortcodes` hook.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from calculator.assessment import READING_OF, Kind, RecommendationId
from calculator.quotes import QUOTES, Quote
from calculator.readings import READINGS

from .guideline import (
    SHORTCODE,
    UNVERIFIED_LEGEND,
    Citation,
    Line,
    References,
    Statement,
    citation_link,
    load_references,
    page_lines,
    parse_cite,
    quote_problems,
    relative_link,
    render_cite,
    scan_page,
)
from .paths import READINGS_PAGE, REFERENCES_PAGE


@dataclass
class Guideline:
    references: References
    citations: list[Citation] = field(default_factory=list)
    statements: dict[str, Statement] = field(default_factory=dict)
    page_urls: dict[str, str] = field(default_factory=dict)
    page_titles: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def scan(cls, references_file: Path, pages: Iterable[tuple[str, str, str]]) -> Guideline:
        """Every page as (src_uri, url, Markdown): its citations and statements, and what is wrong."""
        try:
            guideline = cls(load_references(references_file))
        except (OSError, ValueError, KeyError, TypeError) as problem:
            raise ValueError(f"{references_file.name}: {problem}") from problem
        lines: list[Line] = []
        problems = guideline.problems
        for src, url, markdown in pages:
            guideline.page_urls[src] = url
            lines += page_lines(src, markdown)
            scan = scan_page(src, markdown)
            guideline.page_titles[src] = scan.title
            problems += scan.problems
            guideline.citations.extend(scan.citations)
            for statement in scan.statements:
                if statement.id in guideline.statements:
                    other = guideline.statements[statement.id].page
                    problems.append(f"{statement.where}: recommendation id {statement.id!r} is also on {other}")
                guideline.statements[statement.id] = statement
        cited = {c.number for c in guideline.citations}
        known_numbers = guideline.references.by_number
        problems += [
            f"{c.page}:{c.line}: unknown reference number {c.number}"
            for c in guideline.citations
            if c.number not in known_numbers
        ]
        problems += [f"references.yml: reference {n} is cited nowhere" for n in known_numbers if n not in cited]
        problems += guideline._recommendation_problems()
        problems += quote_problems(QUOTES, lines)
        if READINGS_PAGE not in guideline.page_urls:
            problems.append(f"{READINGS_PAGE} is missing: the calculator's readings must be published")
        return guideline

    def _recommendation_problems(self) -> list[str]:
        problems = []
        for rec in RecommendationId:
            statement = self.statements.get(rec.value)
            if rec.section is None:
                if statement is not None:
                    problems.append(f"{statement.where}: {rec.value!r} is a reading of the calculator, not a statement")
                continue
            expected_page = f"{rec.section.value}.md"
            if statement is None:
                problems.append(f"recommendation id {rec.value!r} of the decision module is stated on no page")
            elif statement.page != expected_page:
                problems.append(f"{statement.where}: recommendation {rec.value!r} belongs on {expected_page}")
        known = {rec.value for rec in RecommendationId if rec.kind is Kind.GUIDELINE}
        problems += [
            f"{s.where}: {s.id!r} is not a recommendation id of the decision module"
            for s in self.statements.values()
            if s.id not in known
        ]
        return problems

    def cite(self, src: str, numbers: tuple[int, ...], anchors: list[str] | None) -> str:
        return render_cite(numbers, self.references, src, anchors)

    def statement_copy(self, src: str, rec_id: str, kind: str = "note") -> str:
        """A statement shown again elsewhere: copied from its page at build time, without ids."""
        if rec_id not in self.statements:
            raise ValueError(f"{src}: md:statement names unknown recommendation {rec_id!r}")
        statement = self.statements[rec_id]

        def cite(match: re.Match[str]) -> str:
            if match.group(1) != "cite":
                return ""
            return render_cite(parse_cite(match.group(2)), self.references, src, None)

        body = SHORTCODE.sub(cite, statement.markdown)
        link = f"{relative_link(statement.page, src)}#{rec_id}"
        body += f"\n\n[{statement.section}: read in the guideline]({link}){{ .statement-source }}"
        indented = "\n".join(("    " + line) if line else "" for line in body.splitlines())
        return f'<div class="statement-copy" markdown>\n\n!!! {kind} "{statement.section}"\n\n{indented}\n\n</div>\n'

    def reference_list(self, src: str) -> str:
        """The References page body: the caveat, then each number with status, candidates and back-links."""
        out = [
            '!!! warning "How these references were identified"',
            "",
            f"    {self.references.note}",
            "",
        ]
        out += [f"- **{word}**: {meaning}" for word, meaning in self.references.statuses.items()]
        out.append("")
        for number, ref in self.references.by_number.items():
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
                f"[{self.page_titles[c.page]}: {c.snippet}]({relative_link(c.page, src)}#{c.anchor})"
                for c in self.citations
                if c.number == number
            ]
            out += ["", f"Cited {len(back)} time{'s' if len(back) != 1 else ''}:", ""]
            out += ['<div class="reference-backlinks" markdown>', ""] + [f"1. {b}" for b in back] + ["", "</div>", ""]
        return "\n".join(out)

    def quote(self, quote: Quote, src: str) -> list[str]:
        """A quote as Markdown: the sentence and each item of its list with its own citation links."""

        def cited(text: str, numbers: tuple[int, ...]) -> str:
            return text + (" " + render_cite(numbers, self.references, src, None) if numbers else "")

        out = [f"> {cited(quote.text, quote.citations)}"]
        if quote.items:
            out += [">"] + [f"> - {cited(item.text, item.citations)}" for item in quote.items]
        return out + [""]

    def readings(self, src: str) -> str:
        """The page of readings: one entry per reading of `calculator.readings`, its id as anchor."""
        out = []
        for reading in READINGS:
            page = f"{reading.section.value}.md"
            out += [f"## {reading.title} {{ #{reading.id.value} .reading }}", ""]
            out += [f"**The guideline says** ([{self.page_titles[page]}]({relative_link(page, src)})):", ""]
            for quote in reading.source:
                out += self.quote(quote, src)
            out += [f"**How the calculator reads it:** {reading.reading}", ""]
            out += [f"**The rule it becomes:** {reading.rule}", ""]
            out += [f'<p class="reading-id">Reading id: <code>{reading.id.value}</code></p>', ""]
        return "\n".join(out)

    def recommendation_index(self) -> dict[str, Any]:
        """Each recommendation as the guideline states it (or, for a reading, as the calculator notes it),
        each reading, and each reference's status: what the calculator page shows again."""
        recs: dict[str, dict[str, Any]] = {}
        for rec in RecommendationId:
            if rec in READING_OF:
                recs[rec.value] = {"kind": rec.kind.value, "reading": READING_OF[rec].value}
                continue
            s = self.statements[rec.value]
            recs[rec.value] = {
                "kind": rec.kind.value,
                "url": f"{self.page_urls[s.page]}#{rec.value}",
                "section": s.section,
                "text": s.text,
                "citations": list(s.citations),
                "items": [{"text": item.text, "citations": list(item.citations)} for item in s.items],
            }
        readings = {
            r.id.value: {**r.to_dict(), "url": f"{self.page_urls[READINGS_PAGE]}#{r.id.value}"} for r in READINGS
        }
        # The words of each citation link, from the renderer of the pages: the page script only places them.
        refs = {
            str(n): {**citation_link(n, self.references), "href": f"{self.page_urls[REFERENCES_PAGE]}#ref-{n}"}
            for n in self.references.by_number
        }
        return {
            "recommendations": recs,
            "readings": readings,
            "references": refs,
            "unverified_legend": UNVERIFIED_LEGEND,
        }
