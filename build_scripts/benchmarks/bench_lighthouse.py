"""Lighthouse (npm, pinned in package.json) over every page of a built site, served as deployed
(precompressed, Content-Encoding), mobile preset. Prints a table of every page and category; asserts
nothing.

    .venv/bin/python build_scripts/benchmarks/bench_lighthouse.py [SITE_DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
from pathlib import Path

from sitebuild.browser import chromium_path
from sitebuild.paths import ROOT
from sitebuild.static_server import serve_in_thread

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}


def pages(site: Path) -> list[str]:
    """Every page of the site as its URL path, the 404 page left out."""
    return sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if "assets" not in p.parts
    )


def audit(url: str, out: Path) -> tuple[dict[str, float], list[str]]:
    subprocess.run(
        [
            "npx", "--no-install", "lighthouse", url,
            "--quiet", "--output=json", f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        cwd=ROOT,
        env={**os.environ, "CHROME_PATH": chromium_path()},
        check=True,
        capture_output=True,
    )  # fmt: skip
    report = json.loads(out.read_text())
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    failing = [
        f"{a['id']} ({a['score']})"
        for c in CATEGORIES
        if scores[c] is not None and scores[c] < TARGETS[c]
        for ref in report["categories"][c]["auditRefs"]
        if ref["weight"] and (a := report["audits"][ref["id"]])["score"] is not None and a["score"] < 0.9
    ]
    return scores, failing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    site = parser.parse_args().site
    server, base = serve_in_thread(site)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in pages(site):
            rows.append((path or "(home)", *audit(base + path, Path(tmp) / "report.json")))
    server.shutdown()
    print("Lighthouse, mobile preset, served on 127.0.0.1 with Content-Encoding; targets:", TARGETS)
    print(f"| {'page':<28} | " + " | ".join(f"{c:>14}" for c in CATEGORIES) + " | below target |")
    print(f"|{'-' * 30}|" + "|".join("-" * 16 for _ in CATEGORIES) + "|---|")
    for path, scores, failing in rows:
        cells = " | ".join(f"{scores[c]:>14.2f}" if scores[c] is not None else f"{'-':>14}" for c in CATEGORIES)
        print(f"| {path:<28} | {cells} | {', '.join(failing) or '-'} |")


if __name__ == "__main__":
    main()
