"""axe-core, from npm, run inside the page under test."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def assert_no_axe_violations(page: Page) -> None:
    # Check settled states: a fade caught halfway is not a contrast the reader sees. Both go in through
    # the DevTools protocol, as a constructed stylesheet and an evaluation: the page's policy rightly
    # refuses an inline <style> or <script>.
    page.evaluate(
        """css => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
                    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; }""",
        "*, *::before, *::after { transition: none !important; animation: none !important; }",
    )
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['html'][:120]})" for v in result["violations"]
    ]
    assert violations == [], "\n".join(violations)
