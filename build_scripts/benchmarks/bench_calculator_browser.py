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

Then, in each engine a clinic tablet may run (Chromium, Firefox ESR, WebKitGTK: `sitebuild.engines`), the
same run after run: ready after a cold visit, a warm one (HTTP cache; the site served without its service
worker), and one served by the installed service worker, each warm visit a few seconds after the last
(SETTLE_S); with the start path taken and each median as a ratio to Chromium's, all measured in the one
run, the engines taking turns. `--engines` measures only that.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, Request, sync_playwright

from sitebuild.browser import chromium_path, open_blank_page
from sitebuild.engines import ENGINES, TABLET, FirefoxBridge, Tab, open_tab, wait_for_script
from sitebuild.paths import ROOT, SERVICE_WORKER
from sitebuild.static_server import SiteHandler, serve_in_thread
from sitebuild.webkit import display

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
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
    context = browser.new_context(viewport=TABLET, service_workers="allow")
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


class WithoutServiceWorker(SiteHandler):
    """The site as served, but for its service worker: a warm visit then comes from the HTTP cache alone."""

    def send_head(self) -> Any:
        if self.path.split("?", 1)[0] == f"/{SERVICE_WORKER.as_posix()}":
            self.send_error(404)
            return None
        return super().send_head()


ENGINE_READY = "() => performance.getEntriesByName('calculator-ready')[0]?.startTime ?? null"
ENGINE_START = "() => performance.getEntriesByName('calculator-ready')[0].detail"
# The snapshot the calculator asked the service worker to keep, stored.
KEPT = """async () => { const from = performance.getEntriesByName('calculator-ready')[0].detail.from;
  return (await Promise.all((await caches.keys()).map(async (name) => (await (await caches.open(name)).keys())
    .some((request) => new URL(request.url).pathname === from)))).some(Boolean); }"""


def engine_ready(tab: Tab, url: str) -> dict[str, Any]:
    tab.goto(url)
    ready = wait_for_script(tab, ENGINE_READY, 120, "the calculator ready")
    started = tab.run(ENGINE_START)
    return {"ready": ready, "start path": f"{started['path']} {started.get('from') or ''}".strip()}


# A warm visit is a later one: the previous page closed a moment before, and the engine done putting its
# Python away. Straight after it, WebKit tears the old worker's memory down while the new one starts, and
# both lose (seen here: ready 3.5-4.4 s instead of 2.7-2.8 s); so each engine is given the same pause.
SETTLE_S = 3.0


def later(tab: Tab, url: str) -> dict[str, Any]:
    tab.goto("about:blank")
    time.sleep(SETTLE_S)
    return engine_ready(tab, url)


def engine_run(tab: Tab, plain: str, installed: str) -> dict[str, dict[str, Any]]:
    """Cold and warm (HTTP) from the server without a service worker, then warm (SW) once it controls and
    holds the engine's snapshot."""
    run = {"cold": engine_ready(tab, plain + "calculator/"), "warm (HTTP)": later(tab, plain + "calculator/")}
    engine_ready(tab, installed + "calculator/")  # installs the service worker, which then keeps the snapshot
    wait_for_script(tab, "() => !!navigator.serviceWorker.controller", 120, "the service worker in control")
    wait_for_script(tab, KEPT, 120, "the engine's snapshot stored")
    run["warm (SW)"] = later(tab, installed + "calculator/")
    return run


def engines(site: Path, runs: int) -> None:
    plain_server, plain = serve_in_thread(site, handler=WithoutServiceWorker)
    installed_server, installed = serve_in_thread(site)
    results: dict[str, list[dict[str, dict[str, Any]]]] = {engine: [] for engine in ENGINES}
    try:
        with sync_playwright() as p, display():
            browser = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
            bridge = FirefoxBridge()
            drivers = {"chromium": browser, "firefox": bridge, "webkit": None}
            try:
                for _ in range(runs):
                    for engine in ENGINES:  # taking turns, so that a busy moment of the machine falls on all three
                        tab = open_tab(engine, drivers[engine])
                        try:
                            results[engine].append(engine_run(tab, plain, installed))
                        finally:
                            tab.close()
            finally:
                bridge.quit()
                browser.close()
    finally:
        for server in (plain_server, installed_server):
            server.shutdown()
            server.server_close()
    print(f"\nEvery engine: {runs} runs each, {os.cpu_count()} cores, ready in ms from the page's start")
    head = ("engine", "start", "median", "min", "max", "x Chromium")
    print("| {:<9} | {:<12} | {:>8} | {:>8} | {:>8} | {:>10} | start path".format(*head))
    print(f"|{'-' * 11}|{'-' * 14}|{'-' * 10}|{'-' * 10}|{'-' * 10}|{'-' * 12}|{'-' * 30}")
    for engine in ENGINES:
        for start in ("cold", "warm (HTTP)", "warm (SW)"):
            values = [run[start]["ready"] for run in results[engine]]
            chromium = statistics.median(run[start]["ready"] for run in results["chromium"])
            paths = ", ".join(sorted({run[start]["start path"] for run in results[engine]}))
            print(
                f"| {engine:<9} | {start:<12} | {statistics.median(values):>8,.0f} | {min(values):>8,.0f} | "
                f"{max(values):>8,.0f} | {statistics.median(values) / chromium:>10.2f} | {paths}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--engines", action="store_true", help="only the comparison of the three engines")
    args = parser.parse_args()
    if args.engines:
        engines(args.site, args.runs)
        return
    server, base = serve_in_thread(args.site)
    url = base + "calculator/"
    results: dict[int, list[dict[str, dict[str, Any]]]] = {1: [], 4: []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
        for rate, runs in results.items():
            for _ in range(args.runs):
                context = browser.new_context(viewport=TABLET, service_workers="block")
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
    engines(args.site, args.runs)


if __name__ == "__main__":
    main()
