"""The PDF handout and the file-openable offline copy that the build writes into downloads/."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from calculator import __version__
from sitebuild import flowchart
from sitebuild.engines import TABLET
from sitebuild.paths import PDF as PDF_PATH
from sitebuild.paths import SNAPSHOT
from sitebuild.paths import ZIP as ZIP_PATH
from tests.support.browser import watch_context
from tests.support.site_html import CITATION_GROUP, pages
from tests.support.sources import CONTRACT_IDS, DATA, NAV_PAGES, REFERENCES, UNVERIFIED, page_title

PDF = PDF_PATH.as_posix()
ZIP = ZIP_PATH.as_posix()
SOURCE_LINES = [
    re.sub(r"^- ", "", line.strip())
    for line in (DATA / "guideline-source.txt").read_text().splitlines()
    if line.strip()
]
# The guideline's sections and the References, as the handout prints them: the pages' own H1s.
SECTIONS = [
    page_title(p)
    for p in NAV_PAGES
    if p not in ("index.md", "calculator.md", "readings.md", "test-cases.md", "about.md", "health-it.md")
]


def cited(group: str) -> str:
    """A citation group as the PDF reads: exactly the source's numbers, each unverified one with its dagger."""
    numbers = [int(n) for n in group.split(",")]
    return r",\s*".join(f"{n}\u2020" if n in UNVERIFIED else f"{n}(?!\u2020)" for n in numbers)


def loose(line: str) -> re.Pattern[str]:
    """A source line as it reads in extracted PDF text: any spacing, its own citation numbers where they stand."""
    parts = CITATION_GROUP.split(line)
    words = [cited(p) if i % 2 else r"\s+".join(map(re.escape, p.split())) for i, p in enumerate(parts)]
    return re.compile(r"\s*".join(w for w in words if w) + r"(?![\d\u2020])")


@pytest.fixture(scope="module")
def handout(site_dir: Path) -> tuple[PdfReader, str]:
    reader = PdfReader(site_dir / PDF)
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_handout_is_a4_with_title_version_date_disclaimer_and_page_numbers(handout):
    reader, text = handout
    assert len(reader.pages) >= 4
    for page in reader.pages:
        width, height = (float(x) for x in page.mediabox[2:])
        assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2
    assert text.startswith("Treatment of Foot Drop Due to Disc Herniation")
    assert re.search(rf"Version {re.escape(__version__)}, built on \d{{4}}-\d{{2}}-\d{{2}}\.", text)
    assert "Supports and does not replace clinical judgement." in text
    for number in range(1, len(reader.pages) + 1):
        assert f"page {number} of {len(reader.pages)}" in text


@pytest.mark.parametrize("line", SOURCE_LINES, ids=[line[:50] for line in SOURCE_LINES])
def test_every_source_statement_is_in_the_handout(handout, line):
    assert loose(line).search(handout[1]), line


def test_the_handout_has_every_section_in_order_numbered_recommendations_and_every_reference(handout):
    text = handout[1]
    positions = [text.find(f" {section} ") for section in SECTIONS]
    assert -1 not in positions and positions == sorted(positions)
    # Recommendations are numbered for readers; no software id reaches paper.
    numbered = [int(n) for n in re.findall(r"Recommendation (\d+):", text)]
    assert numbered == list(range(1, len(numbered) + 1)) and len(numbered) >= 15, numbered
    assert [rec_id for rec_id in CONTRACT_IDS if "-" in rec_id and rec_id in text] == []
    for ref in REFERENCES:
        assert re.search(rf"Reference {ref['number']} Status: {ref['status']}", text), ref["number"]
    for absent in ("Reset all answers", "Open the calculator", "Type to start searching", "Skip to content"):
        assert absent not in text


def test_the_handout_s_links_go_inside_it_or_to_other_hosts_never_to_the_build_s_own_server(handout):
    reader, _ = handout
    inside, uris = 0, []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if action and "/URI" in action:
                uris.append(str(action["/URI"]))
            elif annotation.get("/Dest"):
                inside += 1
    assert inside > 20  # every citation number goes to its reference in the handout
    assert uris and all(uri.startswith("https://") for uri in uris), uris


def test_every_page_links_to_the_handout(site_dir):
    for path, html in pages(site_dir).items():
        if path.startswith("downloads/") or path == "404.html":  # the error page has no content block
            continue
        links = [urljoin(f"http://site/{path}", h) for h in re.findall(r'href="([^"]*foot-drop-guideline\.pdf)"', html)]
        assert links, path
        assert all((site_dir / urlparse(link).path.lstrip("/")).is_file() for link in links)


def test_the_service_worker_precaches_each_file_the_app_needs_once_with_the_hash_of_its_content(site_dir):
    found = re.search(r"const FILES = (\{.*?\});", (site_dir / "sw.js").read_text(), re.DOTALL)
    assert found, "sw.js lists no files"
    listed: dict[str, str] = json.loads(found.group(1))
    every_file = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    # Not for the app: .gz (how the server sends a file), source maps, sitemaps, the zip and test cases; the
    # FHIR artifacts are, for the health-IT page offline.
    kept = {PDF, "downloads/foot-drop-questionnaire.json", "downloads/foot-drop-plandefinition.json"}
    expected = {
        f
        for f in every_file
        if f != "sw.js"
        and not f.endswith((".gz", ".map"))
        and Path(f).name != "sitemap.xml"
        and (not f.startswith("downloads/") or f in kept)
    }
    assert "downloads/foot-drop-questionnaire.json" in listed
    assert set(listed) == expected  # each page once: no folder URLs beside their index.html
    assert SNAPSHOT.as_posix() in listed and PDF in listed and any(f.endswith(".whl") for f in listed)
    for path, digest in listed.items():
        assert hashlib.sha256((site_dir / path).read_bytes()).hexdigest() == digest, path


@pytest.fixture(scope="module")
def unpacked(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site_dir / ZIP) as archive:
        archive.extractall(target)
    return target / "foot-drop-guideline"


def test_the_offline_copy_holds_every_page_and_the_handout_but_no_runtime(unpacked):
    for name in (
        "index.html",
        "initial-assessment.html",
        "calculator.html",
        "references.html",
        PDF,
        "search/search_index.js",
        "assets/javascripts/iframe-worker-shim.js",
        "health-it.html",
        "downloads/foot-drop-questionnaire.json",
    ):
        assert (unpacked / name).is_file(), name
    assert not (unpacked / "assets/pyodide").exists() and not (unpacked / "sw.js").exists()


def test_the_offline_copy_works_from_file_text_navigation_and_search(browser: Browser, unpacked):
    context = browser.new_context(viewport=TABLET)
    # No routing here: Playwright's interception keeps the search iframe's file:// script from loading.
    watch = watch_context(context, refuse_other_hosts=False)
    try:
        page = context.new_page()
        page.goto((unpacked / "index.html").as_uri())
        expect(page.locator("h1")).to_have_text(re.compile("Treatment of Foot Drop"))
        page.get_by_role("link", name="Read the guideline").click()
        expect(page).to_have_url(re.compile(r"initial-assessment\.html$"))
        expect(page.locator("#mri-immediate")).to_be_visible()
        page.locator("#cite-3-1").click()
        expect(page).to_have_url(re.compile(r"references\.html#ref-3$"))
        # From file://, search opened before the page has loaded stays "Initializing search"
        # (Material with the iframe-worker shim); a reader opens it once the page is there.
        page.wait_for_load_state("load")
        page.locator("label.md-header__button[for=__search]").click()
        expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
        page.locator(".md-search__input").press_sequentially("spondylolisthesis")
        expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"[1-9]\d* matching documents?"))
        # Material renders result items as they scroll into view: follow the result's link itself.
        result = page.locator('.md-search-result__item a[href*="surgical-approach.html"]').first
        expect(result).to_be_attached()
        page.goto(result.get_attribute("href") or "")
        expect(page.locator("mark", has_text="spondylolisthesis").first).to_be_visible()
        page.goto((unpacked / "calculator.html").as_uri())
        status = page.locator("#calculator-status")
        expect(status).to_contain_text("needs the installed app or a served copy")
        pdf_link = status.get_by_role("link", name="PDF handout")
        expect(pdf_link).to_have_attribute("href", (unpacked / PDF).as_uri())
        assert watch.unexpected_errors() == [] and watch.external_requests == [] and watch.policy_violations == []
    finally:
        context.close()


def test_the_first_page_is_the_summary_red_flags_timing_and_the_flowchart(handout):
    reader, _ = handout
    first = " ".join(reader.pages[0].extract_text().split())
    assert first.startswith("Treatment of Foot Drop Due to Disc Herniation")
    for heading in ("Red flags", "Timing", "The decision"):
        assert heading in first
    for line in SOURCE_LINES[3:8]:  # "Immediate MRI is mandatory ..." and its four red flags
        assert loose(line).search(first), line
    for line in flowchart.timing() + flowchart.notes():
        assert " ".join(line.split()) in first, line
    # The figure's words: each step's question and outcome, in whatever lines the SVG wraps them.
    squashed = first.replace(" ", "")
    for step in flowchart.steps():
        for words in (step.question or "Otherwise", step.outcome):
            assert words.replace(" ", "") in squashed, words
    assert "\u2020 source not identified" in first
