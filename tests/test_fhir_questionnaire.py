"""The form's questions as a FHIR R4 Questionnaire, and a QuestionnaireResponse to it as the calculator's input."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

import sitebuild.fhir
from calculator import __version__, assess
from calculator.findings import QUESTION_BY_NAME, QUESTIONS
from calculator.questionnaire import CANONICAL, QUALIFIES, questionnaire, response_from_findings
from sitebuild.fhir import questionnaire_problems, write_questionnaire
from sitebuild.paths import QUESTIONNAIRE
from tests.support.vignettes import VIGNETTES


def questions(resource: dict) -> list[dict]:
    return [item for group in resource["item"] for item in group["item"]]


def test_the_published_questionnaire_is_the_module_s_and_passes_every_check(site_dir):
    published = json.loads((site_dir / QUESTIONNAIRE).read_text())
    assert published == questionnaire()
    assert questionnaire_problems(published) == []
    assert (published["url"], published["version"]) == (CANONICAL, __version__)


def test_it_asks_the_form_s_questions_in_the_form_s_words_and_order():
    items = questions(questionnaire())
    assert [i["linkId"] for i in items] == [q.name for q in QUESTIONS]
    for item in items:
        q = QUESTION_BY_NAME[item["linkId"]]
        assert item["text"] == q.label
        assert item.get("required", False) is q.required
        if q.hint:
            assert item["item"][0]["text"] == q.hint and item["item"][0]["type"] == "display"
        if q.kind is not bool and q.options:
            assert [o["valueCoding"]["display"] for o in item["answerOption"]] == [label for _, label in q.options]
    days = next(i for i in items if i["linkId"] == "days_since_onset")
    assert [e["valueInteger"] for e in days["extension"]] == [0, 3650]
    hidden = {i["linkId"]: i["enableWhen"] for i in items if "enableWhen" in i}
    assert hidden == {k: [{"question": v, "operator": "=", "answerBoolean": True}] for k, v in QUALIFIES.items()}


def first_question(q: dict) -> dict:
    return q["item"][0]["item"][0]


def second_question(q: dict) -> dict:
    return q["item"][0]["item"][1]


BREAKAGES: dict[str, tuple[Callable[[dict], Any], str]] = {
    "a structural error": (lambda q: first_question(q).pop("type"), "not a valid R4 Questionnaire"),
    "a duplicate linkId": (lambda q: second_question(q).update(linkId="course"), "que-2"),
    "enableWhen to a missing item": (
        lambda q: second_question(q).update(
            enableWhen=[{"question": "nowhere", "operator": "exists", "answerBoolean": True}]
        ),
        "enableWhen: Every enableWhen names a question",
    ),
    "initial alongside answerOption": (
        lambda q: first_question(q).update(initial=[{"valueString": "stable"}]),
        "que-11 at item[0].item[0] (course)",
    ),
    "a group with no items": (lambda q: q["item"][1].update(item=[]), "que-1 at item[1]"),
    "a required display item": (lambda q: first_question(q)["item"][0].update(required=True), "que-6"),
    "two enableWhen without enableBehavior": (
        lambda q: second_question(q).update(
            enableWhen=[{"question": "course", "operator": "exists", "answerBoolean": True}] * 2
        ),
        "que-12",
    ),
    '"yes" for true': (lambda q: first_question(q).update(required="yes"), 'required is "yes", not a JSON boolean'),
}


@pytest.mark.parametrize("breakage", BREAKAGES, ids=list(BREAKAGES))
def test_each_check_refuses_a_broken_copy_and_names_the_problem(breakage):
    broken = copy.deepcopy(questionnaire())
    change, named = BREAKAGES[breakage]
    change(broken)
    problems = questionnaire_problems(broken)
    assert any(named in problem for problem in problems), problems


def test_the_build_fails_on_a_broken_questionnaire(tmp_path, monkeypatch):
    broken = questionnaire()
    second_question(broken)["linkId"] = "course"
    monkeypatch.setattr(sitebuild.fhir, "questionnaire", lambda: broken)
    with pytest.raises(ValueError, match="que-2"):
        write_questionnaire(tmp_path)
    assert not (tmp_path / QUESTIONNAIRE).exists()


def without_findings(assessment: dict) -> dict:
    return {k: v for k, v in assessment.items() if k != "findings"}


@pytest.mark.parametrize("case", VIGNETTES[::9], ids=lambda c: c["name"])
def test_a_response_to_the_questionnaire_is_assessed_as_its_findings(case):
    from_response = assess(response_from_findings(case["findings"]))
    assert without_findings(from_response) == without_findings(assess(case["findings"]))
    # A qualifier its enableWhen hides is not asked: it counts as not present.
    hidden = {q for q, by in QUALIFIES.items() if case["findings"].get(by) is not True}
    assert from_response["findings"] == {**assess(case["findings"])["findings"], **dict.fromkeys(hidden, False)}


def run_cli(response: dict) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calculator", "assess", "-"],
        input=json.dumps(response),
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_command_line_assesses_a_response():
    case = VIGNETTES[0]
    result = run_cli(response_from_findings(case["findings"]))
    assert result.returncode == 0, result.stderr
    assert without_findings(json.loads(result.stdout)) == without_findings(assess(case["findings"]))


FINDINGS = {**VIGNETTES[0]["findings"], "recurrent_herniation": False, "chronic_axial_pain": False}


def answer_of(response: dict, link_id: str) -> dict:
    return next(i for g in response["item"] for i in g["item"] if i["linkId"] == link_id)


def add_item(response: dict, item: dict, group: int = -1) -> None:
    response["item"][group]["item"].append(item)


BAD_RESPONSES: dict[str, tuple[Callable[[dict], Any], str]] = {
    "a wrong Questionnaire": (
        lambda r: r.update(questionnaire="http://example.org/Questionnaire/other|1"),
        f"error: questionnaire: must be {CANONICAL}|{__version__}",
    ),
    "a wrong version": (
        lambda r: r.update(questionnaire=f"{CANONICAL}|1.0.0"),
        f"error: questionnaire: must be {CANONICAL}|{__version__}",
    ),
    "an unknown linkId": (
        lambda r: add_item(r, {"linkId": "smoker", "answer": [{"valueBoolean": True}]}),
        "error: smoker: unknown linkId",
    ),
    "two answers to one question": (
        lambda r: answer_of(r, "severe_deficit")["answer"].append({"valueBoolean": True}),
        "error: severe_deficit: has more than one answer",
    ),
    "one question answered twice": (
        lambda r: add_item(r, {"linkId": "severe_deficit", "answer": [{"valueBoolean": True}]}, group=1),
        "error: severe_deficit: is answered more than once",
    ),
    "a wrong value type": (
        lambda r: answer_of(r, "days_since_onset").update(answer=[{"valueString": "30"}]),
        "error: days_since_onset: must be answered with valueInteger",
    ),
    "a wrong code": (
        lambda r: answer_of(r, "course")["answer"][0]["valueCoding"].update(code="worse"),
        "error: course: must be answered with valueCoding",
    ),
    "an answer its enableWhen hides": (
        lambda r: add_item(r, {"linkId": "chronic_axial_pain", "answer": [{"valueBoolean": True}]}),
        "error: chronic_axial_pain: is answered, but its enableWhen hides it (recurrent_herniation is not true)",
    ),
    "a required question unanswered": (
        lambda r: answer_of(r, "course").pop("answer"),
        "error: course: is required",
    ),
    # Another shape than the Questionnaire's would be read otherwise by a PlanDefinition over item.item.
    "a question outside its group": (
        lambda r: r["item"].append({"linkId": "instability", "answer": [{"valueBoolean": True}]}),
        "error: instability: must be inside its group group-4",
    ),
    "a question in another group": (
        lambda r: add_item(r, {"linkId": "instability", "answer": [{"valueBoolean": True}]}, group=0),
        "error: instability: belongs to group-4",
    ),
    "an answer to a group": (
        lambda r: r["item"][0].update(answer=[{"valueBoolean": True}]),
        "error: group-1: is a group: it takes no answer",
    ),
    "an unknown group": (
        lambda r: r["item"].append({"linkId": "group-99", "item": []}),
        "error: group-99: unknown linkId",
    ),
    "items inside a question": (
        lambda r: answer_of(r, "course").update(item=[{"linkId": "severe_deficit"}]),
        "error: course: is a question: it holds no items",
    ),
    "a code that is not text": (
        lambda r: answer_of(r, "course")["answer"][0]["valueCoding"].update(code=["stable"]),
        "error: course: must be answered with valueCoding",
    ),
    "a display that is another answer's": (
        lambda r: answer_of(r, "course")["answer"][0]["valueCoding"].update(display="Improving"),
        'error: course: its valueCoding holds only system, code and display, the display "Stable (persistent)"',
    ),
    "an answer with more than its value": (
        lambda r: answer_of(r, "severe_deficit")["answer"][0].update(item=[]),
        "error: severe_deficit: each answer needs exactly one value[x]",
    ),
    "an answer that is not a list": (
        lambda r: answer_of(r, "severe_deficit").update(answer={"valueBoolean": True}),
        "error: severe_deficit: answer must be a list",
    ),
    "an unfinished response": (
        lambda r: r.update(status="in-progress"),
        'error: status: must be "completed" or "amended"',
    ),
    "a linkId that would forge a line": (
        lambda r: add_item(r, {"linkId": "x\nerror: fake: line", "answer": [{"valueBoolean": True}]}),
        "error: x\\nerror: fake: line: unknown linkId",
    ),
}


@pytest.mark.parametrize("bad", BAD_RESPONSES, ids=list(BAD_RESPONSES))
def test_a_bad_response_is_a_clean_error_naming_its_linkid(bad):
    response = response_from_findings(FINDINGS)
    change, said = BAD_RESPONSES[bad]
    change(response)
    result = run_cli(response)
    assert result.returncode == 2 and result.stdout == ""
    assert said in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert all(line.startswith("error: ") for line in result.stderr.splitlines()), result.stderr
