"""Facts about the build in progress that several hooks need: its version line, which kind of copy
it is, and whether it is a quick build (pages only, for `mkdocs serve`)."""

from __future__ import annotations

import functools
import os
import subprocess
from datetime import UTC, datetime

from mkdocs.config.defaults import MkDocsConfig

from calculator import __version__

from .paths import ROOT


@functools.cache
def source_date_epoch() -> int | None:
    """The time of the build's sources, for reproducible builds: SOURCE_DATE_EPOCH when set, else the
    commit's time; None outside a git checkout (the build is then dated now)."""
    if epoch := os.environ.get("SOURCE_DATE_EPOCH"):
        return int(epoch)
    commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=False)
    return int(commit.stdout) if commit.returncode == 0 and commit.stdout.strip() else None


def build_date() -> str:
    """The day of this build, YYYY-MM-DD in UTC (SOURCE_DATE_EPOCH for reproducible builds)."""
    epoch = source_date_epoch()
    built = datetime.fromtimestamp(epoch, UTC) if epoch is not None else datetime.now(UTC)
    return f"{built:%Y-%m-%d}"


def build_info() -> str:
    """Version of the decision module and the build date."""
    return f"Version {__version__}, built on {build_date()}."


def is_offline_copy(config: MkDocsConfig) -> bool:
    """True in the nested build that makes the file-openable copy (Material's offline plugin on)."""
    offline = next((p for name, p in config.plugins.items() if name.endswith("offline")), None)
    return bool(offline and offline.config.enabled)
