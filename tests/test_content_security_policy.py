"""The Content Security Policy: every page carries its own first in <head>, the server sends it again
with what only a header can say, the workers get theirs from their response, and Chromium enforces
them. (Every browser test also fails on any policy violation: see tests/conftest.py.)"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route, expect

from sitebuild.paths import WORKER
from tests.support.browser import Watch
from tests.support.calculator_page import READY_TIMEOUT_MS
from tests.support.served import fetch, site_file
from tests.support.sources import PAGE_PATHS

# Every directive but script-src (its hashes differ by page), exactly: one source more fails the test.
PAGE_POLICY = {
    "default-src": ["'none'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}
WORKER_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def directives(policy: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for directive in policy.split(";"):
        name, *sources = directive.split()
        assert name not in parsed, f"{name} stated twice"
        parsed[name] = sources
    return parsed


@pytest.mark.parametrize("path", [*PAGE_PATHS, "404.html"])
def test_each_page_states_a_strict_policy_first_in_head_and_the_server_repeats_it(base_url, path):
    status, headers, body = fetch(base_url + path)
    assert status == 200
    head = re.search(r"<head>\s*(<[^>]*>)", body.decode())
    assert head, "no <head>"
    meta = re.fullmatch(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', head.group(1))
    assert meta, f"the first element in <head> is {head.group(1)}"
    policy = directives(meta.group(1))
    # Scripts: its own files and the hashes of its own inline scripts, nothing that lets another run.
    script_src = policy.pop("script-src")
    assert script_src[0] == "'self'"
    assert all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", source) for source in script_src[1:])
    assert policy == PAGE_POLICY
    header = directives(headers["Content-Security-Policy"])
    assert header == {**policy, "script-src": script_src, "frame-ancestors": ["'none'"]}
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    # No hint that makes a browser prefetch a page: Firefox prefetches rel=next, which the policy blocks
    # with a console error on every page (the Firefox run itself belongs to the engines work).
    assert not re.search(r'<link rel="(?:prev|next|prefetch|prerender)"', body.decode())


def test_only_the_calculators_worker_may_compile_webassembly_other_scripts_get_the_worker_policy(base_url):
    _, headers, _ = fetch(base_url + WORKER.as_posix())
    assert directives(headers["Content-Security-Policy"]) == {
        **WORKER_POLICY,
        "script-src": ["'self'", "'wasm-unsafe-eval'"],
    }
    for script in ("sw.js", "assets/javascripts/offline.js"):
        _, headers, _ = fetch(base_url + script)
        assert directives(headers["Content-Security-Policy"]) == WORKER_POLICY, script


def test_an_injected_inline_script_is_refused_and_reported(page: Page, watch: Watch, base_url):
    watch.allowed_errors.append("Executing inline script violates the following Content Security Policy")
    page.goto(base_url)
    ran = page.evaluate(
        """() => { const s = document.createElement("script"); s.textContent = "window.__injected = true";
           document.head.append(s); return window.__injected === true; }"""
    )
    assert ran is False
    page.wait_for_function("() => window.__policyViolations.length > 0")
    assert [v for v in watch.policy_violations if "script-src-elem blocked inline" in v], watch.policy_violations
    watch.policy_violations.clear()  # this one was the point


def test_a_worker_policy_forbidding_webassembly_is_named_as_the_reason(page: Page, watch: Watch, base_url):
    watch.allowed_errors.append("Content Security Policy")  # the browser's own report of the refusal

    def without_webassembly(route: Route) -> None:
        response = route.fetch()
        headers = {k: v for k, v in response.headers.items() if k not in ("content-encoding", "content-length")}
        headers["content-security-policy"] = "default-src 'none'; script-src 'self'; connect-src 'self'"
        route.fulfill(status=200, headers=headers, body=response.body())

    page.route(site_file(WORKER), without_webassembly)
    page.goto(base_url + "calculator/")
    status = page.locator("#calculator-status")
    expect(status).to_contain_text("The calculator could not load", timeout=READY_TIMEOUT_MS)
    expect(status).to_contain_text(re.compile(r"Why: WebAssembly\.compile\(\).*Content Security [Pp]olicy"))
