"""A real client of the Questionnaire: NLM's LHC-Forms (npm `lforms`, pinned, self-hosted) in Chromium renders it,
the vignettes are filled in by their labels, and the QuestionnaireResponse it exports is assessed as the
vignette's own findings are."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from calculator import InvalidFindings, assess
from calculator.findings import QUESTION_BY_NAME, QUESTIONS
from calculator.questionnaire import QUALIFIES, questionnaire
from sitebuild.engines import TABLET
from sitebuild.static_server import serve_in_thread
from tests.support.browser import Watch, watch_context
from tests.support.lhc_forms import READY, LhcForm, installed_version, pinned_version, shown, write_page
from tests.support.vignettes import VIGNETTES

PUBLISHED = "downloads/foot-drop-questionnaire.json"
SAMPLE_SIZE = 30  # of 91 vignettes: each takes about 1.5 s on two cores, and the test stays under a minute


def _features(findings: Mapping[str, Any]) -> set[tuple[Any, ...]]:
    """What filling these findings exercises: each coded answer (None: left at the form's initial answer),
    the bounds of a count, and each qualifier shown or hidden by its enableWhen."""
    out: set[tuple[Any, ...]] = set()
    for question in QUESTIONS:
        value = findings.get(question.name)
        if not shown(findings, question.name):
            out.add((question.name, "hidden", value))
        elif question.options or value in (question.minimum, question.maximum):
            out.add((question.name, value))
    return out


def _sample(cases: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    """The fewest vignettes (greedily) that exercise everything any vignette does, then others evenly spread."""
    chosen: list[dict[str, Any]] = []
    missing = set().union(*(_features(c["findings"]) for c in cases))
    while missing:
        gain = {case["name"]: len(_features(case["findings"]) & missing) for case in cases}
        best = max(cases, key=lambda case: gain[case["name"]])
        chosen.append(best)
        missing -= _features(best["findings"])
    rest = [c for c in cases if c not in chosen]
    step = len(rest) / max(size - len(chosen), 1)
    chosen += [rest[int(n * step)] for n in range(size - len(chosen))]
    return sorted(chosen, key=cases.index)


SAMPLE = _sample(VIGNETTES, SAMPLE_SIZE)


@pytest.fixture(scope="module")
def lhc_session(browser: Browser, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LhcForm, Watch]]:
    """One page with LForms loaded for the module (loading it takes seconds); each test renders anew."""
    try:
        directory = write_page(tmp_path_factory.mktemp("lhc-forms"))
    except FileNotFoundError as problem:
        pytest.fail(str(problem))
    server, url = serve_in_thread(directory)
    context = browser.new_context(viewport=TABLET, service_workers="block")
    watch = watch_context(context)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(READY)
    yield LhcForm(page), watch
    context.close()
    server.shutdown()


@pytest.fixture
def lhc(lhc_session: tuple[LhcForm, Watch]) -> Iterator[LhcForm]:
    """The form, rendered from `questionnaire()`; what the page does wrong during the test fails it."""
    form, watch = lhc_session
    seen = (len(watch.console_errors), len(watch.external_requests), len(watch.policy_violations))
    form.render(questionnaire())
    yield form
    assert watch.console_errors[seen[0] :] == [], "console errors"
    assert watch.external_requests[seen[1] :] == [], "requests off loopback"
    assert watch.policy_violations[seen[2] :] == [], "Content Security Policy violations"


def _without_findings(assessment: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in assessment.items() if key != "findings"}


def test_the_questionnaire_rendered_is_the_one_the_site_publishes(site_dir: Path) -> None:
    published = site_dir / PUBLISHED
    assert json.loads(published.read_text(encoding="utf-8")) == questionnaire()


def test_the_renderer_is_the_pinned_lforms_served_from_node_modules(lhc: LhcForm) -> None:
    assert installed_version() == pinned_version(), "node_modules is stale: run build_scripts/commands/setup.sh"
    assert lhc.version() == pinned_version()


def test_the_sample_has_at_least_twenty_vignettes_and_exercises_every_answer_any_vignette_gives() -> None:
    assert len(SAMPLE) >= 20
    assert len({case["name"] for case in SAMPLE}) == len(SAMPLE)
    every = set().union(*(_features(case["findings"]) for case in VIGNETTES))
    assert set().union(*(_features(case["findings"]) for case in SAMPLE)) == every
    # Both sides of each enableWhen, with the hidden qualifier given as true: the case the form must drop.
    for qualifier in QUALIFIES:
        assert {(qualifier, True), (qualifier, "hidden", True)} <= every


@pytest.mark.parametrize("case", SAMPLE, ids=[case["name"] for case in SAMPLE])
def test_a_vignette_filled_in_by_its_labels_is_assessed_from_the_exported_response_as_from_its_findings(
    lhc: LhcForm, case: dict[str, Any]
) -> None:
    findings = case["findings"]
    lhc.fill(findings)
    assert lhc.errors() is None
    response = lhc.response()
    assert response["resourceType"] == "QuestionnaireResponse"
    assert response["status"] == "completed"
    from_form, from_findings = assess(response), assess(findings)
    assert _without_findings(from_form) == _without_findings(from_findings)
    # A qualifier the form hides is not in the response: the findings read back have its default, false.
    hidden = {name: False for name in QUALIFIES if not shown(findings, name)}
    assert from_form["findings"] == assess({**findings, **hidden})["findings"]


def test_a_qualifier_is_asked_only_while_its_finding_is_yes_and_is_dropped_from_the_response_when_hidden(
    lhc: LhcForm,
) -> None:
    for qualifier, qualified in QUALIFIES.items():
        group = lhc.radio_group(QUESTION_BY_NAME[qualifier])
        expect(group).to_have_count(0)
        lhc.answer(QUESTION_BY_NAME[qualified], True)
        lhc.answer(QUESTION_BY_NAME[qualifier], True)
        lhc.answer(QUESTION_BY_NAME[qualified], False)
        expect(group).to_have_count(0)
        answered = {item["linkId"] for group in lhc.response()["item"] for item in group["item"]}
        assert qualifier not in answered
        lhc.answer(QUESTION_BY_NAME[qualified], True)
        expect(group.get_by_role("radio", name="Yes", exact=True)).to_be_checked()


def test_each_question_s_hint_is_its_help_text(lhc: LhcForm) -> None:
    for qualified in QUALIFIES.values():
        lhc.answer(QUESTION_BY_NAME[qualified], True)
    page = lhc.page
    for question in (q for q in QUESTIONS if q.hint):
        page.get_by_role("button", name=f"Help button for {question.label}", exact=True).click()
        expect(page.get_by_role("region", name=f"Help button for {question.label}", exact=True)).to_have_text(
            question.hint
        )
        page.keyboard.press("Escape")
        expect(page.get_by_role("tooltip")).to_have_count(0)


def test_a_count_of_days_out_of_range_is_exported_but_lforms_names_it_and_the_calculator_refuses_it(
    lhc: LhcForm,
) -> None:
    days = QUESTION_BY_NAME["days_since_onset"]
    findings = dict(VIGNETTES[0]["findings"])
    lhc.fill(findings)
    lhc.answer(days, days.maximum + 1)  # type: ignore[operator]
    assert lhc.errors() == [f"{days.label} must be a value less than or equal to {days.maximum}."]
    with pytest.raises(InvalidFindings) as refused:
        assess(lhc.response())
    assert refused.value.errors == {"days_since_onset": f"must be from {days.minimum} to {days.maximum}"}
