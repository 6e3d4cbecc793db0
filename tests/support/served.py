"""Fetching from the served site without a browser, to read what the host sends."""

from __future__ import annotations

import urllib.error
import urllib.request
from email.message import Message


def fetch(url: str, **headers: str) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers, b""
