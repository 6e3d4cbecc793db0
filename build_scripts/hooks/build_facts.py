"""MkDocs hook, listed first: puts what the hooks after it and the theme need to know about this build
into `config.extra`, once.

    build.quick         pages only: `mkdocs serve`, or FOOT_DROP_QUICK_BUILD=1 (the build-failure
                        tests). The memory snapshot, the PDF and the offline zip are skipped; the runtime
                        is copied only where it changed and the wheel rebuilt only when its sources did.
    build.offline_copy  the nested build of the file-openable copy (Material's offline plugin on).
    build.withdrawn     FOOT_DROP_WITHDRAWN=1: the site is being withdrawn. `sw.js` removes the offline
                        copy from every device that installed it, and no page installs it again.
    paths               where the downloads, the manifest and the service worker are (`sitebuild.paths`),
                        and the names of the messages and caches the pages share with the service worker.
    theme_color         the web app manifest's, for the pages' <meta name="theme-color">.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig

from sitebuild import paths
from sitebuild.facts import is_offline_copy
from sitebuild.service_worker import CACHE_PREFIX

QUICK_SWITCH = "FOOT_DROP_QUICK_BUILD"
WITHDRAW_SWITCH = "FOOT_DROP_WITHDRAWN"
invocation = {"command": "build"}


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    invocation["command"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    quick = invocation["command"] == "serve" or os.environ.get(QUICK_SWITCH) == "1"
    withdrawn = os.environ.get(WITHDRAW_SWITCH) == "1"
    config.extra["build"] = {"quick": quick, "offline_copy": is_offline_copy(config), "withdrawn": withdrawn}
    config.extra["paths"] = {
        "pdf": paths.PDF.as_posix(),
        "zip": paths.ZIP.as_posix(),
        "manifest": paths.MANIFEST.as_posix(),
        "service_worker": paths.SERVICE_WORKER.as_posix(),
        "skip_waiting": paths.SKIP_WAITING,
        "about_copy": paths.ABOUT_COPY,
        "keep_file": paths.KEEP_FILE,
        "cache_prefix": CACHE_PREFIX,
    }
    manifest = json.loads((Path(config.docs_dir) / paths.MANIFEST).read_text(encoding="utf-8"))
    config.extra["theme_color"] = manifest["theme_color"]
    return config
