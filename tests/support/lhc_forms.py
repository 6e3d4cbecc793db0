"""LHC-Forms (NLM's renderer, the npm package `lforms`, a test-only dependency) in Chromium: a page that renders
a FHIR Questionnaire, served with the package's own files from node_modules, and a clinician's way of filling
it in, question by question, by the labels on the screen."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect

from calculator.findings import QUESTIONS, Question
from calculator.questionnaire import QUALIFIES
from tests.support.sources import ROOT

PACKAGE = ROOT / "node_modules" / "lforms"
DIST = PACKAGE / "dist" / "lforms"
# The files the package's README lists for its web component, and its FHIR R4 support.
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>LHC-Forms</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="lforms/webcomponent/styles.css">
<script src="lforms/webcomponent/assets/lib/zone.min.js"></script>
<script src="lforms/webcomponent/runtime.js" type="module"></script>
<script src="lforms/webcomponent/polyfills.js" type="module"></script>
<script src="lforms/webcomponent/main.js" type="module"></script>
<script src="lforms/fhir/R4/lformsFHIR.min.js" defer></script>
</head>
<body>
<main id="form"></main>
</body>
</html>
"""
CONTAINER = "document.getElementById('form')"
READY = "() => Boolean(window.LForms?.Util?.addFormToPage && window.LForms.Util.getFormFHIRData)"


def pinned_version() -> str:
    """The version package.json pins (exactly: a range would let a fresh install render differently)."""
    return json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["lforms"]


def installed_version() -> str:
    return json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]


def write_page(dest: Path) -> Path:
    """The page in `dest`, the package's built files linked beside it (55 MB: linked, not copied)."""
    if not (DIST / "webcomponent" / "main.js").is_file():
        raise FileNotFoundError(f"no lforms in {PACKAGE}: run build_scripts/commands/setup.sh (it runs npm ci)")
    (dest / "index.html").write_text(PAGE, encoding="utf-8")
    (dest / "lforms").symlink_to(DIST, target_is_directory=True)
    return dest


def _name(question: Question) -> re.Pattern[str]:
    # The accessible name is the label, with " *" after it on a required question.
    return re.compile("^" + re.escape(question.label) + r"( \*)?$")


def _code(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def shown(findings: Mapping[str, Any], name: str) -> bool:
    """Whether the form asks this question for these findings: a qualifier only when its enableWhen holds."""
    return name not in QUALIFIES or findings.get(QUALIFIES[name]) is True


class LhcForm:
    """The page, once LForms has loaded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.form = page.locator("#form")

    def render(self, questionnaire: Mapping[str, Any]) -> None:
        # addFormToPage replaces any earlier form, and its promise resolves once the form is ready.
        self.page.evaluate(f"q => LForms.Util.addFormToPage(q, {CONTAINER}, {{}})", questionnaire)
        expect(self.form.get_by_role("heading", level=1)).to_have_text(questionnaire["title"])

    def version(self) -> str:
        return str(self.page.evaluate("LForms.lformsVersion"))

    def radio_group(self, question: Question) -> Locator:
        return self.form.get_by_role("radiogroup", name=_name(question))

    def answer(self, question: Question, value: Any) -> None:
        """Answer as a clinician would: by the question's label and the answer's words."""
        if question.kind is bool:
            words = "Yes" if value else "No"
            group = self.radio_group(question)
            # The words, not the radio's circle: a click on the circle itself leaves the input's checked state
            # (what a screen reader reads) on the old answer, although the form records the new one.
            group.get_by_text(words, exact=True).click()
            expect(group.get_by_role("radio", name=words, exact=True)).to_be_checked()
        elif question.options:
            words = next(label for option, label in question.options if _code(option) == value)
            box = self.form.get_by_role("combobox", name=_name(question))
            box.click()
            # The autocompleter's one list, shared by every field, numbers its items ("2:  Stable (persistent)").
            item = re.compile(r"^\d+:\s+" + re.escape(words) + "$")
            self.page.locator("#lhc-tools-searchResults").get_by_role("listitem").filter(has_text=item).click()
            expect(box).to_have_value(words)
        else:
            box = self.form.get_by_role("textbox", name=_name(question))
            box.fill(str(value))
            expect(box).to_have_value(str(value))

    def fill(self, findings: Mapping[str, Any]) -> None:
        """Every finding given, in the form's order; one left out keeps the form's initial answer. A qualifier
        the form does not ask (its enableWhen false) must not be on the screen."""
        for question in QUESTIONS:
            if findings.get(question.name) is None:
                continue
            if not shown(findings, question.name):
                expect(self.radio_group(question)).to_have_count(0)
                continue
            self.answer(question, findings[question.name])

    def response(self) -> Any:
        """The QuestionnaireResponse LForms exports (None when a field holds what it cannot export)."""
        return self.page.evaluate(f"LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', {CONTAINER})")

    def errors(self) -> list[str] | None:
        """LForms' own validation of the form (None: valid). It exports an answer out of range all the same."""
        result = self.page.evaluate(f"LForms.Util.checkValidity({CONTAINER})")
        return None if result is None else [str(e) for e in result]
