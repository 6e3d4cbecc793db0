"""Put the browser runtime into a built site: the Pyodide files from npm and the calculator wheel.

Run by the `calculator_assets` hook after each build; also runnable alone:
    python build_scripts/vendor_runtime.py site
Idempotent: it overwrites the same files each time.
"""

from __future__ import annotations

import argparse
import base64
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from site_build import page_on_served_site

ROOT = Path(__file__).resolve().parents[1]
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
# What loadPyodide fetches for the core runtime; the rest of the npm package is not needed.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
PYODIDE_DIR = Path("assets/pyodide")
IFRAME_WORKER_SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_PATH = Path("assets/javascripts/iframe-worker-shim.js")
WHEEL_DIR = Path("assets/calculator")


def copy_pyodide(site: Path) -> None:
    missing = [name for name in PYODIDE_FILES if not (PYODIDE_NPM / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"Pyodide runtime missing from {PYODIDE_NPM} ({', '.join(missing)}): run build_scripts/setup.sh"
        )
    dest = site / PYODIDE_DIR
    dest.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(PYODIDE_NPM / name, dest / name)


def copy_iframe_worker_shim(site: Path) -> None:
    """Material's search worker from file:// runs in an iframe through this shim."""
    if not IFRAME_WORKER_SHIM.is_file():
        raise FileNotFoundError(f"{IFRAME_WORKER_SHIM} missing: run build_scripts/setup.sh")
    (site / SHIM_PATH).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(IFRAME_WORKER_SHIM, site / SHIM_PATH)


def build_wheel(site: Path) -> Path:
    """The calculator as a pure py3-none-any wheel (pyodide-build needs Python 3.12+, so `build`)."""
    dest = site / WHEEL_DIR
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp, str(ROOT)],
            check=True,
            capture_output=True,
            text=True,
        )
        wheels = list(Path(tmp).glob("calculator-*-py3-none-any.whl"))
        if len(wheels) != 1:
            raise RuntimeError(f"expected one pure calculator wheel, got {[w.name for w in wheels]}")
        for old in dest.glob("calculator-*.whl"):
            old.unlink()
        return Path(shutil.copy2(wheels[0], dest / wheels[0].name))


SNAPSHOT = PYODIDE_DIR / "snapshot.bin.gz"
# Run in Chromium: boot Pyodide as the worker would, snapshot its memory, gzip it (mostly zeros).
MAKE_SNAPSHOT = """
async (indexURL) => {
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL, _makeSnapshot: true });
  const gzipped = new Response(
    new Blob([pyodide.makeMemorySnapshot()]).stream().pipeThrough(new CompressionStream("gzip")));
  const bytes = new Uint8Array(await gzipped.arrayBuffer());
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
"""


def make_snapshot(site: Path) -> Path:
    """A memory snapshot of a booted Pyodide: the worker restores it instead of starting Python
    from nothing, which is most of its start-up time. Made by this build's own runtime in Chromium."""
    with page_on_served_site(site) as (page, base):
        page.goto(base + "404.html")
        encoded = page.evaluate(MAKE_SNAPSHOT, f"{base}{PYODIDE_DIR.as_posix()}/")
    (site / SNAPSHOT).write_bytes(base64.b64decode(encoded))
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
