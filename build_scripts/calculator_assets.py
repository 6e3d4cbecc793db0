"""MkDocs hook: after each build, vendor the Pyodide runtime (and a memory snapshot of it booted),
the calculator wheel and the iframe-worker shim."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).parent))

from site_build import is_offline_copy  # noqa: E402
from vendor_runtime import build_wheel, copy_iframe_worker_shim, copy_pyodide, make_snapshot  # noqa: E402


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    try:
        copy_iframe_worker_shim(site)
        # Browsers refuse Pyodide's fetches from file://, so the offline copy goes without it.
        if not is_offline_copy(config):
            copy_pyodide(site)
            build_wheel(site)
            make_snapshot(site)
    except FileNotFoundError as problem:
        raise PluginError(str(problem)) from problem
    except subprocess.CalledProcessError as problem:
        raise PluginError(f"building the calculator wheel failed:\n{problem.stderr}") from problem
