"""Fetching from the served site without a browser, to read what the host sends; and telling its
files apart in a browser's requests."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from email.message import Message
from pathlib import Path
from urllib.parse import urlparse


def fetch(url: str, **headers: str) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers, b""


def site_file(path: Path) -> Callable[[str], bool]:
    """A route's matcher for one of the site's files (`sitebuild.paths`), whatever its query."""
    return lambda url: urlparse(url).path.endswith(f"/{path.as_posix()}")
