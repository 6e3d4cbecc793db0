"""The computable guideline: the FHIR R4 Questionnaire and PlanDefinition, generated from `calculator/`,
checked, and written into the site's downloads.

Checked twice, because each check misses what the other catches:
- structurally, by `fhir.resources`' R4B models (R4B matches R4 for Questionnaire, QuestionnaireResponse and
  PlanDefinition; the package has no 4.0.1 module);
- by the Questionnaire invariants of the R4 specification, in FHIRPath (fhirpathpy), which the models do not
  check, and by the JSON type of every boolean element, which the models coerce ("yes" becomes true).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from fhir.resources.R4B.plandefinition import PlanDefinition
from fhir.resources.R4B.questionnaire import Questionnaire
from fhirpathpy import evaluate
from pydantic import ValidationError

from calculator import __version__
from calculator.findings import QUESTION_BY_NAME
from calculator.plandefinition import CANONICAL as PLAN_CANONICAL
from calculator.plandefinition import plan_definition
from calculator.questionnaire import CANONICAL, QUALIFIES, questionnaire

from .paths import INDEX, PLAN_DEFINITION, QUESTIONNAIRE

# Invariants of R4's Questionnaire that its models leave unchecked, each as the specification words it,
# evaluated on every item (que-1, -6, -11, -12) or on the whole resource (que-2, and enableWhen's target).
ITEM_INVARIANTS = {
    "que-1": (
        "Group items must have nested items, display items cannot have nested items",
        "(type = 'group' implies item.empty().not()) and (type = 'display' implies item.empty())",
    ),
    "que-6": (
        "Required and repeat aren't permitted for display items",
        "type != 'display' or (required.empty() and repeats.empty())",
    ),
    "que-11": (
        "If one or more answerOption is present, initial[x] must be missing",
        "answerOption.empty() or initial.empty()",
    ),
    "que-12": (
        "If there are more than one enableWhen, enableBehavior must be specified",
        "enableWhen.count() > 1 implies enableBehavior.exists()",
    ),
}
RESOURCE_INVARIANTS = {
    "que-2": (
        "The link ids for groups and questions must be unique within the questionnaire",
        "repeat(item).linkId.isDistinct()",
    ),
    "enableWhen": (
        "Every enableWhen names a question of this Questionnaire",
        "repeat(item).enableWhen.question.all(%linkIds contains $this)",
    ),
}
BOOLEAN_ELEMENTS = ("required", "repeats", "readOnly", "initialSelected", "answerBoolean", "valueBoolean")


def _items(items: Any, where: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    for n, item in enumerate(items or []):
        path = f"{where}item[{n}]"
        yield path, item
        yield from _items(item.get("item"), f"{path}.")


def _booleans(node: Any, where: str) -> Iterator[str]:
    """Every boolean element whose JSON value is not true or false, by its path."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key in BOOLEAN_ELEMENTS and not isinstance(value, bool):
                yield f"{where}.{key} is {json.dumps(value)}, not a JSON boolean"
            yield from _booleans(value, f"{where}.{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _booleans(value, f"{where}[{n}]")


def questionnaire_problems(resource: Mapping[str, Any]) -> list[str]:
    """What is wrong with a Questionnaire, each problem in a sentence naming where; empty when nothing is."""
    try:
        Questionnaire.model_validate(resource)
    except ValidationError as problem:
        return [f"not a valid R4 Questionnaire: {error['loc']}: {error['msg']}" for error in problem.errors()]
    problems = list(_booleans(resource, "Questionnaire"))
    link_ids = evaluate(resource, "repeat(item).linkId")
    for name, (words, expression) in RESOURCE_INVARIANTS.items():
        if evaluate(resource, expression, {"linkIds": link_ids}) != [True]:
            problems.append(f"{name}: {words}")
    for path, item in _items(resource.get("item")):
        for name, (words, expression) in ITEM_INVARIANTS.items():
            if evaluate(dict(item), expression) != [True]:
                problems.append(f"{name} at {path} ({item.get('linkId')}): {words}")
    return problems


def _published() -> list[tuple[str, Path, str]]:
    """Each artifact the site publishes: its title, where it goes, and its canonical URL."""
    return [
        ("Questionnaire (SDC style): the findings", QUESTIONNAIRE, CANONICAL),
        ("PlanDefinition (ECA rules): the recommendations", PLAN_DEFINITION, PLAN_CANONICAL),
    ]


def _write(site: Path, path: Path, resource: Mapping[str, Any]) -> Path:
    (site / path).parent.mkdir(parents=True, exist_ok=True)
    (site / path).write_text(json.dumps(resource, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return site / path


def write_questionnaire(site: Path) -> Path:
    """The Questionnaire into the site's downloads; ValueError with every problem when it is not valid."""
    resource = questionnaire()
    problems = questionnaire_problems(resource)
    if problems:
        raise ValueError("The FHIR Questionnaire is not valid:\n  " + "\n  ".join(problems))
    return _write(site, QUESTIONNAIRE, resource)


def write_plan_definition(site: Path) -> Path:
    """The PlanDefinition into the site's downloads, its actions linked to the statements and readings on the
    site by URLs relative to the file (the site has no fixed address); ValueError when it is not valid R4."""
    index = json.loads((site / INDEX).read_text(encoding="utf-8"))
    up = "../" * PLAN_DEFINITION.as_posix().count("/")
    statements = index["recommendations"]
    urls = {rid: up + entry["url"] for rid, entry in statements.items() if entry["kind"] == "guideline"}
    (readings,) = {entry["url"].partition("#")[0] for entry in index["readings"].values()}  # one page
    titles = {rid: entry["text"] for rid, entry in statements.items() if entry["kind"] == "guideline"}
    resource = plan_definition(urls, up + readings, titles)
    try:
        PlanDefinition.model_validate(resource)
    except ValidationError as problem:
        raise ValueError(f"The FHIR PlanDefinition is not valid: {problem}") from None
    return _write(site, PLAN_DEFINITION, resource)


def _kind(item: Mapping[str, Any]) -> str:
    if item["type"] == "boolean":
        return "`valueBoolean`"
    if item["type"] == "integer":
        low, high = (e["valueInteger"] for e in item["extension"])
        return f"`valueInteger`, {low} to {high}"
    return "`valueCoding`, code " + ", ".join(f"`{o['valueCoding']['code']}`" for o in item["answerOption"])


def response_mapping() -> str:
    """The page's table: each linkId, the answer it takes, and the finding it gives (the field of that name)."""
    rows = ["| linkId (the finding) | question | answer | if unanswered |", "|---|---|---|---|"]
    for group in questionnaire()["item"]:
        for item in group["item"]:
            question = QUESTION_BY_NAME[item["linkId"]]
            if question.required:
                missing = "an error: required"
            elif question.default is None:
                missing = "not given"
            else:
                missing = f"`{getattr(question.default, 'value', question.default)}`".lower()
            shown = f" (asked only when `{QUALIFIES[item['linkId']]}` is true)" if item["linkId"] in QUALIFIES else ""
            rows.append(f"| `{item['linkId']}` | {item['text']}{shown} | {_kind(item)} | {missing} |")
    return "\n".join(rows)


def artifacts(root: str) -> str:
    """The page's table of the published artifacts: file, canonical URL, version."""
    rows = ["| artifact | file | canonical URL | version |", "|---|---|---|---|"]
    for title, path, url in _published():
        link = f'<a href="{root}{path.as_posix()}" download>{path.name}</a>'
        rows.append(f"| {title} | {link} | `{url}` | `{__version__}` |")
    return "\n".join(rows)
