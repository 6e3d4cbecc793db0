"""MkDocs hook: after each build, vendor the Pyodide runtime and the calculator wheel into the site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).parent))

from vendor_runtime import build_wheel, copy_pyodide  # noqa: E402


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    try:
        copy_pyodide(site)
        build_wheel(site)
    except FileNotFoundError as problem:
        raise PluginError(str(problem)) from problem
    except subprocess.CalledProcessError as problem:
        raise PluginError(f"building the calculator wheel failed:\n{problem.stderr}") from problem
