"""MkDocs hook: write `site/downloads/foot-drop-guideline-offline.zip`, a copy that works from file://.

It is a second build of the same pages with Material's offline plugin on (no directory URLs,
search index inlined, the vendored iframe-worker shim), plus the main build's PDF handout.
Runs after the PDF hook; the service worker does not precache the downloads folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).parent))

from pdf_handout import PDF  # noqa: E402
from site_build import is_offline_copy  # noqa: E402

ZIP = Path("downloads/foot-drop-guideline-offline.zip")
FOLDER = "foot-drop-guideline"  # what the zip unpacks to
SWITCH = "FOOT_DROP_OFFLINE_COPY"  # read by mkdocs.yml to turn the offline plugin on
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # same bytes for the same content


def on_post_build(config: MkDocsConfig) -> None:
    if is_offline_copy(config):
        return
    site = Path(config.site_dir)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / FOLDER
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-q",
                "-f",
                str(config.config_file_path),
                "-d",
                str(copy),
            ],
            env={**os.environ, SWITCH: "true"},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise PluginError(f"the offline copy did not build:\n{result.stderr}")
        (copy / PDF).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site / PDF, copy / PDF)
        (site / ZIP).parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(site / ZIP, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(p for p in copy.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(copy).as_posix()}", FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
