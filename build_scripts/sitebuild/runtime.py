"""Put the browser runtime into a built site: the Pyodide files from npm and the calculator wheel.

Run by the `calculator_assets` hook after each build; also runnable alone:
    python -m sitebuild.runtime site
Idempotent. Under a quick build (`mkdocs serve`) it copies only what changed and reuses a wheel built
from the same sources.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .browser import page_on_served_site
from .paths import IFRAME_WORKER_SHIM, PYODIDE_DIR, ROOT, SNAPSHOT, WHEEL

PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
# What loadPyodide fetches for the core runtime; the rest of the npm package is not needed.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
SHIM_NPM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
# What the wheel is built from: when none of it changed, a quick build reuses the last wheel.
WHEEL_SOURCES = ("pyproject.toml", "calculator/*.py")


def copy_if_changed(source: Path, dest: Path) -> None:
    """Copy unless `dest` already has the same size and modification time (copy2 keeps them)."""
    if dest.is_file():
        a, b = source.stat(), dest.stat()
        if (a.st_size, a.st_mtime_ns) == (b.st_size, b.st_mtime_ns):
            return
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, dest)


def copy_pyodide(site: Path) -> None:
    missing = [name for name in PYODIDE_FILES if not (PYODIDE_NPM / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"Pyodide runtime missing from {PYODIDE_NPM} ({', '.join(missing)}): run build_scripts/commands/setup.sh"
        )
    for name in PYODIDE_FILES:
        copy_if_changed(PYODIDE_NPM / name, site / PYODIDE_DIR / name)


def copy_iframe_worker_shim(site: Path) -> None:
    """Material's search worker from file:// runs in an iframe through this shim."""
    if not SHIM_NPM.is_file():
        raise FileNotFoundError(f"{SHIM_NPM} missing: run build_scripts/commands/setup.sh")
    copy_if_changed(SHIM_NPM, site / IFRAME_WORKER_SHIM)


def wheel_sources_digest() -> str:
    digest = hashlib.sha256()
    for pattern in WHEEL_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build_wheel(site: Path, reuse: bool = False) -> Path:
    """The calculator as a pure py3-none-any wheel (pyodide-build needs Python 3.12+, so `build`).
    With `reuse`, a wheel already in `site` built from the same sources is kept."""
    dest = site / WHEEL
    stamp = dest.with_suffix(".sources")
    if reuse and dest.is_file() and stamp.is_file() and stamp.read_text() == wheel_sources_digest():
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp, str(ROOT)],
            check=True,
            capture_output=True,
            text=True,
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
MAKE_SNAPSHOT = """
async ([indexURL, wheel]) => {
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true });
  pyodide.FS.writeFile("/tmp/calculator.whl", new Uint8Array(await (await fetch(wheel)).arrayBuffer()));
  pyodide.runPython(
    "import site, zipfile\\n" +
    "zipfile.ZipFile('/tmp/calculator.whl').extractall(site.getsitepackages()[0])\\n" +
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


def make_snapshot(site: Path) -> Path:
    """A memory snapshot of Pyodide booted with the calculator imported: the worker restores it instead
    of starting Python, loading the wheel and importing, which is most of its start-up time. Made by this
    build's own runtime and wheel in Chromium; stored raw (the precompress hook writes its .gz)."""
    with page_on_served_site(site) as (page, base):
        page.goto(base + "404.html")
        encoded = page.evaluate(MAKE_SNAPSHOT, [f"{base}{PYODIDE_DIR.as_posix()}/", base + WHEEL.as_posix()])
    (site / SNAPSHOT).write_bytes(gzip.decompress(base64.b64decode(encoded)))
    return site / SNAPSHOT


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="the built site folder")
    site = parser.parse_args().site
    copy_iframe_worker_shim(site)
    copy_pyodide(site)
    print(build_wheel(site))
    print(make_snapshot(site))


if __name__ == "__main__":
    main()
