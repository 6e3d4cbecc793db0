"""The browser tests in every engine (`sitebuild.engines`): the site served with a watch script first in
every page, and the one way the card is read."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO

from sitebuild.static_server import SiteHandler

SUPPORT = Path(__file__).parent
WATCH_URL = "/__watch.js"
WATCH = (SUPPORT / "watch.js").read_bytes()
READ_CARD = (SUPPORT / "read_card.js").read_text(encoding="utf-8")
REQUESTED: list[str] = []  # every path a watched server was asked for, in order, until a test clears it


class WatchedHandler(SiteHandler):
    """The site as served, with watch.js as the first script of each page a browser navigates to (not of
    what a service worker fetches to store: its hashes are of the files as built)."""

    def send_head(self) -> BinaryIO | None:
        REQUESTED.append(self.path.split("?", 1)[0])
        if self.path.split("?", 1)[0] == WATCH_URL:
            return self.send_body(WATCH, "text/javascript")
        path = self.requested_file()
        redirect = Path(self.translate_path(self.path)).is_dir() and not self.path.split("?", 1)[0].endswith("/")
        if path and path.suffix == ".html" and not redirect and self.headers.get("Sec-Fetch-Dest") == "document":
            page = path.read_bytes().replace(b"<head>", f'<head><script src="{WATCH_URL}"></script>'.encode(), 1)
            return self.send_body(page, "text/html; charset=utf-8")
        return super().send_head()

    def send_body(self, body: bytes, content_type: str) -> BinaryIO:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)
