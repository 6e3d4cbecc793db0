"""MkDocs hook: write the offline zip, a copy that works from file:// (`sitebuild.offline_copy`).
Runs after the PDF hook (the zip holds the PDF); the service worker does not precache downloads."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from sitebuild.offline_copy import write_offline_zip


def on_post_build(config: MkDocsConfig) -> None:
    build = config.extra["build"]
    if build["offline_copy"] or build["quick"]:
        return
    try:
        write_offline_zip(Path(config.site_dir), Path(config.config_file_path))
    except RuntimeError as problem:
        raise PluginError(str(problem)) from problem
