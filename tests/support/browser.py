"""Building the site and watching pages in Chromium, for the fixtures and the tests."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page, Request

from tests.support.sources import ROOT

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def build_site(dest: Path, config: Path = ROOT / "mkdocs.yml", quick: bool = False) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict`; `quick` builds the pages only (no snapshot, PDF or zip), as `mkdocs serve`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "FOOT_DROP_QUICK_BUILD": "1" if quick else "0"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(dest)],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
        check=False,
    )


REPORT_VIOLATIONS = """window.__policyViolations = [];
addEventListener("securitypolicyviolation", (e) => {
  const text = `${location.href}: ${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`;
  window.__policyViolations.push(text);
  __reportPolicyViolation(text);
});"""


@dataclass(frozen=True)
class ConsoleError:
    url: str
    text: str


@dataclass
class Watch:
    """What a page did that a test must not let pass: console errors and requests to other hosts.
    A test may allow an error by a fragment of its message, never of the page's URL."""

    console_errors: list[ConsoleError] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    policy_violations: list[str] = field(default_factory=list)
    allowed_errors: list[str] = field(default_factory=list)

    def unexpected_errors(self) -> list[ConsoleError]:
        return [e for e in self.console_errors if not any(a in e.text for a in self.allowed_errors)]


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob", "about", "file") or parsed.hostname == "127.0.0.1"


def watch_context(context: BrowserContext, refuse_other_hosts: bool = True) -> Watch:
    watch = Watch()

    def on_page(page: Page) -> None:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                watch.console_errors.append(ConsoleError(page.url, message.text))

        def on_error(error: Error) -> None:
            watch.console_errors.append(ConsoleError(page.url, str(error)))

        page.on("console", on_console)
        page.on("pageerror", on_error)

    def on_request(request: Request) -> None:
        if not is_local(request.url):
            watch.external_requests.append(request.url)

    context.on("page", on_page)
    context.on("request", on_request)
    # Every Content Security Policy violation in a page, reported whatever the console says.
    context.expose_binding("__reportPolicyViolation", lambda source, text: watch.policy_violations.append(text))
    context.add_init_script(REPORT_VIOLATIONS)
    if refuse_other_hosts:  # belt and braces; routing is left off where a service worker must run
        context.route(lambda url: not is_local(url), lambda route: route.abort())
    return watch
