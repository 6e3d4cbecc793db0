"""MkDocs hook: after each build, vendor the Pyodide runtime (and a memory snapshot of it booted),
the calculator wheel, the worker's self-check (`sitebuild.known_answer`) and the iframe-worker shim
(`sitebuild.runtime`). The snapshots are made in Chromium and in WebKit."""

from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from selenium.common.exceptions import WebDriverException

from sitebuild import known_answer, runtime


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    build = config.extra["build"]
    try:
        runtime.copy_iframe_worker_shim(site)
        # Browsers refuse Pyodide's fetches from file://, so the offline copy goes without it.
        if build["offline_copy"]:
            return
        runtime.copy_pyodide(site)
        runtime.build_wheel(site, reuse=build["quick"])
        known_answer.record(site)
        if not build["quick"]:  # the worker boots without it, only slower
            runtime.make_snapshots(site)
    except (FileNotFoundError, runtime.VendoredFileChanged, RuntimeError, WebDriverException) as problem:
        raise PluginError(str(problem)) from problem
    except subprocess.CalledProcessError as problem:
        raise PluginError(f"building the calculator wheel failed:\n{problem.stderr}") from problem
