"""MkDocs hook: every page, 404.html included, gets its Content Security Policy first in <head>
(`sitebuild.csp`). Not the file:// copy: there Material's search runs through the iframe-worker
shim, which a policy of `'self'` sources blocks, and a file:// page has no host to send the
workers' policy; that copy requests no other host either (a test scans it)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from sitebuild.csp import with_policy, without_prefetch_hints


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return output if config.extra["build"]["offline_copy"] else with_policy(without_prefetch_hints(output))


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    if config.extra["build"]["offline_copy"] or not template_name.endswith(".html"):
        return output_content
    return with_policy(output_content)
