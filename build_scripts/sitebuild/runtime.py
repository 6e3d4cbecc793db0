"""Put the browser runtime into a built site: the Pyodide files from npm and the calculator wheel.

Run by the `calculator_assets` hook after each build; also runnable alone:
    python -m sitebuild.runtime site
After updating Pyodide or the shim in package.json, record the new files' hashes:
    python -m sitebuild.runtime --record-hashes
Idempotent. Under a quick build (`mkdocs serve`) it copies only what changed and reuses a wheel built
from the same sources.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import os
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

from .browser import open_blank_page, page_on_served_site
from .paths import IFRAME_WORKER_SHIM, PYODIDE_DIR, ROOT, SNAPSHOT, SNAPSHOT_JSC, WHEEL
from .static_server import serve_in_thread
from .webkit import webkit_session

NODE_MODULES = ROOT / "node_modules"
PYODIDE_NPM = NODE_MODULES / "pyodide"
# What loadPyodide fetches for the core runtime; the rest of the npm package is not needed.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
SHIM_NPM = NODE_MODULES / "iframe-worker" / "shim" / "index.js"
# The sha256 of every file the site vendors from node_modules, recorded in the repository when a version
# changes (`python -m sitebuild.runtime --record-hashes`): npm checks the package, this each file copied.
VENDORED_HASHES = Path(__file__).with_name("vendored.sha256")
# What the wheel is built from: when none of it changed, a quick build reuses the last wheel.
WHEEL_SOURCES = ("pyproject.toml", "calculator/*.py")


class VendoredFileChanged(Exception):
    """A file from node_modules differs from the hash the repository recorded for it."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def vendored_files() -> list[Path]:
    return [*(PYODIDE_NPM / name for name in PYODIDE_FILES), SHIM_NPM]


def recorded_hashes() -> dict[str, str]:
    """`sha256sum` format: each line a hash, two spaces, the path under node_modules."""
    lines = VENDORED_HASHES.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ", 1) for line in lines if line.strip())}


def copy_vendored(source: Path, dest: Path, node_modules: Path = NODE_MODULES) -> None:
    """Copy a file from node_modules after checking it against its recorded hash. A copy in the site
    with the same size and time is left alone (copy2 keeps both, so it was checked when copied), which
    keeps `mkdocs serve` cheap; `mkdocs build` starts from an empty site and checks every file."""
    if not source.is_file():
        raise FileNotFoundError(f"{source} missing: run build_scripts/commands/setup.sh")
    if dest.is_file():
        a, b = source.stat(), dest.stat()
        if (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns):
            return
    name = source.relative_to(node_modules).as_posix()
    expected = recorded_hashes().get(name)
    if expected is None:
        raise VendoredFileChanged(f"{name} has no hash in {VENDORED_HASHES.name}: record it (see the README)")
    if sha256(source) != expected:
        raise VendoredFileChanged(
            f"node_modules/{name} is not the file whose hash {VENDORED_HASHES.name} records: run "
            "build_scripts/commands/setup.sh again, or record the new version's hashes (see the README)"
        )
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, dest)


def copy_pyodide(site: Path, node_modules: Path = NODE_MODULES) -> None:
    for name in PYODIDE_FILES:
        source = node_modules / PYODIDE_NPM.relative_to(NODE_MODULES) / name
        copy_vendored(source, site / PYODIDE_DIR / name, node_modules)


def copy_iframe_worker_shim(site: Path) -> None:
    """Material's search worker from file:// runs in an iframe through this shim."""
    copy_vendored(SHIM_NPM, site / IFRAME_WORKER_SHIM)


def record_hashes() -> None:
    lines = [f"{sha256(path)}  {path.relative_to(NODE_MODULES).as_posix()}" for path in vendored_files()]
    VENDORED_HASHES.write_text("\n".join(lines) + "\n", encoding="utf-8")


def wheel_sources_digest() -> str:
    digest = hashlib.sha256()
    for pattern in WHEEL_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


WHEEL_EPOCH = 315532800  # 1980-01-01 UTC: the wheel's file times, and the snapshot's clock


def build_wheel(site: Path, reuse: bool = False) -> Path:
    """The calculator as a pure py3-none-any wheel (pyodide-build needs Python 3.12+, so `build`).
    With `reuse`, a wheel already in `site` built from the same sources is kept."""
    dest = site / WHEEL
    stamp = dest.with_suffix(".sources")
    if reuse and dest.is_file() and stamp.is_file() and stamp.read_text() == wheel_sources_digest():
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        # Its files dated 1980-01-01 (the zip format's first day), not by the commit: the same sources give
        # the same wheel, and so the same snapshot, whatever else a deploy changes.
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp, str(ROOT)],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": str(WHEEL_EPOCH)},
        )
        wheels = list(Path(tmp).glob("calculator-*-py3-none-any.whl"))
        if [w.name for w in wheels] != [dest.name]:
            raise RuntimeError(f"expected the pure wheel {dest.name}, got {[w.name for w in wheels]}")
        for old in dest.parent.glob("calculator-*.whl"):
            old.unlink()
        shutil.copy2(wheels[0], dest)
    if reuse:
        stamp.write_text(wheel_sources_digest())
    return dest


# Run in Chromium: boot Pyodide as the worker would, install the wheel and import the calculator (so the
# restored worker needs neither), snapshot the memory, and gzip it for the trip back (mostly zeros).
# The wheel is unpacked by Python from a file, not by loadPackage: a snapshot may hold no reference to a
# JavaScript object, and loadPackage leaves one.
# The page's randomness and clocks are fixed first, so that the same runtime and wheel give the same bytes
# (and an unchanged build costs a tablet nothing): Python's hash secret and random state, and the files'
# times, are otherwise new at each boot. Every device restores this one snapshot, so they share that state
# anyway; nothing in the calculator draws on it. With the clock stopped, a new folder looks unchanged to the
# import system: its caches are cleared before the import.
MAKE_SNAPSHOT = """
async ([indexURL, wheel, now]) => {
  let state = 0x2545f491;
  Object.defineProperty(crypto, "getRandomValues", { value: (array) => {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let i = 0; i < bytes.length; i++) {
      state ^= state << 13; state ^= state >>> 17; state ^= state << 5; bytes[i] = state;  // xorshift32
    }
    return array;
  } });
  Date.now = () => now;  // the wheel's date
  performance.now = () => 0;
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true });
  pyodide.FS.writeFile("/tmp/calculator.whl", new Uint8Array(await (await fetch(wheel)).arrayBuffer()));
  pyodide.runPython(
    "import site, zipfile\\n" +
    "zipfile.ZipFile('/tmp/calculator.whl').extractall(site.getsitepackages()[0])\\n" +
    "import importlib; importlib.invalidate_caches()\\n" +
    "import calculator.api"
  );
  const gzipped = new Response(
    new Blob([pyodide.makeMemorySnapshot()]).stream().pipeThrough(new CompressionStream("gzip")));
  const bytes = new Uint8Array(await gzipped.arrayBuffer());
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
"""


def make_snapshots(site: Path) -> list[Path]:
    """Memory snapshots of Pyodide booted with the calculator imported: the worker restores one instead
    of starting Python, loading the wheel and importing, which is most of its start-up time. Made by this
    build's own runtime and wheel, once in Chromium and once in WebKit, as each engine's function table
    differs; stored without their zero pages (`sparse`; the precompress hook writes their .gz)."""
    return [make_snapshot(site), make_jsc_snapshot(site)]


def snapshot_arguments(base: str) -> list[object]:
    return [f"{base}{PYODIDE_DIR.as_posix()}/", base + WHEEL.as_posix(), WHEEL_EPOCH * 1000]


def write_snapshot(site: Path, path: Path, encoded: str) -> Path:
    (site / path).write_bytes(sparse(gzip.decompress(base64.b64decode(encoded))))
    return site / path


def make_snapshot(site: Path) -> Path:
    """The snapshot V8 and SpiderMonkey restore, made in Chromium."""
    with page_on_served_site(site) as (page, base):
        open_blank_page(page, base)
        encoded = page.evaluate(MAKE_SNAPSHOT, snapshot_arguments(base))
    return write_snapshot(site, SNAPSHOT, encoded)


# A page of the site's origin with no policy of its own, so that the script may compile WebAssembly (the
# site's pages rightly forbid it); there only while the snapshot is made.
BLANK_PAGE = "make-snapshot.html"


def make_jsc_snapshot(site: Path) -> Path:
    """The snapshot JavaScriptCore restores, made in WebKit (WebKitGTK's MiniBrowser)."""
    blank = site / BLANK_PAGE
    blank.write_text("<!doctype html><title>Making the snapshot</title>", encoding="utf-8")
    server, base = serve_in_thread(site)
    try:
        with webkit_session() as session:
            session.set_script_timeout(600)  # JavaScriptCore boots Python slowly: that is what the snapshot saves
            session.get(base + BLANK_PAGE)
            encoded = session.execute_async_script(
                f"const done = arguments[arguments.length - 1];"
                f"({MAKE_SNAPSHOT})(arguments[0]).then(done, (error) => done({{ failed: String(error) }}));",
                snapshot_arguments(base),
            )
    finally:
        server.shutdown()
        server.server_close()
        blank.unlink()
    if not isinstance(encoded, str):
        raise RuntimeError(f"WebKit could not make the snapshot: {encoded}")
    return write_snapshot(site, SNAPSHOT_JSC, encoded)


PAGE = 4096


def sparse(memory: bytes) -> bytes:
    """The snapshot without its zero pages, half of Python's memory: less to read from a cache or
    decompress on every start. Unpacked by docs/assets/calculator/snapshot.js. Little-endian uint32s:
    the memory's size, the number of runs, each run's offset and length; then the runs' bytes."""
    zero = bytes(PAGE)
    runs: list[tuple[int, int]] = []
    for offset in range(0, len(memory), PAGE):
        chunk = memory[offset : offset + PAGE]
        if chunk == zero[: len(chunk)]:
            continue
        if runs and runs[-1][0] + runs[-1][1] == offset:
            runs[-1] = (runs[-1][0], runs[-1][1] + len(chunk))
        else:
            runs.append((offset, len(chunk)))
    header = struct.pack(f"<{2 + 2 * len(runs)}I", len(memory), len(runs), *(n for run in runs for n in run))
    return header + b"".join(memory[offset : offset + length] for offset, length in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, nargs="?", help="the built site folder")
    parser.add_argument("--record-hashes", action="store_true", help=f"record {VENDORED_HASHES.name} from node_modules")
    args = parser.parse_args()
    if args.record_hashes:
        record_hashes()
        print(VENDORED_HASHES.read_text(encoding="utf-8"), end="")
        return
    if args.site is None:
        parser.error("the site folder is needed")
    site = args.site
    copy_iframe_worker_shim(site)
    copy_pyodide(site)
    print(build_wheel(site))
    for snapshot in make_snapshots(site):
        print(snapshot)


if __name__ == "__main__":
    main()
