"""The guideline's recommendations as an HL7 FHIR R4 ECA-rule PlanDefinition over the QuestionnaireResponse of
the calculator's Questionnaire (`questionnaire.py`).

One action per recommendation id, in the contract's order (`RecommendationId`); each action links its
statement on the site and the readings its recommendation rests on, and has one applicability condition in
FHIRPath. An action applies exactly when the calculator (`rules.py`) lists its recommendation for the same
findings: tests/test_fhir_plandefinition.py proves it with two FHIRPath engines (fhirpathpy, fhirpath.js)
over every combination of the enums and flags, the boundary days and the MRC grades.

What is generated, and what is written here. The ids and their order come from `assessment.py`, the day
thresholds from `days.py` (each with its reading), the reading links from `readings.py`, and the variables
that read the answers from the form's questions (`findings.QUESTIONS`: linkId, answer type, default). The
conditions and the decisions they share (surgery, imaging, pathway, fusion...) are a second encoding of the
rules, written below as data with the section and references they come from: the tests are what keeps them
equal to `rules.py`.

How to evaluate it (our convention: an engine that runs this PlanDefinition must bind it the same way):

- Context: every expression, variable or condition, is evaluated with the QuestionnaireResponse resource as
  its input: the root that paths such as `item` start from. A host that binds `%resource` (as SDC does) binds
  it to the same resource, but no expression uses it, as fhirpathpy and fhirpath.js bind none by default.
  Paths need the FHIR R4 model: `answer.value` is a choice element (valueBoolean, valueCoding, valueInteger).
- Variables: the PlanDefinition's `http://hl7.org/fhir/StructureDefinition/variable` extensions are
  evaluated first, in document order, each with the results of those before it as environment variables
  (`%name`); then every action's condition is evaluated with all of them. A variable's value is its whole
  result collection (possibly empty).
- An action applies when its condition gives the single value `true`; `false` or empty does not apply it.
  The actions that apply, in document order, are the module's recommendations, in its order.
- Answers: each yes/no question reads as whether its linkId is among those answered yes (`%answeredYes`),
  so one left unanswered, or hidden by its enableWhen, is false, as in the module (a missing answer is
  empty, not false); a coded question reads as its code (`%course = 'stable'`), the MRI as "not_done" when
  unanswered (its default), an MRC grade not given as empty; the day count is `%daysSinceOnset`.
- Names are camelCase: `Expression.name` is an `id` in R4, and a FHIRPath name cannot hold `-`; none is a
  FHIRPath keyword (`days` is one: `%days` does not parse).

Standard library only, like the rest of the module: it imports under Pyodide too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from . import days
from .assessment import READING_OF, RecommendationId
from .days import DayThreshold
from .findings import QUESTIONS, Question
from .questionnaire import CODE_SYSTEM, answer_code, canonical
from .readings import READING_BY_ID, ReadingId
from .sections import Section

CANONICAL = "https://foot-drop-guideline.example/fhir/PlanDefinition/foot-drop"
VARIABLE = "http://hl7.org/fhir/StructureDefinition/variable"
FHIRPATH = "text/fhirpath"
_PLAN_TYPE = "http://terminology.hl7.org/CodeSystem/plan-definition-type"

# FHIRPath's keywords and calendar units: a variable of one of these names does not parse as `%name`.
KEYWORDS = frozenset(
    "and as contains div false implies in is mod or true xor year years month months week weeks day days hour "  # noqa: SIM905
    "hours minute minutes second seconds millisecond milliseconds".split()
)


@dataclass(frozen=True)
class Variable:
    """A named FHIRPath expression, evaluated once per response before the conditions."""

    name: str
    expression: str
    description: str


@dataclass(frozen=True)
class Rule:
    """A FHIRPath expression that restates a rule of `rules.py`, with the guideline section and references it
    comes from (None, (): the calculator's own, said by its readings). For an action's condition, `readings`
    are those its recommendation rests on (the tests check them against what the module gives for it)."""

    expression: str
    description: str
    section: Section | None
    references: tuple[int, ...]
    readings: tuple[ReadingId, ...] = ()


def camel(name: str) -> str:
    """A field or constant name (snake_case or UPPER_CASE) as a FHIRPath variable name."""
    first, *rest = name.lower().split("_")
    return first + "".join(word.capitalize() for word in rest)


# The thresholds as `%name` variables, named after their constants in days.py (ACUTE_PHASE_ENDS: acutePhaseEnds).
THRESHOLDS: dict[str, DayThreshold] = {
    camel(name): value for name, value in vars(days).items() if isinstance(value, DayThreshold)
}


# The answers are read in one pass over the response per answer type, not one per question: engines test
# the items one by one. A missing answer is empty, not false: a yes/no the form leaves unanswered is "no" in
# the module, so each reads as whether its linkId is among those answered yes. ofType(boolean): fhirpathpy
# also takes an integer 1 as `= true`.
ANSWERED_YES = Variable(
    "answeredYes",
    "item.item.where(answer.value.ofType(boolean) = true).linkId",
    "The linkIds of the yes/no questions answered yes; one left unanswered reads as no.",
)
# A code of the answers' CodeSystem names one option of one question, and one question only is answered with
# an integer (`_answers` checks both): so a coded answer is the one of its question's codes among those given.
ANSWERED_CODES = Variable(
    "answeredCodes",
    f"item.item.answer.value.ofType(Coding).where(system = '{CODE_SYSTEM}').code",
    f"The codes of the coded answers (system {CODE_SYSTEM}).",
)
INTEGER_ANSWER = "item.item.answer.value.ofType(integer)"


def _answer(question: Question) -> str:
    """The expression for a question's answer, as the module reads it (its default when unanswered)."""
    if question.kind is bool:
        if question.default not in (None, False):
            raise ValueError(f"{question.name}: only a default of false reads as an unanswered yes/no")
        return f"%{ANSWERED_YES.name} contains '{question.name}'"
    if question.options:
        codes = " | ".join(f"'{answer_code(value)}'" for value, _ in question.options)
        return f"%{ANSWERED_CODES.name}.intersect({codes})"
    return INTEGER_ANSWER


def _answers() -> Iterator[Variable]:
    """A variable per question, named after its field; one with a default reads the answer, then defaults."""
    coded = [answer_code(value) for q in QUESTIONS if q.kind is not bool for value, _ in q.options]
    if len(set(coded)) != len(coded):
        raise ValueError(f"a code names options of two questions: {sorted(c for c in coded if coded.count(c) > 1)}")
    if len([q for q in QUESTIONS if q.kind is not bool and not q.options]) != 1:
        raise ValueError("the answers are read for one question answered with an integer")
    yield from (ANSWERED_YES, ANSWERED_CODES)
    for q in QUESTIONS:
        name, about, answer = camel(q.name), f"The answer to {q.name}: {q.label}", _answer(q)
        if q.kind is bool or q.default is None:
            yield Variable(name, answer, f"{about}.")
            continue
        yield Variable(f"{name}Answer", answer, f"{about}, if answered.")
        default = answer_code(q.default)
        yield Variable(name, f"iif(%{name}Answer.exists(), %{name}Answer, '{default}')", f"{about}; {default} if not.")


# The decisions that several conditions share, as the rules of rules.py decide them, in evaluation order.
DECISIONS: dict[str, Rule] = {
    "redFlag": Rule(
        "%course = 'progressive' or %laterality = 'bilateral' or %caudaEquina or %multilevelMotorDeficit",
        "A red flag: progressive course, bilateral, cauda equina or multilevel motor deficit (immediate MRI).",
        Section.INITIAL_ASSESSMENT,
        (1, 3),
        (ReadingId.PROGRESSIVE,),
    ),
    "emergencyFlag": Rule(
        "%course = 'progressive' or %laterality = 'bilateral' or %caudaEquina",
        "An emergency flag: a red flag that is also an urgent surgical indication (within 4-24 hours).",
        Section.SURGICAL_INDICATIONS,
        (1, 3),
    ),
    "acuteSevereDeficit": Rule(
        "%severeDeficit and %daysSinceOnset < %acutePhaseEnds",
        "A severe deficit before day 28.",
        Section.SUMMARY,
        (1, 2),
        (ReadingId.SEVERE,),
    ),
    "lateSevereDeficit": Rule(
        "%severeDeficit and %daysSinceOnset >= %acutePhaseEnds",
        "A severe deficit from day 28: an elective indication in its own right.",
        Section.SUMMARY,
        (1, 2),
        (ReadingId.SEVERE,),
    ),
    "electiveIndication": Rule(
        "%daysSinceOnset >= %electiveSurgeryFrom and "
        "(%course = 'stable' or %functionalImpairment or %lateSevereDeficit)",
        "From day 28: a stable (persistent) course, significant functional impairment or a late severe deficit.",
        Section.SURGICAL_INDICATIONS,
        (1, 4),
        (ReadingId.FOUR_TO_SIX_WEEKS, ReadingId.PERSISTENT, ReadingId.SEVERE),
    ),
    # "The first that holds" is nested iif().
    "surgery": Rule(
        "iif(%emergencyFlag, iif(%mri = 'no_compression', 'urgent_evaluation', 'urgent'), "
        "iif(%acuteSevereDeficit and %mri != 'no_compression', 'soon', "
        "iif(%electiveIndication and %mri = 'compression', 'reasonable', "
        "iif(%electiveIndication and %mri = 'not_done', 'if_mri_confirms', 'not_now'))))",
        "Surgery, the first that holds: urgent_evaluation, urgent, soon, reasonable, if_mri_confirms, not_now.",
        Section.SURGICAL_INDICATIONS,
        (1, 3, 4, 5),
        (ReadingId.DOCUMENTED_COMPRESSION, ReadingId.SEVERE, ReadingId.NO_COMPRESSION_EMERGENCY),
    ),
    "imaging": Rule(
        "iif(%mri != 'not_done', 'done', iif(%redFlag or %severeDeficit, 'immediate', "
        "iif(%daysSinceOnset >= %imagingDue, 'due_now', 'within_1_to_4_weeks')))",
        "Imaging, the first that holds: done, immediate, due_now, within_1_to_4_weeks.",
        Section.INITIAL_ASSESSMENT,
        (1, 3),
        (ReadingId.SEVERE, ReadingId.FOUR_WEEKS),
    ),
    "pathway": Rule(
        "iif(%emergencyFlag, 'emergency', iif(%surgery = 'soon', 'urgent', "
        "iif(%mri = 'no_compression', 'outside_guideline', "
        "iif(%imaging = 'immediate' or %surgery = 'if_mri_confirms', 'imaging_first', "
        "iif(%surgery = 'reasonable', 'surgical_referral', 'conservative')))))",
        "The headline, the first that holds: emergency, urgent, outside_guideline, imaging_first, "
        "surgical_referral, conservative.",
        None,
        (),
        (ReadingId.DIAGNOSIS_REVIEW,),
    ),
    "fusion": Rule(
        "iif((%surgery = 'urgent' or %surgery = 'soon' or %surgery = 'reasonable') and %mri = 'compression', "
        "iif(%instability or (%recurrentHerniation and %chronicAxialPain) "
        "or (%heavyManualLabor and %significantPreoperativeAxialPain), 'consider', 'not_recommended'), "
        "'not_applicable')",
        "Fusion: not_applicable unless a decompression is indicated and the MRI documents compression; then "
        "consider when a specific circumstance holds, else not_recommended (discectomy alone).",
        Section.SURGICAL_APPROACH,
        (1,),
        (ReadingId.DOCUMENTED_COMPRESSION,),
    ),
    "reassessOnDay": Rule(
        "iif(%daysSinceOnset < %reassess and %pathway = 'conservative', %reassess, {})",
        "Day 28 when conservative care before day 28 is reassessed on day 28; else empty.",
        Section.PROGNOSIS,
        (1,),
        (ReadingId.FOUR_WEEKS,),
    ),
    "noSurgicalIndication": Rule(
        "%surgery = 'not_now' and %daysSinceOnset >= %electiveSurgeryFrom and %mri = 'compression'",
        "From day 28 with compression on MRI and no indication (an improving foot drop): the card says why.",
        Section.SURGICAL_INDICATIONS,
        (1, 5),
        (ReadingId.PERSISTENT, ReadingId.DOCUMENTED_COMPRESSION),
    ),
}

_R = RecommendationId
_RD = ReadingId
_DELAYED = (
    "(%surgery = 'urgent' or %surgery = 'soon' or %surgery = 'reasonable' or %surgery = 'if_mri_confirms') "
    "and (%daysSinceOnset > %delayedSurgeryAfter or %lateSevereDeficit)"
)
# One per recommendation id: the contract's id table, "included when".
CONDITIONS: dict[RecommendationId, Rule] = {
    _R.DIAGNOSIS_REVIEW: Rule(
        "%mri = 'no_compression'",
        "The MRI shows no root compression by a disc herniation: establish the cause.",
        Section.SURGICAL_INDICATIONS,
        (1, 5),
        (_RD.DIAGNOSIS_REVIEW, _RD.SEVERE),
    ),
    _R.NO_COMPRESSION_EMERGENCY: Rule(
        "%surgery = 'urgent_evaluation'",
        "Surgery is urgent_evaluation: an emergency flag with no compression on MRI stays an emergency.",
        Section.SURGICAL_INDICATIONS,
        (1, 3),
        (_RD.NO_COMPRESSION_EMERGENCY,),
    ),
    _R.MRI_IMMEDIATE: Rule(
        "%imaging = 'immediate'",
        "Imaging is immediate.",
        Section.INITIAL_ASSESSMENT,
        (1, 3),
        (_RD.SEVERE,),
    ),
    _R.PITFALL_DELAYED_IMAGING: Rule(
        "(%course = 'progressive' or %caudaEquina) and %mri = 'not_done'",
        "A progressive course or cauda equina, and no MRI yet.",
        Section.PITFALLS,
        (1,),
    ),
    _R.SURGERY_URGENT: Rule(
        "%surgery = 'urgent'",
        "Surgery is urgent (within 4-24 hours).",
        Section.SURGICAL_INDICATIONS,
        (1, 3),
        (_RD.DOCUMENTED_COMPRESSION, _RD.BILATERAL_ONSET),
    ),
    _R.EARLY_SURGERY: Rule(
        "%course = 'progressive' and %surgery = 'urgent'",
        "A progressive course, and surgery is urgent.",
        Section.PROGNOSIS,
        (3,),
        (_RD.DOCUMENTED_COMPRESSION,),
    ),
    _R.URGENT_DECOMPRESSION: Rule(
        "%surgery = 'soon'",
        "Surgery is soon (urgent decompression within hours to days: an acute severe deficit).",
        Section.SUMMARY,
        (1, 2),
        (_RD.SEVERE, _RD.DOCUMENTED_COMPRESSION),
    ),
    _R.PITFALL_BILATERAL: Rule(
        "%laterality = 'bilateral'",
        "Bilateral foot drop.",
        Section.PITFALLS,
        (3,),
    ),
    _R.MRI_DELAYED: Rule(
        "%imaging = 'within_1_to_4_weeks' or %imaging = 'due_now'",
        "Imaging is within_1_to_4_weeks or due_now.",
        Section.INITIAL_ASSESSMENT,
        (1,),
        (_RD.FOUR_WEEKS,),
    ),
    _R.SURGERY_ELECTIVE: Rule(
        "%surgery = 'reasonable' or %surgery = 'if_mri_confirms' or %reassessOnDay.exists() or %noSurgicalIndication",
        "Surgery is reasonable or if_mri_confirms, or conservative care is reassessed on day 28, or the card "
        "says why there is no surgical indication.",
        Section.SURGICAL_INDICATIONS,
        (1, 4, 5),
        (_RD.FOUR_WEEKS, _RD.FOUR_TO_SIX_WEEKS, _RD.PERSISTENT, _RD.SEVERE, _RD.DOCUMENTED_COMPRESSION),
    ),
    _R.DELAYED_SURGERY: Rule(
        _DELAYED,
        "A decompression is indicated or may be, and beyond day 42 or a late severe deficit.",
        Section.PROGNOSIS,
        (1,),
        (_RD.SEVERAL_WEEKS, _RD.SEVERE, _RD.DOCUMENTED_COMPRESSION),
    ),
    _R.DISCECTOMY_ALONE: Rule(
        "%fusion != 'not_applicable'",
        "A decompression is indicated and the MRI documents compression.",
        Section.SURGICAL_APPROACH,
        (1, 3, 5),
    ),
    _R.FUSION_SELECTIVE: Rule(
        "%fusion = 'consider'",
        "Fusion is to be considered: a specific circumstance holds.",
        Section.SURGICAL_APPROACH,
        (1,),
    ),
    _R.PITFALL_ROUTINE_FUSION: Rule(
        "%fusion = 'not_recommended' and %recurrentHerniation.not()",
        "Fusion is not recommended, and no recurrent herniation is recorded.",
        Section.PITFALLS,
        (1,),
    ),
    _R.NATURAL_HISTORY: Rule(
        "%redFlag.not() and %surgery = 'not_now' and %mri != 'no_compression'",
        "No red flag, no surgical indication now, and the MRI does not show no compression.",
        Section.PROGNOSIS,
        (1,),
    ),
    _R.PITFALL_SURGERY_FOR_ALL: Rule(
        "%pathway = 'conservative'",
        "The pathway is conservative.",
        Section.PITFALLS,
        (1, 2),
    ),
    _R.AFO: Rule("true", "Always.", Section.CONSERVATIVE_MANAGEMENT, (2,)),
    _R.FES: Rule("true", "Always.", Section.CONSERVATIVE_MANAGEMENT, (2,)),
    _R.PHYSICAL_THERAPY: Rule("true", "Always.", Section.CONSERVATIVE_MANAGEMENT, (2,)),
    _R.PROGNOSIS_STRENGTH: Rule(
        "%dorsiflexionMrc.exists() and %mri != 'no_compression'",
        "The MRC grade is given, and the MRI does not show no compression.",
        Section.PROGNOSIS,
        (3, 4, 5, 6),
    ),
}


def referenced(expressions: Iterable[str]) -> set[str]:
    """The variables (`%name`) the expressions use."""
    return {name for text in expressions for name in re.findall(r"%([A-Za-z][A-Za-z0-9]*)", text)}


def variables(conditions: Mapping[RecommendationId, Rule] = CONDITIONS) -> tuple[Variable, ...]:
    """The variables in evaluation order: the day thresholds the rules use, the answers, then the decisions."""
    used = referenced(rule.expression for rule in (*DECISIONS.values(), *conditions.values()))
    out = [
        Variable(
            name,
            str(threshold.days),
            f"Day {threshold.days} since onset: reading {threshold.reading.value} "
            f"({READING_BY_ID[threshold.reading].title}), from the "
            f"{_source(threshold.section, threshold.references)}.",
        )
        for name, threshold in THRESHOLDS.items()
        if name in used  # a threshold only the wording uses (lateBilateralFrom) decides no action
    ]
    out += _answers()
    out += [Variable(name, rule.expression, _traced(rule)) for name, rule in DECISIONS.items()]
    names = [v.name for v in out]
    clashes = [n for n in names if n in KEYWORDS or not re.fullmatch(r"[a-z][A-Za-z0-9]{0,63}", n)]
    if clashes or len(set(names)) != len(names):
        raise ValueError(f"variable names must be unique camelCase non-keywords: {clashes or names}")
    return tuple(out)


def _source(section: Section, references: tuple[int, ...]) -> str:
    """Where the guideline says it: its section (the page of the site) and reference numbers."""
    cited = f", references {', '.join(map(str, references))}" if references else ""
    return f"guideline section {section.name.replace('_', ' ').capitalize()} (page {section.value}){cited}"


def _traced(rule: Rule) -> str:
    where = f" From the {_source(rule.section, rule.references)}." if rule.section else " The calculator's own rule."
    readings = f" Readings: {', '.join(r.value for r in rule.readings)}." if rule.readings else ""
    return f"{rule.description}{where}{readings}"


def _expression(name: str | None, text: str, description: str) -> dict[str, Any]:
    return {"description": description} | ({"name": name} if name else {}) | {"language": FHIRPATH, "expression": text}


def _action(
    rid: RecommendationId,
    condition: Rule,
    statement_urls: Mapping[str, str],
    readings_url: str,
    titles: Mapping[str, str],
) -> dict[str, Any]:
    reading = READING_OF.get(rid)
    statement = statement_urls.get(rid.value) or (f"{readings_url}#{reading.value}" if reading else None)
    if statement is None:
        raise ValueError(f"no statement URL for {rid.value}")
    title = titles.get(rid.value) or (READING_BY_ID[reading].title if reading else None)
    documentation = [
        {
            "type": "documentation",
            "display": "The calculator's reading" if reading else "The guideline's statement",
            "url": statement,
        }
    ] + [
        {"type": "justification", "display": f"Reading: {READING_BY_ID[r].title}", "url": f"{readings_url}#{r.value}"}
        for r in condition.readings
    ]
    return (
        {"id": rid.value}
        | ({"title": title} if title else {})
        | {
            "description": condition.description,
            "documentation": documentation,
            "condition": [
                {"kind": "applicability", "expression": _expression(None, condition.expression, _traced(condition))}
            ],
        }
    )


def plan_definition(
    statement_urls: Mapping[str, str],
    readings_url: str,
    titles: Mapping[str, str] | None = None,
    conditions: Mapping[RecommendationId, Rule] = CONDITIONS,
) -> dict[str, Any]:
    """The PlanDefinition resource.

    `statement_urls` maps each guideline recommendation id to its statement's URL (page and anchor, the `url`
    of the site's recommendations index); a reading id without one links its entry, `readings_url#id`, as do
    the readings. `titles` optionally gives actions a title (the statement's text). `conditions` is for
    tests that prove a changed rule is caught.
    """
    from . import __version__  # the package sets it after importing its modules

    return {
        "resourceType": "PlanDefinition",
        "id": "foot-drop",
        "extension": [
            {"url": VARIABLE, "valueExpression": _expression(v.name, v.expression, v.description)}
            for v in variables(conditions)
        ],
        "url": CANONICAL,
        "version": __version__,
        "name": "FootDropDueToDiscHerniation",
        "title": "Treatment of foot drop due to disc herniation: recommendations",
        "type": {"coding": [{"system": _PLAN_TYPE, "code": "eca-rule", "display": "ECA Rule"}]},
        "status": "active",
        "description": (
            "The calculator's recommendations for a QuestionnaireResponse to its Questionnaire. Every expression "
            "is FHIRPath over the QuestionnaireResponse (the root, FHIR R4 model); the variable extensions are "
            "evaluated first, in order, each with those before it as environment variables; an action applies "
            "when its condition is true. Actions are in the calculator's order of recommendations."
        ),
        "relatedArtifact": [
            {"type": "depends-on", "display": "The calculator's Questionnaire", "resource": canonical()}
        ],
        "action": [
            _action(rid, conditions[rid], statement_urls, readings_url, titles or {}) for rid in RecommendationId
        ],
    }
