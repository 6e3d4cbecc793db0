"""The FHIR R4 PlanDefinition (calculator/plandefinition.py) applies, for every combination of the input space,
exactly the recommendations the module lists, in the module's order, by both FHIRPath engines (fhirpathpy and
fhirpath.js); its shared decisions equal the module's; and that check fails when a threshold or a rule is
changed. What in it can be generated from calculator/ is checked to be so."""

from __future__ import annotations

import ast
import itertools
import json
import random
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.plandefinition import PlanDefinition

from calculator import assess, days
from calculator import plandefinition as module
from calculator.assessment import READING_OF, SECTION_OF, RecommendationId
from calculator.days import DayThreshold
from calculator.findings import QUESTIONS
from calculator.plandefinition import (
    CONDITIONS,
    DECISIONS,
    FHIRPATH,
    KEYWORDS,
    THRESHOLDS,
    VARIABLE,
    camel,
    plan_definition,
    referenced,
)
from calculator.questionnaire import response_from_findings
from calculator.readings import READING_BY_ID
from sitebuild.guideline import scan_page
from sitebuild.paths import PLAN_DEFINITION
from tests.support.fhir_plan import (
    READINGS_URL,
    ROOT,
    Applied,
    FhirpathJs,
    apply_fhirpathpy,
    distinct_responses,
    example_plan,
    statement_url,
)
from tests.test_calculator_invariants import ASSESSED, DAYS, ids_of

ORDER = [rid.value for rid in RecommendationId]
# The plan's shared decisions, and the module's output each one restates.
REPORTED = {
    "pathway": "pathway",
    "imaging": "imaging",
    "surgery": "surgery",
    "fusion": "fusion",
    "reassessOnDay": "reassess_on_day",
}
# Mutants are checked on a fixed sample of the distinct responses: enough to hold many cases of each change.
SAMPLE = 1500
TIMINGS: dict[str, float] = {}


def unanswered_optionals() -> Iterator[dict[str, Any]]:
    """Findings with every optional question left unanswered (and the MRI either way): the response leaves
    them out, and the module reads its defaults."""
    for lat, course, ce, ml, severe, n, mri in itertools.product(
        ("unilateral", "bilateral"),
        ("progressive", "stable", "improving"),
        (False, True),
        (False, True),
        (False, True),
        DAYS,
        (None, "compression"),
    ):
        findings = {
            "laterality": lat,
            "course": course,
            "cauda_equina": ce,
            "multilevel_motor_deficit": ml,
            "severe_deficit": severe,
            "days_since_onset": n,
        }
        yield findings | ({"mri": mri} if mri else {})


@dataclass(frozen=True)
class Space:
    """Every combination the invariants test enumerates, then those with the optional questions unanswered;
    for each the module's ids and decisions, and its response among the distinct ones."""

    findings: list[Mapping[str, Any]]
    ids: list[list[str]]
    decisions: list[dict[str, list[Any]]]
    responses: list[str]
    index: list[int]

    def check(self, applied: Sequence[Applied], only: set[int] | None = None) -> list[tuple[Any, ...]]:
        """Where the plan differs from the module: (findings, its response, what differs, the plan's, the module's)."""
        out = []
        for f, i, ids, decisions in zip(self.findings, self.index, self.ids, self.decisions, strict=True):
            if only is not None and i not in only:
                continue
            got_ids, got = applied[i]
            if list(got_ids) != ids:
                out.append((f, i, "ids", list(got_ids), ids))
            out += [(f, i, name, got[name], want) for name, want in decisions.items() if got[name] != want]
        return out


def _decisions(a: Mapping[str, Any]) -> dict[str, list[Any]]:
    # A variable's value is a collection: empty for no day.
    return {name: [] if a[key] is None else [a[key]] for name, key in REPORTED.items()}


@pytest.fixture(scope="module")
def space() -> Space:
    start = time.perf_counter()
    cases = list(ASSESSED) + [(f, assess(f)) for f in unanswered_optionals()]
    findings = [f for f, _ in cases]
    responses, index = distinct_responses(findings)
    TIMINGS["responses"] = time.perf_counter() - start
    return Space(findings, [ids_of(a) for _, a in cases], [_decisions(a) for _, a in cases], responses, index)


@pytest.fixture(scope="module")
def plan() -> dict[str, Any]:
    return example_plan()


def mutants() -> dict[str, dict[str, Any]]:
    """The plan with one threshold a day later, or two rules swapped: each must be told apart from the module."""
    out = {}
    for name, threshold in THRESHOLDS.items():
        with pytest.MonkeyPatch.context() as patch:
            patch.setitem(THRESHOLDS, name, replace(threshold, days=threshold.days + 1))
            mutant = example_plan()
        if any(v["valueExpression"]["name"] == name for v in mutant["extension"]):
            out[f"{name} + 1"] = mutant
    swapped = dict(CONDITIONS)
    a, b = RecommendationId.SURGERY_URGENT, RecommendationId.URGENT_DECOMPRESSION
    swapped[a], swapped[b] = CONDITIONS[b], CONDITIONS[a]
    out[f"conditions of {a.value} and {b.value} swapped"] = example_plan(conditions=swapped)
    # "The first that holds": urgent decompression (rule 2) and within hours to days (rule 3) in the other order.
    reordered = example_plan()
    (surgery,) = (v["valueExpression"] for v in reordered["extension"] if v["valueExpression"]["name"] == "surgery")
    urgent = "iif(%emergencyFlag, iif(%mri = 'no_compression', 'urgent_evaluation', 'urgent'), "
    soon = "iif(%acuteSevereDeficit and %mri != 'no_compression', 'soon', "
    assert surgery["expression"].startswith(urgent + soon)
    surgery["expression"] = soon + urgent + surgery["expression"].removeprefix(urgent + soon)
    out["surgery rules 2 and 3 swapped"] = reordered
    return out


@pytest.fixture(scope="module")
def applied(space: Space, plan: dict[str, Any]) -> dict[str, Any]:
    """Both engines over the distinct responses, and fhirpath.js over a sample with the mutants, at once: node is
    one process, so it runs beside fhirpathpy's two workers."""
    sample = sorted(random.Random(20).sample(range(len(space.responses)), SAMPLE))
    named = mutants()
    start = time.perf_counter()
    with (
        FhirpathJs([plan], space.responses, list(REPORTED)) as js,
        FhirpathJs(list(named.values()), [space.responses[i] for i in sample], list(REPORTED)) as js_mutants,
    ):
        py = apply_fhirpathpy(plan, space.responses, list(REPORTED))
        TIMINGS["fhirpathpy"] = time.perf_counter() - start
        (js_result,) = js.result()
        TIMINGS["fhirpath.js"] = time.perf_counter() - start
        by_mutant = js_mutants.result()
        TIMINGS["fhirpath.js, mutants"] = time.perf_counter() - start
    # A mutant's result for each distinct response: only the sampled ones are known.
    mutant_results = {}
    for name, results in zip(named, by_mutant, strict=True):
        full: list[Applied] = [((), {})] * len(space.responses)
        for i, r in zip(sample, results, strict=True):
            full[i] = r
        mutant_results[name] = full
    print(
        f"\n{len(space.responses)} distinct responses for {len(space.findings)} findings; "
        + "; ".join(f"{k} {v:.0f} s" for k, v in TIMINGS.items())
    )
    return {
        "fhirpathpy": py,
        "fhirpath.js": js_result,
        "mutants": mutant_results,
        "sample": set(sample),
        "named": named,
    }


def test_the_space_is_every_combination_of_the_invariants_test_and_the_optional_questions_unanswered(space):
    assert len(ASSESSED) == 73_728
    assert space.findings[: len(ASSESSED)] == [f for f, _ in ASSESSED]
    assert {f.get("dorsiflexion_mrc") for f in space.findings} == {None, 0, 2, 3, 4}
    assert {27, 28, 29, 41, 42, 43, 0, 3650} == {f["days_since_onset"] for f in space.findings}
    # Responses are evaluated once each; findings that differ only in a hidden qualifier share one.
    assert len(space.responses) == len(set(space.responses)) == max(space.index) + 1
    for k in random.Random(3).sample(range(len(space.findings)), 500):
        assert json.loads(space.responses[space.index[k]]) == response_from_findings(space.findings[k])


@pytest.mark.parametrize("engine", ["fhirpathpy", "fhirpath.js"])
def test_the_plan_applies_exactly_the_module_s_recommendations_in_its_order_for_every_combination(
    engine, space, applied
):
    differences = space.check(applied[engine])
    assert differences[:5] == [], f"{len(differences)} differences"


def test_the_check_fails_for_every_threshold_a_day_later_and_for_swapped_rules(space, applied):
    caught = {name: space.check(results, applied["sample"]) for name, results in applied["mutants"].items()}
    assert set(caught) == {f"{name} + 1" for name in THRESHOLDS if name != "lateBilateralFrom"} | {
        "conditions of surgery-urgent and urgent-decompression swapped",
        "surgery rules 2 and 3 swapped",
    }
    assert [name for name, found in caught.items() if not found] == []
    # fhirpathpy tells them apart too, on a few of the responses where fhirpath.js did.
    for name, found in caught.items():
        i = found[0][1]
        (py,) = apply_fhirpathpy(applied["named"][name], [space.responses[i]], list(REPORTED), processes=1)
        assert py == applied["mutants"][name][i], name


def test_a_threshold_only_the_wording_uses_is_left_out_and_each_one_used_is_a_variable_naming_its_reading(plan):
    variables = {v["valueExpression"]["name"]: v["valueExpression"] for v in plan["extension"]}
    constants = {name: value for name, value in vars(days).items() if isinstance(value, DayThreshold)}
    assert set(THRESHOLDS) == {camel(name) for name in constants}
    for name, threshold in THRESHOLDS.items():
        if name == "lateBilateralFrom":  # only the late-bilateral wording uses it: no action depends on it
            assert name not in variables
            continue
        expression = variables[name]
        assert expression["expression"] == str(threshold.days)
        assert f"reading {threshold.reading.value}" in expression["description"]
        assert READING_BY_ID[threshold.reading].title in expression["description"]


def test_every_variable_is_a_camel_case_fhirpath_expression_evaluated_in_order_and_none_is_a_keyword(plan):
    extensions = plan["extension"]
    assert {e["url"] for e in extensions} == {VARIABLE}
    names = [e["valueExpression"]["name"] for e in extensions]
    assert len(names) == len(set(names))
    assert not KEYWORDS & set(names) and "days" not in names
    assert all(e["valueExpression"]["language"] == FHIRPATH for e in extensions)
    assert all(name[0].islower() and name.isalnum() for name in names)
    # Each refers only to variables before it; the answers are read by field name, the decisions after them.
    for n, e in enumerate(extensions):
        used = referenced([e["valueExpression"]["expression"]])
        assert used <= set(names[:n]), names[n]
    assert {camel(q.name) for q in QUESTIONS} | set(DECISIONS) <= set(names)


def test_there_is_one_action_per_recommendation_id_in_the_contract_s_order_each_with_one_fhirpath_condition(plan):
    assert [a["id"] for a in plan["action"]] == ORDER
    for action in plan["action"]:
        (condition,) = action["condition"]
        assert condition["kind"] == "applicability"
        assert condition["expression"]["language"] == FHIRPATH
        assert condition["expression"]["expression"] == CONDITIONS[RecommendationId(action["id"])].expression


def test_every_action_links_its_statement_and_exactly_the_readings_its_recommendation_rests_on_somewhere(plan):
    rests_on: dict[str, set[str]] = {rid: set() for rid in ORDER}
    for _, a in ASSESSED:
        for r in a["recommendations"]:
            rests_on[r["id"]].update(r["readings"])
    for action in plan["action"]:
        rid = RecommendationId(action["id"])
        statement, *readings = action["documentation"]
        assert statement["type"] == "documentation"
        if rid in READING_OF:
            assert statement["url"] == f"{READINGS_URL}#{READING_OF[rid].value}"
        else:
            assert statement["url"] == statement_url(rid.value, SECTION_OF[rid].value)
        assert {r["type"] for r in readings} <= {"justification"}
        assert {r["url"] for r in readings} == {f"{READINGS_URL}#{reading}" for reading in rests_on[rid.value]}, rid


def test_a_guideline_statement_without_a_url_is_an_error():
    with pytest.raises(ValueError, match="no statement URL for mri-immediate"):
        plan_definition({}, READINGS_URL)


def test_the_plan_is_a_valid_r4_plan_definition_of_type_eca_rule(plan):
    PlanDefinition.model_validate(plan)
    assert plan["type"]["coding"][0]["code"] == "eca-rule"


def test_every_condition_cites_the_section_and_references_of_its_statement_on_the_guideline_pages():
    statements = {
        s.id: s
        for page in (ROOT / "docs").glob("*.md")
        for s in scan_page(page.name, page.read_text(encoding="utf-8")).statements
    }
    for rid, condition in CONDITIONS.items():
        if rid in READING_OF:
            reading = READING_BY_ID[READING_OF[rid]]
            assert (condition.section, set(condition.references)) == (reading.section, set(reading.references)), rid
            continue
        statement = statements[rid.value]
        cited = {n for numbers in (statement.citations, *(i.citations for i in statement.items)) for n in numbers}
        assert condition.section is SECTION_OF[rid] and statement.page == f"{SECTION_OF[rid].value}.md", rid
        assert set(condition.references) == cited, rid


def test_every_rule_says_where_it_comes_from(plan):
    for rule in (*DECISIONS.values(), *CONDITIONS.values()):
        assert rule.section is not None or rule.readings, rule
        assert rule.description
    for action in plan["action"]:
        description = action["condition"][0]["expression"]["description"]
        assert "From the guideline section " in description or "own rule" in description


def test_the_module_imports_only_the_standard_library_and_its_own_package_so_that_it_runs_under_pyodide():
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names] + [
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.level == 0
    ]
    tops = {name.split(".")[0] for name in imported}
    assert tops - set(sys.stdlib_module_names) - {"__future__"} == set()


def test_the_published_plan_is_valid_r4_and_each_link_reaches_its_statement_or_reading_on_the_site(site_dir: Path):
    path = site_dir / PLAN_DEFINITION
    published = json.loads(path.read_text(encoding="utf-8"))
    PlanDefinition.model_validate(published)
    assert [action["id"] for action in published["action"]] == [rid.value for rid in RecommendationId]
    links = [
        link["url"]
        for action in published["action"]
        for link in (*action["documentation"], *action.get("relatedArtifact", []))
    ]
    assert len(links) >= len(RecommendationId)
    for url in links:
        page, _, anchor = url.partition("#")
        html = (path.parent / page / "index.html").resolve().read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html, url
