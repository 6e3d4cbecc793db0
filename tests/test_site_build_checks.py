"""`mkdocs build --strict` refuses a guideline with a citation or recommendation mistake."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.browser import build_site
from tests.support.sources import ROOT

# Each case: what is wrong, the edits that make it so (page, old, new), and the message the build must
# give. "{line}" stands for the line of the first edit in its page. Plugin errors abort with
# BUILD_ERROR; MkDocs' own link checks warn, and strict mode aborts on the warning.
BUILD_ERROR = "Aborted with a BuildError!"
STRICT = "Aborted with 1 warnings in strict mode!"
CASES = [
    (
        "an unknown citation number",
        [("initial-assessment.md", "foot drop <!-- md:cite 3 -->", "foot drop <!-- md:cite 3, 9 -->")],
        "initial-assessment.md:{line}: unknown reference number 9",
    ),
    (
        "a reference that nothing cites",
        [("prognosis.md", "<!-- md:cite 6, 5 -->", "<!-- md:cite 5 -->")],
        "references.yml: reference 6 is cited nowhere",
    ),
    (
        "a malformed citation",
        [("pitfalls.md", "<!-- md:cite 1, 2 -->", "<!-- md:cite 1; 2 -->")],
        "pitfalls.md:{line}: malformed citation '1; 2': expected numbers such as '1' or '1, 5'",
    ),
    (
        "a citation with no number",
        [("pitfalls.md", "<!-- md:cite 1, 2 -->", "<!-- md:cite -->")],
        "pitfalls.md:{line}: malformed citation ''",
    ),
    (
        "an unknown shortcode",
        [("pitfalls.md", "<!-- md:cite 1, 2 -->", "<!-- md:cit 1, 2 -->")],
        "pitfalls.md:{line}: unknown shortcode 'md:cit'",
    ),
    (
        "a missing recommendation anchor",
        [("conservative-management.md", "<!-- md:rec afo -->", "")],
        "recommendation id 'afo' of the decision module is stated on no page",
    ),
    (
        "a recommendation stated twice",
        [("conservative-management.md", "<!-- md:rec fes -->", "<!-- md:rec afo -->")],
        "conservative-management.md:{line}: recommendation id 'afo' is also on conservative-management.md",
    ),
    (
        "a recommendation on the wrong page",
        [
            ("pitfalls.md", "  <!-- md:rec pitfall-bilateral -->", "  <!-- md:rec natural-history -->"),
            ("prognosis.md", "  <!-- md:rec natural-history -->\n", ""),
        ],
        "pitfalls.md:{line}: recommendation 'natural-history' belongs on prognosis.md",
    ),
    (
        "an id the decision module does not know",
        [("pitfalls.md", "<!-- md:rec pitfall-bilateral -->", "<!-- md:rec pitfall-everything -->")],
        "pitfalls.md:{line}: 'pitfall-everything' is not a recommendation id of the decision module",
    ),
    (
        "a guideline sentence the calculator quotes, changed on its page",
        [("prognosis.md", "Mean motor recovery rate of 52-53%", "Mean motor recovery rate of 52-54%")],
        "calculator quotes 'Preoperative motor strength is the strongest predictor of recovery' [4], which no page "
        "states so (with its list)",
    ),
    (
        "a quoted sentence's citations changed on its page",
        [("prognosis.md", "in incomplete recovery <!-- md:cite 1 -->", "in incomplete recovery <!-- md:cite 3 -->")],
        "calculator quotes 'Delayed surgery beyond several weeks may result in incomplete recovery' [1]",
    ),
    (
        "a reading of the calculator marked as a guideline statement",
        [("pitfalls.md", "  <!-- md:rec pitfall-bilateral -->", "  <!-- md:rec diagnosis-review -->")],
        "pitfalls.md:{line}: 'diagnosis-review' is a reading of the calculator, not a statement",
    ),
    (
        "a clause id without its end",
        [("index.md", "<!-- md:rec-end -->", "")],
        "index.md:{line}: md:rec-start 'urgent-decompression' needs a well-formed id and an md:rec-end on the "
        "same line",
    ),
    (
        "a broken link",
        [("about.md", "[References](references.md)", "[References](nowhere.md)")],
        "Doc file 'about.md' contains a link 'nowhere.md', but the target is not found among documentation files.",
    ),
    (
        "a broken anchor",
        [("about.md", "[References](references.md)", "[References](references.md#ref-99)")],
        "Doc file 'about.md' contains a link 'references.md#ref-99', but the doc 'references.md' does not contain an "
        "anchor '#ref-99'.",
    ),
]


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project as the build sees it: its pages, hooks and the npm runtime the hooks copy."""
    copy = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "mkdocs.yml", copy)
    for folder in ("docs", "build_scripts"):
        shutil.copytree(ROOT / folder, copy / folder)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


def test_the_unchanged_copy_builds(project_copy, tmp_path):
    """So that each case below fails for its own mistake, not for a copy that never built."""
    result = build_site(tmp_path / "site", project_copy / "mkdocs.yml", quick=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("what", "edits", "message"), CASES, ids=[c[0] for c in CASES])
def test_the_build_fails_on(what, edits, message, project_copy, tmp_path):
    originals: dict[Path, str] = {}
    line = 0
    for page, old, new in edits:
        path = project_copy / "docs" / page
        originals.setdefault(path, path.read_text())
        text = path.read_text()
        assert old in text, "the case no longer matches the page"
        line = line or text[: text.index(old)].count("\n") + 1
        path.write_text(text.replace(old, new, 1))
    try:
        result = build_site(tmp_path / "site", project_copy / "mkdocs.yml", quick=True)
    finally:
        for path, text in originals.items():
            path.write_text(text)
    output = result.stderr + result.stdout
    assert result.returncode == 1
    assert message.format(line=line) in output
    assert (STRICT if message.startswith("Doc file") else BUILD_ERROR) in output
