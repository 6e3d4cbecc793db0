"""The copy that works from file://: a second build of the same pages with Material's offline plugin
on (no directory URLs, search index inlined, the vendored iframe-worker shim), plus the main build's
PDF, zipped with fixed timestamps so the same content gives the same bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from .paths import OFFLINE_SWITCH, PDF, ZIP, ZIP_FOLDER

FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def write_offline_zip(site: Path, config_file: Path) -> Path:
    """Build the offline copy from `config_file` and write it into `site` as the zip; RuntimeError
    with the nested build's output when it fails."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / ZIP_FOLDER
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config_file), "-d", str(copy)],
            env={**os.environ, OFFLINE_SWITCH: "true"},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(f"the offline copy did not build:\n{result.stderr}")
        (copy / PDF).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(site / PDF, copy / PDF)
        (site / ZIP).parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(site / ZIP, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(p for p in copy.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{path.relative_to(copy).as_posix()}", FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
    return site / ZIP
