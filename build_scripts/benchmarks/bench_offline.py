"""Figures for the offline app and the downloads of a built site. Prints them; asserts nothing.

.venv/bin/python build_scripts/benchmarks/bench_offline.py [SITE_DIR] [--runs N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright
from pypdf import PdfReader

from sitebuild.browser import chromium_path
from sitebuild.paths import PDF, ROOT, ZIP
from sitebuild.static_server import serve_in_thread

# From navigation start to the service worker active with every file precached.
INSTALLED = "navigator.serviceWorker.ready.then(r => new Promise(done => { const w = r.active; "
INSTALLED += "w.state === 'activated' ? done(performance.now()) : w.addEventListener('statechange', "
INSTALLED += "() => w.state === 'activated' && done(performance.now())); }))"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    site: Path = args.site

    found = re.search(r"const FILES = (\{.*?\});", (site / "sw.js").read_text(), re.DOTALL)
    if not found:
        raise SystemExit(f"{site / 'sw.js'} lists no files: build the site first")
    files = json.loads(found.group(1))
    unique = {f for f in files if (site / f).is_file()}
    precache_bytes = sum((site / f).stat().st_size for f in unique)

    server, base = serve_in_thread(site)
    times = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"])
        for _ in range(args.runs):
            context = browser.new_context(service_workers="allow")
            page = context.new_page()
            page.goto(base)
            times.append(page.evaluate(INSTALLED))
            context.close()
        browser.close()
    server.shutdown()

    pdf = PdfReader(site / PDF)
    print(f"| {'figure':<44} | {'value':>16} |")
    print(f"|{'-' * 46}|{'-' * 18}|")
    rows = [
        ("precache: URLs listed", f"{len(files)}"),
        ("precache: distinct files", f"{len(unique)}"),
        ("precache: bytes", f"{precache_bytes:,}"),
        (f"service worker installed, median of {args.runs} (ms)", f"{statistics.median(times):,.0f}"),
        ("service worker installed, min-max (ms)", f"{min(times):,.0f}-{max(times):,.0f}"),
        ("PDF handout: pages", f"{len(pdf.pages)}"),
        ("PDF handout: bytes", f"{(site / PDF).stat().st_size:,}"),
        ("offline zip: bytes", f"{(site / ZIP).stat().st_size:,}"),
    ]
    for name, value in rows:
        print(f"| {name:<44} | {value:>16} |")


if __name__ == "__main__":
    main()
