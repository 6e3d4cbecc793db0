"""Benchmark of the in-browser calculator in Chromium, on loopback, served as deployed (precompressed
files with Content-Encoding). Prints tables; asserts nothing.

    .venv/bin/python build_scripts/benchmarks/bench_calculator_browser.py [SITE_DIR] [--runs N]

SITE_DIR is a built site (default: site/, from `mkdocs build`). For each CPU speed (as is, and throttled
4x through the DevTools protocol as a stand-in for an old clinic tablet) it measures:
  cold         a first visit: empty cache, no service worker;
  warm (HTTP)  a second visit from the HTTP cache (a reload);
  warm (SW)    a second visit with the service worker installed and controlling the page;
  worker alone the calculator's worker started on a blank page of the site, after the cold and warm (HTTP)
               visits (no service worker): the runtime's own floor, with no page loading beside it;
and where each start-up went: the worker's start, the snapshot's fetch, restoring the runtime, and the
import of the calculator (nothing, when the snapshot already holds it).
"""

from __future__ import annotations

import argparse
import os
import statistics
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, Request, ViewportSize, sync_playwright

from sitebuild.browser import chromium_path, open_blank_page
from sitebuild.paths import ROOT
from sitebuild.static_server import serve_in_thread

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
VIEWPORT: ViewportSize = {"width": 768, "height": 1024}
REQUIRED = {
    "#course-2": "click",
    "#laterality-1": "click",
    "#cauda_equina-2": "click",
    "#multilevel_motor_deficit-2": "click",
    "#severe_deficit-2": "click",
    "#days_since_onset-1": "30",
}
TARGETS = {
    1: {"cold": 1200, "warm (HTTP)": 500, "warm (SW)": 500},
    4: {"cold": 4000, "warm (HTTP)": 1500, "warm (SW)": 1500},
}

LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver(list => window.__longTasks.push(...list.getEntries().map(e => e.duration)))
  .observe({type: "longtask", buffered: true});
"""

# The page's ready mark carries the worker's own timings; worker times are on the worker's clock.
READY_MARK = """
() => {
  const mark = performance.getEntriesByName("calculator-ready")[0];
  const t = mark.detail;  // none in a build from before the worker reported its timings
  return { ready: mark.startTime, started: t && t.origin + t.start - performance.timeOrigin, timings: t };
}
"""

# The calculator page's worker with the page's own files, to start elsewhere (as calculator.js's
# startWorker builds it).
WORKER_URL = """
() => {
  const app = document.getElementById("calculator-app");
  const site = new URL(app.dataset.root, location.href);
  const url = new URL(app.dataset.worker, site);
  for (const file of ["wheel", "snapshot", "check"]) url.searchParams.set(file, new URL(app.dataset[file], site).href);
  return url.href;
}
"""

# That worker started on a page doing nothing else; times from the worker's creation. A failed start is
# reported, not retried: the row is the snapshot path's floor.
START_ALONE = """
async (url) => {
  const created = performance.now();
  const worker = new Worker(url, { type: "module" });
  const t = await new Promise((resolve) => {
    setTimeout(() => resolve({ failed: "not ready in 120 s" }), 120000);
    worker.onmessage = ({ data }) => {
      if (data.ready) resolve(data.timings);
      if (data.failed) resolve({ failed: data.failed });
    };
    worker.onerror = () => resolve({ failed: "the worker did not start" });
  });
  const ready = performance.now() - created;
  worker.terminate();
  if (t?.failed) return { failed: t.failed };
  return { ready, started: t && t.origin + t.start - performance.timeOrigin - created, timings: t };
}
"""


def breakdown(mark: dict[str, Any]) -> dict[str, Any]:
    """Where a start went: ready and the worker's start from the page's (or, alone, the worker's) zero;
    the rest from the worker's own clock."""
    if "failed" in mark:
        return {"start path": f"failed: {mark['failed']}"}
    t = mark["timings"]
    if not t:
        return {"ready": mark["ready"]}
    snapshot = t.get("snapshot")  # none when it booted without the snapshot
    return {
        "ready": mark["ready"],
        "worker started": mark["started"],
        "snapshot fetched": None if snapshot is None else snapshot - t["start"],
        "runtime restored": t["runtime"] - (t["start"] if snapshot is None else snapshot),
        "calculator imported": t["imported"] - t["runtime"],
        "start path": t["path"],
    }


ANSWER_TO_RESULT = """
async (selector) => {
  const app = document.getElementById("calculator-app");
  const shown = new Promise(resolve => new MutationObserver((_, observer) => {
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now()));
  }).observe(app, {attributes: true, attributeFilter: ["data-results"]}));
  const start = performance.now();
  document.querySelector(selector).click();
  return (await shown) - start;
}
"""


def throttle(page: Page, rate: int) -> None:
    if rate > 1:
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": rate})


def ready(page: Page) -> dict[str, Any]:
    page.wait_for_selector("#calculator-app[data-state=ready]", timeout=120_000)
    return breakdown(page.evaluate(READY_MARK))


def cold_and_warm_http(context: BrowserContext, url: str, rate: int) -> dict[str, dict[str, Any]]:
    transferred: list[int] = []

    def count(request: Request) -> None:
        sizes = request.sizes()
        transferred.append(sizes["requestHeadersSize"] + sizes["responseHeadersSize"] + sizes["responseBodySize"])

    context.on("requestfinished", count)
    page = context.new_page()
    throttle(page, rate)
    page.add_init_script(LONG_TASKS)
    page.goto(url)
    cold = ready(page)
    cold["long tasks during load"] = sum(page.evaluate("window.__longTasks"))
    cold["bytes transferred"] = sum(transferred)
    for selector, action in REQUIRED.items():
        page.click(selector) if action == "click" else page.fill(selector, action)
    page.wait_for_selector(".result-rec")
    answers = [page.evaluate(ANSWER_TO_RESULT, f"#functional_impairment-{1 + i % 2}") for i in range(5)]
    cold["answer to result"] = statistics.median(answers)
    page.reload()
    warm = ready(page)
    worker_url = page.evaluate(WORKER_URL)
    open_blank_page(page, url)  # the site has no page that loads nothing beside the worker
    return {"cold": cold, "warm (HTTP)": warm, "worker alone": breakdown(page.evaluate(START_ALONE, worker_url))}


def warm_service_worker(browser: Browser, url: str, rate: int) -> dict[str, dict[str, Any]]:
    context = browser.new_context(viewport=VIEWPORT, service_workers="allow")
    try:
        page = context.new_page()
        page.goto(url)
        ready(page)
        # Installed (every file precached) and controlling this page: the installed tablet app.
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=120_000)
        throttle(page, rate)
        page.reload()
        result = ready(page)
        result["served by the service worker"] = page.evaluate("!!navigator.serviceWorker.controller")
        return {"warm (SW)": result}
    finally:
        context.close()


def table(title: str, runs: list[dict[str, dict[str, Any]]], targets: dict[str, int]) -> None:
    print(f"\n{title}")
    print(f"| {'start':<12} | {'metric':<24} | {'median':>10} | {'min':>10} | {'max':>10} | {'target':>8} |")
    print(f"|{'-' * 14}|{'-' * 26}|{'-' * 12}|{'-' * 12}|{'-' * 12}|{'-' * 10}|")
    for start in ("cold", "warm (HTTP)", "warm (SW)", "worker alone"):
        for metric in {m: None for run in runs for m in run[start]}:
            values = [run[start].get(metric) for run in runs]
            numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
            if len(numbers) != len(values):
                print(f"| {start:<12} | {metric:<24} | {', '.join(sorted({str(v) for v in values})):>36} | {'':>8} |")
                continue
            target = f"<= {targets[start]}" if metric == "ready" and start in targets else ""
            print(
                f"| {start:<12} | {metric:<24} | {statistics.median(numbers):>10,.1f} | {min(numbers):>10,.1f} | "
                f"{max(numbers):>10,.1f} | {target:>8} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    server, base = serve_in_thread(args.site)
    url = base + "calculator/"
    results: dict[int, list[dict[str, dict[str, Any]]]] = {1: [], 4: []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
        for rate, runs in results.items():
            for _ in range(args.runs):
                context = browser.new_context(viewport=VIEWPORT, service_workers="block")
                try:
                    run = cold_and_warm_http(context, url, rate)
                finally:
                    context.close()
                run.update(warm_service_worker(browser, url, rate))
                runs.append(run)
        version = browser.version
        browser.close()
    server.shutdown()
    print(f"Chromium {version}, {args.runs} runs each, {os.cpu_count()} cores, site served on 127.0.0.1 (ms, bytes)")
    for rate, runs in results.items():
        table("CPU as is" if rate == 1 else f"CPU throttled {rate}x", runs, TARGETS[rate])


if __name__ == "__main__":
    main()
