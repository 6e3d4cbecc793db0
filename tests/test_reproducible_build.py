"""An unchanged build costs a tablet nothing: two builds of one commit give the same bytes, file by file
(pages, sw.js, the snapshot, the wheel, the zip, the PDF), so the service worker fetches nothing anew."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sitebuild.handout import fixed_dates, paper_links
from tests.support.browser import build_site


def digests(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in site.rglob("*")
        if p.is_file()
    }


def test_two_builds_of_the_same_commit_are_byte_identical(site_dir: Path, tmp_path: Path):
    again = tmp_path / "site"
    result = build_site(again)
    assert result.returncode == 0, result.stderr
    first, second = digests(site_dir), digests(again)
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []
    for kind in ("index.html", "sw.js", "assets/pyodide/snapshot.bin", "downloads/foot-drop-guideline.pdf"):
        assert kind in first, kind
    assert any(p.endswith(".whl") for p in first) and any(p.endswith(".zip") for p in first)


def test_a_link_on_paper_goes_to_its_place_in_the_handout_to_another_host_or_nowhere():
    html = (
        '<h2 id="ref-1">One</h2><a class="x" href="../references/#ref-1">1</a>'
        '<a href="../calculator/">the calculator</a><a href="https://doi.org/10.1/x">doi</a>'
        '<a href="../references/#ref-9">9</a>'
    )
    assert paper_links(html) == (
        '<h2 id="ref-1">One</h2><a class="x" href="#ref-1">1</a>'
        '<a>the calculator</a><a href="https://doi.org/10.1/x">doi</a><a>9</a>'
    )


def test_the_pdf_s_dates_are_the_commit_s_in_the_same_number_of_bytes():
    pdf = b"<</CreationDate (D:20261201235028+00'00')\n/ModDate (D:20261201235029+00'00')>>"
    fixed = fixed_dates(pdf, 0)
    assert fixed == b"<</CreationDate (D:19700101000000+00'00')\n/ModDate (D:19700101000000+00'00')>>"
    assert len(fixed) == len(pdf)
