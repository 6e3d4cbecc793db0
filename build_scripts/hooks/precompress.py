"""MkDocs hook, listed after the service worker: write the .gz siblings a host serves with
Content-Encoding (`sitebuild.precompress`). A quick build skips it: `mkdocs serve` compresses nothing."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from sitebuild.precompress import siblings


def on_post_build(config: MkDocsConfig) -> None:
    build = config.extra["build"]
    if not build["quick"] and not build["offline_copy"]:  # from file:// nothing is content-encoded
        siblings(Path(config.site_dir))
