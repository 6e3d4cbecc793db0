"""The form's questions as an HL7 FHIR R4 Questionnaire (SDC style), and a QuestionnaireResponse to it read
back as findings.

Both follow from `QUESTIONS`, the form's own questions: the linkIds are the field names; the texts, hints and
option labels are the form's words. Standard library only, like the rest of the module, so a response is
read the same way on CPython and in the browser.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any

from .findings import QUESTION_BY_NAME, QUESTIONS, InvalidFindings, Question

# An identifier, not an address: it names the artifact wherever it is published.
CANONICAL = "https://foot-drop-guideline.example/fhir/Questionnaire/foot-drop"
CODE_SYSTEM = "https://foot-drop-guideline.example/fhir/CodeSystem/foot-drop-answers"
# A qualifier is asked only when the finding it qualifies is present (its enableWhen). Alone it changes
# nothing in the rules: the fusion circumstances need both (guideline section "Surgical Approach").
QUALIFIES = {"chronic_axial_pain": "recurrent_herniation", "significant_preoperative_axial_pain": "heavy_manual_labor"}
_ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
_ITEM_CONTROL_CODES = "http://hl7.org/fhir/questionnaire-item-control"
_MIN = "http://hl7.org/fhir/StructureDefinition/minValue"
_MAX = "http://hl7.org/fhir/StructureDefinition/maxValue"


def _version() -> str:
    # Read when called: the package sets its version after importing its modules.
    from . import __version__

    return __version__


def canonical() -> str:
    """The canonical reference a response gives: the URL and this calculator's version."""
    return f"{CANONICAL}|{_version()}"


def answer_code(value: Any) -> str:
    """An option's code in the Questionnaire: the enum's value, or the number as text (the MRC grade)."""
    return str(value.value if isinstance(value, Enum) else value)


def _item(question: Question) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": question.name, "text": question.label}
    if question.kind is bool:
        item["type"] = "boolean"
        if question.default is not None:
            item["initial"] = [{"valueBoolean": question.default}]
    elif question.options:  # the enums, and the MRC grade as coded options (a renderer may hide a 0)
        item["type"] = "choice"
        item["answerOption"] = [
            {"valueCoding": {"system": CODE_SYSTEM, "code": answer_code(value), "display": label}}
            | ({"initialSelected": True} if question.default is not None and value == question.default else {})
            for value, label in question.options
        ]
    else:
        item["type"] = "integer"
        item["extension"] = [
            {"url": _MIN, "valueInteger": question.minimum},
            {"url": _MAX, "valueInteger": question.maximum},
        ]
    if question.required:
        item["required"] = True
    if question.name in QUALIFIES:
        item["enableWhen"] = [{"question": QUALIFIES[question.name], "operator": "=", "answerBoolean": True}]
    if question.hint:
        item["item"] = [
            {
                "linkId": f"{question.name}.hint",
                "text": question.hint,
                "type": "display",
                "extension": [
                    {
                        "url": _ITEM_CONTROL,
                        "valueCodeableConcept": {"coding": [{"system": _ITEM_CONTROL_CODES, "code": "help"}]},
                    }
                ],
            }
        ]
    return item


def questionnaire() -> dict[str, Any]:
    """The Questionnaire resource: the form's groups and questions, in the form's order."""
    groups: dict[str, list[Question]] = {}
    for question in QUESTIONS:
        groups.setdefault(question.group, []).append(question)
    return {
        "resourceType": "Questionnaire",
        "id": "foot-drop",
        "url": CANONICAL,
        "version": _version(),
        "name": "FootDropDueToDiscHerniation",
        "title": "Treatment of foot drop due to disc herniation: findings",
        "status": "active",
        "subjectType": ["Patient"],
        "item": [
            {"linkId": f"group-{n}", "text": group, "type": "group", "item": [_item(q) for q in questions]}
            for n, (group, questions) in enumerate(groups.items(), 1)
        ],
    }


def _items(node: Mapping[str, Any], where: str) -> list[Mapping[str, Any]]:
    items = node.get("item", [])
    if not isinstance(items, list) or not all(
        isinstance(i, Mapping) and isinstance(i.get("linkId"), str) for i in items
    ):
        raise InvalidFindings({where: "item must be a list of items, each with a linkId"})
    return items


def _answered(response: Mapping[str, Any], errors: dict[str, str]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every (linkId, item) of a question answered in the response, in the Questionnaire's own shape: each
    question directly in its group, each group at the top. A response of another shape is refused, linkId by
    linkId, rather than read otherwise than a PlanDefinition over `item.item` would read it."""
    group_of = {q["linkId"]: g["linkId"] for g in questionnaire()["item"] for q in g["item"]}
    groups_seen: set[str] = set()
    for group in _items(response, "item"):
        name = group["linkId"]
        if name not in set(group_of.values()):
            errors[name[:40]] = f"must be inside its group {group_of[name]}" if name in group_of else "unknown linkId"
            continue
        if name in groups_seen:
            errors[name] = "is given more than once"
            continue
        groups_seen.add(name)
        if "answer" in group:
            errors[name] = "is a group: it takes no answer"
        for item in _items(group, name):
            link_id = item["linkId"]
            if group_of.get(link_id) != name:
                errors[link_id[:40]] = f"belongs to {group_of[link_id]}" if link_id in group_of else "unknown linkId"
            elif "item" in item:
                errors[link_id] = "is a question: it holds no items"
            else:
                yield link_id, item


_ANSWER_KEYS = {"id", "extension"}
_CODING_KEYS = {"system", "code", "display"}


def _value(question: Question, answer: Any) -> Any:
    """The finding an answer gives, or ValueError saying what the question takes."""
    values = [k for k in answer if k.startswith("value")] if isinstance(answer, Mapping) else []
    if len(values) != 1 or not set(answer) - set(values) <= _ANSWER_KEYS:
        raise ValueError("each answer needs exactly one value[x] (and nothing else but id and extension)")
    if question.kind is bool:
        if not isinstance(answer.get("valueBoolean"), bool):
            raise ValueError("must be answered with valueBoolean (true or false)")
        return answer["valueBoolean"]
    if not question.options:
        value = answer.get("valueInteger")
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("must be answered with valueInteger")
        return value
    coding = answer.get("valueCoding")
    codes = {answer_code(value): (value, label) for value, label in question.options}
    code = coding.get("code") if isinstance(coding, Mapping) else None
    if (
        not isinstance(coding, Mapping)
        or coding.get("system") != CODE_SYSTEM
        or not isinstance(code, str)
        or code not in codes
    ):
        shown = ", ".join(f'"{c}"' for c in codes)
        raise ValueError(f"must be answered with valueCoding of system {CODE_SYSTEM}, code one of {shown}")
    value, label = codes[code]
    if not set(coding) <= _CODING_KEYS or coding.get("display", label) != label:
        raise ValueError(f'its valueCoding holds only system, code and display, the display "{label}" or none')
    return answer_code(value) if question.kind is not int else value


def findings_from_response(response: Mapping[str, Any]) -> dict[str, Any]:
    """The findings a QuestionnaireResponse to `questionnaire()` gives, or InvalidFindings naming each linkId
    (or "questionnaire", "resourceType") that is wrong. Questions left unanswered are left out, so that the
    findings' own check says which are required."""
    if response.get("resourceType") != "QuestionnaireResponse":
        raise InvalidFindings({"resourceType": "must be QuestionnaireResponse"})
    if response.get("questionnaire") != canonical():
        raise InvalidFindings({"questionnaire": f"must be {canonical()} (this calculator's Questionnaire and version)"})
    # Only a finished response is a patient's findings.
    if response.get("status") not in ("completed", "amended"):
        raise InvalidFindings({"status": 'must be "completed" or "amended"'})
    errors: dict[str, str] = {}
    findings: dict[str, Any] = {}
    seen: set[str] = set()
    for link_id, item in _answered(response, errors):
        question = QUESTION_BY_NAME[link_id]
        if link_id in seen:
            errors[link_id] = "is answered more than once"
            continue
        seen.add(link_id)
        answers = item.get("answer", [])
        if not isinstance(answers, list):
            errors[link_id] = "answer must be a list"
            continue
        if len(answers) > 1:
            errors[link_id] = "has more than one answer (it takes one)"
            continue
        if not answers:
            continue
        try:
            findings[link_id] = _value(question, answers[0])
        except ValueError as problem:
            errors[link_id] = str(problem)
    for qualifier, qualified in QUALIFIES.items():
        if qualifier in findings and findings.get(qualified) is not True:
            errors[qualifier] = f"is answered, but its enableWhen hides it ({qualified} is not true)"
    if errors:
        raise InvalidFindings(errors)
    return findings


def response_from_findings(findings: Mapping[str, Any]) -> dict[str, Any]:
    """A completed QuestionnaireResponse giving these (valid) findings: the inverse of findings_from_response,
    for examples and tests. A finding not given (or None) is left unanswered; a qualifier whose qualified
    finding is not true is left out, as its enableWhen hides it."""

    def answer(question: Question, value: Any) -> dict[str, Any]:
        if question.kind is bool:
            return {"valueBoolean": value}
        if not question.options:
            return {"valueInteger": value}
        label = next(text for option, text in question.options if answer_code(option) == answer_code(value))
        return {"valueCoding": {"system": CODE_SYSTEM, "code": answer_code(value), "display": label}}

    def shown(question: Question) -> bool:
        qualified = QUALIFIES.get(question.name)
        return findings.get(question.name) is not None and (qualified is None or findings.get(qualified) is True)

    groups = questionnaire()["item"]
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": canonical(),
        "status": "completed",
        "item": [
            {
                "linkId": group["linkId"],
                "item": [
                    {"linkId": q["linkId"], "answer": [answer(QUESTION_BY_NAME[q["linkId"]], findings[q["linkId"]])]}
                    for q in group["item"]
                    if shown(QUESTION_BY_NAME[q["linkId"]])
                ],
            }
            for group in groups
            if any(shown(QUESTION_BY_NAME[q["linkId"]]) for q in group["item"])  # FHIR JSON has no empty lists
        ],
    }
