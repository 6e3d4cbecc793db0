"""Apply the PlanDefinition (calculator/plandefinition.py) to QuestionnaireResponses with two FHIRPath engines,
fhirpathpy (here) and fhirpath.js (fhirpath_eval.mjs, in one node process), by the module's convention: the
response is the root of every expression; the variables are evaluated first, in order, each seeing those
before it; an action applies when its condition gives exactly [true]."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import fhirpathpy
from fhirpathpy.models import models

from calculator.assessment import SECTION_OF
from calculator.plandefinition import VARIABLE, plan_definition
from calculator.questionnaire import QUALIFIES, response_from_findings

ROOT = Path(__file__).resolve().parents[2]
NODE_SCRIPT = Path(__file__).with_name("fhirpath_eval.mjs")
SITE = "https://foot-drop-guideline.example/"
READINGS_URL = f"{SITE}readings/"
# Two cores on CI: one worker per core.
PROCESSES = min(2, os.cpu_count() or 1)

# What a plan gives one response: the ids of the actions that apply, in order, and the reported variables.
Applied = tuple[tuple[str, ...], dict[str, list[Any]]]
Compiled = Callable[..., list[Any]]


def statement_url(rid: str, page: str) -> str:
    """A statement's URL as the site's recommendations index gives it (page/#id; the summary is the home page)."""
    return f"{SITE}{'' if page == 'index' else page + '/'}#{rid}"


def example_plan(**options: Any) -> dict[str, Any]:
    """The PlanDefinition with statement URLs shaped like the site's; the build passes the real ones."""
    urls = {rid.value: statement_url(rid.value, page.value) for rid, page in SECTION_OF.items()}
    return plan_definition(urls, READINGS_URL, **options)


def shown(findings: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The findings a response to them gives: none left out (None), no qualifier its enableWhen hides."""
    return tuple(
        (name, value)
        for name, value in findings.items()
        if value is not None and (name not in QUALIFIES or findings.get(QUALIFIES[name]) is True)
    )


def distinct_responses(findings: Iterable[Mapping[str, Any]]) -> tuple[list[str], list[int]]:
    """The distinct QuestionnaireResponses (as JSON) for these findings, and for each finding the index of its
    own. Findings that differ only in a qualifier its enableWhen hides give the same response: it is built and
    evaluated once."""
    keys: dict[tuple[tuple[str, Any], ...], int] = {}
    texts: list[str] = []
    index = []
    for f in findings:
        key = shown(f)
        if key not in keys:
            keys[key] = len(texts)
            texts.append(json.dumps(response_from_findings(f), separators=(",", ":")))
        index.append(keys[key])
    return texts, index


class CompiledPlan:
    """A PlanDefinition compiled for fhirpathpy: each expression parsed once."""

    def __init__(self, plan: Mapping[str, Any], report: Sequence[str] = ()) -> None:
        r4 = models["r4"]
        self.report = tuple(report)
        self.variables: list[tuple[str, Compiled]] = [
            (e["valueExpression"]["name"], fhirpathpy.compile(e["valueExpression"]["expression"], model=r4))
            for e in plan.get("extension", [])
            if e["url"] == VARIABLE
        ]
        self.actions: list[tuple[str, list[Compiled]]] = [
            (
                a["id"],
                [
                    fhirpathpy.compile(c["expression"]["expression"], model=r4)
                    for c in a.get("condition", [])
                    if c["kind"] == "applicability"
                ],
            )
            for a in plan["action"]
        ]

    def apply(self, response: Mapping[str, Any]) -> Applied:
        env: dict[str, Any] = {}
        for name, fn in self.variables:
            env[name] = fn(response, env)
        ids = []
        for action_id, conditions in self.actions:
            results = [fn(response, env) for fn in conditions]
            for r in results:
                if not (r == [] or (len(r) == 1 and isinstance(r[0], bool))):
                    raise AssertionError(f"condition of {action_id} gave {r!r}, not a boolean")
            if all(r == [True] for r in results):
                ids.append(action_id)
        return tuple(ids), {name: env[name] for name in self.report}


_worker: CompiledPlan | None = None


def _start_worker(plan: Mapping[str, Any], report: Sequence[str]) -> None:
    global _worker
    _worker = CompiledPlan(plan, report)


def _apply_chunk(texts: Sequence[str]) -> list[Applied]:
    assert _worker is not None
    return [_worker.apply(json.loads(t)) for t in texts]


def apply_fhirpathpy(
    plan: Mapping[str, Any], responses: Sequence[str], report: Sequence[str] = (), processes: int = PROCESSES
) -> list[Applied]:
    """What the plan gives each response (JSON), by fhirpathpy, over `processes` worker processes."""
    if processes <= 1:
        _start_worker(plan, report)
        return _apply_chunk(responses)
    size = 250
    chunks = [responses[i : i + size] for i in range(0, len(responses), size)]
    # spawn, not fork: the test session may hold threads (a server, the browser driver); a worker imports only
    # this module and what it needs.
    with multiprocessing.get_context("spawn").Pool(processes, _start_worker, (plan, report)) as pool:
        return [applied for chunk in pool.imap(_apply_chunk, chunks) for applied in chunk]


class FhirpathJs:
    """fhirpath.js applying plans to responses in one node process. It starts on entering, so that it runs while
    fhirpathpy does; `result` waits for it; leaving stops it if it still runs."""

    def __init__(self, plans: Sequence[Mapping[str, Any]], responses: Sequence[str], report: Sequence[str] = ()):
        self.plans, self.responses, self.report = list(plans), list(responses), list(report)

    def __enter__(self) -> FhirpathJs:
        self._dir = tempfile.TemporaryDirectory()
        self._tmp = Path(self._dir.name)
        (self._tmp / "plans.json").write_text(json.dumps(self.plans), encoding="utf-8")
        (self._tmp / "responses.ndjson").write_text("\n".join(self.responses) + "\n", encoding="utf-8")
        # Files, not pipes: nothing waits on a full pipe while fhirpathpy runs.
        with (
            open(self._tmp / "responses.ndjson", "rb") as stdin,
            open(self._tmp / "applied.ndjson", "wb") as stdout,
            open(self._tmp / "errors.txt", "wb") as stderr,
        ):
            self._process = subprocess.Popen(
                ["node", str(NODE_SCRIPT), str(self._tmp / "plans.json"), ",".join(self.report)],
                stdin=stdin,
                stdout=stdout,
                stderr=stderr,
                cwd=ROOT,
            )
        return self

    def result(self) -> list[list[Applied]]:
        """For each plan, what it gives each response."""
        returncode = self._process.wait()
        assert returncode == 0, (self._tmp / "errors.txt").read_text(encoding="utf-8")
        lines = (self._tmp / "applied.ndjson").read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(self.plans) * len(self.responses)
        applied = [json.loads(line) for line in lines]
        n = len(self.plans)
        return [[(tuple(ids), values) for ids, values in applied[p::n]] for p in range(n)]

    def __exit__(self, *exc: object) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._dir.cleanup()
