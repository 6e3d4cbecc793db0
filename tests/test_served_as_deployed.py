"""The site as a host serves it: each text, wasm and snapshot file has a precompressed .gz that the
server sends with Content-Encoding to a browser that accepts it, as nginx's gzip_static does; and the
runtime files vendored into it are the ones whose hashes the repository recorded."""

from __future__ import annotations

import gzip
import shutil
import struct
from pathlib import Path

import pytest

from sitebuild import runtime
from sitebuild.paths import PYODIDE_DIR, SNAPSHOT
from sitebuild.precompress import COMPRESSIBLE, SMALLEST
from tests.support.served import fetch


def test_every_large_text_wasm_and_snapshot_file_has_a_gz_with_the_same_content(site_dir: Path):
    checked = []
    for path in site_dir.rglob("*"):
        if path.is_file() and path.suffix in COMPRESSIBLE and path.stat().st_size >= SMALLEST:
            gz = path.with_name(path.name + ".gz")
            if gz.exists():  # absent only where compressing did not pay
                assert gzip.decompress(gz.read_bytes()) == path.read_bytes(), path
                checked.append(path.relative_to(site_dir).as_posix())
    for must in (SNAPSHOT.as_posix(), "assets/pyodide/pyodide.asm.wasm", "calculator/index.html"):
        assert must in checked


@pytest.mark.parametrize(
    ("path", "file", "content_type"),
    [
        ("calculator/", "calculator/index.html", "text/html"),
        ("assets/pyodide/pyodide.asm.wasm", "assets/pyodide/pyodide.asm.wasm", "application/wasm"),
        ("assets/pyodide/pyodide.asm.mjs", "assets/pyodide/pyodide.asm.mjs", "text/javascript"),
        (SNAPSHOT.as_posix(), SNAPSHOT.as_posix(), "application/octet-stream"),
    ],
)
def test_the_server_sends_the_gz_with_content_encoding_only_when_accepted(base_url, site_dir, path, file, content_type):
    original = (site_dir / file).read_bytes()
    status, headers, body = fetch(base_url + path, **{"Accept-Encoding": "gzip, deflate, br"})
    encoded_modified = headers["Last-Modified"]
    assert status == 200
    assert headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
    assert headers["Content-Type"].startswith(content_type)
    assert gzip.decompress(body) == original and len(body) < len(original)
    status, headers, body = fetch(base_url + path)
    assert status == 200 and headers["Content-Encoding"] is None and body == original
    status, _, _ = fetch(base_url + path, **{"Accept-Encoding": "gzip", "If-Modified-Since": encoded_modified})
    assert status == 304


def test_a_vendored_runtime_file_that_is_not_the_recorded_one_stops_the_build(tmp_path: Path):
    node_modules = tmp_path / "node_modules"
    for name in runtime.PYODIDE_FILES:
        source = runtime.PYODIDE_NPM / name
        (node_modules / "pyodide").mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, node_modules / "pyodide" / name)
    runtime.copy_pyodide(tmp_path / "site", node_modules)  # as recorded: copied
    assert (tmp_path / "site" / PYODIDE_DIR / "pyodide.asm.wasm").is_file()
    changed = node_modules / "pyodide" / "pyodide.asm.mjs"
    changed.write_bytes(changed.read_bytes() + b"\n// one line more\n")
    with pytest.raises(runtime.VendoredFileChanged, match=r"node_modules/pyodide/pyodide\.asm\.mjs is not the file"):
        runtime.copy_pyodide(tmp_path / "site", node_modules)


def test_the_snapshot_is_stored_without_its_zero_pages(site_dir: Path):
    stored = (site_dir / SNAPSHOT).read_bytes()
    size, count = struct.unpack_from("<2I", stored)
    runs = struct.unpack_from(f"<{2 * count}I", stored, 8)
    assert len(stored) == 8 + 8 * count + sum(runs[1::2])  # the header, then exactly the runs' bytes
    assert len(stored) < size * 0.6, (len(stored), size)  # about half of Python's memory is zero pages
