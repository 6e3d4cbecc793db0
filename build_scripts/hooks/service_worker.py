"""MkDocs hook: write `sw.js` (`sitebuild.service_worker`). Listed last, so every file the other hooks
wrote is precached."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from sitebuild.service_worker import write_service_worker


def on_post_build(config: MkDocsConfig) -> None:
    if not config.extra["build"]["offline_copy"]:  # opened from a file, there is no service worker
        write_service_worker(Path(config.site_dir), withdrawn=config.extra["build"]["withdrawn"])
