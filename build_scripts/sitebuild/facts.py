"""Facts about the build in progress that several hooks need: its version line, which kind of copy
it is, and whether it is a quick build (pages only, for `mkdocs serve`)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from mkdocs.config.defaults import MkDocsConfig

from calculator import __version__


def build_date() -> str:
    """The day of this build, YYYY-MM-DD in UTC (SOURCE_DATE_EPOCH for reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    built = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return f"{built:%Y-%m-%d}"


def build_info() -> str:
    """Version of the decision module and the build date."""
    return f"Version {__version__}, built on {build_date()}."


def is_offline_copy(config: MkDocsConfig) -> bool:
    """True in the nested build that makes the file-openable copy (Material's offline plugin on)."""
    offline = next((p for name, p in config.plugins.items() if name.endswith("offline")), None)
    return bool(offline and offline.config.enabled)
