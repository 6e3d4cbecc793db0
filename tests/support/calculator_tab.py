"""The calculator page as a clinician uses it, in any engine (a `Tab`): open it, answer each question by
the words of its label and of the choice, and compare the card with CPython's assessment."""

from __future__ import annotations

from typing import Any

from calculator import assess
from calculator.findings import QUESTION_BY_NAME
from sitebuild.engines import Tab, literal, wait_until
from tests.support.calculator_page import READY_TIMEOUT_MS, option_label, shown_line
from tests.support.engines import READ_CARD

APP = "document.getElementById('calculator-app')"
STARTED = "() => performance.getEntriesByName('calculator-ready')[0].detail"  # the worker's timings


def wait_for_python(tab: Tab) -> dict[str, Any]:
    """Wait for the calculator to be ready; how Python started (the worker's timings)."""
    wait_until(tab, lambda: tab.run(f"() => {APP}.dataset.state") == "ready", READY_TIMEOUT_MS / 1000, "ready")
    return dict(tab.run(STARTED))


def open_calculator(tab: Tab, base_url: str) -> dict[str, Any]:
    tab.goto(base_url + "calculator/")
    return wait_for_python(tab)


def question(name: str) -> str:
    """The XPath of a question's choices or box, found by the words of its label."""
    label = literal(QUESTION_BY_NAME[name].label)
    return f"//fieldset[legend[normalize-space(text()[1]) = {label}]]"


def answer(tab: Tab, findings: dict[str, Any]) -> None:
    """From a reset form: click each choice by its words, type each number into the box its label names."""
    tab.click('//button[@id="calculator-reset"]')
    for name, value in findings.items():
        if QUESTION_BY_NAME[name].options:
            tab.click(f"{question(name)}//label[normalize-space(.) = {literal(option_label(name, value))}]")
        else:
            label = literal(QUESTION_BY_NAME[name].label)
            tab.type(f"//input[@id = string(//label[normalize-space(text()[1]) = {label}]/@for)]", str(value))


def differences(shown: dict[str, Any], findings: dict[str, Any]) -> list[str]:
    """Where the card on screen differs from CPython's assessment of `findings` (none: it is the same)."""
    expected = assess(findings)
    headline = expected["headline"]
    wanted = {
        "busy": False,
        "label": headline["label"],
        "title": headline["title"],
        "recommendations": [[r["id"], r["reason"]] for r in expected["recommendations"]],
        "panel": sorted(entry["id"] for entry in expected["panel"]),
    }
    found = [f"{key}: {shown[key]!r}, not {value!r}" for key, value in wanted.items() if shown[key] != value]
    for kind in (f"care-card--{headline['level']}", f"result-pathway--{expected['pathway']}"):
        if kind not in shown["classes"]:
            found.append(f"no {kind}")
    lines = [shown_line(line) for line in headline["now"]]
    if len(shown["now"]) != len(lines) or any(line not in text for line, text in zip(lines, shown["now"], strict=True)):
        found.append(f"now: {shown['now']!r}, not {lines!r}")
    if headline["findings"]["text"] not in (shown["findings"] or ""):
        found.append(f"findings: {shown['findings']!r}")
    return found


def expect_card(tab: Tab, findings: dict[str, Any]) -> None:
    """The card comes to show CPython's assessment of `findings`; else the differences, named."""
    last: list[str] = []

    def same() -> bool:
        last[:] = differences(tab.run(READ_CARD), findings)
        return not last

    try:
        wait_until(tab, same, 10, "the card")
    except AssertionError:
        raise AssertionError(f"{tab.engine}: the card differs from CPython's assessment: {last}") from None
