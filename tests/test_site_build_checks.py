"""`mkdocs build --strict` refuses a guideline with a citation or recommendation mistake."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site

CASES = [
    (
        "an unknown citation number",
        [("initial-assessment.md", "foot drop <!-- md:cite 3 -->", "foot drop <!-- md:cite 3, 9 -->")],
        "unknown reference number 9",
    ),
    (
        "a reference that nothing cites",
        [("prognosis.md", "<!-- md:cite 6, 5 -->", "<!-- md:cite 5 -->")],
        "reference 6 is cited nowhere",
    ),
    ("a malformed citation", [("pitfalls.md", "<!-- md:cite 1, 2 -->", "<!-- md:cite 1; 2 -->")], "malformed citation"),
    ("a citation with no number", [("pitfalls.md", "<!-- md:cite 1, 2 -->", "<!-- md:cite -->")], "malformed citation"),
    (
        "an unknown shortcode",
        [("pitfalls.md", "<!-- md:cite 1, 2 -->", "<!-- md:cit 1, 2 -->")],
        "unknown shortcode 'md:cit'",
    ),
    (
        "a missing recommendation anchor",
        [("conservative-management.md", "<!-- md:rec afo -->", "")],
        "'afo' of the decision module is stated on no page",
    ),
    (
        "a recommendation stated twice",
        [("conservative-management.md", "<!-- md:rec fes -->", "<!-- md:rec afo -->")],
        "recommendation id 'afo' is also on",
    ),
    (
        "a recommendation on the wrong page",
        [
            ("prognosis.md", "  <!-- md:rec natural-history -->\n", ""),
            ("pitfalls.md", "  <!-- md:rec pitfall-bilateral -->", "  <!-- md:rec natural-history -->"),
        ],
        "recommendation 'natural-history' belongs on prognosis.md",
    ),
    (
        "an id the decision module does not know",
        [("pitfalls.md", "<!-- md:rec pitfall-bilateral -->", "<!-- md:rec pitfall-everything -->")],
        "'pitfall-everything' is not a recommendation id",
    ),
    (
        "a guideline sentence the calculator quotes, changed on its page",
        [("prognosis.md", "Mean motor recovery rate of 52-53%", "Mean motor recovery rate of 52-54%")],
        "calculator quotes 'Preoperative motor strength is the strongest predictor of recovery' [4]",
    ),
    (
        "a quoted sentence's citations changed on its page",
        [("prognosis.md", "in incomplete recovery <!-- md:cite 1 -->", "in incomplete recovery <!-- md:cite 3 -->")],
        "calculator quotes 'Delayed surgery beyond several weeks may result in incomplete recovery' [1]",
    ),
    (
        "a reading of the calculator marked as a guideline statement",
        [("pitfalls.md", "  <!-- md:rec pitfall-bilateral -->", "  <!-- md:rec diagnosis-review -->")],
        "'diagnosis-review' is a reading of the calculator, not a statement",
    ),
    (
        "a clause id without its end",
        [("index.md", "<!-- md:rec-end -->", "")],
        "md:rec-start 'urgent-decompression' needs a well-formed id and an md:rec-end on the same line",
    ),
    ("a broken link", [("about.md", "[References](references.md)", "[References](nowhere.md)")], "nowhere.md"),
    ("a broken anchor", [("about.md", "[References](references.md)", "[References](references.md#ref-99)")], "ref-99"),
]


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "mkdocs.yml", copy)
    for folder in ("docs", "build_scripts"):
        shutil.copytree(ROOT / folder, copy / folder)
    return copy


@pytest.mark.parametrize(("what", "edits", "message"), CASES, ids=[c[0] for c in CASES])
def test_the_build_fails_on(what, edits, message, project_copy, tmp_path):
    originals = {}
    for page, old, new in edits:
        path = project_copy / "docs" / page
        originals.setdefault(path, path.read_text())
        text = path.read_text()
        assert old in text, "the case no longer matches the page"
        path.write_text(text.replace(old, new, 1))
    try:
        result = build_site(tmp_path / "site", project_copy / "mkdocs.yml")
    finally:
        for path, text in originals.items():
            path.write_text(text)
    assert result.returncode != 0
    assert message in result.stderr + result.stdout
