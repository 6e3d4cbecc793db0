"""Serve a built site on 127.0.0.1 as a production host would: the MIME types Pyodide and module
workers need, each file's precompressed .gz sibling with `Content-Encoding: gzip` when the browser
accepts it (as nginx's gzip_static does), and the security headers of `csp.py` (a page's own policy
again with `frame-ancestors`; on every script the workers' policy, which for the calculator's worker
alone allows WebAssembly).

Python 3.11's http.server does not know .mjs, and a module worker refuses a
script served as anything but JavaScript.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import http.server
import os
import threading
from pathlib import Path
from typing import BinaryIO

from sitebuild import csp

EXTRA_TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".webmanifest": "application/manifest+json",
    ".whl": "application/zip",
    ".json": "application/json",
}


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **EXTRA_TYPES}
    max_age: int | None = None  # None: every request revalidates

    def send_head(self) -> BinaryIO | None:
        encoded = self.encoded_file()
        if encoded is None:
            return super().send_head()
        path, gz = encoded
        stat = gz.stat()
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            with contextlib.suppress(TypeError, ValueError, OverflowError, IndexError):
                if int(stat.st_mtime) <= email.utils.parsedate_to_datetime(since).timestamp():
                    self.send_response(http.HTTPStatus.NOT_MODIFIED)
                    self.send_header("Vary", "Accept-Encoding")
                    self.end_headers()
                    return None
        handle = gz.open("rb")
        self.send_response(http.HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", self.date_time_string(stat.st_mtime))
        self.end_headers()
        return handle

    def requested_file(self) -> Path | None:
        """The file the request names (a folder's: its index.html), if it exists."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    def encoded_file(self) -> tuple[Path, Path] | None:
        """The requested file and its .gz sibling, when the browser accepts gzip and the sibling exists."""
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return None
        if Path(self.translate_path(self.path)).is_dir() and not self.path.split("?", 1)[0].endswith("/"):
            return None  # the parent class redirects to the slash
        path = self.requested_file()
        if path is None:
            return None
        gz = path.with_name(path.name + ".gz")
        return (path, gz) if gz.is_file() and os.access(gz, os.R_OK) else None

    def end_headers(self) -> None:
        # By default every request revalidates, so a rebuilt site is seen at once (the service worker
        # caches); a test may play a host that lets browsers keep files for a while.
        self.send_header("Cache-Control", "no-cache" if self.max_age is None else f"max-age={self.max_age}")
        for name, value in csp.SECURITY_HEADERS.items():
            self.send_header(name, value)
        policy = self.policy()
        if policy:
            self.send_header(csp.META_NAME, policy)
        super().end_headers()

    def policy(self) -> str | None:
        """`csp.response_policy` for the file asked for."""
        path = self.requested_file()
        if path is None:
            return None
        return csp.response_policy(Path(self.directory), Path(os.path.relpath(path, self.directory)).as_posix())

    def log_message(self, format: str, *args: object) -> None:
        pass


def make_server(
    directory: Path, port: int = 0, max_age: int | None = None, handler: type[SiteHandler] = SiteHandler
) -> http.server.ThreadingHTTPServer:
    """A server for `directory` on 127.0.0.1 (port 0: any free port); `handler`, a SiteHandler of a test's."""
    handler_class = type("Handler", (handler,), {"max_age": max_age})
    bound = functools.partial(handler_class, directory=str(directory))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), bound)


def serve_in_thread(
    directory: Path, max_age: int | None = None, handler: type[SiteHandler] = SiteHandler
) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Start serving in a daemon thread; returns the server and its base URL."""
    server = make_server(directory, max_age=max_age, handler=handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = make_server(args.directory, args.port)
    print(f"Serving {args.directory} on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C stops)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
