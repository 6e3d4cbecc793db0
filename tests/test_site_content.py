"""The built site holds every statement of the source, with its citations, references and anchors."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlparse

import pytest

from calculator.plandefinition import CANONICAL as PLAN_CANONICAL
from calculator.questionnaire import CANONICAL as QUESTIONNAIRE_CANONICAL
from sitebuild.form import KEEP_MINUTES, keep_rule
from tests.support.site_html import blocks, pages
from tests.support.sources import (
    CONTRACT_IDS,
    CONTRACT_KINDS,
    CONTRACT_READINGS,
    GUIDELINE_IDS,
    READING_IDS,
    REFERENCE_NUMBERS,
    REFERENCES,
    ROOT,
    SOURCE,
    SOURCE_TEXT,
)


@pytest.fixture(scope="module")
def site_pages(site_dir):
    return pages(site_dir)


@pytest.fixture(scope="module")
def site_blocks(site_pages):
    return {path: blocks(html) for path, html in site_pages.items()}


def ids_in(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


def test_the_source_copy_is_read_as_statements():
    assert len(SOURCE) == sum(1 for line in SOURCE_TEXT.read_text().splitlines() if line.strip())
    assert SOURCE[1].text.endswith("to optimize nerve recovery.") and SOURCE[1].citations == (1, 2)


@pytest.mark.parametrize("statement", SOURCE, ids=[s.text[:60] for s in SOURCE])
def test_every_source_statement_is_on_a_page_with_its_citation_numbers(statement, site_blocks):
    found = [
        (path, b.citations)
        for path, page_blocks in site_blocks.items()
        for b in page_blocks
        if b.text == statement.text
    ]
    assert found, f"not on the site: {statement.text}"
    assert any(cites == statement.citations for _, cites in found), found


def test_the_contract_ids_are_the_decision_modules_ids_in_its_order_with_their_kinds():
    from calculator.assessment import RecommendationId

    assert [r.value for r in RecommendationId] == CONTRACT_IDS
    assert {r.value: r.kind.value for r in RecommendationId} == CONTRACT_KINDS


@pytest.mark.parametrize("rec_id", GUIDELINE_IDS)
def test_every_guideline_recommendation_id_is_an_anchor_exactly_once(rec_id, site_pages, site_blocks):
    holders = [path for path, html in site_pages.items() if rec_id in ids_in(html)]
    assert len(holders) == 1, holders
    assert ids_in(site_pages[holders[0]]).count(rec_id) == 1
    element = next((b for b in site_blocks[holders[0]] if b.id == rec_id), None)
    if element is None:  # a clause of a sentence: a span inside its paragraph
        assert re.search(f'<span id="{rec_id}" class="recommendation">', site_pages[holders[0]])
    else:
        assert element.tag in ("p", "li") and "recommendation" in element.classes


def test_urgent_decompression_wraps_only_the_summarys_clause_on_the_home_page(site_pages):
    span = re.search(r'<span id="urgent-decompression" class="recommendation">(.*?)</span>', site_pages["index.html"])
    assert span, "no urgent-decompression clause on the home page"
    assert span.group(1) == (
        "patients with severe or progressive neurologic deficits require urgent surgical decompression within "
        "hours to days to optimize nerve recovery"
    )


@pytest.mark.parametrize("reading_id", sorted(set(CONTRACT_READINGS) | set(READING_IDS)))
def test_every_reading_of_the_contract_is_an_entry_of_the_readings_page(reading_id, site_pages, site_blocks):
    for path, html in site_pages.items():
        if path != "readings/index.html":
            assert reading_id not in [i for i in ids_in(html) if i in READING_IDS], path
    heading = next((b for b in site_blocks["readings/index.html"] if b.id == reading_id), None)
    assert heading is not None and heading.tag == "h2" and "reading" in heading.classes


def test_the_recommendation_index_gives_each_statement_and_each_item_its_own_citations(site_dir, site_blocks):
    index = json.loads((site_dir / "recommendations.json").read_text())
    recs = index["recommendations"]
    assert list(recs) == CONTRACT_IDS
    by_text = {s.text: s.citations for s in SOURCE}
    for rec_id, entry in recs.items():
        if rec_id in READING_IDS:
            assert entry == {"kind": "reading", "reading": rec_id}
            continue
        page, fragment = entry["url"].split("#")
        assert fragment == rec_id
        for item in entry["items"]:
            assert by_text[item["text"]] == tuple(item["citations"]), item
        if rec_id == "urgent-decompression":
            continue  # a clause: checked above
        element = next(b for b in site_blocks[f"{page}index.html"] if b.id == rec_id)
        assert element.text == entry["text"] and entry["section"]
        assert tuple(entry["citations"]) == element.citations
    assert {n: r["unverified"] for n, r in index["references"].items()} == {
        str(r["number"]): r["status"] == "not identified" for r in REFERENCES
    }


def test_every_citation_links_to_a_reference_that_exists(site_pages):
    reference_ids = set(ids_in(site_pages["references/index.html"]))
    cited = set()
    for path, html in site_pages.items():
        for href in re.findall(r'<sup class="cite">(.*?)</sup>', html):
            for link in re.findall(r'href="([^"]+)"', href):
                target = urlparse(urljoin(f"http://site/{path}", link))
                assert target.path == "/references/", (path, link)
                assert target.fragment in reference_ids, (path, link)
                cited.add(int(target.fragment.removeprefix("ref-")))
    assert cited == REFERENCE_NUMBERS == set(range(1, len(REFERENCES) + 1))


def test_every_reference_shows_its_status_candidates_and_a_back_link_to_each_citation(site_pages):
    refs_html = site_pages["references/index.html"]
    assert "not confirmed" in refs_html and "matching each cited statement" in refs_html
    citation_anchors = {
        (path, anchor) for path, html in site_pages.items() for anchor in ids_in(html) if anchor.startswith("cite-")
    }
    back_links = set()
    for link in re.findall(r'href="([^"]*#cite-[^"]+)"', refs_html):
        target = urlparse(urljoin("http://site/references/index.html", link))
        back_links.add((target.path.lstrip("/") + "index.html", target.fragment))
    assert back_links == citation_anchors
    sections = re.split(r'<h2 class="reference" id="ref-', refs_html)[1:]
    assert len(sections) == len(REFERENCES)
    for ref, section in zip(REFERENCES, sections, strict=True):
        assert section.startswith(f'{ref["number"]}"')
        assert f"Status: {ref['status']}" in section
        for candidate in ref.get("candidates", []):
            if "doi" in candidate:
                assert f'href="https://doi.org/{candidate["doi"]}"' in section
            if "pmid" in candidate:
                assert f'href="https://pubmed.ncbi.nlm.nih.gov/{candidate["pmid"]}/"' in section
        assert section.count("#cite-") >= 1


# Strings in vendored third-party files that name another host but make no request on this site:
# each is either a licence comment or a code path the site never takes.
INERT_THIRD_PARTY = {
    "http://www.w3.org/2000/svg": "SVG namespace",
    "https://fontawesome.com": "icon licence comment",
    "https://unpkg.com/mermaid": "Material loads mermaid only for a mermaid diagram; the site has none",
    "https://unpkg.com/resize-observer-polyfill": "only where ResizeObserver is missing; Chromium has it",
    "https://api.github.com": "repository facts, only with repo_url; the site sets none",
    "https://clipboardjs.com": "licence comment",
    "https://cdn.jsdelivr.net/pyodide": "Pyodide's default indexURL; the worker always passes its own",
    "http://lunrjs.com": "licence comment",
    # The FHIR artifacts' canonical URLs, shown as text on the For health IT page: identifiers on a reserved
    # .example host, never fetched.
    QUESTIONNAIRE_CANONICAL: "the Questionnaire's canonical URL",
    PLAN_CANONICAL: "the PlanDefinition's canonical URL",
    "http://tartarus.org": "licence comment",
    "https://bit.ly/2s3ChXG": "licence comment in lunr",
    "https://${": "URL templates filled from configuration: a repository host (none set), Pyodide's own indexURL",
}
REFERENCE_HOSTS = {"doi.org", "pubmed.ncbi.nlm.nih.gov"}


def test_no_file_of_the_site_names_another_host_but_the_reference_links(site_dir):
    problems = []
    for path in site_dir.rglob("*"):
        if path.suffix not in (".html", ".css", ".js", ".mjs", ".json", ".webmanifest"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        # Protocol-relative URLs too: "//host/x" in an attribute or url() goes to another host.
        relative = re.findall(r"""(?:=\s*["']|url\(\s*["']?)(//[^\s"'<>)`\\]+)""", text)
        for url in re.findall(r"https?://[^\s\"'<>)`\\]+", text) + ["http:" + u for u in relative]:
            host = urlparse(url).hostname
            if host == "127.0.0.1" or any(url.startswith(inert) for inert in INERT_THIRD_PARTY):
                continue
            if path.name == "index.html" and path.parent.name == "references" and host in REFERENCE_HOSTS:
                continue
            if path.suffix == ".json" and path.name != "recommendations.json":
                continue  # search index and Pyodide's lock file hold text, not requests
            problems.append(f"{path.relative_to(site_dir)}: {url}")
    assert problems == []


def test_no_page_has_a_mermaid_diagram_so_materials_mermaid_loader_never_runs(site_pages):
    assert not any('class="mermaid"' in html for html in site_pages.values())
    assert "repo_url" not in (ROOT / "mkdocs.yml").read_text()


def test_the_about_page_states_how_long_the_calculator_keeps_answers_and_where(site_blocks):
    about = " ".join(block.text for block in site_blocks["about/index.html"])
    assert keep_rule() in about
    assert f"{KEEP_MINUTES} minutes after the last answer" in keep_rule() and "session storage" in keep_rule()
