"""Precompressed siblings (`file.gz`) of the site's text, wasm and snapshot, as a host serves them with
`Content-Encoding: gzip` (nginx's gzip_static, most static hosts): the browser decompresses natively,
and nothing is compressed per request. Same bytes for the same content (no timestamp inside)."""

from __future__ import annotations

import gzip
from pathlib import Path

COMPRESSIBLE = {
    ".html",
    ".css",
    ".js",
    ".mjs",
    ".json",
    ".svg",
    ".xml",
    ".txt",
    ".map",
    ".webmanifest",
    ".wasm",
    ".bin",
}
SMALLEST = 1024  # below this a compressed response saves less than its headers cost
WORTH_IT = 0.9  # keep a .gz only if it is at most this fraction of the original
LARGE = 4 * 1024 * 1024  # past this, level 6: almost as small as 9 and several times faster


def siblings(site: Path) -> list[Path]:
    """Write every missing or outdated .gz sibling; returns the ones that exist afterwards."""
    written = []
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in COMPRESSIBLE):
        size = path.stat().st_size
        target = path.with_name(path.name + ".gz")
        if size < SMALLEST:
            target.unlink(missing_ok=True)
            continue
        if target.is_file() and target.stat().st_mtime_ns >= path.stat().st_mtime_ns:
            written.append(target)
            continue
        data = gzip.compress(path.read_bytes(), compresslevel=6 if size > LARGE else 9, mtime=0)
        if len(data) <= size * WORTH_IT:
            target.write_bytes(data)
            written.append(target)
        else:
            target.unlink(missing_ok=True)
    return written
